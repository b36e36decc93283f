"""data.json: every input and every result of one unit and period, as the packet carries them.

The shape is fixed by resources/schema/packet-data-1.0.json (documented in docs/packet.md); keys may
be added in a later minor version, never renamed. ``results.indicators`` and ``results.check`` are
exactly what ``gxjn-cli indicators --json`` and ``check --json`` print for the period, so a figure
in the packet is the figure the unit saw on its screen.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from gxjn_desktop import __version__
from gxjn_desktop.domain.indicators import indicator_report
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import QUANTITY_PLACES, format_fixed
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.services.checks import check_json, check_period
from gxjn_desktop.services.packet.jsonable import to_jsonable
from gxjn_desktop.services.reference_data import REFERENCE_FILES, load_reference, read_reference_file
from gxjn_desktop.services.reports import build_indicator_report, indicators_json

SCHEMA_NAME = "gxjn-packet-data"
SCHEMA_VERSION = "1.0"

# Keys whose change between revisions is bookkeeping, not a change of the reported data.
_NOT_COMPARED = ("schema", "schema_version", "program_version", "exported_at", "revision", "revision_reason")


def period_name(period: Period) -> str:
    """``2025-Y``, ``2025-Q2``, ``2025-M06``: how a period is named in packets and file names."""
    return f"{period.year}-{period.code}"


def _years_of(period: Period) -> tuple[int, int]:
    return period.year - 1, period.year


def _explanation_year(location_key: str) -> int | None:
    """The year a 说明 belongs to, from its location key ``meter|YYYY-MM|field``."""
    parts = location_key.split("|")
    when = parts[1] if len(parts) > 1 else ""
    return int(when[:4]) if when[:4].isdigit() else None


def packet_inputs(ledger: Ledger, period: Period) -> dict[str, Any]:
    """What was entered: the year's and the previous year's records (year-on-year needs both)."""
    years = _years_of(period)
    return {
        "meters": to_jsonable(sorted(ledger.meters, key=lambda m: m.code)),
        "records": to_jsonable(
            sorted((r for r in ledger.records if r.year in years), key=lambda r: (r.meter_code, r.year, r.month))
        ),
        "replacements": to_jsonable(
            sorted((r for r in ledger.replacements if r.year in years), key=lambda r: (r.meter_code, r.day))
        ),
        "canteen": to_jsonable(sorted((c for c in ledger.canteen if c.year in years), key=lambda c: (c.year, c.month))),
        "garbage": to_jsonable(sorted((g for g in ledger.garbage if g.year in years), key=lambda g: (g.year, g.month))),
        "ewaste": to_jsonable(
            sorted(
                (e for e in ledger.ewaste if e.day.year in years), key=lambda e: (e.day, e.recipient, e.certificate_no)
            )
        ),
        "quotas": to_jsonable(sorted((q for q in ledger.quotas if q.year in years), key=lambda q: q.key)),
        "explanations": to_jsonable(
            sorted(
                (e for e in ledger.explanations if _explanation_year(e.location_key) in years),
                key=lambda e: (e.rule_id, e.location_key),
            )
        ),
    }


def reference_file_versions() -> dict[str, str]:
    """The version of every reference file the figures and the checks were computed with."""
    return {name: str(read_reference_file(name)["version"]) for name in REFERENCE_FILES}


def _previous_results(ledger: Ledger, period: Period, ref: ReferenceData) -> dict[str, Any] | None:
    previous = period.previous_year()
    report = indicator_report(ledger, ref, previous)
    if not report.figures.has_data:
        return None
    full = indicators_json(ledger, report, ref)
    return {
        "year": previous.year,
        "people": full["people"],
        "area_m2": full["area_m2"],
        "comprehensive_energy_tce": full["comprehensive_energy_tce"],
        "building_energy_tce": full["building_energy_tce"],
        "co2_t": full["co2_t"],
        "water_m3": format_fixed(report.figures.water_t, QUANTITY_PLACES),
        "totals": full["totals"],
    }


def build_packet_data(
    ledger: Ledger,
    period: Period,
    *,
    revision: int,
    revision_reason: str | None = None,
    previous_data: dict[str, Any] | None = None,
    ref: ReferenceData | None = None,
    today: date | None = None,
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """The packet's data.json as a dict (``previous_data``: the data.json of the revision before)."""
    ref = ref or load_reference()
    when = (exported_at or datetime.now().astimezone()).replace(microsecond=0)
    unit = to_jsonable(ledger.unit)
    unit["institution_type_label"] = ledger.unit.institution_type.label
    unit["climate_zone_label"] = ledger.unit.climate_zone.label
    profile = ledger.profiles.get(period.year)
    previous_profile = ledger.profiles.get(period.year - 1)
    report = build_indicator_report(ledger, period, ref)
    check = check_period(ledger, period, today)
    data: dict[str, Any] = {
        "schema": SCHEMA_NAME,
        "schema_version": SCHEMA_VERSION,
        "program_version": __version__,
        "exported_at": when.isoformat(),
        "period": {
            "year": period.year,
            "code": period.code,
            "name": period_name(period),
            "label": period.label,
            "months": list(period.months),
        },
        "revision": revision,
        "revision_reason": revision_reason,
        "changes_from_previous": [],
        "unit": unit,
        "profile": None if profile is None else to_jsonable(profile),
        "previous_profile": None if previous_profile is None else to_jsonable(previous_profile),
        "inputs": packet_inputs(ledger, period),
        "results": {
            "indicators": indicators_json(ledger, report, ref),
            "previous": _previous_results(ledger, period, ref),
            "check": check_json(ledger, check),
        },
        "reference_versions": reference_file_versions(),
        "work_plan": None,
    }
    if previous_data is not None:
        data["changes_from_previous"] = changes_between(previous_data, data)
    return data


# ---- differences between revisions ------------------------------------------------------------

# Lists of entries with an identity: compared entry by entry under that identity, so inserting one
# record does not show every later record as changed.
_IDENTITIES: dict[str, tuple[str, ...]] = {
    "meters": ("code",),
    "records": ("meter_code", "year", "month"),
    "replacements": ("meter_code", "day"),
    "canteen": ("year", "month"),
    "garbage": ("year", "month"),
    "ewaste": ("day", "recipient", "certificate_no"),
    "quotas": ("year", "indicator", "level"),
    "explanations": ("rule_id", "location_key"),
}


def _identity(entry: Any, keys: tuple[str, ...]) -> str:
    if not isinstance(entry, dict):
        return repr(entry)
    dated = "month" in keys
    parts = [str(entry.get(k)) for k in keys if not (dated and k in ("year", "month"))]
    if dated:  # a month is named as everywhere else: 2025-06
        parts.append(f"{entry.get('year')}-{entry.get('month'):02}")
    return " ".join(parts)


def _keyed(data: dict[str, Any]) -> dict[str, Any]:
    """The compared part of data.json, with the input lists turned into maps by identity."""
    out = {k: v for k, v in data.items() if k not in _NOT_COMPARED and k not in ("changes_from_previous", "results")}
    inputs = data.get("inputs")
    if isinstance(inputs, dict):
        out["inputs"] = {
            name: (
                {_identity(e, _IDENTITIES[name]): e for e in value}
                if name in _IDENTITIES and isinstance(value, list)
                else value
            )
            for name, value in inputs.items()
        }
    return out


def _diff(before: Any, after: Any, path: str, out: list[dict[str, Any]]) -> None:
    if isinstance(before, dict) and isinstance(after, dict):
        for key in [*before, *(k for k in after if k not in before)]:
            entry_level = path.startswith("inputs.") and path.count(".") == 1 and "[" not in path
            sub = f"{path}[{key}]" if entry_level and path[7:] in _IDENTITIES else f"{path}.{key}"
            _diff(before.get(key), after.get(key), sub.lstrip("."), out)
        return
    if before != after:
        out.append({"path": path, "before": before, "after": after})


def changes_between(previous: dict[str, Any], current: dict[str, Any]) -> list[dict[str, Any]]:
    """Field by field, what the unit changed in its inputs (unit, profiles, ledger) since ``previous``.

    Results follow from inputs and are not listed: a changed reading shows as that reading, not as
    every total it moved. An entry added or removed shows with ``before`` or ``after`` null.
    """
    out: list[dict[str, Any]] = []
    _diff(_keyed(previous), _keyed(current), "", out)
    return out
