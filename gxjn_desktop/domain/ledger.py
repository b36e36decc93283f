"""统计台账: everything one unit has recorded, as plain values, indexed for computing."""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from typing import Any, TypeVar, cast

from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.quotas import Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import (
    CanteenMonth,
    EwasteDisposal,
    Explanation,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
)
from gxjn_desktop.domain.units import Unit, YearProfile
from gxjn_desktop.domain.workplan import WorkTask

T = TypeVar("T")

RecordKey = tuple[str, int, int]  # (meter code, year, month)
QuotaKey = tuple[int, QuotaIndicator, QuotaLevel]  # one value per year, indicator and level
ExplanationKey = tuple[str, str]  # (rule id, location key): one explanation each


@dataclass(frozen=True)
class StoredState:
    """What is stored under the keys one change touches; ``None`` means absent.

    An undo step keeps two of these (before and after); writing one to the database and applying
    it to the in-memory snapshot with :meth:`Ledger.apply` must give the same ledger.
    """

    records: tuple[tuple[RecordKey, MonthlyRecord | None], ...] = ()
    replacements: tuple[tuple[RecordKey, tuple[MeterReplacement, ...]], ...] = ()
    canteen: tuple[tuple[tuple[int, int], CanteenMonth | None], ...] = ()
    garbage: tuple[tuple[tuple[int, int], GarbageMonth | None], ...] = ()
    meters: tuple[tuple[str, Meter | None], ...] = ()  # only imports and meter changes touch meters
    profiles: tuple[tuple[int, YearProfile | None], ...] = ()
    ewaste: tuple[tuple[EwasteDisposal, bool], ...] = ()  # (disposal, whether it is recorded)
    tasks: tuple[tuple[int, WorkTask | None], ...] = ()  # work-plan tasks by id
    quotas: tuple[tuple[QuotaKey, Quota | None], ...] = ()
    explanations: tuple[tuple[ExplanationKey, Explanation | None], ...] = ()
    unit: Unit | None = None  # the unit's own record when the change touches it (it is never absent)

    @property
    def is_empty(self) -> bool:
        return self == StoredState()


def _ewaste_key(e: EwasteDisposal) -> tuple[object, ...]:
    return (e.day, e.items, e.recipient, e.certificate_no)


def _in_month_order(records: Iterable[MonthlyRecord]) -> list[MonthlyRecord]:
    return sorted(records, key=lambda r: (r.year, r.month))


@dataclass
class _MeterMemo:
    """Results computed from one meter's definition, records and replacements.

    ``months`` holds results for a month that depend only on the meter's data up to that month
    (a month's use, statistics of the months before it); ``whole`` holds results over all its months.
    """

    months: dict[tuple[int, int], dict[Hashable, Any]] = field(default_factory=dict)
    whole: dict[Hashable, Any] = field(default_factory=dict)

    def kept_before(self, first: tuple[int, int]) -> _MeterMemo:
        """What stays valid when the meter's data changes from month ``first`` on."""
        # list() copies in one step: the review may be adding results in its own thread meanwhile.
        return _MeterMemo({ym: v for ym, v in list(self.months.items()) if ym < first})


class _Records:
    """The ``records`` field of :class:`Ledger`: the tuple given to the constructor or, after
    :meth:`Ledger.apply`, made from the per-meter index when first read (meter by meter, each in
    month order), so an edit does not copy a tuple as long as the unit's history."""

    def __get__(self, obj: Ledger | None, owner: type | None = None) -> tuple[MonthlyRecord, ...]:
        if obj is None:
            return ()  # the field's default
        value: tuple[MonthlyRecord, ...] | None = obj.__dict__.get("_records_tuple")
        if value is None:
            by_meter: dict[str, list[MonthlyRecord]] = obj.__dict__["_by_meter"]
            value = obj.__dict__["_records_tuple"] = tuple(chain.from_iterable(by_meter.values()))
        return value

    def __set__(self, obj: Ledger, value: Iterable[MonthlyRecord]) -> None:
        obj.__dict__["_records_tuple"] = tuple(value)


@dataclass(frozen=True)
class Ledger:
    """A snapshot of one unit's ledger. Built by storage, read by calculations and rules."""

    unit: Unit
    profiles: dict[int, YearProfile] = field(default_factory=dict)
    meters: tuple[Meter, ...] = ()
    records: _Records = _Records()
    replacements: tuple[MeterReplacement, ...] = ()
    canteen: tuple[CanteenMonth, ...] = ()
    garbage: tuple[GarbageMonth, ...] = ()
    ewaste: tuple[EwasteDisposal, ...] = ()
    explanations: tuple[Explanation, ...] = ()
    quotas: tuple[Quota, ...] = ()
    tasks: tuple[WorkTask, ...] = ()  # work-plan tasks, every year

    def __post_init__(self) -> None:
        # Indexes; the dataclass is frozen, so they are set once here. Records are indexed meter by
        # meter (a dict by month, and the list in month order with its keys for bisect), so that
        # :meth:`apply` copies only the edited meter's part.
        object.__setattr__(self, "_meters", {m.code: m for m in self.meters})
        by_meter: dict[str, list[MonthlyRecord]] = {}
        for r in _in_month_order(self.records):
            by_meter.setdefault(r.meter_code, []).append(r)
        month_keys = {c: [(r.year, r.month) for r in rs] for c, rs in by_meter.items()}
        object.__setattr__(self, "_by_meter", by_meter)
        object.__setattr__(self, "_month_keys", month_keys)
        object.__setattr__(
            self, "_records", {c: dict(zip(keys, by_meter[c], strict=True)) for c, keys in month_keys.items()}
        )
        object.__setattr__(self, "_record_years", dict(Counter(map(attrgetter("year"), self.records))))
        repl: dict[tuple[str, int, int], list[MeterReplacement]] = {}
        for rp in sorted(self.replacements, key=lambda x: x.day):
            repl.setdefault((rp.meter_code, rp.year, rp.month), []).append(rp)
        object.__setattr__(self, "_replacements", repl)
        object.__setattr__(self, "_memo", {})
        object.__setattr__(self, "_meter_memo", {})

    def apply(self, state: StoredState) -> Ledger:
        """The ledger with ``state`` written over it, as the database holds it after the write.

        Only the indexes of the meters and months the state touches are rebuilt, so an edit costs
        the same with one year of history as with twenty. Meter changes (rare) rebuild everything.
        This snapshot is left as it was (nothing of it is changed in place), and the caches a review
        in another thread may be filling meanwhile are copied in single steps, so the review need not
        finish first (``tests/validation/test_check_while_editing.py``).
        """
        if state.meters:
            return self._apply_meters(state)._apply_values(replace(state, meters=()))
        return self._apply_values(state)

    def _apply_meters(self, state: StoredState) -> Ledger:
        meters = self.meters
        for code, meter in state.meters:
            if any(m.code == code for m in meters):
                meters = tuple(m for m in (meter if m.code == code else m for m in meters) if m is not None)
            elif meter is not None:
                meters = (*meters, meter)
        return replace(self, meters=meters)

    def _apply_values(self, state: StoredState) -> Ledger:
        new = copy.copy(self)  # shares the untouched indexes; frozen, so nothing else can change them
        sets: dict[str, object] = {}
        if state.records:
            sets.update(self._applied_records(state.records))
        # A meter's cached results stay valid before the first month the state touches for it.
        first: dict[str, tuple[int, int]] = {}
        for (code, year, month), _ in (*state.records, *state.replacements):
            first[code] = min(first.get(code, (year, month)), (year, month))
        if first:
            meter_memo: dict[str, _MeterMemo] = dict(self._meter_memo)  # type: ignore[attr-defined]
            for code, ym in first.items():
                if code in meter_memo:
                    meter_memo[code] = meter_memo[code].kept_before(ym)
            sets["_meter_memo"] = meter_memo
        if state.replacements:
            index: dict[RecordKey, list[MeterReplacement]] = dict(self._replacements)  # type: ignore[attr-defined]
            keys = {k for k, _ in state.replacements}
            for key, rps in state.replacements:
                if rps:
                    index[key] = sorted(rps, key=lambda x: x.day)
                else:
                    index.pop(key, None)
            kept_rps = tuple(r for r in self.replacements if (r.meter_code, r.year, r.month) not in keys)
            sets.update(
                replacements=kept_rps + tuple(rp for _, rps in state.replacements for rp in rps), _replacements=index
            )
        if state.canteen:
            canteen = self.canteen
            for ym, c in state.canteen:
                canteen = tuple(x for x in canteen if (x.year, x.month) != ym) + ((c,) if c and not c.is_empty else ())
            sets["canteen"] = canteen
        if state.garbage:
            garbage = self.garbage
            for ym, g in state.garbage:
                garbage = tuple(x for x in garbage if (x.year, x.month) != ym) + ((g,) if g and not g.is_empty else ())
            sets["garbage"] = garbage
        if state.profiles:
            profiles = dict(self.profiles)
            for year, profile in state.profiles:
                if profile is None:
                    profiles.pop(year, None)
                else:
                    profiles[year] = profile
            sets["profiles"] = profiles
        if state.tasks:
            ids = {i for i, _ in state.tasks}
            sets["tasks"] = tuple(t for t in self.tasks if t.task_id not in ids) + tuple(
                t for _, t in state.tasks if t is not None
            )
        if state.ewaste:
            # A deletion removes every disposal of the same day, count, recipient and certificate, as SQL does.
            gone = {_ewaste_key(e) for e, present in state.ewaste if not present}
            sets["ewaste"] = tuple(e for e in self.ewaste if _ewaste_key(e) not in gone) + tuple(
                e for e, present in state.ewaste if present and e not in self.ewaste
            )
        if state.quotas:
            quota_keys = {k for k, _ in state.quotas}
            sets["quotas"] = tuple(q for q in self.quotas if (q.year, q.indicator, q.level) not in quota_keys) + tuple(
                q for _, q in state.quotas if q is not None
            )
        if state.explanations:
            explained = {k for k, _ in state.explanations}
            sets["explanations"] = tuple(
                e for e in self.explanations if (e.rule_id, e.location_key) not in explained
            ) + tuple(e for _, e in state.explanations if e is not None)
        if state.unit is not None:
            sets["unit"] = state.unit
        sets["_memo"] = {}
        for name, value in sets.items():
            object.__setattr__(new, name, value)
        return new

    def _applied_records(self, records: Iterable[tuple[RecordKey, MonthlyRecord | None]]) -> dict[str, object]:
        """The record indexes with ``records`` written over them: the outer dicts are copied (one
        entry per meter or year), and of the per-meter parts only those of the edited meters."""
        by_meter: dict[str, list[MonthlyRecord]] = dict(self._by_meter)  # type: ignore[attr-defined]
        month_keys: dict[str, list[tuple[int, int]]] = dict(self._month_keys)  # type: ignore[attr-defined]
        by_month: dict[str, dict[tuple[int, int], MonthlyRecord]] = dict(self._records)  # type: ignore[attr-defined]
        years: dict[int, int] = dict(self._record_years)  # type: ignore[attr-defined]
        copied: set[str] = set()
        for (code, year, month), rec in records:
            if code not in copied:
                copied.add(code)
                by_meter[code] = list(by_meter.get(code, ()))
                month_keys[code] = list(month_keys.get(code, ()))
                by_month[code] = dict(by_month.get(code, {}))
            ym = (year, month)
            keys, recs, months = month_keys[code], by_meter[code], by_month[code]
            i = bisect_left(keys, ym)
            present = i < len(keys) and keys[i] == ym
            if rec is None:
                if present:
                    del keys[i], recs[i], months[ym]
                    years[year] -= 1
                    if not years[year]:
                        del years[year]
            elif present:
                recs[i] = months[ym] = rec
            else:
                keys.insert(i, ym)
                recs.insert(i, rec)
                months[ym] = rec
                years[year] = years.get(year, 0) + 1
        for code in copied:
            if not month_keys[code]:
                del by_meter[code], month_keys[code], by_month[code]
        return {
            "_records_tuple": None,
            "_records": by_month,
            "_by_meter": by_meter,
            "_month_keys": month_keys,
            "_record_years": years,
        }

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per snapshot (a month's use is asked for by many periods and rules)."""
        memo: dict[Hashable, Any] = self._memo  # type: ignore[attr-defined]
        if key not in memo:
            memo[key] = compute()
        return cast(T, memo[key])

    def meter_month_cached(self, code: str, year: int, month: int, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once while meter ``code``'s data up to (year, month) is unchanged.

        For results that depend only on the meter's definition, records and replacements of
        months up to and including (year, month). Kept by :meth:`apply` for meters and months it
        does not touch, so re-checking after an edit recomputes only the edited meter from the
        edited month on. A change of meters rebuilds the ledger and so forgets everything.
        """
        memo: dict[str, _MeterMemo] = self._meter_memo  # type: ignore[attr-defined]
        entry = memo.get(code)
        if entry is None:
            entry = memo[code] = _MeterMemo()
        results = entry.months.setdefault((year, month), {})
        if key not in results:
            results[key] = compute()
        return cast(T, results[key])

    def meter_cached(self, code: str, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once while meter ``code``'s definition, records and replacements are unchanged."""
        memo: dict[str, _MeterMemo] = self._meter_memo  # type: ignore[attr-defined]
        entry = memo.get(code)
        if entry is None:
            entry = memo[code] = _MeterMemo()
        if key not in entry.whole:
            entry.whole[key] = compute()
        return cast(T, entry.whole[key])

    def meter(self, code: str) -> Meter:
        return self._meters[code]  # type: ignore[attr-defined,no-any-return]

    def record(self, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
        months: dict[tuple[int, int], MonthlyRecord] | None = self._records.get(meter_code)  # type: ignore[attr-defined]
        return None if months is None else months.get((year, month))

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
        ys = set(self._record_years) | {c.year for c in self.canteen} | {g.year for g in self.garbage}  # type: ignore[attr-defined]
        return sorted(ys)

    def tasks_of(self, year: int) -> list[WorkTask]:
        return [t for t in self.tasks if t.year == year]

    def canteen_month(self, year: int, month: int) -> CanteenMonth | None:
        index = self.cached("canteen_by_month", lambda: {(c.year, c.month): c for c in reversed(self.canteen)})
        return index.get((year, month))

    def garbage_month(self, year: int, month: int) -> GarbageMonth | None:
        index = self.cached("garbage_by_month", lambda: {(g.year, g.month): g for g in reversed(self.garbage)})
        return index.get((year, month))
