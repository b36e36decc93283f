"""Period rules: the yearly profile, year-on-year change, targets and the export gate."""

from __future__ import annotations

from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.indicators import (
    TargetStatus,
    coverage_label,
    covered_months,
    indicator_report,
    period_figures,
)
from gxjn_desktop.domain.meters import MeterKind, month_end
from gxjn_desktop.domain.numbers import PERCENT_PLACES, format_fixed, plain
from gxjn_desktop.domain.periods import Period, month_key
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location

HUNDRED = Decimal(100)


@rule("PROFILE-MISSING", "报告年度没有填写用能人数和建筑面积")
def profile_missing(ctx: RuleContext) -> list[Finding]:
    if ctx.period.year in ctx.ledger.profiles:
        return []
    return [
        ctx.finding(
            "PROFILE-MISSING",
            Location.of_profile(ctx.period.year, "people"),
            f"{ctx.period.year} 年没有填写单位基本信息（用能人数、建筑面积）",
            "请在“单位信息”中填写该年度的用能人数和建筑面积",
        )
    ]


def _change_pct(now: Decimal, before: Decimal) -> Decimal:
    return (now - before) / before * HUNDRED


@rule("PROFILE-CHANGE", "用能人数或建筑面积与上年相比变化超过阈值")
def profile_change(ctx: RuleContext) -> list[Finding]:
    now = ctx.ledger.profiles.get(ctx.period.year)
    before = ctx.ledger.profiles.get(ctx.period.year - 1)
    if now is None or before is None:
        return []
    limit = ctx.threshold("PROFILE-CHANGE", "limit_pct")
    out = []
    pairs = (
        ("people", "用能人数", Decimal(now.people), Decimal(before.people), "人"),
        ("building_area_m2", "建筑面积", now.building_area_m2, before.building_area_m2, "m²"),
    )
    for fld, label, a, b, unit in pairs:
        if b == 0:
            continue
        change = _change_pct(a, b)
        if abs(change) > limit:
            out.append(
                ctx.finding(
                    "PROFILE-CHANGE",
                    Location.of_profile(ctx.period.year, fld),
                    f"{label}由 {plain(b)} {unit} 变为 {plain(a)} {unit}，同比变化 {format_fixed(change, PERCENT_PLACES)}%，超过 ±{plain(limit)}%",
                    f"请核实{label}是否填写正确，并说明变化原因（如机构调整、新增或退出办公楼）",
                    (plain(a), plain(b)),
                )
            )
    return out


@rule("YOY-CARRIER", "各品种用量与上年同期相比变化超过阈值（只比较已填完的月份）")
def yoy_carrier(ctx: RuleContext) -> list[Finding]:
    # Like the indicators: only the months covered from the period's start, against the same months.
    covered = covered_months(ctx.ledger, ctx.period)
    if not covered:
        return []
    part = Period(ctx.period.year, ctx.period.code, covered)
    now = period_figures(ctx.ledger, ctx.reference, part)
    before = period_figures(ctx.ledger, ctx.reference, part.previous_year())
    if not now.has_data or not before.has_data:
        return []
    limit = ctx.threshold("YOY-CARRIER", "limit_pct")
    previous = {t.carrier: t for t in before.totals}
    out = []
    for t in now.totals:
        b = previous[t.carrier].quantity
        if b == 0 or t.carrier is Carrier.PV:
            continue
        if ctx.config.carrier_is_batch_delivered(t.carrier) and len(covered) < 12:
            continue  # bought in batches: only a whole year's purchases compare with the last
        change = _change_pct(t.quantity, b)
        if abs(change) > limit:
            out.append(
                ctx.finding(
                    "YOY-CARRIER",
                    Location.of_carrier(t.carrier, ctx.period, "quantity"),
                    f"{t.carrier.label}用量 {format_fixed(t.quantity, 2)} {t.unit}，比上年同期 {format_fixed(b, 2)} {t.unit} 变化 {format_fixed(change, PERCENT_PLACES)}%，超过 ±{plain(limit)}%",
                    "请说明原因（如人数、面积变化，设备检修，气候异常，新增用能设备）",
                    (plain(t.quantity), plain(b)),
                )
            )
    return out


@rule("TARGET-MISSED", "四项指标年初至今的同比变化未达到年度目标（有风险或未达标；季度、月份按 1 月至该期末累计判断）")
def target_missed(ctx: RuleContext) -> list[Finding]:
    # The same report, and so the same status, as indicators and the dashboard show.
    report = indicator_report(ctx.ledger, ctx.reference, ctx.period)
    out = []
    for ind in report.indicators:
        if ind.status not in (TargetStatus.AT_RISK, TargetStatus.OFF_TRACK):
            continue
        change = ind.ytd_change_pct
        assert change is not None and ind.target_pct is not None
        what = f"1—{report.covered[-1]} 月累计同比变化" if ind.carries_ytd else "同比变化"
        partial = f"（{report.coverage_label}）" if not report.complete else ""
        out.append(
            ctx.finding(
                "TARGET-MISSED",
                Location.of_indicator(ctx.period, ind.kind.value),
                f"{ind.kind.label}{what} {format_fixed(change, PERCENT_PLACES)}%{partial}，未达到目标 {plain(ind.target_pct)}%（{ind.status.label}）",
                "请说明未达到目标的原因，并在说明中写明整改措施",
                (format_fixed(change, PERCENT_PLACES), plain(ind.target_pct)),
            )
        )
    return out


@rule(
    "PERIOD-INCOMPLETE",
    "期间还没有填完（尚未结束的月份里有在用计量器具没有记录）；只有填完的期间才能导出（已结束的月份由 MONTH-MISSING 报告）",
)
def period_incomplete(ctx: RuleContext) -> list[Finding]:
    covered = covered_months(ctx.ledger, ctx.period)
    if covered == ctx.period.months:
        return []
    year, month = ctx.period.year, ctx.period.months[len(covered)]
    if month_end(year, month) < ctx.today:
        return []  # a month that is over: MONTH-MISSING names each meter that lacks it
    lacking = [
        m
        for m in ctx.ledger.meters
        if not m.is_submeter and m.active_in(year, month) and ctx.ledger.record(m.code, year, month) is None
    ]
    first = lacking[0]
    names = "、".join(f"{m.name}（{m.code}）" for m in lacking[:3]) + ("等" if len(lacking) > 3 else "")
    return [
        ctx.finding(
            "PERIOD-INCOMPLETE",
            Location.of_meter(first.code, year, month, "reading" if first.kind is MeterKind.REGISTER else "quantity"),
            f"{ctx.period.label}还没有填完（{coverage_label(ctx.period, covered)}）：{names}还没有 {year} 年 {month} 月的记录",
            "期间内每个在用计量器具每个月都有记录后才能导出；请在该月结束、填报完毕后再导出",
            (month_key(year, month),),
        )
    ]


@rule("EXPORT-SIGNATORIES", "报表表尾的单位负责人、统计负责人、填表人未填写")
def export_signatories(ctx: RuleContext) -> list[Finding]:
    profile = ctx.ledger.profiles.get(ctx.period.year)
    if profile is None:
        return []  # PROFILE-MISSING already says so
    missing = profile.signatories.missing()
    if not missing:
        return []
    return [
        ctx.finding(
            "EXPORT-SIGNATORIES",
            Location.of_profile(ctx.period.year, "signatories"),
            f"{ctx.period.year} 年报表缺少签署人：{'、'.join(missing)}",
            "请在“单位信息”的报表签署栏中填写后再导出",
            tuple(missing),
        )
    ]
