"""废旧电子产品规范处置: the year's disposals (日期, 件数, 接收单位, 证明编号), 新增 and 删除.

Every modal step goes through a helper that the tests patch: :func:`ask_disposal` (the small
form), ``messages.confirm`` and ``messages.show_user_error``. The form refuses what cannot be
saved before it closes, so nothing is written on an error; each addition or deletion is one operation
(``services/edits.py``) on the window's undo stack, one transaction; Ctrl+Z / Ctrl+Y work inside
the dialog too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import parse_decimal, plain
from gxjn_desktop.domain.records import EwasteDisposal
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.changes import DO, UNDO, Changer
from gxjn_desktop.gui.common import ColumnSpec, RowsModel, fit_to_screen, make_read_only_list
from gxjn_desktop.gui.forms.ui_ewaste_dialog import Ui_EwasteDialog
from gxjn_desktop.gui.forms.ui_ewaste_form import Ui_EwasteForm
from gxjn_desktop.gui.list_views import RecordTableView
from gxjn_desktop.services import edits
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation

HEADERS = ("日期", "数量（件）", "接收单位", "证明编号", "备注")
COL_DAY, COL_ITEMS, COL_RECIPIENT, COL_CERTIFICATE, COL_NOTE = range(len(HEADERS))

RECIPIENT_MAX = 200  # the column sizes of the ewaste_disposal table
CERTIFICATE_MAX = 100


def disposal_line(e: EwasteDisposal) -> str:
    return f"{e.day.isoformat()} 处置 {e.items} 件（{e.recipient}）"


def parse_items(text: str) -> int:
    """件数 as typed (full-width digits too); it must be a whole number above 0."""
    value = parse_decimal(text, "数量")
    if value <= 0:
        raise UserError(f"数量必须大于 0（现为 {plain(value)}）", "请填写本次处置的件数，例如 12")
    if value != value.to_integral_value():
        raise UserError(f"数量必须是整数件（现为 {plain(value)}）", "请按处置清单填写件数，例如 12")
    return int(value)


def check_day(day: date, year: int, today: date) -> date:
    if day.year != year:
        raise UserError(f"处置日期 {day.isoformat()} 不在 {year} 年内", f"请选择 {year} 年的日期，或先在上方切换年度")
    if day > today:
        raise UserError(f"处置日期 {day.isoformat()} 晚于今天（{today.isoformat()}）", "请在处置完成后按实际日期录入")
    return day


def to_date(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())


def _tip(text: str) -> str | None:
    return text or None


class EwasteModel(RowsModel[EwasteDisposal]):
    """One row per disposal of a year, by date (read-only)."""

    columns = (
        ColumnSpec(HEADERS[COL_DAY], lambda e: e.day.isoformat()),
        ColumnSpec(HEADERS[COL_ITEMS], lambda e: str(e.items)),
        ColumnSpec(HEADERS[COL_RECIPIENT], lambda e: e.recipient, lambda e: _tip(e.recipient)),
        ColumnSpec(HEADERS[COL_CERTIFICATE], lambda e: e.certificate_no, lambda e: _tip(e.certificate_no)),
        ColumnSpec(HEADERS[COL_NOTE], lambda e: e.note, lambda e: _tip(e.note)),
    )

    @property
    def disposals(self) -> list[EwasteDisposal]:
        return self.items

    def ordered(self, items: list[EwasteDisposal]) -> list[EwasteDisposal]:
        return sorted(items, key=lambda e: e.day)  # stable: same day keeps entry order

    def set_disposals(self, disposals: Iterable[EwasteDisposal]) -> None:
        self.set_items(disposals)

    def disposal_at(self, row: int) -> EwasteDisposal | None:
        return self.item_at(row)

    def row_of(self, disposal: EwasteDisposal) -> int:
        return self.row_where(lambda e: e == disposal)

    @property
    def total_items(self) -> int:
        return sum(e.items for e in self.disposals)

    def role_data(self, item: EwasteDisposal, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ITEMS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class EwasteForm(QDialog):
    """新增 one disposal of ``year``: 日期, 数量, 接收单位 (required), 证明编号, 备注."""

    def __init__(
        self,
        year: int,
        today: date,
        existing: Iterable[EwasteDisposal] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.year = year
        self.today = today
        self.existing = tuple(existing)
        self.disposal: EwasteDisposal | None = None
        self.ui = Ui_EwasteForm()
        self.ui.setupUi(self)  # its tab order goes down the rows: 日期, 数量, 接收单位, 证明编号, 备注
        self.setWindowTitle(f"新增 {year} 年废旧电子产品处置")
        self.day: QDateEdit = self.ui.day
        default = today if today.year == year else date(year, 12, 31) if year < today.year else date(year, 1, 1)
        self.day.setDate(QDate(default.year, default.month, default.day))
        self.items: QLineEdit = self.ui.items
        self.recipient: QComboBox = self.ui.recipient  # earlier recipients in the list (Alt+↓), or type a new one
        self.recipient.addItems(sorted({e.recipient for e in self.existing}))
        self.recipient.setCurrentIndex(-1)
        recipient_edit = self.recipient.lineEdit()
        assert recipient_edit is not None
        recipient_edit.setMaxLength(RECIPIENT_MAX)
        recipient_edit.setPlaceholderText("必填：接收处置的单位，例如某再生资源回收有限公司")
        self.certificate: QLineEdit = self.ui.certificate
        self.certificate.setMaxLength(CERTIFICATE_MAX)
        self.note: QLineEdit = self.ui.note
        self.ui.hint.setText(f"日期须在 {year} 年内且不晚于今天；数量按件填写。")
        buttons = self.ui.buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.day.setFocus()

    def read_disposal(self) -> tuple[EwasteDisposal | None, UserError | None, QWidget | None]:
        """The disposal as filled in, or the first problem and the field to correct."""
        try:
            day = check_day(to_date(self.day.date()), self.year, self.today)
        except UserError as err:
            return None, err, self.day
        try:
            items = parse_items(self.items.text())
        except UserError as err:
            return None, err, self.items
        recipient = self.recipient.currentText().strip()
        if not recipient:
            return (
                None,
                UserError("接收单位不能为空", "请填写接收处置的单位名称（须为有资质的回收处置单位）"),
                self.recipient,
            )
        disposal = EwasteDisposal(day, items, recipient, self.certificate.text().strip(), self.note.text().strip())
        if any(
            (e.day, e.items, e.recipient, e.certificate_no) == (day, items, recipient, disposal.certificate_no)
            for e in self.existing
        ):
            return (
                None,
                UserError(
                    f"已有相同的处置记录：{disposal_line(disposal)}",
                    "同一次处置只需录入一次；如是另一批，请填写其证明编号",
                ),
                self.certificate,
            )
        return disposal, None, None

    def accept(self) -> None:
        disposal, err, widget = self.read_disposal()
        if err is not None:
            self.disposal = None
            messages.show_user_error(self, err)
            if widget is not None:
                widget.setFocus()
                edit = widget.lineEdit() if isinstance(widget, QComboBox) else widget
                if isinstance(edit, QLineEdit):
                    edit.selectAll()
            return
        self.disposal = disposal
        super().accept()


def ask_disposal(
    parent: QWidget | None, year: int, today: date, existing: Iterable[EwasteDisposal] = ()
) -> EwasteDisposal | None:
    """The form's disposal, or ``None`` when cancelled (the form refuses invalid values itself)."""
    dialog = EwasteForm(year, today, existing, parent)
    return dialog.disposal if dialog.exec() == QDialog.DialogCode.Accepted else None


class EwasteDialog(QDialog):
    """The disposals of one year and their total: 新增 (Ctrl+N), 删除 (Delete); Esc closes."""

    def __init__(
        self, changer: Changer, year: int, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.changer = changer
        self.today = today or date.today()
        self.saved_any = False
        self._disposals: tuple[EwasteDisposal, ...] = ()
        self.ui = Ui_EwasteDialog()
        self.ui.setupUi(self)  # ui/ewaste_dialog.ui: 年度, the list, the total, 新增 / 删除 / 关闭
        fit_to_screen(self, 960, 480)
        self.year_box: QSpinBox = self.ui.year_box
        self.year_box.setValue(year)
        self.count_label: QLabel = self.ui.count_label
        self.model = EwasteModel(self)
        self.view: RecordTableView = self.ui.view  # Delete deletes; Enter presses no button by surprise
        self.view.setModel(self.model)
        make_read_only_list(self.view)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Stretch)
        fm = self.view.fontMetrics()
        pad = 24
        for col, sample in (
            (COL_DAY, "2025-12-31"),
            (COL_ITEMS, HEADERS[COL_ITEMS]),
            (COL_RECIPIENT, "广西某再生资源回收有限公司"),
            (COL_CERTIFICATE, "HS-2025-0932-01"),
        ):
            width = max(fm.horizontalAdvance(sample), header.sectionSizeHint(col))
            self.view.setColumnWidth(col, width + pad)
        self.total_label: QLabel = self.ui.total_label
        self.empty_label: QLabel = self.ui.empty_label
        self.add_button: QPushButton = self.ui.add_button
        self.delete_button: QPushButton = self.ui.delete_button
        self.close_button: QPushButton = self.ui.close_button
        self.add_button.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.status: QLabel = self.ui.status

        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.add_button.clicked.connect(self.add_disposal)
        self.delete_button.clicked.connect(self.delete_disposal)
        self.close_button.clicked.connect(self.reject)
        self.view.deleteRequested.connect(self.delete_disposal)

        self.addActions(changer.actions)  # 撤销 / 重做 while the dialog is open
        changer.applied.connect(self._applied)
        self.finished.connect(lambda _r: changer.applied.disconnect(self._applied))
        self.show_stored()
        self.view.setFocus()

    # ---- state ----------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return int(self.year_box.value())

    def show_stored(self, select: EwasteDisposal | None = None) -> None:
        """The disposals as stored (the window's snapshot, which every write updates)."""
        self._disposals = self.changer.service.ledger.ewaste
        self.refresh(select)

    def _applied(self, op: Operation, changes: OpChanges, how: str) -> None:
        """A disposal added, deleted, undone or redone: show it, in its year."""
        if ChangeKind.EWASTE not in changes.kinds:
            return
        if changes.years and self.year not in changes.years:
            self.year_box.blockSignals(True)
            self.year_box.setValue(min(changes.years))
            self.year_box.blockSignals(False)
        item = op.place.item
        self.show_stored(item if isinstance(item, EwasteDisposal) else None)
        if how != DO:
            self.status.setText(f"{'已撤销' if how == UNDO else '已重做'}：{op.label}")

    def _run(self, make: Callable[[Ledger], Operation], done: str) -> bool:
        if self.changer.build_and_run(make, self) is None:
            return False
        self.saved_any = True
        self.status.setText(done)
        return True

    def refresh(self, select: EwasteDisposal | None = None) -> None:
        year = self.year
        self.model.set_disposals(e for e in self._disposals if e.day.year == year)
        n = self.model.rowCount()
        self.count_label.setText(f"共 {n} 次处置" if n else "")
        self.total_label.setText(f"本年共处置 {self.model.total_items} 件")
        self.empty_label.setText("" if n else f"{year} 年还没有处置记录。按“新增”（Ctrl+N）录入。")
        self.empty_label.setVisible(not n)
        row = self.model.row_of(select) if select is not None else -1
        if row < 0 and n:
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.delete_button.setEnabled(n > 0)

    def current(self) -> EwasteDisposal | None:
        index = self.view.currentIndex()
        return self.model.disposal_at(index.row()) if index.isValid() else None

    # ---- actions --------------------------------------------------------------------------

    def add_disposal(self) -> None:
        disposal = ask_disposal(self, self.year, self.today, self._disposals)
        if disposal is None:
            self.view.setFocus()
            return
        line = disposal_line(disposal)
        self._run(lambda ledger: edits.ewaste_added(ledger, disposal, f"新增处置：{line}"), f"已保存：{line}")
        self.view.setFocus()

    def delete_disposal(self) -> None:
        e = self.current()
        if e is None:
            return
        if not messages.confirm(
            self, "删除处置记录", f"删除 {disposal_line(e)} 吗？\n删除后可用“撤销”（Ctrl+Z）恢复。"
        ):
            return
        row = self.view.currentIndex().row()
        line = disposal_line(e)
        if not self._run(lambda ledger: edits.ewaste_deleted(ledger, e, f"删除处置：{line}"), f"已删除：{line}"):
            return
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.view.setFocus()


def open_ewaste_dialog(parent: QWidget | None, changer: Changer, year: int, *, today: date | None = None) -> bool:
    """Show the disposals of ``year`` (modal); True when anything was saved or deleted."""
    dialog = EwasteDialog(changer, year, parent, today=today)
    dialog.exec()
    return dialog.saved_any
