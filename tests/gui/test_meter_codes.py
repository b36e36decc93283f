"""The wizard's meter page and the 新增计量器具 dialog refuse a code that reads like another place."""

from __future__ import annotations

from datetime import date
from typing import Any

from gxjn_desktop.gui.meters_screen import MeterDialog
from gxjn_desktop.gui.welcome import MeterPage


def test_wizard_page_refuses_a_meter_coded_canteen(qtbot: Any) -> None:
    page = MeterPage()
    qtbot.addWidget(page)
    page.code.setText("canteen")
    page.initial.setText("0")
    assert not page.validatePage()
    assert "保留" in page.error.text() and "E1" in page.error.text()
    page.code.setText("E9")
    assert page.validatePage() and page.meter(date(2025, 1, 1)).code == "E9"


def test_new_meter_dialog_stays_open_for_a_reserved_code(qtbot: Any) -> None:
    dialog = MeterDialog(None, {"E1"})
    qtbot.addWidget(dialog)
    dialog.page.code.setText("Garbage")
    dialog.page.initial.setText("0")
    dialog.accept()
    assert dialog.meter is None and "保留" in dialog.page.error.text()
