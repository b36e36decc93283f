"""The entry workbook: written, filled as a person would, read back all-or-nothing; hostile files refused."""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.workbook.importer import apply_import, read_workbook
from gxjn_desktop.services.workbook.layout import MARK_SHEET, RECORD_COLUMNS, RECORDS_SHEET
from gxjn_desktop.services.workbook.template import write_template

COL = {c.key: i + 1 for i, c in enumerate(RECORD_COLUMNS)}


@pytest.fixture
def template(demo_service: LedgerService, tmp_path: Path) -> Path:
    return write_template(demo_service.ledger(), 2025, tmp_path / "填报.xlsx")


def _row_of(ws: object, meter: str, month: int) -> int:
    for r in range(2, ws.max_row + 1):  # type: ignore[attr-defined]
        if ws.cell(r, COL["meter"]).value == meter and ws.cell(r, COL["month"]).value == month:  # type: ignore[attr-defined]
            return r
    raise AssertionError(f"no row for {meter} {month}")


def _edit(path: Path, edits: list[tuple[str, int, str, object]], sheet: str = RECORDS_SHEET) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    for meter, month, key, value in edits:
        cell = ws.cell(_row_of(ws, meter, month), COL[key])
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # typed text, as Excel stores it (openpyxl would make "=…" a formula)
    wb.save(path)


def test_template_layout_is_what_docs_describe(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[:8] == [
        "填写说明",
        "年度基本情况",
        "月度台账",
        "换表记录",
        "食堂",
        "垃圾分类",
        "废旧电子产品",
        "计量器具",
    ]
    ws = wb[RECORDS_SHEET]
    assert [c.value for c in ws[1]] == [c.header for c in RECORD_COLUMNS]
    assert ws.protection.sheet and ws.freeze_panes == "A2"
    assert not ws.cell(2, COL["reading"]).protection.locked and ws.cell(2, COL["meter"]).protection.locked
    assert any("抄表" in str(dv.formula1) for dv in ws.data_validations.dataValidation)
    assert wb[MARK_SHEET].sheet_state == "hidden"
    e1_june = _row_of(ws, "E1", 6)
    assert ws.cell(e1_june, COL["reading"]).value is not None  # existing values are pre-filled


def test_own_template_imports_with_no_change(demo_service: LedgerService, template: Path) -> None:
    plan = read_workbook(template, demo_service.ledger())
    assert plan.added == plan.changed == 0 and plan.unchanged > 100


def test_filled_values_are_imported_as_typed(demo_service: LedgerService, template: Path) -> None:
    ledger = demo_service.ledger()
    dec_reading = ledger.record("E1", 2025, 12).reading  # type: ignore[union-attr]
    _edit(
        template,
        [
            ("E1", 12, "reading", str(dec_reading + Decimal("12.34"))),  # type: ignore[operator]
            ("V1", 12, "quantity", "５２０．５"),  # full-width, as an input method types it
            ("V1", 12, "cost", "4,085.93"),
            ("V1", 12, "note", '=HYPERLINK("x")'),
        ],
    )
    plan = read_workbook(template, ledger)
    assert plan.changed == 2 and plan.added == 0
    apply_import(demo_service, plan, template)
    after = demo_service.ledger()
    v1 = after.record("V1", 2025, 12)
    assert v1 is not None and v1.quantity == Decimal("520.5") and v1.cost_fen == 408593
    assert v1.note == '=HYPERLINK("x")' and v1.entered_by == "工作簿导入"
    assert after.record("E1", 2025, 12).reading == dec_reading + Decimal("12.34")  # type: ignore[union-attr,operator]
    assert any("before-import" in p.name for p in (demo_service.db.path.parent / "backups").iterdir())


def test_every_problem_is_listed_and_nothing_is_saved(demo_service: LedgerService, template: Path) -> None:
    before = demo_service.ledger().records
    _edit(
        template,
        [
            ("V1", 3, "quantity", "abc"),
            ("V2", 4, "quantity", "-5"),
            ("V1", 5, "cost", "1.005"),
            ("E1", 6, "source", "猜的"),
        ],
    )
    with pytest.raises(UserError) as err:
        read_workbook(template, demo_service.ledger())
    msg = err.value.message
    assert (
        "4 处" in msg
        and "“月度台账”第" in msg
        and "abc" in msg
        and "负数" in msg
        and "两位小数" in msg
        and "猜的" in msg
    )
    assert demo_service.ledger().records == before


def test_a_lower_reading_needs_a_rollover_mark(demo_service: LedgerService, template: Path) -> None:
    _edit(template, [("W1", 12, "reading", "1")])
    with pytest.raises(UserError, match="小于上期示数"):
        read_workbook(template, demo_service.ledger())


def test_foreign_workbook_is_refused(demo_service: LedgerService, tmp_path: Path) -> None:
    path = tmp_path / "别的.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "电费"
    wb.save(path)
    with pytest.raises(UserError, match="不是本程序生成的"):
        read_workbook(path, demo_service.ledger())


@pytest.mark.parametrize(("row", "value", "fragment"), [(2, "0", "旧版"), (3, "91350100M000100Y43", "另一个单位")])
def test_old_or_other_units_template_is_refused(
    demo_service: LedgerService, template: Path, row: int, value: str, fragment: str
) -> None:
    wb = openpyxl.load_workbook(template)
    wb[MARK_SHEET].cell(row, 2).value = value
    wb.save(template)
    with pytest.raises(UserError, match=fragment):
        read_workbook(template, demo_service.ledger())


def test_changed_header_is_refused(demo_service: LedgerService, template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    wb[RECORDS_SHEET].cell(1, COL["reading"]).value = "读数"
    wb.save(template)
    with pytest.raises(UserError, match="表头与模板不符"):
        read_workbook(template, demo_service.ledger())


def _rewrite(src: Path, dst: Path, change: dict[str, bytes], extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, change.get(info.filename, zin.read(info)))
        for name, data in (extra or {}).items():
            zout.writestr(name, data)
    return dst


def test_entity_bomb_is_refused(demo_service: LedgerService, template: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(template) as z:
        name = "xl/worksheets/sheet2.xml"  # 月度台账, which the importer reads
        xml = z.read(name).decode("utf-8")
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    xml = xml.replace("?>", "?>" + bomb, 1).replace(
        "<sheetData>", '<sheetData><row r="999"><c r="A999" t="inlineStr"><is><t>&c;</t></is></c></row>', 1
    )
    bad = _rewrite(template, tmp_path / "bomb.xlsx", {name: xml.encode("utf-8")})
    with pytest.raises(UserError):
        read_workbook(bad, demo_service.ledger())


def test_zip_slip_member_is_refused(demo_service: LedgerService, template: Path, tmp_path: Path) -> None:
    bad = _rewrite(template, tmp_path / "slip.xlsx", {}, {"../../escaped.txt": b"x"})
    with pytest.raises(UserError, match="不安全"):
        read_workbook(bad, demo_service.ledger())
    assert not (tmp_path.parent / "escaped.txt").exists()


def test_zip_bomb_is_refused_before_parsing(demo_service: LedgerService, template: Path, tmp_path: Path) -> None:
    bad = _rewrite(template, tmp_path / "zbomb.xlsx", {}, {"xl/media/big.bin": b"\0" * (80 * 1024 * 1024)})
    with pytest.raises(UserError, match=r"过大|压缩比"):
        read_workbook(bad, demo_service.ledger())


@pytest.mark.parametrize("content", [b"", b"not a workbook\n" * 10, b"PK\x03\x04broken"])
def test_not_a_workbook(demo_service: LedgerService, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    with pytest.raises(UserError, match=r"不是有效的|无法读取"):
        read_workbook(path, demo_service.ledger())


def test_truncated_workbook(demo_service: LedgerService, template: Path, tmp_path: Path) -> None:
    raw = template.read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(UserError):
        read_workbook(cut, demo_service.ledger())


def test_a_new_year_new_meter_and_profile_by_script(demo_service: LedgerService, tmp_path: Path) -> None:
    """What a unit's IT staff would do: take the template for a new year, add a meter, fill
    the year's people and area and three months of readings, import, and get the indicators."""
    from gxjn_desktop.domain.indicators import indicator_report
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.services.reference_data import load_reference
    from gxjn_desktop.services.workbook.layout import METER_COLUMNS, PROFILE_SHEET

    path = write_template(demo_service.ledger(), 2026, tmp_path / "2026.xlsx")
    wb = openpyxl.load_workbook(path)
    meters = wb["计量器具"]
    mcol = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}
    r = meters.max_row + 1
    for key, value in {
        "code": "E4",
        "name": "新办公楼电表",
        "carrier": "电",
        "kind": "示数表",
        "use": "建筑",
        "multiplier": 1,
        "digits": 6,
        "initial": 100,
        "active_from": "2026-01-01",
    }.items():
        meters.cell(r, mcol[key]).value = value
    profile = wb[PROFILE_SHEET]
    profile["B2"], profile["B3"] = 130, "8,000"
    records = wb["月度台账"]
    ledger = demo_service.ledger()
    for row in range(2, records.max_row + 1):
        code, month = records.cell(row, COL["meter"]).value, records.cell(row, COL["month"]).value
        if code is None or month > 3:
            continue
        meter = ledger.meter(code)
        if meter.kind.value == "quantity":
            records.cell(row, COL["quantity"]).value = 100
        else:
            last = ledger.record(code, 2025, 12).reading  # type: ignore[union-attr]
            records.cell(row, COL["reading"]).value = float(last + 10 * month)  # type: ignore[operator]
        records.cell(row, COL["cost"]).value = 50
    nxt = records.max_row + 1
    for month in (1, 2, 3):
        for key, value in {
            "meter": "E4",
            "year": 2026,
            "month": month,
            "reading": 100 + 1000 * month,
            "cost": 700,
        }.items():
            records.cell(nxt, COL[key]).value = value
        nxt += 1
    wb.save(path)

    plan = read_workbook(path, ledger)
    assert plan.profile is not None and plan.profile.people == 130
    assert [m.code for m in plan.meters] == ["E4"]
    apply_import(demo_service, plan, path)
    after = demo_service.ledger()
    report = indicator_report(after, load_reference(), Period.parse(2026, "YTD-M03"))
    e = next(t for t in report.figures.totals if t.carrier.value == "electricity")
    # E1 (×30), E2, P1 advance 10 a month each plus E4's 3,000 kWh; E3 is a sub-meter, not added.
    assert e.quantity == 30 * 30 + 30 + 30 + 3000
    per_capita = next(i for i in report.indicators if i.kind.value == "energy_per_capita_kgce")
    assert per_capita.value == report.figures.comprehensive_kgce / 130


def test_existing_meters_keep_what_changes_past_months(demo_service: LedgerService, template: Path) -> None:
    from gxjn_desktop.services.workbook.layout import METER_COLUMNS

    wb = openpyxl.load_workbook(template)
    ws = wb["计量器具"]
    mcol = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}
    ws.cell(2, mcol["multiplier"]).value = 40
    ws.cell(2, mcol["name"]).value = "主楼电表（新名称）"
    r = ws.max_row + 1
    ws.cell(r, mcol["code"]).value = "W2"
    ws.cell(r, mcol["name"]).value = "新水表"
    ws.cell(r, mcol["carrier"]).value = "水"
    ws.cell(r, mcol["kind"]).value = "示数表"
    wb.save(template)
    with pytest.raises(UserError) as err:
        read_workbook(template, demo_service.ledger())
    assert "倍率不能在工作簿中修改" in err.value.message and "起始示数" in err.value.message


def test_profile_sheet_changes_signatories(demo_service: LedgerService, template: Path) -> None:
    from gxjn_desktop.services.workbook.layout import PROFILE_SHEET

    wb = openpyxl.load_workbook(template)
    ws = wb[PROFILE_SHEET]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "统计负责人")
    ws.cell(row, 2).value = "黄丽"
    people = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "用能人数（人）")
    assert ws.cell(people, 3).value == "人事股花名册（含编外）年平均"  # the stored source note is shown
    ws.cell(people, 3).value = "2025 年 12 月花名册"
    wb.save(template)
    plan = read_workbook(template, demo_service.ledger())
    assert plan.changed == 1 and plan.profile is not None
    apply_import(demo_service, plan, template)
    profile = demo_service.ledger().profiles[2025]
    assert profile.signatories.statistician == "黄丽" and profile.source_notes["people"] == "2025 年 12 月花名册"


def test_rollover_and_replacement_written_in_the_workbook(demo_service: LedgerService, tmp_path: Path) -> None:
    """January 2026: E2's 5-digit register rolls over (marked 是); W1 is replaced on the 15th."""
    from gxjn_desktop.domain.consumption import month_use
    from gxjn_desktop.services.workbook.layout import REPLACEMENT_COLUMNS, REPLACEMENTS_SHEET

    ledger = demo_service.ledger()
    e2_dec = ledger.record("E2", 2025, 12).reading  # type: ignore[union-attr]
    w1_dec = ledger.record("W1", 2025, 12).reading  # type: ignore[union-attr]
    path = write_template(ledger, 2026, tmp_path / "2026.xlsx")
    assert e2_dec is not None and e2_dec > 50250  # so a rollover to 250 is plausible (< half a register)
    _edit(
        path,
        [
            ("E2", 1, "reading", 250),
            ("E2", 1, "rollover", "是"),
            ("W1", 1, "reading", 35),
        ],
    )
    wb = openpyxl.load_workbook(path)
    ws = wb[REPLACEMENTS_SHEET]
    rcol = {c.key: i + 1 for i, c in enumerate(REPLACEMENT_COLUMNS)}
    for key, value in {
        "meter": "W1",
        "day": "2026-01-15",
        "old_final": float(w1_dec + 100),
        "new_initial": 5,
        "reason": "故障",
    }.items():  # type: ignore[operator]
        ws.cell(2, rcol[key]).value = value
    wb.save(path)
    plan = read_workbook(path, ledger)
    apply_import(demo_service, plan, path)
    after = demo_service.ledger()
    e2 = month_use(after, after.meter("E2"), 2026, 1)
    w1 = month_use(after, after.meter("W1"), 2026, 1)
    assert e2.quantity == Decimal(100000) - e2_dec + 250
    assert w1.quantity == Decimal(100) + Decimal(30)  # old meter 100, new meter 5 → 35


def test_ewaste_rows_are_added_once_and_checked(demo_service: LedgerService, template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb["废旧电子产品"]
    assert ws.cell(2, 2).value == 22  # the demo's 2025 disposal is pre-filled
    ws.append(["2025-12-01", "８", "某回收公司", "HS-1", ""])
    wb.save(template)
    plan = read_workbook(template, demo_service.ledger())
    assert [e.items for e in plan.ewaste] == [8] and plan.added == 1
    apply_import(demo_service, plan, template)
    assert read_workbook(template, demo_service.ledger()).ewaste == []  # imported twice: added once
    ws.append(["2024-05-01", 3, "", "", ""])
    wb.save(template)
    with pytest.raises(UserError, match="接收单位"):
        read_workbook(template, demo_service.ledger())


def test_a_cost_only_change_is_described_by_its_cost(demo_service: LedgerService, template: Path) -> None:
    before = demo_service.ledger().record("E1", 2025, 3)
    assert before is not None and before.cost_fen is not None
    _edit(template, [("E1", 3, "cost", "1234.5")])
    lines = read_workbook(template, demo_service.ledger()).describe()
    assert lines == [f"修改 E1 2025-03：金额 {before.cost_fen / 100:.2f} → 1234.50 元"]
