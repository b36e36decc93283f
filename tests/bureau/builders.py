"""Units and their data.json for the bureau's tests, built from the demo ledger through the unit's
own services (the same figures `gxjn-cli indicators --json` and `check --json` print)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.units import USCC_ALPHABET, InstitutionType, uscc_check_character
from gxjn_desktop.services.bureau.merge import Examined
from gxjn_desktop.services.checks import check_json, check_period
from gxjn_desktop.services.reports import build_indicator_report, indicators_json


def make_uscc(n: int) -> str:
    body = "12450000MB" + "".join(USCC_ALPHABET[(n // 31**i) % 31] for i in range(7))
    return body + uscc_check_character(body)


def variant(
    ledger: Ledger,
    n: int,
    *,
    admin_code: str = "450123",
    institution_type: InstitutionType = InstitutionType.ORGAN,
    people: int | None = None,
    area: Decimal | None = None,
    drop_meters: int = 0,
) -> Ledger:
    """The demo as another unit: other codes, another size, and some meters left out."""
    unit = replace(
        ledger.unit, name=f"测试单位{n}", uscc=make_uscc(n), admin_code=admin_code, institution_type=institution_type
    )
    profiles = {
        y: replace(
            p,
            people=people if people is not None else p.people,
            building_area_m2=area if area is not None else p.building_area_m2,
        )
        for y, p in ledger.profiles.items()
    }
    dropped = {m.code for m in ledger.meters[:drop_meters]}
    # The meters go with their records (and sub-meters with their parent): an active meter without
    # records would make the year incomplete (cli.md §Figures), and every figure null.
    dropped |= {m.code for m in ledger.meters if m.parent_code in dropped}
    meters = tuple(m for m in ledger.meters if m.code not in dropped)
    records = tuple(r for r in ledger.records if r.meter_code not in dropped)
    return replace(ledger, unit=unit, profiles=profiles, meters=meters, records=records)


def data_json(ledger: Ledger, year: int, code: str = "Y", revision: int = 1) -> dict[str, Any]:
    """A data.json as the packet carries it (the parts the bureau reads)."""
    period = Period.parse(year, code)
    report = build_indicator_report(ledger, period)
    profile = ledger.profiles.get(year)
    return {
        "period": {"year": year, "code": period.code, "name": period.label},
        "revision": revision,
        "unit": {
            "name": ledger.unit.name,
            "uscc": ledger.unit.uscc,
            "admin_code": ledger.unit.admin_code,
            "institution_type": ledger.unit.institution_type.value,
            "institution_type_label": ledger.unit.institution_type.label,
        },
        "profile": None
        if profile is None
        else {"people": profile.people, "building_area_m2": f"{profile.building_area_m2:f}"},
        "results": {
            "indicators": indicators_json(ledger, report),
            "previous": None,
            "check": check_json(ledger, check_period(ledger, period)),
        },
        "work_plan": None,
    }


def examined(data: dict[str, Any], *, key: bytes = b"k" * 32, file: str | None = None, salt: str = "") -> Examined:
    """A verified packet as merge sees it, without the zip (for store-level tests)."""
    text = json.dumps(data, ensure_ascii=False)
    unit, period = data["unit"], data["period"]
    name = f"{unit['admin_code']}_{unit['uscc']}_{period['year']}-{period['code']}_r{data['revision']}.zip"
    return Examined(
        file=file or name,
        sha256=hashlib.sha256((text + salt).encode()).hexdigest(),
        ok=True,
        problems=[],
        data_json=text,
        public_key=key.hex(),
        key_fingerprint=hashlib.sha256(key).hexdigest()[:16],
        uscc=unit["uscc"],
        period=f"{period['year']}-{period['code']}",
        revision=data["revision"],
    )
