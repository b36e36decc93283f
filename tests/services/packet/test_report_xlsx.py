"""report.xlsx read back with openpyxl: the forms' sheets, print set-up, number formats, text kept text."""

from __future__ import annotations

import copy
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from gxjn_desktop.services.packet.report_tables import packet_sheets
from gxjn_desktop.services.packet.report_xlsx import sheet_title, write_report_xlsx
from tests.services.packet.conftest import FINGERPRINT

HOSTILE = ('=HYPERLINK("http://x.invalid","点此")', "+1+2", "-3+4", "@SUM(A1:A3)")


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, demo_data: dict[str, Any]) -> Path:
    path = tmp_path_factory.mktemp("xlsx") / "report.xlsx"
    write_report_xlsx(demo_data, path, fingerprint=FINGERPRINT)
    return path


def _find(ws: Any, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():
        for c in row:
            if c.value == text:
                return c.row, c.column
    raise AssertionError(f"{text} not in {ws.title}")


def test_sheets_are_the_forms_in_order(workbook: Path, demo_data: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames == [s.name for s in packet_sheets(demo_data)]
    assert all(len(n) <= 31 for n in wb.sheetnames)


def test_every_sheet_prints_on_a4_fitted_to_width_with_repeated_header_and_page_numbers(workbook: Path) -> None:
    wb = openpyxl.load_workbook(workbook)
    for ws in wb.worksheets:
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.oddFooter.right.text == "第 &P 页 共 &N 页"
        assert FINGERPRINT in ws.oddFooter.left.text
        header = int(ws.print_title_rows.split(":")[0].lstrip("$"))
        assert ws.freeze_panes == f"A{header + 1}"
        assert ws.cell(header, 1).font.bold
    ledger = wb["台账"]
    header = int(ledger.print_title_rows.split(":")[0].lstrip("$"))
    assert [c.value for c in ledger[header]][:7] == ["表计", "名称", "品种", "单位", "月份", "上期示数", "本期示数"]
    # The meters are a sheet of their own: 台账's header, repeated on every printed page, stood over them.
    assert [r for r in ledger.iter_rows(values_only=True) if r[0] == "表计"] == [tuple(c.value for c in ledger[header])]
    meters = wb["计量器具"]
    header = int(meters.print_title_rows.split(":")[0].lstrip("$"))
    assert [c.value for c in meters[header]][:3] == ["表计", "名称", "品种"]


def test_figures_are_numbers_with_their_places_and_a_missing_item_is_zero(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(demo_data)
    totals = data["results"]["indicators"]["totals"]
    data["results"]["indicators"]["totals"] = [t for t in totals if t["code"] != "coal"]
    path = tmp_path / "report.xlsx"
    write_report_xlsx(data, path, fingerprint=FINGERPRINT)
    ws = openpyxl.load_workbook(path)["基2 能源资源消费状况"]
    r, _ = _find(ws, "电")
    electricity = next(t for t in totals if t["code"] == "electricity")
    quantity, cost, _coefficient, tce = (ws.cell(r, c) for c in (3, 4, 5, 6))
    assert Decimal(str(quantity.value)) == Decimal(electricity["quantity"])
    assert quantity.number_format == "#,##0.00" and cost.number_format == "#,##0.00"
    assert tce.number_format == "#,##0.0000"
    r, _ = _find(ws, "煤炭")
    assert [ws.cell(r, c).value for c in (3, 4, 6)] == [0, 0, 0]  # zeros, never blanks
    r, _ = _find(ws, "综合能耗（当量值）")
    assert Decimal(str(ws.cell(r, 6).value)) == Decimal(data["results"]["indicators"]["comprehensive_energy_tce"])
    indicators = openpyxl.load_workbook(path)["指标"]
    r, _ = _find(indicators, "人均综合能耗")
    assert indicators.cell(r, 3).number_format == "#,##0.0000"
    assert indicators.cell(r, 6).number_format == "#,##0.00"


def test_the_form_footer_names_the_signatories(workbook: Path, demo_data: dict[str, Any]) -> None:
    ws = openpyxl.load_workbook(workbook)["基2 能源资源消费状况"]
    s = demo_data["profile"]["signatories"]
    footer = next(c.value for row in ws.iter_rows() for c in row if str(c.value).startswith("单位负责人："))
    for label, key in (
        ("单位负责人", "head"),
        ("统计负责人", "statistician"),
        ("填表人", "preparer"),
        ("报出日期", "report_date"),
    ):
        assert f"{label}：{s[key]}" in footer


def test_user_text_is_never_a_formula_and_loses_control_characters(tmp_path: Path, demo_data: dict[str, Any]) -> None:
    data = copy.deepcopy(demo_data)
    data["unit"]["name"] = HOSTILE[0]
    data["unit"]["address"] = "南宁\x07市\x1b民族大道"
    records = data["inputs"]["records"]
    for i, text in enumerate(HOSTILE):
        records[i]["note"] = text
        records[i]["entered_by"] = text
    path = tmp_path / "report.xlsx"
    write_report_xlsx(data, path, fingerprint=FINGERPRINT)
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = openpyxl.load_workbook(path)
    values = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in HOSTILE:
        assert text in values
    assert "南宁市民族大道" in values
    assert wb["基1 基本信息"].cell(*_find(wb["基1 基本信息"], HOSTILE[0])).data_type == "s"


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_title("基2 能源资源消费状况", taken) == "基2 能源资源消费状况"
    long = sheet_title("工作任务：" + "很长" * 30 + "[1]/?*", taken)
    assert len(long) <= 31 and not set("[]:*?/\\") & set(long)
    again = sheet_title("工作任务：" + "很长" * 30, taken)
    assert again != long and len(again) <= 31


def test_work_plan_tasks_are_listed_in_words(tmp_path: Path, demo_data: dict[str, Any]) -> None:
    """The demo's tasks, one row each, under Chinese headers, with figures rounded and grouped."""
    path = tmp_path / "report.xlsx"
    write_report_xlsx(demo_data, path, fingerprint=FINGERPRINT)
    ws = openpyxl.load_workbook(path)["工作任务"]
    header = int(ws.print_title_rows.split(":")[0].lstrip("$"))
    titles = [x.value for x in ws[header] if x.value is not None]
    assert titles[:2] == ["类别", "项目名称"] and "备注" in titles
    assert not [x for x in titles if re.fullmatch(r"[A-Za-z_ ]+", str(x))]  # no field names
    tasks = demo_data["work_plan"]["tasks"]
    body = [[c.value for c in row] for row in ws.iter_rows(min_row=header + 1, max_row=header + len(tasks))]
    kinds = [row[0] for row in body]
    assert kinds == [task["kind_label"] for task in tasks]
    retrofit = body[kinds.index("节能改造")]
    assert "改造面积 3,200 m²" in retrofit and retrofit[titles.index("投资（元）")] == 286000
    assert "改造措施：照明、制冷" in retrofit[titles.index("详情")]
    water = body[kinds.index("节水型单位")]
    assert water[titles.index("文号")] == "—"  # not an empty cell
    details = body[kinds.index("反食品浪费自评")][titles.index("详情")]
    grams = re.search(r"人均餐厨垃圾：([\d.]+) 克/人·餐", details)
    assert grams and len(grams.group(1).split(".")[1]) == 2  # rounded once: 112.40, not 112.3979…
