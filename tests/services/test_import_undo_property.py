"""Import + undo leaves the database exactly as it was, table by table, whatever the workbook holds
(new months, changed months, canteen and garbage rows, 基本情况, e-waste, a new meter)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.workbook.importer import read_workbook
from gxjn_desktop.services.workbook.layout import (
    CANTEEN_COLUMNS,
    CANTEEN_SHEET,
    EWASTE_SHEET,
    GARBAGE_COLUMNS,
    GARBAGE_SHEET,
    METER_COLUMNS,
    METERS_SHEET,
    PROFILE_SHEET,
    RECORD_COLUMNS,
    RECORDS_SHEET,
)
from gxjn_desktop.services.workbook.template import write_template
from tests.db_dump import table_dump

COL = {c.key: i + 1 for i, c in enumerate(RECORD_COLUMNS)}
CANTEEN = {c.key: i + 1 for i, c in enumerate(CANTEEN_COLUMNS)}
GARBAGE = {c.key: i + 1 for i, c in enumerate(GARBAGE_COLUMNS)}
MCOL = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}

months = st.integers(1, 12)
amounts = st.integers(1, 5000)
edits = st.fixed_dictionaries(
    {
        "year": st.sampled_from([2025, 2026]),
        "canteen": st.dictionaries(months, st.tuples(st.none() | amounts, st.none() | amounts), max_size=3),
        "garbage": st.dictionaries(months, amounts, max_size=3),
        "fuel": st.dictionaries(months, st.tuples(amounts, amounts), max_size=3),
        "people": st.none() | st.integers(50, 300),
        "ewaste": st.booleans(),
        "new_meter": st.booleans(),
    }
)


def _row_of(sheet: object, year: int, month: int, first: int = 1) -> int:
    ws = sheet  # type: ignore[assignment]
    for r in range(2, ws.max_row + 1):  # type: ignore[attr-defined]
        if ws.cell(r, first).value == year and ws.cell(r, first + 1).value == month:  # type: ignore[attr-defined]
            return r
    r = ws.max_row + 1  # type: ignore[attr-defined]
    ws.cell(r, first).value, ws.cell(r, first + 1).value = year, month  # type: ignore[attr-defined]
    return r


def _fill(template: Path, out: Path, e: dict[str, object]) -> Path:
    wb = openpyxl.load_workbook(template)
    year = e["year"]
    for month, (waste, diners) in e["canteen"].items():  # type: ignore[attr-defined]
        r = _row_of(wb[CANTEEN_SHEET], year, month)  # type: ignore[arg-type]
        wb[CANTEEN_SHEET].cell(r, CANTEEN["food_waste"]).value = waste
        wb[CANTEEN_SHEET].cell(r, CANTEEN["diners"]).value = diners
    for month, kg in e["garbage"].items():  # type: ignore[attr-defined]
        r = _row_of(wb[GARBAGE_SHEET], year, month)  # type: ignore[arg-type]
        wb[GARBAGE_SHEET].cell(r, GARBAGE["recyclable"]).value = kg
    records = wb[RECORDS_SHEET]
    for month, (litres, yuan) in e["fuel"].items():  # type: ignore[attr-defined]
        r = next(
            r
            for r in range(2, records.max_row + 1)
            if records.cell(r, COL["meter"]).value == "V1" and records.cell(r, COL["month"]).value == month
        )
        records.cell(r, COL["quantity"]).value, records.cell(r, COL["cost"]).value = litres, yuan
    if e["people"] is not None or year == 2026:  # a new year needs its 基本情况
        wb[PROFILE_SHEET]["B2"], wb[PROFILE_SHEET]["B3"] = e["people"] or 120, 8000
    if e["ewaste"]:
        wb[EWASTE_SHEET].append([f"{year}-03-02", 3, "广西某再生资源回收有限公司", "HS-1", "报废打印机"])
    if e["new_meter"]:
        r = wb[METERS_SHEET].max_row + 1
        for key, value in {"code": "E9", "name": "新楼电表", "carrier": "电", "kind": "示数表", "initial": 0}.items():
            wb[METERS_SHEET].cell(r, MCOL[key]).value = value
        r = records.max_row + 1
        for key, value in {"meter": "E9", "year": year, "month": 1, "reading": 500, "cost": 350}.items():
            records.cell(r, COL[key]).value = value
    wb.save(out)
    return out


# Shrinking re-imports a workbook per step; the failing example is printed whole instead.
@settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(e=edits)
def test_import_then_undo_restores_every_table_exactly(demo_service: LedgerService, tmp_path: Path, e: dict) -> None:  # type: ignore[type-arg]
    data = demo_service.db.path.parent
    pristine = tmp_path / "pristine.db"
    if not pristine.exists():  # once per test: the demo database and the two templates
        ledger = demo_service.ledger()
        for year in (2025, 2026):
            write_template(ledger, year, tmp_path / f"t{year}.xlsx")
        demo_service.close()
        shutil.copy(data / "gxjn.db", pristine)
    demo_service.close()
    shutil.copy(pristine, data / "gxjn.db")
    before = table_dump(data / "gxjn.db")
    service = LedgerService.open(data)
    try:
        entry = EntryService(service)
        workbook = _fill(tmp_path / f"t{e['year']}.xlsx", tmp_path / "filled.xlsx", e)
        change = entry.import_change(read_workbook(workbook, service.ledger()), "导入")
        entry.commit(change)
        entry.revert(change)
        assert entry.ledger.years() == service.ledger().years()
    finally:
        service.close()
    assert table_dump(data / "gxjn.db") == before
