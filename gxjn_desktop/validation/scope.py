"""What a check looks at: the period's meter-months that have ended, and their uses."""

from __future__ import annotations

from collections.abc import Iterator

from gxjn_desktop.domain.consumption import MonthUse, cached_month_use
from gxjn_desktop.domain.meters import Meter, month_end
from gxjn_desktop.domain.periods import month_key
from gxjn_desktop.validation.catalogue import RuleContext


def ended_months(ctx: RuleContext) -> list[int]:
    """Months of the period that are over (a month in progress cannot be missing yet)."""
    return [m for m in ctx.period.months if month_end(ctx.period.year, m) < ctx.today]


def meter_months(ctx: RuleContext, *, include_submeters: bool = True) -> Iterator[tuple[Meter, int]]:
    """Every (meter, month) of the period in which the meter is active."""

    def compute() -> list[tuple[Meter, int]]:
        year = ctx.period.year
        meters = ctx.ledger.meters if ctx.meter_code is None else (ctx.ledger.meter(ctx.meter_code),)
        return [(meter, m) for meter in meters for m in ctx.period.months if meter.active_in(year, m)]

    for meter, m in ctx.cached("meter_months", compute):  # every rule walks them; computed once a run
        if include_submeters or not meter.is_submeter:
            yield meter, m


def use_of(ctx: RuleContext, meter: Meter, year: int, month: int) -> MonthUse:
    """The meter's use in a month, computed once per ledger snapshot (and kept across edits of other months)."""
    return cached_month_use(ctx.ledger, meter, year, month)


def mkey(year: int, month: int) -> str:
    return month_key(year, month)
