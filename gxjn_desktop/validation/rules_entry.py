"""Entry-time and register rules: values present, plausible, readings that follow on."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.consumption import UseProblem
from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.periods import previous_month
from gxjn_desktop.domain.records import ReplacementReason
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location
from gxjn_desktop.validation.scope import ended_months, meter_months, use_of


def _value_field(kind: MeterKind) -> str:
    return "reading" if kind is MeterKind.REGISTER else "quantity"


@rule("VALUE-MISSING", "有记录但本期示数或用量为空（无消耗应填 0）", per_meter=True)
def value_missing(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None:
            continue
        value = rec.reading if meter.kind is MeterKind.REGISTER else rec.quantity
        if value is None:
            what = "本期示数" if meter.kind is MeterKind.REGISTER else "用量"
            out.append(
                ctx.finding(
                    "VALUE-MISSING",
                    Location.of_meter(meter.code, ctx.period.year, m, _value_field(meter.kind)),
                    f"{meter.name}（{meter.code}）{m} 月的{what}为空",
                    "请填写数值；本月确实没有消耗时填 0，不要留空",
                )
            )
    return out


@rule("MONTH-MISSING", "在用计量器具在已结束的月份没有任何记录")
def month_missing(ctx: RuleContext) -> list[Finding]:
    ended = set(ended_months(ctx))
    out = []
    for meter, m in meter_months(ctx):
        if m in ended and ctx.ledger.record(meter.code, ctx.period.year, m) is None:
            out.append(
                ctx.finding(
                    "MONTH-MISSING",
                    Location.of_meter(meter.code, ctx.period.year, m, _value_field(meter.kind)),
                    f"{meter.name}（{meter.code}）缺少 {ctx.period.year} 年 {m} 月的数据",
                    "请在月度填报中补录该月；如该表已停用，请在计量器具中填写停用日期",
                )
            )
    return out


@rule("VALUE-NEGATIVE", "示数、用量或金额为负数", per_meter=True)
def value_negative(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None:
            continue
        checks = (
            ("reading", "本期示数", rec.reading),
            ("quantity", "用量", rec.quantity),
            ("cost", "金额", None if rec.cost_fen is None else Decimal(rec.cost_fen) / 100),
        )
        for fld, label, value in checks:
            if value is not None and value < 0:
                out.append(
                    ctx.finding(
                        "VALUE-NEGATIVE",
                        Location.of_meter(meter.code, ctx.period.year, m, fld),
                        f"{meter.name}（{meter.code}）{m} 月的{label}为负数（{plain(value)}）",
                        "示数、用量和金额都不能为负；退费或冲减请在备注中说明并填写实际数",
                        (plain(value),),
                    )
                )
    return out


@rule("READ-ABOVE-REGISTER", "示数大于等于表计满码值（位数决定的最大示数）", per_meter=True)
def read_above_register(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        top = meter.register_max
        if rec is None or rec.reading is None or top is None or rec.reading < top:
            continue
        out.append(
            ctx.finding(
                "READ-ABOVE-REGISTER",
                Location.of_meter(meter.code, ctx.period.year, m, "reading"),
                f"{meter.name}（{meter.code}）{m} 月示数 {plain(rec.reading)} 超过 {meter.register_digits} 位表的最大示数",
                "请核对示数是否多输了一位，或在计量器具中更正表盘整数位数",
                (plain(rec.reading), meter.register_digits),
            )
        )
    return out


@rule("READ-DATE-FUTURE", "抄表日期晚于今天")
def read_date_future(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None or rec.reading_date is None or rec.reading_date <= ctx.today:
            continue
        out.append(
            ctx.finding(
                "READ-DATE-FUTURE",
                Location.of_meter(meter.code, ctx.period.year, m, "reading_date"),
                f"{meter.name}（{meter.code}）{m} 月的抄表日期 {rec.reading_date:%Y-%m-%d} 在未来",
                "请填写实际抄表日期，未到的月份不要预填",
                (rec.reading_date.isoformat(),),
            )
        )
    return out


@rule("READ-DECREASE", "本期示数小于上期示数，且未确认为表计翻转或换表", per_meter=True)
def read_decrease(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        use = use_of(ctx, meter, ctx.period.year, m)
        if use.problem is not UseProblem.DECREASE:
            continue
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        current = plain(rec.reading) if rec and rec.reading is not None else "?"
        previous = plain(use.previous_reading) if use.previous_reading is not None else "?"
        out.append(
            ctx.finding(
                "READ-DECREASE",
                Location.of_meter(meter.code, ctx.period.year, m, "reading"),
                f"{meter.name}（{meter.code}）{m} 月示数 {current} 小于上期示数 {previous}",
                "请确认原因：表计翻转（满码归零）、更换了电表（登记换表的旧表止码和新表起码），或输入有误",
                (current, previous),
            )
        )
    return out


@rule("ROLLOVER-IMPLAUSIBLE", "确认为翻转，但表计位数未知或翻转用量超过半个满码值", per_meter=True)
def rollover_implausible(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        use = use_of(ctx, meter, ctx.period.year, m)
        if use.problem not in (UseProblem.ROLLOVER_IMPLAUSIBLE, UseProblem.ROLLOVER_NO_DIGITS):
            continue
        if use.problem is UseProblem.ROLLOVER_NO_DIGITS:
            msg = f"{meter.name}（{meter.code}）{m} 月确认为表计翻转，但没有登记表盘整数位数，无法计算"
            hint = "请在计量器具中填写表盘整数位数（如 6 位表填 6）"
        else:
            msg = f"{meter.name}（{meter.code}）{m} 月按翻转计算的用量超过半个满码值，不像是翻转"
            hint = "请核对示数；如果是换表，请改为登记换表"
        out.append(
            ctx.finding("ROLLOVER-IMPLAUSIBLE", Location.of_meter(meter.code, ctx.period.year, m, "reading"), msg, hint)
        )
    return out


@rule("READ-GAP", "上期示数不是上个月的（中间缺月，用量跨越多个月）", per_meter=True)
def read_gap(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        if meter.kind is not MeterKind.REGISTER:
            continue
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        prev = ctx.ledger.previous_reading_record(meter.code, ctx.period.year, m)
        if rec is None or rec.reading is None or prev is None:
            continue
        expected = previous_month(ctx.period.year, m)
        if (prev.year, prev.month) != expected:
            out.append(
                ctx.finding(
                    "READ-GAP",
                    Location.of_meter(meter.code, ctx.period.year, m, "reading"),
                    f"{meter.name}（{meter.code}）{m} 月的上期示数取自 {prev.year} 年 {prev.month} 月，中间缺少月份",
                    "请补录中间月份的示数，否则本月用量包含了多个月的消耗",
                    (f"{prev.year}-{prev.month}",),
                )
            )
    return out


@rule("REPLACE-INCOMPLETE", "换表月份缺少本期示数，或旧表止码小于上期示数", per_meter=True)
def replace_incomplete(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        for rp in ctx.ledger.replacements_in(meter.code, ctx.period.year, m):
            loc = Location.of_meter(meter.code, ctx.period.year, m, "reading")
            rec = ctx.ledger.record(meter.code, ctx.period.year, m)
            if rec is None or rec.reading is None:
                out.append(
                    ctx.finding(
                        "REPLACE-INCOMPLETE",
                        loc,
                        f"{meter.name}（{meter.code}）{rp.day:%Y-%m-%d} 换表，但该月没有新表的本期示数",
                        "请填写新表在月末的示数",
                    )
                )
                continue
            use = use_of(ctx, meter, ctx.period.year, m)
            if use.previous_reading is not None and rp.old_final_reading < use.previous_reading:
                out.append(
                    ctx.finding(
                        "REPLACE-INCOMPLETE",
                        loc,
                        f"{meter.name}（{meter.code}）换表时旧表止码 {plain(rp.old_final_reading)} 小于上期示数 {plain(use.previous_reading)}",
                        "请核对换表单上的旧表止码",
                        (plain(rp.old_final_reading), plain(use.previous_reading)),
                    )
                )
    return out


@rule("MULT-NO-DATE", "倍率在月中变更，但该月没有按倍率变更登记分段示数", per_meter=True)
def multiplier_without_segment(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        for change in meter.multipliers[1:]:
            day = change.effective_from
            if (day.year, day.month) != (ctx.period.year, m) or day.day == 1:
                continue
            segments = [
                rp
                for rp in ctx.ledger.replacements_in(meter.code, ctx.period.year, m)
                if rp.day == day or rp.reason is ReplacementReason.MULTIPLIER
            ]
            if not segments:
                out.append(
                    ctx.finding(
                        "MULT-NO-DATE",
                        Location.of_meter(meter.code, ctx.period.year, m, "multiplier"),
                        f"{meter.name}（{meter.code}）的倍率自 {day:%Y-%m-%d} 起改为 {plain(change.multiplier)}，但没有当天的示数",
                        "请按“换表”登记倍率变更当天的示数（原因选倍率变更），以便前后分段计算",
                        (day.isoformat(), plain(change.multiplier)),
                    )
                )
    return out


@rule("HEAT-NO-METER", "没有热计量表的热力账户填了热力用量", per_meter=True)
def heat_without_meter(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        if meter.carrier is not Carrier.HEAT or meter.has_heat_meter:
            continue
        use = use_of(ctx, meter, ctx.period.year, m)
        if use.quantity:
            out.append(
                ctx.finding(
                    "HEAT-NO-METER",
                    Location.of_meter(meter.code, ctx.period.year, m, _value_field(meter.kind)),
                    f"{meter.name}（{meter.code}）没有热计量表，但 {m} 月填了热力 {plain(use.quantity)} GJ",
                    "统计制度规定按热量收费且装有热计量表才填热力；否则请删除该数据",
                    (plain(use.quantity),),
                )
            )
    return out


@rule("COST-QUANTITY-PAIR", "有金额无用量，或有用量无金额（光伏发电除外）", per_meter=True)
def cost_quantity_pair(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx, include_submeters=False):
        if meter.carrier is Carrier.PV:
            continue
        rec = ctx.ledger.record(meter.code, ctx.period.year, m)
        if rec is None:
            continue
        use = use_of(ctx, meter, ctx.period.year, m)
        if use.problem is not None:
            continue
        has_use = bool(use.quantity)
        # 0 元 is a value (free supply, explained in the note); only an empty cost is missing.
        missing_cost = has_use and rec.cost_fen is None
        cost_without_use = not has_use and bool(rec.cost_fen)
        if not (missing_cost or cost_without_use):
            continue
        loc_field = "cost" if has_use else _value_field(meter.kind)
        if has_use:
            msg = (
                f"{meter.name}（{meter.code}）{m} 月有用量 {plain(use.quantity or Decimal(0))} {meter.unit}，但金额为空"
            )
            hint = "请按账单或发票填写金额（元）；确实免费的请填 0 并在备注中说明"
        else:
            msg = f"{meter.name}（{meter.code}）{m} 月有金额但用量为 0"
            hint = "请核对示数或用量；预付费或补缴请在备注中说明"
        out.append(
            ctx.finding(
                "COST-QUANTITY-PAIR",
                Location.of_meter(meter.code, ctx.period.year, m, loc_field),
                msg,
                hint,
                (str(rec.cost_fen), plain(use.quantity or Decimal(0))),
            )
        )
    return out


@rule("SUBMETER-ABOVE-PARENT", "分表（如数据中心机房）的用量超过其总表")
def submeter_above_parent(ctx: RuleContext) -> list[Finding]:
    out = []
    for meter, m in meter_months(ctx):
        if meter.parent_code is None:
            continue
        parent = ctx.ledger.meter(meter.parent_code)
        sub = use_of(ctx, meter, ctx.period.year, m).quantity
        total = use_of(ctx, parent, ctx.period.year, m).quantity
        if sub is None or total is None or sub <= total:
            continue
        out.append(
            ctx.finding(
                "SUBMETER-ABOVE-PARENT",
                Location.of_meter(meter.code, ctx.period.year, m, "reading"),
                f"{meter.name}（{meter.code}）{m} 月用量 {plain(sub)} 超过总表 {parent.name} 的 {plain(total)}",
                "分表用量包含在总表内，不可能更大；请核对两块表的示数和倍率",
                (plain(sub), plain(total)),
            )
        )
    return out
