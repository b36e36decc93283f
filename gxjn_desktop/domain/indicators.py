"""Carrier totals, 综合能耗, CO2 and the four assessed indicators with year-on-year change.

Definitions are those of cli.md §Figures: exact ``decimal`` arithmetic on the values as entered,
rounded only when shown; 电 is grid + self-consumed PV; CO2 counts grid electricity only; per-person
and per-area figures use the year's 用能人数 and 建筑面积 and the period's totals (not annualised).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from gxjn_desktop.domain.carriers import CARRIER_ORDER, Carrier, UseTag
from gxjn_desktop.domain.consumption import MonthUse, cached_month_use
from gxjn_desktop.domain.labelled import LabelledEnum
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import PERCENT_PLACES, round_half_up
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import GridFactorChoice, ReferenceData, Target

KG_PER_TONNE = Decimal(1000)  # unit conversion, not a coefficient
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class CarrierTotal:
    """One row of the 基2表: a carrier's quantity and cost over the period."""

    carrier: Carrier
    unit: str
    quantity: Decimal
    cost_fen: int
    kgce_coefficient: Decimal | None  # None for water
    building_quantity: Decimal  # without vehicle use (the building-quota 口径)
    of: Carrier | None = None  # PV is 其中 of 电, never added again

    @property
    def kgce(self) -> Decimal:
        return Decimal(0) if self.kgce_coefficient is None else self.quantity * self.kgce_coefficient


class TargetStatus(LabelledEnum):
    ON_TRACK = "on_track", "达标"
    AT_RISK = "at_risk", "有风险"
    OFF_TRACK = "off_track", "未达标"
    NO_TARGET = "no_target", "无目标"
    NO_PREVIOUS = "no_previous", "无上年数据"
    INCOMPLETE = "incomplete", "数据未填完"  # not even the period's first month is covered (cli.md §Figures)


class IndicatorKind(LabelledEnum):
    ENERGY_PER_CAPITA = "energy_per_capita_kgce", "人均综合能耗"
    ENERGY_PER_AREA = "energy_per_area_kgce_m2", "单位建筑面积能耗"
    WATER_PER_CAPITA = "water_per_capita_m3", "人均用水量"
    CO2_PER_AREA = "co2_per_area_kgco2_m2", "单位建筑面积碳排放"

    @property
    def unit(self) -> str:
        return {
            "energy_per_capita_kgce": "kgce/人",
            "energy_per_area_kgce_m2": "kgce/m²",
            "water_per_capita_m3": "m³/人",
            "co2_per_area_kgco2_m2": "kgCO2/m²",
        }[self.value]

    def target_of(self, t: Target) -> Decimal:
        return {
            IndicatorKind.ENERGY_PER_CAPITA: t.energy_per_capita_pct,
            IndicatorKind.ENERGY_PER_AREA: t.energy_per_area_pct,
            IndicatorKind.WATER_PER_CAPITA: t.water_per_capita_pct,
            IndicatorKind.CO2_PER_AREA: t.co2_per_area_pct,
        }[self]


def change_pct(value: Decimal | None, previous: Decimal | None) -> Decimal | None:
    if value is None or previous is None or previous == 0:
        return None
    return (value - previous) / previous * HUNDRED


@dataclass(frozen=True)
class Indicator:
    kind: IndicatorKind
    value: Decimal | None
    previous: Decimal | None
    target_pct: Decimal | None
    reason: str = ""  # why value is None
    # A quarter or a month also carries January to its last month: the annual target is judged on
    # that, never on the period's own change (cli.md §Figures, target status).
    carries_ytd: bool = False
    ytd_value: Decimal | None = None
    ytd_previous: Decimal | None = None
    incomplete: bool = False  # not even the first month of the period is covered

    @property
    def change_pct(self) -> Decimal | None:
        return change_pct(self.value, self.previous)

    @property
    def ytd_change_pct(self) -> Decimal | None:
        return change_pct(self.ytd_value, self.ytd_previous) if self.carries_ytd else self.change_pct

    @property
    def status(self) -> TargetStatus:
        if self.incomplete:
            return TargetStatus.INCOMPLETE
        return target_status(self.ytd_change_pct, self.target_pct)


def target_status(change_pct: Decimal | None, target_pct: Decimal | None) -> TargetStatus:
    """on_track when change ≤ target; at_risk when target < change ≤ 0; off_track when change > 0.

    The change is judged as it is shown (2 decimals): −1.0996 % reads −1.10 % and meets −1.1 %.
    """
    if target_pct is None:
        return TargetStatus.NO_TARGET
    if change_pct is None:
        return TargetStatus.NO_PREVIOUS
    change_pct = round_half_up(change_pct, PERCENT_PLACES)
    if change_pct <= target_pct:
        return TargetStatus.ON_TRACK
    if change_pct <= 0:
        return TargetStatus.AT_RISK
    return TargetStatus.OFF_TRACK


@dataclass(frozen=True)
class PeriodFigures:
    """Totals of one period, exact."""

    period: Period
    totals: tuple[CarrierTotal, ...]
    comprehensive_kgce: Decimal
    building_kgce: Decimal  # vehicles excluded, reported beside, never instead
    co2_kg: Decimal
    water_t: Decimal
    grid_factor: GridFactorChoice | None
    gaps: tuple[MonthUse, ...] = ()  # meter-months whose use could not be computed
    has_data: bool = False

    @property
    def comprehensive_tce(self) -> Decimal:
        return self.comprehensive_kgce / KG_PER_TONNE

    @property
    def building_tce(self) -> Decimal:
        return self.building_kgce / KG_PER_TONNE

    @property
    def co2_t(self) -> Decimal:
        return self.co2_kg / KG_PER_TONNE


@dataclass(frozen=True)
class IndicatorReport:
    """The requested ``period``; ``figures`` are those of its ``covered`` months only."""

    figures: PeriodFigures
    people: int | None
    area_m2: Decimal | None
    indicators: tuple[Indicator, ...]
    target: Target | None
    target_carried_over: bool
    previous: PeriodFigures | None = None
    notes: list[str] = field(default_factory=list)
    period: Period | None = None  # None only for reports built by hand; see ``requested``
    covered: tuple[int, ...] = ()

    @property
    def requested(self) -> Period:
        return self.period or self.figures.period

    @property
    def complete(self) -> bool:
        return self.covered == self.requested.months

    @property
    def coverage_label(self) -> str:
        """What screens and text output say of an incomplete period: 已填至 N 月."""
        return coverage_label(self.requested, self.covered)


def coverage_label(period: Period, covered: tuple[int, ...]) -> str:
    if covered == period.months:
        return ""
    if covered:
        return f"已填至 {covered[-1]} 月"
    return f"{period.months[0]} 月尚未填完"


def covered_months(ledger: Ledger, period: Period) -> tuple[int, ...]:
    """The months of the period, from its start, through which every active meter has a record.

    Sub-meters are left out: their energy is already in their parent's and never in a total. A
    quantity account's month without a row is a month without a record (no use is entered as 0).
    """
    return ledger.cached(("covered_months", period), lambda: _covered_months(ledger, period))


def _covered_months(ledger: Ledger, period: Period) -> tuple[int, ...]:
    out: list[int] = []
    for m in period.months:
        for meter in ledger.meters:
            if meter.is_submeter or not meter.active_in(period.year, m):
                continue
            if ledger.record(meter.code, period.year, m) is None:
                return tuple(out)
        out.append(m)
    return tuple(out)


def month_uses(ledger: Ledger, period: Period, *, include_submeters: bool = False) -> list[MonthUse]:
    """Every active meter's use for every month of the period (sub-meters only when asked)."""
    out: list[MonthUse] = []
    for meter in ledger.meters:
        if meter.is_submeter and not include_submeters:
            continue
        for m in period.months:
            if meter.active_in(period.year, m):
                out.append(cached_month_use(ledger, meter, period.year, m))
    return out


def period_figures(ledger: Ledger, ref: ReferenceData, period: Period) -> PeriodFigures:
    """The period's totals, computed once per snapshot and reference data (the review asks several times)."""
    ref_kept, figures = ledger.cached(
        ("period_figures", period, id(ref)), lambda: (ref, _period_figures(ledger, ref, period))
    )
    return figures if ref_kept is ref else _period_figures(ledger, ref, period)


def _period_figures(ledger: Ledger, ref: ReferenceData, period: Period) -> PeriodFigures:
    quantity: dict[Carrier, Decimal] = {}
    building: dict[Carrier, Decimal] = {}
    cost: dict[Carrier, int] = {}
    gaps: list[MonthUse] = []
    has_data = False
    for use in month_uses(ledger, period):
        meter = ledger.meter(use.meter_code)
        rec = ledger.record(use.meter_code, use.year, use.month)
        if rec is not None:
            has_data = True
            cost[meter.carrier] = cost.get(meter.carrier, 0) + (rec.cost_fen or 0)
        if use.quantity is None:
            if use.problem is not None:
                gaps.append(use)
            continue
        quantity[meter.carrier] = quantity.get(meter.carrier, Decimal(0)) + use.quantity
        if meter.use is not UseTag.VEHICLE:
            building[meter.carrier] = building.get(meter.carrier, Decimal(0)) + use.quantity
    zero = Decimal(0)
    pv = quantity.get(Carrier.PV, zero)
    totals: list[CarrierTotal] = []
    for carrier in CARRIER_ORDER:
        q = quantity.get(carrier, zero)
        bq = building.get(carrier, zero)
        c = cost.get(carrier, 0)
        if carrier is Carrier.ELECTRICITY:  # 电 = grid + self-consumed PV
            q, bq, c = q + pv, bq + building.get(Carrier.PV, zero), c + cost.get(Carrier.PV, 0)
        coeff = ref.kgce_per_unit(carrier) if carrier.is_energy else None
        totals.append(
            CarrierTotal(carrier, carrier.unit, q, c, coeff, bq, Carrier.ELECTRICITY if carrier is Carrier.PV else None)
        )
    counted = [t for t in totals if t.of is None and t.kgce_coefficient is not None]
    kgce = sum((t.kgce for t in counted), zero)
    building_kgce = sum(
        (t.building_quantity * t.kgce_coefficient for t in counted if t.kgce_coefficient is not None), zero
    )
    grid = ref.grid_factor(period.year)
    co2 = zero
    grid_kwh = quantity.get(Carrier.ELECTRICITY, zero)  # total electricity − self-consumed PV
    if grid is not None:
        co2 += grid_kwh * grid.factor.value
    for carrier, q in quantity.items():
        if carrier in (Carrier.ELECTRICITY, Carrier.PV, Carrier.WATER):
            continue
        factor = ref.fuel_factor_per_unit(carrier)
        if factor is not None:
            co2 += q * factor
    return PeriodFigures(
        period=period,
        totals=tuple(totals),
        comprehensive_kgce=kgce,
        building_kgce=building_kgce,
        co2_kg=co2,
        water_t=quantity.get(Carrier.WATER, zero),
        grid_factor=grid,
        gaps=tuple(gaps),
        has_data=has_data,
    )


def _per(value: Decimal, base: Decimal | int | None) -> Decimal | None:
    if base is None or base == 0:
        return None
    return value / Decimal(base)


def indicator_values(ledger: Ledger, figures: PeriodFigures) -> dict[IndicatorKind, Decimal | None]:
    profile = ledger.profiles.get(figures.period.year)
    if profile is None or not figures.has_data:
        return dict.fromkeys(IndicatorKind)
    return {
        IndicatorKind.ENERGY_PER_CAPITA: _per(figures.comprehensive_kgce, profile.people),
        IndicatorKind.ENERGY_PER_AREA: _per(figures.comprehensive_kgce, profile.building_area_m2),
        IndicatorKind.WATER_PER_CAPITA: _per(figures.water_t, profile.people),
        IndicatorKind.CO2_PER_AREA: _per(figures.co2_kg, profile.building_area_m2),
    }


def _values_and_previous(
    ledger: Ledger, ref: ReferenceData, period: Period
) -> tuple[PeriodFigures, PeriodFigures, dict[IndicatorKind, Decimal | None], dict[IndicatorKind, Decimal | None]]:
    current = period_figures(ledger, ref, period)
    previous = period_figures(ledger, ref, period.previous_year())
    return current, previous, indicator_values(ledger, current), indicator_values(ledger, previous)


def _empty_figures(period: Period) -> PeriodFigures:
    zero = Decimal(0)
    return PeriodFigures(period, (), zero, zero, zero, zero, None)


def indicator_report(ledger: Ledger, ref: ReferenceData, period: Period) -> IndicatorReport:
    """The period's figures and the four indicators against the same months a year earlier.

    Only the covered months count (cli.md §Figures, incomplete periods): the figures are those of
    the months from the period's start through which every active meter has a record, compared
    with the same months of the previous year. When not even the first month is covered, every
    figure is missing and every status is ``incomplete``.
    """
    covered = covered_months(ledger, period)
    found = ref.target_for(period.year)
    target, carried = (found[0], found[1]) if found else (None, False)
    profile = ledger.profiles.get(period.year)
    carries_ytd = period.code.startswith(("Q", "M"))
    if covered:
        part = Period(period.year, period.code, covered)
        current, previous, values, previous_values = _values_and_previous(ledger, ref, part)
    else:
        current, previous = _empty_figures(period), _empty_figures(period.previous_year())
        values = previous_values = dict.fromkeys(IndicatorKind)
    ytd_values: dict[IndicatorKind, Decimal | None] = dict.fromkeys(IndicatorKind)
    ytd_previous: dict[IndicatorKind, Decimal | None] = dict.fromkeys(IndicatorKind)
    if carries_ytd and covered:
        # January to the period's last covered month, itself only as far as it is covered.
        ytd_covered = covered_months(ledger, Period(period.year, "YTD", tuple(range(1, covered[-1] + 1))))
        if ytd_covered:
            ytd = Period(period.year, "YTD", ytd_covered)
            _, _, ytd_values, ytd_previous = _values_and_previous(ledger, ref, ytd)
    indicators = []
    for kind in IndicatorKind:
        reason = ""
        if not covered:
            reason = f"{coverage_label(period, covered)}，无法计算"
        elif values[kind] is None:
            reason = "缺少该年度用能人数或建筑面积" if profile is None else "该期间没有数据"
        indicators.append(
            Indicator(
                kind,
                values[kind],
                previous_values[kind],
                kind.target_of(target) if target else None,
                reason,
                carries_ytd=carries_ytd,
                ytd_value=ytd_values[kind],
                ytd_previous=ytd_previous[kind],
                incomplete=not covered,
            )
        )
    return IndicatorReport(
        figures=current,
        people=profile.people if profile else None,
        area_m2=profile.building_area_m2 if profile else None,
        indicators=tuple(indicators),
        target=target,
        target_carried_over=carried,
        previous=previous if previous.has_data else None,
        period=period,
        covered=covered,
    )
