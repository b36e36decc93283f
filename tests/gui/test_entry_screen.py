"""月度填报 driven by keyboard on the real window and database: typing, paste, undo, decreases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from gxjn_desktop.domain.records import GarbageCategory, Source
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.dialogs import DecreaseDialog, PastePreviewDialog
from gxjn_desktop.gui.main_window import MainWindow
from gxjn_desktop.services.entry import (
    COLUMNS,
    CellChange,
    Column,
    DecreaseAnswer,
    DecreaseChoice,
    DecreaseQuestion,
    RowKey,
    RowKind,
)
from tests.gui.helpers import commit_ime, go_to, reopen, send_text_key, type_text


def current(window: MainWindow) -> tuple[str, Column]:
    idx = window.entry.view.currentIndex()
    return window.entry.model.row_at(idx.row()).key.code, COLUMNS[idx.column()]


def previous_of(window: MainWindow, code: str) -> Decimal:
    row = window.entry.model.row_at(window.entry.model.row_of(RowKey(RowKind.METER, code)))
    assert row.previous is not None
    return row.previous


def test_model_passes_modeltester(demo_window: MainWindow, qtmodeltester: Any) -> None:
    qtmodeltester.check(demo_window.entry.model)
    demo_window.entry.set_period(2025, 6)  # findings, a replacement month
    demo_window.entry.refresh_findings()
    qtmodeltester.check(demo_window.entry.model)


def test_keyboard_entry_enter_and_tab(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    go_to(window, "V1", Column.VALUE)
    editor = type_text(qtbot, window, "510.5")
    assert isinstance(editor, QLineEdit) and editor.text() == "510.5"
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert current(window) == ("V2", Column.VALUE)  # Enter moved down

    # Tab commits and moves to the next column that can be filled (金额).
    editor = type_text(qtbot, window, "140")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert current(window) == ("V2", Column.COST)
    editor = type_text(qtbot, window, "1038.8")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert current(window) == ("V2", Column.SOURCE)

    # Esc throws the typing away.
    go_to(window, "P1", Column.NOTE)
    editor = type_text(qtbot, window, "abc")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.entry.view.state() != window.entry.view.State.EditingState

    store = reopen(data_dir)
    v1 = store.record("V1", 2026, 1)
    v2 = store.record("V2", 2026, 1)
    assert store.record("P1", 2026, 1) is None
    store.close()
    assert v1 is not None and v1.quantity == Decimal("510.5") and v1.entered_by
    assert v2 is not None and v2.quantity == Decimal(140) and v2.cost_fen == 103880
    assert "已保存" in window.status_label.text()
    assert window.saved_label.text().startswith("最近保存")
    assert window.entry.undo_stack.count() == 3


def test_f2_edits_and_enter_outside_editor_moves_down(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    go_to(window, "V1", Column.NOTE)
    qtbot.keyClick(window.entry.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    commit_ime(editor, "加油卡充值")  # Chinese arrives from the input method
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert current(window) == ("V2", Column.NOTE)
    qtbot.keyClick(window.entry.view, Qt.Key.Key_Return)
    assert current(window) == ("P1", Column.NOTE)
    store = reopen(data_dir)
    rec = store.record("V1", 2026, 1)
    store.close()
    assert rec is not None and rec.note == "加油卡充值"


def test_full_width_number(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    go_to(window, "V2", Column.VALUE)
    send_text_key(window.entry.view, "１２３")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "１２３"
    commit_ime(editor, "．５")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    go_to(window, "V2", Column.COST)
    send_text_key(window.entry.view, "１，２３４。５")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    store = reopen(data_dir)
    rec = store.record("V2", 2026, 1)
    store.close()
    assert rec is not None and rec.quantity == Decimal("123.5") and rec.cost_fen == 123450
    assert (
        window.entry.model.index(
            window.entry.model.row_of(RowKey(RowKind.METER, "V2")), COLUMNS.index(Column.VALUE)
        ).data()
        == "123.5"
    )


def test_invalid_number_is_refused_in_the_status_bar(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    go_to(window, "V1", Column.VALUE)
    editor = type_text(qtbot, window, "12,5")
    with qtbot.waitSignal(window.entry.status, timeout=3000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args is not None and blocker.args[1] is True
    assert "不是有效的数字" in window.status_label.text()
    assert window.entry.undo_stack.count() == 0
    v1 = window.entry.model.row_of(RowKey(RowKind.METER, "V1"))
    # The cursor stays on the refused cell, so the next keys correct it and do not land on the next meter.
    qtbot.waitUntil(lambda: window.entry.view.currentIndex().row() == v1)
    assert window.entry.view.currentIndex().column() == COLUMNS.index(Column.VALUE)
    store = reopen(data_dir)
    assert store.record("V1", 2026, 1) is None
    store.close()


def test_negative_cost_is_refused(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    go_to(window, "V1", Column.COST)
    editor = type_text(qtbot, window, "-5")
    with qtbot.waitSignal(window.entry.status, timeout=3000) as blocker:
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert blocker.args is not None and blocker.args[1] is True
    store = reopen(data_dir)
    assert store.record("V1", 2026, 1) is None
    store.close()


def test_paste_block_is_one_undo_step(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    p1 = previous_of(window, "P1")
    previews: list[tuple[list[CellChange], list[str]]] = []

    def confirm(parent: Any, changes: list[CellChange], skipped: list[str]) -> bool:
        previews.append((changes, skipped))
        dialog = PastePreviewDialog(changes, skipped, parent)  # it must build; it is not shown
        dialog.deleteLater()
        return True

    monkeypatch.setattr(messages, "confirm_paste", confirm)
    # 5 rows × 3 columns as Excel copies them: V1, V2, P1, then two canteen rows.
    block = (
        f"512.30\t4021.56\t发票\r\n138\t1024.00\t发票\r\n{p1 + 4800:f}\t\t抄表\r\n611.5\t0\t账单\r\n5,120\t0\t账单\r\n"
    )
    QApplication.clipboard().setText(block)
    go_to(window, "V1", Column.VALUE)
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(window.entry.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    changes, skipped = previews[0]
    assert len(changes) == 9  # 3 + 3 + 1 (P1: empty 金额 stays empty, 抄表 is already its 来源) + 1 + 1
    assert len(skipped) == 4  # canteen rows have only a value column
    assert window.entry.undo_stack.count() == 1

    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    v1 = ledger.record("V1", 2026, 1)
    assert v1 is not None and v1.quantity == Decimal("512.30") and v1.cost_fen == 402156 and v1.source is Source.INVOICE
    p1_rec = ledger.record("P1", 2026, 1)
    assert p1_rec is not None and p1_rec.reading == p1 + 4800
    canteen = ledger.canteen_month(2026, 1)
    assert canteen is not None and canteen.food_waste_kg == Decimal("611.5") and canteen.diners == 5120

    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    go_to(window, "W1", Column.NOTE)  # elsewhere: undo brings the cursor back to what it undoes
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(window.entry.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert current(window) == ("V1", Column.VALUE)
    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    for code in ("V1", "V2", "P1"):
        assert ledger.record(code, 2026, 1) is None
    c = ledger.canteen_month(2026, 1)
    assert c is None or (c.food_waste_kg is None and c.diners is None)
    assert window.entry.model.row_at(window.entry.model.row_of(RowKey(RowKind.METER, "V1"))).value is None

    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(window.entry.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    store = reopen(data_dir)
    assert store.record("V2", 2026, 1) is not None
    store.close()


def test_paste_cancelled_in_preview_saves_nothing(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "confirm_paste", lambda *a: False)
    row = demo_window.entry.model.row_of(RowKey(RowKind.GARBAGE, GarbageCategory.KITCHEN.value))
    demo_window.entry.view.move_to(row, COLUMNS.index(Column.VALUE))
    with qtbot.waitSignal(demo_window.entry.status, timeout=3000):
        demo_window.entry.paste_text("600\n2.5\n")
    store = reopen(data_dir)
    assert store.ledger().garbage_month(2026, 1) is None
    store.close()
    assert demo_window.entry.undo_stack.count() == 0


def test_decrease_answered_as_rollover(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[DecreaseQuestion] = []

    def answer(parent: Any, q: DecreaseQuestion) -> DecreaseAnswer:
        asked.append(q)
        return DecreaseAnswer(DecreaseChoice.ROLLOVER)

    monkeypatch.setattr(messages, "ask_decrease", answer)
    window = demo_window
    go_to(window, "E2", Column.VALUE)
    editor = type_text(qtbot, window, "120.5")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert [q.meter_code for q in asked] == ["E2"]
    store = reopen(data_dir)
    rec = store.record("E2", 2026, 1)
    store.close()
    assert rec is not None and rec.reading == Decimal("120.5") and rec.rollover_confirmed
    row = window.entry.model.row_at(window.entry.model.row_of(RowKey(RowKind.METER, "E2")))
    assert row.use is not None and row.use > 0 and row.rollover


def test_decrease_answered_as_replacement(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = demo_window
    prev = previous_of(window, "W1")

    def answer(parent: Any, q: DecreaseQuestion) -> DecreaseAnswer | None:
        dialog = DecreaseDialog(q, parent)
        dialog.replacement.setChecked(True)
        dialog.old_final.setText(f"{prev + 95:f}")
        dialog.accept()  # the new initial reading is never filled in for the user
        assert "新表起始示数" in dialog.error.text()
        dialog.new_initial.setText("０")
        dialog.day.setDate(dialog.day.date().addDays(14))
        dialog.new_no.setText("LA-2026-0001")
        dialog.accept()
        assert dialog.result() == DecreaseDialog.DialogCode.Accepted
        return dialog.answer

    monkeypatch.setattr(messages, "ask_decrease", answer)
    go_to(window, "W1", Column.VALUE)
    editor = type_text(qtbot, window, "88")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    reps = ledger.replacements_in("W1", 2026, 1)
    assert len(reps) == 1
    assert reps[0].day == date(2026, 1, 15)
    assert reps[0].old_final_reading == prev + 95 and reps[0].new_initial_reading == 0
    assert reps[0].new_meter_no == "LA-2026-0001"
    rec = ledger.record("W1", 2026, 1)
    assert rec is not None and rec.reading == Decimal(88) and not rec.rollover_confirmed
    row = window.entry.model.row_at(window.entry.model.row_of(RowKey(RowKind.METER, "W1")))
    assert row.use == Decimal(95 + 88)

    # Undo removes the reading and the replacement together.
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        window.entry.undo_stack.undo()
    store = reopen(data_dir)
    ledger = store.ledger()
    store.close()
    assert ledger.replacements_in("W1", 2026, 1) == [] and ledger.record("W1", 2026, 1) is None


def test_decrease_answered_as_mistake_saves_nothing(
    qtbot: Any, demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(messages, "ask_decrease", lambda parent, q: DecreaseAnswer(DecreaseChoice.MISTAKE))
    window = demo_window
    go_to(window, "E1", Column.VALUE)
    editor = type_text(qtbot, window, "7")
    with qtbot.waitSignal(window.entry.status, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.entry.undo_stack.count() == 0
    e1 = window.entry.model.row_of(RowKey(RowKind.METER, "E1"))
    qtbot.waitUntil(lambda: window.entry.view.currentIndex().row() == e1)  # back on E1 to type it again
    store = reopen(data_dir)
    assert store.record("E1", 2026, 1) is None
    store.close()


def test_findings_colour_cells(demo_window: MainWindow) -> None:
    entry = demo_window.entry
    entry.set_period(2025, 6)
    entry.refresh_findings()
    assert entry.model._findings, "the demo's later year keeps some warnings"
    (key, column), findings = next(iter(entry.model._findings.items()))
    index = entry.model.index(entry.model.row_of(key), COLUMNS.index(column))
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert findings[0].message in index.data(Qt.ItemDataRole.ToolTipRole)


def test_period_keys(qtbot: Any, demo_window: MainWindow) -> None:
    entry = demo_window.entry
    demo_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is demo_window, timeout=3000)
    qtbot.keyClick(entry.view, Qt.Key.Key_PageUp, Qt.KeyboardModifier.AltModifier)
    assert (entry.year, entry.month) == (2025, 12)
    qtbot.keyClick(entry.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert (entry.year, entry.month) == (2026, 1)
    entry.prev_button.click()
    assert entry.title.text() == "2025年12月 填报"


def test_typing_replaces_an_existing_value(qtbot: Any, demo_window: MainWindow, data_dir: Path) -> None:
    window = demo_window
    window.entry.set_period(2025, 6)
    go_to(window, "V1", Column.VALUE)
    editor = type_text(qtbot, window, "499")
    assert isinstance(editor, QLineEdit) and editor.text() == "499"
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    store = reopen(data_dir)
    rec = store.record("V1", 2025, 6)
    store.close()
    assert rec is not None and rec.quantity == Decimal(499)
    # Delete clears the selected cell (one undo step), Ctrl+Z brings the value back.
    go_to(window, "V1", Column.NOTE)
    editor = type_text(qtbot, window, "x")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    go_to(window, "V1", Column.NOTE)
    with qtbot.waitSignal(window.entry.changeApplied, timeout=3000):
        qtbot.keyClick(window.entry.view, Qt.Key.Key_Delete)
    store = reopen(data_dir)
    rec = store.record("V1", 2025, 6)
    store.close()
    assert rec is not None and rec.note == "" and rec.quantity == Decimal(499)


def test_decrease_dialog_by_keyboard(qtbot: Any) -> None:
    """The choice has the focus, and choosing 更换表计 puts the cursor in 旧表最终示数."""
    from decimal import Decimal

    from gxjn_desktop.gui.dialogs import DecreaseDialog

    q = DecreaseQuestion("W1", "W1 自来水总表", 2026, 1, Decimal("3815.4"), Decimal(12), 5, "t")
    dialog = DecreaseDialog(q)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.mistake  # ↑/↓ then move among the choices (Qt's radio buttons)
    dialog.replacement.setChecked(True)  # what ↑ from 输入有误 does in an active window
    assert dialog.details.isEnabled()
    assert dialog.focusWidget() is dialog.old_final


def test_f2_puts_the_cursor_after_the_value(qtbot: Any, demo_window: MainWindow) -> None:
    window = demo_window
    window.entry.set_period(2025, 6)
    go_to(window, "V1", Column.VALUE)
    qtbot.keyClick(window.entry.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text()
    assert editor.selectedText() == "" and editor.cursorPosition() == len(editor.text())
