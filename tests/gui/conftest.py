"""GUI fixtures: the real main window on a real SQLite database in tmp_path; no modal dialog may block."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.gui import ewaste_dialog, file_dialogs, messages, quota_dialog
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Every dialog helper fails the test unless the test patches it itself."""
    calls: list[tuple[str, Any]] = []

    def refuse(name: str) -> Any:
        def helper(*args: Any, **kwargs: Any) -> Any:
            calls.append((name, args))
            raise AssertionError(f"unexpected dialog: {name} {args[1:]}")

        return helper

    for name in (
        "show_user_error",
        "show_info",
        "confirm",
        "ask_save_changes",
        "show_crash",
        "ask_decrease",
        "confirm_paste",
        "run_new_unit_wizard",
        "ask_explanation",
        "ask_backup",
    ):
        monkeypatch.setattr(messages, name, refuse(name))
    for name in ("ask_open_workbook", "ask_save_workbook", "confirm_import"):
        monkeypatch.setattr(file_dialogs, name, refuse(name))
    for name in ("ask_quota", "ask_import_confirmation"):
        monkeypatch.setattr(quota_dialog, name, refuse(name))
    monkeypatch.setattr(ewaste_dialog, "ask_disposal", refuse("ask_disposal"))
    return calls


@pytest.fixture
def empty_store(data_dir: Path) -> Iterator[LedgerService]:
    store = LedgerService.open(data_dir)
    yield store
    store.close()


@pytest.fixture
def changer(qtbot: Any, demo_service: LedgerService) -> Changer:
    """The window's change path (snapshot, one undo stack) over the demo unit, without the window."""
    return Changer(demo_service)


@pytest.fixture
def demo_window(qtbot: Any, demo_service: LedgerService, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir, demo_service, today=DEMO_TODAY)  # the review counts from the demo's date
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.entry.set_period(2026, 1)
    return window
