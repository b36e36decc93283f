"""An imported workbook is one undo step: undo restores exactly what was stored before."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.workbook.importer import read_workbook
from gxjn_desktop.services.workbook.layout import METER_COLUMNS, PROFILE_SHEET, RECORD_COLUMNS
from gxjn_desktop.services.workbook.template import write_template

COL = {c.key: i + 1 for i, c in enumerate(RECORD_COLUMNS)}
MCOL = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}


def _workbook(service: LedgerService, tmp_path: Path) -> Path:
    path = write_template(service.ledger(), 2026, tmp_path / "2026.xlsx")
    wb = openpyxl.load_workbook(path)
    meters = wb["计量器具"]
    r = meters.max_row + 1
    for key, value in {"code": "E4", "name": "新楼电表", "carrier": "电", "kind": "示数表", "initial": 0}.items():
        meters.cell(r, MCOL[key]).value = value
    profile = wb[PROFILE_SHEET]
    profile["B2"], profile["B3"] = 130, 8000
    records = wb["月度台账"]
    r = records.max_row + 1
    for key, value in {"meter": "E4", "year": 2026, "month": 1, "reading": 500, "cost": 350}.items():
        records.cell(r, COL[key]).value = value
    v1 = next(row for row in range(2, records.max_row) if records.cell(row, COL["meter"]).value == "V1")
    records.cell(v1, COL["quantity"]).value = 88
    records.cell(v1, COL["cost"]).value = 690
    ewaste = wb["废旧电子产品"]
    ewaste.append(["2026-03-02", 12, "广西某再生资源回收有限公司", "HS-2026-0101", "报废打印机"])
    wb.save(path)
    return path


def test_import_commit_and_revert(demo_service: LedgerService, tmp_path: Path) -> None:
    entry = EntryService(demo_service)
    before = demo_service.ledger()
    plan = read_workbook(_workbook(demo_service, tmp_path), before)
    change = entry.import_change(plan, "导入 2026.xlsx")
    assert change.description == "导入 2026.xlsx"

    entry.commit(change)
    after = demo_service.ledger()
    assert any(m.code == "E4" for m in after.meters) and after.profiles[2026].people == 130
    assert after.record("E4", 2026, 1) is not None and after.record("V1", 2026, 1) is not None
    assert [e.items for e in after.ewaste if e.day.year == 2026] == [12]
    # The service's in-memory snapshot follows the database without re-reading it.
    assert entry.ledger.meters == after.meters and entry.ledger.profiles == after.profiles
    assert set(entry.ledger.records) == set(after.records)

    entry.revert(change)
    undone = demo_service.ledger()
    assert undone.meters == before.meters
    assert undone.profiles == before.profiles
    assert undone.records == before.records
    assert undone.ewaste == before.ewaste
    assert entry.ledger.meters == before.meters and set(entry.ledger.records) == set(before.records)

    entry.commit(change)  # redo
    assert demo_service.ledger().record("E4", 2026, 1) is not None
