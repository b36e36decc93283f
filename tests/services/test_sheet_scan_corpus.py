"""The quick path and the full scan of a sheet, read both ways over a corpus of odd-but-valid and
hostile sheets, and both against what calamine itself puts into its grid: the full scan never
finds less than calamine, and the quick path answers only where the full scan finds everything
inside its box (else it says "scan fully")."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineError, CalamineWorkbook

from gxjn_desktop.services.sheet_scan import QUICK_COLUMNS, QUICK_ROWS, quick_bound, scan_sheet

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _sheet(data: str, prefix: str = "") -> bytes:
    """A worksheet part; ``data`` is what goes inside <sheetData> (rows, or anything)."""
    p = f"{prefix}:" if prefix else ""
    xmlns = f' xmlns:{prefix}="{NS}"' if prefix else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{NS}"{xmlns}>'
        f"<{p}sheetData>{data}</{p}sheetData></worksheet>"
    ).encode()


def _row(cells: str, r: str = ' r="1"') -> str:
    return f"<row{r}>{cells}</row>"


# (name, part): each small enough for calamine to build its grid in a test
CORPUS: list[tuple[str, bytes]] = [
    ("plain", _sheet(_row('<c r="A1" s="1" t="n"><v>1</v></c><c r="N1" s="2"><v>2</v></c>'))),
    ("inline string", _sheet(_row('<c r="B1" t="inlineStr"><is><t>x</t></is></c>'))),
    ("rich inline string", _sheet(_row('<c r="C1" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>'))),
    ("formula with value", _sheet(_row('<c r="C1"><f>1+1</f><v>2</v></c>'))),
    ("shared formula", _sheet(_row('<c r="D1"><f t="shared" ref="D1:D2" si="0">1+1</f><v>2</v></c>'))),
    ("shared formula child", _sheet(_row('<c r="D2"><f t="shared" si="0"/><v>2</v></c>', ' r="2"'))),
    ("styled empty far away", _sheet(_row('<c r="A1"><v>1</v></c><c r="XFD1048576" s="1"/>'))),
    ("empty pair far away", _sheet(_row('<c r="A1"><v>1</v></c><c r="XFD1048576" s="1"></c>'))),
    ("box corner", _sheet(_row('<c r="AN9999"><v>1</v></c>', ' r="9999"'))),
    ("column past the box", _sheet(_row('<c r="AO2"><v>1</v></c>', ' r="2"'))),
    ("row past the box", _sheet(_row('<c r="A10000"><v>1</v></c>', ' r="10000"'))),
    ("no places", _sheet(_row("<c><v>1</v></c><c><v>2</v></c><c><v>3</v></c>") + _row("<c><v>4</v></c>", ""))),
    ("rows without places", _sheet(_row("<c><v>1</v></c>", "") + _row("<c><v>1</v></c>", ""))),
    ("single quotes", _sheet(_row("<c r='E5'><v>1</v></c>", " r='5'"))),
    ("another attribute first", _sheet(_row('<c s="1" r="F6"><v>1</v></c>', ' r="6"'))),
    ("spacing", _sheet(_row('<c  r = "G7" ><v>1</v></c>', ' r="7"'))),
    ("lower-case place", _sheet(_row('<c r="h8"><v>1</v></c>', ' r="8"'))),
    ("space before the value", _sheet(_row('<c r="B3"> <v>1</v></c>', ' r="3"'))),
    ("value with attributes", _sheet(_row('<c r="B3"><v xml:space="preserve">1</v></c>', ' r="3"'))),
    ("second r, far", _sheet(_row('<c r="A1" r="BA30"><v>1</v></c>'))),
    ("second r after a style", _sheet(_row('<c r="A1" s="1" r="BA30"><v>1</v></c>'))),
    ("second r on a new line", _sheet(_row('<c r="A1"\nr="BA30"><v>1</v></c>'))),
    ("slash in a value", _sheet(_row('<c r="BA30" x="a/b"><v>1</v></c>'))),
    ("angle in a value", _sheet(_row('<c r="BA30" x=">"><v>1</v></c>'))),
    ("prefixed sheet", _sheet(_row('<x:c r="BA30"><x:v>1</x:v></x:c>').replace("row", "x:row"), "x")),
    ("prefixed cell only", _sheet(_row('<x:c r="BA30"><v>1</v></x:c>'), "x")),
    ("unbound prefix", _sheet(_row('<q:c r="BA30"><q:v>1</q:v></q:c>'))),
    ("prefixed value only", _sheet(_row('<c r="BA30"><x:v>1</x:v></c>'), "x")),
    ("cell outside any row", _sheet('<c r="BA30"><v>1</v></c>')),
    ("cell in a comment", _sheet(_row('<c r="A1"><v>1</v></c><!-- <c r="BA30"><v>1</v></c> -->'))),
    ("empty value", _sheet(_row('<c r="BA30"><v></v></c>'))),
    ("self-closing value", _sheet(_row('<c r="BA30"><v/></c>'))),
    ("another element first", _sheet(_row('<c r="BA30"><extLst/><v>1</v></c>'))),
    ("cell tag with an unknown attribute", _sheet(_row('<c r="B2" foo="1"><v>1</v></c>', ' r="2"'))),
    ("cm and vm", _sheet(_row('<c r="B2" s="1" t="n" cm="1" vm="1"><v>1</v></c>', ' r="2"'))),
    ("nothing", _sheet("")),
]

# Formulas calamine would read as empty cells: the full scan counts them, the quick path declines.
WITHOUT_VALUE: list[tuple[str, bytes]] = [
    ("formula alone", _sheet(_row('<c r="B2"><f>1+1</f></c>', ' r="2"'))),
    ("formula, empty value", _sheet(_row('<c r="B2"><f>1+1</f><v></v></c>', ' r="2"'))),
    ("shared child alone", _sheet(_row('<c r="B2"><f t="shared" si="0"/></c>', ' r="2"'))),
    ("prefixed formula", _sheet(_row('<c r="B2"><x:f>1+1</x:f></c>', ' r="2"'), "x")),
    ("prefixed formula and cell", _sheet(_row('<x:c r="B2"><x:f>1+1</x:f></x:c>', ' r="2"'), "x")),
]


def _calamine_extent(part: bytes, tmp_path: Path) -> tuple[int, int] | None:
    """(rows, columns) of the grid calamine builds for this sheet, from A1; ``None`` when calamine
    refuses the sheet (the import then refuses the workbook as unreadable)."""
    book = tmp_path / "one.xlsx"
    with zipfile.ZipFile(book, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{NS}" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", part)
    try:
        sheet = CalamineWorkbook.from_path(str(book)).get_sheet_by_name("S")
    except CalamineError:
        return None
    end = sheet.end
    return (0, 0) if end is None else (end[0] + 1, end[1] + 1)


@pytest.mark.parametrize(("name", "part"), CORPUS, ids=[n for n, _ in CORPUS])
def test_the_full_scan_never_finds_less_than_calamine(name: str, part: bytes, tmp_path: Path) -> None:
    extent = _calamine_extent(part, tmp_path)
    scan = scan_sheet(io.BytesIO(part))
    if extent is not None:
        assert scan.max_row >= extent[0] and scan.max_col >= extent[1], name
    assert scan.formulas_without_value == 0, name


@pytest.mark.parametrize(("name", "part"), CORPUS + WITHOUT_VALUE, ids=[n for n, _ in CORPUS + WITHOUT_VALUE])
def test_the_quick_path_answers_only_inside_what_the_full_scan_allows(name: str, part: bytes, tmp_path: Path) -> None:
    bound = quick_bound(part)
    scan = scan_sheet(io.BytesIO(part))
    if bound is None:
        return
    assert bound == (QUICK_ROWS, QUICK_COLUMNS)
    assert scan.max_row <= QUICK_ROWS and scan.max_col <= QUICK_COLUMNS, name
    assert scan.formulas_without_value == 0, name
    extent = _calamine_extent(part, tmp_path)
    assert extent is not None and extent[0] <= QUICK_ROWS and extent[1] <= QUICK_COLUMNS, name


@pytest.mark.parametrize(
    "name",
    [
        "second r, far",
        "second r after a style",
        "second r on a new line",
        "slash in a value",
        "prefixed sheet",
        "prefixed cell only",
        "unbound prefix",
        "prefixed value only",
        "cell outside any row",
        "column past the box",
        "row past the box",
    ],
)
def test_a_cell_placed_past_the_box_in_any_spelling_gets_the_full_scan(name: str) -> None:
    part = dict(CORPUS)[name]
    assert quick_bound(part) is None
    scan = scan_sheet(io.BytesIO(part))
    assert scan.max_col >= 41 or scan.max_row >= 10000, name  # BA = 53, AO = 41


@pytest.mark.parametrize(("name", "part"), WITHOUT_VALUE, ids=[n for n, _ in WITHOUT_VALUE])
def test_a_formula_without_its_value_is_found_under_any_prefix(name: str, part: bytes) -> None:
    assert quick_bound(part) is None
    scan = scan_sheet(io.BytesIO(part))
    assert scan.formulas_without_value == 1 and scan.first_formula_cell == "B2", name


@pytest.mark.parametrize("chunk", [5, 7, 64])
def test_a_prefixed_sheet_read_in_small_chunks_is_read_as_whole(chunk: int) -> None:
    part = dict(CORPUS)["prefixed sheet"] + b""

    class Chunked(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            return super().read(min(chunk, n if n is not None and n >= 0 else chunk))

    scan = scan_sheet(Chunked(part))
    assert (scan.max_row, scan.max_col) == (30, 53)


def test_the_ordinary_spellings_take_the_quick_path() -> None:
    ordinary = [
        "plain",
        "inline string",
        "rich inline string",
        "formula with value",
        "shared formula",
        "shared formula child",
        "styled empty far away",
        "empty pair far away",
        "box corner",
        "cm and vm",
        "nothing",
    ]
    assert [n for n in ordinary if quick_bound(dict(CORPUS)[n]) is None] == []
