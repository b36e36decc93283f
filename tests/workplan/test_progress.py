"""bureau progress: every goal over packets made by the program, checked against sums worked out by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.units import AdminLevel, InstitutionType, uscc_check_character
from gxjn_desktop.domain.workplan import EmcType, TaskKind, TaskStatus, WorkTask
from gxjn_desktop.services.packet.data import build_packet_data
from gxjn_desktop.services.workplan.plans import plan_for
from gxjn_desktop.services.workplan.progress import compute_progress

Y = 2025  # the demo's later year: 2024 is its year-on-year base
S, K = TaskStatus, TaskKind
ORGAN, EDU, HEALTH, CULTURE = (
    InstitutionType.ORGAN,
    InstitutionType.EDUCATION,
    InstitutionType.HEALTH,
    InstitutionType.CULTURE,
)


def _task(kind: TaskKind, status: TaskStatus | None = None, quantity: str | None = None, **kw: Any) -> WorkTask:
    return WorkTask(kind, Y, status=status, quantity=None if quantity is None else Decimal(quantity), **kw)


# name, admin_code, 机构类型, 行政层级, 党政机关, tasks, keeps the demo's e-waste (22 件 in 2025)
UNITS: list[tuple[str, str, InstitutionType, AdminLevel, bool, tuple[WorkTask, ...], bool]] = [
    (
        "A 区直机关",
        "450103",
        ORGAN,
        AdminLevel.REGIONAL,
        True,
        (
            _task(K.RETROFIT, S.COMPLETED, "1000", name="照明"),
            _task(K.RETROFIT, S.PLANNED, "500", name="外窗"),  # planned: not counted
            _task(K.PV, S.COMPLETED, "30", name="屋顶", meter_code="P1"),
            _task(K.WATER_SAVING, S.BUILT, built_year=Y),
            _task(K.SAVING_ORG, S.BUILT, built_year=Y),
        ),
        True,
    ),
    ("B 区直机关", "450102", ORGAN, AdminLevel.REGIONAL, False, (_task(K.WATER_SAVING, S.CREATING),), True),
    (
        "C 市直机关",
        "450203",
        ORGAN,
        AdminLevel.CITY,
        True,
        (
            _task(K.WATER_SAVING, S.BUILT),
            _task(K.SAVING_ORG, S.CREATING),
            _task(K.EMC, S.IN_PROGRESS, name="托管", emc_type=EmcType.ENERGY_MANAGEMENT),
            _task(K.EMC, S.PLANNED, name="分享", emc_type=EmcType.SHARED_SAVINGS),  # planned: not counted
            _task(K.PV, S.IN_PROGRESS, "20", name="在建", meter_code="P1"),  # not commissioned: not counted
        ),
        True,
    ),
    ("D 区直事业单位", "450104", EDU, AdminLevel.REGIONAL, False, (_task(K.WATER_SAVING, S.BUILT),), True),
    ("E 区直事业单位", "450105", HEALTH, AdminLevel.REGIONAL, False, (_task(K.STEAM_ELECTRIFICATION, S.YES),), True),
    ("F 市直事业单位", "450304", CULTURE, AdminLevel.CITY, False, (_task(K.WATER_SAVING, S.REVIEWED),), True),
    (
        "G 县级机关",
        "450123",
        ORGAN,
        AdminLevel.COUNTY,
        True,
        (_task(K.SAVING_ORG, S.REVIEWED, built_year=2022),),
        False,
    ),
    ("H 县级机关（无工作任务）", "450124", ORGAN, AdminLevel.COUNTY, True, (), False),
]


def _uscc(i: int) -> str:
    body = f"12450100MB{i:07d}"
    return body + uscc_check_character(body)


@pytest.fixture(scope="module")
def packets(demo_ledger: Ledger) -> list[dict[str, Any]]:
    out = []
    for i, (name, code, itype, level, party, tasks, ewaste) in enumerate(UNITS):
        unit = replace(demo_ledger.unit, name=name, uscc=_uscc(i), admin_code=code, institution_type=itype,
                       admin_level=level, party_government_organ=party)  # fmt: skip
        ledger = replace(demo_ledger, unit=unit, tasks=tasks, ewaste=demo_ledger.ewaste if ewaste else ())
        data = build_packet_data(ledger, Period.parse(Y), revision=1)
        out.append(json.loads(json.dumps(data, ensure_ascii=False)))  # as the bureau reads it back
    return out


@pytest.fixture(scope="module")
def progress(packets: list[dict[str, Any]]) -> dict[str, Any]:
    return compute_progress(packets, plan_for(Y), Y)


def _goal(progress: dict[str, Any], goal: str) -> dict[str, Any]:
    found: dict[str, Any] = next(g for g in progress["goals"] if g["goal"] == goal)
    return found


def test_every_goal_of_the_plan_is_listed_with_target_and_achieved(progress: dict[str, Any]) -> None:
    assert progress["year"] == Y and progress["plan"]["carried_over"] is True
    assert "沿用 2023 年工作安排目标" in progress["plan"]["label"]
    assert [g["goal"] for g in progress["goals"]] == [g["goal"] for g in progress["plan"]["goals"]]
    for g in progress["goals"]:
        assert {"goal", "target", "achieved", "unit", "share_pct", "units_counted"} <= set(g)


def test_counted_goals_are_the_sums_worked_out_by_hand(progress: dict[str, Any]) -> None:
    retrofit = _goal(progress, "retrofit_area_m2")
    assert (retrofit["target"], retrofit["achieved"]) == ("1800000", "1000")  # A's completed project only
    assert retrofit["share_pct"] == "0.06"  # 1000 / 1 800 000 = 0.0556 %
    assert [u["name"] for u in retrofit["units"]] == ["A 区直机关"]
    assert retrofit["units_counted"] == 8
    pv = _goal(progress, "pv_projects")
    assert (pv["achieved"], pv["share_pct"]) == ("1", "2.00")  # C's array is not yet commissioned
    assert _goal(progress, "pv_capacity_kw")["achieved"] == "30"
    assert _goal(progress, "pv_capacity_kw")["target"] is None
    emc = _goal(progress, "emc_projects")
    assert (emc["achieved"], emc["share_pct"]) == ("1", "5.56")  # 1 / 18
    ewaste = _goal(progress, "ewaste_items")
    assert ewaste["achieved"] == "132"  # six units × 22 件; G and H disposed of nothing
    assert {u["name"] for u in ewaste["units_reporting_nothing"]} >= {"G 县级机关", "H 县级机关（无工作任务）"}
    assert ewaste["by"]["admin_level"] == {"city": "44", "county": "0", "regional": "88"}


def test_saving_org_share_counts_party_organs_cumulatively(progress: dict[str, Any]) -> None:
    g = _goal(progress, "saving_org_share_pct")
    # 党政机关: A (built), C (创建中), G (复核通过, built 2022), H (nothing) → 2 of 4
    assert (g["count"], g["units_counted"], g["achieved"], g["target"]) == (2, 4, "50.00", "85")
    assert g["base_units"] == 980 and g["share_of_base_pct"] == "0.20"  # 2 / 980
    assert {u["name"] for u in g["units"]} == {"A 区直机关", "G 县级机关"}
    assert g["status"] == "not_met"


@pytest.mark.parametrize(
    ("goal", "count", "counted", "share"),
    [
        ("water_saving_share_pct_regional_organs", 1, 2, "50.00"),  # A built, B 创建中
        ("water_saving_share_pct_city_organs", 1, 1, "100.00"),  # C built
        ("water_saving_share_pct_regional_institutions", 1, 2, "50.00"),  # D built, E not
        ("water_saving_share_pct_city_institutions", 1, 1, "100.00"),  # F 复核通过
    ],
)
def test_water_saving_shares_by_group(
    progress: dict[str, Any], goal: str, count: int, counted: int, share: str
) -> None:
    g = _goal(progress, goal)
    assert (g["count"], g["units_counted"], g["achieved"], g["share_pct"]) == (count, counted, share, share)


def test_county_units_are_in_no_water_saving_group(progress: dict[str, Any]) -> None:
    names = {
        u["name"]
        for g in progress["goals"]
        if g["goal"].startswith("water_saving")
        for u in g["units"] + g["units_not_built"]
    }
    assert not names & {"G 县级机关", "H 县级机关（无工作任务）"}


def test_units_that_reported_nothing_are_named(progress: dict[str, Any]) -> None:
    assert [u["name"] for u in progress["units_reporting_nothing"]] == ["H 县级机关（无工作任务）"]


def test_indicators_are_ratios_of_regional_sums(packets: list[dict[str, Any]], progress: dict[str, Any]) -> None:
    twice = json.loads(json.dumps(packets))
    basis = twice[0]["work_plan"]["summary"]["indicator_basis"]
    for y in basis:  # the first unit twice as many people: a mean of ratios would differ
        basis[y]["people"] *= 2
    got = compute_progress(twice, plan_for(Y), Y)["indicators"][0]
    b = [p["work_plan"]["summary"]["indicator_basis"] for p in twice]
    energy = [sum(Decimal(x[str(y)]["comprehensive_energy_kgce"]) for x in b) for y in (Y, Y - 1)]
    people = [sum(Decimal(x[str(y)]["people"]) for x in b) for y in (Y, Y - 1)]
    value, previous = energy[0] / people[0], energy[1] / people[1]
    assert got["value"] == f"{value.quantize(Decimal('0.0001'))}"
    assert got["change_pct"] == f"{((value - previous) / previous * 100).quantize(Decimal('0.01'))}"
    assert got["target_pct"] == "-1.1" and got["units_counted"] == len(UNITS)
    assert [i["indicator"] for i in progress["indicators"]] == [
        "energy_per_capita_kgce",
        "energy_per_area_kgce_m2",
        "water_per_capita_m3",
        "co2_per_area_kgco2_m2",
    ]


def test_a_packet_without_a_work_plan_is_counted_as_reporting_nothing(packets: list[dict[str, Any]]) -> None:
    old = json.loads(json.dumps(packets[0]))
    old["work_plan"] = None
    got = compute_progress([old], plan_for(Y), Y)
    assert got["units_with_work_plan"] == 0 and len(got["units_reporting_nothing"]) == 1
    assert _goal(got, "retrofit_area_m2")["units_counted"] == 0


def test_bureau_progress_reads_the_accepted_packets_from_the_store(
    packets: list[dict[str, Any]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gxjn_desktop.cli.main import main
    from gxjn_desktop.services.bureau.merge import apply_examined
    from gxjn_desktop.services.bureau.store import open_store, transaction
    from tests.bureau.builders import examined

    bureau = tmp_path / "bureau"
    bureau.mkdir()
    store = open_store(bureau)
    try:
        for i, data in enumerate(packets):
            with transaction(store) as repo:
                outcome = apply_examined(repo, examined(data, key=bytes([i + 1]) * 32), now=datetime(2026, 2, 1))
            assert outcome.outcome == "accepted", outcome.detail
    finally:
        store.close()
    from openpyxl import load_workbook

    from gxjn_desktop.cli.cmd_bureau import _write  # what `bureau merge --out` writes

    store = open_store(bureau)
    try:
        _write(store, (Y, "Y"), None, None, tmp_path / "汇总.xlsx")
    finally:
        store.close()
    sheet = load_workbook(tmp_path / "汇总.xlsx")["工作安排进度"]
    assert any(row[0] == "既有建筑节能改造面积" and row[2] == 1000 for row in sheet.iter_rows(values_only=True))
    assert main(["--data-dir", str(bureau), "bureau", "progress", "--year", str(Y), "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert _goal(got, "retrofit_area_m2")["achieved"] == "1000" and got["units"] == len(UNITS)
    assert _goal(got, "water_saving_share_pct_regional_institutions")["achieved"] == "50.00"
    assert main(["--data-dir", str(bureau), "bureau", "progress", "--year", str(Y)]) == 0
    text = capsys.readouterr().out
    assert "沿用 2023 年工作安排目标" in text and "既有建筑节能改造面积：1000 m²" in text


def test_the_progress_sheet_reads_back_with_every_goal_and_unit(progress: dict[str, Any], tmp_path: Path) -> None:
    from openpyxl import Workbook, load_workbook

    from gxjn_desktop.services.workplan.progress_sheet import SHEET, write_progress_sheet

    wb = Workbook()
    write_progress_sheet(wb, progress)
    wb.save(tmp_path / "汇总.xlsx")
    ws = load_workbook(tmp_path / "汇总.xlsx")[SHEET]
    rows = [[c for c in r] for r in ws.iter_rows(values_only=True)]
    text = [r[0] for r in rows]
    assert "沿用 2023 年工作安排目标" in str(text[1])
    retrofit = next(r for r in rows if r[0] == "既有建筑节能改造面积")
    assert (retrofit[1], retrofit[2], retrofit[3], retrofit[6]) == (1800000, 1000, "m²", "未完成")
    saving = next(r for r in rows if r[0] == "节约型机关创建比例")
    assert saving[2] == 50 and saving[5] == "2/4" and "占 980 家的 0.20%" in saving[7]
    regional = next(r for r in rows if r[0] == "区直")
    assert regional[5] == 88  # e-waste of the 区直 units
    assert {r[0] for r in rows} >= {name for name, *_ in UNITS}
    assert text[-1] == "H 县级机关（无工作任务）"
