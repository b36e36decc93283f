"""The unit's ledger read with the standard library's ``sqlite3``: plain rows, the same domain
values as the ORM's :func:`gxjn_desktop.storage.repositories.load_ledger` (a test compares them).

Start-up shows the month grid from here, before SQLAlchemy is imported (importing it after Qt
costs 0.3–0.4 s), and a snapshot of 12,000 records loads in a tenth of the ORM's time. Only a
file that :func:`gxjn_desktop.storage.store.prepare_database` has checked (integrity, revision)
is read, so the columns are those of the program's schema revision. Each column list below names
the columns of one table in ``tables.py``; a test keeps the two in step.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.exports import ExportRecord
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.numbers import fen_to_yuan
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import (
    CanteenMonth,
    ContainerEstimate,
    EwasteDisposal,
    Explanation,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
    Source,
)
from gxjn_desktop.domain.units import AdminLevel, ClimateZone, Contact, InstitutionType, Signatories, Unit, YearProfile
from gxjn_desktop.domain.workplan import EmcType, RetrofitMeasure, TaskKind, TaskStatus, WorkTask
from gxjn_desktop.storage.sqlite_file import connect_read_only, raise_storage_error

#: table → the columns read, in the order the loaders below unpack them.
COLUMNS: dict[str, tuple[str, ...]] = {
    "unit": (
        "name", "uscc", "admin_code", "institution_type", "climate_zone", "address", "contacts_json", "admin_level",
        "party_government_organ", "id",
    ),
    "year_profile": (
        "year", "people", "building_area_m2", "staff_quota", "heated_area_m2", "data_centre", "data_centre_area_m2",
        "fuel_vehicles", "new_energy_vehicles", "canteen", "canteen_seats", "source_notes_json", "sign_head",
        "sign_statistician", "sign_preparer", "report_date",
    ),
    "meter": (
        "code", "name", "carrier", "kind", "use", "account_no", "meter_no", "register_digits", "initial_reading",
        "active_from", "active_to", "has_heat_meter", "parent_code", "sort_order",
    ),
    "meter_multiplier": ("meter_code", "effective_from", "multiplier", "id"),
    "monthly_record": (
        "meter_code", "year", "month", "reading", "quantity", "cost_fen", "source", "reading_date",
        "rollover_confirmed", "note", "entered_by", "entered_at",
    ),
    "meter_replacement": (
        "meter_code", "day", "old_final_reading", "new_initial_reading", "reason", "old_meter_no", "new_meter_no",
        "note", "id",
    ),
    "canteen_month": ("year", "month", "food_waste_kg", "diners", "food_purchased_kg", "note"),
    "garbage_month": (
        "year", "month", "recyclable_kg", "hazardous_kg", "kitchen_kg", "other_kg", "reported_total_kg",
        "sorting_accuracy_pct", "estimates_json", "note",
    ),
    "ewaste_disposal": ("day", "items", "recipient", "certificate_no", "note", "id"),
    "explanation": ("rule_id", "location_key", "fingerprint", "cause", "text", "entered_by", "entered_at", "id"),
    "quota": ("year", "indicator", "level", "value", "basis", "document", "id"),
    "work_task": (
        "kind", "year", "id", "day", "quantity", "status", "document_no", "note", "name", "measures",
        "investment_fen", "saving_tce", "meter_code", "emc_type", "contractor", "term_years", "saving_fen",
        "built_year", "quarter", "part_scores", "grade", "findings",
    ),
    "packet_export": (
        "year", "period_code", "revision", "exported_at", "file_name", "key_fingerprint", "packet_fingerprint",
        "data_sha256", "data_json", "reason", "reopened_at", "reopen_reason", "reopened_by", "id",
    ),
}  # fmt: skip

#: The ORM's order of each table (ties broken by the primary key, so both loaders agree).
ORDER: dict[str, str] = {
    "unit": "id",
    "year_profile": "year",
    "meter": "sort_order, code",
    "meter_multiplier": "effective_from, id",
    "monthly_record": "year, month, meter_code",
    "meter_replacement": "day, id",
    "canteen_month": "year, month",
    "garbage_month": "year, month",
    "ewaste_disposal": "day, id",
    "explanation": "id",
    "quota": "year, indicator, level",
    "work_task": "year, id",
    "packet_export": "year, period_code, revision",
}


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(v)


def _day(v: Any) -> date | None:
    return None if v is None else date.fromisoformat(v)


def _moment(v: Any) -> datetime | None:
    return None if v is None else datetime.fromisoformat(v)


def _rows(con: sqlite3.Connection, table: str) -> Iterator[tuple[Any, ...]]:
    sql = f"SELECT {', '.join(COLUMNS[table])} FROM {table} ORDER BY {ORDER[table]}"  # names are constants
    return iter(con.execute(sql))


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    """One read transaction (a consistent snapshot); SQLite's refusals become StorageError."""
    try:
        con = connect_read_only(path)
    except sqlite3.Error as exc:
        raise_storage_error(exc, path.parent)
    try:
        con.execute("BEGIN")
        yield con
    except sqlite3.DatabaseError as exc:
        raise_storage_error(exc, path.parent)
    finally:
        con.close()


# ---- the parts of the ledger ------------------------------------------------------------------


def _unit(con: sqlite3.Connection) -> Unit | None:
    row = next(_rows(con, "unit"), None)
    if row is None:
        return None
    name, uscc, admin_code, itype, zone, address, contacts, level, organ, _id = row
    return Unit(
        name=name,
        uscc=uscc,
        admin_code=admin_code,
        institution_type=InstitutionType(itype),
        climate_zone=ClimateZone(zone),
        address=address,
        contacts=tuple(Contact(**c) for c in json.loads(contacts or "[]")),
        admin_level=AdminLevel(level) if level else None,
        party_government_organ=bool(organ),
    )


def _profiles(con: sqlite3.Connection) -> dict[int, YearProfile]:
    out = {}
    for row in _rows(con, "year_profile"):
        (year, people, area, quota, heated, dc, dc_area, fuel, ne, canteen, seats, notes, head, stat, prep, day) = row
        out[year] = YearProfile(
            year=year,
            people=people,
            building_area_m2=Decimal(area),
            staff_quota=quota,
            heated_area_m2=Decimal(heated),
            data_centre=bool(dc),
            data_centre_area_m2=Decimal(dc_area),
            fuel_vehicles=fuel,
            new_energy_vehicles=ne,
            canteen=bool(canteen),
            canteen_seats=seats,
            source_notes=json.loads(notes or "{}"),
            signatories=Signatories(head, stat, prep, _day(day)),
        )
    return out


def _meters(con: sqlite3.Connection) -> tuple[Meter, ...]:
    changes: dict[str, list[MultiplierChange]] = {}
    for code, since, multiplier, _id in _rows(con, "meter_multiplier"):
        changes.setdefault(code, []).append(MultiplierChange(date.fromisoformat(since), Decimal(multiplier)))
    out = []
    for row in _rows(con, "meter"):
        code, name, carrier, kind, use, account, meter_no, digits, initial, start, end, heat, parent, _order = row
        active_from = date.fromisoformat(start)
        out.append(
            Meter(
                code=code,
                name=name,
                carrier=Carrier(carrier),
                kind=MeterKind(kind),
                use=UseTag(use),
                account_no=account,
                meter_no=meter_no,
                register_digits=digits,
                initial_reading=_dec(initial),
                active_from=active_from,
                active_to=_day(end),
                multipliers=tuple(changes.get(code, ())) or (MultiplierChange(active_from, Decimal(1)),),
                has_heat_meter=bool(heat),
                parent_code=parent,
            )
        )
    return tuple(out)


def _records(con: sqlite3.Connection) -> tuple[MonthlyRecord, ...]:
    # The hot loop of a long history (50 meters × 20 years = 12,000 rows): no call for an empty
    # column, enums looked up once, and each record made with its fields at once: a frozen
    # dataclass's __init__ sets them one by one through object.__setattr__, a third of the loop's
    # time. MonthlyRecord has no __post_init__ to skip; a test keeps these names its fields, and
    # the equality test against the ORM's load holds every value.
    sources: dict[str, Source] = {s.value: s for s in Source}
    day, moment = date.fromisoformat, datetime.fromisoformat
    make, set_fields = object.__new__, object.__setattr__
    out = []
    for code, year, month, reading, quantity, cost, source, on, rollover, note, by, at in _rows(con, "monthly_record"):
        record = make(MonthlyRecord)
        set_fields(record, "__dict__", {
            "meter_code": code, "year": year, "month": month,
            "reading": None if reading is None else Decimal(reading),
            "quantity": None if quantity is None else Decimal(quantity),
            "cost_fen": cost, "source": sources[source], "reading_date": None if on is None else day(on),
            "rollover_confirmed": bool(rollover), "note": note, "entered_by": by,
            "entered_at": None if at is None else moment(at),
        })  # fmt: skip
        out.append(record)
    return tuple(out)


def _replacements(con: sqlite3.Connection) -> tuple[MeterReplacement, ...]:
    return tuple(
        MeterReplacement(
            meter_code=code,
            day=date.fromisoformat(day),
            old_final_reading=Decimal(old),
            new_initial_reading=Decimal(new),
            reason=ReplacementReason(reason),
            old_meter_no=old_no,
            new_meter_no=new_no,
            note=note,
        )
        for code, day, old, new, reason, old_no, new_no, note, _id in _rows(con, "meter_replacement")
    )


def _canteen(con: sqlite3.Connection) -> tuple[CanteenMonth, ...]:
    months = (
        CanteenMonth(year, month, _dec(waste), diners, _dec(bought), note)
        for year, month, waste, diners, bought, note in _rows(con, "canteen_month")
    )
    return tuple(c for c in months if not c.is_empty)  # empty rows left by older versions


_GARBAGE_ORDER = (GarbageCategory.RECYCLABLE, GarbageCategory.HAZARDOUS, GarbageCategory.KITCHEN, GarbageCategory.OTHER)


def _garbage(con: sqlite3.Connection) -> tuple[GarbageMonth, ...]:
    out = []
    for year, month, *kgs, reported, accuracy, estimates, note in _rows(con, "garbage_month"):
        kg = {cat: Decimal(v) for cat, v in zip(_GARBAGE_ORDER, kgs, strict=True) if v is not None}
        est = {
            GarbageCategory(k): ContainerEstimate(
                Decimal(v["container_litres"]), int(v["times_emptied"]), Decimal(v["fill_pct"])
            )
            for k, v in json.loads(estimates or "{}").items()
        }
        out.append(GarbageMonth(year, month, kg, est, _dec(reported), _dec(accuracy), note))
    return tuple(g for g in out if not g.is_empty)  # empty rows left by older versions


def _ewaste(con: sqlite3.Connection) -> tuple[EwasteDisposal, ...]:
    return tuple(
        EwasteDisposal(date.fromisoformat(day), items, recipient, certificate, note)
        for day, items, recipient, certificate, note, _id in _rows(con, "ewaste_disposal")
    )


def _explanations(con: sqlite3.Connection) -> tuple[Explanation, ...]:
    return tuple(
        Explanation(rule, location, fingerprint, cause, text, by, _moment(at))
        for rule, location, fingerprint, cause, text, by, at, _id in _rows(con, "explanation")
    )


def _quotas(con: sqlite3.Connection) -> tuple[Quota, ...]:
    return tuple(
        Quota(year, QuotaIndicator(indicator), QuotaLevel(level), Decimal(value), Basis(basis), document)
        for year, indicator, level, value, basis, document, _id in _rows(con, "quota")
    )


def _tasks(con: sqlite3.Connection) -> tuple[WorkTask, ...]:
    out = []
    for row in _rows(con, "work_task"):
        (kind, year, task_id, day, quantity, status, document_no, note, name, measures, investment, saving_tce,
         meter_code, emc, contractor, term, saving, built, quarter, scores, grade, findings) = row  # fmt: skip
        out.append(
            WorkTask(
                kind=TaskKind(kind),
                year=year,
                task_id=task_id,
                day=_day(day),
                quantity=_dec(quantity),
                status=TaskStatus(status) if status else None,
                document_no=document_no,
                note=note,
                name=name,
                measures=tuple(RetrofitMeasure(m) for m in measures.split(",") if m),
                investment_yuan=None if investment is None else fen_to_yuan(investment),
                saving_tce=_dec(saving_tce),
                meter_code=meter_code,
                emc_type=EmcType(emc) if emc else None,
                contractor=contractor,
                term_years=term,
                saving_yuan=None if saving is None else fen_to_yuan(saving),
                built_year=built,
                quarter=quarter,
                part_scores=tuple(Decimal(v) if v else None for v in scores.split(";")) if scores else (),
                grade=grade,
                findings=findings,
            )
        )
    return tuple(out)


# ---- what callers use -------------------------------------------------------------------------


def read_ledger(path: Path) -> Ledger | None:
    """The whole ledger of the unit database at ``path`` (``None`` before a unit is created)."""
    with _reading(path) as con:
        unit = _unit(con)
        if unit is None:
            return None
        return Ledger(
            unit=unit,
            profiles=_profiles(con),
            meters=_meters(con),
            records=_records(con),
            replacements=_replacements(con),
            canteen=_canteen(con),
            garbage=_garbage(con),
            ewaste=_ewaste(con),
            explanations=_explanations(con),
            quotas=_quotas(con),
            tasks=_tasks(con),
        )


def has_unit(path: Path) -> bool:
    with _reading(path) as con:
        return con.execute("SELECT 1 FROM unit LIMIT 1").fetchone() is not None


def read_exports(path: Path) -> list[ExportRecord]:
    """The exported packets (报送), in the order of :func:`exports_repo.load_exports`."""
    with _reading(path) as con:
        return [ExportRecord(*row[:-1]) for row in _rows(con, "packet_export")]
