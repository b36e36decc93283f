"""An acceptance walk through the window by keyboard, as a facility manager does the month's work:
open the demo from a fresh folder, type every meter's reading for the month (Enter moves down),
explain a warning in the real 填写说明 dialog, export the ready year's packet. What each step
saves is read back from SQLite; every text the window shows on the way is Chinese."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QTabWidget, QWidget

from gxjn_desktop.domain.meters import MeterKind
from gxjn_desktop.gui import messages, report_screen
from gxjn_desktop.gui.app import install_translator
from gxjn_desktop.gui.dialogs import ExplanationDialog
from gxjn_desktop.gui.main_window import TAB_FINDINGS, TAB_REPORT, MainWindow
from gxjn_desktop.services.entry import Column, RowKind
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.verify import verify_packet
from tests.conftest import DEMO_TODAY
from tests.gui.helpers import commit_ime, go_to, reopen, type_text

# Words a Chinese screen may carry: units, keys, rule ids, formats and product names.
ALLOWED = re.compile(
    r"^(kWh|kgce|kgCO|tce|tCO|GJ|Enter|Tab|Esc|Ctrl|Alt|Shift|Delete|PageUp|PageDown|Excel|WPS|PDF|json|zip|xlsx|"
    r"(?:Ctrl|Alt|Shift)\+\S+|[A-Z]+(?:-[A-Z0-9]+)+|gxjn.*|span|style|color)$"
)


def english_words(root: QWidget, *paths: Path) -> list[str]:
    """English words in the visible labels, buttons and tabs (the folders named aside)."""
    texts: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QTabWidget):
            texts.extend(w.tabText(i) for i in range(w.count()))
    for path in paths:
        texts = [t.replace(str(path), "") for t in texts]
    tokens = [token for t in texts for token in re.findall(r"[A-Za-z0-9+/=_-]+", t)]
    # A token with a digit is a code (a 统一社会信用代码, a key, a file name), not a word.
    return [w for w in tokens if len(w) >= 3 and not re.search(r"\d", w) and not ALLOWED.match(w)]


def test_welcome_to_demo_by_keyboard(qtbot: Any, empty_store: LedgerService, data_dir: Path) -> None:
    window = MainWindow(data_dir, empty_store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert english_words(window, data_dir) == []
    window.welcome.demo_button.setFocus()
    qtbot.keyClick(window.welcome.demo_button, Qt.Key.Key_Space)
    assert window.stack.currentWidget() is window.tabs
    assert "示例单位" in window.windowTitle()


def test_a_months_work_by_keyboard(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_translator(QApplication.instance())  # as the program does at start (Qt's own 取消)
    window = demo_window  # 2026-01: the month after the demo's data, nothing entered yet
    model = window.entry.model
    meters = [model.row_at(i) for i in range(model.rowCount()) if model.row_at(i).key.kind is RowKind.METER]
    typed: dict[str, Decimal] = {}
    go_to(window, meters[0].key.code, Column.VALUE)
    for row in meters:
        value = (
            Decimal(100) if row.meter_kind is MeterKind.QUANTITY else (row.previous or Decimal(0)) + Decimal("100.5")
        )
        typed[row.key.code] = value
        editor = type_text(qtbot, window, str(value))
        with qtbot.waitSignal(window.entry.changeApplied, timeout=5000):
            qtbot.keyClick(editor, Qt.Key.Key_Return)  # saves, and moves down to the next meter
    assert english_words(window, data_dir, tmp_path) == []
    store = reopen(data_dir)
    for code, value in typed.items():
        record = store.record(code, 2026, 1)
        assert record is not None, code
        assert value in (record.reading, record.quantity), code
    store.close()

    # 数据审核: a warning of 2025 explained through the real dialog, by keyboard alone.
    window.tabs.setCurrentIndex(TAB_FINDINGS)
    panel = window.findings
    panel.set_period(2025, "Y")
    before = panel.counts["unexplained"]
    row = next(
        i
        for i in range(panel.model.rowCount())
        if panel.model.finding_at(i).severity.value == "warning" and panel.model.finding_at(i).explanation is None
    )
    panel.select_row(row)
    panel.view.setFocus()
    seen: list[list[str]] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ExplanationDialog):  # not open yet: look again on the next turn
            QTimer.singleShot(10, fill_in)
            return
        try:
            answer(dialog)
        finally:
            if dialog.isVisible():  # a failed step must not leave the test waiting on the dialog
                dialog.reject()

    def answer(dialog: ExplanationDialog) -> None:
        seen.append(english_words(dialog))
        qtbot.keyClick(dialog.cause, Qt.Key.Key_Down)  # the first cause of the bureau's list
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter in 原因 goes on to 说明
        assert dialog.focusWidget() is dialog.text
        commit_ime(dialog.text, "本月空调主机检修，用电量相应变化")
        qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)  # on to 保存说明
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)

    QTimer.singleShot(0, fill_in)
    monkeypatch.setattr(messages, "ask_explanation", _real_dialog)
    qtbot.keyClick(panel, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # Ctrl+E
    assert seen == [[]]
    assert panel.counts["unexplained"] == before - 1
    store = reopen(data_dir)
    assert any(e.text == "本月空调主机检修，用电量相应变化" for e in store.ledger().explanations)
    store.close()

    # 报送: the complete year 2024 exported by keyboard, and the packet verifies.
    window.tabs.setCurrentIndex(TAB_REPORT)
    screen = window.report
    screen.year_box.setValue(2024)
    monkeypatch.setattr(report_screen, "ask_out_folder", lambda _parent: tmp_path)
    screen.export_button.setFocus()
    qtbot.keyClick(screen.export_button, Qt.Key.Key_Space)
    packets = list(tmp_path.glob("*.zip"))
    assert len(packets) == 1 and verify_packet(packets[0]).ok
    assert "数据包指纹" in screen.result_label.text()
    assert english_words(window, data_dir, tmp_path) == []


def _real_dialog(parent: Any, finding: Any, place: str = "") -> tuple[str, str] | None:
    dialog = ExplanationDialog(finding, place, parent)
    if dialog.exec() != ExplanationDialog.DialogCode.Accepted:
        return None
    return dialog.result_value


def test_a_read_only_data_folder_opens_for_reading_not_as_locked(
    qtbot: Any, demo_service: LedgerService, data_dir: Path, tmp_path: Path
) -> None:
    """No lock file can be made in a read-only folder; that once read as "open in another window".
    The window says at once that nothing can be changed, not only at the first refused edit."""
    import shutil
    import subprocess

    from gxjn_desktop.gui import app as gui_app
    from tests.storage.test_environment import _tmpfs

    demo_service.close()
    held = gui_app.acquire_lock(data_dir)
    assert held is not None and gui_app.held_by_another_window(data_dir, gui_app.acquire_lock(data_dir))
    held.unlock()
    with _tmpfs(tmp_path / "disk", "8m") as disk:
        shutil.copytree(data_dir, disk / "unit")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        lock = gui_app.acquire_lock(disk / "unit")
        assert lock is None and not gui_app.held_by_another_window(disk / "unit", lock)
        store = LedgerService.open(disk / "unit")  # what the window then opens: for reading
        try:
            assert store.read_only and "示例单位" in store.ledger().unit.name
            window = MainWindow(disk / "unit", store, today=DEMO_TODAY)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            assert "（只读）" in window.windowTitle()
            assert "数据文件夹只读" in window.status_label.text()
            window.close()
        finally:
            store.close()
