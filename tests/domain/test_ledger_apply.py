"""``Ledger.apply`` updates the record indexes in place of rebuilding them: whatever the writes, the
applied snapshot answers every question as a ledger built afresh from the same records does."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.records import MonthlyRecord
from gxjn_desktop.services.demo import build_demo_ledger
from tests.conftest import DEMO_TODAY

DEMO = build_demo_ledger(DEMO_TODAY)
CODES = ["E1", "W1", "V1", "G1"]

writes = st.lists(
    st.lists(
        st.tuples(
            st.sampled_from(CODES),
            st.sampled_from([2023, 2024, 2025, 2027]),  # before, inside and after the demo's years, and a gap
            st.integers(1, 12),
            st.one_of(st.none(), st.integers(0, 10**6)),  # None deletes the record
        ),
        min_size=1,
        max_size=4,
    ),
    min_size=1,
    max_size=8,
)


def state_of(step: list[tuple[str, int, int, int | None]]) -> StoredState:
    by_key: dict[tuple[str, int, int], MonthlyRecord | None] = {}
    for code, year, month, value in step:
        by_key[(code, year, month)] = (
            None if value is None else MonthlyRecord(code, year, month, reading=Decimal(value), note=str(value))
        )
    return StoredState(records=tuple(by_key.items()))


def answers(ledger: Ledger) -> dict[str, object]:
    keys = [(c, y, m) for c in CODES for y in (2022, 2023, 2024, 2025, 2026, 2027, 2028) for m in range(1, 13)]
    return {
        "records": sorted(ledger.records, key=lambda r: (r.meter_code, r.year, r.month)),
        "records_of": {c: ledger.records_of(c) for c in [*CODES, "E2"]},
        "record": {k: ledger.record(*k) for k in keys},
        "previous": {k: ledger.previous_record(*k) for k in keys},
        "previous_reading": {k: ledger.previous_reading_record(*k) for k in keys},
        "years": ledger.years(),
    }


@settings(max_examples=60, deadline=None)
@given(writes)
def test_applied_indexes_equal_fresh_ones(steps: list[list[tuple[str, int, int, int | None]]]) -> None:
    ledger = DEMO
    for step in steps:
        before = ledger
        kept = answers(before)
        ledger = ledger.apply(state_of(step))
        assert answers(before) == kept  # a snapshot is a value: applying leaves the old one as it was
    fresh = replace(DEMO, records=ledger.records)
    assert answers(ledger) == answers(fresh)
    assert len(ledger.records) == len({(r.meter_code, r.year, r.month) for r in ledger.records})
