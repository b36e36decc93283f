"""Peak memory of writing the 汇总 workbook's 合并报告 sheet for a merge of many files, beside the
same rows written as CSV (the baseline: a format that streams by nature), each in a fresh process.

    .venv/bin/python -m bench.bench_bureau_workbook [--sizes 5000 50000]

Each case is its own process, so its peak RSS (ru_maxrss) is its own; "imports" is a process that
only imports what the workbook needs and builds the report, the floor under both. The verdict: the
workbook's memory is bounded when it grows no more from the smaller to the larger size than the
CSV's does (plus a few MB of allocator noise), i.e. rows are not held in memory.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOISE_MB = 8.0  # allocator and import noise between two fresh processes


def _report(n: int) -> Any:
    """A merge report of ``n`` files in a realistic mix of outcomes, kept on disk as a merge keeps it."""
    from gxjn_desktop.services.bureau.merge import ACCEPTED, DUPLICATE, REFUSED, FileOutcome, MergeReport

    report = MergeReport(folder="/汇总/2024年报送包")
    for i in range(n):
        uscc = f"12450000MB{i:08d}"
        kind = (ACCEPTED, ACCEPTED, ACCEPTED, DUPLICATE, REFUSED)[i % 5]
        refused = kind == REFUSED
        report.files.append(
            FileOutcome(
                file=f"/汇总/2024年报送包/450102_{uscc}_2024-Y_r1.zip",
                outcome=kind,
                detail="拒收：文件内容与清单中的 SHA-256 不符（文件被改动）" if refused else "采用：新单位",
                status=kind,
                code="HASH-MISMATCH" if refused else None,
                codes=["HASH-MISMATCH"] if refused else [],
                uscc=uscc,
                period="2024-Y",
                revision=1,
                key_fingerprint=f"{i:016x}",
                key_known=i % 7 != 0,
            )
        )
    return report


def one(case: str, n: int, out: str) -> None:
    from gxjn_desktop.services.bureau.merge import OUTCOME_LABELS
    from gxjn_desktop.services.bureau.summary import BY_REGION, BY_TYPE, compute_summary
    from gxjn_desktop.services.bureau.workbook import write_summary_workbook

    report = _report(n)
    t, cpu = time.perf_counter(), time.process_time()
    if case == "csv":
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            for x in report.files:
                w.writerow([Path(x.file).name, OUTCOME_LABELS[x.outcome], x.detail, x.uscc, x.period, x.revision])
    elif case == "workbook":
        empty = compute_summary([], [], year=0, period="", by=BY_REGION)
        write_summary_workbook(
            Path(out), empty, compute_summary([], [], year=0, period="", by=BY_TYPE), [], report=report
        )
    seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = os.path.getsize(out) / 1e6 if os.path.exists(out) else 0.0
    print(json.dumps({"rss_mb": rss, "seconds": seconds, "cpu": cpu, "mb": size}))


def _run(case: str, n: int, out: Path) -> dict[str, Any]:
    from bench.fresh_process import run_one

    return run_one("bench.bench_bureau_workbook", case, str(n), str(out))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[5000, 50000])
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one(args.one[0], int(args.one[1]), args.one[2])
        return 0
    print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'files':>7} {'case':>9} {'peak RSS MB':>12} {'s':>6} {'CPU s':>6} {'file MB':>8} {'load':>5}")
    rss: dict[tuple[str, int], float] = {}
    with tempfile.TemporaryDirectory(prefix="gxjn-bench-workbook-") as tmp:
        for n in args.sizes:
            for case in ("imports", "csv", "workbook"):  # interleaved, the same run
                r = _run(case, n, Path(tmp) / f"{case}-{n}.{'xlsx' if case == 'workbook' else 'csv'}")
                rss[(case, n)] = r["rss_mb"]
                print(
                    f"{n:>7,} {case:>9} {r['rss_mb']:>12.0f} {r['seconds']:>6.1f} {r['cpu']:>6.1f} {r['mb']:>8.1f}"
                    f" {os.getloadavg()[0]:>5.1f}",
                    flush=True,
                )
    if len(args.sizes) > 1:
        a, b = min(args.sizes), max(args.sizes)
        grew = {case: rss[(case, b)] - rss[(case, a)] for case in ("imports", "csv", "workbook")}
        bounded = grew["workbook"] <= grew["csv"] + NOISE_MB
        print(
            f"peak RSS growth {a:,} → {b:,} files: workbook {grew['workbook']:+.0f} MB, CSV baseline "
            f"{grew['csv']:+.0f} MB, imports + report only {grew['imports']:+.0f} MB -> "
            f"{'BOUNDED' if bounded else 'GROWING'} (bounded: ≤ the CSV's growth + {NOISE_MB:.0f} MB)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
