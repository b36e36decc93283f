"""The report's tables: one source for both files, figures taken from data.json as written."""

from __future__ import annotations

import copy
from typing import Any

from gxjn_desktop.services.packet.report_tables import Cell, clean_text, packet_sheets, report_sheets, u


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
        "计量器具",
        "说明",
        "碳排放",
        "垃圾分类与餐厨",
        "工作任务",  # the demo records work-plan tasks
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


def test_a_revision_shows_its_reason_and_every_changed_field(demo_data: dict[str, Any]) -> None:
    data = copy.deepcopy(demo_data)
    data["revision"], data["revision_reason"] = 2, "更正 5 月主楼电表读数"
    data["changes_from_previous"] = [
        {"path": "inputs.records[E1 2024-05].reading", "before": "8747.59", "after": "8774.59"},
        {"path": "inputs.explanations[USE-OUTLIER G1|2024-07|reading]", "before": {"cause": "其他"}, "after": None},
    ]
    sheet = next(s for s in packet_sheets(data) if s.name.startswith("基1"))
    info = {r[0].display(): r[2].display() for r in sheet.tables[0].rows}
    assert info["修订原因"] == "更正 5 月主楼电表读数" and info["报表版本"] == "第 2 版"
    changes = sheet.tables[1]
    assert changes.title == "与上一版相比的改动"
    assert [c.display() for c in changes.rows[0]] == ["inputs.records[E1 2024-05].reading", "8747.59", "8774.59"]
    assert changes.rows[1][2].display() == "—"


def test_a_quarter_lists_its_own_months(demo_ledger: Any) -> None:
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.services.packet.data import build_packet_data
    from tests.conftest import DEMO_TODAY

    data = build_packet_data(demo_ledger, Period.parse(2025, "Q2"), revision=1, today=DEMO_TODAY)
    sheets = {s.name: s for s in packet_sheets(data)}
    months = {r[4].display() for r in sheets["台账"].tables[0].rows}
    assert months == {"2025-04", "2025-05", "2025-06"}
    garbage = [r[0].display() for r in sheets["垃圾分类与餐厨"].tables[0].rows]
    assert garbage == ["2025-04", "2025-05", "2025-06"]
    per_capita = sheets["指标"].tables[0].rows[0]
    ytd = data["results"]["indicators"]["indicators"]["energy_per_capita_kgce"]["ytd_change_pct"]
    assert f"年初至今同比 {ytd}%" in per_capita[7].display()  # a quarter's status judges the year to date


def test_factors_of_another_reference_version_are_never_shown(demo_data: dict[str, Any]) -> None:
    current = next(s for s in packet_sheets(demo_data) if s.name == "碳排放").tables[1]
    assert current.rows[0][0].display() == "电（外购电网电力）"
    data = copy.deepcopy(demo_data)
    data["reference_versions"]["emission_factors"] = "gxjn-2025.9"
    factors = next(s for s in packet_sheets(data) if s.name == "碳排放").tables[1]
    assert len(factors.rows) == 1 and "gxjn-2025.9" in factors.rows[0][3].display()


def test_the_notes_sheet_says_where_in_the_words_of_the_review_screen(demo_data: dict[str, Any]) -> None:
    from gxjn_desktop.services.finding_words import location_text
    from gxjn_desktop.validation.findings import Location

    sheet = next(s for s in packet_sheets(demo_data) if s.name == "说明")
    names = {m["code"]: f"{m['code']} {m['name']}" for m in demo_data["inputs"]["meters"]}
    places = [row[2].display() for row in sheet.tables[0].rows]
    for f in demo_data["results"]["check"]["findings"]:
        loc = Location.from_json(**f["location"])
        assert loc is not None and location_text(loc, names) in places
    year = demo_data["period"]["year"]
    assert f"{year}年4月 · E1 主楼电表（南网户号 0301） · 本期示数" in places


def test_units_print_as_m3_and_m2_signs_while_data_json_keeps_m3(demo_data: dict[str, Any]) -> None:
    """A clerk reads 天然气 m³ (as in the window and beside 建筑面积 m²), not m3; the data stays m3."""
    sheets = {s.name: s for s in packet_sheets(demo_data)}
    gas = next(r for r in sheets["基2 能源资源消费状况"].tables[0].rows if r[0].display() == "天然气")
    assert gas[1].display() == "m³"
    ledger = sheets["台账"].tables[0]
    assert {r[3].display() for r in ledger.rows if r[0].display() == "G1"} == {"m³"}
    assert any(r[2].display() == "kgCO2/m³" for t in sheets["碳排放"].tables for r in t.rows)
    assert "m3" in {t["unit"] for t in demo_data["results"]["indicators"]["totals"]}
    assert [u(x).display() for x in ("kgCO2/m3", "m2", "tCO2", "GJ/万Nm3")] == ["kgCO2/m³", "m²", "tCO2", "GJ/万Nm3"]
    printed = [c.display() for s in sheets.values() for t in s.tables for r in t.rows for c in r[:4]]
    assert not [text for text in printed if text in ("m3", "m2") or text.endswith("/m3")]
