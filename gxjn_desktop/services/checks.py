"""Running the review for a period, and the export gate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.finding_words import with_threshold_values
from gxjn_desktop.services.reference_data import load_reference, read_reference_file
from gxjn_desktop.validation.catalogue import ALL_RULES, RulesConfig, build_rules_config
from gxjn_desktop.validation.findings import Finding, Severity
from gxjn_desktop.validation.runner import run_checks


@lru_cache(maxsize=1)
def load_rules_config() -> RulesConfig:
    try:
        return build_rules_config(read_reference_file("rules"))
    except (KeyError, ValueError, ArithmeticError) as exc:
        raise UserError(
            f"审核规则文件 rules.json 内容有误：{exc}",
            "请使用机关事务管理局发布的原文件（severity 只能是 error、warning、info，阈值须为数字）",
        ) from exc


def missing_months(ledger: Ledger, year: int, months: Iterable[int]) -> list[int]:
    """Those of ``months`` in which some active meter has no value yet (the period is not complete)."""
    out = []
    for mo in months:
        for m in ledger.meters:
            if not m.active_in(year, mo):
                continue
            rec = ledger.record(m.code, year, mo)
            if rec is None or (rec.reading is None and rec.quantity is None):
                out.append(mo)
                break
    return out


@dataclass(frozen=True)
class ExportGate:
    """The export gate (cli.md): no 错误, every 警告 explained, every month of the period filled.

    The one place that decides whether a period may be exported: ``check``, the review screen,
    the overview and ``export`` all ask it, so they can never disagree.
    """

    errors: int
    unexplained: int
    missing_months: tuple[int, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.errors and not self.unexplained and not self.missing_months

    def summary(self) -> str:
        """One plain line: may the period be exported, and if not, what blocks it."""
        if self.allowed:
            return "可以导出：没有错误，警告均已说明"
        parts = []
        if self.errors:
            parts.append(f"错误 {self.errors} 条")
        if self.unexplained:
            parts.append(f"未说明的警告 {self.unexplained} 条")
        if self.missing_months:
            parts.append(f"{'、'.join(f'{m}月' for m in self.missing_months)}尚未填完")
        return "不能导出：" + "，".join(parts)


def export_gate(findings: Iterable[Finding], missing: Iterable[int] = ()) -> ExportGate:
    errors = unexplained = 0
    for f in findings:
        errors += f.severity is Severity.ERROR
        unexplained += f.needs_explanation
    return ExportGate(errors, unexplained, tuple(missing))


@dataclass(frozen=True)
class CheckResult:
    period: Period
    findings: list[Finding]
    rules_version: str
    missing_months: tuple[int, ...] = ()  # months of the period not yet filled for every active meter

    @property
    def gate(self) -> ExportGate:
        return export_gate(self.findings, self.missing_months)

    @property
    def export_allowed(self) -> bool:
        return self.gate.allowed

    @property
    def blocking(self) -> list[Finding]:
        """The findings that keep the period from being exported."""
        return [f for f in self.findings if f.blocks_export]

    def counts(self) -> dict[str, int]:
        out = {"error": 0, "warning": 0, "info": 0, "unexplained": 0}
        for f in self.findings:
            out[f.severity.value] += 1
        out["unexplained"] = self.gate.unexplained
        return out


def check_period(ledger: Ledger, period: Period, today: date | None = None) -> CheckResult:
    config = load_rules_config()
    findings = run_checks(ledger, load_reference(), config, period, today)
    return CheckResult(period, findings, config.version, tuple(missing_months(ledger, period.year, period.months)))


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
        "missing_months": list(result.missing_months),
        "rules_version": result.rules_version,
        "counts": result.counts(),
        "findings": [finding_json(f) for f in result.findings],
    }


def rule_names(rule_id: str) -> tuple[str, str]:
    """(short name, full title) of a rule, from rules.json, for screens that show a rule."""
    settings = load_rules_config().rules.get(rule_id)
    return (settings.short_name, settings.title) if settings else (rule_id, "")


def rules_json() -> dict[str, Any]:
    """The catalogue in the order of the bureau's rules.json, with what each rule checks."""
    config = load_rules_config()
    checks = {r.rule_id: r.checks for r in ALL_RULES}
    rules = []
    for s in config.rules.values():
        if s.rule_id not in checks:
            continue
        values = {k: f"{v:f}" for k, v in s.thresholds.items()}
        rules.append(
            {
                "id": s.rule_id,
                "severity": s.severity.value,
                "severity_label": s.severity.label,
                "name": s.short_name,
                "title": with_threshold_values(s.title, values),
                "checks": with_threshold_values(checks[s.rule_id], values),
                "thresholds": values,
                "source": with_threshold_values(s.source, values),
                "enabled": s.enabled,
            }
        )
    return {"rules_version": config.version, "rules": rules}
