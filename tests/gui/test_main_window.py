"""First start (wizard, demo), the other screens, the lock, settings and the entry point."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from gxjn_desktop import __main__ as entry_point
from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.gui import app as gui_app
from gxjn_desktop.gui import messages, meters_screen
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_METERS, TAB_OVERVIEW, TAB_UNIT, MainWindow
from gxjn_desktop.gui.ui_state import MAIN_GEOMETRY, UI_STATE_FILE, UiState
from gxjn_desktop.gui.welcome import NewUnitResult, NewUnitWizard
from gxjn_desktop.services.demo import DEMO_UNIT_NAME
from gxjn_desktop.services.ledger_service import LedgerService
from tests.gui.helpers import reopen, show_overview

VALID_USCC = "12450123MB1965432"


def valid_uscc() -> str:
    from gxjn_desktop.domain.units import uscc_check_character

    return VALID_USCC + uscc_check_character(VALID_USCC)


def test_wizard_creates_a_unit(
    qtbot: Any, empty_store: LedgerService, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = MainWindow(data_dir, empty_store)
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.welcome

    def fill_wizard(parent: Any) -> NewUnitResult:
        wizard = NewUnitWizard(parent)
        qtbot.addWidget(wizard)
        wizard.show()
        page = wizard.unit_page
        page.fields.name.setText("南宁市某某局")
        page.fields.uscc.setText(VALID_USCC + "0")
        page.fields.admin_code.setText("450103")
        wizard.next()
        assert wizard.currentPage() is page  # a wrong check character stops here
        assert "校验位错误" in page.error.text()
        page.fields.uscc.setText(valid_uscc())
        page.fields.admin_code.setText("110101")  # Beijing: not a code of 广西
        wizard.next()
        assert wizard.currentPage() is page and "不是广西的代码" in page.error.text()
        page.fields.admin_code.setText("450103")
        assert "第 3—8 位" in page.error.text()  # shown while typing: registered in 450123, not 450103
        wizard.next()
        assert wizard.currentPage() is page and "450123" in page.error.text()  # the warning stops once
        wizard.next()
        assert wizard.currentPage() is wizard.profile_page
        wizard.profile_page.people.setText("１２０")  # full-width digits are fine here too
        wizard.profile_page.area.setText("8,000")
        wizard.next()
        assert wizard.currentPage() is wizard.meter_page
        assert not wizard.validateCurrentPage()  # a register meter needs its starting reading
        assert "起始示数" in wizard.meter_page.error.text()
        wizard.meter_page.initial.setText("1234.5")
        wizard.meter_page.multiplier.setText("30")
        assert wizard.validateCurrentPage()
        return wizard.result_value()

    monkeypatch.setattr(messages, "run_new_unit_wizard", fill_wizard)
    qtbot.mouseClick(window.welcome.new_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.tabs
    assert window.tabs.currentIndex() == TAB_ENTRY

    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    assert ledger.unit.name == "南宁市某某局" and ledger.unit.uscc == valid_uscc()
    profile = next(iter(ledger.profiles.values()))
    assert profile.people == 120 and profile.building_area_m2 == Decimal(8000)
    (meter,) = ledger.meters
    assert meter.code == "E1" and meter.carrier is Carrier.ELECTRICITY and meter.kind is MeterKind.REGISTER
    assert meter.initial_reading == Decimal("1234.5") and meter.multipliers[0].multiplier == Decimal(30)
    # The grid shows the new meter with its initial reading as 上期示数.
    assert window.entry.model.row_at(0).previous == Decimal("1234.5")


def test_demo_from_the_welcome_screen(qtbot: Any, empty_store: LedgerService, data_dir: Path) -> None:
    window = MainWindow(data_dir, empty_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.tabs
    store = reopen(data_dir)
    assert store.ledger().unit.name == DEMO_UNIT_NAME
    store.close()
    assert DEMO_UNIT_NAME in window.windowTitle()


def test_overview_unit_and_meter_screens(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, qtmodeltester: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    show_overview(qtbot, window)
    assert "2025" in window.dashboard.heading.text()
    assert window.dashboard.cards.count() == 4
    assert "待处理" in window.dashboard.summary.text()
    assert window.dashboard.chart.series is not None
    window.dashboard.chart.grab()  # paints without errors

    window.tabs.setCurrentIndex(TAB_UNIT)
    screen = window.unit_screen
    assert screen.fields.name.text() == DEMO_UNIT_NAME
    stored_uscc = screen.fields.uscc.text()
    screen.fields.uscc.setText("12345")
    screen.save_unit()
    assert "18 位" in screen.unit_error.text()
    screen.fields.uscc.setText(stored_uscc)  # put it back, or leaving the tab would ask to save
    screen.people.setText("0")
    screen.save_profile()
    assert "必须大于 0" in screen.profile_error.text()
    screen.people.setText("130")
    assert screen.people_source.text() == "人事股花名册（含编外）年平均"
    screen.people_source.setText("")  # an emptied source note is removed
    screen.statistician.setText("黄丽")
    screen.canteen_seats.setValue(180)
    screen.save_profile()
    assert screen.profile_error.text() == ""
    store = reopen(data_dir)
    p = store.ledger().profiles[2025]
    store.close()
    assert p.people == 130 and p.signatories.statistician == "黄丽" and p.canteen_seats == 180
    assert "people" not in p.source_notes and p.source_notes["building_area_m2"] == "同上年"

    window.tabs.setCurrentIndex(TAB_METERS)
    meters = window.meters
    qtmodeltester.check(meters.model)
    w1 = next(i for i, m in enumerate(meters.model.meters) if m.code == "W1")
    meters.view.selectRow(w1)
    assert meters.replacements.rowCount() == 1  # the demo's June replacement

    from datetime import date

    monkeypatch.setattr(meters_screen, "ask_retire_date", lambda parent, meter: date(2026, 3, 31))
    meters.retire_button.click()
    monkeypatch.setattr(meters_screen, "ask_multiplier", lambda parent, meter: (date(2026, 2, 1), Decimal(40), None))
    meters.view.selectRow(next(i for i, m in enumerate(meters.model.meters) if m.code == "E1"))
    meters.multiplier_button.click()
    assert meters.multipliers.rowCount() == 2
    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    assert ledger.meter("W1").active_to == date(2026, 3, 31)
    assert ledger.meter("E1").multiplier_on(date(2026, 2, 28)) == Decimal(40)
    window.entry.set_period(2026, 4)
    assert window.entry.model.row_of(window.entry.model.row_at(0).key) == 0
    assert all(window.entry.model.row_at(i).key.code != "W1" for i in range(window.entry.model.rowCount()))


def test_window_state_is_remembered(qtbot: Any, demo_service: LedgerService, data_dir: Path) -> None:
    window = MainWindow(data_dir, demo_service)
    qtbot.addWidget(window)
    window.show()
    window.entry.view.setColumnWidth(0, 333)
    window.close()
    assert (data_dir / UI_STATE_FILE).exists()
    assert UiState(data_dir).bytes(MAIN_GEOMETRY) is not None
    again = MainWindow(data_dir, demo_service)
    qtbot.addWidget(again)
    assert again.entry.view.columnWidth(0) == 333


def test_second_start_is_refused_by_the_lock(data_dir: Path) -> None:
    first = gui_app.acquire_lock(data_dir)
    assert first is not None
    try:
        assert gui_app.acquire_lock(data_dir) is None
    finally:
        first.unlock()
    again = gui_app.acquire_lock(data_dir)
    assert again is not None
    again.unlock()


def test_translator_and_locale(qapp: Any) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    gui_app.make_application([])
    assert QLocale().name() == "zh_CN"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_entry_point_parses_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    seen: list[Path] = []
    monkeypatch.setattr(gui_app, "run", lambda data_dir, argv=None: seen.append(data_dir) or 0)
    assert entry_point.main(["--data-dir", str(tmp_path)]) == 0
    assert seen == [tmp_path]


def test_excepthook_logs_and_shows_the_log_path(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_crash", lambda parent, summary, log, details: shown.append((summary, log)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    gui_app.install_excepthook(data_dir)
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    assert shown and "boom" in shown[0][0]
    log = Path(shown[0][1])
    assert log == data_dir / "logs" / "gxjn.log" and "RuntimeError: boom" in log.read_text(encoding="utf-8")


def test_new_unit_over_existing_data_asks_first(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "confirm", lambda parent, title, text: asked.append(text) or False)
    demo_window.new_unit()  # declined: the wizard never opens (the autouse fixture would fail it)
    assert asked and DEMO_UNIT_NAME in asked[0]
    store = reopen(data_dir)
    assert store.ledger().unit.name == DEMO_UNIT_NAME
    store.close()


@pytest.mark.parametrize("answer", [True, False])
def test_leaving_unit_info_with_unsaved_changes_asks(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch, answer: bool
) -> None:
    """单位信息 is saved with its buttons; typed but unsaved changes are not dropped silently."""
    asked: list[str] = []

    def ask_save_changes(_parent: Any, title: str, _text: str) -> bool:  # 保存 (True) or 放弃 (False)
        asked.append(title)
        return answer

    monkeypatch.setattr(messages, "ask_save_changes", ask_save_changes)
    window = demo_window
    window.tabs.setCurrentIndex(TAB_UNIT)
    window.unit_screen.year.setValue(2025)
    window.unit_screen.statistician.setText("黄丽")
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert asked == ["保存修改"]
    store = reopen(data_dir)
    saved = store.ledger().profiles[2025].signatories.statistician
    store.close()
    assert saved == ("黄丽" if answer else "")
    window.tabs.setCurrentIndex(TAB_UNIT)
    window.tabs.setCurrentIndex(TAB_OVERVIEW)  # nothing typed since: no question
    assert asked == ["保存修改"]


def test_a_refused_value_keeps_you_on_unit_info(demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(messages, "ask_save_changes", lambda *_: True)
    window = demo_window
    window.tabs.setCurrentIndex(TAB_UNIT)
    window.unit_screen.people.setText("abc")
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert window.tabs.currentIndex() == TAB_UNIT and "abc" in window.unit_screen.profile_error.text()


def test_mid_month_multiplier_change_records_the_days_reading(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CT changed on 15 June from ×30 to ×40: June is (X − May) × 30 + (June − X) × 40, and MULT-NO-DATE is quiet."""
    from datetime import date

    from gxjn_desktop.domain.consumption import month_use
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.services.checks import check_period
    from tests.conftest import DEMO_TODAY

    ledger = demo_window.store.ledger()
    may, june = ledger.record("E1", 2025, 5).reading, ledger.record("E1", 2025, 6).reading  # type: ignore[union-attr]
    assert may is not None and june is not None
    x = may + (june - may) / 2
    monkeypatch.setattr(meters_screen, "ask_multiplier", lambda parent, meter: (date(2025, 6, 15), Decimal(40), x))
    window = demo_window
    window.tabs.setCurrentIndex(TAB_METERS)
    meters = window.meters
    meters.view.selectRow(next(i for i, m in enumerate(meters.model.meters) if m.code == "E1"))
    meters.change_multiplier()
    store = reopen(data_dir)
    after = store.ledger()
    store.close()
    use = month_use(after, after.meter("E1"), 2025, 6)
    assert use.quantity == (x - may) * 30 + (june - x) * 40
    findings = check_period(after, Period.parse(2025, "M06"), DEMO_TODAY).findings
    assert not any(f.rule_id == "MULT-NO-DATE" for f in findings)


def test_chart_without_any_use_paints_a_sentence_not_an_axis_of_zeros(qtbot: Any) -> None:
    from gxjn_desktop.domain.carriers import Carrier
    from gxjn_desktop.gui.dashboard import MonthlyChart
    from gxjn_desktop.services.entry import CarrierMonths

    chart = MonthlyChart()
    qtbot.addWidget(chart)
    chart.resize(600, 300)
    chart.set_series(CarrierMonths(Carrier.WATER, "t", (None,) * 12, (Decimal(0),) * 12), 2026)
    image = chart.grab().toImage()
    assert not image.isNull()
    # Only the centred sentence is drawn: near the right edge, where the grid lines would run, it stays white.
    assert all(image.pixelColor(580, y).name() == "#ffffff" for y in range(image.height()))
