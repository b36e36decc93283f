"""gxjn-cli plan: the demo unit's tasks and the plan that applies (cli.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from tests.cli.test_cli import run


@pytest.fixture
def demo_dir(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, _, _ = run(capsys, "--data-dir", str(data_dir), "demo")
    assert code == 0
    return data_dir


def test_plan_json_lists_the_demo_tasks_and_the_carried_over_plan(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "plan", "--year", "2025", "--json")
    d = json.loads(out)
    assert code == 0 and d["year"] == 2025
    plan = d["plan"]
    assert plan["plan_year"] == 2023 and plan["carried_over"] is True
    assert plan["version"] and "沿用 2023 年工作安排目标" in plan["label"]
    kinds = {t["kind"] for t in d["tasks"]}
    assert {"emc", "retrofit", "water_saving_unit", "food_waste_eval", "garbage_eval"} <= kinds
    food = next(t for t in d["tasks"] if t["kind"] == "food_waste_eval" and t["quarter"] == 4)
    assert food["quantity"] == "92" and food["grade"] == "优秀" and food["canteen_waste_g_per_diner"] is not None
    assert d["summary"]["ewaste_items"] == 22 and d["summary"]["saving_org"] is True
    assert d["unit"]["admin_level"] == "county" and d["unit"]["party_government_organ"] is True


def test_plan_json_of_the_earlier_year_has_pv_generation_from_the_meter(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "plan", "--year", "2024", "--json")
    assert code == 0
    d = json.loads(out)
    pv = next(t for t in d["tasks"] if t["kind"] == "pv")
    assert pv["meter_code"] == "P1" and pv["quantity"] == "50"
    assert pv["generation_kwh"] == d["summary"]["pv_generation_kwh"] and float(pv["generation_kwh"]) > 0
    assert d["summary"]["pv_projects"] == 1 and d["summary"]["retrofit_area_m2"] == "3200"


def test_plan_text_names_the_plan_in_chinese(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "plan", "--year", "2024")
    assert code == 0 and "沿用 2023 年工作安排目标" in out and "屋顶光伏" in out


@pytest.mark.parametrize("year", ["1999", "2099", "2020"])
def test_plan_for_an_impossible_year_is_a_user_error(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], year: str
) -> None:
    try:
        code = main(["--data-dir", str(demo_dir), "plan", "--year", year])
    except SystemExit as done:  # refused while parsing the arguments
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_plan_import_refuses_a_hostile_file_with_one_line(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "workplan-2026.json"
    bad.write_text('{"kind": "gxjn.workplan", "x": ' + "[" * 50000 + "]" * 50000 + "}", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "plan", "--import", str(bad))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "嵌套层数过多" in err
    assert main(["--data-dir", str(demo_dir), "plan", "--year", "2025", "--json"]) == 0
