"""Changing a registered meter (停用, 倍率变更, names) with the importer's rules, as one undo step.

A retirement date before months that still hold records would drop those months out of every
total and check without a word, so it is refused, naming the months. The window and the workbook
importer ask the same functions here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter, MultiplierChange
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.records import MeterReplacement, ReplacementReason
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.meter_rules import multiplier_problem, retirement_problem
from gxjn_desktop.services.operations import Operation, Origin, Screen


def _change(
    service: EntryService,
    new: Meter,
    label: str,
    day: date,
    month_replacements: tuple[MeterReplacement, ...] | None = None,
) -> Operation:
    """The stored meter (and, for a mid-month change, the month's replacements) before and after."""
    ledger = service.ledger
    old = next((m for m in ledger.meters if m.code == new.code), None)
    key = (new.code, day.year, day.month)
    before = StoredState(
        meters=((new.code, old),),
        replacements=((key, tuple(ledger.replacements_in(*key))),) if month_replacements is not None else (),
    )
    after = StoredState(
        meters=((new.code, new),),
        replacements=((key, month_replacements),) if month_replacements is not None else (),
    )
    return Operation(label, before, after, Origin(Screen.METERS, day.year, day.month, new.code))


def retire(service: EntryService, code: str, active_to: date) -> Operation:
    """Retiring a meter as one undo step; refused (naming the months) when records follow the date."""
    meter = _meter(service.ledger, code)
    problem = retirement_problem(service.ledger, meter, active_to)
    if problem:
        raise UserError(problem, "请把停用日期改为最后一个有记录的月份之后，或先删除这些月份的记录")
    return _change(service, replace(meter, active_to=active_to), f"停用 {code}（{active_to.isoformat()}）", active_to)


def change_multiplier(
    service: EntryService, code: str, day: date, value: Decimal, reading: Decimal | None = None
) -> Operation:
    """A new 倍率 from ``day`` as one undo step. Within a month the day's reading closes the old
    segment and opens the new one (a replacement of reason 倍率变更), saved together."""
    meter = _meter(service.ledger, code)
    problem = multiplier_problem(meter, day, value, reading)
    if problem:
        raise UserError(problem, "请修改后再保存")
    locked = sorted(k for k in service.store.locked_months() if k >= (day.year, day.month))
    if locked:  # a new 倍率 changes the use of every month from that day on
        reason = service.locked_reason(*locked[0])
        raise UserError(f"{day.isoformat()} 起的倍率变更会改变已上报月份的用量：{reason}", "请先重新打开该期间再修改")
    changes = (*(c for c in meter.multipliers if c.effective_from != day), MultiplierChange(day, value))
    changed = replace(meter, multipliers=changes)
    label = f"{code} 倍率自 {day.isoformat()} 起为 {plain(value)}"
    if reading is None:
        return _change(service, changed, label, day)
    segment = MeterReplacement(code, day, reading, reading, ReplacementReason.MULTIPLIER, note="倍率变更")
    others = tuple(rp for rp in service.ledger.replacements_in(code, day.year, day.month) if rp.day != day)
    return _change(service, changed, f"{label}（当天示数 {plain(reading)}）", day, (*others, segment))


def _meter(ledger: Ledger, code: str) -> Meter:
    meter = next((m for m in ledger.meters if m.code == code), None)
    if meter is None:
        raise UserError(f"没有编号为 {code} 的计量器具", "请刷新后重试")
    return meter
