"""工作任务: the year's tasks beside the plan that applies; add, edit and delete on real SQLite."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from gxjn_desktop.domain.workplan import TaskKind, TaskStatus, WorkTask
from gxjn_desktop.gui import messages, workplan_screen
from gxjn_desktop.gui.main_window import TAB_WORKPLAN, MainWindow
from gxjn_desktop.gui.task_dialog import TaskForm
from gxjn_desktop.services.workplan.tasks import grade_bands_in_force
from tests.gui.helpers import reopen


@pytest.fixture(autouse=True)
def no_task_form(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected dialog: ask_task {args[1:]}")

    monkeypatch.setattr(workplan_screen, "ask_task", refuse)


def _screen(window: MainWindow, qtbot: Any, year: int = 2025) -> workplan_screen.WorkPlanScreen:
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == TAB_WORKPLAN
    screen = window.workplan
    screen.year_box.setValue(year)
    return screen


def test_the_screen_shows_the_years_tasks_and_the_carried_over_plan(demo_window: MainWindow, qtbot: Any) -> None:
    screen = _screen(demo_window, qtbot)
    assert "沿用 2023 年工作安排目标" in screen.plan_label.text()
    kinds = {t.kind for t in screen.model.tasks}
    assert {TaskKind.EMC, TaskKind.FOOD_WASTE_EVAL, TaskKind.WATER_SAVING} <= kinds
    assert "废旧电子产品 22 件" in screen.summary.text() and "节约型机关 是" in screen.summary.text()
    food = next(i for i, t in enumerate(screen.model.tasks) if t.kind is TaskKind.FOOD_WASTE_EVAL)
    detail = screen.model.index(food, workplan_screen.COL_DETAIL).data()
    assert "人均餐厨垃圾" in detail and "克/人次" in detail
    assert screen.view.hasFocus()


def test_the_task_table_is_a_rows_model_with_grouped_amounts(demo_window: MainWindow, qtbot: Any) -> None:
    """投资 and the quantities read with thousands grouping, as every other number of the window."""
    from gxjn_desktop.gui.common import RowsModel

    screen = _screen(demo_window, qtbot)
    assert isinstance(screen.model, RowsModel)
    row = next(i for i, t in enumerate(screen.model.tasks) if t.name == "附楼外窗及屋面隔热改造")
    assert "投资 410,000 元" in screen.model.index(row, workplan_screen.COL_DETAIL).data()
    assert screen.model.index(row, workplan_screen.COL_QUANTITY).data() == "1,800 m²"
    assert (
        screen.model.index(row, workplan_screen.COL_NAME).data(Qt.ItemDataRole.ToolTipRole) == "附楼外窗及屋面隔热改造"
    )
    assert screen.model.index(row, workplan_screen.COL_DOC).data(Qt.ItemDataRole.ToolTipRole) is None  # none given
    assert screen.model.task_at(row) is screen.model.tasks[row]
    assert "发电 62,170.5 kWh" in screen.summary.text()  # the summary's figures too


def test_adding_a_task_saves_it_at_once(
    demo_window: MainWindow, qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = _screen(demo_window, qtbot)
    screen.kind_box.setCurrentIndex(screen.kind_box.findData(TaskKind.RETROFIT))
    new = WorkTask(TaskKind.RETROFIT, 2025, quantity=Decimal(900), status=TaskStatus.COMPLETED, name="食堂照明改造")
    asked: list[TaskKind] = []
    monkeypatch.setattr(workplan_screen, "ask_task", lambda _p, kind, *_a: asked.append(kind) or new)
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked == [TaskKind.RETROFIT]
    other = reopen(data_dir)
    try:
        stored = [t for t in other.tasks(2025) if t.name == "食堂照明改造"]
    finally:
        other.close()
    assert len(stored) == 1 and stored[0].quantity == Decimal(900)
    assert "节能改造（已完成）900 m²" in screen.summary.text()


def test_enter_edits_and_delete_removes_the_current_task(
    demo_window: MainWindow, qtbot: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    screen = _screen(demo_window, qtbot)
    row = next(i for i, t in enumerate(screen.model.tasks) if t.kind is TaskKind.CHARGING)
    screen.view.selectRow(row)
    monkeypatch.setattr(
        workplan_screen, "ask_task", lambda _p, _k, _y, _b, _m, task: replace(task, quantity=Decimal(6))
    )
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    charging = next(t for t in screen.model.tasks if t.kind is TaskKind.CHARGING)
    assert charging.quantity == Decimal(6)
    screen.view.selectRow(next(i for i, t in enumerate(screen.model.tasks) if t.kind is TaskKind.CHARGING))
    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    qtbot.keyClick(screen.view, Qt.Key.Key_Delete)
    other = reopen(data_dir)
    try:
        assert not [t for t in other.tasks(2025) if t.kind is TaskKind.CHARGING]
    finally:
        other.close()


def test_the_form_sums_the_parts_grades_the_score_and_refuses_a_missing_field(qtbot: Any) -> None:
    form = TaskForm(TaskKind.FOOD_WASTE_EVAL, 2025, grade_bands_in_force(), [])
    qtbot.addWidget(form)
    for edit, v in zip(form.part_edits, ("20", "18", "17", "１３", "15"), strict=True):  # full-width too
        edit.setText(v)
    quantity = form.widgets["quantity"]
    assert isinstance(quantity, QLineEdit) and quantity.text() == "83"
    assert form.grade_label.text() == "良好"
    quarter = form.widgets["quarter"]
    assert isinstance(quarter, QComboBox)
    quarter.setCurrentIndex(2)
    form.accept()
    assert form.task is not None and form.task.quarter == 3 and form.task.grade == "良好"
    assert form.task.part_scores[3] == Decimal(13)

    pv = TaskForm(TaskKind.PV, 2025, grade_bands_in_force(), [])
    qtbot.addWidget(pv)
    name = pv.widgets["name"]
    assert isinstance(name, QLineEdit)
    name.setText("车棚光伏")
    pv.accept()
    assert pv.task is None and "装机容量不能为空" in pv.error.text()


def test_a_bad_date_is_refused_with_the_cursor_on_it(qtbot: Any) -> None:
    form = TaskForm(TaskKind.CHARGING, 2025, grade_bands_in_force(), [])
    qtbot.addWidget(form)
    quantity, day = form.widgets["quantity"], form.widgets["day"]
    assert isinstance(quantity, QLineEdit) and isinstance(day, QLineEdit)
    quantity.setText("3")
    day.setText("2025-02-30")
    task, problem, widget = form.read_task()
    assert task is None and problem is not None and "不是有效的日期" in problem and widget is day


def test_a_task_finding_opens_the_screen_on_its_task(demo_window: MainWindow, qtbot: Any) -> None:
    from gxjn_desktop.gui.findings_panel import TargetScreen, finding_target
    from gxjn_desktop.validation.findings import Finding, Location, Severity

    ledger = demo_window.entry_service.ledger  # type: ignore[union-attr]
    pv = next(t for t in ledger.tasks if t.kind is TaskKind.PV)
    finding = Finding(
        "TASK-PV-METER", Severity.WARNING, Location.of_task(pv.year, f"pv#{pv.task_id}.meter_code"), "…", "…"
    )
    target = finding_target(ledger, finding)
    assert target is not None and target.screen is TargetScreen.TASK
    demo_window.go_to_finding(target)
    assert demo_window.tabs.currentIndex() == TAB_WORKPLAN
    screen = demo_window.workplan
    assert screen.year == pv.year and screen.current_task() == pv
