"""Plausibility against the meter's own history."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.records import MonthlyRecord, Source
from gxjn_desktop.validation.findings import Location, Severity
from tests.validation.builders import (
    YEAR,
    D,
    check,
    daily,
    ledger,
    quantity_meter,
    register,
    uses_as_quantities,
    uses_as_readings,
)


def _meter_ledger(uses: list[Decimal] | list[str], start: tuple[int, int] = (YEAR, 1)) -> Ledger:
    return ledger([register()], uses_as_readings("E1", uses, start=start))


# SAME-VALUE-3 --------------------------------------------------------------------------------


def test_same_value_passes_for_values_that_differ() -> None:
    assert check(_meter_ledger(["100", "100", "101"]), "SAME-VALUE-3") == []


def test_same_value_passes_for_three_zero_months() -> None:
    assert check(_meter_ledger(["0", "0", "0"]), "SAME-VALUE-3") == []


def test_same_value_flags_the_third_month_within_tolerance() -> None:
    findings = check(_meter_ledger(["100", "100", "100.05", "120"]), "SAME-VALUE-3")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_meter("E1", 2025, 3, "reading")
    assert "连续三个月用量相同（1 月 100、2 月 100、3 月 100.05 kWh），差异不超过 0.1%" in f.message
    assert f.severity is Severity.WARNING
    assert f.values == ("100.05", "100", "100")


def test_same_value_uses_the_previous_year_in_january_and_quantity_meters() -> None:
    led = ledger([quantity_meter()], uses_as_quantities("V1", ["50", "50", "50"], start=(YEAR - 1, 11)))
    findings = check(led, "SAME-VALUE-3")
    assert [f.location for f in findings] == [Location.of_meter("V1", 2025, 1, "quantity")]
    assert "11 月 50、12 月 50、1 月 50 L" in findings[0].message


# ESTIMATE-CONSECUTIVE ------------------------------------------------------------------------


def _sources(*sources: Source) -> Ledger:
    records = uses_as_readings("E1", ["100"] * len(sources))
    return ledger([register()], [replace(r, source=s) for r, s in zip(records, sources, strict=True)])


def test_estimates_pass_up_to_the_limit() -> None:
    e, r = Source.ESTIMATE, Source.READING
    assert check(_sources(e, e, r, e, e, r), "ESTIMATE-CONSECUTIVE") == []


def test_estimates_beyond_the_limit_are_flagged_each_month() -> None:
    e, r = Source.ESTIMATE, Source.READING
    findings = check(_sources(r, e, e, e, e, r), "ESTIMATE-CONSECUTIVE")
    assert [f.location for f in findings] == [
        Location.of_meter("E1", 2025, 4, "source"),
        Location.of_meter("E1", 2025, 5, "source"),
    ]
    assert "自 2025 年 2 月起已连续 3 个月为估算数据，超过上限 2 个月" in findings[0].message
    assert "连续 4 个月" in findings[1].message


def test_estimates_run_back_into_the_previous_year() -> None:
    records = [
        MonthlyRecord("E1", YEAR - 1, 11, reading=D(100), source=Source.ESTIMATE),
        MonthlyRecord("E1", YEAR - 1, 12, reading=D(200), source=Source.ESTIMATE),
        MonthlyRecord("E1", YEAR, 1, reading=D(300), source=Source.ESTIMATE),
    ]
    findings = check(ledger([register()], records), "ESTIMATE-CONSECUTIVE")
    assert [f.location.month for f in findings] == ["2025-01"]
    assert "自 2024 年 11 月起" in findings[0].message


# USE-VS-PREV2 --------------------------------------------------------------------------------


def test_prev2_compares_use_per_day() -> None:
    # 100 a day in every month: February's smaller total is not a drop
    assert check(_meter_ledger(daily((YEAR, 1), [100, 100, 100])), "USE-VS-PREV2") == []


def test_prev2_flags_a_rise_above_the_limit() -> None:
    findings = check(_meter_ledger(daily((YEAR, 1), [100, 100, 130])), "USE-VS-PREV2")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_meter("E1", 2025, 3, "reading")
    assert (
        "2025 年 3 月用量 4030 kWh（日均 130.00 kWh），比前两个月日均 100.00 kWh 变化 +30.00%，超出 +20%" in f.message
    )
    assert f.values == ("4030", "100.00")


def test_prev2_flags_a_drop_below_the_limit() -> None:
    findings = check(_meter_ledger(daily((YEAR, 1), [100, 100, 49, 49])), "USE-VS-PREV2")
    assert [f.location.month for f in findings] == ["2025-03"]  # April: 49 vs 74.5, −34 %
    assert "变化 -51.00%，超出 -50%" in findings[0].message


def test_prev2_skips_a_month_whose_history_is_unknown() -> None:
    records = uses_as_readings("E1", daily((YEAR, 1), [100, 100, 130]))
    records = [r for r in records if r.month != 2]
    assert check(ledger([register()], records), "USE-VS-PREV2") == []


# USE-VS-LAST-YEAR ----------------------------------------------------------------------------


def _last_year(june_2025: int) -> Ledger:
    per_day = [100] * 12 + [june_2025]  # June 2024 … June 2025
    return _meter_ledger(daily((YEAR - 1, 6), per_day), start=(YEAR - 1, 6))


def test_last_year_passes_within_the_band() -> None:
    assert check(_last_year(115), "USE-VS-LAST-YEAR") == []


def test_last_year_flags_a_rise_over_the_same_month() -> None:
    findings = check(_last_year(125), "USE-VS-LAST-YEAR")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_meter("E1", 2025, 6, "reading")
    assert (
        "用量 3750 kWh（日均 125.00 kWh），比上年同月（2024 年 6 月）日均 100.00 kWh 变化 +25.00%，超出 +20%"
        in f.message
    )


# USE-OUTSIDE-12M -----------------------------------------------------------------------------


def _after_12(per_day: int, history: int = 12) -> Ledger:
    start = (YEAR, 12 - history)
    return _meter_ledger(daily(start, [100] * history + [per_day]), start=start)


def test_outside_12m_passes_within_the_band() -> None:
    assert check(_after_12(115), "USE-OUTSIDE-12M") == []


def test_outside_12m_flags_above_the_maximum_and_below_the_minimum() -> None:
    (high,) = check(_after_12(125), "USE-OUTSIDE-12M")
    assert high.location == Location.of_meter("E1", 2025, 12, "reading")
    assert "比前 12 个月日均最大值 100.00 kWh 变化 +25.00%，高出 20%以上" in high.message
    (low,) = check(_after_12(45), "USE-OUTSIDE-12M")
    assert "比前 12 个月日均最小值 100.00 kWh 变化 -55.00%，低于 50%以上" in low.message


def test_outside_12m_needs_enough_history() -> None:
    assert check(_after_12(300, history=9), "USE-OUTSIDE-12M") == []


# USE-OUTLIER ---------------------------------------------------------------------------------

_VARIED = [100, 102, 98, 101, 99, 100]  # median 100, MAD 1


def test_outlier_passes_within_the_mad_band() -> None:
    assert check(_meter_ledger(daily((YEAR, 1), [*_VARIED, 104])), "USE-OUTLIER") == []


def test_outlier_flags_a_month_far_from_the_median() -> None:
    findings = check(_meter_ledger(daily((YEAR, 1), [*_VARIED, 108])), "USE-OUTLIER")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_meter("E1", 2025, 7, "reading")
    assert (
        "偏离此前 6 个月日均中位数 100.00 kWh 达 8.0 倍中位数绝对偏差（即各月与中位数之差的中位数，为 1.00），超过 5 倍"
        in f.message
    )
    assert "3348 kWh" in f.message


def test_outlier_needs_min_points_and_a_spread() -> None:
    assert check(_meter_ledger(daily((YEAR, 1), [*_VARIED[:5], 300])), "USE-OUTLIER") == []
    assert check(_meter_ledger(daily((YEAR, 1), [100] * 6 + [300])), "USE-OUTLIER") == []


def test_history_findings_do_not_depend_on_later_months() -> None:
    base = daily((YEAR, 1), [*_VARIED, 108])
    later = [*base, *daily((YEAR, 8), [300, 5, 300, 5, 300])]
    rules = ("USE-OUTLIER", "USE-VS-PREV2", "USE-OUTSIDE-12M", "SAME-VALUE-3")
    for rule_id in rules:
        july = [f.fingerprint for f in check(_meter_ledger(base), rule_id) if f.location.month == "2025-07"]
        again = [f.fingerprint for f in check(_meter_ledger(later), rule_id) if f.location.month == "2025-07"]
        assert july == again, rule_id
