"""QUOTA-PACE, QUOTA-CONSTRAINT and QUOTA-GUIDE: one passing and one failing case each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.quotas import Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.services.checks import load_rules_config
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.validation.findings import Finding
from gxjn_desktop.validation.runner import run_checks

TODAY = date(2026, 11, 24)


def _findings(ledger: Ledger, quotas: tuple[Quota, ...], code: str = "Y") -> list[Finding]:
    lg = replace(ledger, quotas=quotas, explanations=())
    found = run_checks(lg, load_reference(), load_rules_config(), Period.parse(2025, code), TODAY)
    return [f for f in found if f.rule_id.startswith("QUOTA-")]


def test_quota_pace(demo_ledger: Ledger) -> None:
    ok = Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(200))
    assert _findings(demo_ledger, (ok,)) == []
    tight = Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(90))
    (f,) = _findings(demo_ledger, (tight,))
    assert f.rule_id == "QUOTA-PACE" and f.severity.value == "warning"
    assert "96.3321 tce" in f.message and "下达定额 90 tce" in f.message and "当量值" in f.message
    assert f.location.meter == "quota" and f.location.field == "total_energy_tce"
    (mid,) = _findings(
        demo_ledger, (Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(60)),), "YTD-M06"
    )
    assert "1—6 月" in mid.message and "预计全年" in mid.message
    assert _findings(demo_ledger, (tight,), "Q2") == []  # pacing is judged from January on


def test_quota_constraint(demo_ledger: Ledger) -> None:
    assert (
        _findings(demo_ledger, (Quota(2025, QuotaIndicator.ENERGY_PER_AREA, QuotaLevel.CONSTRAINT, Decimal(15)),)) == []
    )
    (f,) = _findings(
        demo_ledger,
        (Quota(2025, QuotaIndicator.ENERGY_PER_AREA, QuotaLevel.CONSTRAINT, Decimal(11), document="某标准"),),
    )
    assert f.rule_id == "QUOTA-CONSTRAINT" and "12.0415 kgce/m²高于约束值 11" in f.message and "某标准" in f.message


def test_quota_guide(demo_ledger: Ledger) -> None:
    assert _findings(demo_ledger, (Quota(2025, QuotaIndicator.ENERGY_PER_AREA, QuotaLevel.GUIDE, Decimal(9)),)) == []
    (f,) = _findings(demo_ledger, (Quota(2025, QuotaIndicator.ENERGY_PER_AREA, QuotaLevel.GUIDE, Decimal(13)),))
    assert f.rule_id == "QUOTA-GUIDE" and "低于引导值 13" in f.message and "漏报" in f.hint
