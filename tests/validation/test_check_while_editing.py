"""The review may run in a background thread over the snapshot on screen while the window writes
the next edit: ``Ledger.apply`` builds the new snapshot from the old one's caches while the review
is filling them, and neither may trip over the other (nor may a cached result go stale)."""

from __future__ import annotations

import random
import sys
import threading
from dataclasses import replace
from decimal import Decimal

from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.demo import build_demo_ledger
from tests.conftest import DEMO_TODAY

PERIOD = Period.parse(2025)


def edit(ledger: Ledger, rng: random.Random) -> StoredState:
    meter = rng.choice([m for m in ledger.meters if ledger.records_of(m.code)])
    month = rng.randint(1, 12)
    rec = ledger.record(meter.code, 2025, month)
    if rec is None:
        return StoredState()
    factor = Decimal(rng.choice(["0.99", "1.01", "1.5"]))
    value = replace(rec, quantity=rec.quantity * factor) if rec.quantity is not None else replace(rec, note=str(factor))
    return StoredState(records=(((meter.code, 2025, month), value),))


def test_a_review_in_another_thread_while_edits_are_applied() -> None:
    ledger = build_demo_ledger(DEMO_TODAY)
    shown = [ledger]  # the snapshot on screen, as the window hands it to its worker
    errors: list[BaseException] = []
    done = threading.Event()

    def review() -> None:
        try:
            while not done.is_set():
                check_period(shown[-1], PERIOD, DEMO_TODAY)
        except BaseException as exc:  # reported by the main thread's assertion
            errors.append(exc)

    worker = threading.Thread(target=review)
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # the threads take turns between almost every bytecode: races show
    worker.start()
    rng = random.Random(3)
    try:
        for _ in range(300):
            ledger = ledger.apply(edit(ledger, rng))
            shown.append(ledger)
            check_period(ledger, Period.parse(2025, f"M{rng.randint(1, 12):02d}"), DEMO_TODAY)
    finally:
        done.set()
        worker.join()
        sys.setswitchinterval(interval)
    assert errors == []
    fresh = replace(ledger, records=ledger.records)  # the same data, no caches
    assert check_period(ledger, PERIOD, DEMO_TODAY) == check_period(fresh, PERIOD, DEMO_TODAY)
