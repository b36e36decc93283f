"""The overview's figures: each carrier's use per month, and the months still missing; and all that
概览 shows of a snapshot at once (:func:`overview_figures`), which the window works out in its
background thread (0.2–0.3 s the first time at 20 years of history: the year's checks)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.carriers import CARRIER_ORDER, Carrier
from gxjn_desktop.domain.indicators import IndicatorReport
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services import checks
from gxjn_desktop.validation.findings import Finding


@dataclass(frozen=True)
class CarrierMonths:
    """A carrier's use per month of a year and of the year before (sub-meters excluded)."""

    carrier: Carrier
    unit: str
    this_year: tuple[Decimal | None, ...]
    last_year: tuple[Decimal | None, ...]


def monthly_use_by_carrier(ledger: Ledger, year: int) -> list[CarrierMonths]:
    """The 基2表 totals of each month (电 includes self-consumed PV), for carriers the unit meters."""
    from gxjn_desktop.domain.indicators import period_figures
    from gxjn_desktop.services.reference_data import load_reference

    ref = load_reference()
    metered = {m.carrier for m in ledger.meters if not m.is_submeter}
    if Carrier.PV in metered:
        metered.add(Carrier.ELECTRICITY)
    by_year: dict[int, list[dict[Carrier, Decimal] | None]] = {}
    for y in (year, year - 1):
        months: list[dict[Carrier, Decimal] | None] = []
        for mo in range(1, 13):
            fig = period_figures(ledger, ref, Period.parse(y, f"M{mo:02d}"))
            months.append({t.carrier: t.quantity for t in fig.totals} if fig.has_data else None)
        by_year[y] = months
    return [
        CarrierMonths(
            carrier,
            carrier.unit,
            tuple(None if m is None else m[carrier] for m in by_year[year]),
            tuple(None if m is None else m[carrier] for m in by_year[year - 1]),
        )
        for carrier in CARRIER_ORDER
        if carrier in metered
    ]


def missing_months(ledger: Ledger, year: int, up_to_month: int) -> list[int]:
    """Months up to ``up_to_month`` where some active meter has no value yet."""
    return checks.missing_months(ledger, year, range(1, up_to_month + 1))


def count_open(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings without an explanation), as the export gate counts them."""
    gate = checks.export_gate(findings)
    return gate.errors, gate.unexplained


@dataclass(frozen=True)
class OverviewFigures:
    """What 概览 shows of one snapshot: the latest year to its last entered month (``period``; None
    when no month is entered yet), its indicator report (or the refusal's message instead), the
    quota pacing (empty when the year cannot be paced), the months still missing, the open errors
    and unexplained warnings, and each carrier's months beside last year's."""

    unit_name: str
    period: Period | None
    report: IndicatorReport | None = None
    report_refusal: str = ""
    quota_status: dict[str, Any] | None = None
    missing: tuple[int, ...] = ()
    errors: int = 0
    warnings: int = 0
    series: tuple[CarrierMonths, ...] = ()


def overview_figures(ledger: Ledger, today: date) -> OverviewFigures:
    """Everything 概览 shows, without Qt: the screen only lays it out."""
    from gxjn_desktop.services.quotas import quota_status_json
    from gxjn_desktop.services.reports import build_indicator_report

    years = ledger.years()
    if not years:
        return OverviewFigures(ledger.unit.name, None)
    year = years[-1]
    last_month = max((r.month for r in ledger.records if r.year == year), default=12)
    period = Period.parse(year, f"YTD-M{last_month:02d}")
    try:
        quota_status: dict[str, Any] = quota_status_json(ledger, year, today)
    except UserError:
        quota_status = {}
    report, refusal = None, ""
    try:
        report = build_indicator_report(ledger, period)
    except UserError as err:
        refusal = err.message
    # A year still under way cannot be exported (PERIOD-INCOMPLETE), but that is nothing to fix:
    # the months not yet filled are listed beside.
    findings = checks.check_period(ledger, Period.parse(year, "Y"), today).findings
    errors, warnings = count_open(f for f in findings if f.rule_id != "PERIOD-INCOMPLETE")
    return OverviewFigures(
        ledger.unit.name,
        period,
        report,
        refusal,
        quota_status,
        tuple(missing_months(ledger, year, last_month)),
        errors,
        warnings,
        tuple(monthly_use_by_carrier(ledger, year)),
    )
