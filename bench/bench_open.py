"""Opening a unit's data with PRAGMA integrity_check, against opening it without the check.

The unit is synthetic: 10 years × 50 meters (bench/synthetic.py), stored through the program.
"Open" is what happens before the first screen has data: open_database (stale-backup clean-up,
integrity check, the day's backup already made) and loading the ledger. Each variant runs
alternately, several times; medians and the ratio are printed. quick_check (what the program ran
before, which misses broken indexes) is printed for comparison. No assertions.

    python bench/bench_open.py [--runs 15] [--years 10] [--meters 50]
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.synthetic import synthetic_ledger
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.database import Database
from gxjn_desktop.storage.sqlite_file import integrity_check


def _check(path: Path, pragma: str) -> None:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        con.execute(f"PRAGMA {pragma}").fetchall()
    finally:
        con.close()


def open_with_check(data_dir: Path) -> None:
    service = LedgerService.open(data_dir)
    service.ledger()
    service.close()


def open_without_check(data_dir: Path) -> None:
    service = LedgerService(Database(database_path(data_dir)))
    service.ledger()
    service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--meters", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="gxjn-open-"))
    try:
        service = LedgerService.open(folder)
        service.replace_everything(synthetic_ledger(years=args.years, meters=args.meters))
        service.close()
        open_with_check(folder)  # makes today's backup, so no run below makes one
        path = database_path(folder)
        times: dict[str, list[float]] = {"with": [], "without": [], "integrity": [], "quick": []}
        for _ in range(args.runs):
            for name, fn in (
                ("with", lambda: open_with_check(folder)),
                ("without", lambda: open_without_check(folder)),
                ("integrity", lambda: integrity_check(path)),
                ("quick", lambda: _check(path, "quick_check")),
            ):
                t = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t)
        med = {k: statistics.median(v) * 1000 for k, v in times.items()}
        print(f"unit: {args.years} years × {args.meters} meters, file {path.stat().st_size / 1024:.0f} KiB")
        print(f"open + load with integrity_check : {med['with']:8.1f} ms")
        print(f"open + load without the check    : {med['without']:8.1f} ms")
        print(f"ratio                            : {med['with'] / med['without']:8.2f}")
        print(f"integrity_check alone            : {med['integrity']:8.1f} ms")
        print(f"quick_check alone (for comparison): {med['quick']:7.1f} ms")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
