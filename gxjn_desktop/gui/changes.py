"""The one way the window changes data: run an operation, keep it on the one undo stack, say what changed.

Screens build operations with the services (``services/edits.py``, ``services/meters.py``, the
grid's ``prepare``) and hand them to :meth:`Changer.run`. The changer writes them, pushes one
:class:`OperationCommand` on :attr:`Changer.undo_stack` and emits :attr:`Changer.applied` with the
operation's :class:`~gxjn_desktop.services.operations.OpChanges`; the window routes those to every
screen that shows such data (``Screen.SHOWS`` / ``apply_changes``) and, on undo and redo, takes the
user back to where the change was made. No screen refreshes another.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal, SignalInstance
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from gxjn_desktop.errors import Refusal, UserError
from gxjn_desktop.gui import messages

if TYPE_CHECKING:
    from gxjn_desktop.domain.ledger import Ledger
    from gxjn_desktop.services.entry import EntryService
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation

DO, UNDO, REDO = "do", "undo", "redo"
_VERBS = {DO: "已保存", UNDO: "已撤销并保存", REDO: "已重做并保存"}


class ShowsChanges(Protocol):
    """A screen the window routes changes to: which kinds of data it shows, and how it catches up."""

    SHOWS: frozenset[ChangeKind]

    def apply_changes(self, changes: OpChanges) -> None: ...


class OperationCommand(QUndoCommand):
    """One undo step, whatever screen made it. It is written before it is pushed, so the stack's
    first redo does nothing."""

    def __init__(self, changer: Changer, op: Operation) -> None:
        super().__init__(op.label)
        self.changer = changer
        self.op = op
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.changer.perform(self.op, REDO)

    def undo(self) -> None:
        self.changer.perform(self.op, UNDO)


class Changer(QObject):
    """Runs operations on the unit's snapshot; owns the window's one undo stack."""

    applied = Signal(object, object, str)  # Operation, OpChanges, how: "do" | "undo" | "redo"
    status = Signal(str, bool)  # what happened (or why not), is_error

    def __init__(self, store: LedgerService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.window = parent
        self.store = store
        self._service: EntryService | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_action = self._action("撤销(&U)", self.undo_stack.undo, self.undo_stack.canUndoChanged)
        self.undo_stack.undoTextChanged.connect(lambda text: self.undo_action.setText(f"撤销(&U) {text}".strip()))
        self.redo_action = self._action("重做(&R)", self.undo_stack.redo, self.undo_stack.canRedoChanged)
        self.undo_stack.redoTextChanged.connect(lambda text: self.redo_action.setText(f"重做(&R) {text}".strip()))
        self._keys_set = False  # the keys come with the menus (see actions): ~20 ms, after the grid shows

    def _action(self, text: str, slot: Callable[[], None], enabled: SignalInstance) -> QAction:
        # Made here rather than by QUndoStack.createUndoAction, whose action PySide may free early.
        action = QAction(text, self)
        action.setEnabled(False)
        action.triggered.connect(slot)
        enabled.connect(action.setEnabled)
        return action

    @property
    def service(self) -> EntryService:
        """The unit's snapshot (made when first asked for: there is none before a unit exists)."""
        if self._service is None:
            from gxjn_desktop.services.entry import EntryService

            self._service = EntryService(self.store)
        return self._service

    @property
    def actions(self) -> list[QAction]:
        """撤销 and 重做 with their keys, for the 编辑 menu, and for a dialog to add so Ctrl+Z works
        while it is open too. (An action's keys work only where it is added.)"""
        if not self._keys_set:  # Qt's standard-key tables load on the first use: ~20 ms
            self._keys_set = True
            self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
            self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        return [self.undo_action, self.redo_action]

    def start(self, store: LedgerService) -> None:
        """Another database (a restored backup): a new snapshot and an empty stack."""
        self.store = store
        self._service = None
        self.undo_stack.clear()

    def run(
        self,
        op: Operation,
        parent: QWidget | None = None,
        on_error: Callable[[Refusal], None] | None = None,
    ) -> bool:
        """Write ``op`` and make it one undo step; False (and the store's refusal shown, in a message
        box on ``parent`` or through ``on_error``) when nothing was written."""
        if not self.perform(op, DO, parent, on_error):
            return False
        if op.undoable:
            self.undo_stack.push(OperationCommand(self, op))
        return True

    def build_and_run(self, make: Callable[[Ledger], Operation], parent: QWidget) -> Operation | None:
        """Build an operation from the snapshot as it is now and run it; a refusal (by the service
        that builds it or by the store) is shown on ``parent``. The operation when it was written."""
        try:
            op = make(self.service.ledger)
        except UserError as err:
            messages.show_user_error(parent, err)
            return None
        return op if self.run(op, parent) else None

    def perform(
        self,
        op: Operation,
        how: str,
        parent: QWidget | None = None,
        on_error: Callable[[Refusal], None] | None = None,
    ) -> bool:
        from gxjn_desktop.services.operations import perform, start_over

        try:
            if op.replacement is not None:
                changes = start_over(self.store, op)
                self._service = None
                self.undo_stack.clear()  # the steps before it refer to data that is gone
            else:
                changes = perform(self.service, op, undo=how == UNDO)
        except Refusal as err:
            self.status.emit(f"保存失败：{err.message}。{err.hint}", True)
            if on_error is not None:
                on_error(err)
            else:
                messages.show_user_error(parent or self.window, err)
            return False
        saved = self.store.last_saved
        when = f"（{saved:%H:%M:%S}）" if saved else ""
        self.status.emit(f"{_VERBS[how]}：{op.label}{when}", False)
        self.applied.emit(op, changes, how)
        return True
