"""Running the review for a period, and the export gate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.reference_data import load_reference, read_reference_file
from gxjn_desktop.validation.catalogue import ALL_RULES, RulesConfig, build_rules_config
from gxjn_desktop.validation.findings import Finding
from gxjn_desktop.validation.runner import export_allowed, run_checks


@lru_cache(maxsize=1)
def load_rules_config() -> RulesConfig:
    try:
        return build_rules_config(read_reference_file("rules"))
    except (KeyError, ValueError, ArithmeticError) as exc:
        raise UserError(
            f"审核规则文件 rules.json 内容有误：{exc}",
            "请使用机关事务管理局发布的原文件（severity 只能是 error、warning、info，阈值须为数字）",
        ) from exc


@dataclass(frozen=True)
class CheckResult:
    period: Period
    findings: list[Finding]
    rules_version: str

    @property
    def export_allowed(self) -> bool:
        return export_allowed(self.findings)

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0, "unexplained": 0}
        for f in self.findings:
            out[f.severity.value] += 1
            out["unexplained"] += int(f.needs_explanation)
        return out


def check_period(ledger: Ledger, period: Period, today: date | None = None) -> CheckResult:
    config = load_rules_config()
    findings = run_checks(ledger, load_reference(), config, period, today)
    return CheckResult(period, findings, config.version)


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "severity": f.severity.value,
        "severity_label": f.severity.label,
        "location": f.location.as_dict(),
        "message": f.message,
        "hint": f.hint,
        "fingerprint": f.fingerprint,
        "explanation": None if f.explanation is None else {"cause": f.explanation.cause, "text": f.explanation.text},
    }


def check_json(ledger: Ledger, result: CheckResult) -> dict[str, Any]:
    return {
        "unit": {"name": ledger.unit.name, "uscc": ledger.unit.uscc},
        "year": result.period.year,
        "period": result.period.code,
        "export_allowed": result.export_allowed,
        "rules_version": result.rules_version,
        "counts": result.counts(),
        "findings": [finding_json(f) for f in result.findings],
    }


def rules_json() -> dict[str, Any]:
    """The catalogue in the order of the bureau's rules.json, with what each rule checks."""
    config = load_rules_config()
    checks = {r.rule_id: r.checks for r in ALL_RULES}
    rules = [
        {
            "id": s.rule_id,
            "severity": s.severity.value,
            "severity_label": s.severity.label,
            "title": s.title,
            "checks": checks[s.rule_id],
            "thresholds": {k: f"{v:f}" for k, v in s.thresholds.items()},
            "source": s.source,
            "enabled": s.enabled,
        }
        for s in config.rules.values()
        if s.rule_id in checks
    ]
    return {"rules_version": config.version, "rules": rules}
