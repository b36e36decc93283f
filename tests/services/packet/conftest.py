"""A realistic data.json for the report renderers: the demo's complete year, as the packet carries it."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.checks import check_json, check_period
from gxjn_desktop.services.reports import build_indicator_report, indicators_json
from tests.conftest import DEMO_TODAY

FINGERPRINT = "RWQ3F2A9C81D07E4B5 · 9f86d081884c7d65"


def _jsonable(value: Any) -> Any:
    # The shape of services.packet.data.to_jsonable (dataclass fields, enum values with *_label).
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            out[f.name] = _jsonable(v)
            if isinstance(v, Enum) and isinstance(getattr(v, "label", None), str):
                out[f"{f.name}_label"] = v.label
        return out
    if isinstance(value, dict):
        return {str(_jsonable(k)): _jsonable(v) for k, v in value.items()}
    return [_jsonable(v) for v in value]


def packet_data(ledger: Ledger, period: Period) -> dict[str, Any]:
    try:  # the packet's own builder, once it is on main
        from gxjn_desktop.services.packet.data import build_packet_data
    except ImportError:
        pass
    else:
        return build_packet_data(ledger, period, revision=1, today=DEMO_TODAY)
    years = (period.year - 1, period.year)
    unit = _jsonable(ledger.unit)
    unit["institution_type_label"] = ledger.unit.institution_type.label
    return {
        "schema_version": "1.0",
        "program_version": "0.0.0",
        "exported_at": "2026-01-15T10:30:00+08:00",
        "period": {
            "year": period.year,
            "code": period.code,
            "name": f"{period.year}-{period.code}",
            "label": period.label,
            "months": list(period.months),
        },
        "revision": 1,
        "revision_reason": None,
        "changes_from_previous": [],
        "unit": unit,
        "profile": _jsonable(ledger.profiles.get(period.year)),
        "previous_profile": _jsonable(ledger.profiles.get(period.year - 1)),
        "inputs": {
            "meters": _jsonable(ledger.meters),
            "records": _jsonable([r for r in ledger.records if r.year in years]),
            "replacements": _jsonable([r for r in ledger.replacements if r.year in years]),
            "canteen": _jsonable([c for c in ledger.canteen if c.year in years]),
            "garbage": _jsonable([g for g in ledger.garbage if g.year in years]),
            "ewaste": _jsonable([e for e in ledger.ewaste if e.day.year in years]),
            "quotas": _jsonable([q for q in ledger.quotas if q.year in years]),
            "explanations": _jsonable(ledger.explanations),
        },
        "results": {
            "indicators": indicators_json(ledger, build_indicator_report(ledger, period)),
            "previous": None,
            "check": check_json(ledger, check_period(ledger, period, DEMO_TODAY)),
        },
        "reference_versions": {},
        "work_plan": None,
    }


@pytest.fixture(scope="session")
def demo_data(demo_ledger: Ledger) -> dict[str, Any]:
    """data.json of the demo's earlier year (complete, every warning explained)."""
    return packet_data(demo_ledger, Period.parse(DEMO_TODAY.year - 2))
