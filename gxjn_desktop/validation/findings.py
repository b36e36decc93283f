"""Findings: what a rule says about the data, where, how bad, and how to fix it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from gxjn_desktop.domain.records import Explanation


class Severity(Enum):
    ERROR = "error"  # 错误: blocks export
    WARNING = "warning"  # 警告: needs an explanation before export
    INFO = "info"  # 提示: informs

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: a meter (or ``canteen`` / ``garbage`` / ``profile`` / ``unit``),
    a month ``YYYY-MM`` (or a year ``YYYY``), and a field, so the window can select the cell."""

    meter: str | None = None
    month: str | None = None
    field: str | None = None

    @property
    def key(self) -> str:
        return f"{self.meter or '-'}|{self.month or '-'}|{self.field or '-'}"

    def as_dict(self) -> dict[str, str | None]:
        return {"meter": self.meter, "month": self.month, "field": self.field}


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    location: Location
    message: str
    hint: str
    values: tuple[str, ...] = ()  # the judged values: an explanation holds while they are unchanged
    explanation: Explanation | None = None

    @property
    def fingerprint(self) -> str:
        raw = "\x1f".join((self.rule_id, self.location.key, *self.values))
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    @property
    def needs_explanation(self) -> bool:
        return self.severity is Severity.WARNING and self.explanation is None

    @property
    def blocks_export(self) -> bool:
        return self.severity is Severity.ERROR or self.needs_explanation
