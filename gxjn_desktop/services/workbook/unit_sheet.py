"""A new unit from an entry workbook: its 单位信息 and 年度基本情况 sheets (``unit init --from``).

The workbook may be one this program wrote (its hidden ``_gxjn`` sheet gives the year) or one a
script wrote with only these two sheets (then the year is given on the command line).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.units import AdminLevel, InstitutionType, Unit, YearProfile
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.safe_zip import check_zip
from gxjn_desktop.services.unit_setup import admin_level, build_unit, climate_zone, institution_type, yes_no
from gxjn_desktop.services.workbook.importer import ImportPlan, _Problems, _read_profile, _sheet_rows, _text
from gxjn_desktop.services.workbook.layout import MARK_SHEET, PROFILE_SHEET, UNIT_COLUMNS, UNIT_ITEMS, UNIT_SHEET


def _workbook(path: Path) -> Any:
    check_zip(path, "Excel 工作簿")
    from python_calamine import CalamineWorkbook

    try:
        return CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken or hostile XML
        raise UserError(
            f"{path.name} 无法读取：{exc.__class__.__name__}", "文件已损坏或不是 Excel 工作簿；请重新保存为 .xlsx"
        ) from exc


def _marked_year(wb: Any) -> int | None:
    if MARK_SHEET not in wb.sheet_names:
        return None
    rows = wb.get_sheet_by_name(MARK_SHEET).to_python()
    marks = {_text(r[0]): _text(r[1]) for r in rows if len(r) >= 2}
    return int(marks["year"]) if marks.get("year", "").isdigit() else None


def read_new_unit(path: Path, year: int | None) -> tuple[Unit, YearProfile]:
    """The unit of the 单位信息 sheet and the year's profile of 年度基本情况; every problem at once."""
    wb = _workbook(path)
    year = year or _marked_year(wb)
    if year is None:
        raise UserError(
            f"{path.name} 没有注明年度（没有隐藏的 _gxjn 工作表）", "请加 --year 指定首个年度，如 --year 2025"
        )
    labels = {label: key for key, label, _ in UNIT_ITEMS}
    values: dict[str, str] = {}
    rows: dict[str, int] = {}
    problems = _Problems()
    for row, cells in _sheet_rows(wb, UNIT_SHEET, UNIT_COLUMNS, path):
        label = _text(cells["item"])
        if label not in labels:
            problems.add(UNIT_SHEET, row, "项目", f"未知的项目“{label}”，请不要改动项目名称")
            continue
        values[labels[label]] = _text(cells["value"])
        rows[labels[label]] = row
    kind = zone = None
    level: AdminLevel | None = None
    party_organ = False
    fine = True
    try:
        kind = institution_type(values.get("institution_type", ""))
    except UserError as err:
        problems.add(UNIT_SHEET, rows.get("institution_type", 0), "机构类型", err.one_line())
    try:
        zone = climate_zone(values.get("climate_zone", ""))
    except UserError as err:
        problems.add(UNIT_SHEET, rows.get("climate_zone", 0), "气候区", err.one_line())
    try:
        level = admin_level(values.get("admin_level", ""))
    except UserError as err:
        fine = False
        problems.add(UNIT_SHEET, rows.get("admin_level", 0), "行政层级", err.one_line())
    try:
        party_organ = yes_no(values.get("party_organ", ""), "党政机关")
    except UserError as err:
        fine = False
        problems.add(UNIT_SHEET, rows.get("party_organ", 0), "党政机关", err.one_line())
    unit = None
    if kind is not None and zone is not None and fine:
        unit = build_unit(
            name=values.get("name", ""),
            uscc=values.get("uscc", ""),
            admin_code=values.get("admin_code", ""),
            kind=kind,
            zone=zone,
            address=values.get("address", ""),
            manager=values.get("manager", ""),
            phone=values.get("manager_phone", ""),
            level=level,
            party_organ=party_organ,
        )
        for problem in unit.problems():
            key, label = next(((k, lbl) for k, lbl, _ in UNIT_ITEMS if problem.startswith(lbl)), ("name", "值"))
            problems.add(UNIT_SHEET, rows.get(key, 0), label, problem)
    # 年度基本情况 read as the import reads it for a year that has no profile yet.
    placeholder = unit or Unit("", "", "", InstitutionType.ORGAN)
    before = len(problems.items)
    profile = _read_profile(wb, path, Ledger(placeholder), year, ImportPlan(year), problems)
    if profile is None and len(problems.items) == before:  # the sheet left empty
        problems.add(PROFILE_SHEET, 0, "用能人数、建筑面积", f"{year} 年的用能人数和建筑面积必须填写")
    try:
        problems.raise_if_any(path)
    except UserError as err:
        raise UserError(err.message.replace("未导入任何数据", "未创建单位"), "请在工作簿中改正后重新运行") from None
    if unit is None or profile is None:  # every way here added a problem above
        raise AssertionError("unreachable")
    return unit, profile
