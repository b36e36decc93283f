"""What a person reads in the tables: wrapped findings that are never cut, and "—" where a grid cell
does not apply (docs/gui.md), while such a cell still copies as nothing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from gxjn_desktop.domain.numbers import NOT_APPLICABLE
from gxjn_desktop.gui.findings_panel import COL_MESSAGE, COL_PLACE
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, MainWindow
from gxjn_desktop.services.entry import COLUMNS, Column, RowKey, RowKind


def _wrapped_height(metrics: QFontMetrics, text: str, width: int) -> int:
    flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.TextFlag.TextWrapAnywhere)
    return metrics.boundingRect(QRect(0, 0, width, 100_000), flags, text).height()


def test_findings_rows_grow_to_their_wrapped_text(demo_window: MainWindow, qtbot: Any) -> None:
    demo_window.tabs.setCurrentIndex(TAB_FINDINGS)
    panel = demo_window.findings
    panel.set_period(2025, "Y")
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    view = panel.view
    metrics = view.fontMetrics()
    one_line = metrics.height() + 6  # as a row of the month grid

    def heights() -> list[int]:
        QApplication.processEvents()
        return [view.rowHeight(row) for row in range(panel.model.rowCount())]

    demo_window.resize(1900, 900)  # wide: a short finding stays one line tall
    assert min(heights()) == one_line
    demo_window.resize(900, 600)  # narrow, as at 1366×768 and 150 %: long messages need two lines or more
    shown = heights()
    assert max(shown) >= 2 * metrics.lineSpacing()  # wrapped, not elided
    for row, height in enumerate(shown):
        assert height >= one_line
        for col in (COL_MESSAGE, COL_PLACE):
            text = panel.model.index(row, col).data()
            needed = _wrapped_height(metrics, text, view.columnWidth(col) - 8)  # the cell's side margins
            assert height >= needed, (row, col, text)


def test_grid_cells_that_do_not_apply_show_a_dash(demo_window: MainWindow) -> None:
    demo_window.tabs.setCurrentIndex(TAB_ENTRY)
    demo_window.entry.set_period(2025, 6)
    model = demo_window.entry.model

    def cell(key: RowKey, column: Column, role: Qt.ItemDataRole = Qt.ItemDataRole.DisplayRole) -> Any:
        return model.index(model.row_of(key), COLUMNS.index(column)).data(role)

    fuel, water, diners = RowKey(RowKind.METER, "V1"), RowKey(RowKind.METER, "W1"), RowKey(RowKind.CANTEEN, "diners")
    assert cell(fuel, Column.PREVIOUS) == NOT_APPLICABLE and cell(fuel, Column.MULTIPLIER) == NOT_APPLICABLE
    assert cell(fuel, Column.VALUE) != NOT_APPLICABLE and cell(fuel, Column.COST) != NOT_APPLICABLE
    assert NOT_APPLICABLE not in {cell(water, c) for c in COLUMNS}  # a register meter: every column applies
    assert cell(water, Column.NOTE) == ""  # not filled in yet is empty, not a dash
    for column in (Column.PREVIOUS, Column.MULTIPLIER, Column.USE, Column.COST, Column.PRICE, Column.SOURCE):
        assert cell(diners, column) == NOT_APPLICABLE
        assert cell(diners, column, Qt.ItemDataRole.EditRole) == ""
    # Copying takes a cell's edit text (EntryTableView.copy_selection): still empty, so a copied block
    # pastes back unchanged.
    assert cell(fuel, Column.PREVIOUS, Qt.ItemDataRole.EditRole) == ""


def test_the_meter_list_shows_a_dash_for_a_direct_quantitys_digits_and_multiplier(demo_window: MainWindow) -> None:
    from gxjn_desktop.gui.main_window import TAB_METERS

    demo_window.tabs.setCurrentIndex(TAB_METERS)
    model = demo_window.meters.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    digits, multiplier = headers.index("表位数"), headers.index("当前倍率")
    fuel = model.row_where(lambda m: m.code == "V1")
    water = model.row_where(lambda m: m.code == "W1")
    assert model.index(fuel, digits).data() == NOT_APPLICABLE == model.index(fuel, multiplier).data()
    assert model.index(water, digits).data() == "5" and model.index(water, multiplier).data() == "1"
