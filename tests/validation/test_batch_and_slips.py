"""Batch-delivered carriers are judged on annual totals; a tenfold slip is an error (issue #10)."""

from __future__ import annotations

from dataclasses import replace

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.validation.findings import Severity
from tests.validation.builders import (
    YEAR,
    check,
    check_all,
    config,
    ledger,
    profile,
    quantity_meter,
    register,
    uses_as_quantities,
    uses_as_readings,
)

MONTH_RULES = ("SAME-VALUE-3", "USE-VS-PREV2", "USE-VS-LAST-YEAR", "USE-OUTSIDE-12M", "USE-OUTLIER")


def _every_fourth_month(quantity: str, first: int, years: int) -> list[str]:
    """``years`` × 12 months from January of YEAR − years + 1: ``quantity`` every four months, else 0."""
    return [quantity if (i % 12 + 1 - first) % 4 == 0 else "0" for i in range(12 * years)]


def _lpg_ledger(uses: list[str], carrier: Carrier = Carrier.LPG, use: UseTag = UseTag.CANTEEN) -> Ledger:
    meter = replace(quantity_meter("L1", carrier), use=use)
    start = (YEAR - len(uses) // 12 + 1, 1)
    records = uses_as_quantities("L1", uses, start=start, price="8")
    return ledger([meter], records, profiles={y: profile(y) for y in range(start[0], YEAR + 1)})


def test_batch_carriers_are_flagged_in_the_rules_file_with_a_source() -> None:
    cfg = config()
    assert cfg.batch_delivered["lpg"] is None and cfg.batch_delivered["coal"] is None
    assert cfg.batch_delivered["diesel"] == frozenset({"generator"})
    generator = replace(quantity_meter("D1", Carrier.DIESEL), use=UseTag.GENERATOR)
    assert cfg.is_batch_delivered(generator)
    assert not cfg.is_batch_delivered(quantity_meter("D2", Carrier.DIESEL))  # vehicles fill up monthly


def test_lpg_bought_every_four_months_raises_no_monthly_warnings() -> None:
    """400 kg in January, May and September of each of three years; the 2025 deliveries a month later."""
    uses = _every_fourth_month("400", 1, 2) + _every_fourth_month("400", 2, 1)
    lg = _lpg_ledger(uses)
    for rule_id in MONTH_RULES:
        assert check(lg, rule_id) == [], rule_id
    for period in ("M01", "Q2", "M06"):  # a delivery month against a month without one
        assert check(lg, "YOY-CARRIER", period=period) == []
    findings = check_all(lg)
    assert not [f for f in findings if f.severity is Severity.WARNING and f.location.meter == "L1"]


def test_the_same_purchases_as_a_monthly_carrier_would_be_warned_about() -> None:
    """The control: natural gas with the same pattern is judged month against month."""
    uses = _every_fourth_month("400", 1, 2) + _every_fourth_month("400", 2, 1)
    lg = _lpg_ledger(uses, Carrier.NATURAL_GAS)
    assert check(lg, "USE-VS-PREV2")
    assert check(lg, "YOY-CARRIER", period="M01")


def test_a_batch_carrier_is_still_judged_on_its_annual_total() -> None:
    uses = _every_fourth_month("400", 1, 2) + _every_fourth_month("600", 1, 1)  # +50 % in a year
    (finding,) = check(_lpg_ledger(uses), "YOY-CARRIER")
    assert finding.location.meter == Carrier.LPG.value and "50.00%" in finding.message


def test_generator_diesel_is_batch_but_vehicle_diesel_is_monthly() -> None:
    uses = _every_fourth_month("200", 1, 2) + _every_fourth_month("200", 2, 1)
    assert check(_lpg_ledger(uses, Carrier.DIESEL, UseTag.GENERATOR), "USE-VS-PREV2") == []
    assert check(_lpg_ledger(uses, Carrier.DIESEL, UseTag.VEHICLE), "USE-VS-PREV2")


# USE-DIGIT-SLIP ------------------------------------------------------------------------------


def _electricity(uses: list[str]) -> Ledger:
    start = (YEAR - 1, 1)
    return ledger([register()], uses_as_readings("E1", uses, start=start), profiles={YEAR - 1: profile(YEAR - 1)})


STEADY = ["3000", "2800", "3100", "3000", "3300", "3600", "3900", "3800", "3400", "3100", "2900", "3000"]


def test_a_reading_with_a_digit_too_many_is_an_error_that_blocks_export() -> None:
    """March 2025 typed as 30,000 kWh instead of 3,000: ten times the 12-month maximum is an error."""
    lg = _electricity([*STEADY, "3000", "2800", "30000", "3000"])
    (finding,) = check(lg, "USE-DIGIT-SLIP")
    assert finding.severity is Severity.ERROR and finding.location.month == f"{YEAR}-03"
    assert "疑似多输或少输一位" in finding.message
    result = check_period(lg, Period.parse(YEAR))
    assert not result.export_allowed and any(f.rule_id == "USE-DIGIT-SLIP" for f in result.findings)


def test_a_quantity_with_a_digit_too_few_is_an_error() -> None:
    uses = ["900", "850", "950", "900", "880", "910", "930", "900", "870", "890", "900", "920", "81"]  # 810 typed as 81
    meter = quantity_meter("V1")
    lg = ledger([meter], uses_as_quantities("V1", uses, start=(YEAR - 1, 1)))
    (finding,) = check(lg, "USE-DIGIT-SLIP")
    assert finding.location.month == f"{YEAR}-01" and "最小值" in finding.message


def test_an_ordinary_peak_and_a_first_delivery_are_not_slips() -> None:
    # Twice the usual (a hot month) is a warning's business, not an error.
    assert check(_electricity([*STEADY, "6500"]), "USE-DIGIT-SLIP") == []
    # Without enough history there is nothing to compare with.
    assert check(_electricity(["3000", "30000"]), "USE-DIGIT-SLIP") == []
    # An LPG delivery after months of zero has no maximum to be ten times of.
    assert check(_lpg_ledger(["0"] * 12 + ["400"] + ["0"] * 11), "USE-DIGIT-SLIP") == []


def test_the_demo_has_no_slips(demo_ledger: Ledger) -> None:
    for year in (2024, 2025):
        assert check(demo_ledger, "USE-DIGIT-SLIP", year=year) == []
    bumped = [r if (r.meter_code, r.year, r.month) != ("V1", 2025, 6) else replace(r, quantity=r.quantity * 10)
              for r in demo_ledger.records]  # fmt: skip
    assert [f.location.key for f in check(replace(demo_ledger, records=tuple(bumped)), "USE-DIGIT-SLIP")]
