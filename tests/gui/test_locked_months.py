"""月度填报 shows an exported (已上报) month read-only; an unexported month stays editable."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.entry import COLUMNS, Column
from gxjn_desktop.services.packet.export import export_packet
from tests.conftest import DEMO_TODAY


def editable_cells(window: MainWindow) -> int:
    model = window.entry.model
    return sum(
        bool(model.flags(model.index(r, COLUMNS.index(Column.VALUE))) & Qt.ItemFlag.ItemIsEditable)
        for r in range(model.rowCount())
    )


def test_exported_months_are_read_only(demo_window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    window = demo_window
    window.entry.set_period(2024, 5)
    assert editable_cells(window) > 0 and "已上报" not in window.entry.title.text()
    export_packet(
        window.entry.service.store, Period.parse(2024, "Y"), tmp_path, today=DEMO_TODAY, write_pdf=write_report_pdf
    )
    window.entry.refresh()
    assert editable_cells(window) == 0
    assert "已上报" in window.entry.title.text() and "第 1 版" in window.entry.title.toolTip()
    window.entry.set_period(2025, 5)
    assert editable_cells(window) > 0
