"""概览's figures come from the background thread: 正在计算…… meanwhile, the window takes keys, and
what it then shows is what the services compute directly for the same snapshot."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from gxjn_desktop.gui import dashboard as dashboard_module
from gxjn_desktop.gui.dashboard import Dashboard
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_OVERVIEW, MainWindow
from gxjn_desktop.services.entry import (
    CellEdit,
    Column,
    EntryService,
    OverviewFigures,
    RowKey,
    RowKind,
    overview_figures,
)
from tests.conftest import DEMO_TODAY
from tests.gui.helpers import go_to, show_overview, type_text


def _texts(dash: Dashboard) -> list[str]:
    return [label.text() for label in dash.findChildren(QLabel) if label is not dash.pending]


def _held(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event, list[object]]:
    """The overview's computation held in the background thread until the test releases it."""
    started, release, ledgers = threading.Event(), threading.Event(), []

    def held(ledger: Any, today: date) -> OverviewFigures:
        ledgers.append(ledger)
        started.set()
        release.wait(60)  # the test sets it; the bound only keeps a failed test from hanging the run
        return overview_figures(ledger, today)

    monkeypatch.setattr(dashboard_module, "overview_figures", held)
    return started, release, ledgers


def test_the_overview_is_worked_out_while_the_grid_takes_keys(
    qtbot: Any, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    started, release, _ = _held(monkeypatch)
    try:
        window.tabs.setCurrentIndex(TAB_OVERVIEW)
        dash = window.dashboard
        qtbot.waitUntil(started.is_set)
        assert dash.pending.isVisible() and dash.pending.text() == "正在计算……"
        assert dash.cards.count() == 0 and not dash.up_to_date()
        window.tabs.setCurrentIndex(TAB_ENTRY)
        go_to(window, "E1", Column.VALUE)
        editor = type_text(qtbot, window, "7")
        assert editor.text() == "7" and not dash.up_to_date()  # the key was taken while it computed
        qtbot.keyClick(editor, Qt.Key.Key_Escape)
        window.tabs.setCurrentIndex(TAB_OVERVIEW)  # asked again: the same snapshot is on its way
        with qtbot.waitSignal(dash.figuresShown, timeout=20000):
            release.set()
    finally:
        release.set()
    assert dash.pending.isHidden() and dash.up_to_date()
    ledger = window.store.ledger()
    assert dash.figures == overview_figures(ledger, DEMO_TODAY)  # what the services compute directly
    at_once = Dashboard(EntryService(window.store), today=DEMO_TODAY)
    qtbot.addWidget(at_once)
    at_once.refresh()  # the same screen, worked out in this thread
    assert _texts(dash) == _texts(at_once) and dash.cards.count() == 4
    assert "2025" in dash.heading.text() and "待处理" in dash.summary.text()


def test_figures_of_data_changed_meanwhile_are_not_shown(
    qtbot: Any, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change made while the figures are worked out: those of the data as it was are dropped, and
    概览 shows the figures of the data as it is."""
    window = demo_window
    started, release, ledgers = _held(monkeypatch)
    try:
        window.tabs.setCurrentIndex(TAB_OVERVIEW)
        qtbot.waitUntil(started.is_set)
        before = window.store.ledger()
        window.entry.set_period(2026, 1)
        with qtbot.waitSignal(window.entry.changeApplied, timeout=20000):
            window.entry.submit_edits([CellEdit(RowKey(RowKind.METER, "V1"), Column.VALUE, "321.5")])
        assert window.entry_service is not None and window.entry_service.ledger is not before
        with qtbot.waitSignal(window.dashboard.figuresShown, timeout=20000):
            release.set()
    finally:
        release.set()
    dash = show_overview(qtbot, window)
    assert window.entry_service is not None
    assert dash.figures == overview_figures(window.entry_service.ledger, DEMO_TODAY)
    assert ledgers[-1] is window.entry_service.ledger
