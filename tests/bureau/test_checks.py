"""The bureau's own checks across units, on figures made for the purpose (SQLite and PostgreSQL)."""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.bureau.checks import cross_unit_flags
from gxjn_desktop.services.bureau.merge import apply_examined
from gxjn_desktop.services.bureau.store import BureauStore, transaction
from tests.bureau.builders import data_json, examined, make_uscc
from tests.bureau.conftest import both_engines


def as_unit(base: dict[str, Any], n: int, year: int = 2024, people: int = 120) -> dict[str, Any]:
    d = copy.deepcopy(base)
    d["unit"].update({"uscc": make_uscc(n), "name": f"单位{n}"})
    d["period"]["year"] = year
    d["results"]["indicators"]["people"] = people
    return d


def put(store: BureauStore, items: list[dict[str, Any]]) -> None:
    for d in items:
        with transaction(store) as repo:
            apply_examined(repo, examined(d, key=d["unit"]["uscc"].encode()[:16] * 2), now=datetime(2026, 1, 1))


@both_engines
def test_profile_price_and_indicator_flags(store: BureauStore, demo_ledger: Ledger) -> None:
    base = data_json(demo_ledger, 2024)
    units = [as_unit(base, n) for n in range(1, 7)]
    # Unit 1: 用能人数 120 last year, 150 now (+25 %), and it explained PROFILE-CHANGE in its packet.
    units[0]["results"]["indicators"]["people"] = 150
    units[0]["results"]["check"]["findings"].append(
        {"rule": "PROFILE-CHANGE", "severity": "warning", "explanation": {"cause": "机构调整", "text": "新增两个科室"}}
    )
    # Unit 2: electricity at three times everyone else's price.
    elec = next(t for t in units[1]["results"]["indicators"]["totals"] if t["code"] == "electricity")
    elec["cost_yuan"] = f"{3 * float(elec['cost_yuan']):.2f}"
    # Unit 3: 人均综合能耗 ten times its peers'.
    ind = units[2]["results"]["indicators"]["indicators"]["energy_per_capita_kgce"]
    ind["value"] = "8082.6740"
    put(store, [as_unit(base, 1, year=2023), *units])
    flags = cross_unit_flags(store, 2024)
    got = {(f["check"], f["name"]) for f in flags}
    assert got == {
        ("PROFILE-MOVED", "单位1"),
        ("PRICE-FAR-FROM-MEDIAN", "单位2"),
        ("INDICATOR-OUTLIER", "单位3"),
    }
    moved = next(f for f in flags if f["check"] == "PROFILE-MOVED")
    assert "120" in moved["message"] and "150" in moved["message"] and "25.00%" in moved["message"]
    assert moved["explanation"] == "机构调整：新增两个科室"
