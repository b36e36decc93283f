"""Plausibility against the meter's own history (anchors.md §9.4).

Every rule judges a meter's use in a month of the period against months *before* it, never
after: a finding, and so its explanation, does not change when later months are entered. Months
whose use is unknown (a problem such as a missing record or an unconfirmed decrease) are skipped
both as the judged month and as history; the entry rules already report them. Sub-meters are
judged like any meter (a data-centre room's own history is meaningful).

Comparisons of amounts use the use per calendar day, so that February is not "too low" against
January; SAME-VALUE-3 compares the monthly figures themselves (a copied bill repeats them).

Carriers bought in batches (rules.json ``batch_delivered``: 液化石油气, 煤炭, generator 柴油) record
purchases, not monthly use: the month-against-month rules leave them out (their annual total is
judged by YOY-CARRIER). USE-DIGIT-SLIP judges every meter: a tenfold slip is one whatever the carrier.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache, lru_cache

from gxjn_desktop.domain.meters import Meter, MeterKind, month_end
from gxjn_desktop.domain.numbers import PERCENT_PLACES, QUANTITY_PLACES, format_fixed, plain
from gxjn_desktop.domain.periods import previous_month
from gxjn_desktop.domain.records import Source
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location
from gxjn_desktop.validation.scope import meter_months, mkey, use_of

HUNDRED = Decimal(100)
Month = tuple[int, int]


def _label(meter: Meter) -> str:
    return f"{meter.name}（{meter.code}）"


def _field(meter: Meter) -> str:
    return "reading" if meter.kind is MeterKind.REGISTER else "quantity"


def _ym(year: int, month: int) -> str:
    return f"{year} 年 {month} 月"


@cache
def _days(year: int, month: int) -> Decimal:
    return Decimal(month_end(year, month).day)


def _pct(value: Decimal) -> str:
    return format_fixed(value, PERCENT_PLACES) or ""


def _q(value: Decimal) -> str:
    return format_fixed(value, QUANTITY_PLACES) or ""


def _signed(value: Decimal) -> str:
    text = _pct(value)
    return text if text.startswith("-") else f"+{text}"


def known_uses(ctx: RuleContext, meter: Meter) -> dict[Month, Decimal]:
    """The meter's known monthly uses (months with a record only), in month order.

    Every rule reads only months up to the one it judges, so the whole history is kept once per
    meter in the ledger snapshot and survives edits of other meters.
    """

    def compute() -> dict[Month, Decimal]:
        out: dict[Month, Decimal] = {}
        for rec in ctx.ledger.records_of(meter.code):
            q = use_of(ctx, meter, rec.year, rec.month).quantity
            if q is not None:
                out[(rec.year, rec.month)] = q
        return out

    return ctx.ledger.meter_cached(meter.code, "known_uses", compute)


def daily_uses(ctx: RuleContext, meter: Meter) -> dict[Month, Decimal]:
    """The meter's known uses per calendar day, by month (kept like :func:`known_uses`)."""
    uses = known_uses(ctx, meter)
    return ctx.ledger.meter_cached(meter.code, "daily_uses", lambda: {ym: q / _days(*ym) for ym, q in uses.items()})


@lru_cache(maxsize=8192)
def _months_back(ym: Month, n: int) -> tuple[Month, ...]:
    """The ``n`` months before ``ym``, nearest first."""
    out = []
    for _ in range(n):
        ym = previous_month(*ym)
        out.append(ym)
    return tuple(out)


def _window(ctx: RuleContext, meter: Meter, ym: Month, n: int) -> list[Decimal]:
    """The known daily uses of the ``n`` months before ``ym``, nearest first.

    Depends only on months before ``ym``, so it is kept per meter-month across edits of later
    months and of other meters.
    """

    def compute() -> list[Decimal]:
        daily = daily_uses(ctx, meter)
        return [d for d in (daily.get(x) for x in _months_back(ym, n)) if d is not None]

    return ctx.ledger.meter_month_cached(meter.code, *ym, ("window", n), compute)


def _judged(ctx: RuleContext, *, batch: bool = False) -> list[tuple[Meter, int, dict[Month, Decimal]]]:
    """The (meter, month) pairs of the period whose use is known, with the meter's known uses.

    Batch-delivered meters only when ``batch``: month against month says nothing about them.
    """

    def compute() -> list[tuple[Meter, int, dict[Month, Decimal]]]:
        out = []
        for meter, m in meter_months(ctx):
            if not batch and ctx.config.is_batch_delivered(meter):
                continue
            uses = known_uses(ctx, meter)
            if (ctx.period.year, m) in uses:
                out.append((meter, m, uses))
        return out

    return ctx.cached(("judged", batch), compute)  # six rules walk the same pairs


@rule(
    "SAME-VALUE-3", "同一计量器具连续三个月用量相同（差异在容差内且大于 0），可能是未标注的估算或照抄", per_meter=True
)
def same_value_3(ctx: RuleContext) -> list[Finding]:
    tolerance = ctx.threshold("SAME-VALUE-3", "tolerance_pct")
    out = []
    for meter, m, uses in _judged(ctx):
        ym = (ctx.period.year, m)
        months = [ym, *_months_back(ym, 2)]
        values = [uses.get(x) for x in months]
        if any(v is None or v <= 0 for v in values):
            continue
        vs = [v for v in values if v is not None]
        if max(vs) - min(vs) > max(vs) * tolerance / HUNDRED:
            continue
        listed = "、".join(f"{x[1]} 月 {plain(v)}" for x, v in zip(reversed(months), reversed(vs), strict=True))
        out.append(
            ctx.finding(
                "SAME-VALUE-3",
                Location.of_meter(meter.code, *ym, _field(meter)),
                f"{_label(meter)}连续三个月用量相同（{listed} {meter.unit}），差异不超过 {plain(tolerance)}%",
                "请核对是否按实际抄表或账单填写；如为估算，请把来源改为“估算”并在说明中写明估算方法",
                tuple(plain(v) for v in vs),
            )
        )
    return out


@rule("ESTIMATE-CONSECUTIVE", "连续估算的月份数超过上限（来源为“估算”的记录连续出现）", per_meter=True)
def estimate_consecutive(ctx: RuleContext) -> list[Finding]:
    limit = ctx.threshold("ESTIMATE-CONSECUTIVE", "max_in_row")
    out = []
    for meter, m in meter_months(ctx):
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None or rec.source is not Source.ESTIMATE:
            continue
        run = 1
        first = (ctx.period.year, m)
        while True:
            prev = ctx.ledger.record(meter.code, *previous_month(*first))
            if prev is None or prev.source is not Source.ESTIMATE:
                break
            run += 1
            first = (prev.year, prev.month)
        if run <= limit:
            continue
        out.append(
            ctx.finding(
                "ESTIMATE-CONSECUTIVE",
                Location.of_meter(meter.code, ctx.period.year, m, "source"),
                f"{_label(meter)}自 {_ym(*first)}起已连续 {run} 个月为估算数据，超过上限 {plain(limit)} 个月",
                "请尽快按实际抄表或账单补录；无法抄表时请在说明中写明原因和估算方法",
                (run, mkey(*first)),
            )
        )
    return out


def _band_finding(
    ctx: RuleContext,
    rule_id: str,
    meter: Meter,
    ym: Month,
    now: Decimal,
    base: Decimal,
    base_label: str,
    uses: dict[Month, Decimal],
) -> Finding | None:
    """A finding when the daily use ``now`` is above ``base`` by more than above_pct or below by below_pct."""
    if base <= 0:
        return None
    above = ctx.threshold(rule_id, "above_pct")
    below = ctx.threshold(rule_id, "below_pct")
    change = (now - base) / base * HUNDRED
    if change > above:
        limit = f"+{plain(above)}%"
    elif change < -below:
        limit = f"-{plain(below)}%"
    else:
        return None
    quantity = uses[ym]
    return ctx.finding(
        rule_id,
        Location.of_meter(meter.code, *ym, _field(meter)),
        f"{_label(meter)}{_ym(*ym)}用量 {plain(quantity)} {meter.unit}（日均 {_q(now)} {meter.unit}），"
        f"比{base_label}日均 {_q(base)} {meter.unit} 变化 {_signed(change)}%，超出 {limit}",
        "请核对示数、倍率和账单；数据无误时请说明原因（如气候异常、设备检修、人员或面积变化）",
        (plain(quantity), _q(base)),
    )


@rule("USE-VS-PREV2", "日均用量与前两个月日均用量的平均值相比，高出或低于阈值", per_meter=True)
def use_vs_prev2(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m, uses in _judged(ctx):
        ym = (ctx.period.year, m)
        daily = daily_uses(ctx, meter)
        before = [daily.get(x) for x in _months_back(ym, 2)]
        now = daily.get(ym)
        if now is None or any(b is None for b in before):
            continue
        base = sum((b for b in before if b is not None), Decimal(0)) / 2
        f = _band_finding(ctx, "USE-VS-PREV2", meter, ym, now, base, "前两个月", uses)
        if f is not None:
            out.append(f)
    return out


@rule("USE-VS-LAST-YEAR", "日均用量与上年同月相比，高出或低于阈值", per_meter=True)
def use_vs_last_year(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m, uses in _judged(ctx):
        ym = (ctx.period.year, m)
        daily = daily_uses(ctx, meter)
        now = daily.get(ym)
        base = daily.get((ctx.period.year - 1, m))
        if now is None or base is None:
            continue
        f = _band_finding(
            ctx, "USE-VS-LAST-YEAR", meter, ym, now, base, f"上年同月（{ctx.period.year - 1} 年 {m} 月）", uses
        )
        if f is not None:
            out.append(f)
    return out


@rule(
    "USE-OUTSIDE-12M",
    "日均用量高于前 12 个月的最大值或低于其最小值，超过阈值（前 12 个月至少 min_points 个月有数）",
    per_meter=True,
)
def use_outside_12m(ctx: RuleContext) -> list[Finding]:
    above = ctx.threshold("USE-OUTSIDE-12M", "above_pct")
    below = ctx.threshold("USE-OUTSIDE-12M", "below_pct")
    min_points = ctx.threshold("USE-OUTSIDE-12M", "min_points")
    window = int(ctx.threshold("USE-OUTSIDE-12M", "window_months"))
    out = []
    for meter, m, uses in _judged(ctx):
        ym = (ctx.period.year, m)
        now = daily_uses(ctx, meter).get(ym)
        history = _window(ctx, meter, ym, window)
        if now is None or len(history) < min_points:
            continue
        top, bottom = max(history), min(history)
        if now > top * (1 + above / HUNDRED):
            base, what, limit = top, "最大值", f"高出 {plain(above)}%"
        elif now < bottom * (1 - below / HUNDRED):
            base, what, limit = bottom, "最小值", f"低于 {plain(below)}%"
        else:
            continue
        if base <= 0:
            continue
        change = (now - base) / base * HUNDRED
        quantity = uses[ym]
        out.append(
            ctx.finding(
                "USE-OUTSIDE-12M",
                Location.of_meter(meter.code, *ym, _field(meter)),
                f"{_label(meter)}{_ym(*ym)}用量 {plain(quantity)} {meter.unit}（日均 {_q(now)} {meter.unit}），"
                f"比前 12 个月日均{what} {_q(base)} {meter.unit} 变化 {_signed(change)}%，{limit}以上",
                "请核对示数、倍率和账单；数据无误时请说明原因（如新增设备、长期停用、气候异常）",
                (plain(quantity), _q(base)),
            )
        )
    return out


@rule(
    "USE-DIGIT-SLIP",
    "日均用量超过前 window_months 个月日均最大值的 above_factor 倍，或大于 0 却不到其中最小正值的 1/below_factor"
    "（前 window_months 个月至少 min_points 个月有数）：疑似多输或少输一位，改正后才能导出",
    per_meter=True,
)
def use_digit_slip(ctx: RuleContext) -> list[Finding]:
    above = ctx.threshold("USE-DIGIT-SLIP", "above_factor")
    below = ctx.threshold("USE-DIGIT-SLIP", "below_factor")
    min_points = ctx.threshold("USE-DIGIT-SLIP", "min_points")
    window = int(ctx.threshold("USE-DIGIT-SLIP", "window_months"))
    out = []
    for meter, m, uses in _judged(ctx, batch=True):
        ym = (ctx.period.year, m)
        now = daily_uses(ctx, meter).get(ym)
        history = _window(ctx, meter, ym, window)
        if now is None or len(history) < min_points:
            continue
        top = max(history)
        positive = [h for h in history if h > 0]
        if top > 0 and now > top * above:
            base, what = top, "最大值"
        elif positive and 0 < now < min(positive) / below:
            base, what = min(positive), "最小值"
        else:
            continue
        quantity = uses[ym]
        out.append(
            ctx.finding(
                "USE-DIGIT-SLIP",
                Location.of_meter(meter.code, *ym, _field(meter)),
                f"{_label(meter)}{_ym(*ym)}用量 {plain(quantity)} {meter.unit}（日均 {_q(now)} {meter.unit}）"
                f"是前 {window} 个月日均{what} {_q(base)} {meter.unit} 的 {format_fixed(now / base, 2)} 倍，"
                "疑似多输或少输一位",
                "请对照抄表记录或账单核对本月（和上月）的示数或用量：是否多输或少输了一位、小数点位置是否正确、"
                "倍率是否填错；这是错误，改正后才能导出",
                (plain(quantity), _q(base)),
            )
        )
    return out


def _median(values: list[Decimal]) -> Decimal:
    s = sorted(values)
    n = len(s)
    mid = n // 2
    return s[mid] if n % 2 else (s[mid - 1] + s[mid]) / 2


def _history_spread(ctx: RuleContext, meter: Meter, ym: Month) -> tuple[int, Decimal, Decimal]:
    """(months, median, MAD) of the meter's daily uses before ``ym``; kept until a month up to ``ym`` changes."""

    def compute() -> tuple[int, Decimal, Decimal]:
        history = [d for x, d in daily_uses(ctx, meter).items() if x < ym]
        if not history:
            return 0, Decimal(0), Decimal(0)
        median = _median(history)
        return len(history), median, _median([abs(h - median) for h in history])

    return ctx.ledger.meter_month_cached(meter.code, *ym, "history_spread", compute)


@rule(
    "USE-OUTLIER",
    "日均用量偏离该表此前全部月份的中位数超过 mad_factor 倍中位数绝对偏差（MAD，至少 min_points 个月）",
    per_meter=True,
)
def use_outlier(ctx: RuleContext) -> list[Finding]:
    factor = ctx.threshold("USE-OUTLIER", "mad_factor")
    min_points = ctx.threshold("USE-OUTLIER", "min_points")
    out = []
    for meter, m, uses in _judged(ctx):
        ym = (ctx.period.year, m)
        now = daily_uses(ctx, meter)[ym]
        count, median, mad = _history_spread(ctx, meter, ym)
        if count < min_points:
            continue
        if mad == 0:  # a constant history: any change would be "infinitely" far; other rules judge it
            continue
        distance = abs(now - median) / mad
        if distance <= factor:
            continue
        quantity = uses[ym]
        out.append(
            ctx.finding(
                "USE-OUTLIER",
                Location.of_meter(meter.code, *ym, _field(meter)),
                f"{_label(meter)}{_ym(*ym)}用量 {plain(quantity)} {meter.unit}（日均 {_q(now)} {meter.unit}），"
                f"偏离此前 {count} 个月日均中位数 {_q(median)} {meter.unit} 达 {format_fixed(distance, 1)} 倍"
                f"中位数绝对偏差（即各月与中位数之差的中位数，为 {_q(mad)}），超过 {plain(factor)} 倍",
                "请核对示数是否多输或少输一位、倍率是否正确；数据无误时请说明原因",
                (plain(quantity), _q(median), _q(mad)),
            )
        )
    return out
