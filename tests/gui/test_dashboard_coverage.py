"""概览 says how far an unfinished year is filled and shows the same statuses as `indicators`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui.dashboard import Dashboard
from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.reports import build_indicator_report
from tests.domain.test_incomplete_periods import _ledger


def test_overview_says_filled_to_month_n(qtbot: Any, data_dir: Path) -> None:
    # E2 has January and February of 2026, E1 January to March: the year is filled to February.
    lg = _ledger(
        {
            ("E1", 2025): ["10000"] * 12,
            ("E2", 2025): ["1000"] * 12,
            ("E1", 2026): ["8900"] * 3,
            ("E2", 2026): ["1000"] * 2,
        }
    )
    service = LedgerService.open(data_dir)
    service.replace_everything(lg)
    try:
        dashboard = Dashboard(EntryService(service), today=date(2026, 4, 15))
        qtbot.addWidget(dashboard)
        dashboard.refresh()
        assert "已填至 2 月" in dashboard.heading.text()
        report = build_indicator_report(lg, Period.parse(2026, "YTD-M03"))
        texts = [dashboard.cards.itemAt(i).widget().findChildren(type(dashboard.heading)) for i in range(4)]
        shown = ["".join(label.text() for label in labels) for labels in texts]
        for ind, text in zip(report.indicators, shown, strict=True):
            assert ind.status.label in text
        assert "-10.00%" in shown[0]  # January–February: 19,800 against 22,000 kWh
    finally:
        service.close()
