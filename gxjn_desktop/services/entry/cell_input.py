"""Turning what was typed into a cell into a value (numbers, 人次, 来源)."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.numbers import parse_decimal
from gxjn_desktop.domain.records import Source
from gxjn_desktop.errors import InvalidNumber, UserError


def parse_optional(text: str, what: str, *, allow_negative: bool) -> Decimal | None:
    if not text.strip():
        return None
    value = parse_decimal(text, what)
    if value < 0 and not allow_negative:
        raise InvalidNumber(f"{what}不能为负数", "示数和用量都应大于或等于 0")
    return value


def parse_int(text: str, what: str) -> int | None:
    value = parse_optional(text, what, allow_negative=False)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise InvalidNumber(f"{what}应为整数，“{text}”带有小数", "人次请填整数")
    return int(value)


def parse_source(text: str) -> Source:
    """来源 as typed: 抄表/账单/发票/估算 (or 1–4, their order in the list)."""
    t = text.strip()
    sources = list(Source)
    if t in {str(i) for i in range(1, len(sources) + 1)}:  # ASCII only: "١".isdigit() is true too
        return sources[int(t) - 1]
    try:
        return Source.from_text(t)
    except ValueError:
        raise UserError(
            f"来源“{text}”无法识别", "来源只能是 " + "、".join(s.label for s in sources) + "（也可输入 1–4）"
        ) from None
