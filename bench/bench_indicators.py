"""How long computing every indicator takes for 10 years × 50 meters, and how big the database is.

Prints absolute figures and a ratio against a baseline measured in the same run: summing the same
number of Decimal values (the least any exact computation over the ledger must do).
Run: .venv/bin/python bench/bench_indicators.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_ledger
from gxjn_desktop.domain.indicators import indicator_report
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.reference_data import load_reference

YEARS, METERS, FIRST = 10, 50, 2016
PERIODS = ["Y", "Q1", "Q2", "Q3", "Q4", *[f"M{m:02d}" for m in range(1, 13)]]


def best_of(n: int, fn: object) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ledger = synthetic_ledger(YEARS, METERS, FIRST)
    ref = load_reference()
    values = [r.reading or r.quantity or Decimal(0) for r in ledger.records]

    def baseline() -> None:
        total = Decimal(0)
        for v in values:
            total += v

    # Each run starts from a fresh snapshot (replace() rebuilds the indexes and empties the memo of
    # month uses that a snapshot keeps), so repeated runs measure computing, not the memo.
    def all_indicators() -> None:
        fresh = replace(ledger)
        for y in range(FIRST, FIRST + YEARS):
            for p in PERIODS:
                indicator_report(fresh, ref, Period.parse(y, p))

    def one_year() -> None:
        indicator_report(replace(ledger), ref, Period.parse(FIRST + YEARS - 1))

    base = best_of(5, baseline)
    full = best_of(2, all_indicators)
    year = best_of(5, one_year)
    print(f"ledger: {YEARS} years × {METERS} meters = {len(ledger.records)} monthly records")
    print(f"baseline (sum {len(values)} Decimals): {base * 1000:.2f} ms")
    print(
        f"all indicators, {YEARS} years × {len(PERIODS)} periods: {full * 1000:.1f} ms  (ratio {full / base:.0f}× baseline)"
    )
    print(
        f"one year's indicators (with its year-on-year base): {year * 1000:.1f} ms  (ratio {year / base:.1f}× baseline)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        service = LedgerService.open(Path(tmp))
        t0 = time.perf_counter()
        service.replace_everything(ledger)
        write = time.perf_counter() - t0
        t0 = time.perf_counter()
        service.ledger()
        load = time.perf_counter() - t0
        service.close()
        size = sum(p.stat().st_size for p in Path(tmp).glob("gxjn.db*"))
        print(
            f"database: {size / 1024 / 1024:.2f} MiB for {len(ledger.records)} records "
            f"({size / len(ledger.records):.0f} bytes per record); write all {write * 1000:.0f} ms, load all {load * 1000:.0f} ms"
        )
        _ = database_path


if __name__ == "__main__":
    main()
