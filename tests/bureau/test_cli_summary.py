"""gxjn-cli bureau summary / keys and the 汇总 workbook, on a store filled with verified facts."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.bureau.merge import ACCEPTED, apply_examined
from gxjn_desktop.services.bureau.roster import ROSTER_HEADER, compare_roster, read_roster
from gxjn_desktop.services.bureau.store import open_store, transaction
from tests.bureau.builders import data_json, examined
from tests.bureau.test_summary import generated


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def filled(bureau_dir: Path, demo_ledger: Ledger) -> tuple[Path, list[dict]]:  # type: ignore[type-arg]
    items = [data_json(demo_ledger, 2024), *generated(demo_ledger)]
    store = open_store(bureau_dir)
    try:
        for i, d in enumerate(items):
            with transaction(store) as repo:
                assert (
                    apply_examined(repo, examined(d, key=bytes([i]) * 32), now=datetime(2026, 1, 1)).outcome == ACCEPTED
                )
    finally:
        store.close()
    return bureau_dir, items


def test_summary_json_and_text(filled: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[type-arg]
    folder, items = filled
    code, out, _ = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--json")
    data = json.loads(out)
    assert code == 0 and data["period"] == "2024-Y" and data["units"] == len(items)
    assert data["total"]["units"] == len(items) and data["groups"][0]["level"] == "region"
    code, out, _ = run(
        capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--by", "type", "--json"
    )
    assert [g["label"] for g in json.loads(out)["groups"]][:3] == ["合计", "国家机关", "事业单位小计"]
    code, out, _ = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024")
    assert code == 0 and "广西壮族自治区" in out and "缺项不按 0 计" in out


def test_summary_of_an_empty_period_and_bad_arguments(
    filled: tuple[Path, list[dict]], capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[type-arg]
    folder, _ = filled
    code, out, _ = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2023")
    assert code == 0 and "还没有采用" in out
    code, _, err = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--period", "Q9")
    assert code == 2 and len(err.strip().splitlines()) == 1
    code, _, err = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--db", "mysql://x/y")
    assert code == 2 and "PostgreSQL" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(
        capsys,
        "--data-dir",
        str(folder),
        "bureau",
        "summary",
        "--year",
        "2024",
        "--db",
        "postgresql+psycopg://nobody@127.0.0.1:1/none",
    )
    assert code == 2 and "无法连接 PostgreSQL" in err and len(err.strip().splitlines()) == 1


def test_workbook_sheets_read_back(
    filled: tuple[Path, list[dict]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[type-arg]
    folder, items = filled
    out = tmp_path / "汇总.xlsx"
    code, _, _ = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--out", str(out))
    assert code == 0
    wb = load_workbook(out)
    assert wb.sheetnames[:5] == ["行政区域汇总", "分类汇总", "单位明细", "单位说明", "跨单位审核"]
    region = wb["行政区域汇总"]
    assert str(region.page_setup.paperSize) == region.PAPERSIZE_A4 and region.print_title_rows == "$1:$2"
    rows = list(region.iter_rows(min_row=3, values_only=True))
    total = rows[-1]
    assert total[1] == "合计" and total[2] == len(items)
    want = sum(__import__("decimal").Decimal(d["results"]["indicators"]["comprehensive_energy_tce"]) for d in items)
    assert f"{total[5]:.4f}" == f"{want:.4f}"
    units = list(wb["单位明细"].iter_rows(min_row=3, values_only=True))
    assert {u[0] for u in units} == {d["unit"]["uscc"] for d in items}


def test_roster_missing_extra_and_different(filled: tuple[Path, list[dict]], tmp_path: Path) -> None:  # type: ignore[type-arg]
    from openpyxl import Workbook

    folder, items = filled
    wb = Workbook()
    ws = wb.active
    ws.append(list(ROSTER_HEADER))
    first, second = items[0]["unit"], items[1]["unit"]
    ws.append([first["uscc"], first["name"], int(first["admin_code"]), "国家机关", "县级"])
    ws.append([second["uscc"], "改了名的单位", second["admin_code"], second["institution_type"], "市级"])
    ws.append(["91450100MA5KXXXX00", "没有报送的单位", "450102", "教育", "县级"])
    path = tmp_path / "名录.xlsx"
    wb.save(path)
    with pytest.raises(Exception) as bad:
        ws.append(["not-a-code", "x", "1", "01", ""])
        wb.save(tmp_path / "bad.xlsx")
        read_roster(tmp_path / "bad.xlsx")
    assert "名录" in str(bad.value)
    roster = read_roster(path)
    store = open_store(folder)
    try:
        with transaction(store) as repo:
            units = repo.current_facts("2024-Y")
    finally:
        store.close()
    cmp = compare_roster(roster, units)
    assert [e.name for e in cmp.missing] == ["没有报送的单位"]
    assert len(cmp.not_on_roster) == len(items) - 2
    assert cmp.differences == [
        {
            "uscc": second["uscc"],
            "name": "改了名的单位",
            "fields": [{"field": "单位名称", "roster": "改了名的单位", "packet": second["name"]}],
        }
    ]


def test_unit_notes_say_where_in_the_words_of_the_units_review(
    filled: tuple[Path, list[dict]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:  # type: ignore[type-arg]
    folder, _items = filled
    out = tmp_path / "汇总.xlsx"
    code, _, _ = run(capsys, "--data-dir", str(folder), "bureau", "summary", "--year", "2024", "--out", str(out))
    assert code == 0
    notes = list(load_workbook(out)["单位说明"].iter_rows(min_row=3, values_only=True))
    places = {row[3] for row in notes if row[3]}
    assert places, "the demo packets carry explained warnings"
    assert all(str(p).startswith("2024年") for p in places), places
    assert any(" · 本期示数" in str(p) for p in places), places
