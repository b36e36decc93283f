"""The 汇总 workbook: 行政区域汇总, 分类汇总, 单位明细, 合并报告, 名录核对, 跨单位审核.

The sheets read the same :class:`~gxjn_desktop.services.bureau.summary.Summary` as the command line
and the window. Printed on A4 landscape, fit to width, header rows repeated, 第 N 页 共 M 页.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from copy import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.bureau import TYPE_COLUMNS
from gxjn_desktop.domain.numbers import INDICATOR_PLACES, round_half_up
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.merge import OUTCOME_LABELS, MergeReport, _period_words
from gxjn_desktop.services.bureau.roster import RosterComparison
from gxjn_desktop.services.bureau.summary import FIGURE_LABELS, FIGURES, INDICATORS, Group, Summary, Total
from gxjn_desktop.services.finding_words import location_text
from gxjn_desktop.validation.findings import Location

FMT = {None: "#,##0", 2: "#,##0.00", 4: "#,##0.0000"}
LEVEL_INDENT = {"region": 0, "city": 1, "county": 2, "type": 0, "total": 0}


def _safe(text: Any) -> Any:
    """User text as text: no formula, no control characters."""
    if not isinstance(text, str):
        return text
    cleaned = "".join(ch for ch in text if ch >= " " or ch in "\n\t")
    return "'" + cleaned if cleaned[:1] in ("=", "+", "-", "@") else cleaned


class _Sheet:
    """One sheet of the workbook, written row by row as openpyxl's write-only mode streams it: rows
    are not kept in memory (a merge report of tens of thousands of files would take hundreds of MB
    as ordinary cells). Widths, panes and page set-up are given before the first row, as that mode
    writes them ahead of the rows."""

    def __init__(self, wb: Any, title: str, heading: str, header: Sequence[str], widths: Sequence[int]) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.worksheet import Worksheet

        self.ws = ws = wb.create_sheet(title)
        self.rows = 0
        self.widths = list(widths)
        self.styles: dict[tuple[str | None, bool, bool, int], Any] = {}
        self.thin = Border(*(Side(style="thin", color="999999"),) * 4)
        self.bold = Font(bold=True)
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "C3" if len(header) > 4 else "A3"
        ws.print_title_rows = "1:2"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.oddFooter.center.text = "第 &P 页 共 &N 页"
        ws.oddHeader.right.text = "gxjn 汇总"
        self._append([self._cell(heading, font=Font(bold=True, size=14))])
        fill = PatternFill("solid", fgColor="DDEBF7")
        centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self._append(
            [self._cell(h, font=self.bold, fill=fill, alignment=centred, border=self.thin) for h in header], height=48
        )

    def _cell(self, value: Any, **style: Any) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws, value)
        for name, v in style.items():
            setattr(cell, name, v)
        return cell

    def _style(self, fmt: str | None, bold: bool, wrap: bool, indent: int) -> Any:
        from openpyxl.styles import Alignment

        key = (fmt, bold, wrap, indent)
        if key not in self.styles:
            c = self._cell(None, border=self.thin)
            if fmt:
                c.number_format = fmt
            if bold:
                c.font = self.bold
            if wrap:
                c.alignment = Alignment(wrap_text=True, vertical="top")
            if indent:
                c.alignment = Alignment(indent=indent)
            self.styles[key] = c._style
        return self.styles[key]

    def _append(self, cells: list[Any], height: float | None = None) -> None:
        self.rows += 1
        if height is not None:  # a row's height must be known before the row is written
            self.ws.row_dimensions[self.rows].height = height
        self.ws.append(cells)

    def row(
        self,
        values: Sequence[Any],
        formats: Sequence[str | None] = (),
        bold: bool = False,
        indent: int = 0,
        wrap: bool = False,
    ) -> None:
        cells = []
        for i, v in enumerate(values, start=1):
            fmt = formats[i - 1] if i <= len(formats) else None
            c = self._cell(_safe(v))
            # a style computed once per kind of cell and copied (as openpyxl's own copy_worksheet
            # does): setting the style objects on every cell took 4x the CPU (bench_bureau_workbook)
            c._style = copy(self._style(fmt or None, bold, wrap and isinstance(v, str), indent if i == 2 else 0))
            cells.append(c)
        height = None
        if wrap:  # LibreOffice and WPS keep an unsized row one line high: size it for its longest text
            lines = 1
            for i, v in enumerate(values, start=1):
                if isinstance(v, str) and v:
                    width = self.widths[i - 1] if i <= len(self.widths) else DEFAULT_WIDTH
                    lines = max(lines, -(-sum(2 if ord(ch) > 255 else 1 for ch in v) // max(int(width) - 1, 1)))
            height = 15 * lines
        self._append(cells, height)


DEFAULT_WIDTH = 13  # openpyxl's width of a column given none


def _copied_sheet(wb: Any, src: Any) -> None:
    """A sheet another part built in openpyxl's ordinary mode (工作安排进度: a few hundred rows at
    most) streamed into this workbook with what it uses: values and cell styles, widths, row
    heights, merged cells, frozen panes, print titles, page set-up, header and footer."""
    from openpyxl.cell import WriteOnlyCell

    ws = wb.create_sheet(src.title)
    for key, dim in src.column_dimensions.items():
        ws.column_dimensions[key].width = dim.width
    for r, dim in src.row_dimensions.items():
        if dim.height is not None:
            ws.row_dimensions[r].height = dim.height
    ws.freeze_panes = src.freeze_panes
    if src.print_title_rows:
        ws.print_title_rows = src.print_title_rows
    for name in src.page_setup.__attrs__:
        setattr(ws.page_setup, name, getattr(src.page_setup, name))
    ws.sheet_properties = copy(src.sheet_properties)
    ws.print_options, ws.page_margins = copy(src.print_options), copy(src.page_margins)
    ws.HeaderFooter = copy(src.HeaderFooter)
    for merged in src.merged_cells.ranges:
        ws.merged_cells.add(copy(merged))
    for row in src.iter_rows(min_row=1, min_col=1, max_col=max(src.max_column, 1)):
        cells = []
        for c in row:
            w = WriteOnlyCell(ws, c.value)
            if c.has_style:
                w.font, w.fill, w.border = copy(c.font), copy(c.fill), copy(c.border)
                w.alignment, w.protection, w.number_format = copy(c.alignment), copy(c.protection), c.number_format
            cells.append(w)
        ws.append(cells)


def _value(t: Total) -> Decimal | int | None:
    if t.value is None:
        return None
    return int(t.value) if t.value == t.value.to_integral_value() and t.value.as_tuple().exponent == 0 else t.value


def _ind(t: Total) -> Decimal | None:
    """An indicator rounded once, half up, as it is shown (cli.md §Figures)."""
    return None if t.value is None else round_half_up(t.value, INDICATOR_PLACES)


def _coverage(g: Group) -> str:
    parts = [
        f"{FIGURE_LABELS[n].split('（')[0]} {t.units}/{g.units} 家" for n, t in g.figures.items() if t.units < g.units
    ]
    return "；".join(parts) if parts else f"全部 {g.units} 家"


def _region_sheet(wb: Any, s: Summary) -> None:
    header = [
        "行政区划代码",
        "地区",
        "单位数",
        *FIGURE_LABELS.values(),
        *(f"{label}（{unit}）" for _k, label, unit, *_ in INDICATORS),
        "合计覆盖的单位",
    ]
    widths = [12, 18, 8, 10, 14, 14, 14, 14, 14, 16, 13, 14, 12, 14, 30]
    sh = _Sheet(wb, "行政区域汇总", f"{s.year} 年公共机构能源资源消费 行政区域汇总（{s.period}）", header, widths)
    formats = [None, None, FMT[None], *(FMT[p] for p in FIGURES.values()), *(FMT[4] for _ in INDICATORS)]
    for g in [*s.groups, s.total]:
        values = [
            "" if g.level == "total" else g.key,
            g.label,
            g.units,
            *(_value(g.figures[n]) for n in FIGURES),
            *(_ind(g.indicators[k]) for k, *_ in INDICATORS),
            _coverage(g),
        ]
        sh.row(values, formats, bold=g.level in ("region", "city", "total"), indent=LEVEL_INDENT.get(g.level, 0))


def _type_sheet(wb: Any, s: Summary) -> None:
    header = ["项目", "计量单位", *(label for _k, label, _m in TYPE_COLUMNS)]
    sh = _Sheet(
        wb,
        "分类汇总",
        f"{s.year} 年公共机构能源资源消费 分类汇总（{s.period}）",
        header,
        [26, 10, *([13] * len(TYPE_COLUMNS))],
    )
    groups = {g.key: g for g in s.groups}
    cols = [k for k, _l, _m in TYPE_COLUMNS]
    sh.row(["单位数", "家", *(groups[k].units for k in cols)], [None, None, *([FMT[None]] * len(cols))], bold=True)
    for name, places in FIGURES.items():
        label = FIGURE_LABELS[name]
        sh.row(
            [label.split("（")[0], label.split("（")[1].rstrip("）"), *(_value(groups[k].figures[name]) for k in cols)],
            [None, None, *([FMT[places]] * len(cols))],
        )
    carriers: dict[str, tuple[str, str]] = {}
    for g in s.groups:
        for c in g.carriers:
            carriers.setdefault(c.code, (("其中：" if c.part_of else "") + c.label, c.unit))
    for code, (label, unit) in carriers.items():
        by = {k: next((c for c in groups[k].carriers if c.code == code), None) for k in cols}
        sh.row(
            [label, unit, *(None if by[k] is None else by[k].quantity.value for k in cols)],  # type: ignore[union-attr]
            [None, None, *([FMT[2]] * len(cols))],
        )
        sh.row(
            [f"{label}（折标准煤）", "tce", *(None if by[k] is None else by[k].tce.value for k in cols)],  # type: ignore[union-attr]
            [None, None, *([FMT[4]] * len(cols))],
        )
    for k, label, unit, *_ in INDICATORS:
        sh.row(
            [
                label,
                unit,
                *(_ind(groups[c].indicators[k]) for c in cols),
            ],
            [None, None, *([FMT[4]] * len(cols))],
            bold=True,
        )


def _units_sheet(wb: Any, s: Summary, details: list[dict[str, Any]]) -> None:
    header = [
        "统一社会信用代码",
        "单位名称",
        "行政区划代码",
        "机构类型",
        "版本",
        "用能人数",
        "建筑面积（m²）",
        "综合能耗（tce）",
        "二氧化碳（tCO2）",
    ]
    for _k, label, unit, *_ in INDICATORS:
        header += [f"{label}（{unit}）", "同比（%）", "目标状态"]
    header += ["未说明的警告", "已说明的警告"]
    widths = [21, 30, 10, 14, 6, 9, 12, 12, 12, *([11, 8, 10] * len(INDICATORS)), 10, 10]
    sh = _Sheet(wb, "单位明细", f"{s.year} 年各单位能源资源消费（{s.period}）", header, widths)
    formats: list[str | None] = [None, None, None, None, FMT[None], FMT[None], FMT[2], FMT[4], FMT[4]]
    formats += [FMT[4], FMT[2], None] * len(INDICATORS) + [FMT[None], FMT[None]]
    for d in details:
        values: list[Any] = [
            d["uscc"],
            d["name"],
            d["admin_code"],
            d.get("institution_type_label") or d["institution_type"],
            d["revision"],
            d["people"],
            _num(d["area_m2"]),
            _num(d["comprehensive_energy_tce"]),
            _num(d["co2_t"]),
        ]
        for k, *_ in INDICATORS:
            ind = d["indicators"].get(k) or {}
            values += [_num(ind.get("value")), _num(ind.get("change_pct")), ind.get("status_label")]
        values += [len(d["open_flags"]), len(d["explanations"])]
        sh.row(values, formats)
    notes = _Sheet(
        wb,
        "单位说明",
        f"{s.year} 年各单位对警告的说明（{s.period}）",
        ["统一社会信用代码", "单位名称", "规则", "位置", "警告", "原因", "单位的说明"],
        [21, 28, 18, 14, 50, 12, 50],
    )
    from gxjn_desktop.services.checks import rule_names

    for d in details:
        for f in d["explanations"]:
            where = _where(f.get("location"))
            e = f["explanation"]
            rule = rule_names(f["rule"])[0] if f.get("rule") else ""  # its Chinese name, not the id
            notes.row([d["uscc"], d["name"], rule, where, f.get("message"), e.get("cause"), e.get("text")], wrap=True)


def _where(location: Any) -> str:
    """A finding's place in the words of the unit's review screen (without meter names: the packet
    summary does not carry them), or the JSON's words when they are not a location."""
    loc = location if isinstance(location, dict) else {}
    parsed = Location.from_json(*(None if loc.get(k) is None else str(loc[k]) for k in ("meter", "month", "field")))
    if parsed is not None:
        return location_text(parsed, {})
    return " ".join(str(v) for v in loc.values() if v)


def _num(text: Any) -> Decimal | None:
    if text is None or text == "":
        return None
    try:
        return Decimal(str(text))
    except ArithmeticError:
        return None


def _report_sheet(wb: Any, report: MergeReport) -> None:
    header = [
        "文件",
        "结果",
        "说明",
        "统一社会信用代码",
        "期间",
        "版本",
        "密钥指纹",
        "密钥",
        "转报机关",
        "问题代码（技术支持用）",
    ]
    widths = [44, 12, 60, 21, 13, 6, 18, 16, 20, 14]
    sh = _Sheet(wb, "合并报告", f"合并报告：{report.folder}", header, widths)
    for f in report.files:  # 说明 in Chinese only; verify's codes (NOT-A-ZIP …) in the last, narrow column
        key = "" if f.key_known is None else ("已登记" if f.key_known else "首次收到，请核实")
        sh.row(
            [
                Path(f.file).name,
                OUTCOME_LABELS[f.outcome],
                f.detail,
                f.uscc,
                _period_words(f.period) if f.period else None,  # 2024年全年, not its key 2024-Y
                f.revision,
                f.key_fingerprint,
                key,
                (f.forwarded_by or "") + ("（该机关的密钥首次收到，请核实）" if f.forwarder_key_known is False else ""),
                " ".join(f.codes or ([f.code] if f.code else [])),
            ]
        )


def _roster_sheet(wb: Any, cmp: RosterComparison) -> None:
    header = ["情况", "统一社会信用代码", "单位名称", "行政区划代码", "说明"]
    sh = _Sheet(
        wb, "名录核对", f"名录核对：应报 {cmp.expected} 家，已收到 {cmp.arrived} 家", header, [14, 21, 34, 12, 60]
    )
    for e in cmp.missing:
        sh.row(["未报送", e.uscc, e.name, e.admin_code, f"{e.level}".strip()])
    for u in cmp.not_on_roster:
        sh.row(["不在名录中", u["uscc"], u["name"], u["admin_code"], "已报送，但名录中没有该单位"])
    for d in cmp.differences:
        text = "；".join(f"{x['field']}：名录为“{x['roster']}”，报送包为“{x['packet']}”" for x in d["fields"])
        sh.row(["信息不一致", d["uscc"], d["name"], "", text])


def _checks_sheet(wb: Any, flags: list[dict[str, Any]]) -> None:
    header = ["审核项", "统一社会信用代码", "单位名称", "说明", "单位的解释"]
    sh = _Sheet(wb, "跨单位审核", "跨单位审核（阈值见 resources/reference/bureau.json）", header, [22, 21, 30, 60, 50])
    for f in flags:
        sh.row([f["title"], f["uscc"], f["name"], f["message"], f.get("explanation") or ""], wrap=True)
    if not flags:
        sh.row(["没有发现需要核实的单位", "", "", "", ""])


def write_summary_workbook(
    path: Path,
    by_region: Summary,
    by_type: Summary,
    details: list[dict[str, Any]],
    *,
    report: MergeReport | None = None,
    roster: RosterComparison | None = None,
    flags: list[dict[str, Any]] | None = None,
    extra_sheets: Sequence[Callable[[Any], Any]] = (),
) -> Path:
    """Write the workbook to a temporary name and rename it when complete."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)  # every sheet streams (see _Sheet)
    _region_sheet(wb, by_region)
    _type_sheet(wb, by_type)
    _units_sheet(wb, by_region, details)
    if flags is not None:
        _checks_sheet(wb, flags)
    if extra_sheets:  # other parts' sheets (工作安排进度), each built in an ordinary workbook and copied
        scratch = Workbook()
        scratch.remove(scratch.active)
        for add_sheet in extra_sheets:
            add_sheet(scratch)
        for sheet in scratch.worksheets:
            _copied_sheet(wb, sheet)
    if roster is not None:
        _roster_sheet(wb, roster)
    if report is not None:
        _report_sheet(wb, report)
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        wb.save(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(
            f"无法写入汇总工作簿 {path}：{exc.strerror}", "请检查路径，并关闭在 Excel/WPS 中打开的同名文件"
        ) from exc
    return path
