"""统计台账: everything one unit has recorded, as plain values, indexed for computing."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.quotas import Quota
from gxjn_desktop.domain.records import (
    CanteenMonth,
    EwasteDisposal,
    Explanation,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
)
from gxjn_desktop.domain.units import Unit, YearProfile


@dataclass(frozen=True)
class Ledger:
    """A snapshot of one unit's ledger. Built by storage, read by calculations and rules."""

    unit: Unit
    profiles: dict[int, YearProfile] = field(default_factory=dict)
    meters: tuple[Meter, ...] = ()
    records: tuple[MonthlyRecord, ...] = ()
    replacements: tuple[MeterReplacement, ...] = ()
    canteen: tuple[CanteenMonth, ...] = ()
    garbage: tuple[GarbageMonth, ...] = ()
    ewaste: tuple[EwasteDisposal, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    quotas: tuple[Quota, ...] = ()

    def __post_init__(self) -> None:
        # Indexes; the dataclass is frozen, so they are set once here.
        object.__setattr__(self, "_meters", {m.code: m for m in self.meters})
        object.__setattr__(self, "_records", {(r.meter_code, r.year, r.month): r for r in self.records})
        by_meter: dict[str, list[MonthlyRecord]] = {}
        for r in sorted(self.records, key=lambda r: (r.year, r.month)):
            by_meter.setdefault(r.meter_code, []).append(r)
        object.__setattr__(self, "_by_meter", by_meter)
        object.__setattr__(self, "_month_keys", {c: [(r.year, r.month) for r in rs] for c, rs in by_meter.items()})
        repl: dict[tuple[str, int, int], list[MeterReplacement]] = {}
        for rp in sorted(self.replacements, key=lambda x: x.day):
            repl.setdefault((rp.meter_code, rp.year, rp.month), []).append(rp)
        object.__setattr__(self, "_replacements", repl)

    def meter(self, code: str) -> Meter:
        return self._meters[code]  # type: ignore[attr-defined,no-any-return]

    def record(self, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
        return self._records.get((meter_code, year, month))  # type: ignore[attr-defined,no-any-return]

    def records_of(self, meter_code: str) -> list[MonthlyRecord]:
        """The meter's records in month order."""
        return list(self._by_meter.get(meter_code, []))  # type: ignore[attr-defined]

    def replacements_in(self, meter_code: str, year: int, month: int) -> list[MeterReplacement]:
        return list(self._replacements.get((meter_code, year, month), []))  # type: ignore[attr-defined]

    def previous_record(self, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
        """The latest record of the meter before the given month."""
        keys: list[tuple[int, int]] = self._month_keys.get(meter_code, [])  # type: ignore[attr-defined]
        i = bisect_left(keys, (year, month))
        return self._by_meter[meter_code][i - 1] if i else None  # type: ignore[attr-defined]

    def previous_reading_record(self, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
        """The latest earlier record that holds a register reading (a cost-only record has none)."""
        keys: list[tuple[int, int]] = self._month_keys.get(meter_code, [])  # type: ignore[attr-defined]
        records: list[MonthlyRecord] = self._by_meter.get(meter_code, [])  # type: ignore[attr-defined]
        for i in range(bisect_left(keys, (year, month)) - 1, -1, -1):
            if records[i].reading is not None:
                return records[i]
        return None

    def years(self) -> list[int]:
        """Years for which anything was recorded."""
        ys = {r.year for r in self.records} | {c.year for c in self.canteen} | {g.year for g in self.garbage}
        return sorted(ys)

    def canteen_month(self, year: int, month: int) -> CanteenMonth | None:
        return next((c for c in self.canteen if (c.year, c.month) == (year, month)), None)

    def garbage_month(self, year: int, month: int) -> GarbageMonth | None:
        return next((g for g in self.garbage if (g.year, g.month) == (year, month)), None)
