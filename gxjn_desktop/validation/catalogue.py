"""The rule catalogue: every rule's id, default severity, what it checks, and its function.

Thresholds and severities come from ``resources/reference/rules.json`` (the bureau may issue a new
one); the function reads them through :class:`RuleContext`, never as literals.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar, cast

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.validation.findings import Finding, Location, Severity

T = TypeVar("T")


@dataclass(frozen=True)
class RuleSettings:
    """One rule's entry in rules.json."""

    rule_id: str
    severity: Severity
    title: str
    thresholds: dict[str, Decimal]
    source: str
    enabled: bool = True
    name: str = ""  # short Chinese name for tables (the 规则 column); ``title`` says more

    @property
    def short_name(self) -> str:
        return self.name or self.title or self.rule_id


@dataclass(frozen=True)
class RulesConfig:
    version: str
    rules: dict[str, RuleSettings]
    reference_prices: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    min_text: int = 0  # characters every explanation needs
    min_text_for_other: int = 0  # characters an explanation needs when its cause is 其他
    # Carriers bought in batches (液化石油气, 煤炭, generator 柴油): carrier code → the uses it applies
    # to (None: every use). Their months are purchases, not comparable month against month.
    batch_delivered: dict[str, frozenset[str] | None] = field(default_factory=dict)

    def is_batch_delivered(self, meter: Meter) -> bool:
        if meter.carrier.value not in self.batch_delivered:
            return False
        uses = self.batch_delivered[meter.carrier.value]
        return uses is None or meter.use.value in uses

    def carrier_is_batch_delivered(self, carrier: Carrier) -> bool:
        """Batch-delivered whatever the use (so a carrier total is judged only over a whole year)."""
        return carrier.value in self.batch_delivered and self.batch_delivered[carrier.value] is None


@dataclass(frozen=True)
class RuleContext:
    """What every rule sees: the ledger, the reference data, its settings, the period, today."""

    ledger: Ledger
    reference: ReferenceData
    config: RulesConfig
    period: Period
    today: date
    # Results computed once per run (month uses, a meter's history), shared by every rule.
    memo: dict[Hashable, Any] = field(default_factory=dict, compare=False, repr=False)
    # Set when a per-meter rule judges one meter (see Rule.per_meter): scope.meter_months yields only it.
    meter_code: str | None = None

    def cached(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` once per run for ``key``; the ledger is a snapshot, so results stay valid."""
        if key not in self.memo:
            self.memo[key] = compute()
        return cast(T, self.memo[key])

    def settings(self, rule_id: str) -> RuleSettings:
        return self.config.rules[rule_id]

    def threshold(self, rule_id: str, name: str) -> Decimal:
        return self.config.rules[rule_id].thresholds[name]

    def finding(
        self,
        rule_id: str,
        location: Location,
        message: str,
        hint: str,
        values: tuple[Any, ...] = (),
    ) -> Finding:
        return Finding(rule_id, self.settings(rule_id).severity, location, message, hint, tuple(str(v) for v in values))


RuleFunction = Callable[[RuleContext], list[Finding]]


@dataclass(frozen=True)
class Rule:
    rule_id: str
    function: RuleFunction
    checks: str  # what it checks, in Chinese, for `gxjn-cli rules` and the docs
    # A rule that walks scope.meter_months and judges each meter only by its own definition,
    # records and replacements up to the end of the period (not today, not another meter, not the
    # unit's other data). The runner then judges it meter by meter and keeps each meter's findings
    # in the ledger snapshot until that meter's data up to the period's end changes.
    per_meter: bool = False


ALL_RULES: list[Rule] = []


def rule(rule_id: str, checks: str, *, per_meter: bool = False) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function in :data:`ALL_RULES` under a stable id (``per_meter``: see :class:`Rule`)."""

    def register(fn: RuleFunction) -> RuleFunction:
        if any(r.rule_id == rule_id for r in ALL_RULES):
            raise ValueError(f"duplicate rule id {rule_id}")
        ALL_RULES.append(Rule(rule_id, fn, checks, per_meter))
        return fn

    return register


def build_rules_config(data: dict[str, Any]) -> RulesConfig:
    rules = {
        rid: RuleSettings(
            rule_id=rid,
            severity=Severity(d["severity"]),
            title=str(d.get("title", "")),
            thresholds={k: Decimal(str(v)) for k, v in d.get("thresholds", {}).items()},
            source=str(d.get("source", "")),
            enabled=bool(d.get("enabled", True)),
            name=str(d.get("name", "")),
        )
        for rid, d in data["rules"].items()
    }
    prices = {
        carrier: {k: Decimal(str(v)) for k, v in d.items() if k != "source"}
        for carrier, d in data.get("reference_prices", {}).items()
    }
    explanation = data.get("explanations", {})
    batch: dict[str, frozenset[str] | None] = {
        carrier: None if d.get("uses", "all") == "all" else frozenset(str(u) for u in d["uses"])
        for carrier, d in data.get("batch_delivered", {}).get("carriers", {}).items()
    }
    return RulesConfig(
        str(data["version"]),
        rules,
        prices,
        min_text=int(explanation.get("min_text", 0)),
        min_text_for_other=int(explanation.get("min_text_for_other", 0)),
        batch_delivered=batch,
    )
