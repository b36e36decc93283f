"""计量器具: the meter list, adding and retiring meters, replacement and multiplier history."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind
from gxjn_desktop.domain.numbers import NOT_APPLICABLE, parse_decimal, plain
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.common import ColumnSpec, RowsModel, error_label, number_alignment, shown_number, shown_unit
from gxjn_desktop.gui.forms.ui_date_value import Ui_DateValueDialog
from gxjn_desktop.gui.forms.ui_meter_dialog import Ui_MeterDialog
from gxjn_desktop.gui.welcome import MeterPage
from gxjn_desktop.services import edits
from gxjn_desktop.services import meters as meter_changes
from gxjn_desktop.services.meter_rules import multiplier_problem
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation, Origin


def _date(d: date | None) -> str:
    return "" if d is None else f"{d:%Y-%m-%d}"


def _cell(text: str, *, number: bool = False) -> QTableWidgetItem:
    """A history table's cell; a figure right-aligned and grouped as in the grid."""
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(number_alignment(text))
    return item


def _register(meter: Meter, text: str) -> str:
    """A register's figure; "—" for a direct quantity, which has neither digits nor a 倍率 (as in the grid)."""
    return text if meter.kind is MeterKind.REGISTER else NOT_APPLICABLE


class MetersModel(RowsModel[Meter]):
    """The unit's meters; a retired one is grey."""

    columns = (
        ColumnSpec("编号", lambda m: m.code),
        ColumnSpec("名称", lambda m: m.name),
        ColumnSpec("品种", lambda m: m.carrier.label),
        ColumnSpec("单位", lambda m: shown_unit(m.unit)),
        ColumnSpec("计量方式", lambda m: m.kind.label),
        ColumnSpec("用途", lambda m: m.use.label),
        ColumnSpec("户号", lambda m: m.account_no),
        ColumnSpec("表号", lambda m: m.meter_no),
        ColumnSpec(
            "表位数", lambda m: _register(m, "" if m.register_digits is None else str(m.register_digits)), number=True
        ),
        ColumnSpec("当前倍率", lambda m: _register(m, shown_number(plain(m.multiplier_on(date.today())))), number=True),
        ColumnSpec("启用", lambda m: _date(m.active_from)),
        ColumnSpec("停用", lambda m: _date(m.active_to)),
        ColumnSpec("上级表", lambda m: m.parent_code or ""),
    )

    @property
    def meters(self) -> list[Meter]:
        return self.items

    def set_meters(self, meters: list[Meter]) -> None:
        self.set_items(meters)

    def role_data(self, item: Meter, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and item.active_to is not None and item.active_to < date.today():
            from PySide6.QtGui import QBrush, QColor

            return QBrush(QColor("#888888"))
        return None


class MeterDialog(QDialog):
    """新增计量器具: the wizard's meter page with its 启用日期 row, in one aligned form."""

    def __init__(self, parent: QWidget | None = None, taken: Collection[str] = ()) -> None:
        super().__init__(parent)
        self.ui = Ui_MeterDialog()
        self.ui.setupUi(self)
        self.page = MeterPage(taken, with_start=True)
        self.page.setTitle("")
        self.page.setSubTitle("")
        self.ui.layout.insertWidget(0, self.page)
        self.start: QDateEdit = self.page.start
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.meter: Meter | None = None

    def accept(self) -> None:
        d = self.start.date()
        try:
            self.meter = self.page.meter(date(d.year(), d.month(), d.day()))
        except UserError as err:
            self.page.error.setText(f"{err.message}。{err.hint}")
            return
        super().accept()


class DateValueDialog(QDialog):
    """A date and, optionally, a number (停用日期; 倍率变更)."""

    def __init__(
        self, title: str, value_label: str | None, parent: QWidget | None = None, reading_label: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DateValueDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(title)
        self.day: QDateEdit = self.ui.day
        self.day.setDate(QDate.currentDate())
        self.value: QLineEdit = self.ui.value
        self.reading: QLineEdit = self.ui.reading
        form: QFormLayout = self.ui.form
        for label, row_label, field in (
            (value_label, self.ui.value_label, self.value),
            (reading_label, self.ui.reading_label, self.reading),
        ):
            if label:
                row_label.setText(label)
            form.setRowVisible(field, bool(label))
        self.error = error_label(self.ui.error)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)

    def date_value(self) -> date:
        d = self.day.date()
        return date(d.year(), d.month(), d.day())


def ask_new_meter(parent: QWidget | None, taken: Collection[str] = ()) -> Meter | None:
    dialog = MeterDialog(parent, taken)
    return dialog.meter if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_retire_date(parent: QWidget | None, meter: Meter) -> date | None:
    dialog = DateValueDialog(f"停用 {meter.code} {meter.name}", None, parent)
    return dialog.date_value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_multiplier(parent: QWidget | None, meter: Meter) -> tuple[date, Decimal, Decimal | None] | None:
    """The new 倍率, from which day, and — for a change within a month — that day's reading, so the
    month is computed in two segments (old 倍率 before, new after)."""
    register = meter.kind is MeterKind.REGISTER
    dialog = DateValueDialog(
        f"{meter.code} 倍率变更（互感器更换）", "新倍率", parent, "变更当天示数" if register else None
    )
    while dialog.exec() == QDialog.DialogCode.Accepted:
        try:
            value = parse_decimal(dialog.value.text(), "倍率")
            reading = parse_decimal(dialog.reading.text(), "变更当天示数") if dialog.reading.text().strip() else None
        except UserError as err:
            dialog.error.setText(err.message)
            continue
        day = dialog.date_value()
        problem = multiplier_problem(meter, day, value, reading)
        if problem:
            dialog.error.setText(problem)
            continue
        return day, value, reading
    return None


class MetersScreen(QWidget):
    saved = Signal(str)
    SHOWS = frozenset({ChangeKind.METERS, ChangeKind.READINGS})  # READINGS: the replacement history

    def __init__(self, changer: Changer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changer = changer  # a new meter, a retirement or a 倍率 change is one step on the window's undo stack
        self.service = changer.service
        self.model = MetersModel(self)
        self._sized = False
        self.view = QTableView()
        self.view.setTabKeyNavigation(False)  # a list to choose from: Tab goes on, arrows move
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.add_button = QPushButton("新增计量器具(&N)…")
        self.retire_button = QPushButton("停用(&T)…")
        self.multiplier_button = QPushButton("倍率变更(&B)…")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.retire_button, self.multiplier_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        note = QLabel("换表在“月度填报”中登记：输入小于上期的示数时选择“更换表计”。")
        note.setStyleSheet("color: #666;")
        buttons.addWidget(note)
        self.replacements = QTableWidget(0, 6)
        self.replacements.setHorizontalHeaderLabels(
            ["换表日期", "旧表最终示数", "新表起始示数", "原因", "旧表号→新表号", "备注"]
        )
        self.replacements.horizontalHeader().setStretchLastSection(True)
        self.multipliers = QTableWidget(0, 2)
        self.multipliers.setHorizontalHeaderLabels(["生效日期", "倍率"])
        self.multipliers.horizontalHeader().setStretchLastSection(True)
        for t in (self.replacements, self.multipliers):
            t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            t.setTabKeyNavigation(False)
        history = QWidget()
        hl = QHBoxLayout(history)
        hl.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(QLabel("换表记录"))
        left.addWidget(self.replacements)
        right = QVBoxLayout()
        right.addWidget(QLabel("倍率历史"))
        right.addWidget(self.multipliers)
        hl.addLayout(left, 3)
        hl.addLayout(right, 1)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(buttons)
        tl.addWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(history)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self.add_button.clicked.connect(self.add_meter)
        self.retire_button.clicked.connect(self.retire_meter)
        self.multiplier_button.clicked.connect(self.change_multiplier)
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_history(cur.row()))

    def refresh(self) -> None:
        row = self.view.currentIndex().row()
        self.model.set_meters(list(self.service.ledger.meters))
        if not self._sized:  # once; later the user's own widths (restored from the settings) win
            self._sized = True
            self.view.resizeColumnsToContents()
        if self.model.rowCount():
            self.view.selectRow(max(0, min(row, self.model.rowCount() - 1)))
        self._show_history(self.view.currentIndex().row())

    def current(self) -> Meter | None:
        row = self.view.currentIndex().row()
        return self.model.meters[row] if 0 <= row < len(self.model.meters) else None

    def _show_history(self, row: int) -> None:
        meter = self.model.meters[row] if 0 <= row < len(self.model.meters) else None
        reps = [] if meter is None else [r for r in self.service.ledger.replacements if r.meter_code == meter.code]
        self.replacements.setRowCount(len(reps))
        for i, r in enumerate(sorted(reps, key=lambda r: r.day)):
            values = (
                f"{r.day:%Y-%m-%d}",
                shown_number(plain(r.old_final_reading)),
                shown_number(plain(r.new_initial_reading)),
                r.reason.label,
                f"{r.old_meter_no or '—'} → {r.new_meter_no or '—'}",
                r.note,
            )
            for j, v in enumerate(values):
                self.replacements.setItem(i, j, _cell(v, number=j in (1, 2)))
        self.replacements.resizeColumnsToContents()
        mults = [] if meter is None else sorted(meter.multipliers, key=lambda c: c.effective_from)
        self.multipliers.setRowCount(len(mults))
        for i, c in enumerate(mults):
            self.multipliers.setItem(i, 0, QTableWidgetItem(f"{c.effective_from:%Y-%m-%d}"))
            self.multipliers.setItem(i, 1, _cell(shown_number(plain(c.multiplier)), number=True))

    def apply_changes(self, _changes: OpChanges) -> None:
        self.refresh()

    def show_place(self, place: Origin) -> None:
        """Select the meter a change was made to (undo and redo come back here)."""
        row = next((i for i, m in enumerate(self.model.meters) if m.code == place.item), -1)
        if row >= 0:
            self.view.selectRow(row)
        self.view.setFocus()

    def add_meter(self) -> None:
        meter = ask_new_meter(self, {m.code for m in self.service.ledger.meters})
        if meter is None:
            return
        self._apply(lambda ledger: edits.meter_saved(ledger, meter, new=True))

    def _apply(self, make: Callable[[Ledger], Operation]) -> None:
        op = self.changer.build_and_run(make, self)
        if op is not None:
            self.show_place(op.place)
            self.saved.emit(op.label)

    def retire_meter(self) -> None:
        meter = self.current()
        if meter is None:
            return
        day = ask_retire_date(self, meter)
        if day is None:
            return
        self._apply(lambda _ledger: meter_changes.retire(self.service, meter.code, day))

    def change_multiplier(self) -> None:
        meter = self.current()
        if meter is None:
            return
        answer = ask_multiplier(self, meter)
        if answer is None:
            return
        day, value, reading = answer
        self._apply(lambda _ledger: meter_changes.change_multiplier(self.service, meter.code, day, value, reading))
