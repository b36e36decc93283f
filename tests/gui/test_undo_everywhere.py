"""Every screen that changes data does it through one operation path with one undo stack: Ctrl+Z and
Ctrl+Y work the same on 单位信息, 计量器具, 能耗定额, 废旧电子产品处置 and 工作任务 as in the grid, restore
exactly what SQLite held, the screens show it, and undo takes the user back to where the change was.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.meters import Meter, MeterKind
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import EwasteDisposal
from gxjn_desktop.domain.units import YearProfile
from gxjn_desktop.domain.workplan import WorkTask
from gxjn_desktop.gui import ewaste_dialog, file_dialogs, messages, meters_screen, quota_dialog, workplan_screen
from gxjn_desktop.gui.ewaste_dialog import EwasteDialog
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, TAB_METERS, TAB_UNIT, TAB_WORKPLAN, MainWindow
from gxjn_desktop.gui.quota_dialog import QuotaDialog
from gxjn_desktop.gui.welcome import NewUnitResult
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.quotas import QUOTA_HEADER
from tests.conftest import DEMO_TODAY
from tests.db_dump import table_dump
from tests.gui.helpers import commit_ime, reopen


def dump(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    return table_dump(data_dir / "gxjn.db")


def stored(data_dir: Path) -> Any:
    """The ledger as a second connection reads it from SQLite."""
    store = reopen(data_dir)
    try:
        return store.ledger()
    finally:
        store.close()


def press(qtbot: Any, widget: QWidget, key: Qt.Key) -> None:
    """Ctrl+<key> as the user types it, in the widget's (active) window."""
    window = widget.window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)  # shortcuts fire in the active window
    qtbot.keyClick(widget, key, Qt.KeyboardModifier.ControlModifier)


def undo(qtbot: Any, widget: QWidget) -> None:
    press(qtbot, widget, Qt.Key.Key_Z)


def redo(qtbot: Any, widget: QWidget) -> None:
    press(qtbot, widget, Qt.Key.Key_Y)


def retype(widget: Any, text: str) -> None:
    widget.clear()
    commit_ime(widget, text)


# ---- 单位信息 ------------------------------------------------------------------------------------


def test_unit_information_is_undone_from_another_screen(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    before = dump(data_dir)
    old_name = window.entry_service.ledger.unit.name  # type: ignore[union-attr]
    window.tabs.setCurrentIndex(TAB_UNIT)
    screen = window.unit_screen
    retype(screen.fields.name, "南宁市某某局（新名）")
    qtbot.mouseClick(screen.save_unit_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir).unit.name == "南宁市某某局（新名）"
    assert "修改单位信息" in window.status_label.text()
    assert window.windowTitle().startswith("南宁市某某局（新名）")

    window.tabs.setCurrentIndex(TAB_ENTRY)
    undo(qtbot, window.entry.view)
    assert dump(data_dir) == before
    assert window.tabs.currentIndex() == TAB_UNIT  # back where the change was made
    assert screen.fields.name.text() == old_name
    assert window.windowTitle().startswith(old_name)

    redo(qtbot, window.entry.view)
    assert stored(data_dir).unit.name == "南宁市某某局（新名）"
    assert screen.fields.name.text() == "南宁市某某局（新名）"


def test_a_years_profile_is_one_undo_step(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    before = dump(data_dir)
    window.tabs.setCurrentIndex(TAB_UNIT)
    screen = window.unit_screen
    year = screen.year.value()
    old: YearProfile = stored(data_dir).profiles[year]
    retype(screen.people, str(old.people + 7))
    qtbot.mouseClick(screen.save_profile_button, Qt.MouseButton.LeftButton)
    assert stored(data_dir).profiles[year].people == old.people + 7

    window.tabs.setCurrentIndex(TAB_METERS)
    undo(qtbot, window.meters.view)
    assert dump(data_dir) == before
    assert window.tabs.currentIndex() == TAB_UNIT and screen.year.value() == year
    assert screen.people.text() == str(old.people)
    redo(qtbot, window.tabs)  # (in a text field Ctrl+Z / Ctrl+Y are the field's own, as everywhere in Qt)
    assert stored(data_dir).profiles[year].people == old.people + 7
    assert screen.people.text() == str(old.people + 7)


# ---- 计量器具 ------------------------------------------------------------------------------------


def test_a_new_meter_is_undone_and_redone(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    before = dump(data_dir)
    meter = Meter("E9", "新楼电表", Carrier.ELECTRICITY, MeterKind.REGISTER, initial_reading=Decimal(0))
    monkeypatch.setattr(meters_screen, "ask_new_meter", lambda _parent, _taken: meter)
    window.tabs.setCurrentIndex(TAB_METERS)
    window.meters.add_button.click()
    assert any(m.code == "E9" for m in stored(data_dir).meters)
    assert window.meters.current() == meter  # the new meter is selected
    assert any(r.key.code == "E9" for r in window.entry.model.rows())  # the grid has its row

    window.tabs.setCurrentIndex(TAB_ENTRY)
    undo(qtbot, window.entry.view)
    assert dump(data_dir) == before
    assert window.tabs.currentIndex() == TAB_METERS
    assert all(m.code != "E9" for m in window.meters.model.meters)
    assert all(r.key.code != "E9" for r in window.entry.model.rows())

    redo(qtbot, window.meters.view)
    assert any(m.code == "E9" for m in stored(data_dir).meters)
    assert window.meters.current() == meter


def test_a_retirement_undone_from_the_grid_returns_to_the_meter(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    before = dump(data_dir)
    monkeypatch.setattr(meters_screen, "ask_retire_date", lambda parent, meter: date(2026, 3, 31))
    window.tabs.setCurrentIndex(TAB_METERS)
    meters = window.meters
    meters.view.selectRow(next(i for i, m in enumerate(meters.model.meters) if m.code == "W1"))
    meters.retire_button.click()
    meters.view.selectRow(0)
    window.tabs.setCurrentIndex(TAB_ENTRY)
    undo(qtbot, window.entry.view)
    assert dump(data_dir) == before
    assert window.tabs.currentIndex() == TAB_METERS
    current = meters.current()
    assert current is not None and current.code == "W1" and current.active_to is None


# ---- 能耗定额 ------------------------------------------------------------------------------------


@pytest.fixture
def quotas(qtbot: Any, demo_window: MainWindow) -> QuotaDialog:
    """The dialog as the window opens it (modal there; shown here so the test can act on it)."""
    d = QuotaDialog(demo_window.changer, 2025, demo_window)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def rows(d: QuotaDialog) -> set[str]:
    return {q.key for q in d.model.quotas}


def test_a_quota_set_in_the_dialog_is_undone_there_and_in_the_window(
    qtbot: Any, demo_window: MainWindow, quotas: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = dump(data_dir)
    quota = Quota(
        2025, QuotaIndicator.WATER_TOTAL_T, QuotaLevel.ISSUED, Decimal(2500), Basis.EQUIVALENT, "桂机管〔2025〕1号"
    )
    monkeypatch.setattr(quota_dialog, "ask_quota", lambda *_a: quota)
    quotas.add_button.click()
    assert quota in stored(data_dir).quotas
    assert quota.key in rows(quotas)
    assert quota in demo_window.entry_service.ledger.quotas  # type: ignore[union-attr]

    undo(qtbot, quotas.view)  # Ctrl+Z inside the modal dialog
    assert dump(data_dir) == before
    assert quota.key not in rows(quotas)
    assert quotas.status.text().startswith("已撤销")
    assert quota not in demo_window.entry_service.ledger.quotas  # type: ignore[union-attr]

    redo(qtbot, quotas.view)
    assert quota in stored(data_dir).quotas and quota.key in rows(quotas)
    quotas.close()
    undo(qtbot, demo_window.entry.view)  # after the dialog: 编辑 → 撤销 in the window
    assert dump(data_dir) == before


def test_a_quota_import_is_one_undo_step(
    qtbot: Any,
    quotas: QuotaDialog,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = dump(data_dir)
    uscc = quotas.changer.service.ledger.unit.uscc
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "能耗定额"
    ws.append(list(QUOTA_HEADER))
    ws.append([uscc, "", 2026, "综合能耗总量", "下达指标", 410, "当量值", "文1"])
    ws.append([uscc, "", 2025, "人均用水量", "下达指标", 18, "", "文2"])  # replaces the demo's 19.5
    path = tmp_path / "quotas.xlsx"
    wb.save(path)
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_a: path)
    monkeypatch.setattr(quota_dialog, "ask_import_confirmation", lambda *_a: True)
    quotas.import_button.click()
    after = {q.key: q.value for q in stored(data_dir).quotas}
    assert after["2026|total_energy_tce|issued"] == 410 and after["2025|water_per_capita_m3|issued"] == 18

    undo(qtbot, quotas.view)
    assert dump(data_dir) == before  # the new one removed, the replaced one back, in one step
    assert quotas.changer.undo_stack.canUndo() is False
    redo(qtbot, quotas.view)
    assert {q.key: q.value for q in stored(data_dir).quotas} == after


# ---- 废旧电子产品处置 ----------------------------------------------------------------------------


def test_disposals_added_and_deleted_are_undone(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    d = EwasteDialog(demo_window.changer, 2025, demo_window, today=DEMO_TODAY)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    before = dump(data_dir)
    disposal = EwasteDisposal(date(2025, 12, 3), 12, "南宁某再生资源回收有限公司", "HS-1")
    monkeypatch.setattr(ewaste_dialog, "ask_disposal", lambda *_a: disposal)
    d.add_disposal()
    assert disposal in stored(data_dir).ewaste and disposal in d.model.disposals
    undo(qtbot, d.view)
    assert dump(data_dir) == before and disposal not in d.model.disposals
    redo(qtbot, d.view)
    assert disposal in stored(data_dir).ewaste and d.current() == disposal

    with_it = dump(data_dir)
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    d.delete_disposal()
    assert disposal not in stored(data_dir).ewaste
    undo(qtbot, d.view)
    assert dump(data_dir) == with_it and disposal in d.model.disposals
    assert "件" in d.total_label.text()


# ---- 工作任务 ------------------------------------------------------------------------------------


def test_tasks_added_changed_and_deleted_are_undone(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    window.tabs.setCurrentIndex(TAB_WORKPLAN)
    screen = window.workplan
    screen.year_box.setValue(2025)
    before = dump(data_dir)
    template: WorkTask = screen.model.tasks[0]
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(template.kind))
    new = replace(template, task_id=None, name="新增的任务", note="测试")
    monkeypatch.setattr(workplan_screen, "ask_task", lambda *_a, **_k: new)
    screen.add_button.click()
    added = next(t for t in stored(data_dir).tasks if t.name == "新增的任务")
    current = screen.current_task()
    assert current is not None and current.task_id == added.task_id  # the new task is selected

    window.tabs.setCurrentIndex(TAB_ENTRY)
    undo(qtbot, window.entry.view)
    assert dump(data_dir) == before
    assert window.tabs.currentIndex() == TAB_WORKPLAN
    assert all(t.name != "新增的任务" for t in screen.model.tasks)
    redo(qtbot, screen.view)
    assert next(t for t in stored(data_dir).tasks if t.name == "新增的任务").task_id == added.task_id

    with_new = dump(data_dir)
    screen.view.selectRow(next(i for i, t in enumerate(screen.model.tasks) if t.task_id == added.task_id))
    monkeypatch.setattr(workplan_screen, "ask_task", lambda *_a, **_k: replace(added, note="改过"))
    screen.edit_button.click()
    assert next(t for t in stored(data_dir).tasks if t.task_id == added.task_id).note == "改过"
    undo(qtbot, screen.view)
    assert dump(data_dir) == with_new

    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    screen.delete_button.click()
    assert all(t.task_id != added.task_id for t in stored(data_dir).tasks)
    undo(qtbot, screen.view)
    assert dump(data_dir) == with_new
    current = screen.current_task()
    assert current is not None and current.task_id == added.task_id


# ---- one stack for everything; a new unit empties it --------------------------------------------


def test_one_stack_holds_every_screens_steps_in_order(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    before = dump(data_dir)
    meter = Meter("E9", "新楼电表", Carrier.ELECTRICITY, MeterKind.REGISTER, initial_reading=Decimal(0))
    monkeypatch.setattr(meters_screen, "ask_new_meter", lambda _parent, _taken: meter)
    window.tabs.setCurrentIndex(TAB_METERS)
    window.meters.add_button.click()
    window.tabs.setCurrentIndex(TAB_UNIT)
    retype(window.unit_screen.fields.address, "民族大道 1 号")
    window.unit_screen.save_unit_button.click()
    stack = window.changer.undo_stack
    assert stack.count() == 2 and window.entry.undo_stack is stack
    assert [window.edit_menu.actions()[i].text() for i in range(2)] == ["撤销(&U) 修改单位信息", "重做(&R)"]  # type: ignore[union-attr]
    undo(qtbot, window.tabs)
    undo(qtbot, window.tabs)
    assert dump(data_dir) == before and window.tabs.currentIndex() == TAB_METERS


def test_a_new_unit_goes_through_the_same_path_and_cannot_be_undone(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    window.tabs.setCurrentIndex(TAB_UNIT)
    retype(window.unit_screen.fields.address, "民族大道 1 号")
    window.unit_screen.save_unit_button.click()
    assert window.changer.undo_stack.count() == 1
    old = stored(data_dir)
    result = NewUnitResult(
        replace(old.unit, name="新单位"),
        replace(next(iter(old.profiles.values())), year=2026),
        Meter("E1", "总表", Carrier.ELECTRICITY, MeterKind.REGISTER, initial_reading=Decimal(5)),
    )
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    monkeypatch.setattr(messages, "run_new_unit_wizard", lambda _parent: result)
    window.new_unit()
    ledger = stored(data_dir)
    assert ledger.unit.name == "新单位" and [m.code for m in ledger.meters] == ["E1"]
    assert window.changer.undo_stack.count() == 0 and not window.changer.undo_action.isEnabled()
    assert window.entry_service is not None and window.entry_service.ledger.unit.name == "新单位"
    assert "已新建单位" in window.status_label.text()


def test_a_store_refusal_leaves_nothing_half_done(
    qtbot: Any, demo_window: MainWindow, demo_service: LedgerService, data_dir: Path, tmp_path: Path
) -> None:
    """A 基本情况 of a year an exported packet locks: refused in the form's own line, no undo step."""
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.packet.export import export_packet

    export_packet(demo_service, Period.parse(2024, "Y"), tmp_path, today=DEMO_TODAY, write_pdf=write_report_pdf)
    before = dump(data_dir)
    window = demo_window
    window.tabs.setCurrentIndex(TAB_UNIT)
    screen = window.unit_screen
    screen.year.setValue(2024)
    retype(screen.people, "999")
    screen.save_profile_button.click()
    assert "已上报" in screen.profile_error.text()
    assert dump(data_dir) == before and window.changer.undo_stack.count() == 0
    screen.refresh()  # leave nothing typed for the window's closing question


# ---- 说明 (数据审核 and the grid's right-click menu) ------------------------------------------------


def test_an_explanation_is_one_undo_step(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.gui.test_findings import open_panel

    panel = open_panel(demo_window)
    before = dump(data_dir)
    unexplained = panel.counts["unexplained"]
    monkeypatch.setattr(messages, "ask_explanation", lambda *_a, **_k: ("气候异常", "夏季高温，空调负荷随气温变化"))
    panel.select_row(next(i for i in range(panel.model.rowCount()) if panel.model.finding_at(i).needs_explanation))
    panel.explain_current()
    assert panel.counts["unexplained"] == unexplained - 1
    assert len(stored(data_dir).explanations) == len(demo_window.entry_service.ledger.explanations)  # type: ignore[union-attr]

    demo_window.tabs.setCurrentIndex(TAB_ENTRY)
    undo(qtbot, demo_window.entry.view)
    assert dump(data_dir) == before
    assert demo_window.tabs.currentIndex() == TAB_FINDINGS
    qtbot.waitUntil(lambda: panel.counts["unexplained"] == unexplained)
