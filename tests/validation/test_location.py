"""A finding's location: a typed value whose JSON and stored key keep the words of cli.md, and meter
codes that would read like another place are refused everywhere a meter is created."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.places import RESERVED_PLACES, Place, reserved_code_problem
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.validation.findings import Location
from tests.conftest import DEMO_TODAY
from tests.validation.builders import register


def test_every_constructor_writes_the_words_of_cli_md() -> None:
    year, q2 = Period.parse(2025), Period.parse(2025, "Q2")
    cases = {
        Location.of_meter("E1", 2025, 6, "reading"): ("E1", "2025-06", "reading"),
        Location.of_carrier(Carrier.LPG, year, "quantity"): ("lpg", "2025-Y", "quantity"),
        Location.of_canteen(2025, 7, "food_waste_kg"): ("canteen", "2025-07", "food_waste_kg"),
        Location.of_garbage(2025, 3, "kitchen.fill_pct"): ("garbage", "2025-03", "kitchen.fill_pct"),
        Location.of_profile(2025, "signatories"): ("profile", "2025", "signatories"),
        Location.of_indicator(q2, "co2_per_area_kgco2_m2"): ("indicator", "2025-Q2", "co2_per_area_kgco2_m2"),
        Location.of_quota(year, "water_per_capita_m3"): ("quota", "2025-Y", "water_per_capita_m3"),
        Location.of_task(2025, "pv#7.meter_code"): ("task", "2025", "pv#7.meter_code"),
    }
    for loc, (meter, month, field) in cases.items():
        assert loc.as_dict() == {"meter": meter, "month": month, "field": field}
        assert loc.key == f"{meter}|{month}|{field}"  # the key stored 说明 are found by
        assert Location.from_json(meter, month, field) == loc


def test_the_demos_findings_read_back_from_their_json(demo_service: LedgerService) -> None:
    ledger = demo_service.ledger()
    findings = check_period(ledger, Period.parse(2025), DEMO_TODAY).findings
    assert {f.location.place for f in findings} >= {Place.METER, Place.PROFILE, Place.INDICATOR, Place.QUOTA}
    for f in findings:
        d = f.location.as_dict()
        assert Location.from_json(d["meter"], d["month"], d["field"]) == f.location


@pytest.mark.parametrize("code", ["canteen", "CANTEEN", " Garbage ", "profile", "indicator", "quota", "task"])
def test_reserved_words_are_refused_as_meter_codes(code: str) -> None:
    problem = reserved_code_problem(code)
    assert problem is not None and "保留" in problem and code.strip() in problem
    assert {"canteen", "garbage"} <= RESERVED_PLACES


def test_ordinary_codes_are_accepted() -> None:
    assert all(reserved_code_problem(c) is None for c in ("E1", "W1", "PV", "electricity", "食堂电表"))


def test_the_store_refuses_a_meter_coded_canteen(demo_service: LedgerService) -> None:
    with pytest.raises(UserError) as refused:
        demo_service.save_meter(register("canteen"))
    assert "保留" in refused.value.message and "E1" in refused.value.hint
    assert "canteen" not in {m.code for m in demo_service.ledger().meters}


def test_the_workbook_refuses_a_new_meter_coded_garbage(demo_service: LedgerService, tmp_path: Path) -> None:
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.layout import METER_COLUMNS, METERS_SHEET
    from gxjn_desktop.services.workbook.template import write_template

    path = write_template(demo_service.ledger(), 2025, tmp_path / "填报.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[METERS_SHEET]
    col = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}
    r = ws.max_row + 1
    for key, value in {
        "code": "garbage",
        "name": "垃圾房电表",
        "carrier": "电",
        "kind": "示数表",
        "initial": 0,
    }.items():
        ws.cell(r, col[key]).value = value
    wb.save(path)
    with pytest.raises(UserError) as refused:
        read_workbook(path, demo_service.ledger())
    assert "保留" in refused.value.message + refused.value.hint


def test_a_meter_coded_like_a_place_cannot_capture_that_places_findings() -> None:
    """Data from before the refusal (or written by hand) may hold such a meter: the findings of the
    canteen and of garbage still go to their own rows, the meter's to the meter's."""
    from gxjn_desktop.services.entry import RowKey, RowKind, cell_of
    from gxjn_desktop.services.finding_words import meter_names, place_text
    from tests.validation.builders import ledger

    led = ledger([register("canteen"), register("garbage")])
    canteen = cell_of(led, Location.of_canteen(2025, 7, "food_waste_kg"))
    garbage = cell_of(led, Location.of_garbage(2025, 3, "kitchen.fill_pct"))
    meter = cell_of(led, Location.of_meter("canteen", 2025, 7, "reading"))
    assert canteen is not None and canteen.row == RowKey(RowKind.CANTEEN, "food_waste_kg")
    assert garbage is not None and garbage.row == RowKey(RowKind.GARBAGE, "kitchen")
    assert meter is not None and meter.row == RowKey(RowKind.METER, "canteen")
    names = meter_names(led.meters)
    assert place_text(Location.of_canteen(2025, 7, "food_waste_kg"), names) == "食堂 · 餐厨垃圾"
    assert place_text(Location.of_meter("canteen", 2025, 7, "reading"), names) == "canteen 测试表canteen · 本期示数"
