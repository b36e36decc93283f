"""文件 → 从备份恢复 in the window, and the same offer when the data file is damaged at start."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.domain.records import MonthlyRecord
from gxjn_desktop.errors import DamagedDatabase
from gxjn_desktop.gui import app as gui_app
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.store import open_database
from tests.db_dump import table_dump
from tests.storage.test_restore import _break_an_index, _integrity


def _pick(monkeypatch: pytest.MonkeyPatch, name: str) -> list[list[str]]:
    offered: list[list[str]] = []

    def ask(_parent: Any, labels: list[str]) -> int:
        offered.append(labels)
        return next(i for i, label in enumerate(labels) if name in label)

    monkeypatch.setattr(messages, "ask_backup", ask)
    monkeypatch.setattr(messages, "confirm", lambda *_: True)
    return offered


def test_restore_from_the_file_menu_replaces_the_data_and_reloads_the_window(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_window.store.backup("test")
    backup = next((data_dir / "backups").glob("*-test.db"))
    wanted = table_dump(backup)
    demo_window.store.save_records([MonthlyRecord("V1", 2026, 1, quantity=Decimal(77), cost_fen=100)])
    demo_window.entry_service.reload()  # type: ignore[union-attr]
    assert demo_window.entry_service.ledger.record("V1", 2026, 1) is not None  # type: ignore[union-attr]
    offered = _pick(monkeypatch, backup.name)
    assert demo_window.restore_action.text().startswith("从备份恢复")
    demo_window.restore_action.trigger()
    assert any(backup.name in label for label in offered[0])
    assert table_dump(database_path(data_dir)) == wanted
    assert _integrity(database_path(data_dir)) == [("ok",)]
    assert demo_window.entry_service.ledger.record("V1", 2026, 1) is None  # type: ignore[union-attr]
    assert "已从" in demo_window.status_label.text()
    assert list((data_dir / "backups").glob("*-before-restore.db"))


def test_a_damaged_file_at_start_is_refused_and_a_restore_offered(
    demo_service: LedgerService, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_service.backup("test")
    backup = next((data_dir / "backups").glob("*-test.db"))
    demo_service.close()
    _break_an_index(database_path(data_dir))
    with pytest.raises(DamagedDatabase) as err:
        open_database(data_dir)
    questions: list[str] = []
    _pick(monkeypatch, backup.name)
    monkeypatch.setattr(messages, "confirm", lambda _p, title, text: questions.append(title + text) or True)
    store = gui_app.offer_restore(None, data_dir, err.value)
    assert store is not None
    try:
        assert "已损坏" in questions[0] and "恢复" in questions[0]
        assert table_dump(database_path(data_dir)) == table_dump(backup)
        assert store.ledger().unit.name
    finally:
        store.close()


def test_the_command_line_does_not_restore_under_an_open_window(
    qapp: Any, demo_service: LedgerService, data_dir: Path
) -> None:
    import os
    import subprocess
    import sys

    demo_service.backup("test")
    backup = next((data_dir / "backups").glob("*-test.db"))
    demo_service.close()
    before = table_dump(database_path(data_dir))
    lock = gui_app.acquire_lock(data_dir)  # what a running window holds
    assert lock is not None
    try:
        done = subprocess.run(
            [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", str(data_dir), "backup", "restore", backup.name],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=dict(os.environ),
        )
    finally:
        lock.unlock()
    assert done.returncode == 2 and "正在程序窗口中打开" in done.stderr
    assert table_dump(database_path(data_dir)) == before
