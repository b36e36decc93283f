"""Period rules: profile, year-on-year, targets and signatories."""

from __future__ import annotations

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.units import Signatories
from gxjn_desktop.validation.findings import Location, Severity
from tests.validation.builders import YEAR, check, ledger, profile, register, uses_as_readings


def _two_years(per_month_2024: int, per_month_2025: int, people_2025: int = 100) -> Ledger:
    records = uses_as_readings("E1", [per_month_2024] * 12 + [per_month_2025] * 12, start=(YEAR - 1, 1), price="0.7")
    profiles = {YEAR - 1: profile(YEAR - 1), YEAR: profile(YEAR, people=people_2025)}
    return ledger([register()], records, profiles=profiles)


# PROFILE-MISSING -----------------------------------------------------------------------------


def test_profile_missing_passes_with_a_profile() -> None:
    assert check(ledger(), "PROFILE-MISSING") == []


def test_profile_missing_flags_a_year_without_people_and_area() -> None:
    findings = check(ledger(profiles={}), "PROFILE-MISSING")
    assert len(findings) == 1
    assert findings[0].location == Location.of_profile(2025, "people")
    assert "2025 年没有填写单位基本信息" in findings[0].message
    assert findings[0].severity is Severity.ERROR


# PROFILE-CHANGE ------------------------------------------------------------------------------


def test_profile_change_passes_within_the_limit() -> None:
    assert check(_two_years(1000, 1000, people_2025=110), "PROFILE-CHANGE") == []


def test_profile_change_flags_people_beyond_the_limit() -> None:
    findings = check(_two_years(1000, 1000, people_2025=120), "PROFILE-CHANGE")
    assert len(findings) == 1
    assert findings[0].location == Location.of_profile(2025, "people")
    assert "用能人数由 100 人 变为 120 人，同比变化 20.00%，超过 ±10%" in findings[0].message
    assert findings[0].values == ("120", "100")


# YOY-CARRIER ---------------------------------------------------------------------------------


def test_yoy_carrier_passes_within_ten_percent() -> None:
    assert check(_two_years(1000, 1050), "YOY-CARRIER") == []


def test_yoy_carrier_flags_a_carrier_beyond_the_limit() -> None:
    findings = check(_two_years(1000, 1200), "YOY-CARRIER")
    assert len(findings) == 1
    assert findings[0].location == Location.of_carrier(Carrier.ELECTRICITY, Period.parse(2025), "quantity")
    assert "电用量 14400.00 kWh，比上年同期 12000.00 kWh 变化 20.00%，超过 ±10%" in findings[0].message


def test_yoy_carrier_compares_the_same_quarter() -> None:
    findings = check(_two_years(1000, 1200), "YOY-CARRIER", period="Q2")
    assert [f.location.month for f in findings] == ["2025-Q2"]


# TARGET-MISSED -------------------------------------------------------------------------------


def test_target_missed_passes_when_energy_falls_enough() -> None:
    assert check(_two_years(1000, 850), "TARGET-MISSED") == []


def test_target_missed_flags_indicators_that_rose() -> None:
    findings = check(_two_years(1000, 1100), "TARGET-MISSED")
    by_field = {f.location.field: f for f in findings}
    assert "energy_per_capita_kgce" in by_field
    f = by_field["energy_per_capita_kgce"]
    assert f.location == Location.of_indicator(Period.parse(2025), "energy_per_capita_kgce")
    assert "同比变化 10.00%，未达到目标 -1.1%（未达标）" in f.message


# EXPORT-SIGNATORIES --------------------------------------------------------------------------


def test_export_signatories_passes_when_signed() -> None:
    assert check(ledger(), "EXPORT-SIGNATORIES") == []


def test_export_signatories_names_who_is_missing() -> None:
    led = ledger(profiles={YEAR: profile(signed=Signatories("李建国", "", "张敏"))})
    findings = check(led, "EXPORT-SIGNATORIES")
    assert len(findings) == 1
    assert findings[0].location == Location.of_profile(2025, "signatories")
    assert "2025 年报表缺少签署人：统计负责人" in findings[0].message
    assert findings[0].severity is Severity.ERROR
