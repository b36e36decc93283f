"""Running the whole catalogue: every rule, every finding, explanations attached."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.validation import (  # noqa: F401 (importing registers the rules)
    rules_cost,
    rules_entry,
    rules_history,
    rules_period,
    rules_quota,
    rules_waste,
    rules_workplan,
)
from gxjn_desktop.validation.catalogue import ALL_RULES, Rule, RuleContext, RulesConfig
from gxjn_desktop.validation.findings import Finding


def attach_explanations(ledger: Ledger, findings: list[Finding]) -> list[Finding]:
    """An explanation applies while the finding's fingerprint (rule, place, values) is unchanged."""
    by_key = {(e.rule_id, e.location_key): e for e in ledger.explanations}
    out = []
    for f in findings:
        e = by_key.get((f.rule_id, f.location.key))
        if e is not None and e.fingerprint == f.fingerprint:
            f = Finding(f.rule_id, f.severity, f.location, f.message, f.hint, f.values, e)
        out.append(f)
    return out


def _meter_by_meter(ctx: RuleContext, r: Rule, contexts: dict[str, RuleContext]) -> list[Finding]:
    """A per-meter rule's findings, each meter's kept in the snapshot while its data up to the
    period's end is unchanged: after an edit only the edited meter is judged again."""
    out: list[Finding] = []
    last = ctx.period.months[-1]
    # The settings are part of the key (and kept alive beside the findings, so their ids stay theirs).
    key = ("findings", r.rule_id, ctx.period, id(ctx.config), id(ctx.reference))
    for meter in ctx.ledger.meters:

        def judge(code: str = meter.code) -> tuple[RulesConfig, ReferenceData, list[Finding]]:
            sub = contexts.get(code) or contexts.setdefault(code, replace(ctx, memo={}, meter_code=code))
            return ctx.config, ctx.reference, r.function(sub)

        out.extend(ctx.ledger.meter_month_cached(meter.code, ctx.period.year, last, key, judge)[2])
    return out


def run_checks(
    ledger: Ledger, reference: ReferenceData, config: RulesConfig, period: Period, today: date | None = None
) -> list[Finding]:
    ctx = RuleContext(ledger, reference, config, period, today or date.today())
    by_meter: dict[str, RuleContext] = {}  # one context per meter, shared by the per-meter rules
    findings: list[Finding] = []
    for r in ALL_RULES:
        settings = config.rules.get(r.rule_id)
        if settings is None or not settings.enabled:
            continue
        findings.extend(_meter_by_meter(ctx, r, by_meter) if r.per_meter else r.function(ctx))
    findings = attach_explanations(ledger, findings)
    return sorted(findings, key=lambda f: (f.severity.rank, f.location.month or "", f.location.meter or "", f.rule_id))


def export_allowed(findings: list[Finding]) -> bool:
    return not any(f.blocks_export for f in findings)
