"""The 汇总 computation: a small set worked out by hand, the demo's own figures, both engines."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.units import InstitutionType
from gxjn_desktop.services.bureau.merge import ACCEPTED, apply_examined
from gxjn_desktop.services.bureau.store import BureauStore, open_store, transaction
from gxjn_desktop.services.bureau.summary import BY_REGION, BY_TYPE, compute_summary, load_summary, summary_json
from tests.bureau.builders import data_json, examined, variant
from tests.bureau.conftest import both_engines, drop_pg_database, fresh_pg_database

YEAR = 2024


def row(
    uscc: str, code: str, kind: str, people: int | None, area: str, tce: str, co2: str, water: str | None
) -> dict[str, Any]:
    return {
        "uscc": uscc,
        "name": uscc,
        "admin_code": code,
        "institution_type": kind,
        "revision": 1,
        "people": people,
        "area_m2": D(area),
        "comprehensive_energy_tce": D(tce),
        "building_energy_tce": D(tce),
        "co2_t": D(co2),
        "water_m3": None if water is None else D(water),
        "cost_yuan": None,
        "open_warnings": 0,
        "explained_warnings": 0,
    }


# Five units worked out by hand: C has no 用能人数, B no water figure.
HAND = [
    row("A", "450123", "01", 100, "1000", "10.0000", "20.0000", "500"),
    row("B", "450124", "021", 200, "3000", "30.0000", "50.0000", None),
    row("C", "450100", "024", None, "2000", "8.0000", "10.0000", "100"),
    row("D", "450203", "03", 50, "500", "2.0000", "4.0000", "50"),
    row("E", "450000", "023", 10, "100", "1.0000", "1.0000", "5"),
]


def by_key(summary: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(g["level"], g["key"]): g for g in summary["groups"]}


def test_region_summary_worked_by_hand() -> None:
    assert_region_by_hand(summary_json(compute_summary(HAND, [], year=YEAR, period="2024-Y", by=BY_REGION)))


def hand_data(r: dict[str, Any]) -> dict[str, Any]:
    """A data.json carrying one HAND row's figures (the parts the bureau reads)."""
    water = (
        []
        if r["water_m3"] is None
        else [{"code": "water", "carrier": "水", "unit": "t", "quantity": str(r["water_m3"])}]
    )
    return {
        "period": {"year": YEAR, "code": "Y", "name": "2024年"},
        "revision": 1,
        "unit": {
            "name": r["name"],
            "uscc": r["uscc"],
            "admin_code": r["admin_code"],
            "institution_type": r["institution_type"],
        },
        "results": {
            "indicators": {
                "people": r["people"],
                **{k: str(r[k]) for k in ("area_m2", "comprehensive_energy_tce", "building_energy_tce", "co2_t")},
                "totals": water,
            },
            "check": {},
        },
    }


@both_engines
def test_region_subtotals_of_the_store_worked_by_hand(store: BureauStore) -> None:
    """The same hand-worked set merged into the store: on PostgreSQL its GROUPING SETS make the
    subtotals, on SQLite pandas does; the numbers are the hand-worked ones either way."""
    merge_data(store, [hand_data(r) for r in HAND])
    s = summary_json(load_summary(store, YEAR, "Y", BY_REGION))
    assert_region_by_hand(s)
    with transaction(store) as repo:
        rows, carriers = repo.current_facts("2024-Y"), repo.current_carriers("2024-Y")
        rollup = repo.region_rollup("2024-Y", [("energy_per_capita_kgce", "comprehensive_energy_tce", "people")])
    assert (rollup is not None) == (store.dialect == "postgresql")
    pandas_only = summary_json(compute_summary(rows, carriers, year=YEAR, period="2024-Y", by=BY_REGION))
    assert s == pandas_only


def assert_region_by_hand(s: dict[str, Any]) -> None:
    assert [(g["level"], g["key"], g["label"], g["units"]) for g in s["groups"]] == [
        ("region", "450000", "广西壮族自治区", 5),
        ("county", "450000", "区直", 1),
        ("city", "450100", "南宁市", 3),
        ("county", "450100", "南宁市本级", 1),
        ("county", "450123", "隆安县", 1),
        ("county", "450124", "马山县", 1),
        ("city", "450200", "柳州市", 1),
        ("county", "450203", "鱼峰区", 1),
    ]
    g = by_key(s)
    region = g[("region", "450000")]
    # 用能人数: C has none, so 4 units and never a zero added for C.
    assert region["people"] == {"value": 360, "units": 4}
    assert region["comprehensive_energy_tce"] == {"value": "51.0000", "units": 5}
    assert region["area_m2"] == {"value": "6600.00", "units": 5}
    assert region["water_m3"] == {"value": "655.00", "units": 4}
    ind = region["indicators"]
    # Σ energy / Σ people over the units that report both (C left out): 43 tce / 360 人.
    assert ind["energy_per_capita_kgce"]["value"] == "119.4444" and ind["energy_per_capita_kgce"]["units"] == 4
    assert ind["energy_per_area_kgce_m2"]["value"] == "7.7273"  # 51,000 kgce / 6,600 m²
    assert ind["water_per_capita_m3"]["value"] == "3.4688" and ind["water_per_capita_m3"]["units"] == 3  # 555 / 160
    assert ind["co2_per_area_kgco2_m2"]["value"] == "12.8788"  # 85,000 / 6,600
    nanning = g[("city", "450100")]
    assert nanning["people"] == {"value": 300, "units": 2}
    assert nanning["comprehensive_energy_tce"]["value"] == "48.0000"
    assert nanning["indicators"]["energy_per_capita_kgce"]["value"] == "133.3333"  # 40,000 / 300
    assert g[("county", "450100")]["people"] == {"value": None, "units": 0}
    assert g[("county", "450100")]["indicators"]["energy_per_capita_kgce"] == {
        "label": "人均综合能耗",
        "unit": "kgce/人",
        "value": None,
        "units": 0,
    }
    assert s["total"]["comprehensive_energy_tce"] == region["comprehensive_energy_tce"]


def test_type_summary_worked_by_hand() -> None:
    s = summary_json(compute_summary(HAND, [], year=YEAR, period="2024-Y", by=BY_TYPE))
    got = {g["key"]: (g["label"], g["units"], g["comprehensive_energy_tce"]["value"]) for g in s["groups"]}
    assert got == {
        "S001": ("合计", 5, "51.0000"),
        "S002": ("国家机关", 1, "10.0000"),
        "S003": ("事业单位小计", 3, "39.0000"),
        "S004": ("教育", 1, "30.0000"),
        "S005": ("科技", 0, None),
        "S006": ("文化", 1, "1.0000"),
        "S007": ("卫生", 1, "8.0000"),
        "S008": ("体育", 0, None),
        "S009": ("其他", 0, None),
        "S010": ("团体组织", 1, "2.0000"),
    }
    sub = next(g for g in s["groups"] if g["key"] == "S003")
    assert sub["people"] == {"value": 210, "units": 2}
    assert sub["indicators"]["energy_per_capita_kgce"]["value"] == "147.6190"  # 31,000 / 210


def merge_data(store: BureauStore, items: list[dict[str, Any]]) -> None:
    from datetime import datetime

    for i, d in enumerate(items):
        with transaction(store) as repo:
            out = apply_examined(repo, examined(d, key=bytes([i % 256]) * 32), now=datetime(2026, 1, 1))
            assert out.outcome == ACCEPTED, out


@both_engines
def test_the_demo_units_figures_equal_the_bureaus_to_the_last_digit(store: BureauStore, demo_ledger: Ledger) -> None:
    d = data_json(demo_ledger, YEAR)
    merge_data(store, [d])
    s = summary_json(load_summary(store, YEAR, "Y", BY_REGION))
    unit = d["results"]["indicators"]
    total = s["total"]
    assert total["units"] == 1
    assert total["people"]["value"] == unit["people"]
    assert total["comprehensive_energy_tce"]["value"] == unit["comprehensive_energy_tce"]
    assert total["building_energy_tce"]["value"] == unit["building_energy_tce"]
    assert total["co2_t"]["value"] == unit["co2_t"]
    assert D(total["area_m2"]["value"]) == D(unit["area_m2"])
    carriers = {c["code"]: c for c in total["carriers"]}
    for t in unit["totals"]:
        c = carriers[t["code"]]
        assert (c["quantity"], c["cost_yuan"], c["tce"]) == (t["quantity"], t["cost_yuan"], t["tce"]), t["code"]


def generated(demo_ledger: Ledger) -> list[dict[str, Any]]:
    kinds = [InstitutionType.ORGAN, InstitutionType.EDUCATION, InstitutionType.HEALTH, InstitutionType.ASSOCIATION]
    codes = ["450103", "450123", "450203", "450000", "450100"]
    out = []
    for n in range(1, 7):
        led = variant(
            demo_ledger,
            n,
            admin_code=codes[n % len(codes)],
            institution_type=kinds[n % len(kinds)],
            people=37 * n + 3,
            area=D(f"{1234.5 * n:.1f}"),
            drop_meters=n % 3,
        )
        out.append(data_json(led, YEAR))
    return out


@both_engines
def test_generated_units_sum_exactly(store: BureauStore, demo_ledger: Ledger) -> None:
    items = generated(demo_ledger)
    merge_data(store, items)
    s = summary_json(load_summary(store, YEAR, "Y", BY_TYPE))
    total = s["total"]
    want_tce = sum(D(d["results"]["indicators"]["comprehensive_energy_tce"]) for d in items)
    want_people = sum(d["results"]["indicators"]["people"] for d in items)
    assert total["comprehensive_energy_tce"]["value"] == f"{want_tce:.4f}"
    assert total["people"]["value"] == want_people
    assert total["units"] == len(items)
    for d in items:  # each unit alone, as the bureau holds it, is exactly what the unit reported
        with transaction(store) as repo:
            rows = {r["uscc"]: r for r in repo.current_facts("2024-Y")}
        r = rows[d["unit"]["uscc"]]
        assert f"{r['co2_t']:.4f}" == d["results"]["indicators"]["co2_t"]


def test_same_merge_same_totals_on_both_engines(tmp_path, pg_url: str, demo_ledger: Ledger) -> None:  # type: ignore[no-untyped-def]
    items = generated(demo_ledger)
    url, name = fresh_pg_database(pg_url)
    results = []
    try:
        for where in (None, url):
            store = open_store(tmp_path / "b", where)
            try:
                merge_data(store, items)
                results.append(
                    (
                        summary_json(load_summary(store, YEAR, by=BY_REGION)),
                        summary_json(load_summary(store, YEAR, by=BY_TYPE)),
                    )
                )
                with transaction(store) as repo:
                    sql = repo.sql_totals("2024-Y")
                if where is not None:  # PostgreSQL's own NUMERIC sum agrees with pandas' Decimal sum
                    assert (
                        f"{sql['comprehensive_energy_tce']:.4f}"
                        == results[-1][0]["total"]["comprehensive_energy_tce"]["value"]
                    )
            finally:
                store.close()
    finally:
        drop_pg_database(pg_url, name)
    assert results[0] == results[1]


@pytest.mark.parametrize("by", ["bogus"])
def test_unknown_grouping_is_a_user_error(by: str) -> None:
    from gxjn_desktop.errors import UserError

    with pytest.raises(UserError):
        compute_summary(HAND, [], year=YEAR, period="2024-Y", by=by)


def test_carriers_come_in_the_forms_order_whatever_order_the_rows_come_in(demo_ledger: Ledger) -> None:
    """The database may return carrier rows in any order (PostgreSQL and SQLite differ); the
    tables list carriers in the form's order either way."""
    from gxjn_desktop.domain.bureau import facts_from_data

    items = generated(demo_ledger)
    rows, carriers = [], []
    for d in items:
        f = facts_from_data(d)
        rows.append({"uscc": f.uscc, "name": f.name, "admin_code": f.admin_code, "institution_type": f.institution_type,
                     "revision": 1, "people": f.people, "area_m2": f.area_m2,
                     "comprehensive_energy_tce": f.comprehensive_energy_tce, "building_energy_tce": f.building_energy_tce,
                     "co2_t": f.co2_t, "water_m3": f.water_m3, "cost_yuan": f.cost_yuan, "open_warnings": 0,
                     "explained_warnings": 0})  # fmt: skip
        carriers += [{"uscc": f.uscc, "code": c.code, "label": c.label, "unit": c.unit, "quantity": c.quantity,
                      "cost_yuan": c.cost_yuan, "tce": c.tce, "part_of": c.part_of} for c in f.carriers]  # fmt: skip
    for by in (BY_REGION, BY_TYPE):
        forward = summary_json(compute_summary(rows, carriers, year=YEAR, period="2024-Y", by=by))
        backward = summary_json(compute_summary(rows, carriers[::-1], year=YEAR, period="2024-Y", by=by))
        assert forward == backward
        codes = [c["code"] for c in forward["total"]["carriers"]]
        assert codes[0] == "electricity" and codes.index("electricity") < codes.index("water")
