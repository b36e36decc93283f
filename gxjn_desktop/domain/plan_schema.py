"""The work-plan file format (工作安排, ``gxjn.workplan``): typing and checking its parsed JSON.

Goal ids are those of cli.md's work-plan table. Reading the file itself (size and nesting caps
before parsing) is services.reference_data's; this module sees only parsed values and answers
with one Chinese sentence for the first thing wrong.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from gxjn_desktop.domain.units import AdminLevel
from gxjn_desktop.domain.workplan import Goal, GoalGroup, WorkPlan
from gxjn_desktop.errors import UserError

PLAN_KIND = "gxjn.workplan"
GOAL_IDS = (
    "retrofit_area_m2",
    "pv_projects",
    "pv_capacity_kw",
    "emc_projects",
    "ewaste_items",
    "saving_org_share_pct",
    "water_saving_share_pct_regional_organs",
    "water_saving_share_pct_city_organs",
    "water_saving_share_pct_regional_institutions",
    "water_saving_share_pct_city_institutions",
)
GOAL_UNITS = ("m2", "projects", "kW", "items", "pct")
INDICATOR_KEYS = ("energy_per_capita_pct", "energy_per_area_pct", "water_per_capita_pct", "co2_per_area_pct")
PLAN_HINT = "请使用机关事务管理局下发的工作安排文件原件"


def _need(data: dict[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] is None:
        raise UserError(f"{where}缺少“{key}”", PLAN_HINT)
    return data[key]


def _text(data: dict[str, Any], key: str, where: str, limit: int = 500) -> str:
    v = _need(data, key, where)
    if not isinstance(v, str) or not v.strip() or len(v) > limit:
        raise UserError(f"{where}的“{key}”应为不超过 {limit} 字的文字", PLAN_HINT)
    return v.strip()


def _decimal(v: Any, what: str, low: Decimal, high: Decimal) -> Decimal:
    try:
        d = Decimal(str(v))
    except InvalidOperation as exc:
        raise UserError(f"{what}“{v}”不是数字", PLAN_HINT) from exc
    if not d.is_finite() or not low <= d <= high:
        raise UserError(f"{what} {v} 超出合理范围（{low} 至 {high}）", PLAN_HINT)
    return d


def parse_plan(data: Any, name: str, *, shipped: bool = False) -> WorkPlan:
    """Type a plan file's parsed JSON; numbers may be JSON strings or numbers (read exactly)."""
    where = f"工作安排文件 {name} "
    if not isinstance(data, dict) or data.get("kind") != PLAN_KIND:
        raise UserError(f"{name} 不是 gxjn 工作安排文件（kind 应为 {PLAN_KIND}）", PLAN_HINT)
    try:
        year = int(str(_need(data, "year", where)))
    except ValueError as exc:
        raise UserError(f"{where}的年度不是整数", PLAN_HINT) from exc
    if not 2000 <= year <= 2100:
        raise UserError(f"{where}的年度 {year} 不合理", PLAN_HINT)
    try:
        issued = date.fromisoformat(_text(data, "issued", where, 10))
    except ValueError as exc:
        raise UserError(f"{where}的印发日期应写成 YYYY-MM-DD", PLAN_HINT) from exc
    targets = _need(data, "indicator_targets", where)
    if not isinstance(targets, dict):
        raise UserError(f"{where}的 indicator_targets 应为对象", PLAN_HINT)
    pct = {
        k: _decimal(_need(targets, k, where), f"{where}的目标 {k}", Decimal(-100), Decimal(100)) for k in INDICATOR_KEYS
    }
    raw_goals = _need(data, "goals", where)
    if not isinstance(raw_goals, list) or not raw_goals or len(raw_goals) > 50:
        raise UserError(f"{where}的 goals 应为 1–50 项的列表", PLAN_HINT)
    goals: list[Goal] = []
    for i, g in enumerate(raw_goals, 1):
        goals.append(_goal(g, f"{where}第 {i} 项目标"))
    ids = [g.goal_id for g in goals]
    if len(set(ids)) != len(ids):
        raise UserError(f"{where}有重复的目标编号", PLAN_HINT)
    return WorkPlan(
        year=year,
        version=_text(data, "version", where, 100),
        document=_text(data, "document", where, 100),
        title=_text(data, "title", where, 200),
        issuer=_text(data, "issuer", where, 100),
        issued=issued,
        source=_text(data, "source", where),
        energy_per_capita_pct=pct["energy_per_capita_pct"],
        energy_per_area_pct=pct["energy_per_area_pct"],
        water_per_capita_pct=pct["water_per_capita_pct"],
        co2_per_area_pct=pct["co2_per_area_pct"],
        goals=tuple(goals),
        shipped=shipped,
    )


def _goal(g: Any, where: str) -> Goal:
    if not isinstance(g, dict):
        raise UserError(f"{where}应为对象", PLAN_HINT)
    goal_id = _text(g, "goal", where, 60)
    if goal_id not in GOAL_IDS:
        raise UserError(f"{where}的编号“{goal_id}”不是已知目标（可用：{'、'.join(GOAL_IDS)}）", PLAN_HINT)
    unit = _text(g, "unit", where, 20)
    if unit not in GOAL_UNITS:
        raise UserError(f"{where}的单位“{unit}”不是 {'、'.join(GOAL_UNITS)} 之一", PLAN_HINT)
    raw_target = g.get("target")
    high = Decimal(100) if unit == "pct" else Decimal(10) ** 12
    target = None if raw_target is None else _decimal(raw_target, f"{where}的目标值", Decimal(0), high)
    base = g.get("base_units")
    if base is not None:
        try:
            base = int(str(base))
        except ValueError as exc:
            raise UserError(f"{where}的 base_units 应为整数", PLAN_HINT) from exc
        if not 1 <= base <= 1_000_000:
            raise UserError(f"{where}的 base_units {base} 不合理", PLAN_HINT)
    group = None
    if "group" in g:
        raw = g["group"]
        if not isinstance(raw, dict) or not isinstance(raw.get("organ"), bool):
            raise UserError(f"{where}的 group 应写明 admin_level 和 organ（true/false）", PLAN_HINT)
        try:
            group = GoalGroup(AdminLevel(str(raw.get("admin_level"))), raw["organ"])
        except ValueError as exc:
            raise UserError(f"{where}的 admin_level 应为 regional、city 或 county", PLAN_HINT) from exc
    return Goal(
        goal_id=goal_id,
        label=_text(g, "label", where, 60),
        unit=unit,
        target=target,
        scope=_text(g, "scope", where),
        source=_text(g, "source", where),
        base_units=base,
        group=group,
    )
