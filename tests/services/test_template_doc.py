"""docs/template.md is enough to write a workbook from another system: this test builds one from
scratch with openpyxl, taking every sheet name and header from the page itself, for a unit that
has no meters yet, and imports it (new meters, a rollover, a replacement, the side sheets)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.domain.consumption import month_use
from gxjn_desktop.domain.units import InstitutionType, YearProfile
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.unit_setup import build_unit, create_unit
from gxjn_desktop.services.workbook.importer import apply_import, read_workbook

DOC = (Path(__file__).resolve().parents[2] / "docs" / "template.md").read_text(encoding="utf-8")
USCC = "12450123MB1965432W"


def section(title: str) -> str:
    """The text under the '## <title>' heading, up to the next heading."""
    match = re.search(rf"^## {re.escape(title)}[^\n]*\n(.*?)(?=^## |\Z)", DOC, flags=re.S | re.M)
    assert match, f"docs/template.md has no section {title}"
    return match.group(1)


def listed(text: str) -> list[str]:
    """A comma-separated header list as the page writes it ('a, b, c.' or 'a, b — …')."""
    return [h.strip() for h in re.split(r"[,，]\s*", text.split(" —")[0].strip().rstrip(".").replace("\n", " "))]


def headers() -> dict[str, list[str]]:
    out = {}
    for sheet in ("换表记录", "食堂", "垃圾分类", "废旧电子产品"):
        out[sheet] = listed(section(sheet).strip().split("\n\n")[0].split(".\n")[0])
    out["计量器具"] = listed(re.search(r"Columns: (.*?)\.\n", section("计量器具"), flags=re.S).group(1))  # type: ignore[union-attr]
    out["年度基本情况"] = [
        h.strip() for h in re.search(r"Four columns: (.*?)\.", section("年度基本情况")).group(1).split("|")
    ]  # type: ignore[union-attr]
    records = []
    for line in section("月度台账").splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")]
        if line.startswith("|") and cells[0] not in ("column", "---"):
            records += listed(cells[0])
    out["月度台账"] = records
    return out


def marks() -> list[tuple[str, str]]:
    rows = re.findall(r"^\| `(\w+)` \| ([^|]+) \|$", section("`_gxjn` (hidden): which workbook this is"), flags=re.M)
    values = {"kind": "gxjn-entry-workbook", "version": "1", "uscc": USCC, "year": "2025"}
    assert [k for k, _ in rows][:4] == list(values), rows
    assert "`gxjn-entry-workbook`" in rows[0][1] and "`1`" in rows[1][1]
    return list(values.items())


def test_a_workbook_written_from_the_page_alone_imports(data_dir: Path, tmp_path: Path) -> None:
    unit = build_unit(name="某某县文化馆", uscc=USCC, admin_code="450123", kind=InstitutionType.CULTURE)
    create_unit(data_dir, unit, YearProfile(2025, 40, Decimal(2000)))
    h = headers()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)

    def sheet(name: str, rows: list[dict[str, object]]) -> None:
        ws = wb.create_sheet(name)
        ws.append(h[name])
        for row in rows:
            assert set(row) <= set(h[name]), set(row) - set(h[name])
            ws.append([row.get(col) for col in h[name]])

    sheet(
        "年度基本情况",
        [
            {"项目": "用能人数（人）", "值": 42, "数据来源": "花名册"},
            {"项目": "有食堂", "值": "是"},
            {"项目": "填表人", "值": "赵六"},
        ],
    )
    sheet(
        "计量器具",
        [
            {
                "计量器具编号": "E1",
                "名称": "总电表",
                "品种": "电",
                "填报方式": "示数表",
                "表盘整数位数": 5,
                "起始示数": 99000,
            },
            {"计量器具编号": "W1", "名称": "总水表", "品种": "水", "填报方式": "示数表", "起始示数": "100"},
            {"计量器具编号": "G1", "名称": "加油卡", "品种": "汽油", "填报方式": "直接填量", "用途": "公务车辆"},
        ],
    )
    sheet(
        "月度台账",
        [
            {"计量器具编号": "E1", "年": 2025, "月": 1, "本期示数": 99500, "金额（元）": "300.50"},
            {"计量器具编号": "E1", "年": 2025, "月": 2, "本期示数": 300, "表计翻转": "是", "来源": "抄表"},
            {"计量器具编号": "W1", "年": 2025, "月": 1, "本期示数": 150},
            {"计量器具编号": "W1", "年": 2025, "月": 2, "本期示数": 25, "抄表日期": "2025-02-28"},  # the new meter's
            {"计量器具编号": "G1", "年": 2025, "月": 1, "用量（直接填量）": "1,200.5", "金额（元）": 9000},
            {"计量器具编号": "G1", "年": 2025, "月": 2, "用量（直接填量）": 0},
        ],
    )
    sheet("换表记录", [{"计量器具编号": "W1", "换表日期": date(2025, 2, 10), "旧表止码": 170, "新表起码": 0}])
    sheet("食堂", [{"年": 2025, "月": 1, "餐厨垃圾（kg）": 300, "就餐人次": 1200}])
    sheet("垃圾分类", [])  # nothing to import: the header alone
    sheet("废旧电子产品", [{"处置日期": "2025-03-01", "数量（件）": 3, "接收单位": "某某回收公司"}])
    ws = wb.create_sheet("_gxjn")
    for key, value in marks():
        ws.append([key, value])
    path = tmp_path / "from-another-system.xlsx"
    wb.save(path)

    service = LedgerService.open(data_dir)
    try:
        apply_import(service, read_workbook(path, service.ledger()), path)
        ledger = service.ledger()
    finally:
        service.close()
    assert {m.code for m in ledger.meters} == {"E1", "W1", "G1"}
    use = {(code, m): month_use(ledger, ledger.meter(code), 2025, m).quantity for code in ("E1", "W1") for m in (1, 2)}
    assert use == {
        ("E1", 1): Decimal(500),
        ("E1", 2): Decimal(800),  # rolled over at 100000 (5 digits)
        ("W1", 1): Decimal(50),
        ("W1", 2): Decimal(45),  # old meter 150 → 170, new meter 0 → 25
    }
    assert ledger.record("G1", 2025, 1).quantity == Decimal("1200.5")  # type: ignore[union-attr]
    assert ledger.profiles[2025].people == 42 and ledger.profiles[2025].canteen
    assert len(ledger.canteen) == 1 and len(ledger.ewaste) == 1


@pytest.mark.parametrize("left_out", ["_gxjn", "垃圾分类"])
def test_what_must_be_there_is_said_when_missing(data_dir: Path, tmp_path: Path, left_out: str) -> None:
    unit = build_unit(name="某某县文化馆", uscc=USCC, admin_code="450123", kind=InstitutionType.CULTURE)
    create_unit(data_dir, unit, YearProfile(2025, 40, Decimal(2000)))
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, cols in headers().items():
        if name != left_out:
            wb.create_sheet(name).append(cols)
    if left_out != "_gxjn":
        ws = wb.create_sheet("_gxjn")
        for key, value in marks():
            ws.append([key, value])
    path = tmp_path / "partial.xlsx"
    wb.save(path)
    service = LedgerService.open(data_dir)
    try:
        with pytest.raises(UserError, match=re.escape(left_out)):
            read_workbook(path, service.ledger())
    finally:
        service.close()
