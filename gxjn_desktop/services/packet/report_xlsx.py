"""report.xlsx: the packet's tables in the statistics forms' layout, ready to print on A4.

The tables come from :mod:`report_tables` (the same ones report.pdf prints). Numbers are written as
numbers with the places of cli.md and thousands separators; every user text is written as text, so a
leading ``=`` never becomes a formula in Excel, WPS or LibreOffice.
"""

from __future__ import annotations

import re
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from gxjn_desktop.services.packet.report_tables import (
    Cell,
    Sheet,
    Table,
    clean_text,
    form_footer_line,
    heading_line,
    packet_sheets,
)

NUMBER_FORMATS = {
    "int": "#,##0",
    "quantity": "#,##0.00",
    "money": "#,##0.00",
    "tce": "#,##0.0000",
    "pct": "#,##0.00",
    "indicator": "#,##0.0000",
    "reading": "#,##0.00####",
}
_FORMULA_START = ("=", "+", "-", "@")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
_FONT = "等线"  # Excel's and WPS's default CJK font; LibreOffice substitutes an installed CJK font


def sheet_title(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: no []:*?/\\, no control characters, at most 31 characters."""
    base = _BAD_SHEET_CHARS.sub("", clean_text(name)).strip("'")[:31] or "Sheet"
    title, i = base, 2
    while title.lower() in taken:
        suffix = f"({i})"
        title, i = base[: 31 - len(suffix)] + suffix, i + 1
    taken.add(title.lower())
    return title


def _header_footer_text(text: str) -> str:
    return clean_text(text).replace("&", "&&")[:120]


@dataclass(frozen=True)
class _Look:
    number_format: str = "General"
    horizontal: str = "left"
    wrap: bool = True
    bold: bool = False
    size: int = 10
    border: bool = True
    fill: bool = False
    quote: bool = False


class _Styles:
    """Applies a cell look, building each distinct look once per workbook.

    openpyxl hashes every style object on each assignment, which made styling most of the export's
    time; a cell's ``_style`` is its row of indexes into the workbook's style lists, so a look built
    once is copied to every later cell that has it.
    """

    def __init__(self) -> None:
        self._built: dict[_Look, StyleArray] = {}

    def apply(self, cell: Any, look: _Look) -> None:
        built = self._built.get(look)
        if built is not None:
            cell._style = copy(built)
            return
        cell.font = Font(name=_FONT, size=look.size, bold=look.bold)
        # A figure keeps a little air from the right border, as Excel's own number cells do.
        indent = 1 if look.horizontal == "right" else 0
        cell.alignment = Alignment(horizontal=look.horizontal, vertical="center", wrap_text=look.wrap, indent=indent)
        cell.number_format = look.number_format
        if look.border:
            cell.border = _BORDER
        if look.fill:
            cell.fill = _HEADER_FILL
        if look.quote:
            cell.quotePrefix = True  # the text stays text when someone edits the cell
        self._built[look] = copy(cell._style)


def write_cell(ws: Worksheet, row: int, column: int, cell: Cell, styles: _Styles) -> None:
    target = ws.cell(row=row, column=column)
    number = cell.number if cell.kind != "text" else None
    if number is not None:
        target.value = int(number) if cell.kind == "int" else number
        styles.apply(target, _Look(NUMBER_FORMATS[cell.kind], "right", wrap=False))
        return
    text = cell.display()
    target.value = text
    target.data_type = "s"  # never a formula, whatever the text starts with
    centre = cell.kind != "text"  # the dash of a figure that does not apply
    styles.apply(
        target, _Look(horizontal="center" if centre else "left", wrap=not centre, quote=text.startswith(_FORMULA_START))
    )


def text_units(text: str) -> float:
    """Width of a text in Excel's column units: a Chinese character takes a little under two."""
    return sum(1.7 if ord(ch) > 0x2E7F else 0.9 for ch in text)


def _lines(text: str, width: float) -> int:
    return max(1, -(-int(text_units(text) * 10) // max(10, int(width * 10))))


def _set_height(ws: Worksheet, row: int, lines: int) -> None:
    # LibreOffice and some WPS versions do not grow a row for wrapped text when printing: give it
    # the height its longest cell needs (10 pt text, 14 pt per line).
    if lines > 1:
        ws.row_dimensions[row].height = 14 * lines + 2


def _text_row(
    ws: Worksheet,
    row: int,
    text: str,
    widths: list[float],
    styles: _Styles,
    *,
    bold: bool = False,
    size: int = 10,
    centre: bool = False,
) -> None:
    text = clean_text(text)
    c = ws.cell(row=row, column=1, value=text)
    c.data_type = "s"
    horizontal = "center" if centre else "left"
    styles.apply(
        c, _Look(horizontal=horizontal, bold=bold, size=size, border=False, quote=text.startswith(_FORMULA_START))
    )
    if len(widths) > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
    _set_height(ws, row, _lines(text, sum(widths) * 10 / size))


def spans(table: Table, grid: int) -> list[tuple[int, int]]:
    """First and last grid column of each of the table's columns on a sheet ``grid`` columns wide.

    A sheet's columns have the widths of its widest table; a table with fewer columns gives the
    extra ones to its widest column (a merged cell), so its texts keep their room.
    """
    k = len(table.columns)
    widest = max(range(k), key=lambda i: table.columns[i].width)
    out, col = [], 1
    for i in range(k):
        span = 1 + (grid - k if i == widest else 0)
        out.append((col, col + span - 1))
        col += span
    return out


def _table_row(
    ws: Worksheet,
    row: int,
    cells: list[Cell],
    layout: list[tuple[int, int]],
    widths: list[float],
    styles: _Styles,
) -> None:
    lines = 1
    for cell, (first, last) in zip(cells, layout, strict=True):
        write_cell(ws, row, first, cell, styles)
        for extra in range(first + 1, last + 1):
            styles.apply(ws.cell(row=row, column=extra), _Look())
        if last > first:
            ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        if not cell.is_number:
            lines = max(lines, _lines(cell.display(), sum(widths[first - 1 : last])))
    _set_height(ws, row, lines)


def _write_sheet(ws: Worksheet, sheet: Sheet, data: dict[str, Any], fingerprint: str, styles: _Styles) -> None:
    grid_table = max(sheet.tables, key=lambda tb: len(tb.columns))
    widths = [float(c.width) for c in grid_table.columns]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _text_row(ws, 1, sheet.title, widths, styles, bold=True, size=14, centre=True)
    ws.row_dimensions[1].height = 26
    _text_row(ws, 2, heading_line(data), widths, styles)
    row = 3
    for line in sheet.intro:
        _text_row(ws, row, line, widths, styles)
        row += 1
    first_header: int | None = None
    for tb in sheet.tables:
        row += 1
        layout = spans(tb, len(widths))
        if len(sheet.tables) > 1:
            _text_row(ws, row, tb.title, widths, styles, bold=True, size=11)
            row += 1
        _table_row(ws, row, [Cell(title) for title in tb.header], layout, widths, styles)
        for col in range(1, len(widths) + 1):
            styles.apply(ws.cell(row=row, column=col), _Look(horizontal="center", bold=True, fill=True))
        if first_header is None:
            first_header = row
        row += 1
        for body in tb.rows:
            _table_row(ws, row, list(body), layout, widths, styles)
            row += 1
        for note in tb.notes:
            _text_row(ws, row, f"注：{note}", widths, styles)
            row += 1
    if sheet.form_footer:
        row += 1
        _text_row(ws, row, form_footer_line(data), widths, styles, bold=True)
        row += 1
    _text_row(ws, row + 1, f"报表包指纹：{fingerprint}", widths, styles)
    if first_header is not None:
        ws.print_title_rows = f"{first_header}:{first_header}"
        ws.freeze_panes = ws.cell(row=first_header + 1, column=1)
    _page_setup(ws, sheet, data, fingerprint)


def _page_setup(ws: Worksheet, sheet: Sheet, data: dict[str, Any], fingerprint: str) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.75
    ws.page_margins.header = ws.page_margins.footer = 0.3
    unit = (data.get("unit") or {}).get("name") or ""
    period = (data.get("period") or {}).get("label") or ""
    for hf in (ws.oddHeader, ws.evenHeader):
        hf.left.text = _header_footer_text(str(unit))
        hf.right.text = _header_footer_text(str(period))
        hf.left.size = hf.right.size = 8
    for hf in (ws.oddFooter, ws.evenFooter):
        hf.left.text = _header_footer_text(f"报表包指纹 {fingerprint}")
        hf.left.size = 8
        hf.right.text = "第 &P 页 共 &N 页"
        hf.right.size = 8


def write_report_xlsx(data: dict[str, Any], path: Path, *, fingerprint: str) -> None:
    """Write report.xlsx for the packet whose data.json is ``data``."""
    wb = Workbook()
    wb.remove(wb.active)
    taken: set[str] = set()
    styles = _Styles()
    for sheet in packet_sheets(data):
        ws = wb.create_sheet(sheet_title(sheet.name, taken))
        _write_sheet(ws, sheet, data, fingerprint, styles)
    unit = (data.get("unit") or {}).get("name") or ""
    wb.properties.title = clean_text(f"{unit} {(data.get('period') or {}).get('label') or ''} 能源资源消费统计报表")
    wb.properties.creator = "gxjn"
    wb.save(path)
