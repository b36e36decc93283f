"""The overview's figures: each carrier's use per month, and the months still missing."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gxjn_desktop.domain.carriers import CARRIER_ORDER, Carrier
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
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
