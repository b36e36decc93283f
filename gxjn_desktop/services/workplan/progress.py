"""The region's progress against the year's work plan, over the packets a bureau accepted.

Input: each accepted packet's data.json (its ``unit`` and ``work_plan`` parts, docs/packet.md).
Counted goals are sums over units; share goals count units of a group (党政机关 for 节约型机关; 区直 /
市直 × 机关 / 事业单位 for 节水型单位); the four indicators are ratios of regional sums (Σ energy ÷
Σ people …) over the units that report both years, never averages of the units' ratios. Every goal
names the units behind its number and the units that reported nothing for it. Figures stay exact
until written: sums as plain decimals, percentages rounded once to 2 places (cli.md §Figures).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.indicators import target_status
from gxjn_desktop.domain.numbers import INDICATOR_PLACES, PERCENT_PLACES, format_fixed, plain
from gxjn_desktop.domain.units import AdminLevel
from gxjn_desktop.domain.workplan import Goal, PlanChoice
from gxjn_desktop.services.workplan.plans import plan_for, plan_json

HUNDRED = Decimal(100)
ORGAN_TYPE = "01"  # 机构类型 国家机关
INSTITUTION_TYPES = ("021", "022", "023", "024", "025", "026")  # 事业单位
SUM_GOALS = {  # goal → (summary key, integer)
    "retrofit_area_m2": ("retrofit_area_m2", False),
    "pv_projects": ("pv_projects", True),
    "pv_capacity_kw": ("pv_capacity_kw", False),
    "emc_projects": ("emc_projects", True),
    "ewaste_items": ("ewaste_items", True),
}
INDICATORS = (  # id, label, numerator, denominator (keys of indicator_basis), the plan's target
    ("energy_per_capita_kgce", "人均综合能耗", "comprehensive_energy_kgce", "people", "energy_per_capita_pct"),
    ("energy_per_area_kgce_m2", "单位建筑面积能耗", "comprehensive_energy_kgce", "area_m2", "energy_per_area_pct"),
    ("water_per_capita_m3", "人均用水量", "water_m3", "people", "water_per_capita_pct"),
    ("co2_per_area_kgco2_m2", "单位建筑面积碳排放", "co2_kg", "area_m2", "co2_per_area_pct"),
)


def _dec(v: Any) -> Decimal:
    try:
        d = Decimal(str(v))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    return d if d.is_finite() else Decimal(0)


@dataclass(frozen=True)
class UnitReport:
    """One unit's accepted packet, as far as the work plan is concerned."""

    uscc: str
    name: str
    admin_code: str
    institution_type: str
    admin_level: AdminLevel | None
    party_government_organ: bool
    summary: dict[str, Any] | None  # None: the packet carries no work plan
    tasks: int = 0
    basis: dict[str, Any] = field(default_factory=dict)  # year → indicator basis

    @property
    def organ(self) -> bool:
        return self.institution_type == ORGAN_TYPE

    @property
    def city_code(self) -> str:
        return self.admin_code[:4] + "00"

    def brief(self, value: Any = None) -> dict[str, Any]:
        out: dict[str, Any] = {"uscc": self.uscc, "name": self.name, "admin_code": self.admin_code}
        if value is not None:
            out["value"] = value
        return out


def unit_report(data: dict[str, Any]) -> UnitReport:
    """Read what the work plan needs from one data.json (a packet before the work plan: no summary)."""
    unit = data.get("unit") if isinstance(data.get("unit"), dict) else {}
    assert isinstance(unit, dict)
    wp = data.get("work_plan") if isinstance(data.get("work_plan"), dict) else None
    wunit = wp.get("unit", {}) if wp else {}
    level_text = (wunit or {}).get("admin_level") or unit.get("admin_level")
    try:
        level = AdminLevel(level_text) if level_text else None
    except ValueError:
        level = None
    summary = wp.get("summary") if wp and isinstance(wp.get("summary"), dict) else None
    basis = summary.get("indicator_basis", {}) if summary else {}
    return UnitReport(
        uscc=str(unit.get("uscc", "")),
        name=str(unit.get("name", "")),
        admin_code=str(unit.get("admin_code", "")),
        institution_type=str(unit.get("institution_type", "")),
        admin_level=level,
        party_government_organ=bool((wunit or {}).get("party_government_organ", unit.get("party_government_organ"))),
        summary=summary,
        tasks=len(wp.get("tasks") or []) if wp else 0,
        basis=basis if isinstance(basis, dict) else {},
    )


def _pct(part: Decimal, whole: Decimal) -> str | None:
    return format_fixed(part * HUNDRED / whole, PERCENT_PLACES) if whole else None


GOAL_STATUS_LABELS = {"met": "已完成", "not_met": "未完成", "no_target": "无目标", "no_data": "无数据"}


def _status(achieved: Decimal | None, target: Decimal | None) -> str:
    if target is None:
        return "no_target"
    if achieved is None:
        return "no_data"
    return "met" if achieved >= target else "not_met"


def _breakdown(reports: list[UnitReport], key: str, integer: bool) -> dict[str, dict[str, str]]:
    """The sum by 行政层级, by 机构类型 and by city (设区市, the first four digits of 行政区划代码)."""
    out: dict[str, dict[str, str]] = {"admin_level": {}, "institution_type": {}, "city": {}}
    sums: dict[str, dict[str, Decimal]] = {k: {} for k in out}
    for r in reports:
        assert r.summary is not None
        v = _dec(r.summary.get(key))
        for dim, group in (
            ("admin_level", r.admin_level.value if r.admin_level else "unknown"),
            ("institution_type", r.institution_type),
            ("city", r.city_code),
        ):
            sums[dim][group] = sums[dim].get(group, Decimal(0)) + v
    for dim, groups in sums.items():
        out[dim] = {g: str(int(v)) if integer else plain(v) for g, v in sorted(groups.items())}
    return out


def _sum_goal(goal: Goal, reports: list[UnitReport], silent: list[UnitReport]) -> dict[str, Any]:
    key, integer = SUM_GOALS[goal.goal_id]
    counted = [r for r in reports if r.summary is not None]
    values = [(r, _dec(r.summary.get(key))) for r in counted if r.summary is not None]
    total = sum((v for _, v in values), Decimal(0))
    return {
        "goal": goal.goal_id,
        "label": goal.label,
        "unit": goal.unit,
        "target": None if goal.target is None else plain(goal.target),
        "achieved": str(int(total)) if integer else plain(total),
        "share_pct": _pct(total, goal.target) if goal.target else None,
        "status": _status(total, goal.target),
        "status_label": GOAL_STATUS_LABELS[_status(total, goal.target)],
        "units_counted": len(counted),
        "units": [r.brief(str(int(v)) if integer else plain(v)) for r, v in values if v],
        "units_reporting_nothing": [r.brief() for r, v in values if not v] + [r.brief() for r in silent],
        "by": _breakdown(counted, key, integer),
    }


def _share_goal(
    goal: Goal,
    reports: list[UnitReport],
    silent: list[UnitReport],
    members: list[UnitReport],
    flag: str,
    base: int | None,
) -> dict[str, Any]:
    counted = [r for r in members if r.summary is not None]
    built = [r for r in counted if r.summary is not None and r.summary.get(flag) is True]
    share = Decimal(len(built)) * HUNDRED / len(counted) if counted else None
    out: dict[str, Any] = {
        "goal": goal.goal_id,
        "label": goal.label,
        "unit": goal.unit,
        "target": None if goal.target is None else plain(goal.target),
        "achieved": format_fixed(share, PERCENT_PLACES),
        "share_pct": format_fixed(share, PERCENT_PLACES),
        "status": _status(None if share is None else Decimal(format_fixed(share, PERCENT_PLACES) or 0), goal.target),
        "count": len(built),
        "units_counted": len(counted),
        "scope": goal.scope,
        "units": [r.brief(True) for r in built],
        "units_not_built": [r.brief() for r in counted if r not in built],
        "units_reporting_nothing": [r.brief() for r in members if r.summary is None]
        + [r.brief() for r in silent if r in members],
    }
    if base is not None:
        out["base_units"] = base
        out["share_of_base_pct"] = _pct(Decimal(len(built)), Decimal(base))
    return out


def _indicators(reports: list[UnitReport], choice: PlanChoice, year: int) -> list[dict[str, Any]]:
    """Σ numerator ÷ Σ denominator for the year and the year before, over units that report both."""
    both = [
        r for r in reports if isinstance(r.basis.get(str(year)), dict) and isinstance(r.basis.get(str(year - 1)), dict)
    ]
    out = []
    for ind_id, label, num, den, attr in INDICATORS:
        cur_n = sum((_dec(r.basis[str(year)][num]) for r in both), Decimal(0))
        cur_d = sum((_dec(r.basis[str(year)][den]) for r in both), Decimal(0))
        pre_n = sum((_dec(r.basis[str(year - 1)][num]) for r in both), Decimal(0))
        pre_d = sum((_dec(r.basis[str(year - 1)][den]) for r in both), Decimal(0))
        value = cur_n / cur_d if cur_d else None
        previous = pre_n / pre_d if pre_d else None
        change = (value - previous) / previous * HUNDRED if value is not None and previous else None
        target: Decimal = getattr(choice.plan, attr)
        shown = Decimal(format_fixed(change, PERCENT_PLACES) or 0) if change is not None else None
        out.append(
            {
                "indicator": ind_id,
                "label": label,
                "value": format_fixed(value, INDICATOR_PLACES),
                "previous": format_fixed(previous, INDICATOR_PLACES),
                "change_pct": format_fixed(change, PERCENT_PLACES),
                "target_pct": plain(target),
                "status": target_status(shown, target).value,
                "status_label": target_status(shown, target).label,
                "units_counted": len(both),
            }
        )
    return out


def compute_progress(packets: Iterable[dict[str, Any]], choice: PlanChoice, year: int) -> dict[str, Any]:
    """``bureau progress --json``: every goal of ``choice``'s plan over the accepted packets."""
    reports = sorted((unit_report(d) for d in packets), key=lambda r: (r.admin_code, r.uscc))
    silent = [r for r in reports if r.summary is None or (r.tasks == 0 and not r.summary.get("ewaste_items"))]
    goals: list[dict[str, Any]] = []
    for goal in choice.plan.goals:
        if goal.goal_id in SUM_GOALS:
            goals.append(_sum_goal(goal, reports, silent))
        elif goal.goal_id == "saving_org_share_pct":
            members = [r for r in reports if r.party_government_organ]
            goals.append(_share_goal(goal, reports, silent, members, "saving_org", goal.base_units))
        elif goal.group is not None:
            g = goal.group
            members = [
                r
                for r in reports
                if r.admin_level is g.admin_level and (r.organ if g.organ else r.institution_type in INSTITUTION_TYPES)
            ]
            goals.append(_share_goal(goal, reports, silent, members, "water_saving_unit", None))
    for entry in goals:
        entry.setdefault("status_label", GOAL_STATUS_LABELS[entry["status"]])
    return {
        "year": year,
        "plan": plan_json(choice),
        "units": len(reports),
        "units_with_work_plan": sum(1 for r in reports if r.summary is not None),
        "units_reporting_nothing": [r.brief() for r in silent],
        "units_without_admin_level": [r.brief() for r in reports if r.admin_level is None],
        "goals": goals,
        "indicators": _indicators(reports, choice, year),
        "by_unit": [_unit_row(r) for r in reports],
    }


def _unit_row(r: UnitReport) -> dict[str, Any]:
    """One unit's part in every goal (the 工作安排进度 sheet's detail table)."""
    s = r.summary or {}
    return {
        **r.brief(),
        "institution_type": r.institution_type,
        "admin_level": r.admin_level.value if r.admin_level else None,
        "party_government_organ": r.party_government_organ,
        "reported": r.summary is not None,
        "tasks": r.tasks,
        "retrofit_area_m2": s.get("retrofit_area_m2"),
        "pv_projects": s.get("pv_projects"),
        "pv_capacity_kw": s.get("pv_capacity_kw"),
        "emc_projects": s.get("emc_projects"),
        "ewaste_items": s.get("ewaste_items"),
        "saving_org": s.get("saving_org"),
        "water_saving_unit": s.get("water_saving_unit"),
    }


def progress_for(packets: Iterable[dict[str, Any]], year: int, data_dir: Path | None) -> dict[str, Any]:
    """``bureau progress`` over ``packets`` (the bureau's accepted data.json of the year), with the
    plan that applies to ``year`` (plans imported into ``data_dir`` too)."""
    return compute_progress(packets, plan_for(year, data_dir), year)
