"""What may change about a registered meter: one set of rules for the window and the workbook.

A retirement date before months that still hold records would drop those months out of every
total and check without a word, so it is refused, naming the months.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind

MAX_MONTHS_NAMED = 6


def _months(keys: list[tuple[int, int]]) -> str:
    shown = "、".join(f"{y}-{m:02d}" for y, m in keys[:MAX_MONTHS_NAMED])
    return shown + (f" 等 {len(keys)} 个月" if len(keys) > MAX_MONTHS_NAMED else "")


def retirement_problem(ledger: Ledger, meter: Meter, active_to: date) -> str | None:
    """Why ``meter`` cannot be retired on ``active_to``, or ``None``."""
    if active_to < meter.active_from:
        return f"停用日期 {active_to.isoformat()} 早于启用日期 {meter.active_from.isoformat()}"
    after = sorted(
        {
            (r.year, r.month)
            for r in ledger.records_of(meter.code)
            if (r.year, r.month) > (active_to.year, active_to.month)
        }
        | {(rp.year, rp.month) for rp in ledger.replacements if rp.meter_code == meter.code and rp.day > active_to}
    )
    if after:
        return (
            f"{meter.code} 在停用日期 {active_to.isoformat()} 之后的 {_months(after)} 还有记录，"
            "停用后这些月份会从所有合计和审核中消失"
        )
    return None


def multiplier_problem(meter: Meter, day: date, value: Decimal, reading: Decimal | None) -> str | None:
    """Why a 倍率 change cannot be saved as given, or ``None``."""
    if value <= 0:
        return "倍率必须大于 0"
    if day < meter.active_from:
        return f"变更日期 {day.isoformat()} 早于启用日期 {meter.active_from.isoformat()}"
    if meter.active_to is not None and day > meter.active_to:
        return f"变更日期 {day.isoformat()} 晚于停用日期 {meter.active_to.isoformat()}"
    if meter.kind is MeterKind.REGISTER and day.day != 1 and reading is None:
        return "月中变更倍率须填写变更当天的示数（1 日变更可不填）"
    return None
