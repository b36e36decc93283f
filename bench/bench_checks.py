"""How long the review takes: a full re-check of 10 years × 50 meters, and one unit-year after an edit.

Run: ``.venv/bin/python bench/bench_checks.py``. Times are the best of several runs (wall clock,
``time.perf_counter``) and are also given as a ratio to a baseline measured in the same run on the
same ledger (computing the indicators once), so figures from different machines compare.
Goal: re-checking one typical unit-year (the demo's 2025) after one edit takes at most 50 ms.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.indicators import indicator_report
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.records import CanteenMonth, GarbageCategory, GarbageMonth, MonthlyRecord, Source
from gxjn_desktop.domain.units import InstitutionType, Signatories, Unit, YearProfile
from gxjn_desktop.services.checks import load_rules_config
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.validation.runner import run_checks

TODAY = date(2026, 11, 24)
FIRST_YEAR, YEARS, METERS = 2016, 10, 50
GOAL_MS = 50.0

_CARRIERS = (
    (Carrier.ELECTRICITY, MeterKind.REGISTER, 30000, "0.70"),
    (Carrier.WATER, MeterKind.REGISTER, 300, "4.0"),
    (Carrier.NATURAL_GAS, MeterKind.REGISTER, 800, "4.1"),
    (Carrier.GASOLINE, MeterKind.QUANTITY, 500, "7.8"),
    (Carrier.DIESEL, MeterKind.QUANTITY, 150, "7.4"),
)


def synthetic_ledger() -> Ledger:
    """50 meters × 120 months of plausible data with noise, canteen and garbage every month."""
    rng = random.Random(7)
    unit = Unit("基准测试单位", "12450123MB1965432W", "450123", InstitutionType.ORGAN)
    meters: list[Meter] = []
    records: list[MonthlyRecord] = []
    for i in range(METERS):
        carrier, kind, mean, price = _CARRIERS[i % len(_CARRIERS)]
        code = f"M{i:02d}"
        use = UseTag.VEHICLE if kind is MeterKind.QUANTITY else UseTag.BUILDING
        meters.append(
            Meter(code, f"表{code}", carrier, kind, use, register_digits=8, initial_reading=Decimal(1000),
                  active_from=date(FIRST_YEAR, 1, 1))
        )  # fmt: skip
        reading = Decimal(1000)
        for y in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            for m in range(1, 13):
                q = Decimal(f"{mean * rng.uniform(0.8, 1.2):.1f}")
                cost = int(q * Decimal(price) * 100)
                if kind is MeterKind.REGISTER:
                    reading += q
                    records.append(MonthlyRecord(code, y, m, reading=reading, cost_fen=cost, source=Source.BILL))
                else:
                    records.append(MonthlyRecord(code, y, m, quantity=q, cost_fen=cost, source=Source.INVOICE))
    years = range(FIRST_YEAR, FIRST_YEAR + YEARS)
    signed = Signatories("甲", "乙", "丙", None)
    profiles = {y: YearProfile(y, 200, Decimal(10000), signatories=signed) for y in years}
    canteen = [CanteenMonth(y, m, Decimal(600), 5000) for y in years for m in range(1, 13)]
    kg = {c: Decimal(100) for c in GarbageCategory}
    garbage = [GarbageMonth(y, m, kg, {}, Decimal(400)) for y in years for m in range(1, 13)]
    return Ledger(unit, profiles, tuple(meters), tuple(records), (), tuple(canteen), tuple(garbage))


def best_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def edited(ledger: Ledger) -> Ledger:
    """The ledger after one edit: one June reading of the first meter raised by 1 (indexes rebuilt)."""
    first = ledger.meters[0].code
    records = tuple(
        replace(r, reading=r.reading + 1) if (r.meter_code, r.year, r.month) == (first, 2025, 6) and r.reading else r
        for r in ledger.records
    )
    return replace(ledger, records=records)


def main() -> None:
    reference = load_reference()
    config = load_rules_config()

    big = synthetic_ledger()
    periods = [Period.parse(y) for y in range(FIRST_YEAR, FIRST_YEAR + YEARS)]
    full_ms = best_ms(lambda: [run_checks(big, reference, config, p, TODAY) for p in periods], 3)
    full_base_ms = best_ms(lambda: [indicator_report(big, reference, p) for p in periods], 3)
    findings = sum(len(run_checks(big, reference, config, p, TODAY)) for p in periods)

    demo = build_demo_ledger(TODAY)
    year = Period.parse(2025)
    one_ms = best_ms(lambda: run_checks(edited(demo), reference, config, year, TODAY), 20)
    one_base_ms = best_ms(lambda: indicator_report(edited(demo), reference, year), 20)

    print(f"full re-check, {YEARS} years × {METERS} meters ({len(big.records)} records, {findings} findings):")
    print(f"  {full_ms:8.1f} ms   baseline (indicators for the same years) {full_base_ms:.1f} ms"
          f"   ratio {full_ms / full_base_ms:.1f}×")  # fmt: skip
    print("one unit-year re-check after one edit (demo 2025):")
    print(f"  {one_ms:8.1f} ms   baseline (indicators once) {one_base_ms:.1f} ms   ratio {one_ms / one_base_ms:.1f}×")
    verdict = "met" if one_ms <= GOAL_MS else "NOT met"
    print(f"goal ≤ {GOAL_MS:.0f} ms per unit-year: {verdict}")


if __name__ == "__main__":
    main()
