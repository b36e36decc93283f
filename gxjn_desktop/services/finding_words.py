"""A finding's period, place and field in words: the review screen, the packet's 说明 sheet and
``gxjn-cli check`` say them the same way."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.indicators import IndicatorKind
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.places import Place
from gxjn_desktop.domain.quotas import QuotaIndicator
from gxjn_desktop.domain.records import CANTEEN_FIELDS, GarbageCategory
from gxjn_desktop.domain.workplan import TASK_FIELDS, TaskKind
from gxjn_desktop.errors import UserError
from gxjn_desktop.validation.findings import Location

#: The words of the fields that are not a canteen field, a garbage category, an indicator or a quota.
FIELD_LABELS: dict[str, str] = {
    "reading": "本期示数",
    "quantity": "用量",
    "reading_date": "抄表日期",
    "cost": "金额",
    "cost_fen": "金额",
    "price": "单价",
    "multiplier": "倍率",
    "source": "来源",
    "note": "备注",
    "use": "本月用量",
    "signatories": "报表签署人",
    "people": "用能人数",
    "building_area_m2": "建筑面积",
    "reported_total_kg": "填报总量",
    "container_litres": "容器容积",
    "times_emptied": "清运次数",
    "fill_pct": "装满程度",
}
PLACE_LABELS: dict[Place, str] = {
    Place.CANTEEN: "食堂",
    Place.GARBAGE: "垃圾分类",
    Place.PROFILE: "单位基本情况",
    Place.INDICATOR: "考核指标",
    Place.QUOTA: "能耗定额",
    Place.TASK: "工作任务",
}


def meter_names(meters: Iterable[Meter]) -> dict[str, str]:
    """Each meter's code → how a finding names it (``E1 主楼电表``)."""
    return {m.code: f"{m.code} {m.name}" for m in meters}


def period_text(loc: Location) -> str:
    """2025年4月 for a month, the period's name (2025年全年, 2025年第2季度 …), 2025年 for a year."""
    if loc.month_number is not None:
        return f"{loc.year}年{loc.month_number}月"
    if loc.period_code is not None:
        try:
            return Period.parse(loc.year, loc.period_code).label
        except (UserError, ValueError):
            return loc.month
    return f"{loc.year}年"


def place_label(loc: Location, names: Mapping[str, str]) -> str:
    """What the filter 项目 calls a finding's owner: a meter, 食堂, 垃圾分类, an energy carrier …"""
    if loc.place is Place.METER:
        return names.get(loc.meter, loc.meter)
    if loc.place is Place.CARRIER:
        return next((c.label for c in Carrier if c.value == loc.code), loc.meter)
    return PLACE_LABELS[loc.place]


def field_label(loc: Location) -> str:
    field = loc.field
    if not field:
        return ""
    if loc.place is Place.CANTEEN:
        for name, label, _unit in CANTEEN_FIELDS:
            if name == field:
                return label.removeprefix("食堂：")
    if loc.place is Place.GARBAGE:
        category, _, sub = field.partition(".")
        for cat in GarbageCategory:
            if cat.value == category:
                return cat.label + (f"·{FIELD_LABELS.get(sub, sub)}" if sub else "")
    if loc.place is Place.INDICATOR:
        for kind in IndicatorKind:
            if kind.value == field:
                return kind.label
    if loc.place is Place.QUOTA:
        for q in QuotaIndicator:
            if q.value == field:
                return q.label
    if loc.place is Place.TASK:
        return _task_field_label(field)
    return FIELD_LABELS.get(field, field)


def _task_field_label(field: str) -> str:
    """``pv#7.meter_code`` → 屋顶光伏·光伏计量表编号."""
    kind_value, _, rest = field.partition("#")
    name = rest.partition(".")[2].partition(".")[0]
    kind = next((k for k in TaskKind if k.value == kind_value), None)
    if kind is None:
        return field
    label = next((f.label for f in TASK_FIELDS[kind] if f.name == name), FIELD_LABELS.get(name, name))
    return f"{kind.label}·{label}" if label else kind.label


def place_text(loc: Location, names: Mapping[str, str]) -> str:
    """The place and the field: ``E1 主楼电表 · 本期示数``, ``单位基本情况 · 报表签署人``."""
    group = place_label(loc, names)
    detail = field_label(loc)
    return f"{group} · {detail}" if detail else group


def location_text(loc: Location, names: Mapping[str, str]) -> str:
    """Period and place in one line: ``2025年4月 · E1 主楼电表 · 本期示数``."""
    return f"{period_text(loc)} · {place_text(loc, names)}"


#: The rules' threshold names (rules.json) in words, for people reading the catalogue.
THRESHOLD_WORDS = {
    "above_factor": "高出倍数",
    "above_pct": "高出阈值（%）",
    "band_pct": "区间（%）",
    "below_factor": "低于倍数",
    "below_pct": "低于阈值（%）",
    "excellent_min": "优秀下限",
    "good_min": "良好下限",
    "high_factor": "上限倍数",
    "limit_pct": "变化阈值（%）",
    "low_factor": "下限倍数",
    "mad_factor": "MAD 倍数",
    "max": "上限",
    "max_in_row": "连续月数上限",
    "max_share_pct": "占比上限（%）",
    "min": "下限",
    "min_points": "最少有数月数",
    "pass_min": "合格下限",
    "tolerance_kg": "容差（kg）",
    "tolerance_pct": "容差（%）",
    "window_months": "比较月数",
}


def threshold_text(thresholds: Mapping[str, str]) -> str:
    """A rule's thresholds in words: 高出阈值（%）20，低于阈值（%）50."""
    return "，".join(f"{THRESHOLD_WORDS.get(name, name)} {value}" for name, value in thresholds.items())


def with_threshold_values(text: str, thresholds: Mapping[str, str]) -> str:
    """A rule's description with each threshold's name replaced by its value (前 12 个月, not window_months)."""
    if not thresholds:
        return text
    names = "|".join(re.escape(name) for name in sorted(thresholds, key=len, reverse=True))
    return re.sub(rf"(?<![A-Za-z_])({names})(?![A-Za-z_])", lambda m: thresholds[m.group(1)], text)
