"""能耗定额: the quotas a bureau issues to a unit for a year, and pacing against them.

A quota is compared only with a figure computed on the same coefficient basis (当量值 or 等价值):
a 当量值 indicator is never held against an 等价值 quota. Pacing pro-rates the annual quota by the
unit's own seasonal profile of last year when there is one, else evenly by month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.indicators import IndicatorKind, PeriodFigures, indicator_values, period_figures
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData


class QuotaIndicator(Enum):
    TOTAL_ENERGY_TCE = "total_energy_tce"  # 综合能耗总量 tce
    ENERGY_PER_AREA = "energy_per_area_kgce_m2"  # 单位建筑面积能耗 kgce/m²
    ENERGY_PER_CAPITA = "energy_per_capita_kgce"  # 人均综合能耗 kgce/人
    WATER_TOTAL_T = "water_total_t"  # 用水总量 t
    WATER_PER_CAPITA = "water_per_capita_m3"  # 人均用水量 m³/人

    @property
    def label(self) -> str:
        return {
            "total_energy_tce": "综合能耗总量",
            "energy_per_area_kgce_m2": "单位建筑面积能耗",
            "energy_per_capita_kgce": "人均综合能耗",
            "water_total_t": "用水总量",
            "water_per_capita_m3": "人均用水量",
        }[self.value]

    @property
    def unit(self) -> str:
        return {
            "total_energy_tce": "tce",
            "energy_per_area_kgce_m2": "kgce/m²",
            "energy_per_capita_kgce": "kgce/人",
            "water_total_t": "t",
            "water_per_capita_m3": "m³/人",
        }[self.value]

    @property
    def is_energy(self) -> bool:
        return self not in (QuotaIndicator.WATER_TOTAL_T, QuotaIndicator.WATER_PER_CAPITA)

    @classmethod
    def from_text(cls, text: str) -> QuotaIndicator:
        t = text.strip()
        for q in cls:
            if t in (q.value, q.label):
                return q
        raise ValueError(t)


class QuotaLevel(Enum):
    """下达指标 is the unit's own limit; the other three come from a quota standard table."""

    ISSUED = "issued"  # 下达指标
    CONSTRAINT = "constraint"  # 约束值
    BENCHMARK = "benchmark"  # 基准值
    GUIDE = "guide"  # 引导值

    @property
    def label(self) -> str:
        return {"issued": "下达指标", "constraint": "约束值", "benchmark": "基准值", "guide": "引导值"}[self.value]

    @classmethod
    def from_text(cls, text: str) -> QuotaLevel:
        t = text.strip()
        for q in cls:
            if t in (q.value, q.label):
                return q
        raise ValueError(t)


class Basis(Enum):
    EQUIVALENT = "equivalent"  # 当量值 (statistics: electricity 0.1229 kgce/kWh)
    EQUAL_VALUE = "equal_value"  # 等价值 (some quota standards: electricity by 供电煤耗)

    @property
    def label(self) -> str:
        return "当量值" if self is Basis.EQUIVALENT else "等价值"

    @classmethod
    def from_text(cls, text: str) -> Basis:
        t = text.strip()
        for b in cls:
            if t in (b.value, b.label):
                return b
        raise ValueError(t)


@dataclass(frozen=True)
class Quota:
    year: int
    indicator: QuotaIndicator
    level: QuotaLevel
    value: Decimal
    basis: Basis = Basis.EQUIVALENT
    document: str = ""  # issuing letter or standard, e.g. 南宁市机关事务管理局 2025 年能耗定额通知

    @property
    def key(self) -> str:
        return f"{self.year}|{self.indicator.value}|{self.level.value}"


@dataclass(frozen=True)
class Pacing:
    """Year to date against the pro-rated annual quota, with a projection to the year end."""

    quota: Quota
    months: int  # months of the year counted so far
    actual: Decimal | None  # year-to-date value of the indicator (same basis as the quota)
    share: Decimal  # share of the year's use expected by now (seasonal or months / 12)
    seasonal: bool  # whether the share comes from last year's own profile
    comparable: bool = True
    reason: str = ""

    @property
    def allowed_to_date(self) -> Decimal:
        return self.quota.value * self.share

    @property
    def projected(self) -> Decimal | None:
        if self.actual is None or self.share == 0:
            return None
        return self.actual / self.share

    @property
    def remaining_per_month(self) -> Decimal | None:
        """For total quotas: what may still be used per remaining month."""
        left = 12 - self.months
        if self.actual is None or left <= 0:
            return None
        return (self.quota.value - self.actual) / left

    @property
    def over_pace(self) -> bool:
        return self.actual is not None and self.comparable and self.actual > self.allowed_to_date


def figures_on_basis(ledger: Ledger, ref: ReferenceData, period: Period, basis: Basis) -> PeriodFigures | None:
    """The period's figures on the quota's basis; ``None`` when no coefficient for it is known."""
    if basis is Basis.EQUIVALENT:
        return period_figures(ledger, ref, period)
    swapped = ref.on_equal_value_basis()
    if swapped is None:
        return None
    return period_figures(ledger, swapped, period)


# Quota indicators that are one of the four assessed indicators (the other two are totals).
_ASSESSED = {
    QuotaIndicator.ENERGY_PER_AREA: IndicatorKind.ENERGY_PER_AREA,
    QuotaIndicator.ENERGY_PER_CAPITA: IndicatorKind.ENERGY_PER_CAPITA,
    QuotaIndicator.WATER_PER_CAPITA: IndicatorKind.WATER_PER_CAPITA,
}


def indicator_value(ledger: Ledger, figures: PeriodFigures, indicator: QuotaIndicator) -> Decimal | None:
    """The figure a quota limits, computed the one way the indicators are."""
    if not figures.has_data:
        return None
    if indicator is QuotaIndicator.TOTAL_ENERGY_TCE:
        return figures.comprehensive_tce
    if indicator is QuotaIndicator.WATER_TOTAL_T:
        return figures.water_t
    return indicator_values(ledger, figures)[_ASSESSED[indicator]]


def seasonal_share(ledger: Ledger, ref: ReferenceData, year: int, months: int, water: bool) -> tuple[Decimal, bool]:
    """Share of a year's energy (or water) used in its first ``months`` months, from last year."""
    last = period_figures(ledger, ref, Period.parse(year - 1))
    if last.has_data and not last.gaps:
        total = last.water_t if water else last.comprehensive_kgce
        part_fig = period_figures(ledger, ref, Period.parse(year - 1, f"YTD-M{months:02d}"))
        part = part_fig.water_t if water else part_fig.comprehensive_kgce
        if total > 0:
            return part / total, True
    return Decimal(months) / 12, False


def pacing(ledger: Ledger, ref: ReferenceData, quota: Quota, months: int) -> Pacing:
    """Year to date (months 1..``months``) against ``quota``, pro-rated by season."""
    period = Period.parse(quota.year, f"YTD-M{months:02d}")
    figures = (
        figures_on_basis(ledger, ref, period, quota.basis)
        if quota.indicator.is_energy
        else period_figures(ledger, ref, period)
    )
    share, seasonal = seasonal_share(ledger, ref, quota.year, months, not quota.indicator.is_energy)
    if figures is None:
        return Pacing(quota, months, None, share, seasonal, False, f"没有{quota.basis.label}折标系数，无法与该定额比较")
    return Pacing(quota, months, indicator_value(ledger, figures, quota.indicator), share, seasonal)


__all__ = ["Basis", "Carrier", "Pacing", "Quota", "QuotaIndicator", "QuotaLevel", "pacing"]
