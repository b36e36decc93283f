"""Tab goes on to the next field everywhere, as in a spreadsheet's form.

Qt's QDateEdit keeps the focus when it shows its blank text (报出日期 “未填”): Tab moves to a date
section that is not on screen, again and again, and the fields after it cannot be reached."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QWidget


def _next_tab_stop(start: QWidget, forward: bool) -> QWidget | None:
    """The widget Tab (or Shift+Tab) would reach from ``start``, skipping ``start``'s own parts."""
    widget: QWidget | None = start
    while widget is not None:
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is start:
            return None
        if start.isAncestorOf(widget) or widget.focusProxy() is not None:
            continue
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if takes_tab and widget.isEnabled() and widget.isVisibleTo(start.window()):
            return widget
    return None


class _TabPastBlankDate(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(watched, QDateEdit):
            return False
        assert isinstance(event, QKeyEvent)
        blank = bool(watched.specialValueText()) and watched.date() == watched.minimumDate()
        if not blank or event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        forward = event.key() == Qt.Key.Key_Tab and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        target = _next_tab_stop(watched, forward)
        if target is None:
            return False
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        return True


def tab_past_blank_date(edit: QDateEdit) -> None:
    """Let Tab and Shift+Tab leave ``edit`` while it shows its blank text."""
    edit.installEventFilter(_TabPastBlankDate(edit))
