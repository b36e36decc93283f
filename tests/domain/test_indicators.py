"""综合能耗, CO2 and the four indicators against hand-worked examples from shared/domain.md."""

from datetime import date
from decimal import Decimal

import pytest

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.indicators import (
    IndicatorKind,
    TargetStatus,
    indicator_report,
    period_figures,
    target_status,
)
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.domain.numbers import round_half_up
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.domain.units import YearProfile
from gxjn_desktop.services.reference_data import load_reference
from tests.domain.builders import ledger, quantity, quantity_meter, reading, register_meter


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def test_gasoline_litres_to_kg_to_tce_to_co2(ref: ReferenceData) -> None:
    """9,000 L × 0.73 kg/L = 6,570 kg; × 1.4714 = 9,667.098 kgce; × 2.9251 = 19.2179 tCO2 (not 1.9)."""
    m = quantity_meter("V1", Carrier.GASOLINE, UseTag.VEHICLE)
    fig = period_figures(ledger((m,), (quantity("V1", 2025, 1, "9000"),)), ref, Period.parse(2025, "M01"))
    assert fig.comprehensive_kgce == Decimal("9667.098")
    assert fig.co2_kg == Decimal("19217.907")
    assert round_half_up(fig.co2_t, 4) == Decimal("19.2179")
    assert fig.building_kgce == 0  # vehicles are outside the building 口径


def test_diesel_litres_to_kg_to_tce_to_co2(ref: ReferenceData) -> None:
    """1,000 L × 0.85 = 850 kg; × 1.4571 = 1,238.535 kgce; × 3.0959 = 2,631.515 kgCO2."""
    m = quantity_meter("V2", Carrier.DIESEL, UseTag.VEHICLE)
    fig = period_figures(ledger((m,), (quantity("V2", 2025, 1, "1000"),)), ref, Period.parse(2025, "M01"))
    assert fig.comprehensive_kgce == Decimal("1238.535")
    assert fig.co2_kg == Decimal("2631.515")


@pytest.mark.parametrize(
    ("carrier", "physical", "published_tce"),
    [
        # Chongqing 2015 public-institution totals (domain.md §2.3), in 万 units.
        (Carrier.ELECTRICITY, "63.81e8", "78.41e4"),  # kWh → tce
        (Carrier.NATURAL_GAS, "14482.41e4", "19.26e4"),  # m3
        (Carrier.COAL, "5.47e4", "3.91e4"),  # t
        (Carrier.GASOLINE, "7927.99e4", "8.52e4"),  # L
        (Carrier.DIESEL, "506.81e4", "0.63e4"),  # L
    ],
)
def test_chongqing_2015_totals_are_reproduced(
    ref: ReferenceData, carrier: Carrier, physical: str, published_tce: str
) -> None:
    tce = Decimal(physical) * ref.kgce_per_unit(carrier) / 1000
    # The published figures have 2 decimals in 万 tce, the physical ones 2 decimals in 万 units:
    # agreement within the rounding of both is all they can show (≤ 0.6 %).
    assert abs(tce - Decimal(published_tce)) / Decimal(published_tce) < Decimal("0.006")


def test_water_never_counts_and_pv_is_inside_electricity(ref: ReferenceData) -> None:
    meters = (
        register_meter("E1", initial="0"),
        register_meter("P1", Carrier.PV, initial="0"),
        register_meter("W1", Carrier.WATER, initial="0"),
    )
    records = (reading("E1", 2025, 1, "1000"), reading("P1", 2025, 1, "200"), reading("W1", 2025, 1, "500"))
    fig = period_figures(ledger(meters, records), ref, Period.parse(2025, "M01"))
    rows = {t.carrier: t for t in fig.totals}
    assert rows[Carrier.ELECTRICITY].quantity == 1200  # grid + self-consumed PV
    assert rows[Carrier.PV].quantity == 200 and rows[Carrier.PV].of is Carrier.ELECTRICITY
    assert fig.comprehensive_kgce == Decimal("1200") * Decimal("0.1229")  # water and PV not added again
    assert fig.co2_kg == Decimal("1000") * Decimal("0.4476")  # PV carries no CO2
    assert fig.water_t == 500


def test_grid_factor_is_latest_data_year_and_marked_carried_over(ref: ReferenceData) -> None:
    g = ref.grid_factor(2025)
    assert g is not None and g.data_year == 2023 and g.factor.value == Decimal("0.4476")
    assert g.carried_over(2025) and "沿用" in g.describe(2025)
    g23 = ref.grid_factor(2023)
    assert g23 is not None and not g23.carried_over(2023)


@pytest.mark.parametrize(
    ("change", "target", "status"),
    [
        ("-1.4", "-1.1", TargetStatus.ON_TRACK),
        ("-1.1", "-1.1", TargetStatus.ON_TRACK),
        ("-0.5", "-1.1", TargetStatus.AT_RISK),
        ("0", "-1.1", TargetStatus.AT_RISK),
        ("0.01", "-1.1", TargetStatus.OFF_TRACK),
    ],
)
def test_target_status(change: str, target: str, status: TargetStatus) -> None:
    assert target_status(Decimal(change), Decimal(target)) is status
    assert target_status(None, Decimal(target)) is TargetStatus.NO_PREVIOUS
    assert target_status(Decimal(change), None) is TargetStatus.NO_TARGET


def test_annual_equals_sum_of_months_and_quarters(demo_ledger: Ledger, ref: ReferenceData) -> None:
    year = 2025
    annual = period_figures(demo_ledger, ref, Period.parse(year))
    months = [period_figures(demo_ledger, ref, Period.parse(year, f"M{m:02d}")) for m in range(1, 13)]
    quarters = [period_figures(demo_ledger, ref, Period.parse(year, f"Q{q}")) for q in range(1, 5)]
    for parts in (months, quarters):
        assert sum((p.comprehensive_kgce for p in parts), Decimal(0)) == annual.comprehensive_kgce
        assert sum((p.co2_kg for p in parts), Decimal(0)) == annual.co2_kg
        assert sum((p.water_t for p in parts), Decimal(0)) == annual.water_t
        for i, total in enumerate(annual.totals):
            assert sum((p.totals[i].quantity for p in parts), Decimal(0)) == total.quantity
            assert sum(p.totals[i].cost_fen for p in parts) == total.cost_fen


def _annual_use(lg: Ledger, code: str, year: int) -> Decimal:
    """Telescoped by hand: (December reading − reading a year before) × 倍率, plus one register per
    confirmed rollover, plus the replacement's jump (old final − new initial)."""
    meter = lg.meter(code)
    recs = [r for r in lg.records_of(code) if r.year == year]
    if meter.kind is MeterKind.QUANTITY:
        return sum((r.quantity or Decimal(0) for r in recs), Decimal(0))
    before = [r for r in lg.records_of(code) if r.year < year]
    start = before[-1].reading if before else meter.initial_reading
    assert start is not None and recs[-1].reading is not None
    advance = recs[-1].reading - start
    advance += sum(meter.register_max or 0 for r in recs if r.rollover_confirmed)
    advance += sum(
        (
            rp.old_final_reading - rp.new_initial_reading
            for rp in lg.replacements
            if rp.meter_code == code and rp.year == year
        ),
        Decimal(0),
    )
    return advance * meter.multiplier_on(date(year, 12, 31))


@pytest.mark.parametrize("year", [2024, 2025])
def test_demo_indicators_worked_out_by_hand(demo_ledger: Ledger, ref: ReferenceData, year: int) -> None:
    u = {code: _annual_use(demo_ledger, code, year) for code in ("E1", "E2", "P1", "W1", "G1", "V1", "V2")}
    electricity = u["E1"] + u["E2"] + u["P1"]
    kgce = (
        electricity * Decimal("0.1229")
        + u["G1"] * Decimal("1.33")
        + u["V1"] * Decimal("0.73") * Decimal("1.4714")
        + u["V2"] * Decimal("0.85") * Decimal("1.4571")
    )
    co2 = (
        (u["E1"] + u["E2"]) * Decimal("0.4476")
        + u["G1"] * Decimal("2.1622")
        + u["V1"] * Decimal("0.73") * Decimal("2.9251")
        + u["V2"] * Decimal("0.85") * Decimal("3.0959")
    )
    profile: YearProfile = demo_ledger.profiles[year]
    report = indicator_report(demo_ledger, ref, Period.parse(year))
    values = {i.kind: i.value for i in report.indicators}
    assert report.figures.comprehensive_kgce == kgce
    assert report.figures.co2_kg == co2
    assert values[IndicatorKind.ENERGY_PER_CAPITA] == kgce / profile.people
    assert values[IndicatorKind.ENERGY_PER_AREA] == kgce / profile.building_area_m2
    assert values[IndicatorKind.WATER_PER_CAPITA] == u["W1"] / profile.people
    assert values[IndicatorKind.CO2_PER_AREA] == co2 / profile.building_area_m2
    assert report.figures.gaps == ()


def test_demo_year_on_year_and_targets(demo_ledger: Ledger, ref: ReferenceData) -> None:
    report = indicator_report(demo_ledger, ref, Period.parse(2025))
    assert report.target is not None and report.target.year == 2023 and report.target_carried_over
    for ind in report.indicators:
        assert ind.previous is not None and ind.change_pct is not None
        assert ind.change_pct == (ind.value - ind.previous) / ind.previous * 100  # type: ignore[operator]
    first = indicator_report(demo_ledger, ref, Period.parse(2024))
    assert all(i.status is TargetStatus.NO_PREVIOUS for i in first.indicators)


def test_target_status_judges_the_change_as_shown() -> None:
    """−1.0996 % is shown as −1.10 % and meets a −1.1 % target; −1.0949 % (−1.09 %) does not."""
    assert target_status(Decimal("-1.0996"), Decimal("-1.1")) is TargetStatus.ON_TRACK
    assert target_status(Decimal("-1.0949"), Decimal("-1.1")) is TargetStatus.AT_RISK
    assert target_status(Decimal("-0.004"), Decimal("-1.1")) is TargetStatus.AT_RISK
