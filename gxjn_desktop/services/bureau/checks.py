"""The bureau's own checks across units (thresholds and their sources in bureau.json):
用能人数 / 建筑面积 moved against last year's packet, unit prices far from the region's median per
carrier, and indicators far outside the distribution of units of the same 机构类型. Each flag carries
the unit's own explanation when its packet gave one for the matching rule."""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.numbers import PERCENT_PLACES, format_fixed
from gxjn_desktop.services.bureau.reference import bureau_reference
from gxjn_desktop.services.bureau.store import BureauStore, transaction
from gxjn_desktop.services.bureau.summary import INDICATORS, parse_period


def _explanation(data: dict[str, Any] | None, rules: list[str]) -> str:
    if not data:
        return ""
    findings = ((data.get("results") or {}).get("check") or {}).get("findings") or []
    texts = [
        f"{f['explanation'].get('cause', '')}：{f['explanation'].get('text', '')}"
        for f in findings
        if isinstance(f, dict) and f.get("rule") in rules and f.get("explanation")
    ]
    return "；".join(dict.fromkeys(texts))


def _pct(new: Decimal, old: Decimal) -> Decimal:
    return (new - old) * 100 / old


def cross_unit_flags(store: BureauStore, year: int, period: str = "Y") -> list[dict[str, Any]]:
    conf = bureau_reference()["checks"]
    name = parse_period(year, period)
    previous = parse_period(year - 1, period) if year > 2000 else None
    with transaction(store) as repo:
        rows = repo.current_facts(name)
        before = {r["uscc"]: r for r in repo.current_facts(previous)} if previous else {}
        carriers = repo.current_carriers(name)
        datas = {r["uscc"]: repo.accepted_data_of(r["uscc"], name) for r in rows}
    data = {k: json.loads(v) if v else None for k, v in datas.items()}
    flags: list[dict[str, Any]] = []

    def flag(check: str, r: dict[str, Any], message: str) -> None:
        c = conf[check]
        flags.append(
            {
                "check": check,
                "title": c["title"],
                "uscc": r["uscc"],
                "name": r["name"],
                "message": message,
                "explanation": _explanation(data.get(r["uscc"]), c.get("unit_rules", [])),
            }
        )

    limit = Decimal(conf["PROFILE-MOVED"]["threshold_pct"])
    for r in rows:
        old = before.get(r["uscc"])
        if old is None:
            continue
        for field, label in (("people", "用能人数"), ("area_m2", "建筑面积")):
            new_v, old_v = r[field], old[field]
            if new_v is None or old_v is None or not old_v:
                continue
            change = _pct(Decimal(new_v), Decimal(old_v))
            if abs(change) > limit:
                flag("PROFILE-MOVED", r, f"{label}由 {old_v} 变为 {new_v}（{format_fixed(change, PERCENT_PLACES)}%）")

    price = conf["PRICE-FAR-FROM-MEDIAN"]
    low, high, min_units = Decimal(price["low_ratio"]), Decimal(price["high_ratio"]), int(price["min_units"])
    by_unit = {r["uscc"]: r for r in rows}
    prices: dict[str, list[tuple[str, Decimal, str, str]]] = defaultdict(list)
    for c in carriers:
        if c["part_of"] or not c["quantity"] or not c["cost_yuan"] or c["quantity"] <= 0 or c["cost_yuan"] <= 0:
            continue
        prices[c["code"]].append((c["uscc"], Decimal(c["cost_yuan"]) / Decimal(c["quantity"]), c["label"], c["unit"]))
    for values in prices.values():
        if len(values) < min_units:
            continue
        median = statistics.median(v for _u, v, _l, _n in values)
        for uscc, v, label, unit in values:
            if v < median * low or v > median * high:
                flag(
                    "PRICE-FAR-FROM-MEDIAN",
                    by_unit[uscc],
                    f"{label}单价 {v:.2f} 元/{unit}，本地区中位数 {median:.2f} 元/{unit}",
                )

    out = conf["INDICATOR-OUTLIER"]
    factor, min_units = Decimal(out["iqr_factor"]), int(out["min_units"])
    for key, label, unit, *_ in INDICATORS:
        groups: dict[str, list[tuple[str, Decimal]]] = defaultdict(list)
        for uscc, d in data.items():
            value = (((d or {}).get("results") or {}).get("indicators") or {}).get("indicators", {}).get(key, {})
            if value.get("value") is not None:
                groups[by_unit[uscc]["institution_type"]].append((uscc, Decimal(value["value"])))
        for members in groups.values():
            if len(members) < min_units:
                continue
            q1, _q2, q3 = statistics.quantiles([v for _u, v in members], n=4, method="inclusive")
            lo, hi = q1 - factor * (q3 - q1), q3 + factor * (q3 - q1)
            for uscc, v in members:
                if v < lo or v > hi:
                    flag(
                        "INDICATOR-OUTLIER",
                        by_unit[uscc],
                        f"{label} {v} {unit}，同类单位四分位区间 {q1:.4f}—{q3:.4f}",
                    )
    return flags
