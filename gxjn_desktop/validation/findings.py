"""Findings: what a rule says about the data, where, how bad, and how to fix it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.labelled import LabelledEnum
from gxjn_desktop.domain.periods import Period, month_key
from gxjn_desktop.domain.places import RESERVED_PLACES, Place
from gxjn_desktop.domain.records import Explanation


class Severity(LabelledEnum):
    ERROR = "error", "错误"  # blocks export
    WARNING = "warning", "警告"  # needs an explanation before export
    INFO = "info", "提示"  # informs

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True)
class Location:
    """Where a finding points: a place, its year and either a month or a period (or neither, for
    the whole year), and a field, so the window can select the cell. Built by the ``of_*``
    constructors; ``meter`` / ``month`` / ``field`` are the three words of the JSON (cli.md)."""

    place: Place
    year: int
    code: str | None = None  # the meter's code or the carrier's value
    month_number: int | None = None  # 1 … 12 for a month
    period_code: str | None = None  # Y, Q2, M03, YTD-M06 for a finding on a whole period
    field: str | None = None

    @classmethod
    def of_meter(cls, code: str, year: int, month: int, field: str) -> Location:
        return cls(Place.METER, year, code=code, month_number=month, field=field)

    @classmethod
    def of_carrier(cls, carrier: Carrier, period: Period, field: str) -> Location:
        return cls(Place.CARRIER, period.year, code=carrier.value, period_code=period.code, field=field)

    @classmethod
    def of_canteen(cls, year: int, month: int, field: str) -> Location:
        return cls(Place.CANTEEN, year, month_number=month, field=field)

    @classmethod
    def of_garbage(cls, year: int, month: int, field: str) -> Location:
        """``field`` is ``<category>.<field>`` for one category, or a field of the month's report."""
        return cls(Place.GARBAGE, year, month_number=month, field=field)

    @classmethod
    def of_profile(cls, year: int, field: str) -> Location:
        return cls(Place.PROFILE, year, field=field)

    @classmethod
    def of_indicator(cls, period: Period, kind: str) -> Location:
        return cls(Place.INDICATOR, period.year, period_code=period.code, field=kind)

    @classmethod
    def of_quota(cls, period: Period, indicator: str) -> Location:
        return cls(Place.QUOTA, period.year, period_code=period.code, field=indicator)

    @classmethod
    def of_task(cls, year: int, field: str) -> Location:
        return cls(Place.TASK, year, field=field)

    @classmethod
    def from_json(cls, meter: str | None, month: str | None, field: str | None) -> Location | None:
        """The location that ``as_dict`` wrote (a packet's data.json); ``None`` if it is not one."""
        if not meter or not month:
            return None
        year_text, _, rest = month.partition("-")
        if not (len(year_text) == 4 and year_text.isascii() and year_text.isdigit()):
            return None
        year = int(year_text)
        month_number = int(rest) if len(rest) == 2 and rest.isascii() and rest.isdigit() else None
        period_code = rest if rest and month_number is None else None
        if meter in RESERVED_PLACES:
            place = Place(meter)
            code = None
        else:
            place = Place.CARRIER if meter in {c.value for c in Carrier} and period_code else Place.METER
            code = meter
        return cls(place, year, code, month_number, period_code, field)

    @property
    def meter(self) -> str:
        """The JSON's ``meter``: the meter's code, the carrier's value or the place's word."""
        return self.code if self.code is not None else self.place.value

    @property
    def month(self) -> str:
        """The JSON's ``month``: ``2025-06`` for a month, ``2025-Q2`` for a period, ``2025`` for a year."""
        if self.month_number is not None:
            return month_key(self.year, self.month_number)
        if self.period_code is not None:
            return f"{self.year}-{self.period_code}"
        return str(self.year)

    @property
    def in_month(self) -> tuple[int, int] | None:
        """(year, month) when the finding is about one calendar month."""
        return None if self.month_number is None else (self.year, self.month_number)

    @property
    def key(self) -> str:
        return f"{self.meter}|{self.month}|{self.field or '-'}"

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
