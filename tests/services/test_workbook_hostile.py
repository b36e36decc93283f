"""Workbooks a script or a slip of the hand gets wrong: each is refused whole, with the place named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.workbook.importer import apply_import, read_workbook
from gxjn_desktop.services.workbook.layout import (
    CANTEEN_COLUMNS,
    GARBAGE_COLUMNS,
    METER_COLUMNS,
    RECORD_COLUMNS,
    REPLACEMENT_COLUMNS,
)
from gxjn_desktop.services.workbook.template import write_template

RC = {c.key: i + 1 for i, c in enumerate(RECORD_COLUMNS)}
MC = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}
PC = {c.key: i + 1 for i, c in enumerate(REPLACEMENT_COLUMNS)}


def _row(ws: Any, meter: str, month: int) -> int:
    return next(
        r for r in range(2, ws.max_row + 1) if (ws.cell(r, 1).value, ws.cell(r, RC["month"]).value) == (meter, month)
    )


def _workbook(service: LedgerService, tmp_path: Path, year: int, edit: Callable[[Any], None]) -> Path:
    path = write_template(service.ledger(), year, tmp_path / f"{year}.xlsx")
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def _refused(service: LedgerService, path: Path, *fragments: str) -> None:
    before = service.ledger()
    with pytest.raises(UserError) as err:
        read_workbook(path, before)
    for fragment in fragments:
        assert fragment in err.value.message
    assert service.ledger() == before


def test_cost_only_month_then_a_lower_reading_is_a_decrease(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["月度台账"]
        ws.cell(_row(ws, "E2", 1), RC["cost"]).value = 100
        ws.cell(_row(ws, "E2", 2), RC["reading"]).value = 40000
        ws.cell(_row(ws, "E2", 2), RC["cost"]).value = 100

    _refused(demo_service, _workbook(demo_service, tmp_path, 2026, edit), "E2 2026-02", "小于上期示数")


def test_the_same_meter_month_twice(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["月度台账"]
        r = ws.max_row + 1
        for key, value in {"meter": "E1", "year": 2025, "month": 6, "reading": 25984.47}.items():
            ws.cell(r, RC[key]).value = value

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "已经填过")


def test_the_same_replacement_twice(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["换表记录"]
        for c in range(1, len(REPLACEMENT_COLUMNS) + 1):
            ws.cell(3, c).value = ws.cell(2, c).value

    _refused(demo_service, _workbook(demo_service, tmp_path, 2024, edit), "换表记录", "已经填过")


def test_an_edited_replacement_is_applied(demo_service: LedgerService, tmp_path: Path) -> None:
    """Correcting 旧表止码 of the demo's June 2024 replacement changes June's water use by the difference."""
    from gxjn_desktop.domain.consumption import month_use

    before = demo_service.ledger()
    june = month_use(before, before.meter("W1"), 2024, 6).quantity
    assert june is not None

    def edit(wb: Any) -> None:
        ws = wb["换表记录"]
        ws.cell(2, PC["old_final"]).value = float(ws.cell(2, PC["old_final"]).value) + 7

    path = _workbook(demo_service, tmp_path, 2024, edit)
    plan = read_workbook(path, before)
    assert plan.changed == 1 and len(plan.replacements) == 1
    apply_import(demo_service, plan, path)
    after = demo_service.ledger()
    assert len(after.replacements) == 1
    assert month_use(after, after.meter("W1"), 2024, 6).quantity == june + 7


def test_raising_a_month_above_the_next_stored_reading(demo_service: LedgerService, tmp_path: Path) -> None:
    july = demo_service.ledger().record("E1", 2025, 7).reading  # type: ignore[union-attr]

    def edit(wb: Any) -> None:
        ws = wb["月度台账"]
        for m in range(7, 13):  # later months stay as stored: only June is raised
            ws.cell(_row(ws, "E1", m), RC["reading"]).value = None
        ws.cell(_row(ws, "E1", 6), RC["reading"]).value = float(july + 10)  # type: ignore[operator]

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "E1 2025-07（已保存的数据）", "小于上期示数")


@pytest.mark.parametrize(
    ("key", "value", "fragment"),
    [
        ("quantity", 1e30, "过大"),
        ("cost", 1e20, "过大"),
        ("quantity", "1.1234567", "小数超过"),
        ("note", "长" * 1001, "备注过长"),
    ],
)
def test_absurd_values(demo_service: LedgerService, tmp_path: Path, key: str, value: object, fragment: str) -> None:
    def edit(wb: Any) -> None:
        ws = wb["月度台账"]
        ws.cell(_row(ws, "V1", 3), RC[key]).value = value

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), fragment)


def test_huge_people_in_profile(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        wb["年度基本情况"]["B2"] = 1e30

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "过大")


def test_retiring_before_records_or_start(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["计量器具"]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "E2")
        ws.cell(row, MC["active_to"]).value = "2023-03-31"

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "早于启用日期")

    def edit2(wb: Any) -> None:
        ws = wb["计量器具"]
        row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "E2")
        ws.cell(row, MC["active_to"]).value = "2025-03-31"

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit2), "还有记录")


def test_rows_for_months_a_meter_is_not_in_use(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ms = wb["计量器具"]
        r = ms.max_row + 1
        for key, value in {
            "code": "E9",
            "name": "新表",
            "carrier": "电",
            "kind": "示数表",
            "initial": 0,
            "active_from": "2025-07-01",
        }.items():
            ms.cell(r, MC[key]).value = value
        ws = wb["月度台账"]
        r = ws.max_row + 1
        for key, value in {"meter": "E9", "year": 2025, "month": 3, "reading": 10}.items():
            ws.cell(r, RC[key]).value = value

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "不在用")


def test_canteen_and_garbage_year_and_negatives(demo_service: LedgerService, tmp_path: Path) -> None:
    cc = {c.key: i + 1 for i, c in enumerate(CANTEEN_COLUMNS)}
    gc = {c.key: i + 1 for i, c in enumerate(GARBAGE_COLUMNS)}

    def edit(wb: Any) -> None:
        wb["食堂"].cell(2, cc["year"]).value = 2024
        wb["食堂"].cell(3, cc["diners"]).value = -3
        wb["垃圾分类"].cell(2, gc["other"]).value = -10

    _refused(
        demo_service, _workbook(demo_service, tmp_path, 2025, edit), "应为 2025 年", "不能为负数", "重量不能为负数"
    )


def test_new_meter_with_multiplier_zero(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ms = wb["计量器具"]
        r = ms.max_row + 1
        for key, value in {
            "code": "E9",
            "name": "新表",
            "carrier": "电",
            "kind": "示数表",
            "initial": 0,
            "multiplier": 0,
        }.items():
            ms.cell(r, MC[key]).value = value

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "倍率必须大于 0")


def test_rollover_on_a_fuel_card_and_a_reading_date_years_off(demo_service: LedgerService, tmp_path: Path) -> None:
    def edit(wb: Any) -> None:
        ws = wb["月度台账"]
        ws.cell(_row(ws, "V1", 5), RC["rollover"]).value = "是"
        ws.cell(_row(ws, "E1", 12), RC["reading_date"]).value = "2019-01-01"

    _refused(demo_service, _workbook(demo_service, tmp_path, 2025, edit), "没有表盘", "离 2025 年 12 月太远")
