"""Indicator reports as the command line and the packet show them (cli.md §JSON, §Figures)."""

from __future__ import annotations

from typing import Any

from gxjn_desktop.domain.indicators import IndicatorReport, PeriodFigures, indicator_report
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import (
    INDICATOR_PLACES,
    MONEY_PLACES,
    PERCENT_PLACES,
    QUANTITY_PLACES,
    TCE_PLACES,
    fen_to_yuan,
    format_fixed,
    plain,
)
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.reference_data import load_reference


def build_indicator_report(ledger: Ledger, period: Period, ref: ReferenceData | None = None) -> IndicatorReport:
    """The report for a period; a year with no data at all is a user error.

    A period with no record in a year that has data is not an error: it is reported incomplete.
    """
    report = indicator_report(ledger, ref or load_reference(), period)
    if period.year not in ledger.years():
        years = ledger.years()
        known = f"已有数据的年份：{'、'.join(map(str, years))}" if years else "还没有录入任何月份"
        raise UserError(f"{period.label}没有数据", f"请选择有数据的期间（{known}）")
    return report


def reference_versions(report: IndicatorReport, ref: ReferenceData) -> dict[str, str]:
    grid = report.figures.grid_factor
    year = report.requested.year
    emission = ref.emission_version + (f"；{grid.describe(year)}" if grid else "；无电网因子")
    target = ref.targets_version
    if report.target is not None and report.target_carried_over:
        target += f"；沿用 {report.target.year} 年目标"
    return {"coefficients": ref.coefficients_version, "emission_factors": emission, "targets": target}


def indicators_json(ledger: Ledger, report: IndicatorReport, ref: ReferenceData | None = None) -> dict[str, Any]:
    ref = ref or load_reference()
    fig = report.figures
    covered = bool(report.covered)
    totals = []
    for t in fig.totals if covered else ():
        row: dict[str, Any] = {
            "carrier": t.carrier.label,
            "code": t.carrier.value,
            "unit": t.unit,
            "quantity": format_fixed(t.quantity, QUANTITY_PLACES),
            "cost_yuan": format_fixed(fen_to_yuan(t.cost_fen), MONEY_PLACES),
            "kgce_coefficient": None if t.kgce_coefficient is None else plain(t.kgce_coefficient),
            "tce": None if t.kgce_coefficient is None else format_fixed(t.kgce / 1000, TCE_PLACES),
        }
        if t.kgce_coefficient is None:  # cli.md: a null figure has its reason beside it
            row["reason"] = f"{t.carrier.label}不折算标准煤，不计入综合能耗"
        if t.of is not None:
            row["of"] = t.of.label
        totals.append(row)
    indicators: dict[str, Any] = {}
    for ind in report.indicators:
        entry: dict[str, Any] = {
            "label": ind.kind.label,
            "unit": ind.kind.unit,
            "value": format_fixed(ind.value, INDICATOR_PLACES),
            "previous": format_fixed(ind.previous, INDICATOR_PLACES),
            "change_pct": format_fixed(ind.change_pct, PERCENT_PLACES),
            **({"ytd_change_pct": format_fixed(ind.ytd_change_pct, PERCENT_PLACES)} if ind.carries_ytd else {}),
            "target_pct": None if ind.target_pct is None else plain(ind.target_pct),
            "status": ind.status.value,
            "status_label": ind.status.label,
        }
        if ind.value is None:
            entry["reason"] = ind.reason
        elif ind.ytd_change_pct is None:
            entry["reason"] = "上年同期没有数据，无法计算同比"
        indicators[ind.kind.value] = entry

    def gap_list(figures: PeriodFigures | None) -> list[dict[str, Any]]:
        return [
            {
                "meter": g.meter_code,
                "month": f"{g.year:04d}-{g.month:02d}",
                "problem": g.problem.value if g.problem else None,
            }
            for g in (figures.gaps if figures else ())
        ]

    period = report.requested
    return {
        "unit": {"name": ledger.unit.name, "uscc": ledger.unit.uscc, "admin_code": ledger.unit.admin_code},
        "year": period.year,
        "period": period.code,
        "period_label": period.label,
        "complete": report.complete,
        "covered_months": list(report.covered),
        "coverage_label": report.coverage_label or None,
        "people": report.people,
        "area_m2": None if report.area_m2 is None else plain(report.area_m2),
        "totals": totals,
        "comprehensive_energy_tce": format_fixed(fig.comprehensive_tce, TCE_PLACES) if covered else None,
        "building_energy_tce": format_fixed(fig.building_tce, TCE_PLACES) if covered else None,
        "co2_t": format_fixed(fig.co2_t, TCE_PLACES) if covered else None,
        "indicators": indicators,
        "incomplete": gap_list(fig),
        # The year-on-year base is only as good as last year's data: its gaps are listed too.
        "incomplete_previous": gap_list(report.previous),
        "reference_versions": reference_versions(report, ref),
    }
