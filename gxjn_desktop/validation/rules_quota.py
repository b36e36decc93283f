"""Quota rules: pacing against the issued quota, and the quota standard's 约束值 and 引导值."""

from __future__ import annotations

from functools import partial

from gxjn_desktop.domain.numbers import INDICATOR_PLACES, format_fixed, plain
from gxjn_desktop.domain.quota_pacing import Pacing, pacing
from gxjn_desktop.domain.quotas import QuotaLevel
from gxjn_desktop.validation.catalogue import RuleContext, rule
from gxjn_desktop.validation.findings import Finding, Location


def _pacings(ctx: RuleContext, level: QuotaLevel) -> list[Pacing]:
    """Pacing of each quota of ``level`` for a period that runs from January (Y, YTD, Q1, M01)."""
    months = ctx.period.months
    if months[0] != 1:
        return []
    out = []
    for q in ctx.ledger.quotas:
        if q.year == ctx.period.year and q.level is level:
            out.append(
                ctx.cached(
                    ("quota-pacing", q.key, months[-1]), partial(pacing, ctx.ledger, ctx.reference, q, months[-1])
                )
            )
    return out


def _basis(p: Pacing) -> str:
    """Energy quotas name their coefficient basis; water has none."""
    return f"（{p.quota.basis.label}）" if p.quota.indicator.is_energy else ""


def _fmt(value: object) -> str:
    return format_fixed(value, INDICATOR_PLACES) or "-"  # type: ignore[arg-type]


@rule("QUOTA-PACE", "年初至今用量超过按季节比例分摊的下达定额（全年即超过定额）")
def quota_pace(ctx: RuleContext) -> list[Finding]:
    out = []
    for p in _pacings(ctx, QuotaLevel.ISSUED):
        if not p.over_pace:
            continue
        q = p.quota
        whole = p.months == 12
        basis = "按上年各月比例" if p.seasonal else "按月平均"
        msg = (
            f"{q.indicator.label} {_fmt(p.actual)} {q.indicator.unit}，超过 {q.year} 年下达定额 {plain(q.value)} {q.indicator.unit}{_basis(p)}"
            if whole
            else f"1—{p.months} 月{q.indicator.label} {_fmt(p.actual)} {q.indicator.unit}，超过按进度应控制的 {_fmt(p.allowed_to_date)}（全年定额 {plain(q.value)}，{basis}分摊），预计全年 {_fmt(p.projected)}"
        )
        out.append(
            ctx.finding(
                "QUOTA-PACE",
                Location.of_quota(ctx.period, q.indicator.value),
                msg,
                "请核对数据并说明超出原因；余下月份请按剩余额度控制用能",
                (_fmt(p.actual), plain(q.value), q.basis.value),
            )
        )
    return out


def _standard(ctx: RuleContext, level: QuotaLevel, rule_id: str) -> list[Finding]:
    out = []
    for p in _pacings(ctx, level):
        value = p.projected
        if value is None or not p.comparable:
            continue
        q = p.quota
        above = level is QuotaLevel.CONSTRAINT
        if (above and value <= q.value) or (not above and value >= q.value):
            continue
        when = "" if p.months == 12 else f"按 1—{p.months} 月推算的全年"
        relation = "高于" if above else "低于"
        out.append(
            ctx.finding(
                rule_id,
                Location.of_quota(ctx.period, q.indicator.value),
                f"{when}{q.indicator.label} {_fmt(value)} {q.indicator.unit}{relation}{q.level.label} {plain(q.value)}（{q.document or q.basis.label}）",
                "高于约束值须说明原因或整改"
                if above
                else "低于引导值属先进水平，也可能是漏报，请核对是否有表计或品种未录入",
                (_fmt(value), plain(q.value)),
            )
        )
    return out


@rule("QUOTA-CONSTRAINT", "能耗指标高于定额标准的约束值")
def quota_constraint(ctx: RuleContext) -> list[Finding]:
    return _standard(ctx, QuotaLevel.CONSTRAINT, "QUOTA-CONSTRAINT")


@rule("QUOTA-GUIDE", "能耗指标低于定额标准的引导值（先进，或疑似漏报）")
def quota_guide(ctx: RuleContext) -> list[Finding]:
    return _standard(ctx, QuotaLevel.GUIDE, "QUOTA-GUIDE")
