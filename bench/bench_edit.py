"""Time from a cell edit to its row committed in SQLite, over 500 edits on a ledger with 10 years of data.

Each edit goes the way the window sends it: ``EntryService.prepare`` (parse the typed text, check
for a decrease, work out the undo step) then ``EntryService.commit`` (one transaction, fsync with
synchronous=FULL). The grid's refresh (``rows`` for the month) is timed separately. Goal: p95 ≤ 10 ms.
No assertions.

    python bench/bench_edit.py [--edits 500]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import MeterKind, MultiplierChange
from gxjn_desktop.domain.records import MonthlyRecord, Source
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.entry import CellEdit, Column, EntryService, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService

FIRST_YEAR, YEARS = 2016, 10


def ten_years() -> Ledger:
    """The demo unit's meters with ten years of monthly records (readings always rising)."""
    demo = build_demo_ledger(date(FIRST_YEAR + YEARS, 6, 1))
    rng = random.Random(7)
    start = date(FIRST_YEAR, 1, 1)
    meters = tuple(
        replace(
            m,
            active_from=start,
            register_digits=None if m.kind is MeterKind.QUANTITY else 9,
            initial_reading=None if m.kind is MeterKind.QUANTITY else Decimal(1000),
            multipliers=tuple(MultiplierChange(start, c.multiplier) for c in m.multipliers[:1]),
        )
        for m in demo.meters
    )
    records = []
    for m in meters:
        reading = Decimal(1000)
        for y in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            for mo in range(1, 13):
                amount = Decimal(rng.randint(100, 5000))
                cost = int(amount * 70)
                if m.kind is MeterKind.QUANTITY:
                    records.append(MonthlyRecord(m.code, y, mo, quantity=amount, cost_fen=cost, source=Source.INVOICE))
                else:
                    reading += amount
                    records.append(MonthlyRecord(m.code, y, mo, reading=reading, cost_fen=cost, source=Source.BILL))
    profiles = {y: replace(next(iter(demo.profiles.values())), year=y) for y in range(FIRST_YEAR, FIRST_YEAR + YEARS)}
    return Ledger(demo.unit, profiles, meters, tuple(records), (), demo.canteen, demo.garbage)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=500)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="gxjn-bench-edit-"))
    try:
        store = LedgerService.open(tmp)
        ledger = ten_years()
        store.replace_everything(ledger)
        service = EntryService(store)
        rng = random.Random(11)
        year = FIRST_YEAR + YEARS - 1
        quantity = [m.code for m in ledger.meters if m.kind is MeterKind.QUANTITY]
        register = [m.code for m in ledger.meters if m.kind is MeterKind.REGISTER]
        commit_ms: list[float] = []
        refresh_ms: list[float] = []
        for i in range(args.edits):
            month = rng.randint(1, 12)
            kind = i % 3
            if kind == 0:
                edit = CellEdit(RowKey(RowKind.METER, rng.choice(quantity)), Column.VALUE, f"{rng.randint(100, 900)}.5")
            elif kind == 1:
                edit = CellEdit(
                    RowKey(RowKind.METER, rng.choice(register)), Column.COST, f"{rng.randint(1000, 9999)}.25"
                )
            else:
                edit = CellEdit(RowKey(RowKind.METER, rng.choice(register)), Column.NOTE, f"核对 {i}")
            t0 = time.perf_counter()
            plan = service.prepare(year, month, [edit])
            assert plan.ready and plan.change is not None, plan
            service.commit(plan.change)
            t1 = time.perf_counter()
            service.rows(year, month)
            t2 = time.perf_counter()
            commit_ms.append((t1 - t0) * 1000)
            refresh_ms.append((t2 - t1) * 1000)
        findings_ms = []
        for month in range(1, 13):
            t0 = time.perf_counter()
            service.findings_by_cell(year, month)
            findings_ms.append((time.perf_counter() - t0) * 1000)
        store.close()
        print(
            f"ledger: {len(ledger.meters)} meters × {YEARS} years = {len(ledger.records)} monthly records; {args.edits} edits"
        )
        print(
            f"edit → committed in SQLite: p50 {statistics.median(commit_ms):.2f} ms, "
            f"p95 {pct(commit_ms, 95):.2f} ms, max {max(commit_ms):.2f} ms (goal p95 ≤ 10 ms)"
        )
        print(
            f"then the month's rows recomputed for the grid: p50 {statistics.median(refresh_ms):.2f} ms, "
            f"p95 {pct(refresh_ms, 95):.2f} ms"
        )
        print(
            f"then the month's findings (check_period, deferred until after the save): "
            f"p50 {statistics.median(findings_ms):.1f} ms, max {max(findings_ms):.1f} ms"
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
