"""The packet's data.json carries the work plan: tasks, the plan version, the summary."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.workplan import TaskKind
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.data import build_packet_data
from gxjn_desktop.services.packet.schema import schema_problems
from gxjn_desktop.services.reference_data import reference_dir


def test_data_json_carries_the_tasks_and_the_plan_version(demo_service: LedgerService) -> None:
    data = build_packet_data(demo_service.ledger(), Period.parse(2024), revision=1)
    wp = data["work_plan"]
    assert wp["plan"]["version"] == "桂事管发〔2023〕7号 gxjn-workplan-2026.1" and wp["plan"]["carried_over"] is True
    assert {t["kind"] for t in wp["tasks"]} >= {"pv", "retrofit", "saving_org", "food_waste_eval"}
    assert wp["summary"]["retrofit_area_m2"] == "3200" and wp["summary"]["ewaste_items"] == 36
    assert wp["unit"]["admin_level"] == "county"
    assert schema_problems(json.loads(json.dumps(data, ensure_ascii=False))) == []


def test_the_schema_refuses_a_broken_work_plan(demo_service: LedgerService) -> None:
    data = json.loads(json.dumps(build_packet_data(demo_service.ledger(), Period.parse(2024), revision=1)))
    data["work_plan"]["tasks"][0]["quantity"] = 3.5  # a float, not a decimal string
    data["work_plan"]["tasks"][1]["kind"] = "drop_tables"
    data["work_plan"]["summary"]["pv_projects"] = -1
    problems = " ".join(schema_problems(data))
    assert "work_plan/tasks/0/quantity" in problems and "work_plan/tasks/1/kind" in problems
    assert "work_plan/summary/pv_projects" in problems


def test_a_changed_task_shows_as_a_change_between_revisions(demo_service: LedgerService) -> None:
    period = Period.parse(2024)
    first = build_packet_data(demo_service.ledger(), period, revision=1)
    retrofit = next(t for t in demo_service.tasks(2024) if t.kind is TaskKind.RETROFIT)
    demo_service.save_task(replace(retrofit, quantity=Decimal(3300)))
    second = build_packet_data(demo_service.ledger(), period, revision=2, previous_data=first)
    changes = {c["path"]: (c["before"], c["after"]) for c in second["changes_from_previous"]}
    assert changes == {f"work_plan.tasks.retrofit#{retrofit.task_id}.quantity": ("3200", "3300")}


def test_a_plan_imported_into_the_data_folder_is_the_one_the_packet_names(
    demo_service: LedgerService, data_dir: Path, tmp_path: Path
) -> None:
    from gxjn_desktop.services.workplan.plans import import_plan

    plan = json.loads((reference_dir() / "workplan-2023.json").read_text(encoding="utf-8"))
    plan.update(year=2024, document="桂事管发〔2024〕2号", version="2024.1", issued="2024-02-20")
    path = tmp_path / "workplan-2024.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    import_plan(path, data_dir)
    data = build_packet_data(demo_service.ledger(), Period.parse(2024), revision=1, data_dir=data_dir)
    assert data["work_plan"]["plan"]["document"] == "桂事管发〔2024〕2号"
    assert data["work_plan"]["plan"]["carried_over"] is False
