"""停用 and 倍率变更 in 计量器具 go through the service with the importer's rules and are one step on
the grid's undo stack: undo restores exactly what was stored."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import messages, meters_screen
from gxjn_desktop.gui.main_window import TAB_METERS, MainWindow
from tests.db_dump import table_dump
from tests.gui.helpers import reopen


def _select(window: MainWindow, code: str) -> None:
    window.tabs.setCurrentIndex(TAB_METERS)
    meters = window.meters
    meters.view.selectRow(next(i for i, m in enumerate(meters.model.meters) if m.code == code))


def test_retiring_before_months_with_records_is_refused_naming_them(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _parent, err: shown.append(err))
    monkeypatch.setattr(meters_screen, "ask_retire_date", lambda parent, meter: date(2025, 1, 31))
    before = table_dump(data_dir / "gxjn.db")
    _select(demo_window, "E1")
    demo_window.meters.retire_button.click()
    assert len(shown) == 1
    assert "2025-02、2025-03" in shown[0].message and "等 11 个月" in shown[0].message
    assert table_dump(data_dir / "gxjn.db") == before
    assert demo_window.entry.undo_stack.count() == 0


def test_a_retirement_is_one_undo_step(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(meters_screen, "ask_retire_date", lambda parent, meter: date(2026, 3, 31))
    before = table_dump(data_dir / "gxjn.db")
    _select(demo_window, "W1")
    demo_window.meters.retire_button.click()
    store = reopen(data_dir)
    assert store.ledger().meter("W1").active_to == date(2026, 3, 31)
    store.close()
    stack = demo_window.entry.undo_stack
    assert stack.count() == 1 and "停用 W1" in stack.undoText()
    stack.undo()
    assert table_dump(data_dir / "gxjn.db") == before
    w1 = next(m for m in demo_window.meters.model.meters if m.code == "W1")
    assert w1.active_to is None  # the screen follows the undo
    stack.redo()
    store = reopen(data_dir)
    assert store.ledger().meter("W1").active_to == date(2026, 3, 31)
    store.close()


def test_a_mid_month_multiplier_change_is_one_undo_step(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = demo_window.store.ledger()
    may, june = ledger.record("E1", 2025, 5).reading, ledger.record("E1", 2025, 6).reading  # type: ignore[union-attr]
    assert may is not None and june is not None
    answer: Any = (date(2025, 6, 15), Decimal(40), may + 10)
    monkeypatch.setattr(meters_screen, "ask_multiplier", lambda parent, meter: answer)
    before = table_dump(data_dir / "gxjn.db")
    _select(demo_window, "E1")
    demo_window.meters.multiplier_button.click()
    assert table_dump(data_dir / "gxjn.db") != before
    assert demo_window.meters.multipliers.rowCount() == 2
    demo_window.entry.undo_stack.undo()
    assert table_dump(data_dir / "gxjn.db") == before
    assert demo_window.meters.multipliers.rowCount() == 1
