"""A synthetic unit ledger of any size, for benchmarks (not a test fixture: no assertions).

The figures are plausible, as a real unit's are: each meter keeps its own level (±15 % noise month
to month) and is paid near the reference price, so the review finds a few things to say, not a
finding on every meter-month (which would time the building of findings, not the checks).
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.records import MonthlyRecord, Source
from gxjn_desktop.domain.units import InstitutionType, Unit, YearProfile

CARRIERS = (Carrier.ELECTRICITY, Carrier.WATER, Carrier.NATURAL_GAS, Carrier.GASOLINE, Carrier.DIESEL)
# Typical monthly use and unit price (元) of one meter of each carrier.
LEVELS = {
    Carrier.ELECTRICITY: (30000, "0.70"),
    Carrier.WATER: (300, "5.0"),
    Carrier.NATURAL_GAS: (800, "4.2"),
    Carrier.GASOLINE: (500, "7.8"),
    Carrier.DIESEL: (150, "7.4"),
}


def synthetic_ledger(years: int = 10, meters: int = 50, first_year: int = 2016, seed: int = 1) -> Ledger:
    rng = random.Random(seed)
    unit = Unit("基准测试单位", "91350100M000100Y43", "450103", InstitutionType.ORGAN)
    ms = []
    for i in range(meters):
        carrier = CARRIERS[i % len(CARRIERS)]
        kind = MeterKind.QUANTITY if carrier in (Carrier.GASOLINE, Carrier.DIESEL) else MeterKind.REGISTER
        use = UseTag.VEHICLE if kind is MeterKind.QUANTITY else UseTag.BUILDING
        ms.append(
            Meter(
                f"M{i:03d}",
                f"表 {i}",
                carrier,
                kind,
                use,
                register_digits=8,
                initial_reading=Decimal(0) if kind is MeterKind.REGISTER else None,
                active_from=date(first_year, 1, 1),
                multipliers=(MultiplierChange(date(first_year, 1, 1), Decimal(30 if i % 7 == 0 else 1)),),
            )
        )
    records = []
    for m in ms:
        value = Decimal(0)
        mean, price = LEVELS[m.carrier]
        multiplier = m.multiplier_on(date(first_year, 1, 1)) if m.kind is MeterKind.REGISTER else Decimal(1)
        mean = int(mean / multiplier)  # the register advances by use ÷ 倍率
        for y in range(first_year, first_year + years):
            for month in range(1, 13):
                step = Decimal(f"{mean * rng.uniform(0.85, 1.15):.2f}")
                cost = int(step * multiplier * Decimal(price) * 100)
                if m.kind is MeterKind.REGISTER:
                    value += step
                    records.append(MonthlyRecord(m.code, y, month, reading=value, cost_fen=cost, source=Source.BILL))
                else:
                    records.append(MonthlyRecord(m.code, y, month, quantity=step, cost_fen=cost, source=Source.INVOICE))
    profiles = {y: YearProfile(y, 500, Decimal(30000)) for y in range(first_year, first_year + years)}
    return Ledger(unit, profiles, tuple(ms), tuple(records))
