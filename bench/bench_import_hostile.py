"""Refusing a hostile entry workbook: 200,000 junk rows (and 45,000, under the row guard, where the
problem cap must stop the checking), timed and sized beside reading the same sheets with calamine.

Each figure comes from a fresh process (time from its start to its answer, peak resident memory),
so the numbers do not include building the workbook. Goal: each refusal under 5 s and 200 MB.
No assertions.

    python bench/bench_import_hostile.py [--rows 200000 45000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hostile_workbook import junk_workbook
from gxjn_desktop.services.demo import build_demo_ledger

# Peak memory is the kernel's high-water mark of the process (VmHWM, which exec resets; ru_maxrss
# would carry over the parent's). Time is the call alone, after the imports.
PEAK = """
def peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")
"""

IMPORT = (
    PEAK
    + r"""
import json, sys, time
from pathlib import Path
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.workbook.importer import read_workbook
ledger = build_demo_ledger()
t = time.perf_counter()
try:
    read_workbook(Path(sys.argv[1]), ledger)
    answer = "imported?!"
except UserError as err:
    answer = err.message[:60]
print(json.dumps({"s": time.perf_counter() - t, "mb": peak_mb(), "answer": answer}))
"""
)

CALAMINE = (
    PEAK
    + r"""
import json, sys, time
from python_calamine import CalamineWorkbook
t = time.perf_counter()
wb = CalamineWorkbook.from_path(sys.argv[1])
cells = sum(len(r) for name in wb.sheet_names for r in wb.get_sheet_by_name(name).to_python())
print(json.dumps({"s": time.perf_counter() - t, "mb": peak_mb(), "answer": f"{cells} cells"}))
"""
)


def measure(script: str, path: Path, runs: int) -> dict[str, object]:
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", script, str(path)], capture_output=True, text=True, env=dict(os.environ)
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {
        "s": statistics.median(float(r["s"]) for r in results),
        "mb": max(float(r["mb"]) for r in results),
        "answer": results[-1]["answer"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, nargs="+", default=[200_000, 45_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ledger = build_demo_ledger()
    folder = Path(tempfile.mkdtemp(prefix="gxjn-hostile-"))
    print(f"{'rows':>8} {'gxjn s':>8} {'gxjn MB':>8} {'calamine s':>11} {'calamine MB':>12}  gxjn's answer")
    for rows in args.rows:
        path = junk_workbook(ledger, 2025, rows, folder / f"junk-{rows}.xlsx")
        ours = measure(IMPORT, path, args.runs)
        base = measure(CALAMINE, path, args.runs)
        print(
            f"{rows:>8} {ours['s']:>8.2f} {ours['mb']:>8.0f} {base['s']:>11.2f} {base['mb']:>12.0f}  {ours['answer']}"
        )
        ok = float(ours["s"]) < 5 and float(ours["mb"]) < 200  # type: ignore[arg-type]
        print(f"{'':>8} goal < 5 s and < 200 MB: {'holds' if ok else 'MISSED'}")
    for p in folder.iterdir():
        p.unlink()
    folder.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
