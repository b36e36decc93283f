"""The work-plan task rules: a passing and a failing case for each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.workplan import TaskKind, TaskStatus, WorkTask
from gxjn_desktop.validation.findings import Location, Severity
from gxjn_desktop.validation.rules_workplan import grade_bands
from tests.validation.builders import YEAR, D, check, config, ledger, register

PV = WorkTask(TaskKind.PV, YEAR, 7, date(YEAR, 5, 1), D("120"), TaskStatus.COMPLETED, name="食堂屋顶", meter_code="S1")


def _with(*tasks: WorkTask, meters: tuple[str, Carrier] | None = ("S1", Carrier.PV)):  # type: ignore[no-untyped-def]
    ms = [register(meters[0], meters[1])] if meters else []
    return replace(ledger(ms), tasks=tasks)


def test_pv_with_its_pv_meter_passes() -> None:
    assert check(_with(PV), "TASK-PV-METER") == []


def test_pv_without_a_pv_meter_is_flagged() -> None:
    no_code = check(_with(replace(PV, meter_code="")), "TASK-PV-METER")
    assert len(no_code) == 1 and "没有填写光伏计量表" in no_code[0].message
    assert no_code[0].location == Location.of_task(YEAR, "pv#7.meter_code")
    assert no_code[0].severity is Severity.WARNING
    wrong = check(_with(PV, meters=("S1", Carrier.ELECTRICITY)), "TASK-PV-METER")
    assert len(wrong) == 1 and "不是光伏发电" in wrong[0].message
    missing = check(_with(PV, meters=None), "TASK-PV-METER")
    assert len(missing) == 1 and "S1 不存在" in missing[0].message


RETROFIT = WorkTask(TaskKind.RETROFIT, YEAR, 3, None, D("5000"), TaskStatus.COMPLETED, name="照明改造")


def test_retrofit_no_larger_than_the_building_passes() -> None:  # the builders' profile: 5000 m²
    assert check(_with(RETROFIT), "TASK-RETROFIT-AREA") == []


def test_retrofit_larger_than_the_building_is_flagged() -> None:
    findings = check(_with(replace(RETROFIT, quantity=D("5000.5"))), "TASK-RETROFIT-AREA")
    assert len(findings) == 1
    assert "改造面积 5000.5 m² 大于本单位 2025 年建筑面积 5000 m²" in findings[0].message


FOOD = WorkTask(TaskKind.FOOD_WASTE_EVAL, YEAR, 4, None, D("86"), quarter=2, grade="良好")


def test_scores_within_0_to_100_pass() -> None:
    garbage = WorkTask(TaskKind.GARBAGE_EVAL, YEAR, 5, None, D("100"), quarter=1)
    assert (
        check(_with(FOOD, garbage, replace(FOOD, task_id=6, quantity=D(0), grade="不合格")), "TASK-SCORE-RANGE") == []
    )


def test_scores_outside_0_to_100_are_errors() -> None:
    over = replace(FOOD, quantity=D("101"), grade="优秀")
    garbage = WorkTask(TaskKind.GARBAGE_EVAL, YEAR, 5, None, D("-1"), quarter=1)
    parts = replace(FOOD, task_id=9, part_scores=(D(20), D(20), D(20), D(20), D(120)))
    findings = check(_with(over, garbage, parts), "TASK-SCORE-RANGE")
    assert {f.location.field for f in findings} == {
        "food_waste_eval#4.quantity",
        "garbage_eval#5.quantity",
        "food_waste_eval#9.part_scores.4",
    }
    assert all(f.severity is Severity.ERROR for f in findings)


def test_a_quarterly_evaluation_is_checked_in_the_periods_of_its_quarter_only() -> None:
    over = replace(FOOD, quantity=D("101"), grade="优秀")
    assert len(check(_with(over), "TASK-SCORE-RANGE", period="Q2")) == 1
    assert check(_with(over), "TASK-SCORE-RANGE", period="Q1") == []


def test_grade_matching_the_score_passes() -> None:
    tasks = [
        replace(FOOD, task_id=i, quantity=D(s), grade=g)
        for i, (s, g) in enumerate(
            [("90", "优秀"), ("89.9", "良好"), ("80", "良好"), ("70", "合格"), ("69.99", "不合格")], 1
        )
    ]
    assert check(_with(*tasks), "TASK-GRADE") == []


def test_grade_not_matching_the_score_is_an_error() -> None:
    findings = check(_with(replace(FOOD, quantity=D("79.5"), grade="良好")), "TASK-GRADE")
    assert len(findings) == 1
    assert "等级应为“合格”，填写的是“良好”" in findings[0].message


def test_grade_thresholds_are_data() -> None:
    bands = grade_bands(config())
    assert (bands.excellent, bands.good, bands.passing) == (D(90), D(80), D(70))
