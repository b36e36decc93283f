"""The month grid's edits written with the standard library's ``sqlite3``, without SQLAlchemy.

An edit of the grid (monthly records, a month's meter replacements, the month's canteen and
garbage figures, and an undo or redo of one) is one transaction of prepared single statements: an upsert or a delete per changed
row. A workbook import that writes only those and work-plan tasks (with the ids the import gave
them) goes the same way, after its backup. The locked-month check reads the exports of the edited years inside that same transaction
(``BEGIN IMMEDIATE``), so a packet that ``gxjn-cli export`` wrote while the window was open is
seen. Going through SQLAlchemy's Session cost about 0.5 ms per edit, more than the disk's commit.

Values are stored exactly as the ORM stores them (decimals as their exact text, SQLAlchemy's
text forms of DATE and DATETIME): ``tests/storage/test_edit_write.py`` compares the rows both
write. Pragmas as :mod:`gxjn_desktop.storage.database` sets them (WAL, ``synchronous=FULL``,
foreign keys), so a pulled plug loses at most the edit being made.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.exports import ExportRecord
from gxjn_desktop.domain.ledger import StoredState
from gxjn_desktop.domain.numbers import yuan_to_fen
from gxjn_desktop.domain.records import CanteenMonth, GarbageCategory, GarbageMonth, MeterReplacement, MonthlyRecord
from gxjn_desktop.domain.workplan import WorkTask
from gxjn_desktop.storage.sqlite_file import raise_storage_error

#: Refuses the write (raises) when one of the exports read in the transaction locks what it touches.
LockCheck = Callable[[list[ExportRecord]], None]

_EXPORTS = (
    "SELECT year, period_code, revision, exported_at, file_name, key_fingerprint, packet_fingerprint, data_sha256, "
    "reason, reopened_at, reopen_reason, reopened_by FROM packet_export WHERE year = ?"
)  # data_json is not read: the lock needs only which period and revision
_RECORD_UPSERT = (
    "INSERT INTO monthly_record (meter_code, year, month, reading, quantity, cost_fen, source, reading_date, "
    "rollover_confirmed, note, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (meter_code, year, month) DO UPDATE SET reading = excluded.reading, quantity = excluded.quantity, "
    "cost_fen = excluded.cost_fen, source = excluded.source, reading_date = excluded.reading_date, "
    "rollover_confirmed = excluded.rollover_confirmed, note = excluded.note, entered_by = excluded.entered_by, "
    "entered_at = excluded.entered_at"
)
_RECORD_DELETE = "DELETE FROM monthly_record WHERE meter_code = ? AND year = ? AND month = ?"
_CANTEEN_UPSERT = (
    "INSERT INTO canteen_month (year, month, food_waste_kg, diners, food_purchased_kg, note) "
    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (year, month) DO UPDATE SET food_waste_kg = excluded.food_waste_kg, "
    "diners = excluded.diners, food_purchased_kg = excluded.food_purchased_kg, note = excluded.note"
)
_CANTEEN_DELETE = "DELETE FROM canteen_month WHERE year = ? AND month = ?"
_GARBAGE_UPSERT = (
    "INSERT INTO garbage_month (year, month, recyclable_kg, hazardous_kg, kitchen_kg, other_kg, reported_total_kg, "
    "sorting_accuracy_pct, estimates_json, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (year, month) DO UPDATE SET recyclable_kg = excluded.recyclable_kg, "
    "hazardous_kg = excluded.hazardous_kg, kitchen_kg = excluded.kitchen_kg, other_kg = excluded.other_kg, "
    "reported_total_kg = excluded.reported_total_kg, sorting_accuracy_pct = excluded.sorting_accuracy_pct, "
    "estimates_json = excluded.estimates_json, note = excluded.note"
)
_GARBAGE_DELETE = "DELETE FROM garbage_month WHERE year = ? AND month = ?"
_REPLACEMENTS_DELETE = "DELETE FROM meter_replacement WHERE meter_code = ? AND day >= ? AND day < ?"
_REPLACEMENT_INSERT = (
    "INSERT INTO meter_replacement (meter_code, day, old_final_reading, new_initial_reading, reason, old_meter_no, "
    "new_meter_no, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
_TASK_COLUMNS = (
    "year", "kind", "day", "quantity", "status", "document_no", "note", "name", "measures", "investment_fen",
    "saving_tce", "meter_code", "emc_type", "contractor", "term_years", "saving_fen", "built_year", "quarter",
    "part_scores", "grade", "findings",
)  # fmt: skip
_TASK_UPSERT = (
    f"INSERT INTO work_task (id, {', '.join(_TASK_COLUMNS)}) VALUES ({', '.join('?' * (len(_TASK_COLUMNS) + 1))}) "
    f"ON CONFLICT (id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in _TASK_COLUMNS)}"
)
_TASK_DELETE = "DELETE FROM work_task WHERE id = ?"
_GARBAGE_ORDER = (GarbageCategory.RECYCLABLE, GarbageCategory.HAZARDOUS, GarbageCategory.KITCHEN, GarbageCategory.OTHER)


def writes(state: StoredState) -> bool:
    """Whether :class:`EditWriter` writes ``state``: monthly records, a month's meter replacements
    and its canteen and garbage figures (what the grid changes), and work-plan tasks that have their
    id (an import's, and its undo); anything else goes through the ORM."""
    plain = StoredState(
        records=state.records,
        replacements=state.replacements,
        canteen=state.canteen,
        garbage=state.garbage,
        tasks=state.tasks,
    )
    with_ids = all(t is None or t.task_id == task_id for task_id, t in state.tasks)
    return state == plain and not plain.is_empty and with_ids


def _text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"  # as tables.DecimalText binds it


def _day(value: date | None) -> str | None:
    return None if value is None else f"{value.year:04d}-{value.month:02d}-{value.day:02d}"  # SQLAlchemy's DATE


def _moment(value: datetime) -> str:  # SQLAlchemy's DATETIME on SQLite: microseconds always, no zone
    return f"{value.year:04d}-{value.month:02d}-{value.day:02d} {value:%H:%M:%S}.{value.microsecond:06d}"


def _record_row(r: MonthlyRecord, now: datetime) -> tuple[object, ...]:
    return (
        r.meter_code, r.year, r.month, _text(r.reading), _text(r.quantity), r.cost_fen, r.source.value,
        _day(r.reading_date), int(r.rollover_confirmed), r.note, r.entered_by, _moment(r.entered_at or now),
    )  # fmt: skip


def _month_days(year: int, month: int) -> tuple[str, str]:
    """The stored days of a month as a half-open text range (``day`` is stored as YYYY-MM-DD)."""
    after = (year + 1, 1) if month == 12 else (year, month + 1)
    return f"{year:04d}-{month:02d}-01", f"{after[0]:04d}-{after[1]:02d}-01"


def _replacement_row(r: MeterReplacement) -> tuple[object, ...]:
    return (
        r.meter_code, _day(r.day), _text(r.old_final_reading), _text(r.new_initial_reading), r.reason.value,
        r.old_meter_no, r.new_meter_no, r.note,
    )  # fmt: skip


def _canteen_row(c: CanteenMonth) -> tuple[object, ...]:
    return (c.year, c.month, _text(c.food_waste_kg), c.diners, _text(c.food_purchased_kg), c.note)


def estimates_json(g: GarbageMonth) -> str:
    """A month's container estimates as the ``estimates_json`` column holds them (both write paths)."""
    return json.dumps(
        {
            cat.value: {
                "container_litres": str(e.container_litres),
                "times_emptied": e.times_emptied,
                "fill_pct": str(e.fill_pct),
            }
            for cat, e in g.estimated.items()
        }
    )


def _garbage_row(g: GarbageMonth) -> tuple[object, ...]:
    kgs = (_text(g.kg.get(cat)) for cat in _GARBAGE_ORDER)
    return (g.year, g.month, *kgs, _text(g.reported_total_kg), _text(g.sorting_accuracy_pct), estimates_json(g), g.note)


def _task_row(t: WorkTask) -> tuple[object, ...]:
    """A task's row as ``repositories._task_params`` and the ORM's types store it."""
    return (
        t.task_id, t.year, t.kind.value, _day(t.day), _text(t.quantity), t.status.value if t.status else None,
        t.document_no, t.note, t.name, ",".join(m.value for m in t.measures),
        None if t.investment_yuan is None else yuan_to_fen(t.investment_yuan), _text(t.saving_tce), t.meter_code,
        t.emc_type.value if t.emc_type else None, t.contractor, t.term_years,
        None if t.saving_yuan is None else yuan_to_fen(t.saving_yuan), t.built_year, t.quarter,
        ";".join("" if v is None else f"{v:f}" for v in t.part_scores), t.grade, t.findings,
    )  # fmt: skip


def _export(row: tuple[Any, ...]) -> ExportRecord:
    year, period, revision, at, file_name, key_fp, packet_fp, sha256, reason, reopened_at, reopen_reason, by = row
    return ExportRecord(
        year, period, revision, at, file_name, key_fp, packet_fp, sha256, "", reason, reopened_at, reopen_reason, by
    )


class EditWriter:
    """One plain connection to the unit's file, opened with the first edit, for the grid's writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con: sqlite3.Connection | None = None
        self._lock = threading.Lock()  # one transaction at a time on the connection

    def _connection(self) -> sqlite3.Connection:
        if self._con is None:
            con = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            try:
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=FULL")
                con.execute("PRAGMA foreign_keys=ON")
                con.execute("PRAGMA busy_timeout=5000")
            except BaseException:
                con.close()
                raise
            self._con = con
        return self._con

    def write(self, state: StoredState, refuse_locked: LockCheck) -> None:
        """Write ``state`` (see :func:`writes`) in one transaction, after ``refuse_locked`` has seen
        the exports of the years it touches; nothing is written when it raises."""
        years = sorted(
            {y for (_, y, _), _ in (*state.records, *state.replacements)}
            | {y for (y, _), _ in state.canteen}
            | {y for (y, _), _ in state.garbage}
        )
        now = datetime.now()
        with self._lock:
            try:
                con = self._connection()
                con.execute("BEGIN IMMEDIATE")
                try:
                    exports = [_export(row) for y in years for row in con.execute(_EXPORTS, (y,))]
                    refuse_locked(exports)
                    for (code, year, month), _ in state.replacements:  # the month's set is replaced whole
                        con.execute(_REPLACEMENTS_DELETE, (code, *_month_days(year, month)))
                    for _, rps in state.replacements:
                        for rp in rps:
                            con.execute(_REPLACEMENT_INSERT, _replacement_row(rp))
                    # One statement per kind (an import writes a year's records at once).
                    con.executemany(_RECORD_DELETE, [key for key, rec in state.records if rec is None])
                    con.executemany(
                        _RECORD_UPSERT, [_record_row(rec, now) for _, rec in state.records if rec is not None]
                    )
                    for ym, c in state.canteen:
                        if c is None or c.is_empty:  # an empty month is not data: its row goes
                            con.execute(_CANTEEN_DELETE, ym)
                        else:
                            con.execute(_CANTEEN_UPSERT, _canteen_row(c))
                    for ym, g in state.garbage:
                        if g is None or g.is_empty:
                            con.execute(_GARBAGE_DELETE, ym)
                        else:
                            con.execute(_GARBAGE_UPSERT, _garbage_row(g))
                    con.executemany(_TASK_DELETE, [(task_id,) for task_id, t in state.tasks if t is None])
                    con.executemany(_TASK_UPSERT, [_task_row(t) for _, t in state.tasks if t is not None])
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
            except sqlite3.Error as exc:
                raise_storage_error(exc, self.path.parent)

    def exports_of(self, year: int) -> list[ExportRecord]:
        """The packets exported for ``year``, without their data.json (which months they lock), read
        now through the same connection: the grid asks after every edit whether its month is locked,
        and reading every packet whole cost milliseconds per packet kept."""
        with self._lock:
            try:
                return [_export(row) for row in self._connection().execute(_EXPORTS, (year,))]
            except sqlite3.Error as exc:
                raise_storage_error(exc, self.path.parent)

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
