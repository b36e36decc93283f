"""A filled entry workbook whose 月度台账 has N junk rows, written straight into the zip (openpyxl
would take minutes for 200,000 rows). Used by bench_import_hostile.py and the cap test."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.workbook.layout import RECORD_COLUMNS, RECORDS_SHEET
from gxjn_desktop.services.workbook.template import write_template


def _col(i: int) -> str:
    name = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        name = chr(65 + r) + name
    return name


def _sheet_member(z: zipfile.ZipFile, sheet: str) -> str:
    """The zip member of a sheet, found by its name in workbook.xml and the relationships."""
    import re

    wb = z.read("xl/workbook.xml").decode("utf-8")
    rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8")
    m = re.search(rf'<sheet [^>]*name="{re.escape(sheet)}"[^>]*r:id="([^"]+)"', wb)
    assert m, sheet
    t = re.search(rf'<Relationship [^>]*Id="{m.group(1)}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{m.group(1)}"', rels
    )
    assert t, m.group(1)
    target = t.group(1).lstrip("/")
    return target if target.startswith("xl/") else f"xl/{target}"


def junk_workbook(ledger: Ledger, year: int, rows: int, out: Path) -> Path:
    """The unit's template for ``year`` with ``rows`` rows of junk in 月度台账 (meter codes real)."""
    template = write_template(ledger, year, out.with_name(out.stem + "-template.xlsx"))
    header = "".join(
        f'<c r="{_col(i)}1" t="inlineStr"><is><t>{escape(c.header)}</t></is></c>' for i, c in enumerate(RECORD_COLUMNS)
    )
    parts = [f'<row r="1">{header}</row>']
    codes = [m.code for m in ledger.meters]
    numbers = f"<c><v>{year * 100}</v></c>" * (len(RECORD_COLUMNS) - 1)  # 202500 as year, month, …
    for r in range(2, rows + 2):  # a real meter code, so the other cells are checked (and wrong)
        parts.append(f'<row r="{r}"><c t="inlineStr"><is><t>{codes[r % len(codes)]}</t></is></c>{numbers}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{''.join(parts)}</sheetData></worksheet>"
    )
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        member = _sheet_member(zin, RECORDS_SHEET)
        for info in zin.infolist():
            zout.writestr(info, sheet.encode("utf-8") if info.filename == member else zin.read(info))
    template.unlink()
    return out
