"""The 工作安排进度 sheet of the bureau's 汇总 workbook, from ``bureau progress``'s data.

One sheet, read top to bottom as a clerk reports upward: the plan that applies (and whether it is
carried over), every goal against its target, the four indicators as regional ratios, the sums by
行政层级 and by 设区市, then every unit's part and the units that reported nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.regions import guangxi_regions
from gxjn_desktop.domain.units import InstitutionType

SHEET = "工作安排进度"
UNIT_LABELS = {"m2": "m²", "projects": "个", "kW": "kW", "items": "件", "pct": "%"}
LEVEL_LABELS = {"regional": "区直", "city": "市直", "county": "县级及以下", "unknown": "未填行政层级"}
SUM_COLUMNS = (
    ("retrofit_area_m2", "节能改造（m²）"),
    ("pv_projects", "屋顶光伏（个）"),
    ("pv_capacity_kw", "光伏容量（kW）"),
    ("emc_projects", "合同能源管理（个）"),
    ("ewaste_items", "废旧电子产品（件）"),
)
WIDTHS = (30, 20, 14, 12, 16, 16, 14, 18, 12, 12, 12)  # 口径 (column 8) runs on into the empty columns


def _num(text: Any) -> Any:
    """A decimal string as a number Excel sums; anything else as it is."""
    if isinstance(text, str):
        try:
            return Decimal(text)
        except ArithmeticError:
            return text
    return text


def _safe(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    cleaned = "".join(ch for ch in text if ch >= " ")
    return "'" + cleaned if cleaned[:1] in ("=", "+", "-", "@") else cleaned


def write_progress_sheet(wb: Any, progress: dict[str, Any]) -> Any:
    """Add the sheet to the openpyxl workbook ``wb``; returns it."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(SHEET)
    thin = Border(*(Side(style="thin", color="999999"),) * 4)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    plan = progress["plan"]

    def title(text: str, size: int = 12) -> None:
        ws.append([text])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, size=size)

    def header(values: list[str]) -> None:
        ws.append(values)
        ws.row_dimensions[ws.max_row].height = 30
        for i in range(1, len(values) + 1):
            c = ws.cell(row=ws.max_row, column=i)
            c.font, c.fill, c.border = Font(bold=True), head_fill, thin
            c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")

    def row(values: list[Any], formats: dict[int, str] | None = None, centred: tuple[int, ...] = ()) -> None:
        ws.append([_safe(v) for v in values])
        for i in range(1, len(values) + 1):
            c = ws.cell(row=ws.max_row, column=i)
            c.border = thin
            if formats and i in formats:
                c.number_format = formats[i]
            if i in centred:
                c.alignment = Alignment(horizontal="center")

    title(f"{progress['year']} 年全区公共机构能源资源节约工作安排进度", 14)
    ws.append([_safe(f"适用工作安排：{plan['label']}；版本 {plan['version']}")])
    if plan["carried_over"]:
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True, color="B3261E")
    ws.append([f"已采用数据包 {progress['units']} 个单位，其中 {progress['units_with_work_plan']} 个报送了工作任务"])
    ws.append([])

    title("一、各项目标")
    header(["目标", "目标值", "完成值", "单位", "完成比例或占比（%）", "计入单位数（达成/应计）", "状态", "口径"])
    for g in progress["goals"]:
        unit = UNIT_LABELS.get(g["unit"], g["unit"])
        counted = f"{g['count']}/{g['units_counted']}" if "count" in g else str(g["units_counted"])
        achieved_format = "0.00" if g["unit"] == "pct" else "#,##0.##"
        scope = next((x.get("scope", "") for x in plan["goals"] if x["goal"] == g["goal"]), "")
        if "share_of_base_pct" in g:
            scope += f"；占 {g['base_units']} 家的 {g['share_of_base_pct']}%"
        row(
            [g["label"], _num(g["target"]), _num(g["achieved"]), unit, _num(g["share_pct"]), counted,
             g["status_label"], scope],
            {2: "#,##0.##", 3: achieved_format, 5: "0.00"},
            centred=(4, 6, 7),
        )  # fmt: skip
    ws.append([])

    title("二、四项指标（全区合计之比，不是各单位比值的平均）")
    header(["指标", "本年", "上年", "同比（%）", "目标（%）", "计入单位数", "状态"])
    for i in progress["indicators"]:
        row(
            [i["label"], _num(i["value"]), _num(i["previous"]), _num(i["change_pct"]), _num(i["target_pct"]),
             str(i["units_counted"]), i["status_label"]],
            {2: "0.0000", 3: "0.0000", 4: "0.00", 5: "0.00"},
            centred=(6, 7),
        )  # fmt: skip
    ws.append([])

    sums = {g["goal"]: g for g in progress["goals"] if "by" in g}
    type_labels = {t.value: t.label for t in InstitutionType}
    regions = guangxi_regions()
    city_labels = {
        code: f"{code} {regions.name(code) or ''}".strip() for g in sums.values() for code in g["by"]["city"]
    }
    for dim, caption, labels in (
        ("admin_level", "三、按行政层级", LEVEL_LABELS),
        ("institution_type", "四、按机构类型", type_labels),
        ("city", "五、按设区市", city_labels),
    ):
        title(caption)
        header(["分组", *[label for _, label in SUM_COLUMNS]])
        found = {k for g in sums.values() for k in g["by"][dim]}
        groups = [k for k in labels if k in found] + sorted(found - set(labels))
        for key in groups:
            row(
                [
                    labels.get(key, key),
                    *[_num(sums[c]["by"][dim].get(key)) if c in sums else "" for c, _ in SUM_COLUMNS],
                ],
                dict.fromkeys(range(2, 7), "#,##0.##"),
            )
        ws.append([])

    title("六、各单位")
    header(["单位名称", "统一社会信用代码", "行政区划代码", "行政层级", *[label for _, label in SUM_COLUMNS],
            "节约型机关", "节水型单位"])  # fmt: skip
    yes = {True: "是", False: "否", None: "未报"}
    for u in progress["by_unit"]:
        row(
            [u["name"], u["uscc"], u["admin_code"], LEVEL_LABELS.get(u["admin_level"] or "unknown"),
             *[_num(u[c]) for c, _ in SUM_COLUMNS],
             yes[u["saving_org"]] if u["party_government_organ"] else "（非党政机关）", yes[u["water_saving_unit"]]],
            dict.fromkeys(range(5, 10), "#,##0.##"),
            centred=(3, 4, 10, 11),
        )  # fmt: skip
    if progress["units_reporting_nothing"]:
        ws.append([])
        title("七、未报送工作任务的单位")
        for u in progress["units_reporting_nothing"]:
            row([u["name"], u["uscc"], u["admin_code"]])

    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    return ws
