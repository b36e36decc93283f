"""Incomplete periods and the year-to-date target status (cli.md §Figures), worked out by hand.

Ledgers of one or two electricity accounts with 100 people and 1,000 m² in both years, so every
indicator's change is the change in kWh and each figure below can be checked with a pencil.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.indicators import IndicatorKind, TargetStatus, covered_months, indicator_report
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.domain.units import Signatories, YearProfile
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.services.reports import build_indicator_report, indicators_json
from tests.domain.builders import ledger, quantity, quantity_meter

SIGNED = Signatories("甲", "乙", "丙")
PROFILES = {y: YearProfile(y, 100, Decimal(1000), signatories=SIGNED) for y in (2024, 2025, 2026)}


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def _ledger(uses: dict[tuple[str, int], list[str]]) -> Ledger:
    """``uses[(meter, year)]`` lists the kWh of January, February, … (as many months as given)."""
    meters = tuple(quantity_meter(code, Carrier.ELECTRICITY) for code in sorted({c for c, _ in uses}))
    records = tuple(
        quantity(code, year, m, kwh, cost_fen=100)
        for (code, year), months in uses.items()
        for m, kwh in enumerate(months, start=1)
    )
    return ledger(meters, records, profiles=PROFILES)


# 2025 has 10,000 kWh every month; 2026 has January to March only, 2,000 kWh each (−80 %).
EARLY_2026 = _ledger({("E1", 2025): ["10000"] * 12, ("E1", 2026): ["2000"] * 3})


def test_a_year_with_three_months_is_those_three_months_against_the_same_three(ref: ReferenceData) -> None:
    report = indicator_report(EARLY_2026, ref, Period.parse(2026))
    assert report.covered == (1, 2, 3) and not report.complete and report.coverage_label == "已填至 3 月"
    assert report.figures.comprehensive_kgce == Decimal(6000) * Decimal("0.1229")
    assert report.previous is not None
    assert report.previous.comprehensive_kgce == Decimal(30000) * Decimal("0.1229")  # 2025 January–March
    for ind in report.indicators:
        if ind.kind is IndicatorKind.WATER_PER_CAPITA:
            continue  # no water meter: 0 against 0
        assert ind.change_pct == Decimal(-80)  # 6,000 against 30,000, not against 120,000 (−95 %)
        assert ind.status is TargetStatus.ON_TRACK


def test_a_month_a_meter_has_not_filled_ends_the_covered_months(ref: ReferenceData) -> None:
    """E2 has January and February only: March is not covered although E1 has it."""
    lg = _ledger(
        {
            ("E1", 2025): ["10000"] * 12,
            ("E2", 2025): ["1000"] * 12,
            ("E1", 2026): ["8900"] * 3,
            ("E2", 2026): ["1000"] * 2,
        }
    )
    assert covered_months(lg, Period.parse(2026)) == (1, 2)
    report = indicator_report(lg, ref, Period.parse(2026, "Q1"))
    assert report.covered == (1, 2) and report.coverage_label == "已填至 2 月"
    assert report.figures.comprehensive_kgce == Decimal(19800) * Decimal("0.1229")  # without E1's March
    energy = report.indicators[0]
    assert energy.change_pct == Decimal(-10)  # 19,800 against 22,000 kWh


def test_a_period_without_its_first_month_is_incomplete_with_nulls(ref: ReferenceData) -> None:
    for code in ("Q2", "M04", "M12"):
        report = build_indicator_report(EARLY_2026, Period.parse(2026, code), ref)
        data = indicators_json(EARLY_2026, report, ref)
        assert data["complete"] is False and data["covered_months"] == []
        assert data["totals"] == []
        assert data["comprehensive_energy_tce"] is None and data["building_energy_tce"] is None
        assert data["co2_t"] is None
        assert data["people"] == 100 and data["area_m2"] == "1000"
        for ind in data["indicators"].values():
            assert ind["value"] is None and ind["previous"] is None and ind["change_pct"] is None
            assert ind["target_pct"] in {"-1.1", "-0.9", "-1.8"}  # the target stays
            assert ind["status"] == "incomplete" and ind["reason"]


def test_a_complete_period_names_its_months(ref: ReferenceData) -> None:
    for code, months in (("M02", [2]), ("Q1", [1, 2, 3]), ("YTD-M02", [1, 2])):
        data = indicators_json(EARLY_2026, build_indicator_report(EARLY_2026, Period.parse(2026, code), ref), ref)
        assert data["complete"] is True and data["covered_months"] == months


def _q3_ledger() -> Ledger:
    """2024: 10,000 kWh a month. 2025: 11,355.5 kWh in January–June, 9,659 kWh in July–September.

    Q3: 28,977 against 30,000 kWh = −3.41 % (the quarter alone would read on_track against −1.1 %).
    January–September: 6 × 11,355.5 + 28,977 = 97,110 against 90,000 kWh = +7.90 %: off_track.
    """
    return _ledger({("E1", 2024): ["10000"] * 12, ("E1", 2025): ["11355.5"] * 6 + ["9659"] * 3})


def test_a_quarter_is_judged_on_january_to_its_last_month(ref: ReferenceData) -> None:
    report = indicator_report(_q3_ledger(), ref, Period.parse(2025, "Q3"))
    energy = next(i for i in report.indicators if i.kind is IndicatorKind.ENERGY_PER_CAPITA)
    assert energy.change_pct == Decimal("-3.41")
    assert energy.ytd_change_pct == Decimal("7.9")
    assert energy.status is TargetStatus.OFF_TRACK
    data = indicators_json(_q3_ledger(), report, ref)["indicators"]["energy_per_capita_kgce"]
    assert (data["change_pct"], data["ytd_change_pct"], data["status"]) == ("-3.41", "7.90", "off_track")


def test_a_month_carries_its_year_to_date_change_and_a_year_does_not(ref: ReferenceData) -> None:
    lg = _q3_ledger()
    september = indicator_report(lg, ref, Period.parse(2025, "M09")).indicators[0]
    assert september.change_pct == Decimal("-3.41") and september.ytd_change_pct == Decimal("7.9")
    assert september.status is TargetStatus.OFF_TRACK
    july = indicator_report(lg, ref, Period.parse(2025, "M07")).indicators[0]
    # January–July: 6 × 11,355.5 + 9,659 = 77,792 against 70,000 kWh = +11.131…%
    assert july.ytd_change_pct == (Decimal("77792") - 70000) / 70000 * 100
    data = indicators_json(lg, build_indicator_report(lg, Period.parse(2025, "YTD-M09"), ref), ref)
    assert "ytd_change_pct" not in data["indicators"]["energy_per_capita_kgce"]
    assert data["indicators"]["energy_per_capita_kgce"]["change_pct"] == "7.90"


def test_target_missed_follows_the_year_to_date_status(ref: ReferenceData) -> None:
    findings = check_period(_q3_ledger(), Period.parse(2025, "Q3")).findings
    missed = {f.location.field: f for f in findings if f.rule_id == "TARGET-MISSED"}
    assert "energy_per_capita_kgce" in missed
    assert "1—9 月累计同比变化 7.90%" in missed["energy_per_capita_kgce"].message
    # Three months of 2026 against the same three of 2025, not against the whole year.
    early = check_period(EARLY_2026, Period.parse(2026)).findings
    assert not [f for f in early if f.rule_id == "YOY-CARRIER" and "-95" in f.message]
    yoy = [f for f in early if f.rule_id == "YOY-CARRIER"]
    assert yoy and "-80.00%" in yoy[0].message


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_command_line_reports_coverage(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    service = LedgerService.open(data_dir)
    service.replace_everything(EARLY_2026)
    service.close()
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "indicators", "--year", "2026", "--json")
    d = json.loads(out)
    assert code == 0 and d["complete"] is False and d["covered_months"] == [1, 2, 3]
    assert d["indicators"]["energy_per_capita_kgce"]["change_pct"] == "-80.00"
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "indicators", "--year", "2026")
    assert code == 0 and "已填至 3 月" in out
    # A quarter with no record in a year that has data: exit 0 and incomplete, not a user error.
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "indicators", "--year", "2026", "--period", "Q3", "--json")
    d = json.loads(out)
    assert code == 0 and d["covered_months"] == [] and d["comprehensive_energy_tce"] is None
    assert {i["status"] for i in d["indicators"].values()} == {"incomplete"}
    code, _, err = run(capsys, "--data-dir", str(data_dir), "indicators", "--year", "2023")
    assert code == 2 and "没有数据" in err


def test_a_period_is_exported_only_when_complete() -> None:
    """In April 2026 the year is filled to March: export is refused, the finding names April."""
    result = check_period(EARLY_2026, Period.parse(2026), date(2026, 4, 10))
    (finding,) = [f for f in result.findings if f.rule_id == "PERIOD-INCOMPLETE"]
    assert not result.export_allowed and finding.location.key.startswith("E1|2026-04")
    assert "已填至 3 月" in finding.message
    # Once April is over, MONTH-MISSING names each missing month; no second finding for the same gap.
    later = check_period(EARLY_2026, Period.parse(2026), date(2027, 1, 10)).findings
    assert not [f for f in later if f.rule_id == "PERIOD-INCOMPLETE"]
    assert [f for f in later if f.rule_id == "MONTH-MISSING"]
    # A complete quarter has nothing to say.
    assert not [f for f in check_period(EARLY_2026, Period.parse(2026, "Q1"), date(2026, 4, 10)).findings
                if f.rule_id == "PERIOD-INCOMPLETE"]  # fmt: skip


def test_a_snapshot_edited_in_place_does_not_keep_old_month_uses(ref: ReferenceData) -> None:
    """Month uses are remembered per snapshot; Ledger.apply gives a snapshot that forgets them."""
    from gxjn_desktop.domain.ledger import StoredState

    before = indicator_report(EARLY_2026, ref, Period.parse(2026, "M01")).figures.comprehensive_kgce
    edited = EARLY_2026.apply(StoredState(records=((("E1", 2026, 1), quantity("E1", 2026, 1, "3000", 100)),)))
    after = indicator_report(edited, ref, Period.parse(2026, "M01")).figures.comprehensive_kgce
    assert (before, after) == (Decimal(2000) * Decimal("0.1229"), Decimal(3000) * Decimal("0.1229"))
