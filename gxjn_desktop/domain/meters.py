"""Meters and accounts (计量器具 / 户号), with their multiplier history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.labelled import LabelledEnum


class MeterKind(LabelledEnum):
    """How a month's use is obtained: from register readings or as a direct quantity."""

    REGISTER = "register", "示数表"  # 抄表: use = (本期示数 − 上期示数) × 倍率
    QUANTITY = "quantity", "直接填量"  # fuel cards, bills without readings: the quantity itself


@dataclass(frozen=True)
class MultiplierChange:
    """A 倍率 (CT × PT ratio) in force from ``effective_from`` on."""

    effective_from: date
    multiplier: Decimal


@dataclass(frozen=True)
class Meter:
    """One meter or account. ``code`` (e.g. ``E1``) is the unit's own short name for it."""

    code: str
    name: str
    carrier: Carrier
    kind: MeterKind = MeterKind.REGISTER
    use: UseTag = UseTag.BUILDING
    account_no: str = ""  # 户号 / 缴费账户编号
    meter_no: str = ""  # 表号
    register_digits: int | None = None  # integer digits of the register → 满码值 10**digits
    initial_reading: Decimal | None = None  # the reading when the meter entered the ledger
    active_from: date = date(2000, 1, 1)
    active_to: date | None = None
    multipliers: tuple[MultiplierChange, ...] = field(
        default_factory=lambda: (MultiplierChange(date(2000, 1, 1), Decimal(1)),)
    )
    has_heat_meter: bool = False  # 热力 only counts when metered (统计制度)
    # A sub-meter (e.g. the data centre behind the main account) measures energy already counted
    # by its parent: it is reported (基3表) and checked against the parent, never added to totals.
    parent_code: str | None = None

    @property
    def is_submeter(self) -> bool:
        return self.parent_code is not None

    @property
    def unit(self) -> str:
        return self.carrier.unit

    @property
    def register_max(self) -> Decimal | None:
        """满码值: the reading after which the register rolls over to zero."""
        return None if self.register_digits is None else Decimal(10) ** self.register_digits

    def multiplier_on(self, day: date) -> Decimal:
        """The 倍率 in force on ``day`` (the latest change not after it)."""
        current = self.multipliers[0].multiplier if self.multipliers else Decimal(1)
        for change in sorted(self.multipliers, key=lambda c: c.effective_from):
            if change.effective_from <= day:
                current = change.multiplier
        return current

    def active_in(self, year: int, month: int) -> bool:
        """Whether the meter is in use on some day of the month (compared by month: asked very often)."""
        start, end = self.active_from, self.active_to
        return (start.year, start.month) <= (year, month) and (end is None or (end.year, end.month) >= (year, month))


@lru_cache(maxsize=4096)  # asked for every meter-month by the checks; dates are immutable
def _month_end(year: int, month: int) -> date:
    nxt = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    return _month_end(year, month)
