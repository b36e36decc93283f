"""The region's work-plan progress over many units' packets: how long it takes, and what it looks like.

Run: ``.venv/bin/python bench/bench_progress.py [UNITS] [--xlsx OUT.xlsx]`` (default 300 units;
``--xlsx`` also writes the 工作安排进度 sheet as the bureau's 汇总 workbook has it). Each unit is the demo
ledger as another unit (its 行政层级, 机构类型, 党政机关 and work-plan tasks drawn with a fixed
seed), and its data.json is made by the program (``build_packet_data``), as an export would. Times
are the best of three runs (``time.perf_counter``) and are given beside a baseline measured in the
same run: making one unit's data.json. Goal: progress over 1 000 units well under one second.
The progress view itself is printed as ``gxjn-cli bureau progress`` prints it.
"""

from __future__ import annotations

import json
import random
import sys
import time
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from gxjn_desktop.cli.cmd_progress import print_text
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.regions import guangxi_regions
from gxjn_desktop.domain.units import USCC_ALPHABET, AdminLevel, InstitutionType, uscc_check_character
from gxjn_desktop.domain.workplan import EmcType, RetrofitMeasure, TaskKind, TaskStatus, WorkTask
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.packet.data import build_packet_data
from gxjn_desktop.services.workplan.plans import plan_for
from gxjn_desktop.services.workplan.progress import compute_progress

TODAY = date(2026, 11, 24)
YEAR = 2025
CODES = sorted(guangxi_regions().names)
CITIES = [c for c in CODES if c.endswith("00") and c != "450000"]
S, K = TaskStatus, TaskKind


def _uscc(n: int) -> str:
    body = "12450000MB" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(7))
    return body + uscc_check_character(body)


def _tasks(rng: random.Random, organ: bool) -> tuple[WorkTask, ...]:
    t: list[WorkTask] = []
    if rng.random() < 0.35:
        t.append(WorkTask(K.RETROFIT, YEAR, quantity=Decimal(rng.randrange(800, 12000, 50)),
                          status=rng.choice((S.COMPLETED, S.COMPLETED, S.IN_PROGRESS)), name="既有建筑节能改造",
                          measures=(rng.choice(list(RetrofitMeasure)),)))  # fmt: skip
    if rng.random() < 0.12:
        t.append(WorkTask(K.PV, YEAR, quantity=Decimal(rng.randrange(20, 400, 10)),
                          status=rng.choice((S.COMPLETED, S.IN_PROGRESS)), name="屋顶光伏", meter_code="P1"))  # fmt: skip
    if rng.random() < 0.06:
        t.append(WorkTask(K.EMC, YEAR, status=S.IN_PROGRESS, name="合同能源管理", emc_type=rng.choice(list(EmcType))))
    if rng.random() < 0.8:
        t.append(WorkTask(K.WATER_SAVING, YEAR, status=rng.choice((S.BUILT, S.REVIEWED, S.CREATING))))
    if organ and rng.random() < 0.9:
        t.append(WorkTask(K.SAVING_ORG, YEAR, status=rng.choice((S.BUILT, S.BUILT, S.REVIEWED, S.CREATING))))
    return tuple(t)


def units(n: int, demo: Ledger) -> list[Ledger]:
    rng = random.Random(2023)
    out = []
    for i in range(n):
        level = rng.choices(list(AdminLevel), (15, 35, 50))[0]
        itype = rng.choices(list(InstitutionType), (45, 20, 3, 5, 15, 2, 5, 5))[0]
        organ = itype is InstitutionType.ORGAN
        city = rng.choice(CITIES) if level is not AdminLevel.REGIONAL else "450100"  # 区直: in 南宁
        counties = [c for c in CODES if c[:4] == city[:4] and c != city]
        code = rng.choice(counties) if level is not AdminLevel.CITY or not counties else city
        unit = replace(demo.unit, name=f"示例单位{i + 1:04d}", uscc=_uscc(i + 1), admin_code=code,
                       institution_type=itype, admin_level=level, party_government_organ=organ and rng.random() < 0.8)  # fmt: skip
        ewaste = demo.ewaste if rng.random() < 0.5 else ()
        out.append(replace(demo, unit=unit, tasks=_tasks(rng, organ), ewaste=ewaste))
    return out


def best_of(fn: Any, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    args = sys.argv[1:]
    out = args[args.index("--xlsx") + 1] if "--xlsx" in args else None
    numbers = [a for a in args if a.isdigit()]
    n = int(numbers[0]) if numbers else 300
    ledgers = units(n, build_demo_ledger(TODAY))
    period = Period.parse(YEAR)
    one = best_of(lambda: build_packet_data(ledgers[0], period, revision=1, today=TODAY))
    start = time.perf_counter()
    packets = [json.loads(json.dumps(build_packet_data(x, period, revision=1, today=TODAY))) for x in ledgers]
    made = time.perf_counter() - start
    choice = plan_for(YEAR)
    progress_s = best_of(lambda: compute_progress(packets, choice, YEAR))
    progress = compute_progress(packets, choice, YEAR)
    print_text(progress)
    if out:
        from openpyxl import Workbook

        from gxjn_desktop.services.workplan.progress_sheet import write_progress_sheet

        wb = Workbook()
        wb.remove(wb.active)
        write_progress_sheet(wb, progress)
        wb.save(out)
    print()
    print(f"units: {n}")
    print(f"baseline  one unit's data.json:      {one * 1000:8.1f} ms")
    print(f"          all units' data.json:      {made:8.2f} s")
    print(f"progress  over all units:            {progress_s * 1000:8.1f} ms  ({progress_s / one:.2f} × baseline)")
    print(f"          per 1 000 units (linear):  {progress_s / n * 1000 * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
