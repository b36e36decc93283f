"""The unit's year in the work plan's terms: its tasks as JSON and the figures the goals count.

What this module writes is what ``plan --json`` prints, what the packet's ``data.json`` carries
under ``work_plan`` and what the bureau sums in ``bureau progress``; docs/packet.md describes it.
Decimal figures are exact plain strings (cli.md §JSON); nothing is rounded here.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.consumption import month_use
from gxjn_desktop.domain.indicators import period_figures
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import QUANTITY_PLACES, format_fixed, plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.domain.units import InstitutionType
from gxjn_desktop.domain.workplan import (
    FOOD_EVAL_PARTS,
    TASK_FIELDS,
    PlanChoice,
    TaskKind,
    TaskStatus,
    WorkTask,
    choose_plan,
)
from gxjn_desktop.services.reference_data import load_work_plans
from gxjn_desktop.services.workplan.plans import plan_json

GRAMS_PER_KG = Decimal(1000)
HUNDRED = Decimal(100)
DERIVED_TASK_KEYS = ("generation_kwh", "canteen_waste_g_per_diner")  # computed from the monthly records
IMPLEMENTED = (TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED)  # a signed EMC contract counts


def _s(v: Decimal | None) -> str | None:
    return None if v is None else plain(v)


def pv_generation_kwh(ledger: Ledger, meter_code: str, year: int) -> Decimal | None:
    """The PV meter's generation over the year's recorded months (None without such a meter)."""
    meter = next((m for m in ledger.meters if m.code == meter_code and m.carrier is Carrier.PV), None)
    if meter is None:
        return None
    total = Decimal(0)
    for month in range(1, 13):
        if meter.active_in(year, month) and ledger.record(meter.code, year, month) is not None:
            use = month_use(ledger, meter, year, month)
            total += use.quantity or Decimal(0)
    return total


def canteen_grams_per_diner(ledger: Ledger, year: int, months: tuple[int, ...]) -> Decimal | None:
    """人均餐厨垃圾 g/人次 over ``months`` (ratio of sums); None without both figures."""
    kg, diners = Decimal(0), 0
    for m in months:
        c = ledger.canteen_month(year, m)
        if c is not None and c.food_waste_kg is not None and c.diners:
            kg += c.food_waste_kg
            diners += c.diners
    return kg * GRAMS_PER_KG / diners if diners else None


def _quarter_months(q: int) -> tuple[int, ...]:
    return (3 * q - 2, 3 * q - 1, 3 * q)


def task_json(ledger: Ledger, t: WorkTask) -> dict[str, Any]:
    """One task: the common fields, then only the fields its kind uses."""
    fields = {f.name: f for f in TASK_FIELDS[t.kind]}
    q = fields.get("quantity")
    out: dict[str, Any] = {
        "id": t.task_id,
        "kind": t.kind.value,
        "kind_label": t.kind.label,
        "year": t.year,
        "date": t.day.isoformat() if t.day else None,
        "quantity": _s(t.quantity),
        "quantity_label": q.label if q else None,
        "quantity_unit": q.unit if q else None,
        "status": t.status.value if t.status else None,
        "status_label": t.status.label if t.status else None,
        "document_no": t.document_no,
        "note": t.note,
    }
    if "name" in fields:
        out["name"] = t.name
    if t.kind is TaskKind.RETROFIT:
        out["measures"] = [m.value for m in t.measures]
        out["measure_labels"] = [m.label for m in t.measures]
    if "investment_yuan" in fields:
        out["investment_yuan"] = _s(t.investment_yuan)
    if "saving_tce" in fields:
        out["saving_tce"] = _s(t.saving_tce)
    if t.kind is TaskKind.PV:
        out["meter_code"] = t.meter_code or None
        out["generation_kwh"] = _s(pv_generation_kwh(ledger, t.meter_code, t.year)) if t.meter_code else None
    if t.kind is TaskKind.EMC:
        out["emc_type"] = t.emc_type.value if t.emc_type else None
        out["emc_type_label"] = t.emc_type.label if t.emc_type else None
        out["contractor"] = t.contractor
        out["term_years"] = t.term_years
        out["saving_yuan"] = _s(t.saving_yuan)
    if "built_year" in fields:
        out["built_year"] = t.built_year
    if "quarter" in fields:
        out["quarter"] = t.quarter
    if t.kind is TaskKind.FOOD_WASTE_EVAL:
        out["part_scores"] = {p: _s(v) for p, v in zip(FOOD_EVAL_PARTS, t.part_scores, strict=False)}
        out["grade"] = t.grade or None
        grams = canteen_grams_per_diner(ledger, t.year, _quarter_months(t.quarter)) if t.quarter else None
        out["canteen_waste_g_per_diner"] = format_fixed(grams, QUANTITY_PLACES)  # a quantity, written rounded
    if t.kind is TaskKind.PLASTICS_CHECK:
        out["findings"] = t.findings
    return out


def _latest(ledger: Ledger, kind: TaskKind, year: int) -> WorkTask | None:
    """The most recent task of ``kind`` recorded for ``year`` or earlier (statuses carry forward)."""
    found = [t for t in ledger.tasks if t.kind is kind and t.year <= year]
    return max(found, key=lambda t: (t.year, t.day or date(t.year, 1, 1), t.task_id or 0)) if found else None


def _achieved(ledger: Ledger, kind: TaskKind, year: int) -> bool:
    t = _latest(ledger, kind, year)
    return t is not None and t.status is not None and t.status.achieved


def summary_json(ledger: Ledger, year: int, reference: ReferenceData) -> dict[str, Any]:
    """The figures the plan's goals count, for one unit and year, exact."""
    tasks = ledger.tasks_of(year)
    retrofits = [t for t in tasks if t.kind is TaskKind.RETROFIT and t.status is TaskStatus.COMPLETED]
    pvs = [t for t in tasks if t.kind is TaskKind.PV and t.status is TaskStatus.COMPLETED]
    emcs = [t for t in tasks if t.kind is TaskKind.EMC and t.status in IMPLEMENTED]
    pv_meters = sorted(
        {t.meter_code for t in ledger.tasks if t.kind is TaskKind.PV and t.year <= year and t.meter_code}
    )
    generation = [g for g in (pv_generation_kwh(ledger, c, year) for c in pv_meters) if g is not None]
    profile = ledger.profiles.get(year)
    fleet = (profile.fuel_vehicles + profile.new_energy_vehicles) if profile else 0
    charging = _latest(ledger, TaskKind.CHARGING, year)
    plastics = [t for t in tasks if t.kind is TaskKind.PLASTICS_CHECK]
    return {
        "retrofit_area_m2": plain(sum((t.quantity or Decimal(0) for t in retrofits), Decimal(0))),
        "retrofit_projects": len(retrofits),
        "pv_projects": len(pvs),
        "pv_capacity_kw": plain(sum((t.quantity or Decimal(0) for t in pvs), Decimal(0))),
        "pv_generation_kwh": plain(sum(generation, Decimal(0))) if generation else None,
        "emc_projects": len(emcs),
        "ewaste_items": sum(e.items for e in ledger.ewaste if e.day.year == year),
        "saving_org": _achieved(ledger, TaskKind.SAVING_ORG, year),
        "water_saving_unit": _achieved(ledger, TaskKind.WATER_SAVING, year),
        "demonstration": sorted(
            {
                t.name
                for t in ledger.tasks
                if t.kind is TaskKind.DEMONSTRATION and t.year <= year and t.status and t.status.achieved
            }
        ),
        "new_energy_vehicles": profile.new_energy_vehicles if profile else None,
        "fleet_vehicles": fleet if profile else None,
        "new_energy_vehicle_share_pct": plain(Decimal(profile.new_energy_vehicles) * HUNDRED / fleet)
        if profile and fleet
        else None,
        "charging_piles": int(charging.quantity) if charging and charging.quantity is not None else None,
        "electric_kitchen": _achieved(ledger, TaskKind.ELECTRIC_KITCHEN, year),
        "steam_electrified": _achieved(ledger, TaskKind.STEAM_ELECTRIFICATION, year),
        "food_waste_evaluations": [
            {
                "quarter": t.quarter,
                "score": _s(t.quantity),
                "grade": t.grade or None,
                "canteen_waste_g_per_diner": format_fixed(
                    canteen_grams_per_diner(ledger, year, _quarter_months(t.quarter)), QUANTITY_PLACES
                )
                if t.quarter
                else None,
            }
            for t in sorted((t for t in tasks if t.kind is TaskKind.FOOD_WASTE_EVAL), key=lambda t: t.quarter or 0)
        ],
        "garbage_evaluations": [
            {"quarter": t.quarter, "accuracy_pct": _s(t.quantity)}
            for t in sorted((t for t in tasks if t.kind is TaskKind.GARBAGE_EVAL), key=lambda t: t.quarter or 0)
        ],
        "plastics_self_check": bool(plastics) and any(t.status is TaskStatus.YES for t in plastics),
        "indicator_basis": {str(y): _basis(ledger, y, reference) for y in (year - 1, year)},
    }


def _basis(ledger: Ledger, year: int, reference: ReferenceData) -> dict[str, Any] | None:
    """The numerators and denominators of the four indicators, so a bureau can take ratios of sums."""
    profile = ledger.profiles.get(year)
    figures = period_figures(ledger, reference, Period.parse(year))
    if profile is None or not figures.has_data:
        return None
    return {
        "comprehensive_energy_kgce": plain(figures.comprehensive_kgce),
        "water_m3": plain(figures.water_t),
        "co2_kg": plain(figures.co2_kg),
        "people": profile.people,
        "area_m2": plain(profile.building_area_m2),
        "complete": not figures.gaps,
    }


def unit_json(ledger: Ledger) -> dict[str, Any]:
    u = ledger.unit
    return {
        "name": u.name,
        "uscc": u.uscc,
        "admin_code": u.admin_code,
        "institution_type": u.institution_type.value,
        "organ": u.institution_type is InstitutionType.ORGAN,
        "admin_level": u.admin_level.value if u.admin_level else None,
        "admin_level_label": u.admin_level.label if u.admin_level else None,
        "party_government_organ": u.party_government_organ,
    }


def work_plan_json(ledger: Ledger, year: int, choice: PlanChoice, reference: ReferenceData) -> dict[str, Any]:
    """``plan --json`` and the packet's ``work_plan``: the plan, the unit, its tasks, the summary."""
    return {
        "plan": plan_json(choice),
        "unit": unit_json(ledger),
        "tasks": [task_json(ledger, t) for t in sorted(ledger.tasks_of(year), key=_order)],
        "summary": summary_json(ledger, year, reference),
    }


def packet_work_plan(ledger: Ledger, year: int, reference: ReferenceData, data_dir: Path | None) -> dict[str, Any]:
    """The packet's ``work_plan``: as ``plan --json``, with ``plan`` null for a year before the
    first plan (the tasks travel all the same)."""
    choice = choose_plan(load_work_plans(data_dir), year)
    data = work_plan_json(ledger, year, choice, reference) if choice else None
    if data is None:
        data = {
            "plan": None,
            "unit": unit_json(ledger),
            "tasks": [task_json(ledger, t) for t in sorted(ledger.tasks_of(year), key=_order)],
            "summary": summary_json(ledger, year, reference),
        }
    return data


def _order(t: WorkTask) -> tuple[int, int, str, int]:
    kinds = list(TaskKind)
    return (kinds.index(t.kind), t.quarter or 0, t.day.isoformat() if t.day else "", t.task_id or 0)
