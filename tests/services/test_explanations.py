"""Explanations: only warnings, a listed cause, real text for 其他, and they lapse when values change."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.explanations import explain
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY


def test_explaining_a_warning_opens_the_gate_until_the_value_changes(demo_service: LedgerService) -> None:
    period = Period.parse(2025)
    result = check_period(demo_service.ledger(), period, DEMO_TODAY)
    for f in result.findings:
        if f.needs_explanation:
            explain(demo_service, f, "其他", "已核对原始凭证，数据属实", "测试员")
    profile = demo_service.ledger().profiles[2025]
    demo_service.save_profile(replace(profile, signatories=replace(profile.signatories, statistician="黄丽")))
    assert check_period(demo_service.ledger(), period, DEMO_TODAY).export_allowed

    # Change a value one of the explanations judged: the program asks again.
    ledger = demo_service.ledger()
    quota = next(q for q in ledger.quotas if q.year == 2025 and q.indicator.value == "water_per_capita_m3")
    demo_service.save_quotas([replace(quota, value=Decimal("19.0"))])
    again = check_period(demo_service.ledger(), period, DEMO_TODAY)
    assert not again.export_allowed
    assert [f.rule_id for f in again.findings if f.needs_explanation] == ["QUOTA-PACE"]


def test_errors_cannot_be_explained_away_and_causes_are_checked(demo_service: LedgerService) -> None:
    findings = check_period(demo_service.ledger(), Period.parse(2025), DEMO_TODAY).findings
    error = next(f for f in findings if f.severity.value == "error")
    with pytest.raises(UserError, match="不能用说明放行"):
        explain(demo_service, error, "其他", "请放行")
    warning = next(f for f in findings if f.severity.value == "warning")
    with pytest.raises(UserError, match="不是可选的原因"):
        explain(demo_service, warning, "天气", "热")
    with pytest.raises(UserError, match="写明具体情况"):
        explain(demo_service, warning, "其他", "无")


def test_a_cause_must_be_chosen_and_some_text_written(demo_service: LedgerService) -> None:
    findings = check_period(demo_service.ledger(), Period.parse(2025), DEMO_TODAY).findings
    warning = next(f for f in findings if f.severity.value == "warning")
    with pytest.raises(UserError, match="请选择原因"):
        explain(demo_service, warning, "", "夏季高温")
    with pytest.raises(UserError, match="说明须写明具体情况"):
        explain(demo_service, warning, "气候异常", " ")
    explain(demo_service, warning, "气候异常", "持续高温")  # a cause and a few words are enough
