"""The tables of the packet's report, built once from data.json for both report.xlsx and report.pdf.

Every figure is a string taken from data.json as it is (already rounded as cli.md §Figures says);
nothing here computes a figure. A cell carries its kind, so each renderer formats it the same way:
thousands separators and the places of cli.md for numbers, text written as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from gxjn_desktop.domain.carriers import CARRIER_ORDER, Carrier
from gxjn_desktop.domain.numbers import (
    INDICATOR_PLACES,
    MONEY_PLACES,
    NOT_APPLICABLE,
    PERCENT_PLACES,
    QUANTITY_PLACES,
    TCE_PLACES,
    plain,
)
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.services.finding_words import location_text
from gxjn_desktop.validation.findings import Location

Kind = Literal["text", "int", "quantity", "money", "tce", "pct", "indicator", "reading"]

#: Decimal places shown per kind (cli.md §Figures). ``reading`` is an entered value: at least two
#: places, never fewer than it was typed with; ``int`` is a count.
PLACES: dict[str, int] = {
    "int": 0,
    "quantity": QUANTITY_PLACES,
    "money": MONEY_PLACES,
    "tce": TCE_PLACES,
    "pct": PERCENT_PLACES,
    "indicator": INDICATOR_PLACES,
    "reading": QUANTITY_PLACES,
}

NONE_TEXT = NOT_APPLICABLE  # a value that does not apply or cannot be computed; never an empty cell
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_SPACES = re.compile(r"[\t\r\n]+")


def clean_text(value: object) -> str:
    """User text as it may be printed: control characters removed, line breaks made spaces."""
    return _CONTROL.sub("", _SPACES.sub(" ", str(value))).strip()


@dataclass(frozen=True)
class Cell:
    """One value of a table. ``value`` is text, or a decimal string / int for the numeric kinds."""

    value: str | int | None
    kind: Kind = "text"

    @property
    def is_number(self) -> bool:
        return self.kind != "text" and self.number is not None

    @property
    def number(self) -> Decimal | None:
        """The exact value of a numeric cell (``None`` for text, or a missing or unreadable figure)."""
        if self.kind == "text" or self.value is None or isinstance(self.value, bool):
            return None
        try:
            d = Decimal(str(self.value).strip())
        except InvalidOperation:
            return None
        return d if d.is_finite() else None

    def display(self) -> str:
        """The text a reader sees: numbers grouped by thousands with their places, text cleaned."""
        if self.value is None:
            return NONE_TEXT
        if self.kind == "text":
            return clean_text(self.value)
        d = self.number
        if d is None:
            return clean_text(self.value)
        places = PLACES[self.kind]
        if self.kind == "reading":
            exponent = d.as_tuple().exponent
            places = max(places, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
        # The figure is already rounded in data.json; quantize only pads it with zeros.
        return f"{d.quantize(Decimal(1).scaleb(-places)) if places else d:,f}"


def t(value: object) -> Cell:
    return Cell(None if value is None else str(value), "text")


_UNIT_POWER = re.compile(r"\bm([23])\b")


def u(value: object) -> Cell:
    """A unit as it is printed: m³ and m² (data.json and the reference files keep m3, as scripts read them)."""
    if value is None:
        return t(None)
    return t(_UNIT_POWER.sub(lambda m: "m³" if m.group(1) == "3" else "m²", str(value)))


def n(value: object, kind: Kind) -> Cell:
    if value is None:
        return Cell(None, kind)
    return Cell(value if isinstance(value, int) and not isinstance(value, bool) else str(value), kind)


@dataclass(frozen=True)
class Column:
    title: str
    width: int = 12  # in characters, for the workbook's column width and the PDF's proportions

    @property
    def is_wide(self) -> bool:
        return self.width >= 24


@dataclass(frozen=True)
class Table:
    """One table: a heading, its header row (repeated on every printed page) and its body."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...] = ()

    @property
    def header(self) -> tuple[str, ...]:
        return tuple(c.title for c in self.columns)


@dataclass(frozen=True)
class Sheet:
    """One sheet of the workbook and one part of the PDF. The first table's header is repeated."""

    name: str  # sheet name: at most 31 characters, none of []:*?/\
    title: str
    tables: tuple[Table, ...]
    landscape: bool = False
    form_footer: bool = False  # the statistics forms end with 单位负责人 / 统计负责人 / 填表人 / 报出日期
    intro: tuple[str, ...] = field(default_factory=tuple)


# ---- small readers of data.json ----------------------------------------------------------------


def _d(obj: Any, *keys: str) -> Any:
    """``obj[k1][k2]…`` or ``None`` when any level is missing."""
    for k in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(k)
    return obj


def _list(obj: Any) -> list[dict[str, Any]]:
    return [x for x in obj if isinstance(x, dict)] if isinstance(obj, list) else []


def _yes_no(value: Any) -> str:
    return "有" if value else "无"


def _month(year: Any, month: Any) -> str:
    try:
        return f"{int(year):04d}-{int(month):02d}"
    except (TypeError, ValueError):
        return NONE_TEXT


def _when(text: Any) -> str | None:
    """An ISO date-time as a clerk reads it: ``2025-01-10 09:30``."""
    if not text:
        return None
    s = str(text).replace("T", " ")
    return s[:16]


def _yuan(record: dict[str, Any]) -> str | None:
    """A record's 金额 in 元: ``cost_yuan`` if given, else the stored integer 分 written with two places."""
    if record.get("cost_yuan") is not None:
        return str(record["cost_yuan"])
    fen = record.get("cost_fen")
    if fen is None or isinstance(fen, bool):
        return None
    sign = "-" if int(fen) < 0 else ""
    whole, cents = divmod(abs(int(fen)), 100)
    return f"{sign}{whole}.{cents:02d}"  # the exact value, no arithmetic on a figure


def signatories(data: dict[str, Any]) -> dict[str, str]:
    s = _d(data, "profile", "signatories") or {}
    return {
        "单位负责人": clean_text(s.get("head") or ""),
        "统计负责人": clean_text(s.get("statistician") or ""),
        "填表人": clean_text(s.get("preparer") or ""),
        "报出日期": clean_text(s.get("report_date") or ""),
    }


def form_footer_line(data: dict[str, Any]) -> str:
    return "\u3000\u3000".join(f"{k}：{v or '________'}" for k, v in signatories(data).items())


def heading_line(data: dict[str, Any]) -> str:
    """The line under every sheet's title: who reports, for which period, which revision."""
    unit = data.get("unit") or {}
    period = data.get("period") or {}
    parts = [
        f"填报单位：{clean_text(unit.get('name') or '')}",
        f"统一社会信用代码：{clean_text(unit.get('uscc') or '')}",
        f"报告期：{clean_text(period.get('label') or period.get('name') or '')}（第 {data.get('revision') or 1} 版）",
    ]
    return "\u3000".join(parts)


def _months(data: dict[str, Any]) -> tuple[int, set[int]]:
    period = data.get("period") or {}
    year = int(period.get("year") or 0)
    months = {int(m) for m in period.get("months") or range(1, 13)}
    return year, months


def _in_period(data: dict[str, Any], year: Any, month: Any) -> bool:
    y, months = _months(data)
    try:
        return int(year) == y and int(month) in months
    except (TypeError, ValueError):
        return False


# ---- the sheets --------------------------------------------------------------------------------


def basic_info(data: dict[str, Any]) -> Sheet:
    unit = data.get("unit") or {}
    p = data.get("profile") or {}
    period = data.get("period") or {}
    contacts = "；".join(
        clean_text(" ".join(str(c.get(k) or "") for k in ("role", "name", "phone")))
        for c in _list(unit.get("contacts"))
    )
    rows: list[tuple[Cell, ...]] = [
        (t("单位名称"), t(""), t(unit.get("name"))),
        (t("统一社会信用代码"), t(""), t(unit.get("uscc"))),
        (t("行政区划代码"), t(""), t(unit.get("admin_code"))),
        (t("机构类型"), t(""), t(unit.get("institution_type_label") or unit.get("institution_type"))),
        (t("气候区"), t(""), t(unit.get("climate_zone_label") or unit.get("climate_zone"))),
        (t("单位地址"), t(""), t(unit.get("address") or NONE_TEXT)),
        (t("联系人"), t(""), t(contacts or NONE_TEXT)),
        (t("报告期"), t(""), t(period.get("label") or period.get("name"))),
        (t("用能人数"), t("人"), n(p.get("people"), "int")),
        (t("编制人数"), t("人"), n(p.get("staff_quota"), "int")),
        (t("建筑面积"), t("m²"), n(p.get("building_area_m2"), "quantity")),
        (t("采暖面积"), t("m²"), n(p.get("heated_area_m2") or "0", "quantity")),
        (t("燃油车辆数量"), t("辆"), n(p.get("fuel_vehicles") or 0, "int")),
        (t("新能源汽车数量"), t("辆"), n(p.get("new_energy_vehicles") or 0, "int")),
        (t("数据中心机房"), t(""), t(_yes_no(p.get("data_centre")))),
        (t("数据中心机房面积"), t("m²"), n(p.get("data_centre_area_m2") or "0", "quantity")),
        (t("职工食堂"), t(""), t(_yes_no(p.get("canteen")))),
        (t("食堂座位数"), t("个"), n(p.get("canteen_seats") or 0, "int")),
    ]
    notes = p.get("source_notes") or {}
    labels = {"people": "用能人数", "building_area_m2": "建筑面积", "staff_quota": "编制人数"}
    for key, note in notes.items() if isinstance(notes, dict) else ():
        rows.append((t(f"数据来源：{labels.get(key, key)}"), t(""), t(note)))
    version_labels = {
        "coefficients": "折标系数",
        "emission_factors": "排放因子",
        "targets": "考核目标",
        "rules": "审核规则",
    }
    versions = data.get("reference_versions") or {}
    for key, version in versions.items() if isinstance(versions, dict) else ():
        rows.append((t(f"参考数据版本：{version_labels.get(key, key)}"), t(""), t(version)))
    rows += [
        (t("报表版本"), t(""), t(f"第 {data.get('revision') or 1} 版")),
        (t("修订原因"), t(""), t(data.get("revision_reason") or NONE_TEXT)),
        (t("导出时间"), t(""), t(_when(data.get("exported_at")))),
        (t("程序版本"), t(""), t(f"gxjn {data.get('program_version') or ''}")),
    ]
    changes = _list(data.get("changes_from_previous"))
    tables = [Table("公共机构基本信息", (Column("项目", 22), Column("计量单位", 10), Column("内容", 50)), tuple(rows))]
    if changes:
        tables.append(
            Table(
                "与上一版相比的改动",
                (Column("位置", 36), Column("原值", 22), Column("现值", 22)),
                tuple((t(c.get("path")), t(_short(c.get("before"))), t(_short(c.get("after")))) for c in changes),
            )
        )
    return Sheet("基1 基本信息", "基1 公共机构基本信息", tuple(tables), form_footer=True)


def _short(value: Any) -> str:
    if value is None:
        return NONE_TEXT
    if isinstance(value, dict | list):
        import json

        return json.dumps(value, ensure_ascii=False, sort_keys=True)[:200]
    return str(value)


def _totals_by_code(ind: dict[str, Any]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for row in _list(ind.get("totals")):
        code = row.get("code")
        if not code:  # the cli.md example names the carrier by its label only
            code = next((c.value for c in Carrier if c.label == row.get("carrier")), row.get("carrier"))
        out[str(code)] = row
    return out


def consumption(data: dict[str, Any]) -> Sheet:
    """基2: every item of the form in its order; an item without consumption is written as 0."""
    ind = _d(data, "results", "indicators") or {}
    totals = _totals_by_code(ind)
    rows: list[tuple[Cell, ...]] = []
    # The form's order, with the PV line right under 电, of which it is a part.
    order: list[Carrier] = [c for c in CARRIER_ORDER if c is not Carrier.PV]
    order.insert(order.index(Carrier.ELECTRICITY) + 1, Carrier.PV)
    for carrier in order:
        row = totals.get(carrier.value)
        label = ("其中：" if carrier is Carrier.PV else "") + carrier.label
        energy = carrier.is_energy
        if row is None:
            rows.append(
                (
                    t(label),
                    u(carrier.unit),
                    n("0", "quantity"),
                    n("0", "money"),
                    n(None, "reading"),
                    n("0", "tce") if energy else Cell("不计入", "tce"),
                )
            )
            continue
        coefficient = row.get("kgce_coefficient")
        rows.append(
            (
                t(label),
                u(row.get("unit") or carrier.unit),
                n(row.get("quantity"), "quantity"),
                n(row.get("cost_yuan"), "money"),
                n(coefficient, "reading"),
                n(row.get("tce"), "tce") if energy else Cell("不计入", "tce"),
            )
        )
    rows += [
        (t("综合能耗（当量值）"), t("tce"), t(""), t(""), t(""), n(ind.get("comprehensive_energy_tce"), "tce")),
        (t("其中：不含公务车辆"), t("tce"), t(""), t(""), t(""), n(ind.get("building_energy_tce"), "tce")),
        (t("二氧化碳排放"), t("tCO2"), t(""), t(""), t(""), n(ind.get("co2_t"), "tce")),
    ]
    notes = ["光伏发电为自发自用电量，已含在“电”中，不重复计入；水不计入综合能耗。"]
    if ind.get("complete") is False:
        covered = ind.get("covered_months") or []
        notes.append(f"本期数据不完整：已填至 {covered[-1] if covered else 0} 月，表中为已填月份的合计。")
    versions = ind.get("reference_versions") or {}
    if versions.get("coefficients"):
        notes.append(f"折标系数：{versions['coefficients']}")
    columns = (
        Column("能源资源品种", 18),
        Column("计量单位", 9),
        Column("消费量", 16),
        Column("费用（元）", 16),
        Column("折标系数（kgce/计量单位）", 14),
        Column("折标准煤（tce）", 14),
    )
    people, area = n(ind.get("people"), "int").display(), n(ind.get("area_m2"), "quantity").display()
    intro = (f"用能人数 {people} 人\u3000\u3000建筑面积 {area} m²",)
    return Sheet(
        "基2 能源资源消费状况",
        "基2 公共机构能源资源消费状况",
        (Table("能源资源消费", columns, tuple(rows), tuple(notes)),),
        form_footer=True,
        intro=intro,
    )


def data_centre(data: dict[str, Any]) -> Sheet | None:
    """基3, only for a unit with a data centre: the room and the meters that measure it."""
    p = data.get("profile") or {}
    if not p.get("data_centre"):
        return None
    rows: list[tuple[Cell, ...]] = [(t("机房建筑面积"), t("m²"), n(p.get("data_centre_area_m2") or "0", "quantity"))]
    dc = _d(data, "results", "data_centre")
    if isinstance(dc, dict):  # figures computed by the packet's builder, when it provides them
        labels = {
            "total_kwh": ("总用电量", "kWh"),
            "it_kwh": ("其中：IT设备用电量", "kWh"),
            "cooling_kwh": ("空气调节设备用电量", "kWh"),
            "other_kwh": ("配电及附属设备用电量", "kWh"),
            "pue": ("电能利用效率 PUE", ""),
        }
        for key, value in dc.items():
            label, unit = labels.get(key, (key, ""))
            rows.append((t(label), t(unit), n(value, "quantity")))
    meters = [m for m in _list(_d(data, "inputs", "meters")) if m.get("use") == "data_centre" or m.get("parent_code")]
    meter_rows = tuple(
        (
            t(m.get("code")),
            t(m.get("name")),
            t(m.get("carrier_label") or m.get("carrier")),
            t(m.get("parent_code") or NONE_TEXT),
            t(m.get("use_label") or m.get("use")),
        )
        for m in meters
    )
    tables = [Table("数据中心机房", (Column("项目", 24), Column("计量单位", 10), Column("数值", 18)), tuple(rows))]
    if meter_rows:
        tables.append(
            Table(
                "机房计量表（月度用量见“台账”）",
                (
                    Column("表计编号", 10),
                    Column("名称", 24),
                    Column("品种", 8),
                    Column("上级表", 10),
                    Column("用途", 14),
                ),
                meter_rows,
                ("分表计量的电量已含在上级表中，不重复计入合计。",),
            )
        )
    return Sheet("基3 数据中心机房", "基3 公共机构数据中心机房能源消费状况", tuple(tables), form_footer=True)


_STATUS_LABELS = {
    "on_track": "达到目标",
    "at_risk": "有风险",
    "off_track": "未达目标",
    "no_target": "无目标",
    "no_previous": "无上年数据",
    "incomplete": "数据不完整",
}
_INDICATOR_ORDER = (
    ("energy_per_capita_kgce", "人均综合能耗", "kgce/人"),
    ("energy_per_area_kgce_m2", "单位建筑面积能耗", "kgce/m²"),
    ("water_per_capita_m3", "人均用水量", "m³/人"),
    ("co2_per_area_kgco2_m2", "单位建筑面积碳排放", "kgCO2/m²"),
)


def indicators(data: dict[str, Any]) -> Sheet:
    ind = _d(data, "results", "indicators") or {}
    entries = ind.get("indicators") or {}
    rows: list[tuple[Cell, ...]] = []
    keys = [k for k, _, _ in _INDICATOR_ORDER] + [
        k for k in entries if k not in dict.fromkeys(k for k, _, _ in _INDICATOR_ORDER)
    ]
    defaults = {k: (label, unit) for k, label, unit in _INDICATOR_ORDER}
    for key in keys:
        e = entries.get(key)
        if not isinstance(e, dict):
            continue
        label, unit = defaults.get(key, (key, ""))
        status = e.get("status")
        note = e.get("reason") or ""
        if e.get("ytd_change_pct") is not None:
            note = (note + "；" if note else "") + f"年初至今同比 {e['ytd_change_pct']}%"
        rows.append(
            (
                t(e.get("label") or label),
                t(e.get("unit") or unit),
                n(e.get("value"), "indicator"),
                n(e.get("previous"), "indicator"),
                n(e.get("change_pct"), "pct"),
                n(e.get("target_pct"), "pct"),
                t(e.get("status_label") or _STATUS_LABELS.get(str(status), status)),
                t(note or NONE_TEXT),
            )
        )
    columns = (
        Column("指标", 18),
        Column("计量单位", 10),
        Column("本期", 14),
        Column("上年同期", 14),
        Column("同比（%）", 10),
        Column("目标（%）", 10),
        Column("状态", 10),
        Column("备注", 28),
    )
    tables = [
        Table("四项考核指标", columns, tuple(rows), (f"目标：{_d(ind, 'reference_versions', 'targets') or NONE_TEXT}",))
    ]
    year, _ = _months(data)
    quotas = [q for q in _list(_d(data, "inputs", "quotas")) if q.get("year") in (None, year)]
    if quotas:
        tables.append(
            Table(
                "能耗定额",
                (
                    Column("指标", 18),
                    Column("级别", 10),
                    Column("定额值", 14),
                    Column("口径", 8),
                    Column("依据文件", 40),
                ),
                tuple(
                    (
                        t(q.get("indicator_label") or q.get("indicator")),
                        t(q.get("level_label") or q.get("level")),
                        n(q.get("value"), "reading"),
                        t(q.get("basis_label") or q.get("basis")),
                        t(q.get("document") or NONE_TEXT),
                    )
                    for q in quotas
                ),
            )
        )
    return Sheet("指标", "四项指标、目标与能耗定额", tuple(tables), landscape=True)


def _multiplier(meter: dict[str, Any] | None, year: int, month: int) -> str | None:
    """The 倍率 in force at the month's end: the latest change on or before it (a look-up, not a figure)."""
    if not meter:
        return None
    changes = sorted(_list(meter.get("multipliers")), key=lambda c: str(c.get("effective_from")))
    end = f"{year:04d}-{month:02d}-31"
    current = None
    for c in changes:
        if current is None or str(c.get("effective_from")) <= end:
            current = c.get("multiplier")
    return None if current is None else str(current)


def ledger(data: dict[str, Any]) -> Sheet:
    """台账: month by month per meter and account, with 倍率, replacements, source and who entered it."""
    meters = {str(m.get("code")): m for m in _list(_d(data, "inputs", "meters"))}
    replacements: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in _list(_d(data, "inputs", "replacements")):
        day = str(r.get("day") or "")
        replacements.setdefault((str(r.get("meter_code")), day[:7]), []).append(r)
    everything = sorted(
        _list(_d(data, "inputs", "records")),
        key=lambda r: (str(r.get("meter_code")), int(r.get("year") or 0), int(r.get("month") or 0)),
    )
    # 上期示数: the meter's latest earlier reading (data.json also carries the year before), else
    # the reading it entered the ledger with. A look-up of entered values, not a computed figure.
    last_reading: dict[str, Any] = {code: m.get("initial_reading") for code, m in meters.items()}
    with_use = any(r.get("use") is not None for r in everything)
    rows = []
    for r in everything:
        code = str(r.get("meter_code"))
        previous = last_reading.get(code)
        if r.get("reading") is not None:
            last_reading[code] = r.get("reading")
        if not _in_period(data, r.get("year"), r.get("month")):
            continue
        meter = meters.get(code) or {}
        month = _month(r.get("year"), r.get("month"))
        remarks = []
        for rp in replacements.get((code, month), []):
            remarks.append(
                f"{rp.get('day')} {rp.get('reason_label') or '换表'}：旧表止码 {rp.get('old_final_reading')}，"
                f"新表起码 {rp.get('new_initial_reading')}"
            )
        if r.get("rollover_confirmed"):
            remarks.append("表码翻转（已确认）")
        if r.get("note"):
            remarks.append(str(r["note"]))
        multiplier = r.get("multiplier") or _multiplier(meter, int(r.get("year") or 0), int(r.get("month") or 0))
        register = meter.get("kind", "register") == "register"
        use = r.get("use") if with_use else (None if register else r.get("quantity"))
        rows.append(
            (
                t(code),
                t(meter.get("name") or NONE_TEXT),
                t(meter.get("carrier_label") or meter.get("carrier") or NONE_TEXT),
                u(meter.get("unit") or _carrier_unit(meter.get("carrier"))),
                t(month),
                n(previous if register else None, "reading"),
                n(r.get("reading") if register else None, "reading"),
                n(multiplier if register else None, "reading"),
                n(use, "quantity"),
                n(_yuan(r), "money"),
                t(r.get("source_label") or r.get("source")),
                t(r.get("reading_date") or NONE_TEXT),
                t("；".join(remarks) or NONE_TEXT),
                t(r.get("entered_by") or NONE_TEXT),
                t(_when(r.get("entered_at")) or NONE_TEXT),
            )
        )
    columns = (
        Column("表计", 6),
        Column("名称", 30),  # a meter's name with its 户号 on one line, in the PDF too
        Column("品种", 7),
        Column("单位", 6),
        Column("月份", 9),
        Column("上期示数", 13),
        Column("本期示数", 13),
        Column("倍率", 7),
        Column("用量" if with_use else "直接填量", 13),
        Column("金额（元）", 13),
        Column("来源", 6),
        Column("抄表日期", 12),
        Column("换表及备注", 15),  # mostly —; a replacement's words wrap
        Column("录入人", 8),
        Column("录入时间", 18),
    )
    record_table = Table(
        "月度记录",
        columns,
        tuple(rows),
        (
            "示数表的用量 =（本期示数 − 上期示数）× 倍率，换表或倍率变更当月分段计算，各品种合计见基2；"
            "“直接填量”为按账单、加油卡等直接填写的用量。来源：抄表 / 账单 / 发票 / 估算。",
        ),
    )
    return Sheet("台账", "统计台账（按月、按表计）", (record_table,), landscape=True)


def meter_list(data: dict[str, Any]) -> Sheet:
    """计量器具: each meter with its 倍率 history. Its own sheet, not under 台账: a printed sheet repeats
    one header row on every page, and 台账's would have stood over this table's columns."""
    meters = {str(m.get("code")): m for m in _list(_d(data, "inputs", "meters"))}
    meter_rows = tuple(
        (
            t(m.get("code")),
            t(m.get("name")),
            t(m.get("carrier_label") or m.get("carrier")),
            t(m.get("kind_label") or m.get("kind")),
            t(m.get("use_label") or m.get("use")),
            t(m.get("account_no") or NONE_TEXT),
            t(m.get("meter_no") or NONE_TEXT),
            t(
                "；".join(f"{c.get('effective_from')} 起 {c.get('multiplier')}" for c in _list(m.get("multipliers")))
                or NONE_TEXT
            ),
            t(m.get("parent_code") or NONE_TEXT),
        )
        for m in meters.values()
    )
    table = Table(
        "计量器具与倍率",
        (
            Column("表计", 7),
            Column("名称", 20),
            Column("品种", 8),
            Column("类型", 8),
            Column("用途", 10),
            Column("户号", 14),
            Column("表号", 14),
            Column("倍率变更", 28),
            Column("上级表", 8),
        ),
        meter_rows,
    )
    return Sheet("计量器具", "计量器具与倍率", (table,), landscape=True)


def _carrier_unit(code: Any) -> str:
    try:
        return Carrier(str(code)).unit
    except ValueError:
        return NONE_TEXT


def _location_text(loc: Any, names: dict[str, str]) -> str:
    """Where a finding points, in the words of the review screen (services.finding_words)."""
    if not isinstance(loc, dict):
        return NONE_TEXT
    where = Location.from_json(_text(loc.get("meter")), _text(loc.get("month")), _text(loc.get("field")))
    if where is not None:
        return location_text(where, names)
    return " ".join(str(loc[k]) for k in ("meter", "month", "field") if loc.get(k)) or "全单位"


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def findings(data: dict[str, Any]) -> Sheet:
    """说明: every finding, and for each explained warning its cause, text, who and when."""
    by_fingerprint = {str(e.get("fingerprint")): e for e in _list(_d(data, "inputs", "explanations"))}
    check = _d(data, "results", "check") or {}
    names = {str(m.get("code")): f"{m.get('code')} {m.get('name')}" for m in _list(_d(data, "inputs", "meters"))}
    rows = []
    for f in _list(check.get("findings")):
        exp = f.get("explanation") or {}
        stored = by_fingerprint.get(str(f.get("fingerprint"))) or {}
        explained = bool(exp)
        rows.append(
            (
                t(f.get("severity_label") or f.get("severity")),
                t(f.get("rule")),
                t(_location_text(f.get("location"), names)),
                t(f.get("message")),
                t(exp.get("cause") if explained else ("未说明" if f.get("severity") == "warning" else NONE_TEXT)),
                t(exp.get("text") if explained else NONE_TEXT),
                t(stored.get("entered_by") or NONE_TEXT),
                t(_when(stored.get("entered_at")) or NONE_TEXT),
            )
        )
    counts = check.get("counts") or {}
    note = (
        f"错误 {counts.get('error', 0)} 条，警告 {counts.get('warning', 0)} 条（未说明 {counts.get('unexplained', 0)} 条），"
        f"提示 {counts.get('info', 0)} 条。审核规则版本：{check.get('rules_version') or NONE_TEXT}"
    )
    columns = (
        Column("级别", 6),
        Column("规则", 15),
        Column("位置", 22),
        Column("问题", 36),
        Column("原因", 12),
        Column("说明", 36),
        Column("说明人", 8),
        Column("说明时间", 16),
    )
    if not rows:
        rows.append((t(NONE_TEXT), t(NONE_TEXT), t(NONE_TEXT), t("审核未发现问题"), *(t(NONE_TEXT),) * 4))
    return Sheet(
        "说明", "审核结果与数据说明", (Table("审核发现及说明", columns, tuple(rows), (note,)),), landscape=True
    )


def carbon(data: dict[str, Any], factors: list[dict[str, Any]] | None = None) -> Sheet:
    """碳排放: the factors used and where they come from, with the period's total CO2."""
    ind = _d(data, "results", "indicators") or {}
    versions = ind.get("reference_versions") or {}
    factor_rows = _list(_d(data, "results", "emission_factors")) or factors or []
    rows = tuple(
        (
            t(f.get("carrier_label") or f.get("carrier")),
            n(f.get("factor"), "reading"),
            u(f.get("unit")),
            t(f.get("source") or NONE_TEXT),
        )
        for f in factor_rows
    )
    summary = (
        (t("二氧化碳排放总量"), n(ind.get("co2_t"), "tce"), t("tCO2"), t("外购电力、燃料和外购热力的排放之和")),
        (
            t("单位建筑面积碳排放"),
            n(_d(ind, "indicators", "co2_per_area_kgco2_m2", "value"), "indicator"),
            t("kgCO2/m²"),
            t("二氧化碳排放总量 ÷ 建筑面积"),
        ),
    )
    notes = (
        f"排放因子版本：{versions.get('emission_factors') or NONE_TEXT}",
        "电力按外购电量（总用电量减自发自用光伏）计排放，光伏发电不计排放；水不计排放。",
    )
    tables = [
        Table(
            "碳排放",
            (Column("项目", 20), Column("数值", 14), Column("计量单位", 14), Column("说明", 60)),
            summary,
            notes,
        )
    ]
    if rows:
        tables.append(
            Table(
                "排放因子及来源",
                (Column("品种", 20), Column("排放因子", 14), Column("计量单位", 14), Column("来源", 60)),
                rows,
            )
        )
    return Sheet("碳排放", "二氧化碳排放与排放因子", tuple(tables), landscape=True)


_GARBAGE = (("recyclable", "可回收物"), ("hazardous", "有害垃圾"), ("kitchen", "厨余垃圾"), ("other", "其他垃圾"))


def waste(data: dict[str, Any]) -> Sheet:
    """垃圾分类与餐厨: the four categories, the reported total and accuracy, beside the canteen's month."""
    year, months = _months(data)
    garbage = {
        int(g.get("month") or 0): g
        for g in _list(_d(data, "inputs", "garbage"))
        if _in_period(data, g.get("year"), g.get("month"))
    }
    canteen = {
        int(c.get("month") or 0): c
        for c in _list(_d(data, "inputs", "canteen"))
        if _in_period(data, c.get("year"), c.get("month"))
    }
    rows = []
    for m in sorted(months):
        g = garbage.get(m) or {}
        c = canteen.get(m) or {}
        if not g and not c:
            continue
        kg = g.get("kg") or {}
        rows.append(
            (
                t(_month(year, m)),
                *(n(kg.get(code) or "0", "quantity") if g else n(None, "quantity") for code, _ in _GARBAGE),
                n(g.get("reported_total_kg"), "quantity"),
                n(g.get("sorting_accuracy_pct"), "pct"),
                n(c.get("food_waste_kg"), "quantity"),
                n(c.get("diners"), "int"),
                n(c.get("food_purchased_kg"), "quantity"),
            )
        )
    columns = (
        Column("月份", 9),
        *(Column(f"{label}（kg）", 12) for _, label in _GARBAGE),
        Column("垃圾合计（kg）", 13),
        Column("投放准确率（%）", 12),
        Column("餐厨垃圾（kg）", 13),
        Column("就餐人次", 10),
        Column("食材采购（kg）", 13),
    )
    tables = [Table("垃圾分类与食堂", columns, tuple(rows))]
    ewaste = [e for e in _list(_d(data, "inputs", "ewaste")) if str(e.get("day") or "")[:4] == str(year)]
    if ewaste:
        tables.append(
            Table(
                "废旧电子产品处置",
                (
                    Column("日期", 11),
                    Column("数量（件）", 10),
                    Column("接收单位", 30),
                    Column("凭证号", 16),
                    Column("备注", 24),
                ),
                tuple(
                    (
                        t(e.get("day")),
                        n(e.get("items"), "int"),
                        t(e.get("recipient")),
                        t(e.get("certificate_no") or NONE_TEXT),
                        t(e.get("note") or NONE_TEXT),
                    )
                    for e in ewaste
                ),
            )
        )
    return Sheet("垃圾分类与餐厨", "生活垃圾分类、餐厨与废旧电子产品", tuple(tables), landscape=True)


def _quantity_text(task: dict[str, Any]) -> Cell:
    """数量 in words: the kind's own name and unit beside the figure (改造面积 3,200 m²)."""
    figure = n(task.get("quantity"), "reading").number
    if figure is None:
        return t(None)
    label, unit = task.get("quantity_label") or "", task.get("quantity_unit") or ""
    # As it was entered (a score of 85, not 85.00): grouped, with the places it was typed with.
    return t(" ".join(x for x in (clean_text(label), f"{figure:,f}", clean_text(unit)) if x))


def _blank_is_none(value: object) -> object:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _task_details(task: dict[str, Any]) -> Cell:
    """What only some kinds of task carry, in one sentence (措施, 光伏, 合同能源管理, 自评 …)."""

    def figure(key: str, kind: Kind, unit: str) -> str | None:
        cell = n(task.get(key), kind)
        return None if cell.number is None else f"{cell.display()} {unit}"

    measures = task.get("measure_labels")
    scores = task.get("part_scores")
    parts = [
        ("改造措施", "、".join(clean_text(m) for m in measures) if isinstance(measures, list) and measures else None),
        ("光伏计量表", _blank_is_none(task.get("meter_code"))),
        ("年发电量", figure("generation_kwh", "quantity", "kWh")),
        ("合同类型", _blank_is_none(task.get("emc_type_label"))),
        ("节能服务公司", _blank_is_none(task.get("contractor"))),
        ("合同期限", None if task.get("term_years") is None else f"{task.get('term_years')} 年"),
        ("预计年节约费用", figure("saving_yuan", "money", "元")),
        ("建成年度", _blank_is_none(task.get("built_year"))),
        (
            "分项得分",
            "，".join(f"{clean_text(k)} {clean_text(v)}" for k, v in scores.items())
            if isinstance(scores, dict) and scores
            else None,
        ),
        ("等级", _blank_is_none(task.get("grade"))),
        ("人均餐厨垃圾", figure("canteen_waste_g_per_diner", "quantity", "克/人·餐")),
        ("发现的问题", _blank_is_none(task.get("findings"))),
    ]
    return t("；".join(f"{label}：{clean_text(value)}" for label, value in parts if value is not None) or None)


# The columns every kind of task shares (summary.task_json's keys); the rest goes to 详情, so the
# printed page stays readable. 投资 and 节能量 stay numbers a clerk can add up.
_TASK_COLUMNS: tuple[tuple[Column, Any], ...] = (
    (Column("类别", 14), lambda task: t(task.get("kind_label"))),
    (Column("项目名称", 22), lambda task: t(_blank_is_none(task.get("name")))),
    (Column("季度", 5), lambda task: t(_blank_is_none(task.get("quarter")))),
    (Column("日期", 12), lambda task: t(task.get("date"))),
    (Column("数量", 16), _quantity_text),
    (Column("状态", 8), lambda task: t(task.get("status_label"))),
    (Column("文号", 18), lambda task: t(_blank_is_none(task.get("document_no")))),
    (Column("投资（元）", 13), lambda task: n(task.get("investment_yuan"), "money")),
    (Column("预计年节能量（tce）", 11), lambda task: n(task.get("saving_tce"), "tce")),
    (Column("详情", 40), _task_details),
    (Column("备注", 22), lambda task: t(_blank_is_none(task.get("note")))),
)


def work_plan(data: dict[str, Any]) -> Sheet | None:
    """工作任务, when data.json carries a work plan: the year's tasks, one row each, in words."""
    plan = data.get("work_plan")
    if not isinstance(plan, dict):
        return None
    tasks = [task for task in _list(plan.get("tasks")) if isinstance(task, dict)]
    columns = tuple(column for column, _ in _TASK_COLUMNS)
    rows = tuple(tuple(cell(task) for _, cell in _TASK_COLUMNS) for task in tasks)
    if not rows:
        columns, rows = (Column("任务", 30),), ((t("本年度没有登记工作任务"),),)
    about = plan.get("plan")
    intro: tuple[str, ...] = ()
    if isinstance(about, dict) and (about.get("label") or about.get("title")):
        basis = about.get("label") or f"{about.get('title')}（{about.get('document') or ''}）"
        intro = (f"工作安排：{clean_text(basis)}",)
    return Sheet("工作任务", "年度工作任务", (Table("工作任务", columns, rows),), landscape=True, intro=intro)


def emission_factor_rows(ref: ReferenceData, year: int) -> list[dict[str, Any]]:
    """The factors the figures of ``year`` use, with their sources (grid: the series and data year chosen)."""
    rows: list[dict[str, Any]] = []
    grid = ref.grid_factor(year)
    if grid is not None:
        rows.append(
            {
                "carrier_label": "电（外购电网电力）",
                "factor": plain(grid.factor.value),
                "unit": "kgCO2/kWh",
                "source": f"{grid.describe(year)}；{grid.factor.source}",
            }
        )
    for carrier, factor in ref.fuel_factors.items():
        per_unit = ref.fuel_factor_per_unit(carrier)
        if per_unit is None:
            continue
        sourced = factor.kgco2_per_unit or factor.kgco2_per_kg
        density = ref.coefficients.get(carrier)
        source = sourced.source if sourced else ""
        if factor.kgco2_per_unit is None and density is not None and density.kg_per_unit is not None:
            source += f"；按密度 {plain(density.kg_per_unit.value)} kg/{carrier.unit} 换算"
        rows.append(
            {
                "carrier_label": carrier.label,
                "factor": plain(per_unit),
                "unit": f"kgCO2/{carrier.unit}",
                "source": source,
            }
        )
    return rows


def report_sheets(data: dict[str, Any], *, emission_factors: list[dict[str, Any]] | None = None) -> list[Sheet]:
    """All sheets of the report in order; the one source for report.xlsx and report.pdf.

    The emission factors come from ``results.emission_factors`` when data.json carries them, else
    from ``emission_factors`` (see :func:`emission_factor_rows`); the sheet names their version.
    """
    sheets: list[Sheet | None] = [
        basic_info(data),
        consumption(data),
        data_centre(data),
        indicators(data),
        ledger(data),
        meter_list(data),
        findings(data),
        carbon(data, emission_factors),
        waste(data),
        work_plan(data),
    ]
    return [s for s in sheets if s is not None]


def packet_sheets(data: dict[str, Any]) -> list[Sheet]:
    """:func:`report_sheets` with the emission factors of the reference files in use when data.json has none."""
    from gxjn_desktop.services.reference_data import load_reference

    factors = None
    if not _list(_d(data, "results", "emission_factors")):
        year, _ = _months(data)
        ref = load_reference()
        used = _d(data, "reference_versions", "emission_factors")
        if used in (None, ref.emission_version):
            factors = emission_factor_rows(ref, year)
        else:  # a kept packet written again after the reference files changed: never show other factors
            note = f"本报表包按排放因子 {used} 计算；本机参考文件已是 {ref.emission_version}，因子明细见当时的参考文件"
            factors = [{"carrier_label": NONE_TEXT, "factor": None, "unit": NONE_TEXT, "source": note}]
    return report_sheets(data, emission_factors=factors)
