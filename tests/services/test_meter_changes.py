"""The window and the workbook refuse the same meter changes with the same words."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.errors import UserError
from gxjn_desktop.services import meters
from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.meter_rules import retirement_problem
from gxjn_desktop.services.workbook.importer import read_workbook
from gxjn_desktop.services.workbook.layout import METER_COLUMNS, METERS_SHEET
from gxjn_desktop.services.workbook.template import write_template

MC = {c.key: i + 1 for i, c in enumerate(METER_COLUMNS)}


def test_retirement_before_records_is_refused_alike_by_service_and_workbook(
    demo_service: LedgerService, tmp_path: Path
) -> None:
    ledger = demo_service.ledger()
    problem = retirement_problem(ledger, ledger.meter("E1"), date(2025, 1, 31))
    assert problem is not None and "2025-02" in problem
    with pytest.raises(UserError) as by_window:
        meters.retire(EntryService(demo_service), "E1", date(2025, 1, 31))
    assert by_window.value.message == problem
    path = write_template(ledger, 2025, tmp_path / "t.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb[METERS_SHEET]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, MC["code"]).value == "E1")
    ws.cell(row, MC["active_to"]).value = "2025-01-31"
    wb.save(path)
    with pytest.raises(UserError) as by_workbook:
        read_workbook(path, ledger)
    assert problem in by_workbook.value.message
    assert demo_service.ledger() == ledger


def test_a_replacement_after_the_date_also_stands_in_the_way(demo_service: LedgerService) -> None:
    ledger = demo_service.ledger()
    problem = retirement_problem(ledger, ledger.meter("W1"), date(2024, 6, 10))  # replaced on 2024-06-16
    assert problem is not None and "2024-06" in problem


def test_multiplier_rules(demo_service: LedgerService) -> None:
    entry = EntryService(demo_service)
    with pytest.raises(UserError, match="大于 0"):
        meters.change_multiplier(entry, "E1", date(2025, 6, 1), Decimal(0))
    with pytest.raises(UserError, match="当天的示数"):
        meters.change_multiplier(entry, "E1", date(2025, 6, 15), Decimal(40))
    change = meters.change_multiplier(entry, "E1", date(2025, 6, 1), Decimal(40))
    entry.commit(change)
    assert demo_service.ledger().meter("E1").multiplier_on(date(2025, 6, 1)) == Decimal(40)
    entry.revert(change)
    assert demo_service.ledger().meter("E1").multipliers == entry.ledger.meter("E1").multipliers
    assert demo_service.ledger().meter("E1").multiplier_on(date(2025, 6, 1)) != Decimal(40)


def test_a_multiplier_change_into_an_exported_period_is_refused(demo_service: LedgerService, tmp_path: Path) -> None:
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.packet.export import export_packet
    from tests.conftest import DEMO_TODAY

    export_packet(demo_service, Period.parse(2024, "Y"), tmp_path, today=DEMO_TODAY, write_pdf=write_report_pdf)
    entry = EntryService(demo_service)
    with pytest.raises(UserError, match="已上报"):
        meters.change_multiplier(entry, "E1", date(2024, 6, 1), Decimal(40))
    assert meters.change_multiplier(entry, "E1", date(2025, 6, 1), Decimal(40)) is not None
