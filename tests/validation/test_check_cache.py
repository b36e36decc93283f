"""Results kept across edits (month uses, history windows and spreads, per-meter findings) never go stale.

``Ledger.apply`` keeps each meter's cached results before the first month an edit touches, so a
re-check after an edit recomputes only that meter from that month on. Whatever the edits, and on
whatever day the review runs, the review and the indicators of the edited snapshot must equal
those of the same data loaded afresh.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxjn_desktop.domain.consumption import previous_reading
from gxjn_desktop.domain.indicators import indicator_report
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.records import MeterReplacement, MonthlyRecord
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.reference_data import load_reference
from tests.conftest import DEMO_TODAY

FACTORS = [Decimal(0), Decimal("0.5"), Decimal("0.98"), Decimal("1.3"), Decimal(10)]

# Reviews run on other days too: a rule judged meter by meter must not depend on the day.
DAYS = [DEMO_TODAY, date(2025, 6, 10), date(2024, 3, 5)]

edits = st.tuples(
    st.sampled_from(["E1", "E2", "E3", "W1", "G1", "V1", "P1"]),
    st.sampled_from([2024, 2025]),
    st.integers(1, 12),
    st.sampled_from(["scale", "delete", "replace"]),
    st.sampled_from(FACTORS),
    st.sampled_from(DAYS),
)


def edited(ledger: Ledger, code: str, year: int, month: int, action: str, factor: Decimal) -> StoredState:
    """One write of the kind the grid, the importer or an undo makes."""
    key = (code, year, month)
    rec = ledger.record(code, year, month)
    if action == "delete":
        return StoredState(records=((key, None),))
    if action == "replace":
        if ledger.replacements_in(code, year, month):
            return StoredState(replacements=((key, ()),))
        start = rec.reading if rec is not None and rec.reading is not None else Decimal(0)
        day = date(year, month, 15)
        return StoredState(replacements=((key, (MeterReplacement(code, day, start * factor, Decimal(0)),)),))
    meter = ledger.meter(code)
    if meter.kind is MeterKind.QUANTITY:
        quantity = (rec.quantity if rec is not None and rec.quantity is not None else Decimal(100)) * factor
        new = replace(rec, quantity=quantity) if rec else MonthlyRecord(code, year, month, quantity=quantity)
    else:  # the month's use scaled (0: nothing used; a sub-meter may then exceed its parent)
        start = previous_reading(ledger, meter, year, month) or Decimal(0)
        end = rec.reading if rec is not None and rec.reading is not None else start + 1000
        reading = start + (end - start) * factor
        new = replace(rec, reading=reading) if rec else MonthlyRecord(code, year, month, reading=reading)
    return StoredState(records=((key, new),))


def review(ledger: Ledger, month: int, today: date = DEMO_TODAY) -> tuple[object, ...]:
    ref = load_reference()
    periods = [Period.parse(2025), Period.parse(2025, f"M{month:02d}"), Period.parse(2024), Period.parse(2025, "Q4")]
    checks = tuple(check_period(ledger, p, today).findings for p in periods)
    return (*checks, indicator_report(ledger, ref, periods[0]), indicator_report(ledger, ref, periods[1]))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(edits, min_size=1, max_size=8))
def test_review_after_edits_equals_a_fresh_load(script: list[tuple[str, int, int, str, Decimal, date]]) -> None:
    ledger = build_demo_ledger(DEMO_TODAY)
    review(ledger, 1)  # fill the caches the edits must then keep or drop correctly
    for code, year, month, action, factor, today in script:
        ledger = ledger.apply(edited(ledger, code, year, month, action, factor))
        fresh = replace(ledger)  # the same data, built anew: nothing cached
        assert review(ledger, month, today) == review(fresh, month, today)


def test_an_edit_recomputes_only_the_edited_meter_from_the_edited_month() -> None:
    ledger = build_demo_ledger(DEMO_TODAY)
    review(ledger, 1)
    state = edited(ledger, "E1", 2025, 6, "scale", Decimal("1.3"))
    after = ledger.apply(state)
    kept = after._meter_memo  # type: ignore[attr-defined]
    assert kept["W1"] is ledger._meter_memo["W1"]  # type: ignore[attr-defined]
    assert max(kept["E1"].months) < (2025, 6)
    assert not kept["E1"].whole
