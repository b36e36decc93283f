"""Month entry without Qt: the grid's rows, turning typed cells into saved values, and undo.

The window shows :func:`EntryService.rows` for a month. A committed cell (or a pasted block) goes
through :meth:`EntryService.prepare`, which parses every cell and returns an :class:`EntryPlan`:
either errors (nothing is saved), questions (a reading lower than last month's, which must be
answered as 表计翻转, 更换表计 or 输入有误 — never saved silently), or a ready
:class:`EntryChange`. A change holds the stored state before and after, so the window's undo stack
can write either one back; each write is one transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING

from gxjn_desktop.domain.carriers import CARRIER_ORDER, Carrier
from gxjn_desktop.domain.consumption import UseProblem, month_use, previous_reading
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter, MeterKind, month_end
from gxjn_desktop.domain.numbers import (
    MONEY_PLACES,
    QUANTITY_PLACES,
    fen_to_yuan,
    format_fixed,
    parse_decimal,
    plain,
    yuan_to_fen,
)
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.records import (
    CanteenMonth,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
    Source,
)
from gxjn_desktop.errors import InvalidNumber, UserError
from gxjn_desktop.services import checks
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.validation.findings import Finding, Location

if TYPE_CHECKING:
    from gxjn_desktop.services.workbook.importer import ImportPlan

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


CANTEEN_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("food_waste_kg", "食堂：餐厨垃圾", "kg"),
    ("diners", "食堂：就餐人次", "人次"),
    ("food_purchased_kg", "食堂：食材采购", "kg"),
)


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


# ---- edits, questions and answers ---------------------------------------------------------------


@dataclass(frozen=True)
class CellEdit:
    """A typed or pasted cell: the row, the column and the text as the user entered it."""

    key: RowKey
    column: Column
    text: str


@dataclass(frozen=True)
class CellChange:
    """How a cell's shown text changes (for the paste preview and the undo text)."""

    key: RowKey
    label: str
    column: Column
    old: str
    new: str


@dataclass(frozen=True)
class CellError:
    key: RowKey
    label: str
    column: Column
    text: str
    message: str
    hint: str = ""


@dataclass(frozen=True)
class DecreaseQuestion:
    """本期示数 lower than 上期示数: the user says why before anything is saved."""

    meter_code: str
    meter_label: str
    year: int
    month: int
    previous: Decimal
    reading: Decimal
    register_digits: int | None
    unit: str

    @property
    def message(self) -> str:
        return (
            f"{self.meter_label} {self.year}年{self.month}月的本期示数 {plain(self.reading)} "
            f"小于上期示数 {plain(self.previous)}。"
        )


class DecreaseChoice(Enum):
    ROLLOVER = "rollover"  # 表计翻转
    REPLACEMENT = "replacement"  # 更换表计
    MISTAKE = "mistake"  # 输入有误

    @property
    def label(self) -> str:
        return {"rollover": "表计翻转", "replacement": "更换表计", "mistake": "输入有误"}[self.value]


@dataclass(frozen=True)
class DecreaseAnswer:
    choice: DecreaseChoice
    replacement: MeterReplacement | None = None  # required for REPLACEMENT


@dataclass(frozen=True)
class EntryChange:
    """One undo step: the month's stored state before and after, and the cells it changes."""

    year: int
    month: int
    before: StoredState
    after: StoredState
    cells: tuple[CellChange, ...]
    label: str = ""  # set for an import, which is not about cells of one month

    @property
    def description(self) -> str:
        if self.label:
            return self.label
        if len(self.cells) == 1:
            c = self.cells[0]
            return f"修改 {self.year}年{self.month}月 {c.label} {c.column.label}"
        return f"粘贴 {self.year}年{self.month}月 {len(self.cells)} 个单元格"

    @property
    def is_empty(self) -> bool:
        return not self.cells


@dataclass(frozen=True)
class EntryPlan:
    """The result of :meth:`EntryService.prepare`: errors, open questions, or a ready change."""

    change: EntryChange | None = None
    errors: tuple[CellError, ...] = ()
    questions: tuple[DecreaseQuestion, ...] = ()
    skipped: tuple[str, ...] = ()  # cells ignored (read-only, answered 输入有误) and why

    @property
    def ready(self) -> bool:
        return self.change is not None and not self.errors and not self.questions


# ---- the service ---------------------------------------------------------------------------------


@dataclass
class _Working:
    """The month's values being edited, keyed like the database."""

    records: dict[tuple[str, int, int], MonthlyRecord | None] = field(default_factory=dict)
    replacements: dict[tuple[str, int, int], tuple[MeterReplacement, ...]] = field(default_factory=dict)
    canteen: CanteenMonth | None = None
    canteen_touched: bool = False
    garbage: GarbageMonth | None = None
    garbage_touched: bool = False


class EntryService:
    """The month-entry use case over a :class:`LedgerService`; keeps a ledger snapshot in step."""

    def __init__(self, ledger_service: LedgerService, *, entered_by: str = "") -> None:
        self.store = ledger_service
        self._ledger = ledger_service.ledger()
        self.entered_by = entered_by or self._default_preparer()

    # ---- reading ------------------------------------------------------------------------------

    @property
    def ledger(self) -> Ledger:
        return self._ledger

    def reload(self) -> Ledger:
        self._ledger = self.store.ledger()
        return self._ledger

    def locked_reason(self, year: int, month: int) -> str | None:
        """Why the month is read-only (已上报), or ``None`` when it may be edited."""
        export = self.store.locked_months().get((year, month))
        if export is None:
            return None
        return f"已上报（{export.period.label} 第 {export.revision} 版），本月数据只读；如需更正，请先写明原因重新打开该期间"

    def _default_preparer(self) -> str:
        profiles = self._ledger.profiles
        for y in sorted(profiles, reverse=True):
            if profiles[y].signatories.preparer:
                return profiles[y].signatories.preparer
        return next((c.name for c in self._ledger.unit.contacts if c.role == "节能管理员"), "")

    def default_period(self, today: date | None = None) -> tuple[int, int]:
        """The month to open: the one after the latest month with any record, not after last month."""
        today = today or date.today()
        last = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
        recorded = [(r.year, r.month) for r in self._ledger.records]
        if not recorded:
            return last
        y, m = max(recorded)
        nxt = (y + 1, 1) if m == 12 else (y, m + 1)
        return min(nxt, last) if nxt <= last else (y, m)

    def meters_for(self, year: int, month: int) -> list[Meter]:
        return [m for m in self._ledger.meters if m.active_in(year, month)]

    def rows(self, year: int, month: int) -> list[EntryRow]:
        """Every active meter, then the canteen and garbage figures of the month."""
        ledger = self._ledger
        out: list[EntryRow] = []
        for meter in self.meters_for(year, month):
            out.append(self._meter_row(ledger, meter, year, month))
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

    def _meter_row(self, ledger: Ledger, meter: Meter, year: int, month: int) -> EntryRow:
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

    def findings_by_cell(
        self, year: int, month: int, today: date | None = None
    ) -> dict[tuple[RowKey, Column], list[Finding]]:
        """check_period's findings for the month, placed on the cells they point at."""
        from gxjn_desktop.services.checks import check_period  # rules load lazily, after the window shows

        result = check_period(self._ledger, Period.parse(year, f"M{month:02d}"), today)
        out: dict[tuple[RowKey, Column], list[Finding]] = {}
        for f in result.findings:
            cell = cell_of(self._ledger, f.location)
            if cell is not None and (cell.year, cell.month) == (year, month):
                out.setdefault((cell.row, cell.column), []).append(f)
        for fs in out.values():
            fs.sort(key=lambda f: f.severity.rank)
        return out

    # ---- editing ------------------------------------------------------------------------------

    def prepare(
        self,
        year: int,
        month: int,
        edits: Sequence[CellEdit],
        answers: Mapping[str, DecreaseAnswer] | None = None,
    ) -> EntryPlan:
        """Parse the edits and work out the change; nothing is written here."""
        answers = answers or {}
        rows = {r.key: r for r in self.rows(year, month)}
        work = _Working()
        errors: list[CellError] = []
        skipped: list[str] = []
        cells: list[CellChange] = []
        touched_meters: list[str] = []
        ledger = self._ledger
        for edit in edits:
            row = rows.get(edit.key)
            if row is None:
                skipped.append(f"{edit.key.code}：本月没有这一行")
                continue
            if not row.editable(edit.column):
                skipped.append(f"{row.label} {edit.column.label}：只读，已忽略")
                continue
            try:
                new_text = self._apply_cell(ledger, work, row, edit, year, month)
            except UserError as err:
                errors.append(CellError(edit.key, row.label, edit.column, edit.text, err.message, err.hint))
                continue
            if new_text is None:
                continue
            if edit.key.kind is RowKind.METER and edit.column is Column.VALUE and edit.key.code not in touched_meters:
                touched_meters.append(edit.key.code)
            cells.append(CellChange(edit.key, row.label, edit.column, row.text(edit.column), new_text))
        if errors:
            return EntryPlan(errors=tuple(errors), skipped=tuple(skipped))

        questions: list[DecreaseQuestion] = []
        for code in touched_meters:
            meter = ledger.meter(code)
            k = (code, year, month)
            rec = work.records.get(k)
            if meter.kind is not MeterKind.REGISTER or rec is None or rec.reading is None:
                continue
            question = self._decrease_question(ledger, meter, rec, year, month)
            if question is None:
                if rec.rollover_confirmed:  # no longer lower: a stale confirmation would add a full register
                    work.records[k] = replace(rec, rollover_confirmed=False)
                continue
            answer = answers.get(code)
            if answer is None:
                questions.append(question)
            elif answer.choice is DecreaseChoice.ROLLOVER:
                work.records[k] = replace(rec, rollover_confirmed=True)
            elif answer.choice is DecreaseChoice.REPLACEMENT:
                rp = answer.replacement
                if rp is None:
                    raise UserError("换表信息不完整", "请填写旧表最终示数、新表起始示数和换表日期")
                problem = replacement_problem(question, rp)
                if problem:
                    errors.append(
                        CellError(
                            RowKey(RowKind.METER, code),
                            question.meter_label,
                            Column.VALUE,
                            plain(rec.reading),
                            problem,
                            "请核对换表单上的示数",
                        )
                    )
                    continue
                existing = ledger.replacements_in(code, year, month)
                work.replacements[k] = (*existing, rp)
                work.records[k] = replace(rec, rollover_confirmed=False)
            else:  # 输入有误: this meter's edits are dropped
                work.records.pop(k, None)
                cells = [c for c in cells if c.key != RowKey(RowKind.METER, code)]
                skipped.append(f"{question.meter_label}：输入有误，未保存")
        if errors:
            return EntryPlan(errors=tuple(errors), skipped=tuple(skipped))
        if questions:
            return EntryPlan(questions=tuple(questions), skipped=tuple(skipped))
        before, after = self._states(ledger, work, year, month)
        change = EntryChange(year, month, before, after, tuple(cells))
        return EntryPlan(change=change, skipped=tuple(skipped))

    def _decrease_question(
        self, ledger: Ledger, meter: Meter, rec: MonthlyRecord, year: int, month: int
    ) -> DecreaseQuestion | None:
        trial = ledger.apply(
            StoredState(records=(((meter.code, year, month), replace(rec, rollover_confirmed=False)),))
        )
        use = month_use(trial, meter, year, month)
        if use.problem is not UseProblem.DECREASE or rec.reading is None:
            return None
        reps = ledger.replacements_in(meter.code, year, month)
        start = reps[-1].new_initial_reading if reps else use.previous_reading
        if start is None:
            return None
        return DecreaseQuestion(
            meter.code, f"{meter.code} {meter.name}", year, month, start, rec.reading, meter.register_digits, meter.unit
        )

    def _apply_cell(
        self, ledger: Ledger, work: _Working, row: EntryRow, edit: CellEdit, year: int, month: int
    ) -> str | None:
        """Fold one edit into ``work``; return the cell's new text, or ``None`` if unchanged."""
        text = edit.text.strip()
        if row.key.kind is RowKind.METER:
            return self._apply_meter_cell(ledger, work, row, edit.column, text, year, month)
        if row.key.kind is RowKind.CANTEEN:
            if not work.canteen_touched:
                work.canteen = ledger.canteen_month(year, month)
                work.canteen_touched = True
            base = work.canteen or CanteenMonth(year, month)
            name = row.key.code
            if name == "diners":
                diners = _parse_int(text, row.label)
                new_c = replace(base, diners=diners)
                shown = "" if diners is None else str(diners)
            else:
                kg = _parse_optional(text, row.label, allow_negative=False)
                new_c = (
                    replace(base, food_waste_kg=kg) if name == "food_waste_kg" else replace(base, food_purchased_kg=kg)
                )
                shown = "" if kg is None else plain(kg)
            if getattr(new_c, name) == getattr(base, name):
                return None
            work.canteen = new_c
            return shown
        # garbage
        if not work.garbage_touched:
            work.garbage = ledger.garbage_month(year, month)
            work.garbage_touched = True
        gbase = work.garbage or GarbageMonth(year, month)
        cat = GarbageCategory(row.key.code)
        kg = _parse_optional(text, row.label, allow_negative=False)
        if gbase.kg.get(cat) == kg:
            return None
        kgs = dict(gbase.kg)
        if kg is None:
            kgs.pop(cat, None)
        else:
            kgs[cat] = kg
        total = gbase.reported_total_kg
        if total is None or total == gbase.categories_total_kg:  # a total kept as the sum follows the sum
            total = sum(kgs.values(), Decimal(0)) if kgs else None
        work.garbage = replace(gbase, kg=kgs, reported_total_kg=total)
        return "" if kg is None else plain(kg)

    def _apply_meter_cell(
        self, ledger: Ledger, work: _Working, row: EntryRow, column: Column, text: str, year: int, month: int
    ) -> str | None:
        code = row.key.code
        meter = ledger.meter(code)
        k = (code, year, month)
        if k not in work.records:
            work.records[k] = ledger.record(code, year, month)
        old = work.records[k]
        base = old or MonthlyRecord(
            code,
            year,
            month,
            source=Source.READING if meter.kind is MeterKind.REGISTER else Source.BILL,
            reading_date=month_end(year, month) if meter.kind is MeterKind.REGISTER else None,
        )
        register = meter.kind is MeterKind.REGISTER
        if column is Column.VALUE:
            what = "本期示数" if register else "用量"
            value = _parse_optional(text, f"{meter.code} {what}", allow_negative=False)
            current = base.reading if register else base.quantity
            if value == current and old is not None:
                return None
            new = replace(base, reading=value) if register else replace(base, quantity=value)
            shown = "" if value is None else plain(value)
        elif column is Column.COST:
            yuan = _parse_optional(text, f"{meter.code} 金额", allow_negative=False)
            fen = None if yuan is None else yuan_to_fen(yuan)
            if fen == base.cost_fen and old is not None:
                return None
            new = replace(base, cost_fen=fen)
            shown = "" if yuan is None else format_fixed(yuan, MONEY_PLACES) or ""
        elif column is Column.SOURCE:
            src = parse_source(text)
            if src == base.source and old is not None:
                return None
            new = replace(base, source=src)
            shown = src.label
        elif column is Column.NOTE:
            if text == base.note:
                return None
            new = replace(base, note=text)
            shown = text
        else:  # pragma: no cover - guarded by editable()
            return None
        new = replace(new, entered_by=self.entered_by or new.entered_by, entered_at=datetime.now())
        empty = new.reading is None and new.quantity is None and new.cost_fen is None and not new.note
        work.records[k] = None if empty else new
        if old is None and empty:
            return None
        return shown

    def _states(self, ledger: Ledger, work: _Working, year: int, month: int) -> tuple[StoredState, StoredState]:
        rec_keys = sorted(work.records)
        rep_keys = sorted(work.replacements)
        before = StoredState(
            records=tuple((k, ledger.record(*k)) for k in rec_keys),
            replacements=tuple((k, tuple(ledger.replacements_in(*k))) for k in rep_keys),
            canteen=(((year, month), ledger.canteen_month(year, month)),) if work.canteen_touched else (),
            garbage=(((year, month), ledger.garbage_month(year, month)),) if work.garbage_touched else (),
        )
        after = StoredState(
            records=tuple((k, work.records[k]) for k in rec_keys),
            replacements=tuple((k, work.replacements[k]) for k in rep_keys),
            canteen=(((year, month), work.canteen),) if work.canteen_touched else (),
            garbage=(((year, month), work.garbage),) if work.garbage_touched else (),
        )
        return before, after

    # ---- writing ------------------------------------------------------------------------------

    def commit(self, change: EntryChange) -> None:
        """Write the change (redo)."""
        self._write(change.after)

    def revert(self, change: EntryChange) -> None:
        """Write back what was there before the change (undo)."""
        self._write(change.before)

    def _write(self, state: StoredState) -> None:
        # One transaction for the whole step, so a paste is saved entirely or not at all.
        self.store.save_batch(
            meters=[m for _, m in state.meters if m is not None],
            deleted_meters=[code for code, m in state.meters if m is None],
            profiles=[p for _, p in state.profiles if p is not None],
            deleted_profiles=[year for year, p in state.profiles if p is None],
            ewaste=[e for e, present in state.ewaste if present],
            deleted_ewaste=[e for e, present in state.ewaste if not present],
            records=[rec for _, rec in state.records if rec is not None],
            deleted_records=[key for key, rec in state.records if rec is None],
            replaced_months=[key for key, _ in state.replacements],
            replacements=[rp for _, rps in state.replacements for rp in rps],
            canteen=[c or CanteenMonth(y, m) for (y, m), c in state.canteen],
            garbage=[g or GarbageMonth(y, m) for (y, m), g in state.garbage],
        )
        self._ledger = self._ledger.apply(state)

    def apply(
        self, year: int, month: int, edits: Sequence[CellEdit], answers: Mapping[str, DecreaseAnswer] | None = None
    ) -> EntryPlan:
        """Prepare and, when ready, commit at once (scripts and tests; the window uses its undo stack)."""
        plan = self.prepare(year, month, edits, answers)
        if plan.ready and plan.change is not None:
            self.commit(plan.change)
        return plan

    def import_change(self, plan: ImportPlan, label: str) -> EntryChange:
        """A read workbook as one undo step: what it writes, and what was stored before."""
        ledger = self._ledger
        rep_months = sorted(plan.replacement_months)  # the plan holds each month's whole new set
        before = StoredState(
            records=tuple(
                ((r.meter_code, r.year, r.month), ledger.record(r.meter_code, r.year, r.month)) for r in plan.records
            ),
            replacements=tuple((k, tuple(ledger.replacements_in(*k))) for k in rep_months),
            canteen=tuple(((c.year, c.month), ledger.canteen_month(c.year, c.month)) for c in plan.canteen),
            garbage=tuple(((g.year, g.month), ledger.garbage_month(g.year, g.month)) for g in plan.garbage),
            meters=tuple((m.code, next((x for x in ledger.meters if x.code == m.code), None)) for m in plan.meters),
            profiles=((plan.profile.year, ledger.profiles.get(plan.profile.year)),) if plan.profile else (),
            ewaste=tuple((e, False) for e in plan.ewaste),
        )
        after = StoredState(
            records=tuple(((r.meter_code, r.year, r.month), r) for r in plan.records),
            replacements=tuple(
                (k, tuple(rp for rp in plan.replacements if (rp.meter_code, rp.year, rp.month) == k))
                for k in rep_months
            ),
            canteen=tuple(((c.year, c.month), c) for c in plan.canteen),
            garbage=tuple(((g.year, g.month), g) for g in plan.garbage),
            meters=tuple((m.code, m) for m in plan.meters),
            profiles=((plan.profile.year, plan.profile),) if plan.profile else (),
            ewaste=tuple((e, True) for e in plan.ewaste),
        )
        first = min((r.month for r in plan.records), default=1)
        return EntryChange(plan.year, first, before, after, (), label)


# ---- helpers ------------------------------------------------------------------------------------

#: Which grid column a finding's field points at.
FIELD_COLUMNS = {
    "reading": Column.VALUE,
    "quantity": Column.VALUE,
    "reading_date": Column.VALUE,
    "cost": Column.COST,
    "cost_fen": Column.COST,
    "price": Column.PRICE,
    "multiplier": Column.MULTIPLIER,
    "source": Column.SOURCE,
    "note": Column.NOTE,
    "use": Column.USE,
}

_MONTH_KEY = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class GridCell:
    year: int
    month: int
    row: RowKey
    column: Column


def cell_of(ledger: Ledger, location: Location) -> GridCell | None:
    """The month-entry cell a finding points at; ``None`` for findings that are not about a cell
    (the profile, indicators, quotas, whole periods)."""
    m = _MONTH_KEY.match(location.month or "")
    if m is None or location.meter is None:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    field = location.field or ""
    if location.meter in {mt.code for mt in ledger.meters}:
        return GridCell(year, month, RowKey(RowKind.METER, location.meter), FIELD_COLUMNS.get(field, Column.VALUE))
    if location.meter == "canteen":
        known = [n for n, _, _ in CANTEEN_FIELDS]
        return GridCell(year, month, RowKey(RowKind.CANTEEN, field if field in known else known[0]), Column.VALUE)
    if location.meter == "garbage":
        category = field.partition(".")[0]
        cats = [c.value for c in GarbageCategory]
        return GridCell(year, month, RowKey(RowKind.GARBAGE, category if category in cats else cats[0]), Column.VALUE)
    return None


def _parse_optional(text: str, what: str, *, allow_negative: bool) -> Decimal | None:
    if not text.strip():
        return None
    value = parse_decimal(text, what)
    if value < 0 and not allow_negative:
        raise InvalidNumber(f"{what}不能为负数", "示数和用量都应大于或等于 0")
    return value


def _parse_int(text: str, what: str) -> int | None:
    value = _parse_optional(text, what, allow_negative=False)
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


# ---- the overview's figures ------------------------------------------------------------------


@dataclass(frozen=True)
class CarrierMonths:
    """A carrier's use per month of a year and of the year before (sub-meters excluded)."""

    carrier: Carrier
    unit: str
    this_year: tuple[Decimal | None, ...]
    last_year: tuple[Decimal | None, ...]


def monthly_use_by_carrier(ledger: Ledger, year: int) -> list[CarrierMonths]:
    """The 基2表 totals of each month (电 includes self-consumed PV), for carriers the unit meters."""
    from gxjn_desktop.domain.indicators import period_figures
    from gxjn_desktop.services.reference_data import load_reference

    ref = load_reference()
    metered = {m.carrier for m in ledger.meters if not m.is_submeter}
    if Carrier.PV in metered:
        metered.add(Carrier.ELECTRICITY)
    by_year: dict[int, list[dict[Carrier, Decimal] | None]] = {}
    for y in (year, year - 1):
        months: list[dict[Carrier, Decimal] | None] = []
        for mo in range(1, 13):
            fig = period_figures(ledger, ref, Period.parse(y, f"M{mo:02d}"))
            months.append({t.carrier: t.quantity for t in fig.totals} if fig.has_data else None)
        by_year[y] = months
    return [
        CarrierMonths(
            carrier,
            carrier.unit,
            tuple(None if m is None else m[carrier] for m in by_year[year]),
            tuple(None if m is None else m[carrier] for m in by_year[year - 1]),
        )
        for carrier in CARRIER_ORDER
        if carrier in metered
    ]


def missing_months(ledger: Ledger, year: int, up_to_month: int) -> list[int]:
    """Months up to ``up_to_month`` where some active meter has no value yet."""
    return checks.missing_months(ledger, year, range(1, up_to_month + 1))


def count_open(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings without an explanation), as the export gate counts them."""
    gate = checks.export_gate(findings)
    return gate.errors, gate.unexplained
