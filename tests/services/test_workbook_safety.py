"""Workbooks that mislead or attack: refused before parsing, with a message that says what is wrong;
junk stops being checked at a cap; an import that changes nothing writes nothing, not even a backup."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from bench.hostile_workbook import junk_workbook
from gxjn_desktop.cli.main import main
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.quotas import read_quota_workbook
from gxjn_desktop.services.safe_zip import MAX_SHEET_ROWS
from gxjn_desktop.services.workbook.importer import MAX_PROBLEMS, read_workbook
from gxjn_desktop.services.workbook.template import write_template


@pytest.fixture
def template(demo_service: LedgerService, tmp_path: Path) -> Path:
    return write_template(demo_service.ledger(), 2025, tmp_path / "填报.xlsx")


def _with_part(src: Path, dst: Path, name: str, edit: object) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            zout.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == name else data)  # type: ignore[operator]
    return dst


@pytest.mark.parametrize(
    ("part", "doctype"),
    [
        ("docProps/core.xml", '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),  # never read, never used
        ("xl/workbook.xml", '<!doctype r [<!ENTITY a "aaaa">]>'),
        ("[Content_Types].xml", "<!DOCTYPE Types>"),
    ],
)
def test_any_xml_part_with_a_doctype_is_refused_before_parsing(
    demo_service: LedgerService, template: Path, tmp_path: Path, part: str, doctype: str
) -> None:
    def declare(xml: str) -> str:  # after the XML declaration if there is one, else first
        return xml.replace("?>", "?>" + doctype, 1) if xml.startswith("<?xml") else doctype + xml

    bad = _with_part(template, tmp_path / "dtd.xlsx", part, declare)
    with pytest.raises(UserError) as err:
        read_workbook(bad, demo_service.ledger())
    assert "DOCTYPE" in err.value.message and part in err.value.message


def test_a_zip_that_is_not_a_workbook_says_so_in_chinese(demo_service: LedgerService, tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "holiday photos")
    with pytest.raises(UserError) as err:
        read_workbook(path, demo_service.ledger())
    assert "Calamine" not in err.value.one_line() and "Error" not in err.value.one_line()
    assert "不是Excel 工作簿" in err.value.message and "另存为" in err.value.hint


def test_junk_rows_stop_being_checked_at_the_cap(demo_service: LedgerService, tmp_path: Path) -> None:
    path = junk_workbook(demo_service.ledger(), 2025, 2_000, tmp_path / "junk.xlsx")
    with pytest.raises(UserError) as err:
        read_workbook(path, demo_service.ledger())
    message = err.value.message
    assert f"查到第 {MAX_PROBLEMS} 处后停止检查" in message and f"以及另外 {MAX_PROBLEMS - 20} 处" in message
    assert message.count("“月度台账”第") == 20  # the first ones are shown, the rest counted


def test_a_sheet_of_far_too_many_rows_is_refused_before_calamine(demo_service: LedgerService, tmp_path: Path) -> None:
    path = junk_workbook(demo_service.ledger(), 2025, MAX_SHEET_ROWS + 1, tmp_path / "huge.xlsx")
    with pytest.raises(UserError, match=f"有 {MAX_SHEET_ROWS + 2} 行"):
        read_workbook(path, demo_service.ledger())


def test_import_given_a_folder_says_it_is_a_folder(
    demo_service: LedgerService, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_service.close()
    assert main(["--data-dir", str(data_dir), "import", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "是文件夹" in err and "找不到" not in err


def test_an_import_that_changes_nothing_makes_no_backup(
    demo_service: LedgerService, data_dir: Path, template: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo_service.close()
    LedgerService.open(data_dir).close()  # today's daily backup is made at open, whatever follows
    before = sorted((data_dir / "backups").iterdir())
    assert main(["--data-dir", str(data_dir), "import", str(template)]) == 0
    assert "新增 0 条、修改 0 条" in capsys.readouterr().out
    assert sorted((data_dir / "backups").iterdir()) == before


def test_a_quota_file_error_says_what_is_wrong_in_the_message(demo_service: LedgerService, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "定额"  # type: ignore[union-attr]
    buffer = io.BytesIO()
    wb.save(buffer)
    path = tmp_path / "定额.xlsx"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(UserError) as err:
        read_quota_workbook(path, demo_service.ledger())
    line = err.value.one_line()
    assert "docs/" not in line and ".md" not in line
    assert "“能耗定额”" in line and "“定额”" in line and "统一社会信用代码" in line
