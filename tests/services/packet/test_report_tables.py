"""The report's tables: one source for both files, figures taken from data.json as written."""

from __future__ import annotations

import copy
from typing import Any

from gxjn_desktop.services.packet.report_tables import Cell, clean_text, packet_sheets, report_sheets


def test_cells_show_the_places_of_cli_md_with_thousands_separators() -> None:
    assert Cell("603502.6", "quantity").display() == "603,502.60"
    assert Cell("-1.1", "pct").display() == "-1.10"
    assert Cell("96.9921", "tce").display() == "96.9921"
    assert Cell("12.124", "indicator").display() == "12.1240"
    assert Cell("1.074122", "reading").display() == "1.074122"  # an entered value keeps its places
    assert Cell("30", "reading").display() == "30.00"
    assert Cell(1234, "int").display() == "1,234"
    assert Cell(None, "money").display() == "—"
    assert Cell("0", "money").display() == "0.00"


def test_user_text_loses_control_characters() -> None:
    assert clean_text("a\x07b\tc\r\nd\x1b") == "ab c d"


def test_every_item_of_the_form_is_listed_and_a_missing_one_is_zero(demo_data: dict[str, Any]) -> None:
    data = copy.deepcopy(demo_data)
    totals = data["results"]["indicators"]["totals"]
    data["results"]["indicators"]["totals"] = [t for t in totals if t["code"] not in ("coal", "lpg")]
    sheet = next(s for s in report_sheets(data, emission_factors=[]) if s.name.startswith("基2"))
    rows = {r[0].display(): r for r in sheet.tables[0].rows}
    for label in ("电", "其中：光伏发电", "水", "天然气", "液化石油气", "汽油", "柴油", "煤炭", "热力", "其他能源"):
        assert label in rows
    coal = rows["煤炭"]
    assert [c.display() for c in coal[2:4]] == ["0.00", "0.00"]
    assert coal[5].display() == "0.0000"
    electricity = next(t for t in totals if t["code"] == "electricity")
    assert rows["电"][2].value == electricity["quantity"]  # the string of data.json, not recomputed


def test_sheets_follow_the_data(demo_data: dict[str, Any]) -> None:
    names = [s.name for s in packet_sheets(demo_data)]
    assert names == [
        "基1 基本信息",
        "基2 能源资源消费状况",
        "基3 数据中心机房",
        "指标",
        "台账",
        "说明",
        "碳排放",
        "垃圾分类与餐厨",
    ]
    data = copy.deepcopy(demo_data)
    data["profile"]["data_centre"] = False
    data["work_plan"] = {
        "version": "桂事管发〔2023〕7号",
        "tasks": [{"title": "节水型单位创建", "target": "1", "due": "2025-12-31"}],
    }
    names = [s.name for s in packet_sheets(data)]
    assert "基3 数据中心机房" not in names
    assert names[-1] == "工作任务"


def test_every_explained_warning_shows_who_explained_it_and_when(demo_data: dict[str, Any]) -> None:
    sheet = next(s for s in packet_sheets(demo_data) if s.name == "说明")
    warnings = [f for f in demo_data["results"]["check"]["findings"] if f["severity"] == "warning"]
    assert warnings and len(sheet.tables[0].rows) == len(demo_data["results"]["check"]["findings"])
    for row in sheet.tables[0].rows:
        if row[0].display() == "警告":
            assert row[4].display() != "未说明"
            assert row[6].display() != "—" and row[7].display() != "—"


def test_the_ledger_lists_every_record_of_the_period(demo_data: dict[str, Any]) -> None:
    sheet = next(s for s in packet_sheets(demo_data) if s.name == "台账")
    year = demo_data["period"]["year"]
    records = [r for r in demo_data["inputs"]["records"] if r["year"] == year]
    assert len(sheet.tables[0].rows) == len(records)
    assert {r[4].display()[:4] for r in sheet.tables[0].rows} == {str(year)}
