"""Small hand-built ledgers for the rule tests, and a way to run one rule on them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, month_end
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.records import (
    CanteenMonth,
    Explanation,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    Source,
)
from gxjn_desktop.domain.units import InstitutionType, Signatories, Unit, YearProfile, uscc_check_character
from gxjn_desktop.services.checks import load_rules_config
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.validation.catalogue import ALL_RULES, RuleContext, RulesConfig
from gxjn_desktop.validation.findings import Finding
from gxjn_desktop.validation.runner import run_checks

TODAY = date(2026, 11, 24)
YEAR = 2025
START = date(2020, 1, 1)

_BODY = "12450123MB1965432"
UNIT = Unit("测试单位", _BODY + uscc_check_character(_BODY), "450123", InstitutionType.ORGAN)
SIGNED = Signatories("李建国", "黄丽", "张敏", date(YEAR + 1, 1, 10))


def D(x: str | int | Decimal) -> Decimal:
    return Decimal(str(x))


def profile(year: int = YEAR, people: int = 100, area: str = "5000", signed: Signatories = SIGNED) -> YearProfile:
    return YearProfile(year, people, D(area), signatories=signed)


def register(code: str = "E1", carrier: Carrier = Carrier.ELECTRICITY, initial: str | None = "0", **kw: Any) -> Meter:
    kw.setdefault("register_digits", 6)
    return Meter(
        code,
        f"测试表{code}",
        carrier,
        MeterKind.REGISTER,
        initial_reading=None if initial is None else D(initial),
        active_from=START,
        **kw,
    )


def quantity_meter(code: str = "V1", carrier: Carrier = Carrier.GASOLINE) -> Meter:
    return Meter(code, f"测试油卡{code}", carrier, MeterKind.QUANTITY, UseTag.VEHICLE, active_from=START)


def months(year: int, first: int = 1) -> list[tuple[int, int]]:
    return [(year, m) for m in range(first, 13)]


def span(start: tuple[int, int], count: int) -> list[tuple[int, int]]:
    """``count`` consecutive months from ``start``."""
    y, m = start
    out = []
    for _ in range(count):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def daily(start: tuple[int, int], per_day: Sequence[str | int]) -> list[Decimal]:
    """Monthly uses that are ``per_day`` × the days of each month, from ``start`` on."""
    return [D(p) * month_end(y, m).day for (y, m), p in zip(span(start, len(per_day)), per_day, strict=True)]


def uses_as_readings(
    code: str,
    uses: Sequence[str | int | Decimal],
    start: tuple[int, int] = (YEAR, 1),
    initial: str = "0",
    price: str | None = None,
    source: Source = Source.READING,
) -> list[MonthlyRecord]:
    """Register records whose monthly uses (multiplier 1) are ``uses``, from ``start`` on."""
    reading = D(initial)
    out = []
    for (y, m), use in zip(span(start, len(uses)), uses, strict=True):
        reading += D(use)
        cost = None if price is None else int(D(use) * D(price) * 100)
        out.append(MonthlyRecord(code, y, m, reading=reading, cost_fen=cost, source=source))
    return out


def uses_as_quantities(
    code: str, uses: Sequence[str | int | Decimal], start: tuple[int, int] = (YEAR, 1), price: str | None = None
) -> list[MonthlyRecord]:
    out = []
    for (y, m), use in zip(span(start, len(uses)), uses, strict=True):
        cost = None if price is None else int(D(use) * D(price) * 100)
        out.append(MonthlyRecord(code, y, m, quantity=D(use), cost_fen=cost, source=Source.INVOICE))
    return out


def ledger(
    meters: Iterable[Meter] = (),
    records: Iterable[MonthlyRecord] = (),
    *,
    profiles: dict[int, YearProfile] | None = None,
    replacements: Iterable[MeterReplacement] = (),
    canteen: Iterable[CanteenMonth] = (),
    garbage: Iterable[GarbageMonth] = (),
    explanations: Iterable[Explanation] = (),
) -> Ledger:
    return Ledger(
        UNIT,
        {YEAR: profile()} if profiles is None else profiles,
        tuple(meters),
        tuple(records),
        tuple(replacements),
        tuple(canteen),
        tuple(garbage),
        (),
        tuple(explanations),
    )


def config() -> RulesConfig:
    return load_rules_config()


def context(led: Ledger, year: int = YEAR, period: str = "Y", today: date = TODAY) -> RuleContext:
    return RuleContext(led, load_reference(), config(), Period.parse(year, period), today)


def check(led: Ledger, rule_id: str, year: int = YEAR, period: str = "Y", today: date = TODAY) -> list[Finding]:
    """The findings of one rule, by calling its function the way the runner does."""
    fn = next(r.function for r in ALL_RULES if r.rule_id == rule_id)
    findings = fn(context(led, year, period, today))
    assert all(f.rule_id == rule_id for f in findings)
    return findings


def check_all(led: Ledger, year: int = YEAR, period: str = "Y", today: date = TODAY) -> list[Finding]:
    return run_checks(led, load_reference(), config(), Period.parse(year, period), today)


def threshold(rule_id: str, name: str) -> Decimal:
    return config().rules[rule_id].thresholds[name]


def explain(f: Finding, cause: str = "其他", text: str = "已核对") -> Explanation:
    return Explanation(f.rule_id, f.location.key, f.fingerprint, cause, text, "测试员")
