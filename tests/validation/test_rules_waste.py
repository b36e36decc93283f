"""Garbage sorting and canteen food waste."""

from __future__ import annotations

from gxjn_desktop.domain.records import CanteenMonth, ContainerEstimate, GarbageCategory, GarbageMonth
from gxjn_desktop.validation.findings import Location, Severity
from tests.validation.builders import YEAR, D, check, ledger

KG = {
    GarbageCategory.RECYCLABLE: D("10"),
    GarbageCategory.HAZARDOUS: D("1"),
    GarbageCategory.KITCHEN: D("20"),
    GarbageCategory.OTHER: D("30"),
}


def _garbage(total: str | None, estimated: dict[GarbageCategory, ContainerEstimate] | None = None) -> GarbageMonth:
    return GarbageMonth(YEAR, 3, KG, estimated or {}, None if total is None else D(total))


# GARBAGE-SUM ---------------------------------------------------------------------------------


def test_garbage_sum_passes_within_the_tolerance() -> None:
    assert check(ledger(garbage=[_garbage("61")]), "GARBAGE-SUM") == []
    assert check(ledger(garbage=[_garbage("61.005")]), "GARBAGE-SUM") == []
    assert check(ledger(garbage=[_garbage(None)]), "GARBAGE-SUM") == []


def test_garbage_sum_flags_a_total_that_does_not_add_up() -> None:
    findings = check(ledger(garbage=[_garbage("62")]), "GARBAGE-SUM")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_garbage(2025, 3, "reported_total_kg")
    assert "各类之和 61 kg" in f.message
    assert "与填报总量 62 kg 相差 1 kg，超过容差 0.01 kg" in f.message
    assert f.severity is Severity.ERROR


# GARBAGE-ESTIMATE ----------------------------------------------------------------------------


def _estimated(litres: str, times: int, fill: str) -> GarbageMonth:
    return _garbage("61", estimated={GarbageCategory.KITCHEN: ContainerEstimate(D(litres), times, D(fill))})


def test_garbage_estimate_passes_for_sensible_containers() -> None:
    assert check(ledger(garbage=[_estimated("240", 12, "80")]), "GARBAGE-ESTIMATE") == []
    assert check(ledger(garbage=[_estimated("240", 0, "0")]), "GARBAGE-ESTIMATE") == []
    assert check(ledger(garbage=[_estimated("240", 12, "100")]), "GARBAGE-ESTIMATE") == []


def test_garbage_estimate_flags_each_bad_field() -> None:
    (fill,) = check(ledger(garbage=[_estimated("240", 12, "120")]), "GARBAGE-ESTIMATE")
    assert fill.location == Location.of_garbage(2025, 3, "kitchen.fill_pct")
    assert "3 月厨余垃圾的估算参数不合理：装满程度 120%，须在 0–100% 之间" in fill.message
    findings = check(ledger(garbage=[_estimated("0", -1, "50")]), "GARBAGE-ESTIMATE")
    assert {f.location.field for f in findings} == {"kitchen.container_litres", "kitchen.times_emptied"}
    assert any("容器容积 0 L" in f.message and "须大于 0" in f.message for f in findings)
    assert any("清运次数 -1" in f.message and "不能为负数" in f.message for f in findings)


# CANTEEN-WASTE-BAND --------------------------------------------------------------------------


def _canteen(*waste_kg: str, diners: int = 1000) -> list[CanteenMonth]:
    return [CanteenMonth(YEAR, m, D(kg), diners) for m, kg in enumerate(waste_kg, start=1)]


def test_canteen_band_passes_within_the_band() -> None:
    assert check(ledger(canteen=_canteen(*["100"] * 6, "140")), "CANTEEN-WASTE-BAND") == []


def test_canteen_band_flags_a_month_far_from_the_median() -> None:
    findings = check(ledger(canteen=_canteen(*["100"] * 6, "200")), "CANTEEN-WASTE-BAND")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_canteen(2025, 7, "food_waste_kg")
    assert "人均餐厨垃圾 200.0 克/人次（200 kg ÷ 1000 人次）" in f.message
    assert "比近 7 个月中位数 100.0 克/人次变化 +100.00%，超出 ±50%" in f.message
    assert f.severity is Severity.WARNING


def test_canteen_band_needs_min_points_and_diners() -> None:
    assert check(ledger(canteen=_canteen(*["100"] * 4, "300")), "CANTEEN-WASTE-BAND") == []
    assert check(ledger(canteen=_canteen(*["100"] * 6, "300", diners=0)), "CANTEEN-WASTE-BAND") == []
