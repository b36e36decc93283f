"""The month grid's view model: its columns, its rows and what each cell shows."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from gxjn_desktop.domain.consumption import UseProblem, month_use, previous_reading
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, month_end
from gxjn_desktop.domain.numbers import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    fen_to_yuan,
    format_fixed,
    plain,
)
from gxjn_desktop.domain.records import (
    CANTEEN_FIELDS,
    GarbageCategory,
    MeterReplacement,
    Source,
)

PRICE_PLACES = 4


class Column(Enum):
    """The grid's columns, in display order."""

    ITEM = "item"
    UNIT = "unit"
    PREVIOUS = "previous"  # 上期示数 (read-only)
    VALUE = "value"  # 本期示数, or 用量 for quantity meters, or the canteen / garbage figure
    MULTIPLIER = "multiplier"  # 倍率 (changed in 计量器具, shown here)
    USE = "use"  # computed
    COST = "cost"  # 金额 (元)
    PRICE = "price"  # computed 单价
    SOURCE = "source"  # 来源
    NOTE = "note"  # 备注

    @property
    def label(self) -> str:
        return _COLUMN_LABELS[self]


_COLUMN_LABELS = {
    Column.ITEM: "项目",
    Column.UNIT: "单位",
    Column.PREVIOUS: "上期示数",
    Column.VALUE: "本期示数/用量",
    Column.MULTIPLIER: "倍率",
    Column.USE: "本月用量",
    Column.COST: "金额(元)",
    Column.PRICE: "单价(元)",
    Column.SOURCE: "来源",
    Column.NOTE: "备注",
}

COLUMNS: tuple[Column, ...] = tuple(Column)
#: Columns a paste block fills, left to right (read-only columns are skipped).
EDITABLE_COLUMNS: tuple[Column, ...] = (Column.VALUE, Column.COST, Column.SOURCE, Column.NOTE)


class RowKind(Enum):
    METER = "meter"
    CANTEEN = "canteen"
    GARBAGE = "garbage"


@dataclass(frozen=True)
class RowKey:
    """Which thing a row edits: a meter code, a canteen field, or a garbage category value."""

    kind: RowKind
    code: str


@dataclass(frozen=True)
class EntryRow:
    """One line of the month grid, with its values already computed."""

    key: RowKey
    label: str
    unit: str
    meter_kind: MeterKind | None = None
    previous: Decimal | None = None
    value: Decimal | None = None
    multiplier: Decimal | None = None
    use: Decimal | None = None
    use_problem: UseProblem | None = None
    cost_fen: int | None = None
    source: Source | None = None
    note: str = ""
    rollover: bool = False
    replacements: tuple[MeterReplacement, ...] = ()

    @property
    def price(self) -> Decimal | None:
        if self.cost_fen is None or self.use is None or self.use == 0:
            return None
        return fen_to_yuan(self.cost_fen) / self.use

    def editable(self, column: Column) -> bool:
        if self.key.kind is RowKind.METER:
            return column in EDITABLE_COLUMNS
        return column is Column.VALUE

    def applies(self, column: Column) -> bool:
        """Whether the column means anything for this row: a direct quantity has no 上期示数 or 倍率;
        a 食堂 / 垃圾 row has only its figure (docs/gui.md). The window shows "—" where it does not."""
        if self.key.kind is not RowKind.METER:
            return column in (Column.ITEM, Column.UNIT, Column.VALUE)
        if self.meter_kind is MeterKind.QUANTITY:
            return column not in (Column.PREVIOUS, Column.MULTIPLIER)
        return True

    def text(self, column: Column) -> str:
        """What the cell shows (and what the editor starts with)."""
        if column is Column.ITEM:
            return self.label
        if column is Column.UNIT:
            return self.unit
        if column is Column.PREVIOUS:
            return "" if self.previous is None else plain(self.previous)
        if column is Column.VALUE:
            return "" if self.value is None else plain(self.value)
        if column is Column.MULTIPLIER:
            return "" if self.multiplier is None else plain(self.multiplier)
        if column is Column.USE:
            if self.key.kind is not RowKind.METER:
                return ""
            if self.use is None:
                return _PROBLEM_SHORT.get(self.use_problem, "") if self.use_problem else ""
            return format_fixed(self.use, QUANTITY_PLACES) or ""
        if column is Column.COST:
            return "" if self.cost_fen is None else format_fixed(fen_to_yuan(self.cost_fen), MONEY_PLACES) or ""
        if column is Column.PRICE:
            return format_fixed(self.price, PRICE_PLACES) or ""
        if column is Column.SOURCE:
            return "" if self.source is None else self.source.label
        return self.note

    @property
    def marks(self) -> str:
        """Why the use is what it is, for the tooltip of the use cell."""
        out = []
        if self.rollover:
            out.append("本月已确认表计翻转")
        for rp in self.replacements:
            out.append(
                f"{rp.day:%m-%d} 换表：旧表止码 {plain(rp.old_final_reading)}，新表起码 {plain(rp.new_initial_reading)}"
            )
        if self.use_problem is not None and self.use is None:
            out.append(_PROBLEM_LONG.get(self.use_problem, ""))
        return "；".join(o for o in out if o)


_PROBLEM_SHORT = {
    UseProblem.NO_RECORD: "",
    UseProblem.NO_VALUE: "",
    UseProblem.NO_PREVIOUS: "（无上期）",
    UseProblem.DECREASE: "（示数减少）",
    UseProblem.ROLLOVER_NO_DIGITS: "（缺表位数）",
    UseProblem.ROLLOVER_IMPLAUSIBLE: "（翻转存疑）",
    UseProblem.NEGATIVE: "（负数）",
}
_PROBLEM_LONG = {
    UseProblem.NO_PREVIOUS: "没有上期示数，也没有登记起始示数，无法计算用量",
    UseProblem.DECREASE: "本期示数小于上期示数，且未确认为表计翻转或换表",
    UseProblem.ROLLOVER_NO_DIGITS: "已确认翻转，但计量器具没有登记表位数，无法计算满码值",
    UseProblem.ROLLOVER_IMPLAUSIBLE: "按翻转计算用量超过半圈表码，请核对",
    UseProblem.NEGATIVE: "用量为负数",
}


def month_rows(ledger: Ledger, year: int, month: int) -> list[EntryRow]:
    """Every active meter, then the canteen and garbage figures of the month."""
    meters = [meter_row(ledger, m, year, month) for m in ledger.meters if m.active_in(year, month)]
    return meters + _place_rows(ledger, year, month)


def rows_for(ledger: Ledger, year: int, month: int, keys: Iterable[RowKey]) -> dict[RowKey, EntryRow]:
    """The rows of ``keys`` only (an edit needs its own rows, not the month's whole grid)."""
    wanted = set(keys)
    out: dict[RowKey, EntryRow] = {}
    codes = {k.code for k in wanted if k.kind is RowKind.METER}
    for meter in ledger.meters:
        if meter.code in codes and meter.active_in(year, month):
            out[RowKey(RowKind.METER, meter.code)] = meter_row(ledger, meter, year, month)
    if any(k.kind is not RowKind.METER for k in wanted):
        out.update((r.key, r) for r in _place_rows(ledger, year, month) if r.key in wanted)
    return out


def _place_rows(ledger: Ledger, year: int, month: int) -> list[EntryRow]:
    """The canteen's and the garbage's rows of the month."""
    out: list[EntryRow] = []
    canteen = ledger.canteen_month(year, month)
    for name, label, unit in CANTEEN_FIELDS:
        value = None if canteen is None else getattr(canteen, name)
        out.append(
            EntryRow(
                RowKey(RowKind.CANTEEN, name),
                label,
                unit,
                value=None if value is None else Decimal(value),
            )
        )
    garbage = ledger.garbage_month(year, month)
    for cat in GarbageCategory:
        g = None if garbage is None else garbage.kg.get(cat)
        out.append(EntryRow(RowKey(RowKind.GARBAGE, cat.value), f"垃圾：{cat.label}", "kg", value=g))
    return out


def meter_row(ledger: Ledger, meter: Meter, year: int, month: int) -> EntryRow:
    rec = ledger.record(meter.code, year, month)
    use = month_use(ledger, meter, year, month)
    register = meter.kind is MeterKind.REGISTER
    previous = use.previous_reading
    if register and previous is None:
        previous = previous_reading(ledger, meter, year, month)
    return EntryRow(
        key=RowKey(RowKind.METER, meter.code),
        label=f"{meter.code} {meter.name}",
        unit=meter.unit,
        meter_kind=meter.kind,
        previous=previous if register else None,
        value=None if rec is None else (rec.reading if register else rec.quantity),
        multiplier=meter.multiplier_on(month_end(year, month)) if register else None,
        use=use.quantity,
        use_problem=use.problem,
        cost_fen=None if rec is None else rec.cost_fen,
        source=None if rec is None else rec.source,
        note="" if rec is None else rec.note,
        rollover=rec is not None and rec.rollover_confirmed,
        replacements=tuple(ledger.replacements_in(meter.code, year, month)),
    )
