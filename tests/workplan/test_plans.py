"""The work plan as data: the shipped 2023 plan, the latest-plan fallback, importing a later one."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.domain.plan_schema import GOAL_IDS
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.reference_data import (
    MAX_PLAN_BYTES,
    imported_plan_dir,
    json_depth,
    load_reference,
    load_work_plans,
    reference_dir,
)
from gxjn_desktop.services.workplan.plans import import_plan, plan_for, plan_json

SHARED_CLI = Path("/work/shared/cli.md")


def _plan_2023() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((reference_dir() / "workplan-2023.json").read_text(encoding="utf-8"))
    return data


def _later(year: int = 2026, **changes: Any) -> dict[str, Any]:
    data = _plan_2023()
    data.update(year=year, document=f"桂事管发〔{year}〕3号", issued=f"{year}-02-10", version=f"{year}.1")
    data.update(changes)
    return data


def _write(tmp_path: Path, data: Any, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_2023_plan_holds_the_seeds_targets_and_goals() -> None:
    (plan,) = load_work_plans()
    assert (plan.year, plan.document, plan.issued.isoformat()) == (2023, "桂事管发〔2023〕7号", "2023-02-08")
    assert (plan.energy_per_capita_pct, plan.energy_per_area_pct) == (Decimal("-1.1"), Decimal("-0.9"))
    assert (plan.water_per_capita_pct, plan.co2_per_area_pct) == (Decimal("-1.1"), Decimal("-1.8"))
    targets = {g.goal_id: g.target for g in plan.goals}
    assert targets == {
        "retrofit_area_m2": Decimal(1800000),
        "pv_projects": Decimal(50),
        "pv_capacity_kw": None,
        "emc_projects": Decimal(18),
        "ewaste_items": Decimal(17000),
        "saving_org_share_pct": Decimal(85),
        "water_saving_share_pct_regional_organs": Decimal(100),
        "water_saving_share_pct_city_organs": Decimal(100),
        "water_saving_share_pct_regional_institutions": Decimal(60),
        "water_saving_share_pct_city_institutions": Decimal(50),
    }
    assert plan.goal("saving_org_share_pct").base_units == 980
    assert all(g.source and g.scope for g in plan.goals)


def test_the_plans_indicator_targets_agree_with_targets_json() -> None:
    (plan,) = load_work_plans()
    target = next(t for t in load_reference().targets if t.year == plan.year)
    assert (target.energy_per_capita_pct, target.energy_per_area_pct) == (
        plan.energy_per_capita_pct,
        plan.energy_per_area_pct,
    )
    assert (target.water_per_capita_pct, target.co2_per_area_pct) == (plan.water_per_capita_pct, plan.co2_per_area_pct)


@pytest.mark.skipif(not SHARED_CLI.exists(), reason="the binding cli.md is not beside the repository")
def test_goal_ids_are_those_of_cli_md() -> None:
    table = SHARED_CLI.read_text(encoding="utf-8").split("## Work-plan goals")[1]
    ids = set(re.findall(r"^\| `([a-z_0-9]+)` \|", table, re.M)) | {"pv_capacity_kw"}
    assert ids == set(GOAL_IDS)


def test_a_year_without_its_own_plan_uses_the_latest_earlier_one_and_says_so(data_dir: Path) -> None:
    own = plan_for(2023, data_dir)
    assert not own.carried_over and "沿用" not in own.label
    later = plan_for(2025, data_dir)
    assert later.carried_over and later.plan.year == 2023
    assert "沿用 2023 年工作安排目标" in later.label
    assert plan_json(later)["carried_over"] is True and "沿用 2023 年工作安排目标" in plan_json(later)["label"]
    with pytest.raises(UserError, match="2022 年没有适用的工作安排"):
        plan_for(2022, data_dir)


def test_an_imported_later_plan_applies_from_its_year_and_earlier_ones_are_kept(tmp_path: Path, data_dir: Path) -> None:
    goals = [dict(g, target="60") if g["goal"] == "pv_projects" else g for g in _plan_2023()["goals"]]
    plan = import_plan(_write(tmp_path, _later(2026, goals=goals)), data_dir)
    assert plan.year == 2026 and (imported_plan_dir(data_dir) / "workplan-2026.json").is_file()
    assert plan_for(2026, data_dir).plan.goal("pv_projects").target == Decimal(60)
    assert not plan_for(2026, data_dir).carried_over
    assert plan_for(2027, data_dir).label.startswith("2027 年尚无工作安排，沿用 2026 年")
    assert plan_for(2025, data_dir).plan.year == 2023
    assert [p.year for p in load_work_plans(data_dir)] == [2023, 2026]


def _deep(depth: int) -> str:
    return '{"kind": "gxjn.workplan", "x": ' + "[" * depth + "]" * depth + "}"


HOSTILE: dict[str, tuple[Any, str]] = {
    "not JSON": ("这不是 JSON", "不是有效的 JSON"),
    "nested 100 000 deep": (_deep(100_000), "嵌套层数过多"),
    "another kind of file": ({"kind": "gxjn.targets", "version": "1"}, "不是 gxjn 工作安排文件"),
    "an unknown goal": (_later(goals=[dict(_plan_2023()["goals"][0], goal="drop_tables")]), "不是已知目标"),
    "a target that is not a number": (
        _later(goals=[dict(_plan_2023()["goals"][0], target="1e999999")]),
        "超出合理范围",
    ),
    "NaN": ('{"kind": "gxjn.workplan", "year": NaN}', "不是有效的 JSON"),
    "a share above 100 %": (_later(goals=[dict(_plan_2023()["goals"][5], target="185")]), "超出合理范围"),
    "a missing target set": (
        {k: v for k, v in _later().items() if k != "indicator_targets"},
        "缺少“indicator_targets”",
    ),
    "a bad date": (_later(issued="2026-13-40"), "YYYY-MM-DD"),
    "the shipped year": (_plan_2023(), "随程序提供"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_a_hostile_or_broken_plan_file_is_refused_and_nothing_is_kept(
    case: str, tmp_path: Path, data_dir: Path
) -> None:
    content, message = HOSTILE[case]
    with pytest.raises(UserError, match=re.escape(message)) as refused:
        import_plan(_write(tmp_path, content), data_dir)
    assert "Traceback" not in refused.value.one_line()
    assert not list(imported_plan_dir(data_dir).glob("*")) if imported_plan_dir(data_dir).exists() else True


def test_an_oversized_plan_file_is_refused_before_it_is_read(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (MAX_PLAN_BYTES + 1))
    with pytest.raises(UserError, match="过大"):
        import_plan(path, data_dir)


def test_json_depth_counts_brackets_outside_strings_only() -> None:
    assert json_depth('{"a": [1, {"b": "[[[[["}]}') == 3
    assert json_depth('"\\"[["') == 0
