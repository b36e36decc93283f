"""月度填报: the month grid, keyboard-first like a spreadsheet, every committed cell saved at once."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.periods import next_month, previous_month
from gxjn_desktop.domain.records import MeterReplacement, Source
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.background import background
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.entry_model import FINDINGS_ROLE, EntryTableModel
from gxjn_desktop.services.entry import (
    COLUMNS,
    EDITABLE_COLUMNS,
    CellEdit,
    Column,
    DecreaseAnswer,
    DecreaseChoice,
    EntryChange,
    EntryPlan,
    RowKey,
    RowKind,
)
from gxjn_desktop.services.entry.cells import findings_by_cell
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Origin
from gxjn_desktop.validation.findings import Finding, Severity

_Index = QModelIndex | QPersistentModelIndex
_FILLED = "gxjnFilled"  # an editor's property: it holds the cell's value (and then what was typed)


class EntryDelegate(QStyledItemDelegate):
    """A plain line edit for numbers and notes (parsing happens in the service); a list for 来源."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        if COLUMNS[index.column()] is Column.SOURCE:
            combo = QComboBox(parent)
            combo.addItems([s.label for s in Source])
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        # Once per editor: the view calls this again whenever the model says its rows changed, and
        # findings (worked out in the background) may arrive while the person types.
        if editor.property(_FILLED):
            return
        editor.setProperty(_FILLED, True)
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            i = editor.findText(text)
            editor.setCurrentIndex(max(i, 0))
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


class EntryTableView(QTableView):
    """Enter moves down, Tab moves to the next editable column, Delete clears, Ctrl+C/V copy and paste."""

    pasteRequested = Signal()
    clearRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(EntryDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setAlternatingRowColors(False)  # grey means read-only here
        self.setTabKeyNavigation(True)
        # As tight as a WPS sheet (9 pt text in a 22–23 px row at 100 %), with room for the editor's frame.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)

    def move_to(self, row: int, column: int) -> None:
        model = self.model()
        if model is None or not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return
        index = model.index(row, column)
        self.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(index)

    def _step_editable(self, forward: bool) -> None:
        cur = self.currentIndex()
        if not cur.isValid():
            self.move_to(0, COLUMNS.index(Column.VALUE))
            return
        cols = range(cur.column() + 1, len(COLUMNS)) if forward else range(cur.column() - 1, -1, -1)
        for c in cols:
            if COLUMNS[c] in EDITABLE_COLUMNS:
                self.move_to(cur.row(), c)
                return

    def _down(self) -> None:
        cur = self.currentIndex()
        if cur.isValid():
            self.move_to(cur.row() + 1, cur.column())

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Spreadsheet feel: Enter commits and goes down, Tab commits and goes right, without reopening.
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self._down()
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self._step_editable(True)
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self._step_editable(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        key = event.key()
        if not editing:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._down()
                return
            if key == Qt.Key.Key_Tab and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                self._step_editable(True)
                return
            if key == Qt.Key.Key_Backtab:
                self._step_editable(False)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.clearRequested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.pasteRequested.emit()
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy_selection()
                return
            if key == Qt.Key.Key_F2:
                # As in Excel and WPS: F2 puts the cursor after the value to correct a digit;
                # typing without F2 still replaces the value.
                super().keyPressEvent(event)
                editor = QApplication.focusWidget()
                if isinstance(editor, QLineEdit):
                    editor.deselect()
                    editor.end(False)
                return
        super().keyPressEvent(event)

    def copy_selection(self) -> None:
        indexes = self.selectionModel().selectedIndexes()
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        model = self.model()
        lines = ["\t".join(str(model.index(r, c).data(Qt.ItemDataRole.EditRole) or "") for c in cols) for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines))


def parse_block(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel and WPS put them on the clipboard (trailing newline dropped)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


class EntryScreen(QWidget):
    """The period picker above the grid; edits go service → undo stack → status bar."""

    status = Signal(str, bool)  # text, is_error
    changeApplied = Signal(object)  # OpChanges the screen has refreshed for (also on undo/redo)
    periodChanged = Signal(int, int)
    explained = Signal(str)  # a 说明 saved from the right-click menu (the review's list changes)
    findingsShown = Signal()  # the cells show the findings of the snapshot and month on screen

    #: What the grid shows: readings, the meters' rows and 倍率, and findings (which every kind of data moves).
    SHOWS = frozenset(ChangeKind) - {ChangeKind.TASKS}

    def __init__(self, changer: Changer, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.today = today  # the date the review counts from (None: today)
        self.changer = changer
        self.service = changer.service
        self.undo_stack = changer.undo_stack  # the window's one stack (编辑 → 撤销 on every screen)
        self.year, self.month = self.service.default_period()

        self.prev_button = QPushButton("◀ 上月")
        self.prev_button.setToolTip("上一个月（Alt+PageUp 或 Alt+←）")
        self.next_button = QPushButton("下月 ▶")
        self.next_button.setToolTip("下一个月（Alt+PageDown 或 Alt+→）")
        self.year_box = QSpinBox()
        self.year_box.setRange(2000, 2100)
        self.year_box.setSuffix(" 年")
        self.month_box = QComboBox()
        self.month_box.addItems([f"{m} 月" for m in range(1, 13)])
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold;")
        bar = QHBoxLayout()
        for w in (self.prev_button, self.year_box, self.month_box, self.next_button):
            bar.addWidget(w)
        bar.addSpacing(16)
        bar.addWidget(self.title, 1)
        hint = QLabel("Enter 下移 · Tab 右移 · F2 修改 · Esc 取消 · Ctrl+V 粘贴 · Ctrl+Z 撤销")
        hint.setStyleSheet("color: #666;")
        bar.addWidget(hint)

        self.model = EntryTableModel(self)
        self.view = EntryTableView(self)
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(48)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.setInterval(0)
        self._findings_timer.timeout.connect(self.request_findings)
        self._findings_asked = 0  # requests made; only the latest one's result is shown
        self._findings_period = (self.year, self.month)  # the month the cells' findings are of
        self._grid_painted = False  # the rules start once the grid is on screen
        self._findings_deferred = False
        self.view.viewport().installEventFilter(self)

        self.model.editRequested.connect(self.submit_edits)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(
            lambda pos: self.context_menu(self.view.indexAt(pos)).exec(self.view.viewport().mapToGlobal(pos))
        )
        self.view.pasteRequested.connect(self.paste)
        self.view.clearRequested.connect(self.clear_selection)
        self.prev_button.clicked.connect(lambda: self.set_period(*previous_month(self.year, self.month)))
        self.next_button.clicked.connect(lambda: self.set_period(*next_month(self.year, self.month)))
        self.year_box.valueChanged.connect(lambda y: self.set_period(int(y), self.month))
        self.month_box.currentIndexChanged.connect(lambda i: self.set_period(self.year, int(i) + 1))
        for keys, step in (
            ("Alt+PgUp", previous_month),  # Ctrl+PageUp/PageDown switch screens, as WPS switches sheets
            ("Alt+Left", previous_month),
            ("Alt+PgDown", next_month),
            ("Alt+Right", next_month),
        ):
            sc = QShortcut(QKeySequence(keys), self)
            sc.activated.connect(lambda step=step: self.set_period(*step(self.year, self.month)))
        self.refresh()
        self._size_columns()

    # ---- period -------------------------------------------------------------------------------

    def set_period(self, year: int, month: int) -> None:
        if (year, month) == (self.year, self.month):
            return
        self.year, self.month = year, month
        self.refresh()
        self.periodChanged.emit(year, month)

    def refresh(self) -> None:
        """Rows from the service's snapshot; findings follow a moment later."""
        for w in (self.year_box, self.month_box):
            w.blockSignals(True)
        self.year_box.setValue(self.year)
        self.month_box.setCurrentIndex(self.month - 1)
        for w in (self.year_box, self.month_box):
            w.blockSignals(False)
        self.model.locked = self.service.locked_reason(self.year, self.month)
        locked = "（已上报，只读）" if self.model.locked else ""
        self.title.setText(f"{self.year}年{self.month}月 填报{locked}")
        self.title.setToolTip(self.model.locked or "")
        current = self.view.currentIndex()
        self.model.set_rows(self.service.rows(self.year, self.month))
        if (self.year, self.month) != self._findings_period:  # another month's findings would sit on its cells
            self._findings_period = (self.year, self.month)
            self.model.set_findings({})
        if not current.isValid() and self.model.rowCount():
            self.view.move_to(0, COLUMNS.index(Column.VALUE))
        self._findings_asked += 1  # results still on their way are of the data as it was
        self._findings_timer.start()

    def request_findings(self) -> None:
        """The month's findings, worked out in the background (gui/background.py) from the snapshot
        as it is now; the cells show them when they come, unless the month or the data has changed
        meanwhile (a newer request is then on its way)."""
        if not self._grid_painted and self.view.isVisible():
            self._findings_deferred = True  # the grid's first paint asks again (start-up: the grid first)
            return
        self._findings_asked += 1
        asked, ledger, year, month, today = self._findings_asked, self.service.ledger, self.year, self.month, self.today

        def show(found: dict[tuple[RowKey, Column], list[Finding]]) -> None:
            if (
                asked == self._findings_asked
                and ledger is self.service.ledger
                and (year, month) == self._findings_period
            ):
                self.model.set_findings(found)
                self.findingsShown.emit()

        background().submit(self, lambda: findings_by_cell(ledger, year, month, today), show)

    def refresh_findings(self) -> None:
        """The month's findings now, in this thread (results still on their way are older)."""
        self._findings_timer.stop()
        self._findings_asked += 1
        self._findings_period = (self.year, self.month)
        self.model.set_findings(self.service.findings_by_cell(self.year, self.month, self.today))
        self.findingsShown.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._grid_painted and event.type() == QEvent.Type.Paint and watched is self.view.viewport():
            self._grid_painted = True
            if self._findings_deferred:
                self._findings_timer.start()  # after this paint
        return super().eventFilter(watched, event)

    def _size_columns(self) -> None:
        # A figure column holds 1,234,567.89; 项目 a meter's code, name and 户号. Together they leave
        # 备注 in view on a 1024×768 office screen too (110 px each pushed it off to the right).
        fm = self.view.fontMetrics()
        figure = fm.horizontalAdvance("1,234,567.89") + 16
        widths = {Column.ITEM: 220, Column.UNIT: 56, Column.SOURCE: 64, Column.NOTE: 64, Column.MULTIPLIER: 56}
        for i, c in enumerate(COLUMNS):
            base = widths.get(c, figure)
            self.view.setColumnWidth(i, max(base, fm.horizontalAdvance(c.label) + 24))

    # ---- editing ------------------------------------------------------------------------------

    def show_first_column(self) -> None:
        self.view.horizontalScrollBar().setValue(0)
        if not self.view.currentIndex().isValid():
            self.view.move_to(0, COLUMNS.index(Column.VALUE))

    def back_to(self, key: RowKey, column: Column) -> None:
        """Put the cursor back on a refused cell once the editor's own move (Enter: down) is done."""

        def go() -> None:
            row = self.model.row_of(key)
            if row >= 0:
                self.view.move_to(row, COLUMNS.index(column))

        QTimer.singleShot(0, go)

    def submit_edits(self, edits: list[CellEdit], preview: bool = False) -> None:
        """Parse, ask about decreases (after the editor has closed), preview a paste, then save."""
        year, month = self.year, self.month
        plan = self.service.prepare(year, month, edits)
        if plan.errors:
            e = plan.errors[0]
            more = f"（另有 {len(plan.errors) - 1} 处错误）" if len(plan.errors) > 1 else ""
            self.status.emit(f"未保存：{e.label} {e.column.label}：{e.message}。{e.hint}{more}", True)
            self.back_to(e.key, e.column)
            return
        if plan.questions or preview:
            # A modal dialog must not open while the cell editor is still committing.
            QTimer.singleShot(0, lambda: self._resolve(year, month, edits, plan, preview))
            return
        self._save(plan)

    def _resolve(self, year: int, month: int, edits: list[CellEdit], plan: EntryPlan, preview: bool) -> None:
        answers: dict[str, DecreaseAnswer] = {}
        for q in plan.questions:
            answer = messages.ask_decrease(self, q)
            answers[q.meter_code] = answer or DecreaseAnswer(DecreaseChoice.MISTAKE)
            if answers[q.meter_code].choice is DecreaseChoice.MISTAKE:
                self.back_to(RowKey(RowKind.METER, q.meter_code), Column.VALUE)  # to type it again
        if plan.questions:
            try:
                plan = self.service.prepare(year, month, edits, answers)
            except UserError as err:
                self.status.emit(f"未保存：{err.message}", True)
                return
            if plan.errors:
                e = plan.errors[0]
                self.status.emit(f"未保存：{e.label}：{e.message}", True)
                return
        if (
            preview
            and plan.change is not None
            and not plan.change.is_empty
            and not messages.confirm_paste(self, list(plan.change.cells), list(plan.skipped))
        ):
            self.status.emit("已取消粘贴，没有修改任何数据", False)
            return
        self._save(plan)

    def _save(self, plan: EntryPlan) -> None:
        change = plan.change
        if change is None or change.is_empty:
            text = "；".join(plan.skipped) if plan.skipped else "没有需要保存的修改"
            self.status.emit(text, False)
            self.refresh()
            return
        self.apply_change(change)

    def apply_change(self, change: EntryChange) -> bool:
        """Save a change and make it one undo step (an edit, a paste or an import)."""
        return self.changer.run(change.operation, self)

    def apply_changes(self, changes: OpChanges) -> None:
        """Data this screen shows changed (here or elsewhere, done, undone or redone)."""
        self.refresh()
        self.changeApplied.emit(changes)

    def show_place(self, place: Origin, move_cursor: bool) -> None:
        """The month a change was made in and, for undo and redo, the cell it changed."""
        if place.year is not None and place.month is not None and (place.year, place.month) != (self.year, self.month):
            self.year, self.month = place.year, place.month
            self.refresh()
            self.periodChanged.emit(self.year, self.month)
        if move_cursor and isinstance(place.item, tuple):
            key, column = place.item
            row = self.model.row_of(key)
            if row >= 0:
                self.view.move_to(row, COLUMNS.index(column))

    def paste(self) -> None:
        text = QGuiApplication.clipboard().text()
        self.paste_text(text)

    def paste_text(self, text: str) -> None:
        """A rectangular block from Excel/WPS, from the current cell, filling editable columns only."""
        block = parse_block(text)
        cur = self.view.currentIndex()
        if not block or not cur.isValid():
            return
        selected = self.view.selectionModel().selectedIndexes()
        edits: list[CellEdit] = []
        if len(block) == 1 and len(block[0]) == 1 and len(selected) > 1:
            # One value onto a selection fills it, as in a spreadsheet.
            for idx in selected:
                edits.append(CellEdit(self.model.row_at(idx.row()).key, COLUMNS[idx.column()], block[0][0]))
        else:
            start_col = COLUMNS[cur.column()]
            later = [c for c in EDITABLE_COLUMNS if COLUMNS.index(c) >= COLUMNS.index(start_col)]
            skipped_cols = 0
            for i, values in enumerate(block):
                r = cur.row() + i
                if r >= self.model.rowCount():
                    break
                key = self.model.row_at(r).key
                for j, value in enumerate(values):
                    if j >= len(later):
                        skipped_cols += 1
                        continue
                    edits.append(CellEdit(key, later[j], value))
            if skipped_cols:
                self.status.emit(f"粘贴区域超出可填写的列，{skipped_cols} 个单元格被忽略", False)
        if edits:
            self.submit_edits(edits, preview=True)

    def clear_selection(self) -> None:
        edits = []
        for idx in self.view.selectionModel().selectedIndexes():
            row = self.model.row_at(idx.row())
            column = COLUMNS[idx.column()]
            if row.editable(column) and column is not Column.SOURCE and row.text(column):
                edits.append(CellEdit(row.key, column, ""))
        if edits:
            self.submit_edits(edits)

    def context_menu(self, index: QModelIndex) -> QMenu:
        """Right click on the grid: 复制, 粘贴, 清除, 填写说明 (a warning of this cell), 查看换表记录."""
        menu = QMenu(self.view)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.setCurrentIndex(index)
        for text, keys, slot in (
            ("复制", QKeySequence.StandardKey.Copy, self.view.copy_selection),
            ("粘贴", QKeySequence.StandardKey.Paste, self.paste),
            ("清除", QKeySequence(Qt.Key.Key_Delete), self.clear_selection),
        ):
            action = menu.addAction(text)
            action.setShortcut(QKeySequence(keys))  # shown beside the text; the grid handles the keys
            action.triggered.connect(slot)
        menu.addSeparator()
        findings = (
            [f for f in (index.data(FINDINGS_ROLE) or []) if f.severity is not Severity.ERROR]
            if index.isValid()
            else []
        )
        explain = menu.addAction("填写说明…")
        explain.setEnabled(bool(findings))
        if findings:
            explain.triggered.connect(lambda: self._explain(findings[0]))
        row = self.model.row_at(index.row()) if index.isValid() else None
        code = row.key.code if row is not None and row.key.kind is RowKind.METER else None
        history = [rp for rp in self.service.ledger.replacements if rp.meter_code == code]
        replacements = menu.addAction("查看换表记录…")
        replacements.setEnabled(bool(history))
        if history and row is not None:
            replacements.triggered.connect(lambda: self._show_replacements(row.label, history))
        return menu

    def _explain(self, finding: Finding) -> None:
        from gxjn_desktop.gui.findings_panel import explain_finding

        text = explain_finding(self, self.changer, finding)
        if text is not None:
            self.status.emit(text, False)
            self.explained.emit(text)

    def _show_replacements(self, label: str, history: list[MeterReplacement]) -> None:
        lines = [
            f"{rp.day.isoformat()}　{rp.reason.label}：旧表止码 {plain(rp.old_final_reading)}，新表起码 {plain(rp.new_initial_reading)}"
            + (f"（旧表号 {rp.old_meter_no} → 新表号 {rp.new_meter_no}）" if rp.old_meter_no or rp.new_meter_no else "")
            for rp in sorted(history, key=lambda rp: rp.day)
        ]
        messages.show_info(self, f"换表记录：{label}", "\n".join(lines))

    def edit_cell(self, row: int, column: Column) -> None:
        """Select a cell (used by the overview and by findings links)."""
        self.view.move_to(row, COLUMNS.index(column))
        self.view.setFocus()

    def show_cell(self, year: int, month: int, key: RowKey, column: Column) -> bool:
        """Open a month and select one row's cell (from a finding); False when the row is not in that month."""
        self.set_period(year, month)
        row = self.model.row_of(key)
        if row < 0:
            self.status.emit(f"{year}年{month}月的表中没有这一行（计量器具可能已停用或尚未启用）", True)
            return False
        self.edit_cell(row, column)
        return True
