"""A meter's use in a month from its readings: multiplier, rollover and replacement segments.

Use = (本期示数 − 上期示数) × 倍率 (domain.md §6.1). A replacement splits the month into the
old meter's segment and the new one's (§6.3); a confirmed rollover adds the register's 满码值
(§6.2). A decrease is never turned into a rollover silently: without confirmation the month's use
is unknown and the reason says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from enum import Enum

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, month_end


class UseProblem(Enum):
    NO_RECORD = "no_record"
    NO_VALUE = "no_value"  # a record without reading / quantity
    NO_PREVIOUS = "no_previous"  # first reading with no initial reading: nothing to subtract
    DECREASE = "decrease"  # register went down, not confirmed as rollover or replacement
    ROLLOVER_NO_DIGITS = "rollover_no_digits"
    ROLLOVER_IMPLAUSIBLE = "rollover_implausible"  # implies more than half a register
    NEGATIVE = "negative"


@dataclass(frozen=True)
class Segment:
    """A stretch of one register with one multiplier."""

    start: Decimal
    end: Decimal
    multiplier: Decimal
    rollover: bool = False

    def use(self, register_max: Decimal | None) -> Decimal:
        advance = self.end - self.start
        if self.rollover and register_max is not None:
            advance += register_max
        return advance * self.multiplier


@dataclass(frozen=True)
class MonthUse:
    """The result for one meter and month. ``quantity`` is ``None`` exactly when ``problem`` is set."""

    meter_code: str
    year: int
    month: int
    quantity: Decimal | None
    previous_reading: Decimal | None = None
    segments: tuple[Segment, ...] = ()
    problem: UseProblem | None = None


def register_segment_use(
    start: Decimal, end: Decimal, multiplier: Decimal, register_max: Decimal | None, rollover_confirmed: bool
) -> tuple[Segment | None, UseProblem | None]:
    """One register stretch; a decrease becomes a rollover only when confirmed and plausible."""
    if end >= start:
        return Segment(start, end, multiplier), None
    if not rollover_confirmed:
        return None, UseProblem.DECREASE
    if register_max is None:
        return None, UseProblem.ROLLOVER_NO_DIGITS
    if register_max - start + end > register_max / 2:
        return None, UseProblem.ROLLOVER_IMPLAUSIBLE
    return Segment(start, end, multiplier, rollover=True), None


def previous_reading(ledger: Ledger, meter: Meter, year: int, month: int) -> Decimal | None:
    """上期示数: the latest earlier reading (months with only a cost are skipped), or the initial reading."""
    prev = ledger.previous_reading_record(meter.code, year, month)
    return prev.reading if prev is not None else meter.initial_reading


def cached_month_use(ledger: Ledger, meter: Meter, year: int, month: int) -> MonthUse:
    """:func:`month_use`, computed once per meter-month and kept across edits of other months."""
    return ledger.meter_month_cached(meter.code, year, month, "use", lambda: month_use(ledger, meter, year, month))


def month_use(ledger: Ledger, meter: Meter, year: int, month: int) -> MonthUse:
    rec = ledger.record(meter.code, year, month)
    if rec is None:
        return MonthUse(meter.code, year, month, None, problem=UseProblem.NO_RECORD)
    if meter.kind is MeterKind.QUANTITY:
        if rec.quantity is None:
            return MonthUse(meter.code, year, month, None, problem=UseProblem.NO_VALUE)
        if rec.quantity < 0:
            return MonthUse(meter.code, year, month, None, problem=UseProblem.NEGATIVE)
        return MonthUse(meter.code, year, month, rec.quantity)
    if rec.reading is None:
        return MonthUse(meter.code, year, month, None, problem=UseProblem.NO_VALUE)
    start = previous_reading(ledger, meter, year, month)
    if start is None:
        return MonthUse(meter.code, year, month, None, problem=UseProblem.NO_PREVIOUS)
    segments: list[Segment] = []
    cursor = start
    for rp in ledger.replacements_in(meter.code, year, month):
        old_mult = meter.multiplier_on(rp.day - timedelta(days=1))
        seg, problem = register_segment_use(cursor, rp.old_final_reading, old_mult, meter.register_max, False)
        if seg is None:
            return MonthUse(meter.code, year, month, None, start, tuple(segments), problem)
        segments.append(seg)
        cursor = rp.new_initial_reading
    seg, problem = register_segment_use(
        cursor, rec.reading, meter.multiplier_on(month_end(year, month)), meter.register_max, rec.rollover_confirmed
    )
    if seg is None:
        return MonthUse(meter.code, year, month, None, start, tuple(segments), problem)
    segments.append(seg)
    total = sum((s.use(meter.register_max) for s in segments), Decimal(0))
    return MonthUse(meter.code, year, month, total, start, tuple(segments))
