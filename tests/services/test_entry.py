"""The month-entry use case without Qt: rows, parsing cells, decreases, undo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from gxjn_desktop.domain.records import GarbageCategory, ReplacementReason, Source
from gxjn_desktop.services.entry import (
    CellEdit,
    Column,
    DecreaseAnswer,
    DecreaseChoice,
    EntryService,
    RowKey,
    RowKind,
    make_replacement,
    missing_months,
    monthly_use_by_carrier,
    parse_source,
)
from gxjn_desktop.services.ledger_service import LedgerService

E1 = RowKey(RowKind.METER, "E1")
W1 = RowKey(RowKind.METER, "W1")
V1 = RowKey(RowKind.METER, "V1")


def fresh(data_dir: Path) -> LedgerService:
    """A second connection, so values are read back from SQLite rather than the snapshot."""
    return LedgerService.open(data_dir)


@pytest.fixture
def entry(demo_service: LedgerService) -> EntryService:
    return EntryService(demo_service)


def row(entry: EntryService, key: RowKey, year: int = 2026, month: int = 1):  # type: ignore[no-untyped-def]
    return next(r for r in entry.rows(year, month) if r.key == key)


def test_rows_of_a_month(entry: EntryService) -> None:
    rows = entry.rows(2025, 3)
    kinds = [r.key.kind for r in rows]
    assert kinds.count(RowKind.METER) == 8
    assert kinds.count(RowKind.CANTEEN) == 3
    assert kinds.count(RowKind.GARBAGE) == 4
    e2 = next(r for r in rows if r.key.code == "E2")
    assert e2.rollover and e2.use is not None and e2.use > 0
    e1 = next(r for r in rows if r.key.code == "E1")
    assert e1.multiplier == Decimal(30)
    assert e1.text(Column.PRICE) != ""
    v1 = next(r for r in rows if r.key.code == "V1")
    assert v1.previous is None and v1.editable(Column.VALUE) and not v1.editable(Column.USE)
    assert not rows[-1].editable(Column.COST)


def test_typed_reading_is_saved_with_full_width_digits(entry: EntryService, data_dir: Path) -> None:
    prev = row(entry, E1).previous
    assert prev is not None
    typed = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in f"{prev + 100:f}").replace(".", "。")
    plan = entry.apply(2026, 1, [CellEdit(E1, Column.VALUE, typed), CellEdit(E1, Column.COST, "2,040.00")])
    assert plan.ready and plan.change is not None
    assert len(plan.change.cells) == 2
    rec = fresh(data_dir).record("E1", 2026, 1)
    assert rec is not None and rec.reading == prev + 100 and rec.cost_fen == 204000 and not rec.rollover_confirmed
    assert row(entry, E1).use == Decimal(3000)  # 倍率 30


def test_invalid_number_saves_nothing(entry: EntryService, data_dir: Path) -> None:
    plan = entry.apply(2026, 1, [CellEdit(V1, Column.VALUE, "12,5")])
    assert not plan.ready and plan.errors
    assert "不是有效的数字" in plan.errors[0].message
    assert fresh(data_dir).record("V1", 2026, 1) is None
    plan = entry.apply(2026, 1, [CellEdit(V1, Column.VALUE, "-3")])
    assert "负数" in plan.errors[0].message


def test_decrease_asks_and_rollover_saves_confirmation(entry: EntryService, data_dir: Path) -> None:
    edit = [CellEdit(E1, Column.VALUE, "5")]
    plan = entry.prepare(2026, 1, edit)
    assert plan.questions and plan.change is None
    q = plan.questions[0]
    assert q.meter_code == "E1" and q.reading == Decimal(5)
    assert fresh(data_dir).record("E1", 2026, 1) is None
    plan = entry.apply(2026, 1, edit, {"E1": DecreaseAnswer(DecreaseChoice.ROLLOVER)})
    assert plan.ready
    rec = fresh(data_dir).record("E1", 2026, 1)
    assert rec is not None and rec.rollover_confirmed and rec.reading == Decimal(5)
    # A later correction above the previous reading drops the stale confirmation.
    prev = row(entry, E1).previous
    assert prev is not None
    entry.apply(2026, 1, [CellEdit(E1, Column.VALUE, f"{prev + 1:f}")])
    rec = fresh(data_dir).record("E1", 2026, 1)
    assert rec is not None and not rec.rollover_confirmed


def test_decrease_answered_as_replacement(entry: EntryService, data_dir: Path) -> None:
    prev = row(entry, W1).previous
    assert prev is not None
    plan = entry.prepare(2026, 1, [CellEdit(W1, Column.VALUE, "12")])
    q = plan.questions[0]
    with pytest.raises(Exception, match="新表起始示数"):
        make_replacement(q, date(2026, 1, 15), f"{prev + 30:f}", "")
    rp = make_replacement(q, date(2026, 1, 15), f"{prev + 30:f}", "0", ReplacementReason.FAULT, "A", "B")
    plan = entry.apply(
        2026, 1, [CellEdit(W1, Column.VALUE, "12")], {"W1": DecreaseAnswer(DecreaseChoice.REPLACEMENT, rp)}
    )
    assert plan.ready
    ledger = fresh(data_dir).ledger()
    reps = ledger.replacements_in("W1", 2026, 1)
    assert len(reps) == 1 and reps[0].new_initial_reading == 0 and reps[0].old_final_reading == prev + 30
    rec = ledger.record("W1", 2026, 1)
    assert rec is not None and rec.reading == Decimal(12)
    assert row(entry, W1).use == Decimal(42)


def test_replacement_outside_the_month_is_refused(entry: EntryService) -> None:
    q = entry.prepare(2026, 1, [CellEdit(W1, Column.VALUE, "12")]).questions[0]
    with pytest.raises(Exception, match="不在"):
        make_replacement(q, date(2026, 2, 1), "999999", "0")


def test_mistake_saves_nothing(entry: EntryService, data_dir: Path) -> None:
    plan = entry.apply(2026, 1, [CellEdit(E1, Column.VALUE, "5")], {"E1": DecreaseAnswer(DecreaseChoice.MISTAKE)})
    assert plan.change is not None and plan.change.is_empty
    assert fresh(data_dir).record("E1", 2026, 1) is None


def test_block_is_one_change_and_reverts(entry: EntryService, data_dir: Path) -> None:
    edits = [
        CellEdit(V1, Column.VALUE, "510.5"),
        CellEdit(V1, Column.COST, "4007.43"),
        CellEdit(V1, Column.SOURCE, "发票"),
        CellEdit(RowKey(RowKind.CANTEEN, "diners"), Column.VALUE, "5,100"),
        CellEdit(RowKey(RowKind.GARBAGE, "kitchen"), Column.VALUE, "610.2"),
        CellEdit(RowKey(RowKind.GARBAGE, "kitchen"), Column.COST, "1"),  # read-only there: skipped
    ]
    plan = entry.prepare(2026, 1, edits)
    assert plan.ready and plan.change is not None
    assert len(plan.change.cells) == 5 and len(plan.skipped) == 1
    entry.commit(plan.change)
    ledger = fresh(data_dir).ledger()
    rec = ledger.record("V1", 2026, 1)
    assert rec is not None and rec.quantity == Decimal("510.5") and rec.source is Source.INVOICE
    canteen = ledger.canteen_month(2026, 1)
    assert canteen is not None and canteen.diners == 5100
    garbage = ledger.garbage_month(2026, 1)
    assert garbage is not None and garbage.kg[GarbageCategory.KITCHEN] == Decimal("610.2")
    entry.revert(plan.change)
    ledger = fresh(data_dir).ledger()
    assert ledger.record("V1", 2026, 1) is None
    c = ledger.canteen_month(2026, 1)
    assert c is None or c.diners is None
    assert row(entry, V1).value is None


def test_edit_of_existing_month_reverts_to_old_value(entry: EntryService, data_dir: Path) -> None:
    old = fresh(data_dir).record("V2", 2025, 5)
    assert old is not None
    plan = entry.apply(2025, 5, [CellEdit(RowKey(RowKind.METER, "V2"), Column.NOTE, "补录")])
    assert plan.change is not None
    entry.revert(plan.change)
    back = fresh(data_dir).record("V2", 2025, 5)
    assert back is not None and back.note == old.note and back.quantity == old.quantity


def test_source_parsing() -> None:
    assert parse_source("账单") is Source.BILL
    assert parse_source("3") is Source.INVOICE
    with pytest.raises(Exception, match="来源"):
        parse_source("随便")


def test_findings_are_placed_on_cells(entry: EntryService) -> None:
    cells = entry.findings_by_cell(2025, 7)
    assert all(k[0].kind in RowKind for k in cells)


def test_overview_figures(entry: EntryService) -> None:
    series = monthly_use_by_carrier(entry.ledger, 2025)
    assert series[0].carrier.label == "电"
    assert all(v is not None for v in series[0].this_year)
    assert missing_months(entry.ledger, 2025, 12) == []
    assert missing_months(entry.ledger, 2026, 2) == [1, 2]


def test_default_period(entry: EntryService) -> None:
    assert entry.default_period(date(2026, 11, 24)) == (2026, 1)
