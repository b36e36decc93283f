"""The in-memory snapshot that keeps the grid fast equals what SQLite holds, after any edits and undos.

``Ledger.apply`` replays a write on the snapshot instead of reading the database again; if it ever
differed from what the store wrote, figures on screen would silently disagree with the file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.entry import CellEdit, Column, EntryChange, EntryService, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY


def comparable(ledger: Ledger) -> dict[str, Any]:
    """The ledger's content, independent of the order rows happen to be kept in."""

    def month_key(x: Any) -> tuple[int, int]:
        return (x.year, x.month)

    return {
        "unit": ledger.unit,
        "profiles": ledger.profiles,
        "meters": sorted(ledger.meters, key=lambda m: m.code),
        "records": sorted(ledger.records, key=lambda r: (r.meter_code, r.year, r.month)),
        "replacements": sorted(ledger.replacements, key=lambda r: (r.meter_code, r.day)),
        "canteen": sorted(ledger.canteen, key=month_key),
        "garbage": sorted(ledger.garbage, key=month_key),
        "ewaste": sorted(ledger.ewaste, key=lambda e: (e.day, e.items, e.recipient)),
        "records_of": {m.code: ledger.records_of(m.code) for m in ledger.meters},
    }


cells = st.tuples(
    st.sampled_from(["E1", "E2", "W1", "G1", "V1", "canteen", "garbage"]),
    st.sampled_from([2025, 2026]),  # a year with data (changes), one without (new rows; undo deletes them)
    st.integers(1, 12),
    st.sampled_from([Column.VALUE, Column.COST, Column.NOTE]),
    st.one_of(st.just(""), st.integers(0, 10**7).map(str), st.text("核对表", min_size=1, max_size=4)),
)
steps = st.lists(st.one_of(cells, st.just("undo"), st.just("redo")), min_size=1, max_size=12)


def key_for(code: str, service: EntryService, year: int, month: int) -> RowKey | None:
    rows = service.rows(year, month)
    if code in ("canteen", "garbage"):
        kind = RowKind.CANTEEN if code == "canteen" else RowKind.GARBAGE
        return next((r.key for r in rows if r.key.kind is kind), None)
    return next((r.key for r in rows if r.key.code == code), None)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_snapshot_equals_database_after_edits_and_undos(script: list[Any]) -> None:
    from gxjn_desktop.services.demo import build_demo_ledger

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = LedgerService.open(data)
        store.replace_everything(build_demo_ledger(DEMO_TODAY))
        service = EntryService(store)
        done: list[EntryChange] = []
        undone: list[EntryChange] = []
        try:
            for step in script:
                if step == "undo" and done:
                    change = done.pop()
                    service.revert(change)
                    undone.append(change)
                elif step == "redo" and undone:
                    change = undone.pop()
                    service.commit(change)
                    done.append(change)
                elif isinstance(step, tuple):
                    code, year, month, column, text = step
                    key = key_for(code, service, year, month)
                    if key is None:
                        continue
                    plan = service.prepare(year, month, [CellEdit(key, column, text)])
                    if plan.ready and plan.change is not None and not plan.change.is_empty:
                        service.commit(plan.change)
                        done.append(plan.change)
                        undone.clear()
                reread = LedgerService.open(data)
                try:
                    assert comparable(service.ledger) == comparable(reread.ledger())
                finally:
                    reread.close()
        finally:
            store.close()
