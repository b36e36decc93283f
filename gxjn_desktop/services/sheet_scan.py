"""What a worksheet's XML spans and whether it holds formulas without a value, read as a stream
before calamine sees the sheet.

calamine builds a sheet as one dense grid from A1 (or the first used cell) to the last used
cell, so a single cell at ``XFD1048576`` makes it ask for hundreds of gigabytes and abort the
process. And a formula written by a script (openpyxl, not Excel) carries no computed value:
calamine reads it as an empty cell, which the import would take for "no change". Both are found
here from the sheet's ``<row>``, ``<c>``, ``<f>`` and ``<v>`` tags, placing cells as a reader does
(an ``r`` attribute, else the next row or column).
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass
from operator import itemgetter
from typing import IO

_CHUNK = 1024 * 1024
_ROW = re.compile(rb"<row\b([^>]*)>")
_ROW_R = re.compile(rb"""\br\s*=\s*["'](\d+)["']""")
_ROW_NUMBERED = re.compile(rb"""<row\b[^>]*?\br\s*=\s*["'](\d+)["'][^>]*>""")  # _ROW with _ROW_R in it
_CELL_STARTS = tuple(b"<c" + bytes([c]) for c in b" \t\n\r\f\v/>")  # where a <c> tag starts: counted in C
# A cell with its place and something in it: not <c r="XFD1048576" s="1"/> (a format alone, which
# calamine leaves out of the grid as Excel writes it after Ctrl+End and a click far away).
# (``(?<!/)>``: a "/" inside a later attribute's value does not hide the cell.)
# The atomic group and the possessive tail keep a tag of many r= linear: no second try at another
# r= of a tag that failed (a hostile 16 KB tag would otherwise take seconds to minutes).
_CELL_R = re.compile(rb"""<c\s(?>[^>]*?\br\s*=\s*["'])\$?([A-Za-z]+)\$?(\d*)["'][^>]*+(?<!/)>(?!\s*</c>)""")
# A cell tag with a second r: calamine takes the last, _CELL_R the first; such a tag counts with
# every place written in it.
_CELL_TWO_R = re.compile(rb"""<c\s(?=[^>]*?\br\s*=[^>]*?\br\s*=)[^>]*+(?<!/)>(?!\s*</c>)""")
_ANY_R = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]+)\$?(\d*)["']""")
# A namespace prefix on an element's name (<x:c>, </x:row>): calamine reads elements by their
# local name, so the scan reads the sheet with the prefixes taken away.
_ELEMENT_PREFIX = re.compile(rb"<(/?)(?:[^\s<>/:!?]+:)+")
_PREFIXED = re.compile(rb":(?:sheetData|row|c|f|v|is)[\s/>]")  # such an element has a prefix
_PLACED = re.compile(rb"""<c\s[^>]*?\br\s*=""")
_CONTENT = (b"<v", b"<is", b"<f")
# A formula followed by no value: an empty <v>, or the end of its cell.
_NO_VALUE = re.compile(rb"<f\b[^>]*?(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v(?:\s[^>]*)?>\s*</v>|</c>)")
_HUGE = 10**9  # a coordinate with more digits than this is as good as infinite


@dataclass
class SheetScan:
    """How far a sheet's cells reach and the formulas that have no saved value."""

    max_row: int = 0
    max_col: int = 0
    formulas_without_value: int = 0
    first_formula_cell: str = ""
    last_row: int = 0  # where a row without an ``r`` attribute goes: after the one before it

    @property
    def cells(self) -> int:
        return self.max_row * self.max_col


def _column_number(letters: bytes) -> int:
    if len(letters) > 7:
        return _HUGE
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ch - 64)
    return n


def _number(digits: bytes) -> int:
    return int(digits) if len(digits) <= 9 else _HUGE


def _largest(numbers: set[bytes]) -> int:
    """The largest of these numbers (``_HUGE`` if one is too long), each turned into an int in C."""
    numbers.discard(b"")
    if not numbers:
        return 0
    return _HUGE if max(map(len, numbers)) > 9 else max(map(int, numbers))


def _scan_rows(buf: bytes, scan: SheetScan) -> None:
    """One stretch of whole rows. The regular expressions do the per-cell work in C: a sheet of
    45,000 rows is read in a fraction of a second."""
    found = _CELL_R.findall(buf)
    for tag in _CELL_TWO_R.finditer(buf):
        found += _ANY_R.findall(tag.group(0))
    if found:  # each column's letters once (not once per cell)
        scan.max_col = max(scan.max_col, *map(_column_number, set(map(itemgetter(0), found))))
        scan.max_row = max(scan.max_row, _largest(set(map(itemgetter(1), found))))
    cells_without_r = sum(buf.count(start) for start in _CELL_STARTS) > len(_PLACED.findall(buf))
    rows = list(_ROW.finditer(buf))
    numbered = _ROW_NUMBERED.findall(buf)
    if rows and len(numbered) == len(rows) and not cells_without_r:
        # Every row and cell says its number (as Excel, WPS and openpyxl write them): the cells with
        # something in them gave the extent above; an empty row (a height, a format) adds nothing.
        scan.last_row = _number(numbered[-1])
        rows = []
    for i, m in enumerate(rows):
        r = _ROW_R.findall(m.group(1))  # a second r counts too
        scan.last_row = max(map(_number, r)) if r else scan.last_row + 1
        end = rows[i + 1].start() if i + 1 < len(rows) else len(buf)
        if any(buf.find(tag, m.end(), end) >= 0 for tag in _CONTENT):  # an empty row adds nothing
            scan.max_row = max(scan.max_row, scan.last_row)
            if cells_without_r:  # such cells take the next column: count them row by row
                scan.max_col = max(scan.max_col, buf.count(b"<c", m.end(), end))  # in a row only cells start so
    if b"<f" in buf:
        for m in _NO_VALUE.finditer(buf):
            if not scan.formulas_without_value:
                cell = _CELL_R.match(buf, max(buf.rfind(b"<c", 0, m.start()), 0))
                scan.first_formula_cell = (cell.group(1) + cell.group(2)).decode("ascii") if cell else ""
            scan.formulas_without_value += 1


def scan_sheet(stream: IO[bytes]) -> SheetScan:
    """Read a worksheet part in chunks, each cut where a row starts so every row is read whole."""
    scan = SheetScan()
    rest = b""
    prefixed = False  # once a data element has a prefix, every stretch is read with prefixes away
    while chunk := stream.read(_CHUNK):
        buf = rest + chunk
        prefixed = prefixed or bool(_PREFIXED.search(buf))  # a tag cut at the end is whole in rest next time
        if prefixed:
            buf = _ELEMENT_PREFIX.sub(rb"<\1", buf)
        cut = buf.rfind(b"<row")
        if cut <= 0:  # no row starts here yet (or one row longer than a chunk): read on
            rest = buf
            continue
        _scan_rows(buf[:cut], scan)
        rest = buf[cut:]
    _scan_rows(rest, scan)
    return scan


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


# The quick path's box: every cell with a value lies within A1:AN9999 (the entry workbook has 14
# columns and meters × 12 rows; a bureau's quota file one row per unit and indicator).
QUICK_ROWS = 9999
QUICK_COLUMNS = 40  # AN
# calamine puts into its grid only cells with a value (<v>) or an inline string (<is>): a cell that
# is only formatted (most of the template's cells) is left out wherever it is. So the quick path
# looks at the values alone, from the value backwards (the part is read reversed, so each search
# starts at a value, found as fast as a byte search, and nothing is allocated per cell): right
# before it must stand its cell's tag, exactly <c r="B7"> within the box with nothing after the
# place but style/type attributes (no second r, which calamine would take), or such a tag and the
# cell's formula. Patterns below are written reversed.
_CELL_TAG_REVERSED = (
    rb"> ?"
    rb'(?:"[^"<>]*+"=(?:s|t|mc|mv|hp) )*+'  # s="3" t="n" cm="1" vm="1" ph="1"
    rb'"[0-9]{0,3}[1-9](?:[A-N]A|[A-Z])"=r c<'  # <c r="B7" … <c r="AN9999"
)
_FORMULA_REVERSED = rb'(?:>f/<[^<]*>|>/)(?:"[^"<>]*+"=[a-zA-Z]++ )*+ ?f<'  # <f …>…</f> or <f …/>
_VALUE_UNPLACED = re.compile(
    rb"v<(?<=[\s/>]v<)(?!(?:" + _FORMULA_REVERSED + rb")?" + _CELL_TAG_REVERSED + rb")"
)  # a <v> not right after such a tag (and formula)
_TEXT_UNPLACED = re.compile(rb"si<(?<=[\s/>]si<)(?!" + _CELL_TAG_REVERSED + rb")")  # an <is> likewise


def quick_bound(part: bytes) -> tuple[int, int] | None:
    """``(QUICK_ROWS, QUICK_COLUMNS)`` when that box holds every cell with a value for sure, every
    formula has its saved value and no element of the sheet's data has a namespace prefix; ``None``
    when the full scan is needed.

    Every value in the part is judged (any outside the sheet's data too), so the box can only
    overestimate what ``scan_sheet`` (and calamine) find."""
    if _PREFIXED.search(part) or _NO_VALUE.search(part):  # (a prefixed <x:v> is not found below)
        return None
    backwards = bytearray(part)
    backwards.reverse()
    if _VALUE_UNPLACED.search(backwards) or _TEXT_UNPLACED.search(backwards):
        return None
    return QUICK_ROWS, QUICK_COLUMNS
