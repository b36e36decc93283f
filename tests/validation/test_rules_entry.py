"""Entry-time and register rules: one passing and one failing case each, on hand-built ledgers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.records import MeterReplacement, MonthlyRecord, ReplacementReason
from gxjn_desktop.validation.findings import Location, Severity
from tests.validation.builders import (
    START,
    YEAR,
    D,
    check,
    ledger,
    quantity_meter,
    register,
    uses_as_quantities,
    uses_as_readings,
)

TWELVE = [100] * 12


def _edit(records: list[MonthlyRecord], month: int, **changes: object) -> list[MonthlyRecord]:
    return [replace(r, **changes) if (r.year, r.month) == (YEAR, month) else r for r in records]  # type: ignore[arg-type]


# VALUE-MISSING -------------------------------------------------------------------------------


def test_value_missing_passes_when_every_record_has_a_value() -> None:
    assert check(ledger([register()], uses_as_readings("E1", TWELVE)), "VALUE-MISSING") == []


def test_value_missing_flags_an_empty_reading_and_an_empty_quantity() -> None:
    records = _edit(uses_as_readings("E1", TWELVE), 3, reading=None)
    records += _edit(uses_as_quantities("V1", TWELVE), 5, quantity=None)
    findings = check(ledger([register(), quantity_meter()], records), "VALUE-MISSING")
    by_meter = {f.location.meter: f for f in findings}
    assert by_meter["E1"].location == Location.of_meter("E1", 2025, 3, "reading")
    assert "3 月的本期示数为空" in by_meter["E1"].message
    assert by_meter["V1"].location == Location.of_meter("V1", 2025, 5, "quantity")
    assert "用量为空" in by_meter["V1"].message
    assert "填 0" in by_meter["V1"].hint
    assert {f.severity for f in findings} == {Severity.ERROR}


# MONTH-MISSING -------------------------------------------------------------------------------


def test_month_missing_passes_for_a_complete_year() -> None:
    assert check(ledger([register()], uses_as_readings("E1", TWELVE)), "MONTH-MISSING") == []


def test_month_missing_flags_an_ended_month_without_a_record() -> None:
    records = [r for r in uses_as_readings("E1", TWELVE) if r.month != 6]
    findings = check(ledger([register()], records), "MONTH-MISSING")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 6, "reading")
    assert "缺少 2025 年 6 月的数据" in findings[0].message


def test_month_missing_ignores_months_not_yet_over_and_inactive_meters() -> None:
    records = uses_as_readings("E1", [100] * 5)  # January to May
    assert check(ledger([register()], records), "MONTH-MISSING", today=date(YEAR, 6, 15)) == []
    stopped = register(active_to=date(YEAR, 5, 31))
    assert check(ledger([stopped], records), "MONTH-MISSING") == []


# VALUE-NEGATIVE ------------------------------------------------------------------------------


def test_value_negative_passes_for_zero_and_positive_values() -> None:
    records = _edit(uses_as_quantities("V1", TWELVE, price="7.8"), 2, quantity=D(0), cost_fen=0)
    assert check(ledger([quantity_meter()], records), "VALUE-NEGATIVE") == []


def test_value_negative_flags_quantity_and_cost() -> None:
    records = _edit(uses_as_quantities("V1", TWELVE, price="7.8"), 2, quantity=D("-5.5"), cost_fen=-1234)
    findings = check(ledger([quantity_meter()], records), "VALUE-NEGATIVE")
    assert {f.location for f in findings} == {
        Location.of_meter("V1", 2025, 2, "quantity"),
        Location.of_meter("V1", 2025, 2, "cost"),
    }
    by_field = {f.location.field: f for f in findings}
    assert "用量为负数（-5.5）" in by_field["quantity"].message
    assert "金额为负数（-12.34）" in by_field["cost"].message
    assert by_field["quantity"].values == ("-5.5",)


# READ-ABOVE-REGISTER -------------------------------------------------------------------------


def test_read_above_register_passes_below_the_full_register() -> None:
    records = [MonthlyRecord("E1", YEAR, 1, reading=D("99999.9"))]
    assert check(ledger([register(register_digits=5)], records), "READ-ABOVE-REGISTER") == []


def test_read_above_register_flags_a_reading_with_an_extra_digit() -> None:
    records = [MonthlyRecord("E1", YEAR, 1, reading=D("100000"))]
    findings = check(ledger([register(register_digits=5)], records), "READ-ABOVE-REGISTER")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 1, "reading")
    assert "示数 100000 超过 5 位表的最大示数" in findings[0].message


# READ-DATE-FUTURE ----------------------------------------------------------------------------


def test_read_date_future_passes_for_today() -> None:
    records = [MonthlyRecord("E1", YEAR, 1, reading=D(10), reading_date=date(2026, 11, 24))]
    assert check(ledger([register()], records), "READ-DATE-FUTURE", today=date(2026, 11, 24)) == []


def test_read_date_future_flags_a_date_after_today() -> None:
    records = [MonthlyRecord("E1", YEAR, 1, reading=D(10), reading_date=date(2026, 11, 25))]
    findings = check(ledger([register()], records), "READ-DATE-FUTURE", today=date(2026, 11, 24))
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 1, "reading_date")
    assert "抄表日期 2026-11-25 在未来" in findings[0].message


# READ-DECREASE -------------------------------------------------------------------------------


def test_read_decrease_passes_for_rising_readings() -> None:
    assert check(ledger([register()], uses_as_readings("E1", TWELVE)), "READ-DECREASE") == []


def test_read_decrease_flags_an_unconfirmed_decrease() -> None:
    records = _edit(uses_as_readings("E1", TWELVE), 3, reading=D(150))  # February read 200
    findings = check(ledger([register()], records), "READ-DECREASE")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 3, "reading")
    assert "示数 150 小于上期示数 200" in findings[0].message
    assert "翻转" in findings[0].hint and "换表" in findings[0].hint


# ROLLOVER-IMPLAUSIBLE ------------------------------------------------------------------------


def test_rollover_passes_when_confirmed_and_plausible() -> None:
    records = [
        MonthlyRecord("E1", YEAR, 1, reading=D(9900)),
        MonthlyRecord("E1", YEAR, 2, reading=D(100), rollover_confirmed=True),
    ]
    assert check(ledger([register(register_digits=4)], records), "ROLLOVER-IMPLAUSIBLE") == []


def test_rollover_flags_too_large_a_wrap_and_missing_digits() -> None:
    records = [
        MonthlyRecord("E1", YEAR, 1, reading=D(9000)),
        MonthlyRecord("E1", YEAR, 2, reading=D(8000), rollover_confirmed=True),
        MonthlyRecord("E2", YEAR, 1, reading=D(9000)),
        MonthlyRecord("E2", YEAR, 2, reading=D(10), rollover_confirmed=True),
    ]
    meters = [register("E1", register_digits=4), register("E2", register_digits=None)]
    findings = {f.location.meter: f for f in check(ledger(meters, records), "ROLLOVER-IMPLAUSIBLE")}
    assert findings["E1"].location == Location.of_meter("E1", 2025, 2, "reading")
    assert "超过半个满码值" in findings["E1"].message
    assert findings["E2"].location == Location.of_meter("E2", 2025, 2, "reading")
    assert "没有登记表盘整数位数" in findings["E2"].message


# READ-GAP ------------------------------------------------------------------------------------


def test_read_gap_passes_for_consecutive_months() -> None:
    assert check(ledger([register()], uses_as_readings("E1", TWELVE)), "READ-GAP") == []


def test_read_gap_flags_a_reading_whose_previous_is_two_months_back() -> None:
    records = [r for r in uses_as_readings("E1", TWELVE) if r.month != 2]
    findings = check(ledger([register()], records), "READ-GAP")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 3, "reading")
    assert "上期示数取自 2025 年 1 月" in findings[0].message
    assert findings[0].severity is Severity.WARNING


# REPLACE-INCOMPLETE --------------------------------------------------------------------------


def _replacement(old_final: str, day: date = date(YEAR, 6, 16)) -> MeterReplacement:
    return MeterReplacement("W1", day, D(old_final), D(0), ReplacementReason.FAULT)


def test_replace_incomplete_passes_for_a_complete_replacement() -> None:
    records = [*uses_as_readings("W1", [100] * 5), MonthlyRecord("W1", YEAR, 6, reading=D(40))]
    led = ledger([register("W1", Carrier.WATER)], records, replacements=[_replacement("560")])
    assert check(led, "REPLACE-INCOMPLETE") == []


def test_replace_incomplete_flags_a_missing_new_reading_and_a_low_final_reading() -> None:
    records = uses_as_readings("W1", [100] * 5)
    led = ledger([register("W1", Carrier.WATER)], records, replacements=[_replacement("560")])
    (missing,) = check(led, "REPLACE-INCOMPLETE")
    assert missing.location == Location.of_meter("W1", 2025, 6, "reading")
    assert "2025-06-16 换表，但该月没有新表的本期示数" in missing.message

    records += [MonthlyRecord("W1", YEAR, 6, reading=D(40))]
    led = ledger([register("W1", Carrier.WATER)], records, replacements=[_replacement("450")])
    (low,) = check(led, "REPLACE-INCOMPLETE")
    assert low.location == Location.of_meter("W1", 2025, 6, "reading")
    assert "旧表止码 450 小于上期示数 500" in low.message


# MULT-NO-DATE --------------------------------------------------------------------------------


def _ct_meter() -> Meter:
    changes = (MultiplierChange(START, D(30)), MultiplierChange(date(YEAR, 3, 15), D(60)))
    return register(multipliers=changes)


def test_mult_no_date_passes_with_a_segment_reading_on_the_day() -> None:
    segment = MeterReplacement("E1", date(YEAR, 3, 15), D(250), D(250), ReplacementReason.MULTIPLIER)
    led = ledger([_ct_meter()], uses_as_readings("E1", TWELVE), replacements=[segment])
    assert check(led, "MULT-NO-DATE") == []


def test_mult_no_date_flags_a_mid_month_change_without_a_segment() -> None:
    findings = check(ledger([_ct_meter()], uses_as_readings("E1", TWELVE)), "MULT-NO-DATE")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("E1", 2025, 3, "multiplier")
    assert "自 2025-03-15 起改为 60" in findings[0].message


# HEAT-NO-METER -------------------------------------------------------------------------------


def _heat(metered: bool) -> Meter:
    return Meter("H1", "供热账户", Carrier.HEAT, MeterKind.QUANTITY, active_from=START, has_heat_meter=metered)


def test_heat_no_meter_passes_with_a_heat_meter() -> None:
    assert check(ledger([_heat(True)], uses_as_quantities("H1", TWELVE)), "HEAT-NO-METER") == []


def test_heat_no_meter_flags_heat_without_a_heat_meter() -> None:
    findings = check(ledger([_heat(False)], uses_as_quantities("H1", ["0"] * 11 + ["12.5"])), "HEAT-NO-METER")
    assert len(findings) == 1
    assert findings[0].location == Location.of_meter("H1", 2025, 12, "quantity")
    assert "12 月填了热力 12.5 GJ" in findings[0].message


# COST-QUANTITY-PAIR --------------------------------------------------------------------------


def test_cost_quantity_pair_passes_with_both_and_for_pv_and_submeters() -> None:
    records = uses_as_readings("E1", TWELVE, price="0.7") + uses_as_readings("P1", TWELVE)
    records += uses_as_readings("E3", [10] * 12)
    meters = [register(), register("P1", Carrier.PV), register("E3", parent_code="E1")]
    assert check(ledger(meters, records), "COST-QUANTITY-PAIR") == []


def test_cost_quantity_pair_flags_use_without_cost_and_cost_without_use() -> None:
    records = _edit(uses_as_readings("E1", TWELVE, price="0.7"), 4, cost_fen=None)
    records = _edit(records, 5, reading=D(400))  # April read 400: no use in May, cost still there
    findings = {f.location.month: f for f in check(ledger([register()], records), "COST-QUANTITY-PAIR")}
    assert findings["2025-04"].location == Location.of_meter("E1", 2025, 4, "cost")
    assert "4 月有用量 100 kWh，但金额为空" in findings["2025-04"].message
    assert findings["2025-05"].location == Location.of_meter("E1", 2025, 5, "reading")
    assert "5 月有金额但用量为 0" in findings["2025-05"].message


# SUBMETER-ABOVE-PARENT -----------------------------------------------------------------------


def test_submeter_passes_below_its_parent() -> None:
    meters = [register(), register("E3", parent_code="E1")]
    records = uses_as_readings("E1", TWELVE, price="0.7") + uses_as_readings("E3", [60] * 12)
    assert check(ledger(meters, records), "SUBMETER-ABOVE-PARENT") == []


def test_submeter_flags_use_above_its_parent() -> None:
    meters = [register(), register("E3", parent_code="E1")]
    sub = [60] * 7 + [150] + [60] * 4  # August: 150 under a parent of 100
    records = uses_as_readings("E1", TWELVE, price="0.7") + uses_as_readings("E3", sub)
    findings = check(ledger(meters, records), "SUBMETER-ABOVE-PARENT")
    # September's reading follows August's, so only August is above the parent
    assert [f.location for f in findings] == [Location.of_meter("E3", 2025, 8, "reading")]
    assert "8 月用量 150 超过总表 测试表E1 的 100" in findings[0].message
