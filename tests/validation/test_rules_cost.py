"""Unit price against the reference prices."""

from __future__ import annotations

from dataclasses import replace

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.validation.catalogue import RuleContext
from gxjn_desktop.validation.findings import Location, Severity
from gxjn_desktop.validation.rules_cost import price_band
from tests.validation.builders import TODAY, YEAR, D, check, config, ledger, register, uses_as_readings


def test_price_band_passes_at_the_reference_price() -> None:
    led = ledger([register()], uses_as_readings("E1", ["1000"] * 12, price="0.70"))
    assert check(led, "PRICE-BAND") == []


def test_price_band_flags_a_cost_entered_in_fen() -> None:
    records = uses_as_readings("E1", ["1000"] * 12, price="0.70")
    records[8] = replace(records[8], cost_fen=7000000)  # September: 70000 元 for 1000 kWh
    findings = check(ledger([register()], records), "PRICE-BAND")
    assert len(findings) == 1
    f = findings[0]
    assert f.location == Location.of_meter("E1", 2025, 9, "cost")
    assert "9 月单价 70.0000 元/kWh（金额 70000.00 元 ÷ 用量 1000 kWh）" in f.message
    assert "超出参考价 0.7 元/kWh 的合理区间 0.35–1.4 元/kWh" in f.message
    assert f.severity is Severity.WARNING


def test_price_band_flags_a_price_far_below() -> None:
    led = ledger([register("W1", Carrier.WATER)], uses_as_readings("W1", ["100"] * 12, price="1.5"))
    findings = check(led, "PRICE-BAND")
    assert len(findings) == 12
    assert "单价 1.5000 元/t" in findings[0].message and "2.5–10 元/t" in findings[0].message


def test_price_band_skips_submeters_and_carriers_without_a_reference() -> None:
    meters = [register(), register("E3", parent_code="E1"), register("H1", Carrier.HEAT)]
    records = uses_as_readings("E1", ["1000"] * 12, price="0.7")
    records += uses_as_readings("E3", ["10"] * 12, price="50") + uses_as_readings("H1", ["10"] * 12, price="999")
    assert check(ledger(meters, records), "PRICE-BAND") == []


def test_a_carrier_may_carry_its_own_band() -> None:
    led = ledger([register()], uses_as_readings("E1", ["1000"] * 12, price="0.60"))
    base = config()
    prices = dict(base.reference_prices)
    prices["electricity"] = {**prices["electricity"], "low_factor": D("0.9")}
    ctx = RuleContext(led, load_reference(), replace(base, reference_prices=prices), Period.parse(YEAR), TODAY)
    findings = price_band(ctx)
    assert len(findings) == 12
    assert "合理区间 0.63–1.4 元/kWh" in findings[0].message
