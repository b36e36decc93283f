"""Writing the unit's entry workbook: meters pre-filled, lists, protected headers, a version mark."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import MeterKind, month_end
from gxjn_desktop.domain.numbers import fen_to_yuan
from gxjn_desktop.domain.periods import check_year
from gxjn_desktop.domain.records import GarbageCategory, ReplacementReason, Source
from gxjn_desktop.domain.units import Unit, YearProfile
from gxjn_desktop.domain.workplan import STATUS_CHOICES, EmcType, TaskKind, WorkTask
from gxjn_desktop.durable import fsync_file, replace_durably
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.unit_setup import MANAGER_ROLE
from gxjn_desktop.services.workbook.layout import (
    CANTEEN_COLUMNS,
    CANTEEN_SHEET,
    EWASTE_COLUMNS,
    EWASTE_SHEET,
    GARBAGE_COLUMNS,
    GARBAGE_SHEET,
    MARK_SHEET,
    METER_COLUMNS,
    METER_EDITABLE,
    METERS_SHEET,
    NO,
    PROFILE_COLUMNS,
    PROFILE_ITEMS,
    PROFILE_SHEET,
    README_SHEET,
    RECORD_COLUMNS,
    RECORDS_SHEET,
    REPLACEMENT_COLUMNS,
    REPLACEMENTS_SHEET,
    TASK_COLUMNS,
    TASK_SHEET,
    TEMPLATE_KIND,
    TEMPLATE_VERSION,
    UNIT_COLUMNS,
    UNIT_ITEMS,
    UNIT_SHEET,
    YES,
    Column,
)

INSTRUCTIONS = (
    "本工作簿由 gxjn 生成，用于批量填报本单位一个年度的月度数据；填好后用“导入”读回（gxjn-cli import 文件.xlsx）。",
    "1. 只在白色单元格中填写；表头、编号、名称等灰色单元格受保护，请勿修改工作表名称和表头。",
    "2. 示数表填“本期示数”（月末示数），直接填量的（加油卡、无示数的账单）填“用量”。用量由程序按（本期示数−上期示数）×倍率计算。",
    "3. 数字可带千位分隔符或用全角数字；金额单位为元，最多两位小数；没有消耗的月份填 0，不要留空。",
    "4. 本期示数小于上期示数时：如表计满码翻转，在“表计翻转”列选“是”；如更换了表计，请在“换表记录”表登记旧表止码和新表起码（新表起码必须如实填写）。",
    "5. 空白单元格表示“不修改”，不会删除已有数据。导入是全部成功或全部不改：任何一处错误都会列出，数据库保持原样。",
    "6. “废旧电子产品”每次规范处置填一行（日期、件数、接收单位、证明编号）。“年度基本情况”填本年度的用能人数、建筑面积和报表签署人；“计量器具”可在已有表计下方新增表计（示数表须填起始示数），已有表计只可修改名称、户号、表号和停用日期。",
    "7. “工作任务”每项工作任务一行（节能改造、屋顶光伏、合同能源管理、节水型单位、节约型机关、季度自评等）；编号由程序填写，新增的任务编号留空；“数量”按类别填写：节能改造为面积 m²，屋顶光伏为装机容量 kW，充电桩为现有个数，反食品浪费自评为得分，垃圾分类测评为投放准确率 %。",
    "8. 工作簿的格式说明见程序文档 docs/template.md，单位信息科室可据此用脚本从其他系统生成本表。",
    "9. “单位信息”供核对；导入时不读取（单位信息在程序的“单位信息”页修改）。新建单位时可用 gxjn-cli unit init --from 本工作簿 读取它和“年度基本情况”。",
)

_HEADER_FILL = "D9E1F2"
_LOCKED_FILL = "EDEDED"


def _write_table(ws: Any, columns: Sequence[Column], rows: list[list[Any]], locked_keys: set[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    locked_fill = PatternFill("solid", fgColor=_LOCKED_FILL)
    for c, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=c, value=col.header)
        cell.font = Font(bold=True)
        cell.fill = header_fill
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[cell.column_letter].width = col.width
    for r, values in enumerate(rows, start=2):
        for c, (col, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # user text is never a formula
            if col.key in locked_keys:
                cell.fill = locked_fill
            else:
                cell.protection = Protection(locked=False)
    # Rows below the data stay editable so a script or a person may append.
    for r in range(len(rows) + 2, len(rows) + 202):
        for c in range(1, len(columns) + 1):
            ws.cell(row=r, column=c).protection = Protection(locked=False)
    ws.freeze_panes = "A2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _add_list(ws: Any, values: Sequence[str], ref: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="输入错误",
        error="请从下拉列表中选择",
    )
    ws.add_data_validation(dv)
    dv.add(ref)


def _col_letter(columns: Sequence[Column], key: str) -> str:
    from openpyxl.utils import get_column_letter

    letter: str = get_column_letter([c.key for c in columns].index(key) + 1)
    return letter


def _profile_values(profile: YearProfile | None) -> dict[str, Any]:
    if profile is None:
        return {}
    yes_no = {True: YES, False: NO}
    s = profile.signatories
    return {
        "people": profile.people,
        "building_area_m2": profile.building_area_m2,
        "staff_quota": profile.staff_quota,
        "heated_area_m2": profile.heated_area_m2,
        "data_centre": yes_no[profile.data_centre],
        "data_centre_area_m2": profile.data_centre_area_m2,
        "fuel_vehicles": profile.fuel_vehicles,
        "new_energy_vehicles": profile.new_energy_vehicles,
        "canteen": yes_no[profile.canteen],
        "canteen_seats": profile.canteen_seats,
        "head": s.head or None,
        "statistician": s.statistician or None,
        "preparer": s.preparer or None,
        "report_date": s.report_date,
    }


def _write_profile(ws: Any, profile: YearProfile | None) -> None:
    values = _profile_values(profile)
    notes = profile.source_notes if profile else {}
    rows = [[label, values.get(key), notes.get(key) or None, note or None] for key, label, note in PROFILE_ITEMS]
    _write_table(ws, PROFILE_COLUMNS, rows, {"item", "note"})
    value_col = _col_letter(PROFILE_COLUMNS, "value")
    for i, (key, _, _) in enumerate(PROFILE_ITEMS, start=2):
        if key in ("data_centre", "canteen"):
            _add_list(ws, [YES, NO], f"{value_col}{i}")
        if key == "report_date":
            ws[f"{value_col}{i}"].number_format = "yyyy-mm-dd"


def task_rows(ledger: Ledger, year: int) -> list[list[Any]]:
    """The 工作任务 sheet's rows: every task of the year, in the order of TASK_COLUMNS."""

    def text(v: Any) -> Any:
        return v if v not in ("", None) else None

    rows = []
    for t in sorted(
        ledger.tasks_of(year), key=lambda t: (list(TaskKind).index(t.kind), t.quarter or 0, t.task_id or 0)
    ):
        rows.append(task_row(t, text))
    return rows


def task_row(t: WorkTask, text: Any) -> list[Any]:
    measures = "、".join(m.label for m in t.measures) if t.measures else None
    parts = "/".join("" if v is None else f"{v:f}" for v in t.part_scores) if t.part_scores else None
    return [
        t.task_id,
        t.kind.label,
        t.quarter,
        text(t.name),
        t.quantity,
        t.status.label if t.status else None,
        t.day,
        text(t.document_no),
        measures,
        t.investment_yuan,
        t.saving_tce,
        text(t.meter_code),
        t.emc_type.label if t.emc_type else None,
        text(t.contractor),
        t.term_years,
        t.saving_yuan,
        t.built_year,
        parts,
        text(t.findings),
        text(t.note),
    ]


def _write_unit(ws: Any, unit: Unit) -> None:
    """单位信息 as it is: the import leaves it alone; ``unit init --from`` reads it."""
    manager = next((c for c in unit.contacts if c.role == MANAGER_ROLE), None)
    values = {
        "name": unit.name,
        "uscc": unit.uscc,
        "admin_code": unit.admin_code,
        "institution_type": unit.institution_type.label,
        "admin_level": unit.admin_level.label if unit.admin_level else "",
        "party_organ": "是" if unit.party_government_organ else "否",
        "climate_zone": unit.climate_zone.label,
        "address": unit.address,
        "manager": manager.name if manager else "",
        "manager_phone": manager.phone if manager else "",
    }
    rows = [[label, values[key] or None, note or None] for key, label, note in UNIT_ITEMS]
    _write_table(ws, UNIT_COLUMNS, rows, {"item", "note"})


def build_workbook(ledger: Ledger, year: int) -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    readme = wb.active
    readme.title = README_SHEET
    readme.column_dimensions["A"].width = 120
    readme["A1"] = f"{ledger.unit.name} {year} 年月度数据填报工作簿"
    for i, line in enumerate(INSTRUCTIONS, start=3):
        readme.cell(row=i, column=1, value=line).data_type = "s"

    # Monthly records: one row per active meter and month.
    rows: list[list[Any]] = []
    for meter in ledger.meters:
        for m in range(1, 13):
            if not meter.active_in(year, m):
                continue
            rec = ledger.record(meter.code, year, m)
            register = meter.kind is MeterKind.REGISTER
            rows.append(
                [
                    meter.code,
                    meter.name,
                    meter.carrier.label,
                    meter.unit,
                    year,
                    m,
                    rec.reading if rec and register else None,
                    rec.quantity if rec and not register else None,
                    fen_to_yuan(rec.cost_fen) if rec and rec.cost_fen is not None else None,
                    rec.source.label if rec else None,
                    rec.reading_date if rec else None,
                    (YES if rec.rollover_confirmed else NO) if rec else None,
                    rec.note if rec and rec.note else None,
                ]
            )
    ws = wb.create_sheet(RECORDS_SHEET)
    _write_table(ws, RECORD_COLUMNS, rows, {"meter", "name", "carrier", "unit", "year", "month"})
    n = max(len(rows) + 200, 2)
    _add_list(
        ws,
        [s.label for s in Source],
        f"{_col_letter(RECORD_COLUMNS, 'source')}2:{_col_letter(RECORD_COLUMNS, 'source')}{n}",
    )
    _add_list(ws, [YES, NO], f"{_col_letter(RECORD_COLUMNS, 'rollover')}2:{_col_letter(RECORD_COLUMNS, 'rollover')}{n}")
    date_col = _col_letter(RECORD_COLUMNS, "reading_date")
    for r in range(2, len(rows) + 2):
        ws[f"{date_col}{r}"].number_format = "yyyy-mm-dd"

    reps = [
        [
            rp.meter_code,
            rp.day,
            rp.old_final_reading,
            rp.new_initial_reading,
            rp.reason.label,
            rp.old_meter_no,
            rp.new_meter_no,
            rp.note or None,
        ]
        for rp in ledger.replacements
        if rp.year == year
    ]
    ws = wb.create_sheet(REPLACEMENTS_SHEET)
    _write_table(ws, REPLACEMENT_COLUMNS, reps, set())
    _add_list(
        ws,
        [r.label for r in ReplacementReason],
        f"{_col_letter(REPLACEMENT_COLUMNS, 'reason')}2:{_col_letter(REPLACEMENT_COLUMNS, 'reason')}300",
    )
    _add_list(ws, [m.code for m in ledger.meters], "A2:A300")

    canteen = []
    garbage = []
    for m in range(1, 13):
        c = ledger.canteen_month(year, m)
        canteen.append(
            [
                year,
                m,
                c.food_waste_kg if c else None,
                c.diners if c else None,
                c.food_purchased_kg if c else None,
                (c.note or None) if c else None,
            ]
        )
        g = ledger.garbage_month(year, m)
        garbage.append(
            [
                year,
                m,
                *[g.kg.get(cat) if g else None for cat in GarbageCategory],
                g.reported_total_kg if g else None,
                g.sorting_accuracy_pct if g else None,
                (g.note or None) if g else None,
            ]
        )
    _write_table(wb.create_sheet(CANTEEN_SHEET), CANTEEN_COLUMNS, canteen, {"year", "month"})
    _write_table(wb.create_sheet(GARBAGE_SHEET), GARBAGE_COLUMNS, garbage, {"year", "month"})

    meters = [
        [
            m.code,
            m.name,
            m.carrier.label,
            m.unit,
            m.kind.label,
            m.use.label,
            m.account_no or None,
            m.meter_no or None,
            m.multiplier_on(month_end(year, 12)),
            m.register_digits,
            m.parent_code,
            m.initial_reading,
            m.active_from,
            m.active_to,
        ]
        for m in ledger.meters
    ]
    ws = wb.create_sheet(METERS_SHEET)
    _write_table(ws, METER_COLUMNS, meters, {c.key for c in METER_COLUMNS} - METER_EDITABLE)
    n = len(meters) + 200
    for key, values in (
        ("carrier", [c.label for c in Carrier]),
        ("kind", [k.label for k in MeterKind]),
        ("use", [u.label for u in UseTag]),
    ):
        letter = _col_letter(METER_COLUMNS, key)
        _add_list(ws, values, f"{letter}{len(meters) + 2}:{letter}{n}")
    for key in ("active_from", "active_to"):
        letter = _col_letter(METER_COLUMNS, key)
        for r in range(2, n):
            ws[f"{letter}{r}"].number_format = "yyyy-mm-dd"

    _write_profile(wb.create_sheet(PROFILE_SHEET, 1), ledger.profiles.get(year))

    ewaste = [
        [e.day, e.items, e.recipient, e.certificate_no or None, e.note or None]
        for e in ledger.ewaste
        if e.day.year == year
    ]
    ws = wb.create_sheet(EWASTE_SHEET, wb.sheetnames.index(METERS_SHEET))
    _write_table(ws, EWASTE_COLUMNS, ewaste, set())
    for r in range(2, len(ewaste) + 202):
        ws[f"A{r}"].number_format = "yyyy-mm-dd"

    ws = wb.create_sheet(TASK_SHEET, wb.sheetnames.index(METERS_SHEET) + 1)
    tasks = task_rows(ledger, year)
    _write_table(ws, TASK_COLUMNS, tasks, {"id"})
    n = len(tasks) + 202
    _add_list(
        ws, [k.label for k in TaskKind], f"{_col_letter(TASK_COLUMNS, 'kind')}2:{_col_letter(TASK_COLUMNS, 'kind')}{n}"
    )
    statuses = sorted({st.label for choices in STATUS_CHOICES.values() for st in choices})
    _add_list(ws, statuses, f"{_col_letter(TASK_COLUMNS, 'status')}2:{_col_letter(TASK_COLUMNS, 'status')}{n}")
    _add_list(
        ws,
        [e.label for e in EmcType],
        f"{_col_letter(TASK_COLUMNS, 'emc_type')}2:{_col_letter(TASK_COLUMNS, 'emc_type')}{n}",
    )
    for r in range(2, n):
        ws[f"{_col_letter(TASK_COLUMNS, 'day')}{r}"].number_format = "yyyy-mm-dd"
    _write_unit(wb.create_sheet(UNIT_SHEET), ledger.unit)

    mark = wb.create_sheet(MARK_SHEET)
    for r, (k, v) in enumerate(
        (
            ("kind", TEMPLATE_KIND),
            ("version", TEMPLATE_VERSION),
            ("uscc", ledger.unit.uscc),
            ("year", str(year)),
            ("created", date.today().isoformat()),
        ),
        start=1,
    ):
        mark.cell(row=r, column=1, value=k).data_type = "s"
        mark.cell(row=r, column=2, value=v).data_type = "s"
    mark.sheet_state = "hidden"
    mark.protection.sheet = True
    wb.properties.title = f"gxjn 填报工作簿 {year}"
    wb.properties.keywords = f"{TEMPLATE_KIND};v{TEMPLATE_VERSION}"
    wb.active = 2  # 月度台账, where most of the work is
    return wb


def write_template(ledger: Ledger, year: int, out: Path) -> Path:
    """Write atomically: a crash or a full disk never leaves a half-written workbook behind."""
    check_year(year)
    if out.is_dir():
        raise UserError(f"{out} 是文件夹，不是工作簿文件", "请给出要写出的文件名，如 填报.xlsx")
    if out.suffix.lower() != ".xlsx":
        raise UserError(f"输出文件 {out.name} 的扩展名应为 .xlsx", "请换一个以 .xlsx 结尾的文件名")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"文件夹 {folder} 不存在", "请先创建该文件夹或换一个路径")
    wb = build_workbook(ledger, year)
    fd, tmp_name = tempfile.mkstemp(prefix=".gxjn-", suffix=".xlsx", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        wb.save(tmp)
        fsync_file(tmp)
        replace_durably(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入 {out}：{exc.strerror}", "请检查磁盘空间，并确认该文件没有在 Excel 中打开") from exc
    return out
