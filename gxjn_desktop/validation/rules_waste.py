"""Garbage sorting and canteen food waste (anchors.md §9.7, domain.md §5)."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.numbers import PERCENT_PLACES, format_fixed, plain
from gxjn_desktop.domain.periods import previous_month
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location

HUNDRED = Decimal(100)
GRAMS_PER_KG = Decimal(1000)


@rule("GARBAGE-SUM", "垃圾分类四类重量之和与填报的总量不符（超过容差）")
def garbage_sum(ctx: RuleContext) -> list[Finding]:
    tolerance = ctx.threshold("GARBAGE-SUM", "tolerance_kg")
    out = []
    for m in ctx.period.months:
        g = ctx.ledger.garbage_month(ctx.period.year, m)
        if g is None or g.reported_total_kg is None or not g.kg:
            continue
        total = g.categories_total_kg
        if abs(total - g.reported_total_kg) <= tolerance:
            continue
        parts = "、".join(f"{c.label} {plain(v)}" for c, v in g.kg.items())
        out.append(
            ctx.finding(
                "GARBAGE-SUM",
                Location.of_garbage(ctx.period.year, m, "reported_total_kg"),
                f"{ctx.period.year} 年 {m} 月垃圾分类各类之和 {plain(total)} kg（{parts}）"
                f"与填报总量 {plain(g.reported_total_kg)} kg 相差 {plain(abs(total - g.reported_total_kg))} kg，"
                f"超过容差 {plain(tolerance)} kg",
                "请核对各类垃圾的称重记录和总量，使四类之和等于总量",
                (plain(total), plain(g.reported_total_kg)),
            )
        )
    return out


@rule("GARBAGE-ESTIMATE", "按容器估算的垃圾：容器容积须大于 0，清运次数不为负，装满程度在 0–100% 之间")
def garbage_estimate(ctx: RuleContext) -> list[Finding]:
    out = []
    for m in ctx.period.months:
        g = ctx.ledger.garbage_month(ctx.period.year, m)
        if g is None:
            continue
        for category, e in g.estimated.items():
            problems: list[tuple[str, str, str]] = []
            if e.container_litres <= 0:
                problems.append(("container_litres", f"容器容积 {plain(e.container_litres)} L", "须大于 0"))
            if e.times_emptied < 0:
                problems.append(("times_emptied", f"清运次数 {e.times_emptied}", "不能为负数"))
            if not Decimal(0) <= e.fill_pct <= HUNDRED:
                problems.append(("fill_pct", f"装满程度 {plain(e.fill_pct)}%", "须在 0–100% 之间"))
            for fld, what, rule_text in problems:
                out.append(
                    ctx.finding(
                        "GARBAGE-ESTIMATE",
                        Location.of_garbage(ctx.period.year, m, f"{category.value}.{fld}"),
                        f"{ctx.period.year} 年 {m} 月{category.label}的估算参数不合理：{what}，{rule_text}",
                        "请按实际容器规格（升）、当月清运次数和平均装满程度（百分数）填写",
                        (plain(e.container_litres), e.times_emptied, plain(e.fill_pct)),
                    )
                )
    return out


def _grams_per_diner(ctx: RuleContext, year: int, month: int) -> Decimal | None:
    c = ctx.ledger.canteen_month(year, month)
    if c is None or c.food_waste_kg is None or not c.diners or c.diners <= 0:
        return None
    return c.food_waste_kg * GRAMS_PER_KG / Decimal(c.diners)


def _median(values: list[Decimal]) -> Decimal:
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


@rule(
    "CANTEEN-WASTE-BAND",
    "人均餐厨垃圾（克/人次）偏离截至当月的近 window_months 个月中位数超过 ±band_pct（至少 min_points 个月有数）",
)
def canteen_waste_band(ctx: RuleContext) -> list[Finding]:
    band = ctx.threshold("CANTEEN-WASTE-BAND", "band_pct")
    min_points = ctx.threshold("CANTEEN-WASTE-BAND", "min_points")
    window = int(ctx.threshold("CANTEEN-WASTE-BAND", "window_months"))
    out = []
    for m in ctx.period.months:
        now = _grams_per_diner(ctx, ctx.period.year, m)
        if now is None:
            continue
        ym = (ctx.period.year, m)
        values = [now]
        for _ in range(window - 1):
            ym = previous_month(*ym)
            v = _grams_per_diner(ctx, *ym)
            if v is not None:
                values.append(v)
        if len(values) < min_points:
            continue
        median = _median(values)
        if median <= 0 or abs(now - median) <= median * band / HUNDRED:
            continue
        c = ctx.ledger.canteen_month(ctx.period.year, m)
        assert c is not None and c.food_waste_kg is not None and c.diners is not None
        change = (now - median) / median * HUNDRED
        sign = "" if change < 0 else "+"
        out.append(
            ctx.finding(
                "CANTEEN-WASTE-BAND",
                Location.of_canteen(ctx.period.year, m, "food_waste_kg"),
                f"{ctx.period.year} 年 {m} 月人均餐厨垃圾 {format_fixed(now, 1)} 克/人次"
                f"（{plain(c.food_waste_kg)} kg ÷ {c.diners} 人次），比近 {len(values)} 个月中位数 "
                f"{format_fixed(median, 1)} 克/人次变化 {sign}{format_fixed(change, PERCENT_PLACES)}%，超出 ±{plain(band)}%",
                "请核对餐厨垃圾称重记录和就餐人次；数据无误时请说明原因（如节假日、集中清理）",
                (plain(c.food_waste_kg), c.diners, format_fixed(median, 1)),
            )
        )
    return out
