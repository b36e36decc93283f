"""The entry workbook's 工作任务 sheet: written with the year's tasks, read back, one undo step."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.domain.workplan import TaskKind, TaskStatus
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.workbook.importer import read_workbook
from gxjn_desktop.services.workbook.layout import TASK_COLUMNS, TASK_SHEET
from gxjn_desktop.services.workbook.template import write_template

COL = {c.key: i + 1 for i, c in enumerate(TASK_COLUMNS)}


@pytest.fixture
def template(demo_service: LedgerService, tmp_path: Path) -> Path:
    return write_template(demo_service.ledger(), 2025, tmp_path / "填报.xlsx")


def _append(path: Path, values: dict[str, object]) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[TASK_SHEET]
    r = ws.max_row + 1
    for key, value in values.items():
        cell = ws.cell(r, COL[key], value)
        if isinstance(value, str):
            cell.data_type = "s"
    wb.save(path)


def _set(path: Path, task_id: int, key: str, value: object) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[TASK_SHEET]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, COL["id"]).value == task_id)
    ws.cell(row, COL[key], value)
    wb.save(path)


def test_the_sheet_lists_the_years_tasks_and_imports_unchanged(demo_service: LedgerService, template: Path) -> None:
    ws = openpyxl.load_workbook(template)[TASK_SHEET]
    assert [c.value for c in ws[1]] == [c.header for c in TASK_COLUMNS]
    kinds = [v for r in range(2, ws.max_row + 1) if (v := ws.cell(r, COL["kind"]).value)]
    assert len(kinds) == len(demo_service.tasks(2025)) and "合同能源管理" in kinds
    assert ws.cell(2, COL["id"]).protection.locked and not ws.cell(2, COL["quantity"]).protection.locked
    plan = read_workbook(template, demo_service.ledger())
    assert plan.tasks == [] and plan.added == plan.changed == 0


def test_new_and_changed_tasks_are_one_undo_step(demo_service: LedgerService, template: Path) -> None:
    before = demo_service.ledger()
    emc = next(t for t in before.tasks_of(2025) if t.kind is TaskKind.EMC)
    _set(template, emc.task_id or 0, "status", "已完成")
    _append(template, {"kind": "节能改造", "name": "食堂照明", "quantity": "1,200", "status": "已完成",
                       "day": "2025-10-8", "measures": "照明、其他", "investment": 56000})  # fmt: skip
    _append(template, {"kind": "反食品浪费自评", "quarter": 1, "parts": "20/18/17/13/15", "quantity": 83})
    entry = EntryService(demo_service)
    plan = read_workbook(template, before)
    assert (plan.added, plan.changed) == (2, 1)
    change = entry.import_change(plan, "导入")
    entry.commit(change)
    after = demo_service.tasks(2025)
    new = next(t for t in after if t.name == "食堂照明")
    assert new.quantity == Decimal(1200) and new.measures[0].label == "照明" and new.investment_yuan == 56000
    food = next(
        t for t in after if t.kind is TaskKind.FOOD_WASTE_EVAL and t.quarter == 1 and t.task_id == new.task_id + 1
    )
    assert food.grade == "良好" and food.part_scores[3] == Decimal(13)
    assert next(t for t in after if t.task_id == emc.task_id).status is TaskStatus.COMPLETED
    entry.revert(change)
    assert sorted(demo_service.tasks(2025), key=lambda t: t.task_id or 0) == sorted(
        before.tasks_of(2025), key=lambda t: t.task_id or 0
    )
    assert sorted(entry.ledger.tasks_of(2025), key=lambda t: t.task_id or 0) == sorted(
        demo_service.tasks(2025), key=lambda t: t.task_id or 0
    )  # the window's snapshot follows without reading the database again
    entry.commit(change)  # redo: the same ids again
    assert any(t.task_id == new.task_id and t.name == "食堂照明" for t in demo_service.tasks(2025))


def test_wrong_rows_are_listed_in_chinese_and_nothing_is_written(demo_service: LedgerService, template: Path) -> None:
    _append(template, {"kind": "植树造林", "quantity": 3})
    _append(template, {"id": 9999, "kind": "充电桩", "quantity": 3})
    _append(template, {"kind": "节能改造", "name": "外墙", "quantity": "很多", "status": "计划"})
    _append(template, {"kind": "屋顶光伏", "name": "车棚", "quantity": 30, "status": "已建成"})
    before = demo_service.tasks(2025)
    with pytest.raises(UserError) as refused:
        read_workbook(template, demo_service.ledger())
    text = refused.value.one_line()
    assert "有 4 处需要修改，未导入任何数据" in text
    assert "“类别”：类别“植树造林”不是可选的值" in text
    assert "没有编号为 9999 的工作任务" in text and "不是有效的数字" in text
    assert re.search("屋顶光伏的状态只能是计划、实施中、已完成", text)
    assert demo_service.tasks(2025) == before
