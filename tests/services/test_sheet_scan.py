"""Sheets that would make calamine ask for hundreds of gigabytes, and formulas a script wrote
without a value: refused before calamine reads the sheet, with the sheet and cell named; a
formula Excel saved (with its value) imports that value."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.sheet_scan import quick_bound, scan_sheet
from gxjn_desktop.services.workbook.importer import read_workbook
from gxjn_desktop.services.workbook.template import write_template


@pytest.fixture
def template(demo_service: LedgerService, tmp_path: Path) -> Path:
    return write_template(demo_service.ledger(), 2025, tmp_path / "填报.xlsx")


def _records_part(z: zipfile.ZipFile) -> str:
    from bench.hostile_workbook import _sheet_member

    return _sheet_member(z, "月度台账")


def _edit_records(src: Path, dst: Path, edit: object) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        part = _records_part(zin)
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)  # type: ignore[operator]
    return dst


def test_one_cell_far_away_is_refused_before_calamine_allocates_its_grid(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    bad = _edit_records(template, tmp_path / "far.xlsx", lambda xml: xml.replace("</sheetData>", far))
    with pytest.raises(UserError) as err:  # without the check calamine aborts the process (512 GB)
        read_workbook(bad, demo_service.ledger())
    assert "第 1048576 行、第 16384 列" in err.value.message and "多余的单元格" in err.value.hint


@pytest.mark.parametrize(
    "far",
    [
        '<row r="60000"><c r="A60000" r="AN60000"><v>1</v></c></row>',  # calamine takes the last r
        '<row r="60000"><c r="A60000" s="2"\nr="AN60000"><v>1</v></c></row>',
        '<row r="60000"><c r="AN60000" x="a/b"><v>1</v></c></row>',  # a "/" in a value
        '<x:row r="60000" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:c r="AN60000"><x:v>1</x:v></x:c></x:row>',  # calamine reads elements by their local name
        '<q:c r="AN60000"><q:v>1</q:v></q:c>',  # even under a prefix nothing declares, outside a row
    ],
)
def test_a_far_cell_in_any_spelling_is_refused_before_calamine(
    demo_service: LedgerService, template: Path, tmp_path: Path, far: str
) -> None:
    bad = _edit_records(template, tmp_path / "far.xlsx", lambda xml: xml.replace("</sheetData>", far + "</sheetData>"))
    with pytest.raises(UserError) as err:  # 60000 × 40 cells: past the limits, yet small if it got through
        read_workbook(bad, demo_service.ledger())
    assert "第 60000 行、第 40 列" in err.value.message and "多余的单元格" in err.value.hint


def test_a_sheet_written_with_a_namespace_prefix_is_checked_like_any_other(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    """Some generators write every element as <x:c>: the whole sheet is scanned with the prefix read away."""

    def prefixed(xml: str) -> str:
        xml = re.sub(r"<(/?)(worksheet|sheetData|row|c|v|is|t|f)\b", r"<\1x:\2", xml)
        xml = xml.replace(
            "<x:worksheet ", '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ', 1
        )
        return xml.replace(
            "</x:sheetData>", '<x:row r="60000"><x:c r="AN60000"><x:v>1</x:v></x:c></x:row></x:sheetData>'
        )

    bad = _edit_records(template, tmp_path / "prefixed.xlsx", prefixed)
    with pytest.raises(UserError, match="第 60000 行、第 40 列"):
        read_workbook(bad, demo_service.ledger())


def test_a_wide_row_of_cells_without_coordinates_counts_too(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    wide = '<row r="40000">' + "<c><v>1</v></c>" * 100 + "</row></sheetData>"
    bad = _edit_records(template, tmp_path / "wide.xlsx", lambda xml: xml.replace("</sheetData>", wide))
    with pytest.raises(UserError, match="第 40000 行、第 100 列"):
        read_workbook(bad, demo_service.ledger())


def test_a_formula_without_a_saved_value_is_refused_not_read_as_empty(
    demo_service: LedgerService, template: Path, tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.load_workbook(template)
    wb["月度台账"]["G13"] = "=G12+1000"  # openpyxl writes the formula, never its value
    wb["月度台账"]["I5"] = "=1+2"
    scripted = tmp_path / "scripted.xlsx"
    wb.save(scripted)
    with pytest.raises(UserError) as err:
        read_workbook(scripted, demo_service.ledger())
    assert "“月度台账”单元格 I5 等 2 处 是公式" in err.value.message
    assert "打开该文件并保存一次" in err.value.hint
    demo_service.close()
    assert main(["--data-dir", str(data_dir), "import", str(scripted)]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_a_formula_excel_saved_with_its_value_imports_the_value(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    def computed(xml: str) -> str:  # what Excel writes: the formula and, beside it, its value
        return re.sub(r'<c r="G13"([^>]*)>.*?</c>', r'<c r="G13"\1><f>G12+1000</f><v>34500.5</v></c>', xml, count=1)

    saved = _edit_records(template, tmp_path / "excel.xlsx", computed)
    plan = read_workbook(saved, demo_service.ledger())
    assert any("34500.5" in line for line in plan.describe())


@pytest.mark.parametrize("chunk", [7, 64, 1 << 20])
def test_the_scan_reads_tags_cut_across_chunks(chunk: int) -> None:
    xml = (
        b'<sheetData><row r="2"><c r="B2"><f>1+1</f><v>2</v></c><c r="C2"><f t="shared" si="0"/></c>'
        b'<c r="D2"><f>A1</f><v>  </v></c><c/></row><row><c r="AA3" t="s"><v>7</v></c></row></sheetData>'
    )

    class Chunked(io.BytesIO):
        def read(self, n: int | None = -1) -> bytes:
            return super().read(min(chunk, n if n is not None and n >= 0 else chunk))

    scan = scan_sheet(Chunked(xml))
    assert (scan.max_row, scan.max_col) == (3, 27)
    assert (scan.formulas_without_value, scan.first_formula_cell) == (2, "C2")


@pytest.mark.parametrize("year", ["0", "1999", "2999"])
def test_a_marked_year_out_of_range_is_one_line_not_a_crash_or_a_problem_per_row(
    demo_service: LedgerService, template: Path, tmp_path: Path, year: str
) -> None:
    wb = openpyxl.load_workbook(template)
    for key, value in wb["_gxjn"].iter_rows():
        if key.value == "year":
            value.value = year  # year 0 once reached a date computation (exit 3)
    marked = tmp_path / "marked.xlsx"
    wb.save(marked)
    with pytest.raises(UserError) as err:
        read_workbook(marked, demo_service.ledger())
    assert err.value.message.startswith(f"marked.xlsx 标记的年度 {year} 超出范围")


def test_a_meter_code_merged_down_the_column_says_the_cells_are_empty(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    wb = openpyxl.load_workbook(template)
    wb["月度台账"].merge_cells("A2:A13")  # E1 once, over its twelve months
    merged = tmp_path / "merged.xlsx"
    wb.save(merged)
    with pytest.raises(UserError) as err:
        read_workbook(merged, demo_service.ledger())
    assert "“月度台账”第 3 行“计量器具编号”：计量器具编号是空的" in err.value.message
    assert "编号为“”" not in err.value.message


@pytest.mark.parametrize("typed", ["２０２５－１２－２７", "２０２５年１２月２７日", "2025/12/27"])
def test_a_reading_date_typed_in_full_width_is_read_as_numbers_are(
    demo_service: LedgerService, template: Path, tmp_path: Path, typed: str
) -> None:
    wb = openpyxl.load_workbook(template)
    wb["月度台账"]["K13"] = typed  # E1, December: 抄表日期
    dated = tmp_path / "dated.xlsx"
    wb.save(dated)
    plan = read_workbook(dated, demo_service.ledger())
    assert any("抄表日期" in line and "2025-12-27" in line for line in plan.describe())


def test_a_format_alone_far_away_is_no_cell_and_is_not_refused(
    demo_service: LedgerService, template: Path, tmp_path: Path
) -> None:
    """Excel writes a formatted empty cell (Ctrl+End, a click far away, a border) as <c r=… s=…/>;
    calamine leaves it out of the grid, so it must not make the workbook look huge."""
    far = '<row r="1048576" ht="30" customHeight="1"><c r="XFD1048576" s="1"/></row></sheetData>'
    styled = _edit_records(template, tmp_path / "styled.xlsx", lambda xml: xml.replace("</sheetData>", far))
    read_workbook(styled, demo_service.ledger())


@pytest.mark.parametrize(
    "cells",
    [
        '<c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="C9" s="1"/>',
        '<c r="XFD1048576"><v>1</v></c>',
        '<c r="B2"><f>1+1</f><v>2</v></c><c r="AA30"/>',
        "",
    ],
)
def test_the_quick_bound_never_falls_below_the_full_scan(cells: str) -> None:
    part = f"<worksheet><sheetData><row r='1'>{cells}</row></sheetData></worksheet>".encode()
    bound = quick_bound(part)
    exact = scan_sheet(io.BytesIO(part))
    assert bound is None or (bound[0] >= exact.max_row and bound[1] >= exact.max_col)


@pytest.mark.parametrize(
    "cells",
    [
        "<c><v>1</v></c>",  # no coordinate: its column comes from its place in the row
        '<c s="1" r="B2"><v>1</v></c>',  # another attribute first
        '<c r="B2"><f>1+1</f></c>',  # a formula without its value
    ],
)
def test_an_unusual_sheet_gets_the_full_scan(cells: str) -> None:
    part = f"<worksheet><sheetData><row>{cells}</row></sheetData></worksheet>".encode()
    assert quick_bound(part) is None


def test_the_programs_own_template_takes_the_quick_path(template: Path) -> None:
    with zipfile.ZipFile(template) as z:
        parts = [i for i in z.infolist() if i.filename.startswith("xl/worksheets/")]
        assert parts and all(quick_bound(z.read(i)) is not None for i in parts)


@pytest.mark.parametrize("attribute", [b" r=", b' r="', b' r="A1"', b' r= "B2" x="/"'])
def test_a_cell_tag_of_thousands_of_attributes_is_read_in_one_pass(attribute: bytes) -> None:
    """A 64 KB cell tag full of r= once made the scan's patterns backtrack over every pair of them
    (minutes for one small workbook); read in one pass, the far cell written last still counts."""
    row = b'<row r="3"><c ' + attribute * 8000 + b' r="XFD1048576"><v>1</v></c></row>'
    sheet = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>' + row + b"</sheetData></worksheet>"
    scan = scan_sheet(io.BytesIO(sheet))
    assert scan.max_col == 16384 and scan.max_row == 1048576
