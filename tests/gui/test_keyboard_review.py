"""What a keyboard-first user meets on every screen: an Alt key for each button, none taken twice (nor
by the menu bar's 文件/编辑/查看/帮助), figures right-aligned, and Qt's own menus in the program's words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPushButton, QWidget

from gxjn_desktop.gui import file_dialogs
from gxjn_desktop.gui.bureau_window import BureauWindow
from gxjn_desktop.gui.main_window import TAB_METERS, TAB_NAMES, TAB_WORKPLAN, MainWindow
from gxjn_desktop.gui.meters_screen import MetersModel
from gxjn_desktop.services.ledger_service import LedgerService

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
#: Buttons that need no Alt key: the month's ◀ / ▶ go with Alt+PageUp / Alt+PageDown.
MONTH_BUTTONS = ("◀ 上月", "下月 ▶")


def _alt_key(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).upper() if found else None


def _alt_keys(root: QWidget) -> tuple[list[tuple[str, str]], list[str]]:
    """The Alt keys of the visible buttons and labels under ``root``, and the buttons without one."""
    keys: list[tuple[str, str]] = []
    missing: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, (QAbstractButton, QLabel)):
            continue
        text = widget.text()
        key = _alt_key(text)
        if key is not None:
            keys.append((key, text))
        elif isinstance(widget, QPushButton) and text and text not in MONTH_BUTTONS:
            missing.append(text)
    return keys, missing


def _clashes(keys: list[tuple[str, str]]) -> dict[str, list[str]]:
    by_key: dict[str, list[str]] = {}
    for key, text in keys:
        by_key.setdefault(key, []).append(text)
    return {key: texts for key, texts in by_key.items() if len(texts) > 1}


def test_every_screens_buttons_have_their_own_alt_key(qtbot: Any, demo_window: MainWindow) -> None:
    window = demo_window
    menu_bar = [(key, a.text()) for a in window.menuBar().actions() if (key := _alt_key(a.text()))]
    assert [k for k, _t in menu_bar] == ["F", "E", "V", "H"]
    for index, name in enumerate(TAB_NAMES):
        window.tabs.setCurrentIndex(index)
        keys, missing = _alt_keys(window.tabs.currentWidget())
        assert not missing, f"{name}：没有 Alt 键的按钮 {missing}"
        # Alt+E on 工作任务 opened the 编辑 menu instead of 修改(&E)…: a key the menu bar has is lost.
        assert not _clashes(keys + menu_bar), f"{name}：{_clashes(keys + menu_bar)}"


def test_the_bureau_windows_buttons_have_alt_keys(qtbot: Any, tmp_path: Path) -> None:
    bureau = BureauWindow(tmp_path / "汇总")
    qtbot.addWidget(bureau)
    bureau.show()
    for index in range(bureau.tabs.count()):
        bureau.tabs.setCurrentIndex(index)
        keys, missing = _alt_keys(bureau)
        assert not missing and not _clashes(keys), (bureau.tabs.tabText(index), missing, _clashes(keys))
    for table in (bureau.report_table, bureau.summary_table, bureau.goals_table, bureau.indicators_table):
        assert table.editTriggers() == table.EditTrigger.NoEditTriggers  # a double-click typed over a total


def test_alt_m_on_the_work_plan_edits_the_task(qtbot: Any, demo_window: MainWindow, monkeypatch: Any) -> None:
    from gxjn_desktop.gui import workplan_screen

    window = demo_window
    window.activateWindow()  # a mnemonic works in the active window
    qtbot.waitActive(window)
    window.tabs.setCurrentIndex(TAB_WORKPLAN)
    window.workplan.year_box.setValue(2025)
    window.workplan.view.selectRow(0)
    window.workplan.view.setFocus()
    asked: list[object] = []
    monkeypatch.setattr(workplan_screen, "ask_task", lambda _parent, kind, *_rest: asked.append(kind))
    qtbot.keyClick(window.workplan.view, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(asked))  # a mnemonic presses the button visibly: the click comes a moment later
    assert asked == [window.workplan.current_task().kind]  # type: ignore[union-attr]


def test_the_meter_list_and_its_history_right_align_figures(demo_window: MainWindow) -> None:
    window = demo_window
    window.tabs.setCurrentIndex(TAB_METERS)
    meters = window.meters
    model: MetersModel = meters.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    e1 = model.row_where(lambda m: m.code == "E1")
    for header in ("表位数", "当前倍率"):
        index = model.index(e1, headers.index(header))
        assert index.data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT, header
    v1 = model.row_where(lambda m: m.code == "V1")  # a direct quantity: "—", centred as in the grid
    index = model.index(v1, headers.index("表位数"))
    assert index.data() == "—" and index.data(Qt.ItemDataRole.TextAlignmentRole) == int(Qt.AlignmentFlag.AlignCenter)
    meters.view.selectRow(model.row_where(lambda m: m.code == "W1"))  # the demo's replaced water meter
    assert meters.replacements.rowCount() == 1
    old_final = meters.replacements.item(0, 1)
    assert old_final.text() == "41,513.6" and old_final.textAlignment() == RIGHT  # grouped as in the grid
    assert meters.replacements.item(0, 2).textAlignment() == RIGHT
    assert meters.multipliers.item(0, 1).textAlignment() == RIGHT


def test_a_fields_right_click_menu_says_撤销_as_the_edit_menu_does(qtbot: Any, demo_window: MainWindow) -> None:
    from PySide6.QtWidgets import QApplication

    from gxjn_desktop.gui.app import install_translator

    assert install_translator(QApplication.instance())  # as the program does at start
    field = QLineEdit()
    qtbot.addWidget(field)
    menu = field.createStandardContextMenu()
    first = menu.actions()[0].text()
    menu.deleteLater()
    assert first.startswith("撤销(&U)")  # Qt's own catalogue writes 撤消
    assert demo_window.changer.undo_action.text().startswith("撤销(&U)")


def test_the_bureau_chooses_its_folder_in_the_programs_dialog(qtbot: Any, tmp_path: Path, monkeypatch: Any) -> None:
    asked: list[str] = []

    def ask_folder(_parent: Any, title: str) -> Path:
        asked.append(title)
        return tmp_path

    monkeypatch.setattr(file_dialogs, "ask_folder", ask_folder)
    bureau = BureauWindow(tmp_path / "汇总")
    qtbot.addWidget(bureau)
    bureau.choose_button.click()
    assert asked and bureau.folder == tmp_path and bureau.merge_button.isEnabled()


def test_every_column_of_the_grid_is_in_view_on_1024x768(qtbot: Any, demo_window: MainWindow) -> None:
    """An old office PC's 1024×768, maximised (1024×697 inside): 项目 to 备注 without scrolling sideways
    (备注 used to sit off to the right, and Tab went there out of sight)."""
    from gxjn_desktop.gui.main_window import TAB_ENTRY

    demo_window.resize(1024, 697)
    demo_window.tabs.setCurrentIndex(TAB_ENTRY)
    view = demo_window.entry.view
    qtbot.waitUntil(lambda: view.viewport().width() < 1024)  # laid out at the new size
    header = view.horizontalHeader()
    last = header.count() - 1
    assert header.sectionPosition(last) + 60 <= view.viewport().width()  # 备注 shows a little at least
    assert view.horizontalScrollBar().maximum() == 0


def test_the_overviews_quota_rows_show_one_number_of_places(qtbot: Any, demo_window: MainWindow) -> None:
    """定额值 15 stood beside 至今允许 15.0000: each row's figures now have the same places."""
    from tests.gui.helpers import show_overview

    grid = show_overview(qtbot, demo_window).quota_grid
    rows = {}
    for r in range(1, grid.rowCount()):
        cells = [grid.itemAtPosition(r, c) for c in range(7)]
        if all(cell is not None and isinstance(cell.widget(), QLabel) for cell in cells):
            rows[cells[0].widget().text()] = [cell.widget().text() for cell in cells]  # type: ignore[union-attr]
    assert rows
    for label, row in rows.items():
        figures = [text for text in row[2:6] if text != "—"]
        assert len({len(text.partition(".")[2]) for text in figures}) == 1, (label, row)
    total = next(row for label, row in rows.items() if label.startswith("综合能耗总量"))
    assert total[2] == "105.0000"


def test_without_a_unit_the_menus_that_need_one_are_grey(qtbot: Any, empty_store: Any, data_dir: Path) -> None:
    """On the welcome screen 生成填报模板, 导入, 能耗定额 and 查看's screens did nothing when chosen."""
    window = MainWindow(data_dir, empty_store)
    qtbot.addWidget(window)
    window.show()
    file_menu = window.menuBar().actions()[0].menu()
    enabled = {a.text(): a.isEnabled() for a in file_menu.actions() if a.text()}  # type: ignore[union-attr]
    assert enabled["新建单位（替换本文件夹中的数据）(&N)…"] and enabled["从备份恢复(&R)…"]
    assert not enabled["生成填报模板（Excel）(&T)…"] and not enabled["导入填报工作簿(&I)…"]
    assert not enabled["能耗定额(&Q)…"] and not enabled["废旧电子产品处置(&E)…"]
    view_menu = window.menuBar().actions()[2].menu()
    assert not any(a.isEnabled() for a in view_menu.actions() if a.text())  # type: ignore[union-attr]
    window.open_demo()  # a unit: everything back
    assert window.import_action.isEnabled() and all(a.isEnabled() for a in view_menu.actions())  # type: ignore[union-attr]


@pytest.fixture
def new_unit_store(data_dir: Path) -> Iterator[LedgerService]:
    """A unit just set up in 2026 (基本情况 only, no month entered)."""
    from decimal import Decimal

    from gxjn_desktop.domain.units import InstitutionType, YearProfile
    from gxjn_desktop.services.unit_setup import build_unit, create_unit

    unit = build_unit(name="某某县文化馆", uscc="12450123MB1965432W", admin_code="450123", kind=InstitutionType.CULTURE)
    create_unit(data_dir, unit, YearProfile(2026, 40, Decimal(2000)))
    store = LedgerService.open(data_dir)
    try:
        yield store
    finally:
        store.close()


def test_a_new_units_overview_says_where_to_begin(qtbot: Any, new_unit_store: LedgerService) -> None:
    from gxjn_desktop.gui.dashboard import Dashboard
    from gxjn_desktop.services.entry import EntryService

    dashboard = Dashboard(EntryService(new_unit_store))
    qtbot.addWidget(dashboard)
    dashboard.refresh()
    assert dashboard.heading.text() == "还没有录入任何月份"
    assert "月度填报" in dashboard.summary.text() and "Ctrl+2" in dashboard.summary.text()


def test_a_new_units_report_screen_opens_on_its_own_year(qtbot: Any, new_unit_store: LedgerService) -> None:
    """A unit set up in 2026 has no 2025: 报送 opened on 2025 and said 2025 年没有填写单位基本信息."""
    from datetime import date

    from gxjn_desktop.gui.report_screen import ReportScreen
    from gxjn_desktop.services.entry import EntryService

    screen = ReportScreen(EntryService(new_unit_store), today=date(2026, 11, 24))
    qtbot.addWidget(screen)
    assert screen.year_box.value() == 2026


def test_the_reviews_filters_show_their_whole_words(qtbot: Any, new_unit_store: LedgerService) -> None:
    """On a new unit's 数据审核 the month filter read 全部月伤: sized before its items were in."""
    from datetime import date

    from gxjn_desktop.gui.changes import Changer
    from gxjn_desktop.gui.findings_panel import FindingsPanel

    panel = FindingsPanel(Changer(new_unit_store), today=date(2026, 11, 24))
    qtbot.addWidget(panel)
    panel.resize(1000, 600)
    panel.show()  # before the first review: the filters are still empty
    qtbot.waitExposed(panel)
    panel.set_period(2026, "Y")
    for box in (panel.severity_box, panel.month_box, panel.place_box):
        qtbot.waitUntil(lambda box=box: box.width() >= box.sizeHint().width())
        assert box.count() > 1
        # Filled when the review comes back, after the first show: sized then, not on first show.
        assert box.sizeAdjustPolicy() == QComboBox.SizeAdjustPolicy.AdjustToContents, box.objectName()
        longest = max(box.fontMetrics().horizontalAdvance(box.itemText(i)) for i in range(box.count()))
        assert box.sizeHint().width() >= min(longest, box.maximumWidth() - 40) + 20, box.objectName()


def test_tab_walks_the_unit_screen_to_its_last_button(qtbot: Any, changer: Any) -> None:
    """With 报出日期 blank (“未填”), Tab stayed in the date field for ever and 保存年度情况 was out of
    reach; Shift+Tab goes back out of it too."""
    from gxjn_desktop.gui.unit_screen import UnitScreen

    screen = UnitScreen(changer)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitActive(screen)
    screen.year.setValue(2026)  # a year with no signatories: 报出日期 shows 未填
    assert screen.report_date.text() == "未填"
    screen.report_date.setFocus()
    qtbot.keyClick(screen.report_date, Qt.Key.Key_Tab)
    assert screen.focusWidget() is screen.save_profile_button
    screen.report_date.setFocus()
    qtbot.keyClick(screen.report_date, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert screen.focusWidget() is screen.preparer
    screen.fields.name.setFocus()  # the first field: every stop once, in order, to the last button
    seen = []
    for _ in range(60):
        qtbot.keyClick(screen.focusWidget(), Qt.Key.Key_Tab)
        seen.append(screen.focusWidget())
        if seen[-1] is screen.save_profile_button:
            break
    assert seen[-1] is screen.save_profile_button and screen.save_unit_button in seen
    repeated = {w.objectName() for w in seen if seen.count(w) > 1}
    assert repeated <= {"report_date"}, repeated  # a filled date: Tab steps through its year, month, day


def test_tab_leaves_the_read_only_lists(qtbot: Any, demo_window: MainWindow) -> None:
    """Tab in 数据审核's list or the meter list went from cell to cell inside it, never to the buttons."""
    from gxjn_desktop.gui.main_window import TAB_FINDINGS

    window = demo_window
    window.activateWindow()
    qtbot.waitActive(window)
    for index, view in ((TAB_FINDINGS, lambda: window.findings.view), (TAB_METERS, lambda: window.meters.view)):
        window.tabs.setCurrentIndex(index)
        list_view = view()
        list_view.setFocus()
        qtbot.keyClick(list_view, Qt.Key.Key_Tab)
        assert window.focusWidget() is not list_view, TAB_NAMES[index]
