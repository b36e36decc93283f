"""Small helpers shared by the GUI tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from gxjn_desktop.gui.dashboard import Dashboard
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.services.entry import COLUMNS, Column, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService


def reopen(data_dir: Path) -> LedgerService:
    """A second connection: what a test reads back comes from SQLite, not from the window."""
    return LedgerService.open(data_dir)


def go_to(window: MainWindow, code: str, column: Column, kind: RowKind = RowKind.METER) -> None:
    entry = window.entry
    row = entry.model.row_of(RowKey(kind, code))
    assert row >= 0, code
    entry.view.move_to(row, COLUMNS.index(column))
    entry.view.setFocus()


def type_text(qtbot: Any, window: MainWindow, text: str) -> QWidget:
    """Type into the current cell as a user does: the first key opens the editor, the rest go to it."""
    view = window.entry.view
    qtbot.keyClicks(view, text[0])
    editor = QApplication.focusWidget()
    assert editor is not None and editor is not view, "typing did not open an editor"
    if len(text) > 1:
        qtbot.keyClicks(editor, text[1:])
    return editor


def send_text_key(widget: QWidget, text: str) -> None:
    """A key press carrying text the ASCII key tables cannot express (full-width digits)."""
    QApplication.sendEvent(
        widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, text)
    )


def commit_ime(widget: QWidget, text: str) -> None:
    """What a Chinese input method does (qtbot.keyClicks would abort the process on these)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def show_overview(qtbot: Any, window: MainWindow) -> Dashboard:
    """概览 shown, once the background thread has worked its figures out."""
    from gxjn_desktop.gui.main_window import TAB_OVERVIEW

    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    dashboard = window.dashboard
    qtbot.waitUntil(dashboard.up_to_date, timeout=20000)
    return dashboard
