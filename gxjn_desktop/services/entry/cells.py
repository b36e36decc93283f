"""Which grid cell a finding points at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.places import Place
from gxjn_desktop.domain.records import CANTEEN_FIELDS, GarbageCategory
from gxjn_desktop.services.entry.grid import Column, RowKey, RowKind
from gxjn_desktop.validation.findings import Finding, Location

#: Which grid column a finding's field points at.
FIELD_COLUMNS = {
    "reading": Column.VALUE,
    "quantity": Column.VALUE,
    "reading_date": Column.VALUE,
    "cost": Column.COST,
    "cost_fen": Column.COST,
    "price": Column.PRICE,
    "multiplier": Column.MULTIPLIER,
    "source": Column.SOURCE,
    "note": Column.NOTE,
    "use": Column.USE,
}


@dataclass(frozen=True)
class GridCell:
    year: int
    month: int
    row: RowKey
    column: Column


def cell_of(ledger: Ledger, location: Location) -> GridCell | None:
    """The month-entry cell a finding points at; ``None`` for findings that are not about a cell
    (the profile, indicators, quotas, whole periods)."""
    if location.in_month is None:
        return None
    year, month = location.in_month
    field = location.field or ""
    if location.place is Place.METER:
        code = location.meter
        if code not in {mt.code for mt in ledger.meters}:
            return None
        return GridCell(year, month, RowKey(RowKind.METER, code), FIELD_COLUMNS.get(field, Column.VALUE))
    if location.place is Place.CANTEEN:
        known = [n for n, _, _ in CANTEEN_FIELDS]
        return GridCell(year, month, RowKey(RowKind.CANTEEN, field if field in known else known[0]), Column.VALUE)
    if location.place is Place.GARBAGE:
        category = field.partition(".")[0]
        cats = [c.value for c in GarbageCategory]
        return GridCell(year, month, RowKey(RowKind.GARBAGE, category if category in cats else cats[0]), Column.VALUE)
    return None


def findings_by_cell(
    ledger: Ledger, year: int, month: int, today: date | None = None
) -> dict[tuple[RowKey, Column], list[Finding]]:
    """check_period's findings for the month, placed on the cells they point at."""
    from gxjn_desktop.services.checks import check_period  # rules load lazily, after the window shows

    result = check_period(ledger, Period.parse(year, f"M{month:02d}"), today)
    out: dict[tuple[RowKey, Column], list[Finding]] = {}
    for f in result.findings:
        cell = cell_of(ledger, f.location)
        if cell is not None and (cell.year, cell.month) == (year, month):
            out.setdefault((cell.row, cell.column), []).append(f)
    for fs in out.values():
        fs.sort(key=lambda f: f.severity.rank)
    return out


# ---- editing ------------------------------------------------------------------------------
