"""Pacing against a quota: year to date against the pro-rated annual value, and a projection.

A quota is compared only with a figure computed on the same coefficient basis (当量值 or 等价值):
a 当量值 indicator is never held against an 等价值 quota. Pacing pro-rates the annual quota by the
unit's own seasonal profile of last year when there is one, else evenly by month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gxjn_desktop.domain.indicators import IndicatorKind, PeriodFigures, indicator_values, period_figures
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator
from gxjn_desktop.domain.reference import ReferenceData


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
