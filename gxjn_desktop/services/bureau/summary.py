"""The 汇总: the region's totals by 行政区划 (county → city → region) or by 机构类型 (分类汇总).

One computation feeds the command line, the workbook and the window. SQL picks the current packet
of every unit for the period; pandas groups the rows, adding :class:`~decimal.Decimal` objects so
every total is exact on either engine. A missing figure is never added as zero: each total says how
many units it covers, and an indicator of a group is the ratio of its sums (Σ energy / Σ people)
over the units that report both, never an average of the units' ratios.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pandas as pd

from gxjn_desktop.domain.bureau import TYPE_COLUMNS, period_name, region_levels, type_columns_of
from gxjn_desktop.domain.carriers import CARRIER_ORDER
from gxjn_desktop.domain.numbers import INDICATOR_PLACES, MONEY_PLACES, QUANTITY_PLACES, TCE_PLACES, format_fixed
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.reference import county_name, region_name
from gxjn_desktop.services.bureau.store import BureauStore, transaction

# Figures added up, with the places they are shown with (cli.md §Figures).
FIGURES: dict[str, int | None] = {
    "people": None,
    "area_m2": QUANTITY_PLACES,
    "comprehensive_energy_tce": TCE_PLACES,
    "building_energy_tce": TCE_PLACES,
    "co2_t": TCE_PLACES,
    "water_m3": QUANTITY_PLACES,
    "cost_yuan": MONEY_PLACES,
}
FIGURE_LABELS = {
    "people": "用能人数（人）",
    "area_m2": "建筑面积（m²）",
    "comprehensive_energy_tce": "综合能耗（tce）",
    "building_energy_tce": "其中不含公务车辆（tce）",
    "co2_t": "二氧化碳排放（tCO2）",
    "water_m3": "用水量（m³）",
    "cost_yuan": "能源资源费用（元）",
}
# Region-wide indicators: (key, label, unit, numerator, denominator, scale).
INDICATORS: tuple[tuple[str, str, str, str, str, int], ...] = (
    ("energy_per_capita_kgce", "人均综合能耗", "kgce/人", "comprehensive_energy_tce", "people", 1000),
    ("energy_per_area_kgce_m2", "单位建筑面积能耗", "kgce/m²", "comprehensive_energy_tce", "area_m2", 1000),
    ("water_per_capita_m3", "人均用水量", "m³/人", "water_m3", "people", 1),
    ("co2_per_area_kgco2_m2", "单位建筑面积碳排放", "kgCO2/m²", "co2_t", "area_m2", 1000),
)
CARRIER_PARTS = ("quantity", "cost_yuan", "tce")
BY_REGION = "region"
BY_TYPE = "type"


@dataclass(frozen=True)
class Total:
    """A sum and how many units it covers (``value`` is ``None`` when none reported it)."""

    value: Decimal | None
    units: int


@dataclass(frozen=True)
class CarrierTotal:
    code: str
    label: str
    unit: str
    part_of: str | None
    quantity: Total
    cost_yuan: Total
    tce: Total


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    level: str  # region / city / county / type
    units: int
    figures: dict[str, Total]
    indicators: dict[str, Total]
    carriers: list[CarrierTotal] = field(default_factory=list)


@dataclass(frozen=True)
class Summary:
    year: int
    period: str
    by: str
    groups: list[Group]
    total: Group
    units: list[dict[str, Any]]  # the rows the groups were made from, one per unit


def _pairs(row: Mapping[str, Any]) -> dict[str, Any]:
    """Numerator and denominator of each indicator, kept only where the unit has both."""
    out: dict[str, Any] = {}
    for key, _label, _unit, num, den, _scale in INDICATORS:
        n, d = row.get(num), row.get(den)
        both = n is not None and d is not None and d > 0
        out[f"{key}__num"] = Decimal(n) if both and n is not None else None
        out[f"{key}__den"] = Decimal(d) if both and d is not None else None
    return out


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    cols = ["uscc", "admin_code", "institution_type", *FIGURES]
    pairs = [f"{k}__{p}" for k, *_ in INDICATORS for p in ("num", "den")]
    if not rows:
        return pd.DataFrame(columns=[*cols, *pairs], dtype=object)
    return pd.DataFrame([{**r, **_pairs(r)} for r in rows], dtype=object)


def _aggregate(frame: pd.DataFrame, key: str) -> dict[str, dict[str, Any]]:
    """Per value of ``key``: unit count, and for every summed column its sum and count (exact)."""
    if frame.empty:
        return {}
    value_cols = [c for c in frame.columns if c not in ("uscc", "admin_code", "institution_type", "name", key)]
    value_cols = [c for c in value_cols if c in FIGURES or "__" in c]
    grouped = frame.groupby(key, sort=True)
    sums = grouped[value_cols].sum(min_count=1)
    counts = grouped[value_cols].count()
    sizes = grouped.size()
    out: dict[str, dict[str, Any]] = {}
    for k in sizes.index:
        entry: dict[str, Any] = {"units": int(sizes[k])}
        for c in value_cols:
            v = sums.at[k, c]
            entry[c] = Total(None if v is None or pd.isna(v) else Decimal(v), int(counts.at[k, c]))
        out[str(k)] = entry
    return out


def _carrier_aggregate(carriers: pd.DataFrame, key: str) -> dict[str, list[CarrierTotal]]:
    if carriers.empty:
        return {}
    grouped = carriers.groupby([key, "code"], sort=False)
    sums = grouped[list(CARRIER_PARTS)].sum(min_count=1)
    counts = grouped[list(CARRIER_PARTS)].count()
    first = grouped[["label", "unit", "part_of", "order"]].first()
    out: dict[str, list[CarrierTotal]] = {}
    for k, code in sorted(first.index, key=lambda i: (str(i[0]), first.at[i, "order"])):
        parts = {
            p: Total(
                None if pd.isna(sums.at[(k, code), p]) else Decimal(sums.at[(k, code), p]), int(counts.at[(k, code), p])
            )
            for p in CARRIER_PARTS
        }
        f = first.loc[(k, code)]
        part_of = None if f["part_of"] is None or pd.isna(f["part_of"]) else str(f["part_of"])
        out.setdefault(str(k), []).append(
            CarrierTotal(
                str(code), str(f["label"]), str(f["unit"]), part_of, parts["quantity"], parts["cost_yuan"], parts["tce"]
            )
        )
    return out


def _group(key: str, label: str, level: str, agg: Mapping[str, Any] | None, carriers: list[CarrierTotal]) -> Group:
    if agg is None:
        empty = Total(None, 0)
        return Group(key, label, level, 0, dict.fromkeys(FIGURES, empty), {k: empty for k, *_ in INDICATORS}, [])
    figures = {name: agg[name] for name in FIGURES}
    indicators: dict[str, Total] = {}
    for k, _label, _unit, _num, _den, scale in INDICATORS:
        num, den = agg[f"{k}__num"], agg[f"{k}__den"]
        value = None if num.value is None or not den.value else num.value * scale / den.value
        indicators[k] = Total(value, num.units)
    return Group(key, label, level, agg["units"], figures, indicators, carriers)


_RANK = {c.value: i for i, c in enumerate(CARRIER_ORDER)}


def _carrier_rank(code: str) -> tuple[int, str]:
    """Carriers in the form's order (a code the program does not know comes after, by code),
    whatever order the database returns the rows in: the same table on every engine."""
    return _RANK.get(code, len(_RANK)), code


def compute_summary(
    rows: list[dict[str, Any]],
    carrier_rows: Iterable[dict[str, Any]],
    *,
    year: int,
    period: str,
    by: str,
    region_sums: Mapping[str, dict[str, dict[str, Any]]] | None = None,
) -> Summary:
    """The summary of these unit rows (as :meth:`BureauRepo.current_facts` gives them).

    ``region_sums``: the 行政区域 subtotals already made by the database (:func:`region_sums_of`);
    without them pandas groups the rows. Either way the same exact numbers."""
    frame = _frame(rows)
    unit_keys = {r["uscc"]: r for r in rows}
    crows = [
        {
            **c,
            "order": _carrier_rank(c["code"]),
            "admin_code": unit_keys[c["uscc"]]["admin_code"],
            "institution_type": unit_keys[c["uscc"]]["institution_type"],
        }
        for c in carrier_rows
        if c["uscc"] in unit_keys
    ]
    carriers = pd.DataFrame(crows, dtype=object) if crows else pd.DataFrame()
    groups: list[Group] = []
    if by == BY_TYPE:
        if not frame.empty:
            frame = frame.assign(column=frame["institution_type"].map(type_columns_of)).explode("column")
        if not carriers.empty:
            carriers = carriers.assign(column=carriers["institution_type"].map(type_columns_of)).explode("column")
        aggs = _aggregate(frame, "column")
        caggs = _carrier_aggregate(carriers, "column")
        groups = [_group(k, label, "type", aggs.get(k), caggs.get(k, [])) for k, label, _m in TYPE_COLUMNS]
        total = groups[0]
    elif by == BY_REGION:
        levels = {
            "region": lambda c: region_levels(c)[0],
            "city": lambda c: region_levels(c)[1],
            "county": lambda c: c,
        }
        aggs_by: dict[str, dict[str, dict[str, Any]]] = {}
        caggs_by: dict[str, dict[str, list[CarrierTotal]]] = {}
        for level, fn in levels.items():
            c = carriers.assign(level_key=carriers["admin_code"].map(fn)) if not carriers.empty else carriers
            caggs_by[level] = _carrier_aggregate(c, "level_key")
            if region_sums is None:
                f = frame.assign(level_key=frame["admin_code"].map(fn)) if not frame.empty else frame
                aggs_by[level] = _aggregate(f, "level_key")
            else:
                aggs_by[level] = region_sums.get(level, {})
        for region in sorted(aggs_by["region"]):
            groups.append(
                _group(
                    region,
                    region_name(region) or region,
                    "region",
                    aggs_by["region"][region],
                    caggs_by["region"].get(region, []),
                )
            )
            cities = sorted(k for k in aggs_by["city"] if k[:2] == region[:2] and k != region)
            if region in aggs_by["county"]:
                groups.append(
                    _group(region, "区直", "county", aggs_by["county"][region], caggs_by["county"].get(region, []))
                )
            for city in cities:
                city_label = region_name(city) or city
                groups.append(_group(city, city_label, "city", aggs_by["city"][city], caggs_by["city"].get(city, [])))
                for county in sorted(k for k in aggs_by["county"] if k[:4] == city[:4]):
                    label = f"{city_label}本级" if county == city else county_name(county) or county
                    groups.append(
                        _group(county, label, "county", aggs_by["county"][county], caggs_by["county"].get(county, []))
                    )
        if region_sums is None:
            everything = _aggregate(frame.assign(all="*"), "all") if not frame.empty else {}
        else:
            everything = region_sums.get("total", {})
        call = _carrier_aggregate(carriers.assign(all="*"), "all") if not carriers.empty else {}
        total = _group("*", "合计", "total", everything.get("*"), call.get("*", []))
    else:
        raise UserError(f"未知的汇总方式“{by}”", "--by 只能是 region（按行政区域）或 type（按机构类型）")
    return Summary(year, period, by, groups, total, rows)


def parse_period(year: int, code: str) -> str:
    from gxjn_desktop.domain.periods import Period

    if not 1900 <= year <= 2999:
        raise UserError(f"年度 {year} 不合理", "请输入四位年份，如 2025")
    return period_name(year, Period.parse(year, code).code)


def region_sums_of(rollup: list[dict[str, Any]]) -> dict[str, dict[str, dict[str, Any]]]:
    """The database's GROUPING SETS rows in the shape :func:`_aggregate` gives, by level and key."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    columns = [*FIGURES, *(f"{k}__{part}" for k, *_ in INDICATORS for part in ("num", "den"))]
    for row in rollup:
        entry: dict[str, Any] = {"units": int(row["units"])}
        for c in columns:
            value = row[f"{c}__sum"]
            entry[c] = Total(None if value is None else Decimal(value), int(row[f"{c}__n"]))
        out.setdefault(row["level"], {})[row["key"]] = entry
    return out


def load_summary(store: BureauStore, year: int, period_code: str = "Y", by: str = BY_REGION) -> Summary:
    """The summary of a period; on PostgreSQL the 行政区域 subtotals come from its GROUPING SETS."""
    period = parse_period(year, period_code)
    with transaction(store) as repo:
        rows = repo.current_facts(period)
        carriers = repo.current_carriers(period)
        pairs = [(k, num, den) for k, _l, _u, num, den, _s in INDICATORS]
        rollup = repo.region_rollup(period, pairs) if by == BY_REGION else None
    sums = None if rollup is None else region_sums_of(rollup)
    return compute_summary(rows, carriers, year=year, period=period, by=by, region_sums=sums)


def _fmt(name: str, t: Total) -> dict[str, Any]:
    places = FIGURES.get(name)
    if t.value is None:
        text = None
    elif places is None:
        text = f"{t.value:f}" if name != "people" else int(t.value)
    else:
        text = format_fixed(t.value, places)
    return {"value": text, "units": t.units}


def group_json(g: Group) -> dict[str, Any]:
    return {
        "key": g.key,
        "label": g.label,
        "level": g.level,
        "units": g.units,
        **{name: _fmt(name, t) for name, t in g.figures.items()},
        "indicators": {
            k: {
                "label": label,
                "unit": unit,
                "value": format_fixed(g.indicators[k].value, INDICATOR_PLACES),
                "units": g.indicators[k].units,
            }
            for k, label, unit, *_ in INDICATORS
        },
        "carriers": [
            {
                "code": c.code,
                "label": c.label,
                "unit": c.unit,
                **({"of": c.part_of} if c.part_of else {}),
                "quantity": format_fixed(c.quantity.value, QUANTITY_PLACES),
                "cost_yuan": format_fixed(c.cost_yuan.value, MONEY_PLACES),
                "tce": format_fixed(c.tce.value, TCE_PLACES),
                "units": c.quantity.units,
            }
            for c in g.carriers
        ],
    }


def summary_json(s: Summary) -> dict[str, Any]:
    return {
        "year": s.year,
        "period": s.period,
        "by": s.by,
        "units": len(s.units),
        "groups": [group_json(g) for g in s.groups],
        "total": group_json(s.total),
    }
