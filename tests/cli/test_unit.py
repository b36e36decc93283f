"""gxjn-cli unit init / unit show: a unit without the window, with the wizard's checks."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.services.workbook.layout import PROFILE_COLUMNS, PROFILE_SHEET, UNIT_COLUMNS, UNIT_SHEET

USCC = "12450123MB1965432W"  # a valid GB 32100 code (check character W)
OPTIONS = ("--name", "某某县教育局", "--uscc", USCC, "--admin-code", "450123", "--type", "国家机关")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def show(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict:
    code, out, err = run(capsys, "--data-dir", str(data_dir), "unit", "show", "--json")
    assert code == 0, err
    return json.loads(out)


def test_init_from_options_then_show(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "--data-dir", str(data_dir), "unit", "init", *OPTIONS, "--year", "2025", "--people", "1,250", "--area", "8000.5",
        "--manager", "李四", "--phone", "0771-1234567", "--head", "张三", "--preparer", "王五",
    )  # fmt: skip
    assert code == 0, err
    assert "某某县教育局" in out and "8000.5" in out
    d = show(capsys, data_dir)
    assert d["unit"] == {
        "name": "某某县教育局",
        "uscc": USCC,
        "admin_code": "450123",
        "institution_type": "01",
        "institution_type_name": "国家机关",
        "climate_zone": "夏热冬暖",
        "admin_level": None,
        "admin_level_name": None,
        "party_government_organ": False,
        "address": "",
        "contacts": [{"role": "节能管理员", "name": "李四", "phone": "0771-1234567"}],
    }
    (profile,) = d["profiles"]
    assert profile["year"] == 2025 and profile["people"] == 1250 and profile["area_m2"] == "8000.5"
    assert profile["signatories"] == {"head": "张三", "statistician": "", "preparer": "王五", "report_date": None}
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "unit", "show")
    assert code == 0 and USCC in out and "2025 年：用能人数 1250 人，建筑面积 8000.5 m²" in out


def test_init_takes_admin_level_and_party_organ(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """行政层级 and 党政机关, which the work plan's goals are counted by, as the 单位信息 form takes them."""
    code, _, err = run(
        capsys,
        "--data-dir", str(data_dir), "unit", "init", *OPTIONS, "--people", "40", "--area", "900",
        "--admin-level", "县级及以下", "--party-organ",
    )  # fmt: skip
    assert code == 0, err
    unit = show(capsys, data_dir)["unit"]
    assert (unit["admin_level"], unit["admin_level_name"], unit["party_government_organ"]) == (
        "county",
        "县级及以下",
        True,
    )
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "unit", "show")
    assert code == 0 and "行政层级 县级及以下  党政机关 是" in out


def test_refuses_a_folder_that_holds_a_unit(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--data-dir", str(data_dir), "demo")[0] == 0
    before = show(capsys, data_dir)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", *OPTIONS, "--people", "10", "--area", "100")
    assert code == 2 and len(err.strip().splitlines()) == 1 and "已有单位" in err
    assert show(capsys, data_dir) == before


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (("--uscc", "12450123MB1965432X"), "校验位"),
        (("--admin-code", "4501"), "行政区划代码"),
        (("--type", "企业"), "机构类型"),
        (("--people", "0"), "用能人数必须大于 0"),
        (("--area", "十"), "建筑面积"),
        (("--name", " "), "--name"),
        (("--admin-level", "省直"), "行政层级“省直”不是可选的值"),
        (("--type", "021", "--party-organ"), "党政机关的机构类型应为“国家机关”"),
    ],
)
def test_wizard_checks_refuse_with_one_line_and_create_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], words: str
) -> None:
    args = dict(zip(OPTIONS[::2], OPTIONS[1::2], strict=True)) | {"--people": "10", "--area": "100"}
    args[change[0]] = change[1]
    flags = list(change[2:])  # a flag without a value
    code, _, err = run(
        capsys, "--data-dir", str(data_dir), "unit", "init", *[x for kv in args.items() for x in kv], *flags
    )
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err, err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "show")
    assert code == 2 and "请先新建单位" in err  # nothing was created


def test_init_from_the_entry_workbook_of_another_unit(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bureau copies a unit: its template's 单位信息 and 年度基本情况 make the same unit elsewhere."""
    assert run(capsys, "--data-dir", str(data_dir), "demo")[0] == 0
    book = tmp_path / "填报.xlsx"
    assert run(capsys, "--data-dir", str(data_dir), "template", "--out", str(book), "--year", "2025")[0] == 0
    other = tmp_path / "other"
    code, _, err = run(capsys, "--data-dir", str(other), "unit", "init", "--from", str(book))
    assert code == 0, err
    demo, copy = show(capsys, data_dir), show(capsys, other)
    assert copy["unit"] == demo["unit"]
    assert copy["profiles"] == [p for p in demo["profiles"] if p["year"] == 2025]


def test_init_from_a_workbook_a_script_wrote(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the two sheets, no hidden _gxjn sheet: the year comes from --year."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = UNIT_SHEET
    ws.append([c.header for c in UNIT_COLUMNS])
    for row in (
        ("单位名称", "某某市第一中学"),
        ("统一社会信用代码", USCC.lower()),
        ("行政区划代码", "450123"),
        ("机构类型", "021"),
        ("行政层级", "市直"),
        ("党政机关", "否"),
    ):
        ws.append(row)
    ws = wb.create_sheet(PROFILE_SHEET)
    ws.append([c.header for c in PROFILE_COLUMNS])
    ws.append(["用能人数（人）", 310])
    ws.append(["建筑面积（m²）", 12000])
    ws.append(["填表人", "赵六"])
    path = tmp_path / "unit.xlsx"
    wb.save(path)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", "--from", str(path))
    assert code == 2 and "--year" in err
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", "--from", str(path), "--year", "2026")
    assert code == 0, err
    d = show(capsys, data_dir)
    assert d["unit"]["uscc"] == USCC and d["unit"]["institution_type_name"] == "事业单位-教育"
    assert d["unit"]["admin_level"] == "city" and d["unit"]["party_government_organ"] is False
    assert d["profiles"][0]["year"] == 2026 and d["profiles"][0]["people"] == 310
    assert d["profiles"][0]["signatories"]["preparer"] == "赵六"


def test_a_workbook_with_mistakes_lists_them_all(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = UNIT_SHEET
    ws.append([c.header for c in UNIT_COLUMNS])
    ws.append(["统一社会信用代码", "123"])
    ws.append(["机构类型", "国家机关"])
    ws = wb.create_sheet(PROFILE_SHEET)
    ws.append([c.header for c in PROFILE_COLUMNS])
    path = tmp_path / "unit.xlsx"
    wb.save(path)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", "--from", str(path), "--year", "2025")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "未创建单位" in err and "单位名称不能为空" in err and "18 位" in err and "用能人数" in err


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ((("行政层级", "省直"),), "“单位信息”第 6 行“行政层级”：行政层级“省直”不是可选的值"),
        ((("党政机关", "Y"),), "“单位信息”第 6 行“党政机关”：党政机关应填“是”或“否”"),
        ((("党政机关", "是"), ("机构类型", "事业单位-卫生")), "党政机关的机构类型应为“国家机关”"),
    ],
)
def test_a_workbook_checks_level_and_party_organ_as_the_form_does(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], rows: tuple[tuple[str, str], ...], words: str
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = UNIT_SHEET
    ws.append([c.header for c in UNIT_COLUMNS])
    given = dict(
        (("单位名称", "某某局"), ("统一社会信用代码", USCC), ("行政区划代码", "450123"), ("机构类型", "国家机关"))
    )
    given.update(rows)
    for row in given.items():
        ws.append(row)
    ws = wb.create_sheet(PROFILE_SHEET)
    ws.append([c.header for c in PROFILE_COLUMNS])
    ws.append(["用能人数（人）", 31])
    ws.append(["建筑面积（m²）", 1200])
    path = tmp_path / "unit.xlsx"
    wb.save(path)
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", "--from", str(path), "--year", "2025")
    assert code == 2 and len(err.strip().splitlines()) == 1 and words in err, err
    assert "未创建单位" in err


def test_init_checks_the_admin_code_against_guangxi(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A code outside 广西 is refused; one that differs from the USCC's registration area is a warning."""
    beijing = [a if a != "450123" else "110101" for a in OPTIONS]
    code, _, err = run(capsys, "--data-dir", str(data_dir), "unit", "init", *beijing, "--people", "10", "--area", "100")
    assert code == 2 and "110101" in err and "不是广西的代码" in err
    district = [a if a != "450123" else "450103" for a in OPTIONS]
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "unit", "init", *district, "--people", "10", "--area", "100"
    )
    assert code == 0 and "注意：" in out and "450123（南宁市隆安县）" in out
