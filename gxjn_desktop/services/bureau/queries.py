"""Reading what the bureau accepted: the packets' data.json, and each unit's own figures."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from gxjn_desktop.services.bureau.store import BureauStore, transaction
from gxjn_desktop.services.bureau.summary import parse_period


def accepted_packets(store: BureauStore, year: int, period: str = "Y") -> Iterator[dict[str, Any]]:
    """The data.json of every unit's counted packet for the period (latest accepted revision),
    parsed, one unit at a time in USCC order. For later features such as the work-plan progress."""
    name = parse_period(year, period)
    with transaction(store) as repo:
        texts = list(repo.accepted_data(name))
    for text in texts:
        data: dict[str, Any] = json.loads(text)
        yield data


def unit_details(store: BureauStore, year: int, period: str = "Y") -> list[dict[str, Any]]:
    """Per unit: its figures, the four indicators with year on year and target status, its open
    flags and its explanations, exactly as its packet states them."""
    out: list[dict[str, Any]] = []
    for data in accepted_packets(store, year, period):
        unit = data.get("unit") or {}
        results = data.get("results") or {}
        ind = results.get("indicators") or {}
        check = results.get("check") or {}
        findings = [f for f in check.get("findings") or [] if isinstance(f, dict)]
        out.append(
            {
                "uscc": unit.get("uscc"),
                "name": unit.get("name"),
                "admin_code": unit.get("admin_code"),
                "institution_type": unit.get("institution_type"),
                "institution_type_label": unit.get("institution_type_label"),
                "revision": data.get("revision"),
                "people": ind.get("people"),
                "area_m2": ind.get("area_m2"),
                "comprehensive_energy_tce": ind.get("comprehensive_energy_tce"),
                "building_energy_tce": ind.get("building_energy_tce"),
                "co2_t": ind.get("co2_t"),
                "indicators": ind.get("indicators") or {},
                "open_flags": [
                    f for f in findings if f.get("severity") in ("error", "warning") and not f.get("explanation")
                ],
                "explanations": [f for f in findings if f.get("explanation")],
            }
        )
    return out
