"""Reading a filled entry workbook back: safe parsing, every problem listed, all-or-nothing apply.

Values are read with python-calamine (it refuses XML entity tricks and is fast); the zip is
checked first (sizes, names, encryption). A workbook not made by this program, made for another
unit, or of another template version is refused with a message that says so.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.consumption import UseProblem, month_use
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange, month_end
from gxjn_desktop.domain.numbers import (
    MAX_DECIMAL_PLACES,
    check_size,
    fen_to_yuan,
    parse_decimal,
    plain,
    yuan_to_fen,
)
from gxjn_desktop.domain.periods import check_year
from gxjn_desktop.domain.places import RESERVED_CODE_HINT, reserved_code_problem
from gxjn_desktop.domain.records import (
    CanteenMonth,
    EwasteDisposal,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
    Source,
)
from gxjn_desktop.domain.units import YearProfile
from gxjn_desktop.domain.workplan import (
    FOOD_EVAL_PARTS,
    EmcType,
    RetrofitMeasure,
    TaskKind,
    TaskStatus,
    WorkTask,
    task_problems,
)
from gxjn_desktop.errors import InvalidNumber, UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.meter_rules import retirement_problem
from gxjn_desktop.services.safe_zip import open_workbook, sheet_rows
from gxjn_desktop.services.workbook.layout import (
    CANTEEN_COLUMNS,
    CANTEEN_SHEET,
    EWASTE_COLUMNS,
    EWASTE_SHEET,
    GARBAGE_COLUMNS,
    GARBAGE_SHEET,
    MARK_SHEET,
    METER_COLUMNS,
    METERS_SHEET,
    NO,
    PROFILE_COLUMNS,
    PROFILE_ITEMS,
    PROFILE_SHEET,
    RECORD_COLUMNS,
    RECORDS_SHEET,
    REPLACEMENT_COLUMNS,
    REPLACEMENTS_SHEET,
    TASK_COLUMNS,
    TASK_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    YES,
    Column,
)
from gxjn_desktop.services.workplan.tasks import grade_bands_in_force

MAX_ERRORS_SHOWN = 20
# Checking stops here: a sheet of junk (200,000 rows) is refused in seconds, not half a minute.
MAX_PROBLEMS = 200
MAX_NOTE_CHARS = 1000
# A reading date may lie in the next or previous month (utilities rarely read on the last day);
# further away it is a typo in the year or month.
MAX_READING_DATE_OFFSET_DAYS = 45
IMPORTED_BY = "工作簿导入"
_RECORD_COLUMNS = {c.key: c for c in RECORD_COLUMNS}


@dataclass
class ImportPlan:
    """What an import would change; ``describe`` lists it for --dry-run and the preview dialog."""

    year: int
    records: list[MonthlyRecord] = field(default_factory=list)
    replacements: list[MeterReplacement] = field(default_factory=list)  # every replacement of the months below
    replacement_months: list[tuple[str, int, int]] = field(default_factory=list)  # (meter, year, month) rewritten
    canteen: list[CanteenMonth] = field(default_factory=list)
    garbage: list[GarbageMonth] = field(default_factory=list)
    ewaste: list[EwasteDisposal] = field(default_factory=list)  # new disposals only
    tasks: list[WorkTask] = field(default_factory=list)  # new (with the id they will get) or changed
    meters: list[Meter] = field(default_factory=list)  # new, or existing with changed descriptions
    profile: YearProfile | None = None  # the year's 基本情况 when it changed
    lines: list[str] = field(default_factory=list)
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    def describe(self) -> list[str]:
        return list(self.lines)

    @property
    def writes_nothing(self) -> bool:
        """The workbook equals what is stored: nothing to save, nothing to back up."""
        return not (
            self.records
            or self.replacement_months
            or self.canteen
            or self.garbage
            or self.ewaste
            or self.meters
            or self.profile
        )

    def stored_state(self) -> StoredState:
        """What the import writes, as an undo step's "after" (every key it touches, with its new value)."""
        months = sorted(self.replacement_months)  # the plan holds each month's whole new set
        return StoredState(
            records=tuple(((r.meter_code, r.year, r.month), r) for r in self.records),
            replacements=tuple(
                (k, tuple(rp for rp in self.replacements if (rp.meter_code, rp.year, rp.month) == k)) for k in months
            ),
            canteen=tuple(((c.year, c.month), c) for c in self.canteen),
            garbage=tuple(((g.year, g.month), g) for g in self.garbage),
            meters=tuple((m.code, m) for m in self.meters),
            profiles=((self.profile.year, self.profile),) if self.profile else (),
            ewaste=tuple((e, True) for e in self.ewaste),
            tasks=tuple((t.task_id or 0, t) for t in self.tasks),
        )

    def as_json(self, applied: bool) -> dict[str, Any]:
        return {
            "year": self.year,
            "applied": applied,
            "added": self.added,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "changes": self.lines,
        }


class _TooMany(Exception):
    """Raised by :meth:`_Problems.add` at the cap: a workbook of junk is not checked to its end."""


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, sheet: str, row: int, header: str, message: str) -> None:
        where = f"第 {row} 行" if row else ""
        self.items.append(f"“{sheet}”{where}“{header}”：{message}")
        if len(self.items) >= MAX_PROBLEMS:
            raise _TooMany

    def raise_if_any(self, path: Path) -> None:
        if not self.items:
            return
        shown = "；".join(self.items[:MAX_ERRORS_SHOWN])
        others = len(self.items) - MAX_ERRORS_SHOWN
        if len(self.items) >= MAX_PROBLEMS:
            raise UserError(
                f"{path.name} 需要修改的地方太多，查到第 {MAX_PROBLEMS} 处后停止检查，未导入任何数据：{shown}；"
                f"以及另外 {others} 处，其余部分未检查",
                "请确认这是本单位的填报工作簿；改正后重新导入",
            )
        more = f"；以及另外 {others} 处" if others > 0 else ""
        raise UserError(
            f"{path.name} 有 {len(self.items)} 处需要修改，未导入任何数据：{shown}{more}",
            "请在工作簿中改正后重新导入",
        )


# A float below this has at most 14 digits before the point (its 15 significant digits never round
# past the 15 check_size allows), and is finite: a whole one is its own int (_integer's fast path).
_PLAIN_FLOAT = 1e14
_ZERO = Decimal(0)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _number(v: Any, what: str) -> Decimal | None:
    """A cell as an exact Decimal: typed text is parsed, Excel numbers go through their shortest repr."""
    if type(v) is float and -_PLAIN_FLOAT < v < _PLAIN_FLOAT:  # the usual cell: as the float branch below
        return _plain_float(v, what)
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, bool):
        raise InvalidNumber(f"{what}不是数字", "请填写数字")
    if isinstance(v, int):
        return check_size(Decimal(v), what)
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            raise InvalidNumber(f"{what}不是有效的数字", "请填写数字")
        # Excel keeps 15 significant digits; so does what a person typed or a formula showed.
        return check_size(Decimal(format(v, ".15g")), what)
    if isinstance(v, (date, datetime)):
        raise InvalidNumber(f"{what}是日期而不是数字", "请检查单元格格式是否被设成了日期")
    return parse_decimal(str(v), what)


def _plain_float(v: float, what: str) -> Decimal:
    """``check_size(Decimal(format(v, ".15g")))`` for a finite float below ``_PLAIN_FLOAT``, without
    taking the Decimal apart when its text already shows it fits: plain notation (no exponent) has
    at most 15 digits before the point, and the places are the digits after it."""
    text = format(v, ".15g")
    point = text.find(".")
    if "e" not in text and (point < 0 or len(text) - point - 1 <= MAX_DECIMAL_PLACES):
        d = Decimal(text)
        return d if d else d + _ZERO  # check_size's -0 → 0
    return check_size(Decimal(text), what)  # too many places (or 1e-05): its refusal


def _integer(v: Any, what: str) -> int | None:
    if type(v) is float and v.is_integer() and -_PLAIN_FLOAT < v < _PLAIN_FLOAT:
        return int(v)  # what the Decimal below would give: at most 14 digits, exact in a float
    d = _number(v, what)
    if d is None:
        return None
    if d != d.to_integral_value():
        raise InvalidNumber(f"{what}应为整数，而不是 {plain(d)}", "请填写整数")
    return int(d)


def _day(v: Any, what: str) -> date | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, date):
        return v
    # NFKC: full-width digits and dashes (２０２５－１２－２８), as numbers take them
    text = (
        unicodedata.normalize("NFKC", _text(v))
        .replace("/", "-")
        .replace(".", "-")
        .replace("年", "-")
        .replace("月", "-")
        .rstrip("日")
    )
    try:
        return date.fromisoformat("-".join(p.zfill(2) for p in text.split("-")))
    except ValueError as exc:
        raise InvalidNumber(f"{what}“{_text(v)}”不是有效的日期", "请按 2025-06-16 的格式填写") from exc


def _unknown_meter(code: str) -> str:
    if not code:  # e.g. the code written once into cells merged down a column
        return "计量器具编号是空的；每一行都要填写编号（合并的单元格只有第一行有值，请取消合并后逐行填写）"
    return f"本单位没有编号为“{code}”的计量器具；新的表计请在“计量器具”表中新增一行，或先在程序中登记"


def _sheet_rows(wb: Any, name: str, columns: tuple[Column, ...], path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """Rows of a sheet as dicts by column key, one at a time (a sheet of junk stops at the
    problem cap without being held whole); the header row must be exactly the template's."""
    if name not in wb.sheet_names:
        raise UserError(f"{path.name} 缺少工作表“{name}”", "请使用本程序生成的填报工作簿，不要删除或改名工作表")
    rows = sheet_rows(wb, name, path)
    header_row = next(rows, None)
    if header_row is None:
        raise UserError(f"{path.name} 的工作表“{name}”是空的", "请使用本程序生成的填报工作簿")
    header = [_text(h) for h in header_row][: len(columns)]
    expected = [c.header for c in columns]
    if header != expected:
        raise UserError(
            f"{path.name} 的工作表“{name}”表头与模板不符",
            f"表头应为：{'、'.join(expected)}；请使用本程序生成的模板，不要改动表头",
        )
    keys = [c.key for c in columns]
    width = len(keys)
    for i, row in enumerate(rows, start=2):
        values = row[:width]
        if values.count("") + values.count(None) == len(values):  # an empty row (calamine: "")
            continue
        cells = dict.fromkeys(keys)  # a short row: the cells after its end are empty
        cells.update((k, v) for k, v in zip(keys, values, strict=False) if v != "")
        yield i, cells


def _open_workbook(path: Path, ledger: Ledger) -> tuple[Any, int]:
    wb = open_workbook(path, "Excel 工作簿")
    if MARK_SHEET not in wb.sheet_names:
        raise UserError(
            f"{path.name} 不是本程序生成的填报工作簿（缺少隐藏的标记工作表 {MARK_SHEET}）",
            # What a facility manager does first; the format is for whoever scripts the workbook.
            "请用“生成填报模板”生成工作簿，填好后再导入"
            "（命令行：gxjn-cli template；用其他系统生成工作簿的格式见 docs/template.md）",
        )
    mark_rows = list(sheet_rows(wb, MARK_SHEET, path))
    marks = {_text(r[0]): _text(r[1]) for r in mark_rows if len(r) >= 2}
    if marks.get("kind") != TEMPLATE_KIND:
        raise UserError(f"{path.name} 不是本程序生成的填报工作簿", "请用“生成填报模板”生成工作簿，填好后再导入")
    if marks.get("version") != TEMPLATE_VERSION:
        raise UserError(
            f"{path.name} 是旧版（或更新版）的填报模板（版本 {marks.get('version') or '未知'}，当前为 {TEMPLATE_VERSION}）",
            "请用当前程序重新生成模板，并把数据复制过去",
        )
    if marks.get("uscc", "").upper() != ledger.unit.uscc.upper():
        raise UserError(
            f"{path.name} 是为另一个单位（统一社会信用代码 {marks.get('uscc')}）生成的",
            f"本单位的代码是 {ledger.unit.uscc}；请使用本单位生成的模板",
        )
    try:
        year = int(marks.get("year", ""))
    except ValueError as exc:
        raise UserError(f"{path.name} 的版本标记已损坏", "请重新生成模板") from exc
    try:
        check_year(year)
    except UserError as exc:  # one line for the workbook, not one per row of every sheet
        raise UserError(f"{path.name} 标记的{exc.message}", "请用本程序重新生成该年度的模板") from exc
    return wb, year


def read_workbook(path: Path, ledger: Ledger) -> ImportPlan:
    """Parse and check everything; raise one UserError listing the problems (up to
    :data:`MAX_PROBLEMS`, where checking stops), or return the plan."""
    wb, year = _open_workbook(path, ledger)
    problems = _Problems()
    try:
        return _read_plan(wb, path, ledger, year, problems)
    except _TooMany:
        problems.raise_if_any(path)
        raise


def _read_plan(wb: Any, path: Path, ledger: Ledger, year: int, problems: _Problems) -> ImportPlan:
    """One reader per sheet, in the order the sheets depend on each other (meters first)."""
    plan = ImportPlan(year)
    meters = _read_meters(wb, path, ledger, year, plan, problems)
    plan.profile = _read_profile(wb, path, ledger, year, plan, problems)
    record_rows = _read_records(wb, path, ledger, year, meters, plan, problems)
    _read_replacements(wb, path, ledger, year, meters, plan, problems)
    _read_canteen(wb, path, ledger, year, plan, problems)
    _read_garbage(wb, path, ledger, year, plan, problems)
    _read_ewaste(wb, path, ledger, year, plan, problems)
    _read_tasks(wb, ledger, year, plan, problems, path)
    problems.raise_if_any(path)
    _check_decreases(plan, replace(ledger, meters=tuple(meters.values())), problems, record_rows)
    problems.raise_if_any(path)
    return plan


def _read_records(
    wb: Any, path: Path, ledger: Ledger, year: int, meters: dict[str, Meter], plan: ImportPlan, problems: _Problems
) -> dict[tuple[str, int, int], int]:
    """月度台账: one row per meter and month; returns the row of each (meter, year, month)."""
    now = datetime.now()
    cols = {c.key: c for c in RECORD_COLUMNS}
    record_rows: dict[tuple[str, int, int], int] = {}
    for row, c in _sheet_rows(wb, RECORDS_SHEET, RECORD_COLUMNS, path):
        code = _text(c["meter"])
        meter = meters.get(code)
        if meter is None:
            problems.add(RECORDS_SHEET, row, "计量器具编号", _unknown_meter(code))
            continue
        before = len(problems.items)
        y = _cell_value(problems, RECORDS_SHEET, row, cols["year"], _integer, c["year"])
        m = _cell_value(problems, RECORDS_SHEET, row, cols["month"], _integer, c["month"])
        if y != year or m is None or not 1 <= m <= 12:
            if len(problems.items) == before:  # an unreadable 年 or 月 was said already
                problems.add(RECORDS_SHEET, row, "年/月", f"应为 {year} 年 1—12 月")
            continue
        if (code, year, m) in record_rows:
            problems.add(
                RECORDS_SHEET,
                row,
                "计量器具编号",
                f"{code} {year}-{m:02d} 在第 {record_rows[(code, year, m)]} 行已经填过，同一表计同一月只能有一行",
            )
            continue
        record_rows[(code, year, m)] = row
        if not meter.active_in(year, m):
            problems.add(
                RECORDS_SHEET,
                row,
                "月",
                f"{code} 在 {year}-{m:02d} 不在用（启用 {meter.active_from}，停用 {meter.active_to or '—'}），该月的数据不会计入",
            )
            continue
        old = ledger.record(code, year, m)
        new = _record_row(row, c, meter, (year, m), old, problems, now)
        _compare(plan, old, new, f"{code} {year}-{m:02d}")
    return record_rows


def _record_row(
    row: int,
    c: dict[str, Any],
    meter: Meter,
    month: tuple[int, int],
    old: MonthlyRecord | None,
    problems: _Problems,
    now: datetime,
) -> MonthlyRecord:
    """One row of 月度台账 as a record; empty cells keep what is stored."""
    year, m = month
    cols = _RECORD_COLUMNS
    code = meter.code
    reading = _cell_value(problems, RECORDS_SHEET, row, cols["reading"], _number, c["reading"])
    quantity = _cell_value(problems, RECORDS_SHEET, row, cols["quantity"], _number, c["quantity"])
    cost = _cell_value(problems, RECORDS_SHEET, row, cols["cost"], _number, c["cost"])
    cost_fen = None
    if cost is not None:
        try:
            cost_fen = yuan_to_fen(cost)
        except InvalidNumber as exc:
            problems.add(RECORDS_SHEET, row, cols["cost"].header, exc.one_line())
    reading_date = _cell_value(problems, RECORDS_SHEET, row, cols["reading_date"], _day, c["reading_date"])
    if meter.kind is MeterKind.REGISTER and quantity is not None:
        problems.add(RECORDS_SHEET, row, cols["quantity"].header, f"{code} 是示数表，请填“本期示数”，用量由程序计算")
    if meter.kind is MeterKind.QUANTITY and reading is not None:
        problems.add(RECORDS_SHEET, row, cols["reading"].header, f"{code} 是直接填量的，请填“用量”")
    for label, v in (("本期示数", reading), ("用量", quantity), ("金额", cost)):
        if v is not None and v < 0:
            problems.add(RECORDS_SHEET, row, label, f"不能为负数（{plain(v)}）")
    source_text = _text(c["source"])
    try:
        source = Source.from_text(source_text) if source_text else None
    except ValueError:
        problems.add(
            RECORDS_SHEET, row, "来源", f"“{source_text}”不是可选的来源（{'、'.join(s.label for s in Source)}）"
        )
        source = None
    rollover_text = _text(c["rollover"])
    if rollover_text not in ("", YES, NO):
        problems.add(RECORDS_SHEET, row, "表计翻转", "请填“是”或“否”")
    if rollover_text == YES and meter.kind is MeterKind.QUANTITY:
        problems.add(RECORDS_SHEET, row, "表计翻转", f"{code} 是直接填量的，没有表盘，不会翻转")
    if reading_date is not None and abs((reading_date - month_end(year, m)).days) > MAX_READING_DATE_OFFSET_DAYS:
        problems.add(
            RECORDS_SHEET, row, "抄表日期", f"{reading_date.isoformat()} 离 {year} 年 {m} 月太远，请核对年份和月份"
        )
    note_text = _text(c["note"])
    if len(note_text) > MAX_NOTE_CHARS:
        problems.add(RECORDS_SHEET, row, "备注", f"备注过长（{len(note_text)} 字），请控制在 {MAX_NOTE_CHARS} 字以内")
    return MonthlyRecord(
        meter_code=code,
        year=year,
        month=m,
        reading=reading if reading is not None else (old.reading if old else None),
        quantity=quantity if quantity is not None else (old.quantity if old else None),
        cost_fen=cost_fen if cost is not None else (old.cost_fen if old else None),
        source=source
        or (old.source if old else (Source.READING if meter.kind is MeterKind.REGISTER else Source.INVOICE)),
        reading_date=reading_date or (old.reading_date if old else None),
        rollover_confirmed=(rollover_text == YES) if rollover_text else (old.rollover_confirmed if old else False),
        note=note_text or (old.note if old else ""),
        entered_by=IMPORTED_BY,
        entered_at=now,
    )


def _read_replacements(
    wb: Any, path: Path, ledger: Ledger, year: int, meters: dict[str, Meter], plan: ImportPlan, problems: _Problems
) -> None:
    """换表记录: a month with a new or changed replacement is rewritten with all of its replacements."""
    written: dict[tuple[str, date], MeterReplacement] = {}
    written_rows: dict[tuple[str, date], int] = {}
    for row, c in _sheet_rows(wb, REPLACEMENTS_SHEET, REPLACEMENT_COLUMNS, path):
        code = _text(c["meter"])
        if code not in meters:
            problems.add(REPLACEMENTS_SHEET, row, "计量器具编号", _unknown_meter(code))
            continue
        rp = _replacement_row(row, c, code, year, problems, written_rows)
        if rp is not None:
            written[(code, rp.day)] = rp
            written_rows[(code, rp.day)] = row
    stored = {(r.meter_code, r.day): r for r in ledger.replacements}
    months: set[tuple[str, int, int]] = set()
    for key, rp in written.items():
        before = stored.get(key)
        if before == rp:
            plan.unchanged += 1
            continue
        months.add((rp.meter_code, rp.year, rp.month))
        verb = "新增" if before is None else "修改"
        plan.added += before is None
        plan.changed += before is not None
        plan.lines.append(
            f"{verb}换表：{rp.meter_code} {rp.day.isoformat()} 旧表止码 {plain(rp.old_final_reading)}，新表起码 {plain(rp.new_initial_reading)}"
        )
    for code, y, m in sorted(months):
        kept = {r.day: r for r in ledger.replacements_in(code, y, m)}
        kept.update({d: r for (c, d), r in written.items() if c == code and (d.year, d.month) == (y, m)})
        plan.replacement_months.append((code, y, m))
        plan.replacements.extend(sorted(kept.values(), key=lambda r: r.day))


def _replacement_row(
    row: int, c: dict[str, Any], code: str, year: int, problems: _Problems, rows: dict[tuple[str, date], int]
) -> MeterReplacement | None:
    """One row of 换表记录, or ``None`` (with the problem noted) when it cannot be one; ``rows`` holds
    the rows already read, by meter and day."""
    cols = {col.key: col for col in REPLACEMENT_COLUMNS}
    day = _cell_value(problems, REPLACEMENTS_SHEET, row, cols["day"], _day, c["day"])
    old_final = _cell_value(problems, REPLACEMENTS_SHEET, row, cols["old_final"], _number, c["old_final"])
    new_initial = _cell_value(problems, REPLACEMENTS_SHEET, row, cols["new_initial"], _number, c["new_initial"])
    if day is None or old_final is None or new_initial is None:
        problems.add(
            REPLACEMENTS_SHEET,
            row,
            "换表",
            "换表日期、旧表止码和新表起码都必须填写（新表起码如实填写，不能照抄旧表止码）",
        )
        return None
    if day.year != year:
        problems.add(REPLACEMENTS_SHEET, row, "换表日期", f"应在 {year} 年内")
        return None
    if old_final < 0 or new_initial < 0:
        problems.add(REPLACEMENTS_SHEET, row, "换表", "旧表止码和新表起码不能为负数")
        return None
    if (code, day) in rows:
        problems.add(
            REPLACEMENTS_SHEET, row, "换表日期", f"{code} {day.isoformat()} 的换表在第 {rows[(code, day)]} 行已经填过"
        )
        return None
    reason_text = _text(c["reason"]) or ReplacementReason.FAULT.label
    reason = next((r for r in ReplacementReason if r.label == reason_text), None)
    if reason is None:
        problems.add(REPLACEMENTS_SHEET, row, "原因", f"请从 {'、'.join(r.label for r in ReplacementReason)} 中选择")
        return None
    return MeterReplacement(
        code, day, old_final, new_initial, reason, _text(c["old_no"]), _text(c["new_no"]), _text(c["note"])
    )


def _read_canteen(wb: Any, path: Path, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems) -> None:
    """食堂: one row per month; empty cells keep what is stored."""
    cols = {c.key: c for c in CANTEEN_COLUMNS}
    seen: dict[int, int] = {}
    for row, c in _sheet_rows(wb, CANTEEN_SHEET, CANTEEN_COLUMNS, path):
        m = _year_month(CANTEEN_SHEET, row, c, cols, year, seen, problems)
        if m is None:
            continue
        values = (
            _cell_value(problems, CANTEEN_SHEET, row, cols["food_waste"], _number, c["food_waste"]),
            _cell_value(problems, CANTEEN_SHEET, row, cols["diners"], _integer, c["diners"]),
            _cell_value(problems, CANTEEN_SHEET, row, cols["food_purchased"], _number, c["food_purchased"]),
        )
        if all(v is None for v in values):
            continue
        if any(v is not None and v < 0 for v in values):
            problems.add(CANTEEN_SHEET, row, "食堂", "餐厨垃圾、就餐人次和食材采购不能为负数")
            continue
        old = ledger.canteen_month(year, m)
        waste, diners, purchased = values
        if old is not None:  # empty cells keep what is stored
            waste = waste if waste is not None else old.food_waste_kg
            diners = diners if diners is not None else old.diners
            purchased = purchased if purchased is not None else old.food_purchased_kg
        note = _text(c["note"]) or (old.note if old else "")
        new = CanteenMonth(year, m, waste, diners, purchased, note)
        _compare_simple(plan, old, new, f"食堂 {year}-{m:02d}", plan.canteen)


def _read_garbage(wb: Any, path: Path, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems) -> None:
    """垃圾分类: one row per month, a weight per category; empty cells keep what is stored."""
    cols = {c.key: c for c in GARBAGE_COLUMNS}
    keys = ("recyclable", "hazardous", "kitchen", "other")
    seen: dict[int, int] = {}
    for row, c in _sheet_rows(wb, GARBAGE_SHEET, GARBAGE_COLUMNS, path):
        m = _year_month(GARBAGE_SHEET, row, c, cols, year, seen, problems)
        if m is None:
            continue
        kg_values = [_cell_value(problems, GARBAGE_SHEET, row, cols[k], _number, c[k]) for k in keys]
        total = _cell_value(problems, GARBAGE_SHEET, row, cols["total"], _number, c["total"])
        accuracy = _cell_value(problems, GARBAGE_SHEET, row, cols["accuracy"], _number, c["accuracy"])
        if all(v is None for v in (*kg_values, total, accuracy)):
            continue
        if accuracy is not None and not Decimal(0) <= accuracy <= Decimal(100):
            problems.add(GARBAGE_SHEET, row, "投放准确率", "应在 0—100 之间")
        if any(v is not None and v < 0 for v in (*kg_values, total)):
            problems.add(GARBAGE_SHEET, row, "垃圾分类", "重量不能为负数")
            continue
        old = ledger.garbage_month(year, m)
        kg = dict(old.kg) if old else {}
        for cat, v in zip(GarbageCategory, kg_values, strict=True):
            if v is not None:
                kg[cat] = v
        new = GarbageMonth(
            year,
            m,
            kg,
            dict(old.estimated) if old else {},
            total if total is not None else (old.reported_total_kg if old else None),
            accuracy if accuracy is not None else (old.sorting_accuracy_pct if old else None),
            _text(c["note"]) or (old.note if old else ""),
        )
        _compare_simple(plan, old, new, f"垃圾分类 {year}-{m:02d}", plan.garbage)


def _year_month(
    sheet: str,
    row: int,
    c: dict[str, Any],
    cols: dict[str, Column],
    year: int,
    seen: dict[int, int],
    problems: _Problems,
) -> int | None:
    """The month of a 食堂 / 垃圾分类 row, once per month and only in the workbook's year."""
    before = len(problems.items)
    y = _cell_value(problems, sheet, row, cols["year"], _integer, c["year"])
    m = _cell_value(problems, sheet, row, cols["month"], _integer, c["month"])
    if y != year or m is None or not 1 <= m <= 12:
        if len(problems.items) == before:  # an unreadable 年 or 月 was said already
            problems.add(sheet, row, "年/月", f"应为 {year} 年 1—12 月")
        return None
    if m in seen:
        problems.add(sheet, row, "月", f"{year} 年 {m} 月在第 {seen[m]} 行已经填过")
        return None
    seen[m] = row
    return int(m)


def _same_record(a: MonthlyRecord, b: MonthlyRecord) -> bool:
    keys = ("reading", "quantity", "cost_fen", "source", "reading_date", "rollover_confirmed", "note")
    return all(getattr(a, k) == getattr(b, k) for k in keys)


def _figure(value: Decimal | None) -> str:
    return "-" if value is None else plain(value)


def _yuan(fen: int | None) -> str:
    return "-" if fen is None else f"{fen_to_yuan(fen):.2f}"


def _record_changes(old: MonthlyRecord, new: MonthlyRecord) -> list[str]:
    """Only what differs, each with its old and new value (a cost-only change shows the cost)."""
    parts = [
        f"{label} {_figure(getattr(old, key))} → {_figure(getattr(new, key))}"
        for key, label in (("reading", "示数"), ("quantity", "用量"))
        if getattr(old, key) != getattr(new, key)
    ]
    if old.cost_fen != new.cost_fen:
        parts.append(f"金额 {_yuan(old.cost_fen)} → {_yuan(new.cost_fen)} 元")
    if old.source != new.source:
        parts.append(f"来源 {old.source.label} → {new.source.label}")
    if old.reading_date != new.reading_date:
        parts.append(f"抄表日期 {old.reading_date or '-'} → {new.reading_date or '-'}")
    if old.rollover_confirmed != new.rollover_confirmed:
        parts.append("确认表计翻转" if new.rollover_confirmed else "取消表计翻转")
    if old.note != new.note:
        parts.append("修改备注")
    return parts


def _compare(plan: ImportPlan, old: MonthlyRecord | None, new: MonthlyRecord, label: str) -> None:
    if new.reading is None and new.quantity is None and new.cost_fen is None:
        return  # nothing filled
    if old is not None and _same_record(old, new):
        plan.unchanged += 1
        return
    plan.records.append(new)
    if old is None:
        plan.added += 1
        value = new.reading if new.reading is not None else new.quantity
        what = "示数" if new.reading is not None else "用量"
        cost = f"，金额 {_yuan(new.cost_fen)} 元" if new.cost_fen is not None else ""
        plan.lines.append(f"新增 {label}：{what} {_figure(value)}{cost}")
    else:
        plan.changed += 1
        plan.lines.append(f"修改 {label}：{'，'.join(_record_changes(old, new))}")


def _compare_simple(plan: ImportPlan, old: Any, new: Any, label: str, into: list[Any]) -> None:
    if old == new:
        plan.unchanged += 1
        return
    into.append(new)
    if old is None:
        plan.added += 1
        plan.lines.append(f"新增 {label}")
    else:
        plan.changed += 1
        plan.lines.append(f"修改 {label}")


def _check_decreases(
    plan: ImportPlan, ledger: Ledger, problems: _Problems, rows: dict[tuple[str, int, int], int]
) -> None:
    """Readings must still follow on after the import: in the months it writes, and in every stored
    later month of the meters it touches (raising June above July's stored reading is caught here).
    A lower reading needs a rollover mark or a replacement; nothing is assumed."""
    merged_records = {(r.meter_code, r.year, r.month): r for r in ledger.records}
    merged_records.update({(r.meter_code, r.year, r.month): r for r in plan.records})
    rewritten = set(plan.replacement_months)
    merged = replace(
        ledger,
        records=tuple(merged_records.values()),
        replacements=tuple(r for r in ledger.replacements if (r.meter_code, r.year, r.month) not in rewritten)
        + tuple(plan.replacements),
    )
    written = {(r.meter_code, r.year, r.month) for r in plan.records}
    earliest: dict[str, tuple[int, int]] = {}
    for code, y, m in [(r.meter_code, r.year, r.month) for r in plan.records] + plan.replacement_months:
        earliest[code] = min(earliest.get(code, (y, m)), (y, m))
    for code, y, m in plan.replacement_months:
        rec = merged.record(code, y, m)
        if rec is None or rec.reading is None:
            problems.add(
                REPLACEMENTS_SHEET,
                0,
                "换表",
                f"{code} 在 {y}-{m:02d} 换表，但该月没有新表的本期示数；请在“月度台账”中填写",
            )
    for code, start in earliest.items():
        meter = merged.meter(code)
        if meter.kind is not MeterKind.REGISTER:
            continue
        for r in merged.records_of(code):
            if (r.year, r.month) < start or r.reading is None:
                continue
            use = month_use(merged, meter, r.year, r.month)
            where = f"{code} {r.year}-{r.month:02d}"
            row = rows.get((code, r.year, r.month), 0)
            stored = "" if (code, r.year, r.month) in written else "（已保存的数据）"
            if use.problem is UseProblem.DECREASE:
                problems.add(
                    RECORDS_SHEET,
                    row,
                    "本期示数",
                    f"{where}{stored} 的示数 {plain(r.reading)} 小于上期示数 {plain(use.previous_reading or Decimal(0))}："
                    "如为表计翻转请在“表计翻转”列选“是”，如更换了表计请在“换表记录”中登记，否则请改正示数",
                )
            elif use.problem in (UseProblem.ROLLOVER_IMPLAUSIBLE, UseProblem.ROLLOVER_NO_DIGITS):
                problems.add(
                    RECORDS_SHEET, row, "表计翻转", f"{where}{stored} 标为翻转，但按翻转计算不合理（或表盘位数未登记）"
                )


def apply_import(service: LedgerService, plan: ImportPlan, path: Path) -> None:
    """Write the whole plan in one transaction, after a backup (none when nothing changes)."""
    if plan.writes_nothing:
        return
    service.write_state(plan.stored_state(), backup_reason=f"before-import-{path.stem[:20]}")


# ---- 计量器具 and 年度基本情况 -------------------------------------------------------------------


def _yes_no(v: Any, what: str) -> bool | None:
    text = _text(v)
    if not text:
        return None
    if text in (YES, NO):
        return text == YES
    raise InvalidNumber(f"{what}应填“是”或“否”，而不是“{text}”", "请从下拉列表中选择")


def _meter_text(meter: Meter, key: str, year: int) -> str:
    """An existing meter's value as the template writes it, to see whether a row changed it."""
    return {
        "carrier": meter.carrier.label,
        "unit": meter.unit,
        "kind": meter.kind.label,
        "use": meter.use.label,
        "multiplier": plain(meter.multiplier_on(month_end(year, 12))),
        "digits": "" if meter.register_digits is None else str(meter.register_digits),
        "parent": meter.parent_code or "",
        "initial": "" if meter.initial_reading is None else plain(meter.initial_reading),
        "active_from": meter.active_from.isoformat(),
    }[key]


def _cell_text(v: Any) -> str:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float):
        return plain(Decimal(repr(v)))
    return _text(v)


def _read_meters(
    wb: Any, path: Path, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems
) -> dict[str, Meter]:
    """New meters appended to 计量器具, and description changes of existing ones."""
    cols = {c.key: c for c in METER_COLUMNS}
    result = {m.code: m for m in ledger.meters}
    for row, c in _sheet_rows(wb, METERS_SHEET, METER_COLUMNS, path):
        code = _text(c["code"])
        if not code:
            problems.add(METERS_SHEET, row, "计量器具编号", "不能为空")
            continue
        old = result.get(code)
        if old is not None and code in {m.code for m in ledger.meters}:
            for key in ("carrier", "kind", "use", "multiplier", "digits", "parent", "initial", "active_from"):
                given = _cell_text(c[key])
                if given and given != _meter_text(old, key, year):
                    problems.add(
                        METERS_SHEET,
                        row,
                        cols[key].header,
                        f"已有表计 {code} 的{cols[key].header}不能在工作簿中修改（{_meter_text(old, key, year) or '空'} → {given}）",
                    )
            active_to = _cell_value(problems, METERS_SHEET, row, cols["active_to"], _day, c["active_to"])
            if active_to is not None and active_to != old.active_to:
                problem = retirement_problem(ledger, old, active_to)
                if problem:
                    problems.add(METERS_SHEET, row, "停用日期", problem)
            new = replace(
                old,
                name=_text(c["name"]) or old.name,
                account_no=_text(c["account"]) or old.account_no,
                meter_no=_text(c["meter_no"]) or old.meter_no,
                active_to=active_to or old.active_to,
            )
            if new != old:
                result[code] = new
                plan.meters.append(new)
                plan.changed += 1
                plan.lines.append(f"修改计量器具 {code}：{new.name}")
            continue
        if old is not None:
            problems.add(METERS_SHEET, row, "计量器具编号", f"编号 {code} 重复")
            continue
        if reserved := reserved_code_problem(code):
            problems.add(METERS_SHEET, row, "计量器具编号", f"{reserved}；{RESERVED_CODE_HINT}")
            continue
        meter = _new_meter(c, row, code, year, result, problems)
        if meter is not None:
            result[code] = meter
            plan.meters.append(meter)
            plan.added += 1
            plan.lines.append(f"新增计量器具 {code}：{meter.name}（{meter.carrier.label}，{meter.kind.label}）")
    return result


def _cell_value(problems: _Problems, sheet: str, row: int, col: Column, fn: Any, value: Any) -> Any:
    try:
        return fn(value, col.header)
    except InvalidNumber as exc:
        problems.add(sheet, row, col.header, exc.one_line())
        return None


def _new_meter(
    c: dict[str, Any], row: int, code: str, year: int, known: dict[str, Meter], problems: _Problems
) -> Meter | None:
    cols = {col.key: col for col in METER_COLUMNS}
    before = len(problems.items)
    name = _text(c["name"])
    if not name:
        problems.add(METERS_SHEET, row, "名称", "新增表计须填写名称")
    parsed: dict[str, Any] = {}
    for key, enum_type, default in (
        ("carrier", Carrier, None),
        ("kind", MeterKind, None),
        ("use", UseTag, UseTag.BUILDING),
    ):
        text = _text(c[key])
        try:
            parsed[key] = enum_type.from_text(text) if text else default
        except ValueError:
            options = "、".join(e.label for e in enum_type)
            problems.add(METERS_SHEET, row, cols[key].header, f"“{text}”不是可选值（{options}）")
            continue
        if parsed[key] is None:
            problems.add(METERS_SHEET, row, cols[key].header, "新增表计须填写")
    multiplier = _cell_value(problems, METERS_SHEET, row, cols["multiplier"], _number, c["multiplier"])
    if multiplier is None:
        multiplier = Decimal(1)
    digits = _cell_value(problems, METERS_SHEET, row, cols["digits"], _integer, c["digits"])
    initial = _cell_value(problems, METERS_SHEET, row, cols["initial"], _number, c["initial"])
    active_from = _cell_value(problems, METERS_SHEET, row, cols["active_from"], _day, c["active_from"]) or date(
        year, 1, 1
    )
    active_to = _cell_value(problems, METERS_SHEET, row, cols["active_to"], _day, c["active_to"])
    parent = _text(c["parent"]) or None
    if multiplier <= 0:
        problems.add(METERS_SHEET, row, "倍率", "倍率必须大于 0")
    if active_to is not None and active_to < active_from:
        problems.add(METERS_SHEET, row, "停用日期", f"{active_to.isoformat()} 早于启用日期 {active_from.isoformat()}")
    if digits is not None and not 1 <= digits <= 12:
        problems.add(METERS_SHEET, row, "表盘整数位数", "应为 1—12 的整数")
    if parent is not None and (parent == code or parent not in known):
        problems.add(METERS_SHEET, row, "所属总表", f"找不到总表“{parent}”（总表须先登记）")
    # An unreadable 起始示数 (too large, not a number) was reported above: "须填写" would say it twice.
    if parsed.get("kind") is MeterKind.REGISTER and initial is None and not _text(c["initial"]):
        problems.add(
            METERS_SHEET, row, "起始示数", "示数表须填写起始示数（启用时表盘上的读数），否则第一个月的用量无法计算"
        )
    if initial is not None and initial < 0:
        problems.add(METERS_SHEET, row, "起始示数", "不能为负数")
    if initial is not None and digits is not None and 1 <= digits <= 12 and initial >= Decimal(10) ** digits:
        problems.add(
            METERS_SHEET,
            row,
            "起始示数",
            f"{plain(initial)} 超出 {digits} 位表盘的最大示数（须小于 {Decimal(10) ** digits:f}）；请核对起始示数或表盘整数位数",
        )
    if len(problems.items) > before:
        return None
    return Meter(
        code=code,
        name=name,
        carrier=parsed["carrier"],
        kind=parsed["kind"],
        use=parsed["use"],
        account_no=_text(c["account"]),
        meter_no=_text(c["meter_no"]),
        register_digits=digits,
        initial_reading=initial if parsed["kind"] is MeterKind.REGISTER else None,
        active_from=active_from,
        active_to=active_to,
        multipliers=(MultiplierChange(active_from, multiplier),),
        has_heat_meter=parsed["carrier"] is Carrier.HEAT,
        parent_code=parent,
    )


def _read_profile(
    wb: Any, path: Path, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems
) -> YearProfile | None:
    """The year's 基本情况; ``None`` when the sheet leaves it as it is."""
    col = {c.key: c for c in PROFILE_COLUMNS}["value"]
    keys = {label: key for key, label, _ in PROFILE_ITEMS}
    given: dict[str, tuple[int, Any]] = {}
    sources: dict[str, str] = {}
    for row, c in _sheet_rows(wb, PROFILE_SHEET, PROFILE_COLUMNS, path):
        label = _text(c["item"])
        if label not in keys:
            problems.add(PROFILE_SHEET, row, "项目", f"未知的项目“{label}”，请不要改动项目名称")
            continue
        if c["value"] is not None and _text(c["value"]) != "":
            given[keys[label]] = (row, c["value"])
        if _text(c["source"]):
            sources[keys[label]] = _text(c["source"])
    if not given and not sources:
        return None

    def value(key: str, fn: Any) -> Any:
        if key not in given:
            return None
        row, raw = given[key]
        return _cell_value(
            problems,
            PROFILE_SHEET,
            row,
            replace(col, header=dict((k, lbl) for k, lbl, _ in PROFILE_ITEMS)[key]),
            fn,
            raw,
        )

    old = ledger.profiles.get(year)
    people = value("people", _integer)
    area = value("building_area_m2", _number)
    if old is None and (people is None or area is None):
        problems.add(PROFILE_SHEET, 0, "用能人数、建筑面积", f"{year} 年还没有基本情况，用能人数和建筑面积必须填写")
        return None
    base = old or YearProfile(year, people or 0, area or Decimal(0))

    def pick(key: str, fn: Any, current: Any) -> Any:
        got = value(key, fn)
        return current if got is None else got

    sig = base.signatories
    new = replace(
        base,
        source_notes={**base.source_notes, **sources},
        people=people if people is not None else base.people,
        building_area_m2=area if area is not None else base.building_area_m2,
        staff_quota=pick("staff_quota", _integer, base.staff_quota),
        heated_area_m2=pick("heated_area_m2", _number, base.heated_area_m2),
        data_centre=pick("data_centre", _yes_no, base.data_centre),
        data_centre_area_m2=pick("data_centre_area_m2", _number, base.data_centre_area_m2),
        fuel_vehicles=pick("fuel_vehicles", _integer, base.fuel_vehicles),
        new_energy_vehicles=pick("new_energy_vehicles", _integer, base.new_energy_vehicles),
        canteen=pick("canteen", _yes_no, base.canteen),
        canteen_seats=pick("canteen_seats", _integer, base.canteen_seats),
        signatories=replace(
            sig,
            head=_text(given["head"][1]) if "head" in given else sig.head,
            statistician=_text(given["statistician"][1]) if "statistician" in given else sig.statistician,
            preparer=_text(given["preparer"][1]) if "preparer" in given else sig.preparer,
            report_date=pick("report_date", _day, sig.report_date),
        ),
    )
    for problem in new.problems():
        problems.add(PROFILE_SHEET, given.get("people", (0, None))[0], "基本情况", problem)
    for key in ("staff_quota", "fuel_vehicles", "new_energy_vehicles", "canteen_seats"):
        v = getattr(new, key)
        if v is not None and v < 0:
            problems.add(PROFILE_SHEET, given[key][0], dict((k, lbl) for k, lbl, _ in PROFILE_ITEMS)[key], "不能为负数")
    if new == old:
        plan.unchanged += 1
        return None
    if old is None:
        plan.added += 1
        plan.lines.append(
            f"新增 {year} 年基本情况：用能人数 {new.people} 人，建筑面积 {plain(new.building_area_m2)} m²"
        )
    else:
        plan.changed += 1
        plan.lines.append(f"修改 {year} 年基本情况")
    return new


def _read_ewaste(wb: Any, path: Path, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems) -> None:
    """废旧电子产品: rows not yet recorded are added (a recorded disposal is never changed here)."""
    cols = {c.key: c for c in EWASTE_COLUMNS}
    known = set(ledger.ewaste)
    for row, c in _sheet_rows(wb, EWASTE_SHEET, EWASTE_COLUMNS, path):
        day = _cell_value(problems, EWASTE_SHEET, row, cols["day"], _day, c["day"])
        items = _cell_value(problems, EWASTE_SHEET, row, cols["items"], _integer, c["items"])
        recipient = _text(c["recipient"])
        if day is None or items is None or not recipient:
            problems.add(EWASTE_SHEET, row, "处置", "处置日期、数量和接收单位都必须填写")
            continue
        if day.year != year or items <= 0:
            problems.add(EWASTE_SHEET, row, "处置", f"日期应在 {year} 年内，数量应为正整数")
            continue
        disposal = EwasteDisposal(day, items, recipient, _text(c["certificate"]), _text(c["note"]))
        if disposal in known:
            plan.unchanged += 1
            continue
        known.add(disposal)
        plan.ewaste.append(disposal)
        plan.added += 1
        plan.lines.append(f"新增废旧电子产品处置：{day.isoformat()} {items} 件，{recipient}")


# ---- 工作任务 -------------------------------------------------------------------------------------


def _choice(enum_type: Any, v: Any, what: str) -> Any:
    text = _text(v)
    if not text:
        return None
    try:
        return enum_type.from_text(text)
    except ValueError:
        labels = "、".join(x.label for x in enum_type)
        raise InvalidNumber(f"{what}“{text}”不是可选的值", f"可选：{labels}") from None


def _measures(v: Any, what: str) -> tuple[RetrofitMeasure, ...]:
    parts = [p for p in re.split(r"[、,，/;；\s]+", _text(v)) if p]
    return tuple(_choice(RetrofitMeasure, p, what) for p in parts)


def _parts(v: Any, what: str) -> tuple[Decimal | None, ...]:
    text = _text(v)
    if not text:
        return ()
    parts = [p.strip() for p in re.split(r"[/、,，;；]", text)]
    if len(parts) != len(FOOD_EVAL_PARTS):
        raise InvalidNumber(
            f"{what}应为 {len(FOOD_EVAL_PARTS)} 项，用“/”分隔",
            "依次为" + "、".join(FOOD_EVAL_PARTS) + "，例如 20/18/17/13/15",
        )
    return tuple(_number(p, what) if p else None for p in parts)


def _read_tasks(wb: Any, ledger: Ledger, year: int, plan: ImportPlan, problems: _Problems, path: Path) -> None:
    """工作任务: a row with 编号 changes that task of the year, a row without adds one; tasks not
    in the sheet are kept (a workbook never deletes). New tasks get their ids now, so the import
    is one undo step like the rest."""
    if TASK_SHEET not in wb.sheet_names:  # a workbook made before the sheet existed
        return
    cols = {c.key: c for c in TASK_COLUMNS}
    existing = {t.task_id: t for t in ledger.tasks_of(year) if t.task_id is not None}
    next_id = max((t.task_id or 0 for t in ledger.tasks), default=0) + 1
    seen: set[int] = set()
    bands = grade_bands_in_force()
    for row, c in _sheet_rows(wb, TASK_SHEET, TASK_COLUMNS, path):

        def get(key: str, fn: Any, r: int = row, cells: dict[str, Any] = c) -> Any:
            return _cell_value(problems, TASK_SHEET, r, cols[key], fn, cells[key])

        start = len(problems.items)  # one message per wrong cell, not a second one for its consequence
        kind = get("kind", lambda v, w: _choice(TaskKind, v, w))
        if kind is None:
            if len(problems.items) == start:
                problems.add(TASK_SHEET, row, "类别", "请选择类别（如 节能改造、屋顶光伏）")
            continue
        task_id = get("id", _integer)
        if task_id is not None and task_id not in existing:
            problems.add(TASK_SHEET, row, "编号", f"{year} 年没有编号为 {task_id} 的工作任务；新增的任务请把编号留空")
            continue
        if task_id is not None and task_id in seen:
            problems.add(TASK_SHEET, row, "编号", f"编号 {task_id} 出现了两次")
            continue
        old = existing.get(task_id) if task_id is not None else None
        if old is not None and old.kind is not kind:
            problems.add(TASK_SHEET, row, "类别", f"编号 {task_id} 是{old.kind.label}，不能改成{kind.label}")
            continue
        status = get("status", lambda v, w: _choice(TaskStatus, v, w))
        score = get("quantity", _number)
        new = WorkTask(
            kind=kind,
            year=year,
            task_id=task_id,
            day=get("day", _day),
            quantity=score,
            status=status,
            document_no=_text(c["document_no"]),
            note=_text(c["note"])[:MAX_NOTE_CHARS],
            name=_text(c["name"]),
            measures=get("measures", _measures) or (),
            investment_yuan=get("investment", _number),
            saving_tce=get("saving_tce", _number),
            meter_code=_text(c["meter"]),
            emc_type=get("emc_type", lambda v, w: _choice(EmcType, v, w)),
            contractor=_text(c["contractor"]),
            term_years=get("term", _integer),
            saving_yuan=get("saving_yuan", _number),
            built_year=get("built_year", _integer),
            quarter=get("quarter", _integer),
            part_scores=get("parts", _parts) or (),
            grade=bands.grade(score) if kind is TaskKind.FOOD_WASTE_EVAL and score is not None else "",
            findings=_text(c["findings"]),
        )
        if len(problems.items) > start:
            continue
        found = task_problems(new)
        if found:
            problems.add(TASK_SHEET, row, kind.label, found[0])
            continue
        if old is not None:
            seen.add(old.task_id or 0)
            if new == old:
                plan.unchanged += 1
                continue
            plan.tasks.append(new)
            plan.changed += 1
            plan.lines.append(f"修改工作任务：{kind.label}{'“' + new.name + '”' if new.name else ''}（编号 {task_id}）")
            continue
        plan.tasks.append(replace(new, task_id=next_id))
        next_id += 1
        plan.added += 1
        plan.lines.append(f"新增工作任务：{kind.label}{'“' + new.name + '”' if new.name else ''}")
