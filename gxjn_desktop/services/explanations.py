"""Explaining a finding: a cause from the bureau's list and free text, tied to the judged values."""

from __future__ import annotations

from datetime import datetime

from gxjn_desktop.domain.records import EXPLANATION_CAUSES, Explanation
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.checks import load_rules_config
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.validation.findings import Finding, Severity


def explanation_for(finding: Finding, cause: str, text: str, by: str = "") -> Explanation:
    """Check and build the explanation; raise UserError with a Chinese message if it is not enough."""
    if finding.severity is Severity.ERROR:
        raise UserError("错误不能用说明放行", f"请改正数据：{finding.hint}")
    if not cause:
        raise UserError("请选择原因", f"可选：{'、'.join(EXPLANATION_CAUSES)}")
    if cause not in EXPLANATION_CAUSES:
        raise UserError(f"“{cause}”不是可选的原因", f"请从以下原因中选择：{'、'.join(EXPLANATION_CAUSES)}")
    text = text.strip()
    config = load_rules_config()
    needed = config.min_text_for_other if cause == "其他" else config.min_text  # a cause alone says little
    if len(text) < needed:
        what = "原因选“其他”时" if cause == "其他" else "说明"
        raise UserError(f"{what}须写明具体情况", f"请至少写 {needed} 个字，说明数据为什么是这样")
    return Explanation(finding.rule_id, finding.location.key, finding.fingerprint, cause, text, by, datetime.now())


def explain(service: LedgerService, finding: Finding, cause: str, text: str, by: str = "") -> Explanation:
    explanation = explanation_for(finding, cause, text, by)
    service.save_explanation(explanation)
    return explanation
