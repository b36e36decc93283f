"""Row ⇄ domain conversion and the queries the services need. Sessions come from the caller."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, delete, func, insert, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.numbers import fen_to_yuan, yuan_to_fen
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
from gxjn_desktop.storage.edit_write import estimates_json
from gxjn_desktop.storage.tables import (
    CanteenMonthRow,
    EwasteRow,
    ExplanationRow,
    GarbageMonthRow,
    MeterRow,
    MonthlyRecordRow,
    MultiplierRow,
    QuotaRow,
    ReplacementRow,
    UnitRow,
    WorkTaskRow,
    YearProfileRow,
)


def _table(row: type[Any]) -> Table:
    """A mapped class's table, for Core statements run once for many rows."""
    return cast(Table, row.__table__)


_GARBAGE_COLUMNS = {
    GarbageCategory.RECYCLABLE: "recyclable_kg",
    GarbageCategory.HAZARDOUS: "hazardous_kg",
    GarbageCategory.KITCHEN: "kitchen_kg",
    GarbageCategory.OTHER: "other_kg",
}


# ---- unit and profile -------------------------------------------------------------------------


def load_unit(s: Session) -> Unit | None:
    row = s.scalars(select(UnitRow).order_by(UnitRow.id)).first()
    if row is None:
        return None
    contacts = tuple(Contact(**c) for c in json.loads(row.contacts_json or "[]"))
    return Unit(
        name=row.name,
        uscc=row.uscc,
        admin_code=row.admin_code,
        institution_type=InstitutionType(row.institution_type),
        climate_zone=ClimateZone(row.climate_zone),
        address=row.address,
        contacts=contacts,
        admin_level=AdminLevel(row.admin_level) if row.admin_level else None,
        party_government_organ=bool(row.party_government_organ),
    )


def save_unit(s: Session, unit: Unit) -> None:
    row = s.scalars(select(UnitRow).order_by(UnitRow.id)).first() or UnitRow()
    row.name, row.uscc, row.admin_code = unit.name, unit.uscc.upper(), unit.admin_code
    row.institution_type, row.climate_zone = unit.institution_type.value, unit.climate_zone.value
    row.address = unit.address
    row.admin_level = unit.admin_level.value if unit.admin_level else None
    row.party_government_organ = int(unit.party_government_organ)
    row.contacts_json = json.dumps(
        [{"role": c.role, "name": c.name, "phone": c.phone} for c in unit.contacts], ensure_ascii=False
    )
    s.add(row)


def _profile(row: YearProfileRow) -> YearProfile:
    return YearProfile(
        year=row.year,
        people=row.people,
        building_area_m2=row.building_area_m2,
        staff_quota=row.staff_quota,
        heated_area_m2=row.heated_area_m2,
        data_centre=bool(row.data_centre),
        data_centre_area_m2=row.data_centre_area_m2,
        fuel_vehicles=row.fuel_vehicles,
        new_energy_vehicles=row.new_energy_vehicles,
        canteen=bool(row.canteen),
        canteen_seats=row.canteen_seats,
        source_notes=json.loads(row.source_notes_json or "{}"),
        signatories=Signatories(row.sign_head, row.sign_statistician, row.sign_preparer, row.report_date),
    )


def save_profile(s: Session, p: YearProfile) -> None:
    row = s.get(YearProfileRow, p.year) or YearProfileRow(year=p.year)
    row.people, row.building_area_m2, row.staff_quota = p.people, p.building_area_m2, p.staff_quota
    row.heated_area_m2, row.data_centre = p.heated_area_m2, int(p.data_centre)
    row.data_centre_area_m2 = p.data_centre_area_m2
    row.fuel_vehicles, row.new_energy_vehicles = p.fuel_vehicles, p.new_energy_vehicles
    row.canteen, row.canteen_seats = int(p.canteen), p.canteen_seats
    row.source_notes_json = json.dumps(p.source_notes, ensure_ascii=False)
    sig = p.signatories
    row.sign_head, row.sign_statistician, row.sign_preparer = sig.head, sig.statistician, sig.preparer
    row.report_date = sig.report_date
    s.add(row)


# ---- meters -----------------------------------------------------------------------------------


def _meter(row: MeterRow, multipliers: list[MultiplierRow]) -> Meter:
    changes = tuple(MultiplierChange(m.effective_from, m.multiplier) for m in multipliers)
    return Meter(
        code=row.code,
        name=row.name,
        carrier=Carrier(row.carrier),
        kind=MeterKind(row.kind),
        use=UseTag(row.use),
        account_no=row.account_no,
        meter_no=row.meter_no,
        register_digits=row.register_digits,
        initial_reading=row.initial_reading,
        active_from=row.active_from,
        active_to=row.active_to,
        multipliers=changes or (MultiplierChange(row.active_from, Decimal(1)),),
        has_heat_meter=bool(row.has_heat_meter),
        parent_code=row.parent_code,
    )


def save_meter(s: Session, m: Meter, sort_order: int | None = None) -> None:
    row = s.get(MeterRow, m.code) or MeterRow(code=m.code)
    row.name, row.carrier, row.kind, row.use = m.name, m.carrier.value, m.kind.value, m.use.value
    row.account_no, row.meter_no, row.register_digits = m.account_no, m.meter_no, m.register_digits
    row.initial_reading, row.active_from, row.active_to = m.initial_reading, m.active_from, m.active_to
    row.has_heat_meter = int(m.has_heat_meter)
    row.parent_code = m.parent_code
    if sort_order is not None:
        row.sort_order = sort_order
    elif row.sort_order is None:
        row.sort_order = (s.scalar(select(MeterRow.sort_order).order_by(MeterRow.sort_order.desc())) or 0) + 1
    s.add(row)
    s.flush()
    # Only the multipliers that changed are rewritten, so saving a meter back (an undo) leaves the
    # stored rows exactly as they were.
    wanted = {(c.effective_from, c.multiplier) for c in m.multipliers}
    kept = set()
    for existing in s.scalars(select(MultiplierRow).where(MultiplierRow.meter_code == m.code)):
        key = (existing.effective_from, existing.multiplier)
        if key in wanted and key not in kept:
            kept.add(key)
        else:
            s.delete(existing)
    s.flush()
    for change in m.multipliers:
        if (change.effective_from, change.multiplier) not in kept:
            s.add(MultiplierRow(meter_code=m.code, effective_from=change.effective_from, multiplier=change.multiplier))


def insert_meters(s: Session, meters: Iterable[Meter]) -> None:
    """Add meters that are not stored yet, in this order, with their multipliers: two statements
    for all of them (writing a whole ledger), where :func:`save_meter` looks each one up."""
    meters = list(meters)
    if not meters:
        return
    s.execute(
        insert(_table(MeterRow)),
        [
            {
                "code": m.code,
                "name": m.name,
                "carrier": m.carrier.value,
                "kind": m.kind.value,
                "use": m.use.value,
                "account_no": m.account_no,
                "meter_no": m.meter_no,
                "register_digits": m.register_digits,
                "initial_reading": m.initial_reading,
                "active_from": m.active_from,
                "active_to": m.active_to,
                "has_heat_meter": int(m.has_heat_meter),
                "sort_order": i,
                "parent_code": m.parent_code,
            }
            for i, m in enumerate(meters)
        ],
    )
    multipliers = [
        {"meter_code": m.code, "effective_from": c.effective_from, "multiplier": c.multiplier}
        for m in meters
        for c in m.multipliers
    ]
    if multipliers:
        s.execute(insert(_table(MultiplierRow)), multipliers)


def delete_meter(s: Session, code: str) -> None:
    """Remove a meter with its multipliers, records and replacements (undoing an import that added it)."""
    for table in (MultiplierRow, MonthlyRecordRow, ReplacementRow):
        s.execute(delete(table).where(table.meter_code == code))
    s.execute(delete(MeterRow).where(MeterRow.code == code))


def delete_profile(s: Session, year: int) -> None:
    s.execute(delete(YearProfileRow).where(YearProfileRow.year == year))


def load_meters(s: Session) -> tuple[Meter, ...]:
    mults: dict[str, list[MultiplierRow]] = {}
    for mr in s.scalars(select(MultiplierRow).order_by(MultiplierRow.effective_from, MultiplierRow.id)):
        mults.setdefault(mr.meter_code, []).append(mr)
    rows = s.scalars(select(MeterRow).order_by(MeterRow.sort_order, MeterRow.code))
    return tuple(_meter(r, mults.get(r.code, [])) for r in rows)


# ---- monthly records --------------------------------------------------------------------------


def _record(row: MonthlyRecordRow) -> MonthlyRecord:
    return MonthlyRecord(
        meter_code=row.meter_code,
        year=row.year,
        month=row.month,
        reading=row.reading,
        quantity=row.quantity,
        cost_fen=row.cost_fen,
        source=Source(row.source),
        reading_date=row.reading_date,
        rollover_confirmed=bool(row.rollover_confirmed),
        note=row.note,
        entered_by=row.entered_by,
        entered_at=row.entered_at,
    )


_RECORD_VALUES = (
    "reading",
    "quantity",
    "cost_fen",
    "source",
    "reading_date",
    "rollover_confirmed",
    "note",
    "entered_by",
    "entered_at",
)


def _record_upsert() -> Any:
    table = _table(MonthlyRecordRow)
    insert = sqlite_insert(table)
    return insert.on_conflict_do_update(
        index_elements=["meter_code", "year", "month"], set_={c: insert.excluded[c] for c in _RECORD_VALUES}
    )


# Built once: the same statement for one edit or six thousand records, so SQLAlchemy compiles it once.
_RECORD_UPSERT = _record_upsert()


def _record_params(r: MonthlyRecord, now: datetime) -> dict[str, Any]:
    return {
        "meter_code": r.meter_code,
        "year": r.year,
        "month": r.month,
        "reading": r.reading,
        "quantity": r.quantity,
        "cost_fen": r.cost_fen,
        "source": r.source.value,
        "reading_date": r.reading_date,
        "rollover_confirmed": int(r.rollover_confirmed),
        "note": r.note,
        "entered_by": r.entered_by,
        "entered_at": r.entered_at or now,
    }


def save_record(s: Session, r: MonthlyRecord) -> None:
    # One statement (an upsert), not a lookup and a flush: this is the path of every grid edit.
    save_records(s, [r])


def save_records(s: Session, records: Iterable[MonthlyRecord]) -> None:
    """Insert or replace records: one upsert executed for all of them (an import, a whole ledger)."""
    now = datetime.now()
    params = [_record_params(r, now) for r in records]
    if params:
        s.execute(_RECORD_UPSERT, params)


def delete_record(s: Session, meter_code: str, year: int, month: int) -> None:
    s.execute(
        delete(MonthlyRecordRow).where(
            MonthlyRecordRow.meter_code == meter_code, MonthlyRecordRow.year == year, MonthlyRecordRow.month == month
        )
    )


def load_records(s: Session) -> tuple[MonthlyRecord, ...]:
    order = (MonthlyRecordRow.year, MonthlyRecordRow.month, MonthlyRecordRow.meter_code)  # as plain_read's
    rows = s.scalars(select(MonthlyRecordRow).order_by(*order))
    return tuple(_record(r) for r in rows)


def load_record(s: Session, meter_code: str, year: int, month: int) -> MonthlyRecord | None:
    row = s.get(MonthlyRecordRow, (meter_code, year, month))
    return None if row is None else _record(row)


# ---- replacements -----------------------------------------------------------------------------


def add_replacement(s: Session, r: MeterReplacement) -> None:
    s.add(
        ReplacementRow(
            meter_code=r.meter_code,
            day=r.day,
            old_final_reading=r.old_final_reading,
            new_initial_reading=r.new_initial_reading,
            reason=r.reason.value,
            old_meter_no=r.old_meter_no,
            new_meter_no=r.new_meter_no,
            note=r.note,
        )
    )


def delete_replacements(s: Session, meter_code: str, year: int, month: int) -> None:
    for row in s.scalars(select(ReplacementRow).where(ReplacementRow.meter_code == meter_code)):
        if (row.day.year, row.day.month) == (year, month):
            s.delete(row)


def load_replacements(s: Session) -> tuple[MeterReplacement, ...]:
    return tuple(
        MeterReplacement(
            meter_code=r.meter_code,
            day=r.day,
            old_final_reading=r.old_final_reading,
            new_initial_reading=r.new_initial_reading,
            reason=ReplacementReason(r.reason),
            old_meter_no=r.old_meter_no,
            new_meter_no=r.new_meter_no,
            note=r.note,
        )
        for r in s.scalars(select(ReplacementRow).order_by(ReplacementRow.day, ReplacementRow.id))
    )


# ---- canteen, garbage, e-waste ----------------------------------------------------------------


def save_canteen(s: Session, c: CanteenMonth) -> None:
    """Save a month; a month with no values is removed (an empty row is not data)."""
    existing = s.get(CanteenMonthRow, (c.year, c.month))
    if c.is_empty:
        if existing is not None:
            s.delete(existing)
        return
    row = existing or CanteenMonthRow(year=c.year, month=c.month)
    row.food_waste_kg, row.diners, row.food_purchased_kg, row.note = (
        c.food_waste_kg,
        c.diners,
        c.food_purchased_kg,
        c.note,
    )
    s.add(row)


def load_canteen(s: Session) -> tuple[CanteenMonth, ...]:
    months = (
        CanteenMonth(r.year, r.month, r.food_waste_kg, r.diners, r.food_purchased_kg, r.note)
        for r in s.scalars(select(CanteenMonthRow).order_by(CanteenMonthRow.year, CanteenMonthRow.month))
    )
    return tuple(c for c in months if not c.is_empty)  # empty rows left by older versions


def save_garbage(s: Session, g: GarbageMonth) -> None:
    """Save a month; a month with no values is removed (an empty row is not data)."""
    existing = s.get(GarbageMonthRow, (g.year, g.month))
    if g.is_empty:
        if existing is not None:
            s.delete(existing)
        return
    row = existing or GarbageMonthRow(year=g.year, month=g.month)
    for cat, column in _GARBAGE_COLUMNS.items():
        setattr(row, column, g.kg.get(cat))
    row.reported_total_kg, row.sorting_accuracy_pct, row.note = g.reported_total_kg, g.sorting_accuracy_pct, g.note
    row.estimates_json = estimates_json(g)
    s.add(row)


def load_garbage(s: Session) -> tuple[GarbageMonth, ...]:
    out = []
    for r in s.scalars(select(GarbageMonthRow).order_by(GarbageMonthRow.year, GarbageMonthRow.month)):
        kg = {cat: v for cat, col in _GARBAGE_COLUMNS.items() if (v := getattr(r, col)) is not None}
        est = {
            GarbageCategory(k): ContainerEstimate(
                Decimal(v["container_litres"]), int(v["times_emptied"]), Decimal(v["fill_pct"])
            )
            for k, v in json.loads(r.estimates_json or "{}").items()
        }
        out.append(GarbageMonth(r.year, r.month, kg, est, r.reported_total_kg, r.sorting_accuracy_pct, r.note))
    return tuple(g for g in out if not g.is_empty)  # empty rows left by older versions


def add_ewaste(s: Session, e: EwasteDisposal) -> None:
    s.add(EwasteRow(day=e.day, items=e.items, recipient=e.recipient, certificate_no=e.certificate_no, note=e.note))


def delete_ewaste(s: Session, e: EwasteDisposal) -> None:
    s.execute(
        delete(EwasteRow).where(
            EwasteRow.day == e.day,
            EwasteRow.items == e.items,
            EwasteRow.recipient == e.recipient,
            EwasteRow.certificate_no == e.certificate_no,
        )
    )


def load_ewaste(s: Session) -> tuple[EwasteDisposal, ...]:
    return tuple(
        EwasteDisposal(r.day, r.items, r.recipient, r.certificate_no, r.note)
        for r in s.scalars(select(EwasteRow).order_by(EwasteRow.day, EwasteRow.id))
    )


# ---- explanations -----------------------------------------------------------------------------


def save_explanation(s: Session, e: Explanation) -> None:
    """One explanation per rule and location: a new one replaces the old (whatever its fingerprint)."""
    for row in s.scalars(
        select(ExplanationRow).where(ExplanationRow.rule_id == e.rule_id, ExplanationRow.location_key == e.location_key)
    ):
        s.delete(row)
    s.flush()
    s.add(
        ExplanationRow(
            rule_id=e.rule_id,
            location_key=e.location_key,
            fingerprint=e.fingerprint,
            cause=e.cause,
            text=e.text,
            entered_by=e.entered_by,
            entered_at=e.entered_at or datetime.now(),
        )
    )


def delete_explanation(s: Session, rule_id: str, location_key: str) -> None:
    s.execute(
        delete(ExplanationRow).where(ExplanationRow.rule_id == rule_id, ExplanationRow.location_key == location_key)
    )


def load_explanations(s: Session) -> tuple[Explanation, ...]:
    return tuple(
        Explanation(r.rule_id, r.location_key, r.fingerprint, r.cause, r.text, r.entered_by, r.entered_at)
        for r in s.scalars(select(ExplanationRow).order_by(ExplanationRow.id))
    )


# ---- quotas -----------------------------------------------------------------------------------


def save_quota(s: Session, q: Quota) -> None:
    """One value per year, indicator and level: a new letter replaces the old value."""
    row = s.scalars(
        select(QuotaRow).where(
            QuotaRow.year == q.year, QuotaRow.indicator == q.indicator.value, QuotaRow.level == q.level.value
        )
    ).first() or QuotaRow(year=q.year, indicator=q.indicator.value, level=q.level.value)
    row.value, row.basis, row.document = q.value, q.basis.value, q.document
    s.add(row)


def delete_quota(s: Session, year: int, indicator: QuotaIndicator, level: QuotaLevel) -> None:
    s.execute(
        delete(QuotaRow).where(
            QuotaRow.year == year, QuotaRow.indicator == indicator.value, QuotaRow.level == level.value
        )
    )


def load_quotas(s: Session) -> tuple[Quota, ...]:
    return tuple(
        Quota(r.year, QuotaIndicator(r.indicator), QuotaLevel(r.level), r.value, Basis(r.basis), r.document)
        for r in s.scalars(select(QuotaRow).order_by(QuotaRow.year, QuotaRow.indicator, QuotaRow.level))
    )


# ---- work-plan tasks -------------------------------------------------------------------------


def _task(r: WorkTaskRow) -> WorkTask:
    return WorkTask(
        kind=TaskKind(r.kind),
        year=r.year,
        task_id=r.id,
        day=r.day,
        quantity=r.quantity,
        status=TaskStatus(r.status) if r.status else None,
        document_no=r.document_no,
        note=r.note,
        name=r.name,
        measures=tuple(RetrofitMeasure(m) for m in r.measures.split(",") if m),
        investment_yuan=None if r.investment_fen is None else fen_to_yuan(r.investment_fen),
        saving_tce=r.saving_tce,
        meter_code=r.meter_code,
        emc_type=EmcType(r.emc_type) if r.emc_type else None,
        contractor=r.contractor,
        term_years=r.term_years,
        saving_yuan=None if r.saving_fen is None else fen_to_yuan(r.saving_fen),
        built_year=r.built_year,
        quarter=r.quarter,
        part_scores=tuple(Decimal(v) if v else None for v in r.part_scores.split(";")) if r.part_scores else (),
        grade=r.grade,
        findings=r.findings,
    )


def _task_params(t: WorkTask) -> dict[str, Any]:
    """A task's columns as stored (everything but the id)."""
    return {
        "year": t.year,
        "kind": t.kind.value,
        "day": t.day,
        "quantity": t.quantity,
        "status": t.status.value if t.status else None,
        "document_no": t.document_no,
        "note": t.note,
        "name": t.name,
        "measures": ",".join(m.value for m in t.measures),
        "investment_fen": None if t.investment_yuan is None else yuan_to_fen(t.investment_yuan),
        "saving_tce": t.saving_tce,
        "meter_code": t.meter_code,
        "emc_type": t.emc_type.value if t.emc_type else None,
        "contractor": t.contractor,
        "term_years": t.term_years,
        "saving_fen": None if t.saving_yuan is None else yuan_to_fen(t.saving_yuan),
        "built_year": t.built_year,
        "quarter": t.quarter,
        "part_scores": ";".join("" if v is None else f"{v:f}" for v in t.part_scores),
        "grade": t.grade,
        "findings": t.findings,
    }


def _task_upsert() -> Any:
    insert = sqlite_insert(_table(WorkTaskRow))
    columns = [c.name for c in _table(WorkTaskRow).columns if c.name != "id"]
    return insert.on_conflict_do_update(index_elements=["id"], set_={c: insert.excluded[c] for c in columns})


_TASK_UPSERT = _task_upsert()


def save_task(s: Session, t: WorkTask) -> int:
    """Insert a new task (``task_id`` None, or an id not yet stored: an import's, or a redo) or
    update the stored one; returns its id."""
    if t.task_id is not None:
        save_tasks(s, [t])
        return t.task_id
    row = WorkTaskRow(**_task_params(t))
    s.add(row)
    s.flush()
    return row.id


def save_tasks(s: Session, tasks: Iterable[WorkTask]) -> None:
    """Several tasks: those with an id in one upsert for all, the others one by one (they get an id)."""
    params = []
    for t in tasks:
        if t.task_id is None:
            save_task(s, t)
        else:
            params.append({"id": t.task_id, **_task_params(t)})
    if params:
        s.execute(_TASK_UPSERT, params)


def next_task_id(s: Session) -> int:
    """The id a new task gets: never one an undo took back (as SQLite's AUTOINCREMENT would give)."""
    taken = s.scalar(select(func.max(WorkTaskRow.id))) or 0
    used = s.execute(text("SELECT seq FROM sqlite_sequence WHERE name = 'work_task'")).scalar() or 0
    return max(int(taken), int(used)) + 1


def delete_task(s: Session, task_id: int) -> None:
    s.execute(delete(WorkTaskRow).where(WorkTaskRow.id == task_id))


def load_tasks(s: Session, year: int | None = None) -> tuple[WorkTask, ...]:
    q = select(WorkTaskRow).order_by(WorkTaskRow.year, WorkTaskRow.id)
    if year is not None:
        q = q.where(WorkTaskRow.year == year)
    return tuple(_task(r) for r in s.scalars(q))


# ---- the whole ledger -------------------------------------------------------------------------


def load_ledger(s: Session) -> Ledger | None:
    unit = load_unit(s)
    if unit is None:
        return None
    profiles = {row.year: _profile(row) for row in s.scalars(select(YearProfileRow))}
    return Ledger(
        unit=unit,
        profiles=profiles,
        meters=load_meters(s),
        records=load_records(s),
        replacements=load_replacements(s),
        canteen=load_canteen(s),
        garbage=load_garbage(s),
        ewaste=load_ewaste(s),
        explanations=load_explanations(s),
        quotas=load_quotas(s),
        tasks=load_tasks(s),
    )


def has_unit(s: Session) -> bool:
    return s.scalars(select(UnitRow.id)).first() is not None


def clear_all(s: Session) -> None:
    """Remove every row (``demo --force``), children first."""
    for table in (
        WorkTaskRow,
        QuotaRow,
        ExplanationRow,
        EwasteRow,
        GarbageMonthRow,
        CanteenMonthRow,
        ReplacementRow,
        MonthlyRecordRow,
        MultiplierRow,
        MeterRow,
        YearProfileRow,
        UnitRow,
    ):
        s.execute(delete(table))


def write_ledger(s: Session, ledger: Ledger) -> None:
    """Insert every part of ``ledger`` into an emptied store (the caller owns the transaction);
    records and meters in one statement each for all rows."""
    save_unit(s, ledger.unit)
    for p in ledger.profiles.values():
        save_profile(s, p)
    s.flush()
    insert_meters(s, ledger.meters)
    save_records(s, ledger.records)
    for rp in ledger.replacements:
        add_replacement(s, rp)
    for c in ledger.canteen:
        save_canteen(s, c)
    for g in ledger.garbage:
        save_garbage(s, g)
    for e in ledger.ewaste:
        add_ewaste(s, e)
    for x in ledger.explanations:
        save_explanation(s, x)
    for q in ledger.quotas:
        save_quota(s, q)
    save_tasks(s, ledger.tasks)
