"""Cost and unit price (anchors.md §9.6): 单价审核 against the bureau's reference prices."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.numbers import format_fixed, plain
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location
from gxjn_desktop.validation.scope import meter_months, use_of

PRICE_PLACES = 4


@rule(
    "PRICE-BAND",
    "单价（金额 ÷ 用量）超出参考价格的 [low_factor, high_factor] 倍区间（有参考价的品种；分表不计金额，不查）",
    per_meter=True,
)
def price_band(ctx: RuleContext) -> list[Finding]:
    low_default = ctx.threshold("PRICE-BAND", "low_factor")
    high_default = ctx.threshold("PRICE-BAND", "high_factor")
    out = []
    for meter, m in meter_months(ctx, include_submeters=False):
        ref = ctx.config.reference_prices.get(meter.carrier.value)
        if ref is None or "price" not in ref:
            continue
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None or not rec.cost_fen or rec.cost_fen < 0:
            continue  # no cost: COST-QUANTITY-PAIR / VALUE-NEGATIVE say so where it matters
        quantity = use_of(ctx, meter, ctx.period.year, m).quantity
        if quantity is None or quantity <= 0:
            continue
        # A carrier's entry may set its own band ("low_factor"/"high_factor" beside "price").
        price = ref["price"]
        low = price * ref.get("low_factor", low_default)
        high = price * ref.get("high_factor", high_default)
        cost = Decimal(rec.cost_fen) / 100
        unit_price = cost / quantity
        if low <= unit_price <= high:
            continue
        unit = f"元/{meter.unit}"
        out.append(
            ctx.finding(
                "PRICE-BAND",
                Location.of_meter(meter.code, ctx.period.year, m, "cost"),
                f"{meter.name}（{meter.code}）{ctx.period.year} 年 {m} 月单价 {format_fixed(unit_price, PRICE_PLACES)} {unit}"
                f"（金额 {format_fixed(cost, 2)} 元 ÷ 用量 {plain(quantity)} {meter.unit}），"
                f"超出参考价 {plain(price)} {unit} 的合理区间 {plain(low)}–{plain(high)} {unit}",
                "请核对金额是否以“元”填写（不是万元或分）、用量的单位和倍率是否正确；单价确实特殊时请说明原因",
                (str(rec.cost_fen), plain(quantity)),
            )
        )
    return out
