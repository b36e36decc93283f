"""What a worksheet's XML spans and whether it holds formulas without a value, read as a stream
before calamine sees the sheet.

calamine builds a sheet as one dense grid from A1 (or the first used cell) to the last used
cell, so a single cell at ``XFD1048576`` makes it ask for hundreds of gigabytes and abort the
process. And a formula written by a script (openpyxl, not Excel) carries no computed value:
calamine reads it as an empty cell, which the import would take for "no change". Both are found
here by walking the sheet's ``<row>``, ``<c>``, ``<f>`` and ``<v>`` tags the way a reader places
cells (an ``r`` attribute, else the next row or column).
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from typing import IO

_CHUNK = 1024 * 1024
_TAG = re.compile(rb"<(/?)(row|c|f|v)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb'\sr\s*=\s*["\']\$?([A-Za-z]*)\$?([0-9]*)["\']')
_HUGE = 10**9  # a coordinate with more digits than this is as good as infinite


@dataclass
class SheetScan:
    """How far a sheet's cells reach and the formulas that have no saved value."""

    max_row: int = 0
    max_col: int = 0
    formulas_without_value: int = 0
    first_formula_cell: str = ""

    @property
    def cells(self) -> int:
        return self.max_row * self.max_col


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper()[:8]:
        n = n * 26 + (ch - 64)
    return n if len(letters) <= 7 else _HUGE


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 9 else _HUGE


def _cell_name(col: int, row: int) -> str:
    name = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        name = chr(65 + rem) + name
    return f"{name}{row}"


class _Walker:
    def __init__(self) -> None:
        self.scan = SheetScan()
        self.row = 0
        self.col = 0
        self.in_cell = False
        self.formula = False
        self.value = False
        self.cell_row = 0
        self.value_open = -1  # where the open <v>'s text starts in the current buffer

    def feed(self, buf: bytes) -> None:
        for m in _TAG.finditer(buf):
            closing, name, attrs = m.group(1), m.group(2), m.group(3)
            empty = attrs.rstrip().endswith(b"/")
            if name == b"v":
                if closing:
                    self._value_text(buf, m.start())
                    self.value_open = -1
                elif not empty:
                    self.value_open = m.end()
                continue
            if closing:
                if name == b"c":
                    self._end_cell()
                continue
            if name == b"row":
                r = _R_ATTR.search(attrs)
                self.row = _number(r.group(2)) if r and r.group(2) else self.row + 1
                self.col = 0
                self.scan.max_row = max(self.scan.max_row, self.row)
            elif name == b"c":
                self._start_cell(attrs)
                if empty:
                    self._end_cell()
            elif name == b"f":
                self.formula = True
        if self.value_open >= 0:  # a <v> whose text runs on into the next buffer
            self._value_text(buf, len(buf))
            self.value_open = 0

    def _value_text(self, buf: bytes, end: int) -> None:
        if self.value_open >= 0 and buf[self.value_open : end].strip():
            self.value = True

    def _start_cell(self, attrs: bytes) -> None:
        r = _R_ATTR.search(attrs)
        if r and r.group(1):
            self.col = _column_number(r.group(1))
        else:
            self.col += 1
        self.cell_row = _number(r.group(2)) if r and r.group(2) else self.row
        self.scan.max_row = max(self.scan.max_row, self.cell_row)
        self.scan.max_col = max(self.scan.max_col, self.col)
        self.in_cell, self.formula, self.value = True, False, False

    def _end_cell(self) -> None:
        if self.in_cell and self.formula and not self.value:
            if not self.scan.formulas_without_value:
                self.scan.first_formula_cell = _cell_name(self.col, self.cell_row)
            self.scan.formulas_without_value += 1
        self.in_cell = self.formula = self.value = False


def scan_sheet(stream: IO[bytes]) -> SheetScan:
    """Walk a worksheet part in chunks, cut at the last ``<`` so every tag is read whole."""
    walker = _Walker()
    rest = b""
    while chunk := stream.read(_CHUNK):
        buf = rest + chunk
        cut = buf.rfind(b"<")
        if cut <= 0:
            rest = buf
            continue
        walker.feed(buf[:cut])
        rest = buf[cut:]
    walker.feed(rest)
    return walker.scan


def sheet_names_by_part(z: zipfile.ZipFile) -> dict[str, str]:
    """The sheet name of each worksheet part (``xl/worksheets/sheet3.xml`` → 月度台账), as far as
    workbook.xml and its relationships say; empty when they cannot be read."""
    try:
        book = z.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = z.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (KeyError, OSError, zipfile.BadZipFile):
        return {}
    targets: dict[str, str] = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]*)"', rel.group(0))
        target = re.search(r'\bTarget="([^"]*)"', rel.group(0))
        if rid and target:
            t = target.group(1).lstrip("/")
            targets[rid.group(1)] = t if t.startswith("xl/") else f"xl/{t}"
    names: dict[str, str] = {}
    for sheet in re.finditer(r"<sheet\b[^>]*>", book):
        name = re.search(r'\bname="([^"]*)"', sheet.group(0))
        rid = re.search(r'\br:id="([^"]*)"', sheet.group(0))
        if name and rid and rid.group(1) in targets:
            names[targets[rid.group(1)]] = html.unescape(name.group(1))
    return names
