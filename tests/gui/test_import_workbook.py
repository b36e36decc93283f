"""文件 → 导入填报工作簿: a preview, one transaction after a backup, and one Ctrl+Z undoes it all."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt

from gxjn_desktop.gui import file_dialogs, messages
from gxjn_desktop.gui.main_window import TAB_ENTRY, MainWindow
from gxjn_desktop.services.workbook.layout import RECORD_COLUMNS

COL = {c.key: i + 1 for i, c in enumerate(RECORD_COLUMNS)}


def _filled_template(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "填报.xlsx"
    monkeypatch.setattr(file_dialogs, "ask_save_workbook", lambda *_: path)
    window.entry.set_period(2025, 12)
    window.template_action.trigger()
    assert path.is_file()
    wb = openpyxl.load_workbook(path)
    ws = wb["月度台账"]
    row = next(
        r for r in range(2, ws.max_row + 1) if (ws.cell(r, 1).value, ws.cell(r, COL["month"]).value) == ("V1", 12)
    )
    ws.cell(row, COL["quantity"]).value = "６１２．５"
    ws.cell(row, COL["cost"]).value = 4800
    wb.save(path)
    return path


def test_import_preview_save_and_single_undo(
    demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    store = demo_window.store
    before = store.ledger().record("V1", 2025, 12)
    path = _filled_template(demo_window, tmp_path, monkeypatch)
    previews: list[list[str]] = []

    def accept(_parent: Any, plan: Any, _name: str) -> bool:
        previews.append(plan.describe())
        return True

    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_: path)
    monkeypatch.setattr(file_dialogs, "confirm_import", accept)
    demo_window.import_action.trigger()

    assert len(previews) == 1 and len(previews[0]) == 1
    line = previews[0][0]
    assert line.startswith("修改 V1 2025-12：用量 ") and "→ 612.5，金额 " in line and line.endswith("→ 4800.00 元")
    saved = store.ledger().record("V1", 2025, 12)
    assert saved is not None and str(saved.quantity) == "612.5" and saved.cost_fen == 480000
    assert demo_window.tabs.currentIndex() == TAB_ENTRY
    assert any("before-import" in p.name for p in (store.db.path.parent / "backups").iterdir())

    qtbot.keyClick(demo_window.entry.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.ledger().record("V1", 2025, 12) == before


def test_a_foreign_file_is_a_chinese_message_and_nothing_changes(
    demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "电费.xlsx"
    bad.write_bytes(b"not a workbook" * 20)
    shown: list[str] = []
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_: bad)
    monkeypatch.setattr(messages, "show_user_error", lambda _p, err: shown.append(err.message))
    records = demo_window.store.ledger().records
    demo_window.import_action.trigger()
    assert shown and "不是有效的" in shown[0]
    assert demo_window.store.ledger().records == records
