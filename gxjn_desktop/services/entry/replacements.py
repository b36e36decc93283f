"""A replacement (换表) given as the answer to a lower reading: built from the dialog and checked."""

from __future__ import annotations

from datetime import date

from gxjn_desktop.domain.numbers import (
    parse_decimal,
    plain,
)
from gxjn_desktop.domain.records import (
    MeterReplacement,
    ReplacementReason,
)
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.entry.edits import DecreaseQuestion


def replacement_problem(q: DecreaseQuestion, rp: MeterReplacement) -> str | None:
    """Why a replacement answer cannot be right; ``None`` when it fits the month."""
    if (rp.day.year, rp.day.month) != (q.year, q.month):
        return f"换表日期 {rp.day:%Y-%m-%d} 不在 {q.year}年{q.month}月内"
    if rp.old_final_reading < q.previous:
        return f"旧表最终示数 {plain(rp.old_final_reading)} 小于上期示数 {plain(q.previous)}"
    if rp.new_initial_reading < 0 or rp.old_final_reading < 0:
        return "换表示数不能为负数"
    if q.reading < rp.new_initial_reading:
        return f"本期示数 {plain(q.reading)} 小于新表起始示数 {plain(rp.new_initial_reading)}"
    return None


def make_replacement(
    q: DecreaseQuestion,
    day: date,
    old_final_text: str,
    new_initial_text: str,
    reason: ReplacementReason = ReplacementReason.FAULT,
    old_meter_no: str = "",
    new_meter_no: str = "",
    note: str = "",
) -> MeterReplacement:
    """Build a replacement from what the dialog holds; both readings must be typed (never copied)."""
    if not old_final_text.strip():
        raise UserError("请填写旧表最终示数", "按换表单填写旧表拆下时的示数")
    if not new_initial_text.strip():
        raise UserError("请填写新表起始示数", "新表的起始示数须按实际填写（新表通常为 0），不会自动沿用旧表示数")
    rp = MeterReplacement(
        q.meter_code,
        day,
        parse_decimal(old_final_text, "旧表最终示数"),
        parse_decimal(new_initial_text, "新表起始示数"),
        reason,
        old_meter_no,
        new_meter_no,
        note,
    )
    problem = replacement_problem(q, rp)
    if problem:
        raise UserError(problem, "请核对换表单上的示数和日期")
    return rp
