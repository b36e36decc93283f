"""Where an edit's time goes, at 50 meters × 1, 10 and 20 years, every figure beside a one-row
SQLite commit (WAL, synchronous=FULL) measured interleaved in the same run.

Each edit goes the way the window sends it: ``EntryService.prepare`` (parse the typed text, check
for a decrease, work out the undo step), ``LedgerService.write_state`` (one transaction: the lock
check and one statement per changed row, fsync) and ``Ledger.apply`` (the snapshot in memory).
Then the same step is undone (``EntryService.revert``: the undo stack's path). Goal (issue 12):
edit → committed p95 ≤ 3× the bare commit's p95 and ≤ 10 ms, the same at every history length.
The grid's refresh of the month after it (``locked_reason`` and ``rows``) is printed beside it too. No assertions.

    python bench/bench_edit.py [--edits 300] [--years 1 10 20] [--meters 50]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_speed import bare_commit_factory, load_line, pct
from bench.synthetic import synthetic_ledger
from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.services.demo import demo_years
from gxjn_desktop.services.entry import CellEdit, Column, EntryService, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService

PARTS = ("prepare", "write", "apply", "edit", "undo", "rows", "bare")
NAMES = {
    "prepare": "准备（解析、撤销步骤）",
    "write": "写入并提交",
    "apply": "内存台账更新",
    "edit": "修改 → 已提交（合计）",
    "undo": "撤销 → 已提交",
    "rows": "刷新本月表格（只读检查与各行）",
}


def run(years: int, meters: int, edits: int) -> tuple[int, dict[str, list[float]]]:
    first = demo_years(date.today())[0] + 2 - years
    ledger = synthetic_ledger(years, meters, first_year=first)
    tmp = Path(tempfile.mkdtemp(prefix="gxjn-bench-edit-"))
    times: dict[str, list[float]] = {p: [] for p in PARTS}
    try:
        store = LedgerService.open(tmp)
        store.replace_everything(ledger)
        service = EntryService(store)
        bare = bare_commit_factory(tmp)
        rng = random.Random(11)
        year = first + years - 1
        quantity = [m.code for m in ledger.meters if m.kind is MeterKind.QUANTITY]
        register = [m.code for m in ledger.meters if m.kind is MeterKind.REGISTER]
        for i in range(edits):
            month = rng.randint(1, 12)
            if i % 3 == 0:
                edit = CellEdit(RowKey(RowKind.METER, rng.choice(quantity)), Column.VALUE, f"{rng.randint(100, 900)}.5")
            elif i % 3 == 1:
                edit = CellEdit(RowKey(RowKind.METER, rng.choice(register)), Column.COST, f"{rng.randint(1000, 9999)}")
            else:
                edit = CellEdit(RowKey(RowKind.METER, rng.choice(register)), Column.NOTE, f"核对 {i}")
            t0 = time.perf_counter()
            bare(2 * i)
            t1 = time.perf_counter()
            plan = service.prepare(year, month, [edit])
            t2 = time.perf_counter()
            change = plan.change
            if not plan.ready or change is None:
                continue
            service.store.write_state(change.after)  # EntryService.write's two halves, timed apart
            t3 = time.perf_counter()
            service._ledger = service.ledger.apply(change.after)
            t4 = time.perf_counter()
            service.locked_reason(year, month)  # the grid's refresh after a change, as EntryScreen.refresh
            service.rows(year, month)
            t5 = time.perf_counter()
            bare(2 * i + 1)
            t6 = time.perf_counter()
            service.revert(change)
            t7 = time.perf_counter()
            service.commit(change)  # redo, so the next edit starts from the edited month
            ms = {
                "bare": t1 - t0,
                "prepare": t2 - t1,
                "write": t3 - t2,
                "apply": t4 - t3,
                "edit": t4 - t1,
                "rows": t5 - t4,
                "undo": t7 - t6,
            }
            for part, seconds in ms.items():
                times[part].append(seconds * 1000)
            times["bare"].append((t6 - t5) * 1000)
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return len(ledger.records), times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=300)
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 20])
    parser.add_argument("--meters", type=int, default=50)
    args = parser.parse_args()
    print(load_line("开始"), flush=True)
    verdicts = []
    for years in args.years:
        n, times = run(years, args.meters, args.edits)
        b50, b95 = statistics.median(times["bare"]), pct(times["bare"], 95)
        print(f"\n{args.meters} 块表 × {years} 年（{n} 条月度记录），{len(times['edit'])} 次修改")
        print(f"  基线：单行 SQLite 提交（WAL，FULL） p50 {b50:.3f} ms，p95 {b95:.3f} ms")
        for part, name in NAMES.items():
            v50, v95 = statistics.median(times[part]), pct(times[part], 95)
            print(f"  {name}：p50 {v50:.3f} ms（{v50 / b50:.2f}×），p95 {v95:.3f} ms（{v95 / b95:.2f}×）")
        for part in ("edit", "undo"):
            v95 = pct(times[part], 95)
            holds = v95 <= 3 * b95 and v95 <= 10
            verdicts.append(holds)
            print(f"  目标 {NAMES[part]} p95 ≤ 3× 基线且 ≤ 10 ms：{'达成' if holds else '未达成'}")
    print(f"\n{sum(verdicts)} / {len(verdicts)} 项目标达成")
    print(load_line("结束"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
