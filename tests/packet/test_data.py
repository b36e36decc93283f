"""data.json: the exact figures the command line shows, every input, the schema, revision differences."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.data import build_packet_data, changes_between, period_name
from gxjn_desktop.services.packet.schema import schema_problems


def cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    main(list(args))
    out: dict[str, Any] = json.loads(capsys.readouterr().out)
    return out


def walk(value: Any) -> list[Any]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in walk(v)]
    if isinstance(value, list):
        return [x for v in value for x in walk(v)]
    return [value]


def test_results_are_exactly_what_the_command_line_prints(
    demo_service: LedgerService, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = demo_service.ledger()
    data = build_packet_data(ledger, Period.parse(2024, "Y"), revision=1)
    ind = cli_json(capsys, "--data-dir", str(data_dir), "indicators", "--year", "2024", "--json")
    check = cli_json(capsys, "--data-dir", str(data_dir), "check", "--year", "2024", "--json")
    assert data["results"]["indicators"] == ind
    assert data["results"]["check"] == check
    assert data["results"]["check"]["export_allowed"] is True


def test_shape_schema_and_no_floats(demo_service: LedgerService) -> None:
    ledger = demo_service.ledger()
    data = build_packet_data(ledger, Period.parse(2025, "Q2"), revision=3, revision_reason="更正 5 月电表读数")
    assert schema_problems(data) == []
    assert not any(isinstance(v, float) for v in walk(data))
    assert data["period"] == {
        "year": 2025,
        "code": "Q2",
        "name": "2025-Q2",
        "label": "2025年第2季度",
        "months": [4, 5, 6],
    }
    assert data["revision"] == 3 and data["revision_reason"] == "更正 5 月电表读数"
    assert data["unit"]["uscc"] == ledger.unit.uscc and data["unit"]["institution_type_label"] == "国家机关"
    assert data["profile"]["signatories"]["head"] and data["previous_profile"]["year"] == 2024
    assert set(data["reference_versions"]) == {"coefficients", "emission_factors", "targets", "rules"}
    assert data["results"]["previous"]["year"] == 2024
    # every record of the year and the year before, exactly as stored
    records = {(r["meter_code"], r["year"], r["month"]): r for r in data["inputs"]["records"]}
    stored = [r for r in ledger.records if r.year in (2024, 2025)]
    assert len(records) == len(stored)
    for r in stored:
        got = records[(r.meter_code, r.year, r.month)]
        assert got["cost_fen"] == r.cost_fen and (got["reading"] is None) == (r.reading is None)
        if r.reading is not None:
            assert Decimal(got["reading"]) == r.reading
        if r.quantity is not None:
            assert Decimal(got["quantity"]) == r.quantity
        assert got["source"] == r.source.value and got["entered_by"] == r.entered_by
    e1 = next(m for m in data["inputs"]["meters"] if m["code"] == "E1")
    assert e1["multipliers"] and e1["multipliers"][0]["multiplier"] == "30"
    assert period_name(Period.parse(2025, "M06")) == "2025-M06"


def test_schema_refuses_what_does_not_fit(demo_service: LedgerService) -> None:
    data = build_packet_data(demo_service.ledger(), Period.parse(2024, "Y"), revision=1)
    data["unit"]["uscc"] = 12
    data["inputs"]["records"][0]["reading"] = 1.5
    data["period"]["code"] = "H1"
    problems = schema_problems(data)
    assert any("/unit/uscc" in p for p in problems)
    assert any("/inputs/records/0/reading" in p for p in problems)
    assert any("/period/code" in p for p in problems)


def test_changes_list_exactly_the_changed_fields(demo_service: LedgerService) -> None:
    ledger = demo_service.ledger()
    period = Period.parse(2024, "Y")
    first = build_packet_data(ledger, period, revision=1)
    rec = ledger.record("E1", 2024, 5)
    assert rec is not None and rec.reading is not None
    demo_service.save_record(replace(rec, reading=rec.reading + Decimal("12.5"), note="更正抄表"))
    profile = ledger.profiles[2024]
    demo_service.save_profile(replace(profile, people=profile.people + 2))
    second = build_packet_data(demo_service.ledger(), period, revision=2, revision_reason="更正", previous_data=first)
    changes = {c["path"]: (c["before"], c["after"]) for c in second["changes_from_previous"]}
    assert changes == {
        "inputs.records[E1 2024-05].reading": (plain(rec.reading), plain(rec.reading + Decimal("12.5"))),
        "inputs.records[E1 2024-05].note": (rec.note, "更正抄表"),
        "profile.people": (profile.people, profile.people + 2),
    }
    assert changes_between(second, second) == []


def test_export_gate_counts_months_not_yet_filled(demo_service: LedgerService) -> None:
    from gxjn_desktop.services.checks import check_period
    from tests.conftest import DEMO_TODAY

    ledger = demo_service.ledger()
    done = check_period(ledger, Period.parse(2024, "Y"), DEMO_TODAY)
    assert done.gate.allowed and done.missing_months == () and done.gate.summary().startswith("可以导出")
    later = check_period(ledger, Period.parse(2026, "Q1"), DEMO_TODAY)
    assert later.missing_months == (1, 2, 3) and not later.export_allowed
    assert "1月、2月、3月尚未填完" in later.gate.summary()
