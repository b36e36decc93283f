"""数据审核: the findings panel on the real window and the demo unit (2025, reviewed as of DEMO_TODAY)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.dialogs import ExplanationDialog
from gxjn_desktop.gui.findings_panel import (
    COL_EXPLANATION,
    COL_MESSAGE,
    FindingsPanel,
    finding_target,
    period_text,
    place_text,
)
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, TAB_UNIT, MainWindow
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.entry import COLUMNS, CellEdit, Column, RowKey, RowKind
from gxjn_desktop.validation.findings import Finding, Location, Severity
from tests.conftest import DEMO_TODAY
from tests.gui.helpers import commit_ime, reopen, show_overview

# The demo's 2025 review (see `gxjn-cli check --year 2025`): 1 error (统计负责人 missing),
# 10 warnings of which 5 are explained, no info.
DEMO_ERRORS, DEMO_WARNINGS, DEMO_UNEXPLAINED = 1, 10, 5


def open_panel(window: MainWindow) -> FindingsPanel:
    window.tabs.setCurrentIndex(TAB_FINDINGS)
    panel = window.findings
    panel.set_period(2025, "Y")
    return panel


def row_of(panel: FindingsPanel, rule: str, meter: str, month: str) -> int:
    for i in range(panel.model.rowCount()):
        loc = panel.model.finding_at(i).location
        if panel.model.finding_at(i).rule_id == rule and (loc.meter, loc.month) == (meter, month):
            return i
    raise AssertionError(f"no {rule} {meter} {month} in the panel")


def shown(panel: FindingsPanel) -> list[Finding]:
    return [panel.model.finding_at(i) for i in range(panel.model.rowCount())]


def test_panel_lists_the_periods_findings_and_the_export_gate(demo_window: MainWindow, qtmodeltester: Any) -> None:
    panel = open_panel(demo_window)
    assert panel.counts == {"error": DEMO_ERRORS, "warning": DEMO_WARNINGS, "info": 0, "unexplained": DEMO_UNEXPLAINED}
    assert panel.model.rowCount() == DEMO_ERRORS + DEMO_WARNINGS
    assert not panel.export_allowed
    assert panel.gate_label.text() == f"不能导出：错误 {DEMO_ERRORS} 条，未说明的警告 {DEMO_UNEXPLAINED} 条"
    assert "错误 1" in panel.counts_label.text() and "未说明 5" in panel.counts_label.text()
    qtmodeltester.check(panel.model)

    # Errors come first; places and periods read in Chinese.
    first = panel.model.index(0, 0)
    assert first.data() == "错误"
    assert panel.model.index(0, COL_EXPLANATION).data() == "须改正数据"
    r = row_of(panel, "USE-VS-PREV2", "E1", "2025-04")
    assert panel.model.index(r, 2).data() == "2025年4月"
    assert panel.model.index(r, 3).data().startswith("E1 主楼电表") and "本期示数" in panel.model.index(r, 3).data()
    assert panel.model.index(r, COL_EXPLANATION).data().startswith("已说明：气候异常")
    panel.select_row(r)
    assert "处理建议" in panel.detail.text() and "已说明" in panel.detail.text()

    # Another period: a quarter has its own findings and gate.
    panel.set_period(2025, "Q2")
    assert panel.period() == Period.parse(2025, "Q2")
    months = {f.location.month for f in shown(panel)}
    assert "2025-Q2" in months and months - {"2025-Q2", "2025"} <= {"2025-04", "2025-05", "2025-06"}
    qtmodeltester.check(panel.model)


def test_filters_reduce_the_rows(demo_window: MainWindow) -> None:
    panel = open_panel(demo_window)
    total = panel.model.rowCount()

    def choose(box: Any, value: str) -> None:
        i = box.findData(value)
        assert i >= 0, value
        box.setCurrentIndex(i)

    choose(panel.severity_box, "error")
    assert [f.rule_id for f in shown(panel)] == ["EXPORT-SIGNATORIES"]
    choose(panel.severity_box, "unexplained")
    assert panel.model.rowCount() == DEMO_UNEXPLAINED
    assert all(f.needs_explanation for f in shown(panel))
    assert panel.shown_label.text() == f"显示 {DEMO_UNEXPLAINED} / {total} 条"
    choose(panel.severity_box, "")

    choose(panel.month_box, "2025-05")
    assert panel.model.rowCount() == 3 and {f.location.month for f in shown(panel)} == {"2025-05"}
    choose(panel.place_box, "E2")
    assert [(f.location.meter, f.location.month) for f in shown(panel)] == [("E2", "2025-05")]
    choose(panel.month_box, "")
    choose(panel.place_box, "E1")
    assert panel.model.rowCount() == 3 and all(f.location.meter == "E1" for f in shown(panel))
    choose(panel.place_box, "")
    choose(panel.month_box, "period")  # findings on the whole year: signatories, targets, quota
    assert {f.location.meter for f in shown(panel)} == {"profile", "indicator", "quota"}
    choose(panel.month_box, "")
    assert panel.model.rowCount() == total
    # Filtering never changes the gate: it is about the whole period.
    assert panel.gate_label.text().startswith("不能导出")


def test_enter_or_double_click_goes_to_the_cell(qtbot: Any, demo_window: MainWindow) -> None:
    window = demo_window
    panel = open_panel(window)
    panel.select_row(row_of(panel, "USE-VS-PREV2", "E2", "2025-05"))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == TAB_ENTRY
    entry = window.entry
    assert (entry.year, entry.month) == (2025, 5)
    current = entry.view.currentIndex()
    assert current.row() == entry.model.row_of(RowKey(RowKind.METER, "E2"))
    assert COLUMNS[current.column()] is Column.VALUE

    window.tabs.setCurrentIndex(TAB_FINDINGS)
    r = row_of(panel, "USE-VS-PREV2", "E3", "2025-06")
    panel.select_row(r)
    rect = panel.view.visualRect(panel.model.index(r, COL_MESSAGE))
    # A real double-click is a click then a double-click event; QTest's mouseDClick alone skips the first.
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.tabs.currentIndex() == TAB_ENTRY
    assert (entry.year, entry.month) == (2025, 6)
    assert entry.view.currentIndex().row() == entry.model.row_of(RowKey(RowKind.METER, "E3"))


def test_profile_findings_open_the_unit_screen_and_period_findings_stay(demo_window: MainWindow) -> None:
    window = demo_window
    panel = open_panel(window)
    panel.select_row(row_of(panel, "EXPORT-SIGNATORIES", "profile", "2025"))
    panel.go_to_current()
    assert window.tabs.currentIndex() == TAB_UNIT
    assert window.unit_screen.year.value() == 2025
    assert window.unit_screen.statistician.text() == ""  # the missing signatory is the one to fill
    assert QApplication.focusWidget() is window.unit_screen.statistician

    window.tabs.setCurrentIndex(TAB_FINDINGS)
    panel.select_row(row_of(panel, "QUOTA-PACE", "quota", "2025-Y"))
    assert not panel.go_button.isEnabled()
    panel.go_to_current()
    assert window.tabs.currentIndex() == TAB_FINDINGS
    assert "整个期间" in window.status_label.text()


def test_targets_of_every_kind_of_place(demo_window: MainWindow) -> None:
    ledger = demo_window.entry_service.ledger  # type: ignore[union-attr]
    findings = check_period(ledger, Period.parse(2025, "Y"), DEMO_TODAY).findings
    by_meter = {f.location.meter: f for f in findings}
    assert finding_target(ledger, by_meter["indicator"]) is None
    year, ytd = Period.parse(2025, "Y"), Period.parse(2025, "YTD-M06")
    assert period_text(Location.of_quota(year, "x")) == "2025年全年"
    assert period_text(Location.of_indicator(ytd, "x")) == "2025年1—6月"
    assert period_text(Location.of_profile(2025, "people")) == "2025年"
    assert place_text(ledger, by_meter["quota"]) == "能耗定额 · 人均用水量"
    assert place_text(ledger, by_meter["profile"]) == "单位基本情况 · 报表签署人"


def test_explaining_a_warning_through_the_dialog(
    qtbot: Any, demo_window: MainWindow, data_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    panel = open_panel(window)
    asked: list[Finding] = []

    def answer(parent: Any, finding: Finding, place: str = "") -> tuple[str, str]:
        asked.append(finding)
        return "设备检修或故障", "5 月空调主机检修后试运行"

    monkeypatch.setattr(messages, "ask_explanation", answer)
    r = row_of(panel, "USE-VS-PREV2", "E2", "2025-05")
    panel.select_row(r)
    assert panel.model.index(r, COL_EXPLANATION).data() == "未说明"
    panel.view.setFocus()
    qtbot.keyClick(panel, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    assert len(asked) == 1 and asked[0].location.meter == "E2"

    r = row_of(panel, "USE-VS-PREV2", "E2", "2025-05")
    assert panel.model.index(r, COL_EXPLANATION).data() == "已说明：设备检修或故障——5 月空调主机检修后试运行"
    assert panel.current_finding() is not None and panel.current_finding().location.meter == "E2"  # type: ignore[union-attr]
    assert panel.counts["unexplained"] == DEMO_UNEXPLAINED - 1
    assert panel.gate_label.text() == f"不能导出：错误 1 条，未说明的警告 {DEMO_UNEXPLAINED - 1} 条"
    assert "已保存说明" in window.status_label.text()
    store = reopen(data_dir)
    saved = [e for e in store.ledger().explanations if e.text == "5 月空调主机检修后试运行"]
    store.close()
    assert len(saved) == 1 and saved[0].location_key == "E2|2025-05|reading"
    # The grid's tooltip carries the explanation too.
    window.entry.set_period(2025, 5)
    window.entry.refresh_findings()
    index = window.entry.model.index(
        window.entry.model.row_of(RowKey(RowKind.METER, "E2")), COLUMNS.index(Column.VALUE)
    )
    assert "已说明：设备检修或故障" in index.data(Qt.ItemDataRole.ToolTipRole)

    # A changed value makes the finding unexplained again, and the visible panel follows the save.
    window.tabs.setCurrentIndex(TAB_FINDINGS)
    row = window.entry.model.row_at(window.entry.model.row_of(RowKey(RowKind.METER, "E2")))
    assert row.value is not None
    window.entry.submit_edits([CellEdit(row.key, Column.VALUE, str(row.value + 10))])
    qtbot.waitUntil(lambda: panel.counts["unexplained"] == DEMO_UNEXPLAINED)
    r = row_of(panel, "USE-VS-PREV2", "E2", "2025-05")
    assert panel.model.index(r, COL_EXPLANATION).data() == "未说明"


def test_errors_and_bad_explanations_are_refused_in_chinese(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    panel = open_panel(demo_window)
    shown_errors: list[str] = []
    monkeypatch.setattr(messages, "show_user_error", lambda parent, err: shown_errors.append(err.message))
    panel.select_row(row_of(panel, "EXPORT-SIGNATORIES", "profile", "2025"))
    assert not panel.explain_button.isEnabled()
    panel.explain_current()  # e.g. Ctrl+E on an error: the service's refusal, no dialog
    assert shown_errors == ["错误不能用说明放行"]

    monkeypatch.setattr(messages, "ask_explanation", lambda parent, finding, place="": ("其他", "略"))
    panel.select_row(row_of(panel, "USE-VS-PREV2", "E2", "2025-05"))
    panel.explain_current()
    assert shown_errors[-1] == "原因选“其他”时须写明具体情况"
    assert panel.counts["unexplained"] == DEMO_UNEXPLAINED


def test_explanation_dialog_checks_before_closing(qtbot: Any, demo_window: MainWindow) -> None:
    panel = open_panel(demo_window)
    finding = panel.model.finding_at(row_of(panel, "USE-VS-PREV2", "E2", "2025-05"))
    dialog = ExplanationDialog(finding, "2025年5月 · E2", demo_window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert finding.message in " ".join(w.text() for w in dialog.findChildren(type(dialog.error)))
    dialog.cause.setCurrentIndex(dialog.cause.findText("其他"))
    dialog.accept()
    assert dialog.result_value is None and "其他" in dialog.error.text()
    dialog.text.setFocus()
    commit_ime(dialog.text, "新增两台服务器")
    assert dialog.text.toPlainText() == "新增两台服务器"
    dialog.accept()
    assert dialog.result_value == ("其他", "新增两台服务器")


def test_clearing_every_blocking_finding_allows_export(
    qtbot: Any, demo_window: MainWindow, data_dir: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    panel = open_panel(window)
    monkeypatch.setattr(
        messages, "ask_explanation", lambda parent, finding, place="": ("气候异常", "夏季高温，空调负荷随气温变化")
    )
    while panel.counts["unexplained"]:
        before = panel.counts["unexplained"]
        panel.select_row(next(i for i, f in enumerate(shown(panel)) if f.needs_explanation))
        panel.explain_current()
        assert panel.counts["unexplained"] == before - 1
    assert panel.gate_label.text() == "不能导出：错误 1 条"

    # The missing 统计负责人, typed on the unit screen as an input method commits it.
    panel.select_row(row_of(panel, "EXPORT-SIGNATORIES", "profile", "2025"))
    panel.go_to_current()
    screen = window.unit_screen
    assert window.tabs.currentIndex() == TAB_UNIT
    commit_ime(screen.statistician, "黄丽")
    with qtbot.waitSignal(screen.saved):
        qtbot.mouseClick(screen.save_profile_button, Qt.MouseButton.LeftButton)
    window.tabs.setCurrentIndex(TAB_FINDINGS)
    qtbot.waitUntil(lambda: panel.export_allowed)
    assert panel.gate_label.text().startswith("可以导出")
    assert panel.counts == {"error": 0, "warning": DEMO_WARNINGS, "info": 0, "unexplained": 0}
    store = reopen(data_dir)
    assert check_period(store.ledger(), Period.parse(2025, "Y"), DEMO_TODAY).export_allowed
    store.close()


def test_overview_shows_targets_and_quota_pacing(qtbot: Any, demo_window: MainWindow) -> None:
    window = demo_window
    dash = show_overview(qtbot, window)
    assert dash.quota_status["months_counted"] == 12
    assert "能耗定额进度" in dash.quota_title.text()
    texts = [w.text() for w in dash.findChildren(type(dash.heading))]
    assert any(t.startswith("预计全年") for t in texts)
    assert "超出进度" in texts and "在进度内" in texts
    window.grab()  # lays out and paints without errors


def test_five_tabs_reachable_by_keyboard(qtbot: Any, demo_window: MainWindow) -> None:
    window = demo_window
    window.activateWindow()
    action = next(a for a in window.menuBar().actions() if a.text().startswith("查看"))
    menu = action.menu()
    assert menu is not None
    review = next(a for a in menu.actions() if a.text() == "数据审核")  # type: ignore[union-attr]
    assert review.shortcut().toString() == "Ctrl+5"
    review.trigger()
    assert window.tabs.currentIndex() == TAB_FINDINGS
    assert QApplication.focusWidget() is window.findings.view
    qtbot.waitUntil(lambda: window.findings.model.rowCount() > 0)  # the review runs in the background
    assert any(f.severity is Severity.ERROR for f in shown(window.findings))


def test_explanation_dialog_starts_without_a_cause(qtbot: Any, demo_window: Any) -> None:
    from gxjn_desktop.gui.dialogs import ExplanationDialog

    panel = demo_window.findings
    demo_window.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    findings = [panel.model.finding_at(i) for i in range(panel.model.rowCount())]
    finding = next(f for f in findings if f.needs_explanation)
    dialog = ExplanationDialog(finding)
    qtbot.addWidget(dialog)
    assert dialog.cause.currentIndex() == -1 and dialog.cause.currentText() == ""


def test_rule_column_shows_chinese_names_and_keeps_ids_in_tooltip_and_detail(demo_window: MainWindow) -> None:
    panel = open_panel(demo_window)
    from gxjn_desktop.gui.findings_panel import COL_RULE

    names = [panel.model.index(r, COL_RULE).data() for r in range(panel.model.rowCount())]
    assert names and not any(any("A" <= ch <= "Z" for ch in name) for name in names), names
    row = next(r for r in range(panel.model.rowCount()) if panel.model.finding_at(r).rule_id == "EXPORT-SIGNATORIES")
    assert panel.model.index(row, COL_RULE).data() == "签署人未填"
    tooltip = panel.model.index(row, COL_RULE).data(Qt.ItemDataRole.ToolTipRole)
    assert "EXPORT-SIGNATORIES" in tooltip and "报表签署人未填写" in tooltip
    panel.select_row(row)
    assert "签署人未填" in panel.detail.text() and "EXPORT-SIGNATORIES" in panel.detail.text()


def test_shown_the_panel_reviews_in_the_background(
    qtbot: Any, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Opening 数据审核 runs the rules in the background thread (here held until the test lets them
    go): meanwhile the panel says so and the window takes keys. A review asked for meanwhile (a
    period chosen) is shown, and the older one, arriving later, is not."""
    import threading

    from gxjn_desktop.gui import findings_panel
    from gxjn_desktop.gui.background import background

    started, release = threading.Event(), threading.Event()
    opened: list[Period] = []

    def held(ledger: Any, period: Period, today: Any) -> Any:
        if not started.is_set():  # the review the panel runs when it is shown
            opened.append(period)
            started.set()
            release.wait(60)  # the test sets it; the bound only keeps a failed test from hanging the run
        return check_period(ledger, period, today)

    monkeypatch.setattr(findings_panel, "check_period", held)
    try:
        demo_window.tabs.setCurrentIndex(TAB_FINDINGS)
        panel = demo_window.findings
        qtbot.waitUntil(started.is_set)
        assert background().busy() and panel.shown_label.text() == "正在审核……"
        qtbot.keyClick(panel.severity_box, Qt.Key.Key_Down)  # the window answers while the rules run
        assert panel.severity_box.currentIndex() == 1 and background().busy()
        panel.severity_box.setCurrentIndex(0)
        assert opened == [panel.period()] != [Period.parse(2025, "Q2")]
        panel.set_period(2025, "Q2")  # at once, in this thread
        q2 = check_period(demo_window.store.ledger(), Period.parse(2025, "Q2"), DEMO_TODAY).findings
        assert panel.findings == q2
        release.set()
        after = threading.Event()  # jobs and their results come in order: this one's comes last
        background().submit(panel, lambda: None, lambda _: after.set())
        qtbot.waitUntil(after.is_set)
    finally:
        release.set()
    assert panel.period() == Period.parse(2025, "Q2") and panel.findings == q2
