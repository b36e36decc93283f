"""What a newcomer reads: numbers grouped as zh_CN writes them, m³ not m3, the lower-reading
question in words that fit water and gas meters."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from gxjn_desktop.gui.common import shown_number, shown_unit
from gxjn_desktop.gui.dialogs import DecreaseDialog
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.services.entry import COLUMNS, Column, DecreaseQuestion, RowKey, RowKind


def test_numbers_are_grouped_and_keep_every_digit() -> None:
    assert shown_number("1234567.891") == "1,234,567.891"
    assert shown_number("-1052.14") == "-1,052.14"
    assert shown_number("999.5") == "999.5"
    assert shown_number("") == "" and shown_number("（无上期）") == "（无上期）"
    assert shown_unit("m3") == "m³" and shown_unit("kWh") == "kWh"


def test_grid_shows_grouped_numbers_and_edits_plain_ones(demo_window: MainWindow) -> None:
    model = demo_window.entry.model
    demo_window.entry.set_period(2025, 6)
    row = model.row_of(RowKey(RowKind.METER, "E1"))
    reading = model.index(row, COLUMNS.index(Column.VALUE))
    shown, edited = reading.data(Qt.ItemDataRole.DisplayRole), reading.data(Qt.ItemDataRole.EditRole)
    assert "," in shown and "," not in edited and shown.replace(",", "") == edited
    gas = model.row_of(RowKey(RowKind.METER, "G1"))
    assert model.index(gas, COLUMNS.index(Column.UNIT)).data() == "m³"


def test_lower_reading_of_a_water_meter_says_replace_the_meter(qtbot: Any) -> None:
    question = DecreaseQuestion("W1", "W1 总水表", 2025, 6, Decimal(500), Decimal(20), 5, "t")
    dialog = DecreaseDialog(question)
    qtbot.addWidget(dialog)
    assert dialog.replacement.text().startswith("更换表计") and "电表" not in dialog.replacement.text()
