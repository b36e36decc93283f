"""What a newcomer reads: numbers grouped as zh_CN writes them, m³ not m3, the lower-reading
question in words that fit water and gas meters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from gxjn_desktop.gui.common import shown_number, shown_unit
from gxjn_desktop.gui.dialogs import DecreaseDialog
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.services.entry import COLUMNS, Column, DecreaseQuestion, RowKey, RowKind


def test_numbers_are_grouped_and_keep_every_digit() -> None:
    assert shown_number("1234567.891") == "1,234,567.891"
    assert shown_number("-1052.14") == "-1,052.14"
    assert shown_number("999.5") == "999.5"
    assert shown_number("") == "" and shown_number("（无上期）") == "（无上期）"
    assert shown_unit("m3") == "m³" and shown_unit("kWh") == "kWh"


def test_grid_shows_grouped_numbers_and_edits_plain_ones(demo_window: MainWindow) -> None:
    model = demo_window.entry.model
    demo_window.entry.set_period(2025, 6)
    row = model.row_of(RowKey(RowKind.METER, "E1"))
    reading = model.index(row, COLUMNS.index(Column.VALUE))
    shown, edited = reading.data(Qt.ItemDataRole.DisplayRole), reading.data(Qt.ItemDataRole.EditRole)
    assert "," in shown and "," not in edited and shown.replace(",", "") == edited
    gas = model.row_of(RowKey(RowKind.METER, "G1"))
    assert model.index(gas, COLUMNS.index(Column.UNIT)).data() == "m³"


def test_lower_reading_of_a_water_meter_says_replace_the_meter(qtbot: Any) -> None:
    question = DecreaseQuestion("W1", "W1 总水表", 2025, 6, Decimal(500), Decimal(20), 5, "t")
    dialog = DecreaseDialog(question)
    qtbot.addWidget(dialog)
    assert dialog.replacement.text().startswith("更换表计") and "电表" not in dialog.replacement.text()


def test_explanation_dialog_enter_moves_on_and_the_error_clears_when_fixed(qtbot: Any, demo_ledger: Any) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.gui.dialogs import ExplanationDialog
    from gxjn_desktop.services.checks import check_period
    from gxjn_desktop.validation.findings import Severity
    from tests.conftest import DEMO_TODAY

    finding = next(
        f
        for f in check_period(demo_ledger, Period.parse(2025, "Y"), DEMO_TODAY).findings
        if f.severity is Severity.WARNING
    )
    dialog = ExplanationDialog(finding.__class__(**{**finding.__dict__, "explanation": None}))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "（" + finding.rule_id + "）" in dialog.findChildren(type(dialog.error))[0].text()
    dialog.cause.setFocus()
    qtbot.keyClick(dialog.cause, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result_value is None
    assert dialog.focusWidget() is dialog.text  # the window is not activated offscreen: its focus child
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible() and dialog.error.text()
    dialog.cause.setCurrentIndex(0)
    dialog.text.setPlainText("6 月起新增 2 台空调，用电随之增加")
    assert dialog.error.text() == ""


def test_an_empty_number_does_not_suggest_0_where_0_is_refused() -> None:
    import pytest

    from gxjn_desktop.errors import InvalidNumber
    from gxjn_desktop.services.quotas import parse_quota_value

    with pytest.raises(InvalidNumber) as empty:
        parse_quota_value("")
    assert "填 0" not in empty.value.one_line()


def test_the_new_meter_dialog_proposes_a_free_code(qtbot: Any, demo_ledger: Any) -> None:
    from gxjn_desktop.gui.meters_screen import MeterDialog
    from gxjn_desktop.gui.welcome import next_free_code

    taken = {m.code for m in demo_ledger.meters}  # E1 E2 E3 W1 G1 V1 V2 P1
    assert next_free_code("E1", taken) == "E4" and next_free_code("E1", set()) == "E1"
    dialog = MeterDialog(None, taken)
    qtbot.addWidget(dialog)
    assert dialog.page.code.text() == "E4"
    dialog.page.carrier.setCurrentIndex(1)  # 水
    assert dialog.page.code.text() == "W2"


def test_ctrl_tab_switches_screens_even_from_the_grid(qtbot: Any, demo_window: MainWindow) -> None:
    from gxjn_desktop.gui.main_window import TAB_ENTRY

    demo_window.tabs.setCurrentIndex(TAB_ENTRY)
    demo_window.entry.view.setFocus()
    qtbot.keyClick(demo_window.entry.view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.tabs.currentIndex() == TAB_ENTRY + 1
    qtbot.keyClick(
        demo_window.tabs.currentWidget(),
        Qt.Key.Key_Backtab,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert demo_window.tabs.currentIndex() == TAB_ENTRY


def test_ctrl_page_down_switches_screens_and_alt_page_down_months(qtbot: Any, demo_window: MainWindow) -> None:
    """WPS's keys: Ctrl+PageDown / Ctrl+PageUp go to the next / previous sheet (here: screen), from
    the grid and from a form's text field alike; the month moves with Alt+PageDown / Alt+PageUp."""
    from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_NAMES, TAB_OVERVIEW, TAB_UNIT

    tabs, entry = demo_window.tabs, demo_window.entry
    tabs.setCurrentIndex(TAB_ENTRY)
    entry.view.setFocus()
    qtbot.keyClick(entry.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert (entry.year, entry.month) == (2026, 2) and tabs.currentIndex() == TAB_ENTRY
    qtbot.keyClick(entry.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert (entry.year, entry.month) == (2026, 1)
    qtbot.keyClick(entry.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == TAB_UNIT and (entry.year, entry.month) == (2026, 1)
    name_field = demo_window.unit_screen.fields.name
    name_field.setFocus()
    qtbot.keyClick(name_field, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == TAB_ENTRY
    tabs.setCurrentIndex(TAB_OVERVIEW)
    qtbot.keyClick(tabs.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert tabs.currentIndex() == len(TAB_NAMES) - 1  # wraps round, as the last sheet follows the first


def test_the_window_fits_a_small_screen_at_150_percent(qtbot: Any, demo_window: MainWindow) -> None:
    """A 1366×768 laptop at 150 % leaves 911×441 points to a maximised window: every screen fits
    (the tall 单位信息 form scrolls inside its tab rather than pushing the window off the screen)."""
    least = demo_window.minimumSizeHint()
    assert least.width() <= 911 and least.height() <= 441, least
    from gxjn_desktop.gui.common import ScrollingPage
    from gxjn_desktop.gui.main_window import TAB_UNIT

    demo_window.resize(911, 441)
    demo_window.tabs.setCurrentIndex(TAB_UNIT)
    area = demo_window.tabs.widget(TAB_UNIT)
    assert isinstance(area, ScrollingPage) and area.widget() is demo_window.unit_screen
    qtbot.waitUntil(lambda: area.verticalScrollBar().isVisible())  # the form scrolls, whole
    assert demo_window.unit_screen.height() >= demo_window.unit_screen.minimumSizeHint().height()


def test_no_screen_scrolls_on_1366x768_at_100_percent(qtbot: Any, demo_window: MainWindow) -> None:
    """A maximised window on 1366×768 (less the taskbar and title bar: 1366×697): every screen fits
    as it is (once laid out), its tables scrolling by themselves."""
    from gxjn_desktop.gui.common import ScrollingPage

    demo_window.resize(1366, 697)
    for index in range(demo_window.tabs.count()):
        demo_window.tabs.setCurrentIndex(index)
        area = demo_window.tabs.widget(index)
        assert isinstance(area, ScrollingPage) and area.widget() is demo_window.tabs.current_screen()
        page = area.widget()
        assert page is not None

        def fits(area: ScrollingPage = area, page: Any = page) -> bool:
            view = area.viewport().size()
            least = page.minimumSizeHint()
            return least.height() <= view.height() and least.width() <= view.width()

        qtbot.waitUntil(fits, timeout=3000)
        assert not area.verticalScrollBar().isVisible() and not area.horizontalScrollBar().isVisible()


def test_keyboard_help_names_the_screen_and_month_keys(monkeypatch: Any, demo_window: MainWindow) -> None:
    from gxjn_desktop.gui import messages
    from gxjn_desktop.gui.main_window import TAB_NAMES

    shown: list[str] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, _title, text: shown.append(text))
    demo_window.show_keys()
    text = shown[0]
    assert "Ctrl+PageDown / Ctrl+PageUp" in text and "Alt+PageUp / Alt+PageDown" in text
    assert f"Ctrl+1…{len(TAB_NAMES)}" in text and all(name in text for name in TAB_NAMES)


def test_about_names_version_data_folder_and_reference_versions(qtbot: Any, data_dir: Any) -> None:
    from PySide6.QtWidgets import QLabel

    from gxjn_desktop import __version__
    from gxjn_desktop.gui.about import AboutDialog

    dialog = AboutDialog(data_dir)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert f"gxjn {__version__}" in texts and str(data_dir) in texts
    from gxjn_desktop.services.reference_data import read_reference_file

    rules = read_reference_file("rules")
    assert "审核规则：" in texts and f"{rules['version']}（{rules['title']}）" in texts
    assert not any("Traceback" in t for t in texts)


def test_right_click_menu_on_the_grid(qtbot: Any, demo_window: MainWindow, monkeypatch: Any) -> None:
    from gxjn_desktop.gui import messages

    entry = demo_window.entry
    entry.set_period(2024, 6)
    water = entry.model.row_of(RowKey(RowKind.METER, "W1"))
    note = entry.model.index(water, COLUMNS.index(Column.NOTE))
    menu = entry.context_menu(note)
    actions = {a.text(): a for a in menu.actions() if a.text()}
    assert list(actions) == ["复制", "粘贴", "清除", "填写说明…", "查看换表记录…"]
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_info", lambda _parent, title, text: shown.append((title, text)))
    assert actions["查看换表记录…"].isEnabled()
    actions["查看换表记录…"].trigger()
    assert shown and "2024-06-16" in shown[0][1] and "新表起码" in shown[0][1]

    electricity = entry.model.row_of(RowKey(RowKind.METER, "E2"))
    menu = entry.context_menu(entry.model.index(electricity, COLUMNS.index(Column.NOTE)))
    assert not next(a for a in menu.actions() if a.text() == "查看换表记录…").isEnabled()
    entry.model.setData(entry.model.index(electricity, COLUMNS.index(Column.NOTE)), "临时备注")
    assert entry.model.index(electricity, COLUMNS.index(Column.NOTE)).data() == "临时备注"
    next(a for a in menu.actions() if a.text() == "清除").trigger()
    assert entry.model.index(electricity, COLUMNS.index(Column.NOTE)).data() == ""


def test_explain_from_the_grid(qtbot: Any, demo_window: MainWindow, monkeypatch: Any) -> None:
    from gxjn_desktop.gui import messages
    from gxjn_desktop.gui.entry_model import FINDINGS_ROLE
    from gxjn_desktop.validation.findings import Severity

    entry = demo_window.entry
    for month in range(1, 13):
        entry.set_period(2025, month)
        entry.refresh_findings()  # normally on the next turn of the event loop
        cells = [
            entry.model.index(r, c)
            for r in range(entry.model.rowCount())
            for c in range(entry.model.columnCount())
            if any(f.needs_explanation for f in entry.model.index(r, c).data(FINDINGS_ROLE) or [])
        ]
        if cells:
            break
    assert cells, "the demo keeps some unexplained warnings in 2025"
    finding = next(f for f in cells[0].data(FINDINGS_ROLE) if f.severity is Severity.WARNING)
    monkeypatch.setattr(messages, "ask_explanation", lambda *_: ("其他", "测试：右键菜单填写的说明"))
    saved: list[str] = []
    entry.explained.connect(saved.append)
    next(a for a in entry.context_menu(cells[0]).actions() if a.text() == "填写说明…").trigger()
    assert saved and saved[0].startswith("已保存说明")
    assert any(e.text == "测试：右键菜单填写的说明" for e in entry.service.ledger.explanations)
    assert finding.fingerprint in {e.fingerprint for e in entry.service.ledger.explanations}


def test_the_program_ends_right_after_the_window_with_its_exit_code(tmp_path: Any) -> None:
    """``program`` skips Python's slow clean-up but keeps what was printed and the exit code."""
    import subprocess
    import sys

    child = "from gxjn_desktop import __main__ as m\nm.main = lambda: (print('已保存', flush=False), 3)[1]\nm.program()"
    done = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 3 and done.stdout.strip() == "已保存"


def test_toolbar_has_the_months_main_actions_with_icons(demo_window: MainWindow) -> None:
    from gxjn_desktop.gui.main_window import TAB_FINDINGS

    toolbar = demo_window.toolbar
    assert toolbar is not None
    actions = [a for a in toolbar.actions() if not a.isSeparator()]
    assert [a.iconText() for a in actions] == ["生成模板", "导入", "撤销", "重做", "审核", "能耗定额"]
    assert all(not a.icon().isNull() for a in actions)
    actions[4].trigger()
    assert demo_window.tabs.currentIndex() == TAB_FINDINGS


def test_forms_keep_a_readable_width_on_a_wide_window(qtbot: Any, demo_window: MainWindow) -> None:
    from PySide6.QtWidgets import QGroupBox

    from gxjn_desktop.gui.common import FORM_MAX_WIDTH
    from gxjn_desktop.gui.main_window import TAB_UNIT

    demo_window.resize(1920, 1000)
    demo_window.tabs.setCurrentIndex(TAB_UNIT)
    qtbot.waitUntil(lambda: demo_window.unit_screen.width() > 1500)
    boxes = demo_window.unit_screen.findChildren(QGroupBox)
    assert boxes and all(0 < b.width() <= FORM_MAX_WIDTH for b in boxes)


def test_first_start_is_maximised_and_later_ones_keep_the_last_size(qtbot: Any, data_dir: Any) -> None:
    from gxjn_desktop.gui.app import show_window

    first = MainWindow(data_dir)
    qtbot.addWidget(first)
    show_window(first)
    assert first.isMaximized()
    first.showNormal()
    first.resize(700, 500)  # inside the offscreen screen (800 × 600)
    first.close()  # saves the geometry
    second = MainWindow(data_dir)
    qtbot.addWidget(second)
    show_window(second)
    assert not second.isMaximized() and second.width() == 700
