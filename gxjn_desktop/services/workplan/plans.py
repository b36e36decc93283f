"""Which work plan applies to a year, and importing a plan the bureau issued for a later year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.workplan import PlanChoice, WorkPlan, choose_plan
from gxjn_desktop.durable import write_durably
from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import imported_plan_dir
from gxjn_desktop.services.reference_data import load_work_plans, read_plan_file


def plan_for(year: int, data_dir: Path | None = None) -> PlanChoice:
    """The plan of ``year``, or the latest earlier one (沿用); a user error before the first plan."""
    plans = load_work_plans(data_dir)
    choice = choose_plan(plans, year)
    if choice is None:
        first = plans[0].year if plans else None
        raise UserError(
            f"{year} 年没有适用的工作安排（最早的工作安排为 {first} 年）",
            "请选择该年或以后的年度，或导入机关事务管理局下发的工作安排文件",
        )
    return choice


def import_plan(path: Path, data_dir: Path) -> WorkPlan:
    """Check ``path`` as a hostile file and keep it in the data folder as ``workplan-YYYY.json``.

    A year that has a shipped plan is refused (the shipped one is the issued text); an earlier
    import for the same year is replaced, other years are kept.
    """
    plan = read_plan_file(path)
    shipped = {p.year for p in load_work_plans() if p.shipped}
    if plan.year in shipped:
        raise UserError(
            f"{plan.year} 年工作安排随程序提供（{plan.document}），不能用导入的文件替换", "请导入以后年度的工作安排"
        )
    folder = imported_plan_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"workplan-{plan.year}.json"
    write_durably(target, path.read_bytes())  # all or nothing: a half-written plan is never read
    return plan


def plan_json(choice: PlanChoice) -> dict[str, Any]:
    """The ``plan`` object of ``plan --json``, the packet and ``bureau progress`` (cli.md)."""
    p = choice.plan
    return {
        "year": choice.year,
        "plan_year": p.year,
        "version": p.version,
        "document": p.document,
        "title": p.title,
        "issuer": p.issuer,
        "issued": p.issued.isoformat(),
        "carried_over": choice.carried_over,
        "label": choice.label,
        "indicator_targets": {
            "energy_per_capita_pct": plain(p.energy_per_capita_pct),
            "energy_per_area_pct": plain(p.energy_per_area_pct),
            "water_per_capita_pct": plain(p.water_per_capita_pct),
            "co2_per_area_pct": plain(p.co2_per_area_pct),
        },
        "goals": [
            {
                "goal": g.goal_id,
                "label": g.label,
                "unit": g.unit,
                "target": None if g.target is None else plain(g.target),
                "scope": g.scope,
                **({"base_units": g.base_units} if g.base_units is not None else {}),
            }
            for g in p.goals
        ],
    }
