"""The 汇总 workbook is streamed (openpyxl write-only: a merge report of tens of thousands of files is
not held in memory) and still looks as it did to the clerk: the layout of 合并报告, and another
part's sheet (工作安排进度, built in openpyxl's ordinary mode) copied over unchanged."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from gxjn_desktop.cli.cmd_bureau import _work_plan_sheet
from gxjn_desktop.services.bureau.merge import ACCEPTED, REFUSED, FileOutcome, MergeReport, apply_examined
from gxjn_desktop.services.bureau.queries import accepted_packets
from gxjn_desktop.services.bureau.store import open_store, transaction
from gxjn_desktop.services.bureau.summary import BY_REGION, BY_TYPE, load_summary
from gxjn_desktop.services.bureau.workbook import write_summary_workbook
from gxjn_desktop.services.workplan.progress import progress_for
from gxjn_desktop.services.workplan.progress_sheet import SHEET, write_progress_sheet
from tests.bureau.builders import examined
from tests.workplan.test_progress import Y, packets  # noqa: F401  (a fixture: packets with work plans)


def _report(n: int) -> MergeReport:
    report = MergeReport(folder="/汇总/报送包")
    for i in range(n):
        kind = REFUSED if i % 3 == 0 else ACCEPTED
        report.files.append(
            FileOutcome(
                file=f"/汇总/报送包/450102_12450000MB{i:08d}_{Y}-Y_r1.zip",
                outcome=kind,
                detail="拒收：文件内容与清单中的 SHA-256 不符（文件被改动）" if kind == REFUSED else "采用：新单位",
                codes=["HASH-MISMATCH"] if kind == REFUSED else [],
                period=f"{Y}-Y",
                revision=1,
                key_known=True,
            )
        )
    return report


def _look(ws: Any) -> dict[str, Any]:
    """What a clerk sees of a sheet, cell styles included (compared by value, across workbooks)."""
    return {
        "cells": [
            [(c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.border), repr(c.alignment)) for c in row]
            for row in ws.iter_rows()
        ],
        "widths": {k: d.width for k, d in ws.column_dimensions.items()},
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "print": (
            ws.freeze_panes,
            ws.print_title_rows,
            ws.page_setup.orientation,
            ws.page_setup.paperSize,
            ws.page_setup.fitToWidth,
            ws.page_setup.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage,
            ws.oddFooter.center.text,
        ),
    }


def test_the_streamed_workbook_keeps_the_clerks_layout(packets: list[dict[str, Any]], tmp_path: Path) -> None:  # noqa: F811

    store = open_store(tmp_path / "bureau")
    try:
        for i, data in enumerate(packets):
            with transaction(store) as repo:
                apply_examined(repo, examined(data, key=bytes([i + 1]) * 32), now=datetime(2026, 2, 1))
        out = write_summary_workbook(
            tmp_path / "汇总.xlsx",
            load_summary(store, Y, "Y", BY_REGION),
            load_summary(store, Y, "Y", BY_TYPE),
            [],
            report=_report(40),
            extra_sheets=_work_plan_sheet(store, Y),
        )
        ordinary = Workbook()
        write_progress_sheet(ordinary, progress_for(accepted_packets(store, Y), Y, None))
        ordinary.save(tmp_path / "ordinary.xlsx")
    finally:
        store.close()
    wb = load_workbook(out)
    assert _look(wb[SHEET]) == _look(load_workbook(tmp_path / "ordinary.xlsx")[SHEET])
    report = _look(wb["合并报告"])
    assert report["print"] == ("C3", "$1:$2", "landscape", 9, 1, 0, True, "第 &P 页 共 &N 页")
    assert report["widths"] == dict(zip("ABCDEFGHIJ", [44, 12, 60, 21, 13, 6, 18, 16, 20, 14], strict=True))
    assert report["heights"] == {2: 48}
    assert len(report["cells"]) == 2 + 40
    header = report["cells"][1][0]
    assert header[0] == "文件" and "b=True" in header[2] and "DDEBF7" in header[3] and "thin" in header[4]
    first = report["cells"][2]
    assert [c[0] for c in first[:3]] == [f"450102_12450000MB00000000_{Y}-Y_r1.zip", "已拒收", first[2][0]]
    assert first[9][0] == "HASH-MISMATCH" and "thin" in first[0][4]
