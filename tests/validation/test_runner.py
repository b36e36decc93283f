"""The whole catalogue: explanations, the export gate, the demo, and rules.json."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.reference_data import load_reference, read_reference_file
from gxjn_desktop.validation.catalogue import ALL_RULES, RuleSettings
from gxjn_desktop.validation.findings import Finding, Location, Severity
from gxjn_desktop.validation.runner import export_allowed, run_checks
from gxjn_desktop.validation.scope import use_of
from tests.conftest import DEMO_TODAY
from tests.validation.builders import (
    YEAR,
    check_all,
    config,
    context,
    daily,
    explain,
    ledger,
    register,
    uses_as_readings,
)


def _rising_march(march_per_day: int) -> Ledger:
    """A complete, signed year whose only finding is March's rise over January and February."""
    per_day = [100, 100, march_per_day, *[100] * 9]
    records = uses_as_readings("E1", daily((YEAR, 1), per_day), price="0.7")
    return ledger([register()], records)


def _warnings(led: Ledger) -> list[Finding]:
    return [f for f in check_all(led) if f.severity is Severity.WARNING]


def test_an_explanation_applies_while_the_judged_values_are_unchanged() -> None:
    led = _rising_march(130)
    findings = check_all(led)
    assert not export_allowed(findings)
    prev2 = next(f for f in findings if f.rule_id == "USE-VS-PREV2" and f.location.month == "2025-03")
    explained = replace(led, explanations=tuple(explain(f) for f in _warnings(led)))
    again = check_all(explained)
    assert all(f.explanation is not None for f in again if f.severity is Severity.WARNING)
    assert next(f for f in again if f.fingerprint == prev2.fingerprint).explanation == explain(prev2)
    assert export_allowed(again)


def test_an_explanation_lapses_when_the_value_changes() -> None:
    led = _rising_march(130)
    explanations = tuple(explain(f) for f in _warnings(led))
    changed = replace(_rising_march(140), explanations=explanations)
    findings = check_all(changed)
    march = next(f for f in findings if f.rule_id == "USE-VS-PREV2" and f.location.month == "2025-03")
    assert march.explanation is None
    assert march.needs_explanation
    assert not export_allowed(findings)


def test_export_allowed_logic() -> None:
    loc = Location.of_meter("E1", 2025, 3, "reading")
    error = Finding("X", Severity.ERROR, loc, "m", "h")
    warning = Finding("Y", Severity.WARNING, loc, "m", "h", ("1",))
    info = Finding("Z", Severity.INFO, loc, "m", "h")
    explained = replace(warning, explanation=explain(warning))
    assert export_allowed([])
    assert export_allowed([info, explained])
    assert not export_allowed([info, warning])
    assert not export_allowed([error])
    assert not export_allowed([replace(error, explanation=explain(error))])  # an error cannot be explained away


def test_findings_are_sorted_errors_first() -> None:
    led = _rising_march(130)
    led = replace(led, records=tuple(r for r in led.records if r.month != 11))
    ranks = [f.severity.rank for f in check_all(led)]
    assert ranks == sorted(ranks) and ranks[0] == Severity.ERROR.rank


def test_a_disabled_rule_is_not_run() -> None:
    led = _rising_march(130)
    base = config()
    rules = dict(base.rules)
    rules["USE-VS-PREV2"] = replace(rules["USE-VS-PREV2"], enabled=False)
    findings = run_checks(led, load_reference(), replace(base, rules=rules), Period.parse(YEAR), date(2026, 1, 5))
    assert all(f.rule_id != "USE-VS-PREV2" for f in findings)


def test_a_clean_year_has_no_findings() -> None:
    per_day = [100] * 12
    led = ledger([register()], uses_as_readings("E1", daily((YEAR, 1), per_day), price="0.7"))
    assert check_all(led) == []


def test_results_are_computed_once_per_run() -> None:
    ctx = context(_rising_march(130))
    calls: list[int] = []

    def compute(value: int) -> int:
        calls.append(value)
        return value

    assert ctx.cached("k", lambda: compute(5)) == 5
    assert ctx.cached("k", lambda: compute(6)) == 5
    assert calls == [5]
    meter = ctx.ledger.meters[0]
    assert use_of(ctx, meter, YEAR, 3) is use_of(ctx, meter, YEAR, 3)


# The demo --------------------------------------------------------------------------------------


def test_the_demo_earlier_year_is_ready_to_export(demo_ledger: Ledger) -> None:
    result = check_period(demo_ledger, Period.parse(2024), DEMO_TODAY)
    assert result.export_allowed, [f.message for f in result.findings if f.blocks_export]
    assert not any(f.severity is Severity.ERROR for f in result.findings)
    assert all(f.explanation is not None for f in result.findings if f.severity is Severity.WARNING)


def test_the_demo_later_year_shows_the_checking_flow(demo_ledger: Ledger) -> None:
    result = check_period(demo_ledger, Period.parse(2025), DEMO_TODAY)
    assert not result.export_allowed
    assert len({f.severity for f in result.findings}) >= 2
    assert any(f.rule_id == "EXPORT-SIGNATORIES" for f in result.findings)
    assert any(f.needs_explanation for f in result.findings)
    assert any(f.explanation is not None for f in result.findings)


def test_a_quarter_finds_the_same_month_findings_as_the_year(demo_ledger: Ledger) -> None:
    year = check_period(demo_ledger, Period.parse(2025), DEMO_TODAY).findings
    q2 = check_period(demo_ledger, Period.parse(2025, "Q2"), DEMO_TODAY).findings
    in_q2 = {f.fingerprint for f in year if f.location.month in ("2025-04", "2025-05", "2025-06")}
    monthly = {f.fingerprint for f in q2 if (f.location.month or "")[5:].isdigit()}
    assert in_q2 and in_q2 == monthly


# The catalogue and rules.json ------------------------------------------------------------------


def test_every_rule_has_settings_and_every_setting_a_rule() -> None:
    in_code = {r.rule_id for r in ALL_RULES}
    in_json = set(read_reference_file("rules")["rules"])
    assert in_code == in_json
    assert len(in_code) == len(ALL_RULES)


def test_every_rule_describes_itself_and_cites_a_source() -> None:
    cfg = config()
    for r in ALL_RULES:
        s: RuleSettings = cfg.rules[r.rule_id]
        assert r.checks and s.title and s.source, r.rule_id
        assert s.severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        for value in s.thresholds.values():
            assert value >= 0


def test_reference_prices_are_keyed_by_carrier_code() -> None:
    from gxjn_desktop.domain.carriers import Carrier

    codes = {c.value for c in Carrier}
    prices = config().reference_prices
    assert prices and set(prices) <= codes
    assert all(p["price"] > 0 for p in prices.values())
