"""Preparing an edit: parse the cells, ask about lower readings, and build the stored state before and after."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from gxjn_desktop.domain.consumption import UseProblem, month_use
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter, MeterKind, month_end
from gxjn_desktop.domain.numbers import (
    MONEY_PLACES,
    format_fixed,
    plain,
    yuan_to_fen,
)
from gxjn_desktop.domain.records import (
    CanteenMonth,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    Source,
)
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.entry.cell_input import parse_int, parse_optional, parse_source
from gxjn_desktop.services.entry.edits import (
    CellChange,
    CellEdit,
    CellError,
    DecreaseAnswer,
    DecreaseChoice,
    DecreaseQuestion,
    EntryChange,
    EntryPlan,
)
from gxjn_desktop.services.entry.grid import Column, EntryRow, RowKey, RowKind, rows_for
from gxjn_desktop.services.entry.replacements import replacement_problem


@dataclass
class _Working:
    """The month's values being edited, keyed like the database."""

    records: dict[tuple[str, int, int], MonthlyRecord | None] = field(default_factory=dict)
    replacements: dict[tuple[str, int, int], tuple[MeterReplacement, ...]] = field(default_factory=dict)
    canteen: CanteenMonth | None = None
    canteen_touched: bool = False
    garbage: GarbageMonth | None = None
    garbage_touched: bool = False


class EditPreparer:
    """Works out one edit (a cell or a pasted block) against a ledger snapshot; writes nothing."""

    def __init__(self, ledger: Ledger, entered_by: str) -> None:
        self._ledger = ledger
        self.entered_by = entered_by

    def prepare(
        self,
        year: int,
        month: int,
        edits: Sequence[CellEdit],
        answers: Mapping[str, DecreaseAnswer] | None = None,
    ) -> EntryPlan:
        """Parse the edits and work out the change; nothing is written here."""
        answers = answers or {}
        rows = rows_for(self._ledger, year, month, (e.key for e in edits))
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
                diners = parse_int(text, row.label)
                new_c = replace(base, diners=diners)
                shown = "" if diners is None else str(diners)
            else:
                kg = parse_optional(text, row.label, allow_negative=False)
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
        kg = parse_optional(text, row.label, allow_negative=False)
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
            value = parse_optional(text, f"{meter.code} {what}", allow_negative=False)
            current = base.reading if register else base.quantity
            if value == current and old is not None:
                return None
            new = replace(base, reading=value) if register else replace(base, quantity=value)
            shown = "" if value is None else plain(value)
        elif column is Column.COST:
            yuan = parse_optional(text, f"{meter.code} 金额", allow_negative=False)
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
