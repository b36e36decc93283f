"""Running the whole catalogue: every rule, every finding, explanations attached."""

from __future__ import annotations

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
from gxjn_desktop.validation.catalogue import ALL_RULES, RuleContext, RulesConfig
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


def run_checks(
    ledger: Ledger, reference: ReferenceData, config: RulesConfig, period: Period, today: date | None = None
) -> list[Finding]:
    ctx = RuleContext(ledger, reference, config, period, today or date.today())
    findings: list[Finding] = []
    for r in ALL_RULES:
        settings = config.rules.get(r.rule_id)
        if settings is None or not settings.enabled:
            continue
        findings.extend(r.function(ctx))
    findings = attach_explanations(ledger, findings)
    return sorted(findings, key=lambda f: (f.severity.rank, f.location.month or "", f.location.meter or "", f.rule_id))


def export_allowed(findings: list[Finding]) -> bool:
    return not any(f.blocks_export for f in findings)
