"""The table of a list screen or dialog (能耗定额, 废旧电子产品处置, 工作任务): Enter asks to edit the
current row, Delete to delete it; the rest is a plain QTableView. The .ui files promote to it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTableView


class RecordTableView(QTableView):
    """Enter (either key, also on the keypad) emits ``editRequested``, Delete ``deleteRequested``."""

    editRequested = Signal()
    deleteRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.editRequested.emit()
            event.accept()
            return
        if plain and event.key() == Qt.Key.Key_Delete:
            self.deleteRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
