"""能耗定额: the year's quotas, entered by hand or imported from the bureau's workbook.

Every modal step goes through a helper that the tests patch: :func:`ask_quota` (the small form),
:func:`ask_import_confirmation` (the import preview), ``file_dialogs.ask_open_workbook``,
``messages.confirm`` and ``messages.show_user_error``. Nothing is written before the user has
confirmed. Every save, deletion and import is one operation (``services/edits.py``) on the window's
undo stack, written in one transaction; Ctrl+Z / Ctrl+Y work inside the dialog too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import file_dialogs, messages
from gxjn_desktop.gui.changes import DO, UNDO, Changer
from gxjn_desktop.gui.common import ColumnSpec, RowsModel, fit_to_screen, make_read_only_list, ok_cancel, pad_columns
from gxjn_desktop.gui.forms.ui_quota_dialog import Ui_QuotaDialog
from gxjn_desktop.gui.forms.ui_quota_form import Ui_QuotaForm
from gxjn_desktop.gui.forms.ui_quota_import_preview import Ui_QuotaImportPreview
from gxjn_desktop.gui.list_views import RecordTableView
from gxjn_desktop.services import edits
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation
from gxjn_desktop.services.quotas import parse_quota_value

HEADERS = ("指标", "级别", "数值", "口径", "文号")
COL_INDICATOR, COL_LEVEL, COL_VALUE, COL_BASIS, COL_DOCUMENT = range(len(HEADERS))

_INDICATOR_ORDER = {q: i for i, q in enumerate(QuotaIndicator)}
_LEVEL_ORDER = {q: i for i, q in enumerate(QuotaLevel)}


def sort_key(q: Quota) -> tuple[int, int, int]:
    return q.year, _INDICATOR_ORDER[q.indicator], _LEVEL_ORDER[q.level]


def value_text(q: Quota) -> str:
    return f"{plain(q.value)} {q.indicator.unit}"


def basis_text(q: Quota) -> str:
    """口径 only means something for energy; water quotas show nothing."""
    return q.basis.label if q.indicator.is_energy else ""


def quota_line(q: Quota) -> str:
    basis = f"（{q.basis.label}）" if q.indicator.is_energy else ""
    return f"{q.year} 年 {q.indicator.label} {q.level.label} {value_text(q)}{basis}"


def _document_tip(q: Quota) -> str | None:
    return q.document or None


class QuotaModel(RowsModel[Quota]):
    """One row per quota of a year: 指标, 级别, 数值 + unit, 口径, 文号 (read-only)."""

    columns = (
        ColumnSpec(HEADERS[COL_INDICATOR], lambda q: q.indicator.label, _document_tip),
        ColumnSpec(HEADERS[COL_LEVEL], lambda q: q.level.label, _document_tip),
        ColumnSpec(HEADERS[COL_VALUE], value_text, _document_tip),
        ColumnSpec(HEADERS[COL_BASIS], basis_text, _document_tip),
        ColumnSpec(HEADERS[COL_DOCUMENT], lambda q: q.document, _document_tip),
    )

    @property
    def quotas(self) -> list[Quota]:
        return self.items

    def ordered(self, items: list[Quota]) -> list[Quota]:
        return sorted(items, key=sort_key)

    def set_quotas(self, quotas: Iterable[Quota]) -> None:
        self.set_items(quotas)

    def quota_at(self, row: int) -> Quota | None:
        return self.item_at(row)

    def row_of(self, key: str) -> int:
        return self.row_where(lambda q: q.key == key)

    def role_data(self, item: Quota, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class QuotaForm(QDialog):
    """新增 / 修改 one quota. An existing quota keeps its 指标 and 级别 (they are its key)."""

    def __init__(self, year: int, existing: Quota | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = year
        self.quota: Quota | None = None
        self.ui = Ui_QuotaForm()
        self.ui.setupUi(self)
        self.setWindowTitle(f"修改 {year} 年能耗定额" if existing else f"新增 {year} 年能耗定额")
        self.indicator: QComboBox = self.ui.indicator
        for ind in QuotaIndicator:
            self.indicator.addItem(f"{ind.label}（{ind.unit}）", ind)
        self.level: QComboBox = self.ui.level
        for lv in QuotaLevel:
            self.level.addItem(lv.label, lv)
        self.value: QLineEdit = self.ui.value
        self.unit: QLabel = self.ui.unit
        self.basis: QComboBox = self.ui.basis
        for b in Basis:
            self.basis.addItem(b.label, b)
        self.document: QLineEdit = self.ui.document
        self.note: QLabel = self.ui.note
        buttons = self.ui.buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.indicator.currentIndexChanged.connect(self._indicator_changed)
        if existing is not None:
            self.indicator.setCurrentIndex(self.indicator.findData(existing.indicator))
            self.level.setCurrentIndex(self.level.findData(existing.level))
            self.value.setText(plain(existing.value))
            self.basis.setCurrentIndex(self.basis.findData(existing.basis))
            self.document.setText(existing.document)
            self.indicator.setEnabled(False)
            self.level.setEnabled(False)
            self.note.setText("指标和级别不能修改；如需更改，请删除这条定额后新增。")
            self.value.setFocus()
            self.value.selectAll()
        else:
            self.note.setText("同一年度、指标和级别只有一个定额：新的下达文件会替换原值。")
            self.indicator.setFocus()
        self._indicator_changed()

    def _indicator_changed(self) -> None:
        ind: QuotaIndicator = self.indicator.currentData()
        self.unit.setText(ind.unit)
        if not ind.is_energy:  # water has no 当量值 / 等价值
            self.basis.setCurrentIndex(self.basis.findData(Basis.EQUIVALENT))
        self.basis.setEnabled(ind.is_energy)

    def read_quota(self) -> Quota:
        """The quota as filled in; raises :class:`UserError` (or ``InvalidNumber``) when it is not valid."""
        indicator: QuotaIndicator = self.indicator.currentData()
        basis: Basis = self.basis.currentData() if indicator.is_energy else Basis.EQUIVALENT
        return Quota(
            self.year,
            indicator,
            self.level.currentData(),
            parse_quota_value(self.value.text()),
            basis,
            self.document.text().strip(),
        )

    def accept(self) -> None:
        try:
            self.quota = self.read_quota()
        except UserError as err:
            self.quota = None
            messages.show_user_error(self, err)
            self.value.setFocus()
            self.value.selectAll()
            return
        super().accept()


class QuotaImportPreview(QDialog):
    """What an import will save (new, replaced or unchanged) and how many rows were skipped."""

    def __init__(
        self, quotas: list[Quota], others: int, existing: Iterable[Quota], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_QuotaImportPreview()
        self.ui.setupUi(self)
        fit_to_screen(self, 1080, 440)
        old = {q.key: q for q in existing}
        years = sorted({q.year for q in quotas})
        self.ui.head.setText(
            f"将保存本单位的 {len(quotas)} 项定额（{'、'.join(f'{y} 年' for y in years)}），确认后一次保存。"
        )
        self.ui.skipped.setText(f"已跳过其他单位的 {others} 行。" if others else "文件中没有其他单位的行。")
        self.table: QTableWidget = self.ui.table
        self.table.setRowCount(len(quotas))
        for i, q in enumerate(sorted(quotas, key=sort_key)):
            before = old.get(q.key)
            if before is None:
                change = "新增"
            elif before == q:
                change = "不变"
            else:
                change = f"替换原值 {value_text(before)}"
            for j, text in enumerate(
                (str(q.year), q.indicator.label, q.level.label, value_text(q), basis_text(q), q.document, change)
            ):
                item = QTableWidgetItem(text)
                if j == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if j == 5:
                    item.setToolTip(q.document)
                self.table.setItem(i, j, item)
        pad_columns(self.table, (0, 1, 2, 3, 4, 6))
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        ok_cancel(self, "导入并保存", buttons=self.ui.buttons)
        self.table.setFocus()


def ask_quota(parent: QWidget | None, year: int, existing: Quota | None = None) -> Quota | None:
    """The form's quota, or ``None`` when cancelled (the form refuses invalid values itself)."""
    dialog = QuotaForm(year, existing, parent)
    return dialog.quota if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_import_confirmation(
    parent: QWidget | None, quotas: list[Quota], others: int, existing: Iterable[Quota]
) -> bool:
    dialog = QuotaImportPreview(quotas, others, existing, parent)
    return dialog.exec() == QDialog.DialogCode.Accepted


class QuotaDialog(QDialog):
    """The quotas of one year: 新增, 修改 (Enter), 删除 (Delete), 导入定额文件…; Esc closes."""

    def __init__(self, changer: Changer, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changer = changer
        self.saved_any = False
        self._quotas: tuple[Quota, ...] = ()
        self.ui = Ui_QuotaDialog()
        self.ui.setupUi(self)  # ui/quota_dialog.ui: 年度, the list, 新增 / 修改 / 删除 / 导入 / 关闭
        fit_to_screen(self, 960, 480)
        self.year_box: QSpinBox = self.ui.year_box
        self.year_box.setValue(year)
        self.count_label: QLabel = self.ui.count_label
        self.model = QuotaModel(self)
        self.view: RecordTableView = self.ui.view
        self.view.setModel(self.model)
        make_read_only_list(self.view)
        self.view.horizontalHeader().setSectionResizeMode(COL_DOCUMENT, QHeaderView.ResizeMode.Stretch)
        fm = self.view.fontMetrics()
        self._min_widths = {
            COL_INDICATOR: max(fm.horizontalAdvance(i.label) for i in QuotaIndicator) + 16,
            COL_LEVEL: max(fm.horizontalAdvance(lv.label) for lv in QuotaLevel) + 16,
            COL_VALUE: fm.horizontalAdvance("1234.5 kgce/m²") + 16,
            COL_BASIS: max(fm.horizontalAdvance(b.label) for b in Basis) + 16,
        }
        self.empty_label: QLabel = self.ui.empty_label
        self.add_button: QPushButton = self.ui.add_button
        self.edit_button: QPushButton = self.ui.edit_button
        self.delete_button: QPushButton = self.ui.delete_button
        self.import_button: QPushButton = self.ui.import_button
        self.close_button: QPushButton = self.ui.close_button
        # Ctrl+N / Ctrl+O as separate shortcuts: a button's own shortcut would replace its Alt letter.
        # No button is a default one (the form says so): Enter belongs to the table (修改).
        QShortcut(QKeySequence.StandardKey.New, self, self.add_button.click)
        QShortcut(QKeySequence.StandardKey.Open, self, self.import_button.click)
        self.status: QLabel = self.ui.status

        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.add_button.clicked.connect(self.add_quota)
        self.edit_button.clicked.connect(self.edit_quota)
        self.delete_button.clicked.connect(self.delete_quota)
        self.import_button.clicked.connect(self.import_file)
        self.close_button.clicked.connect(self.reject)
        self.view.editRequested.connect(self.edit_quota)
        self.view.deleteRequested.connect(self.delete_quota)
        self.view.doubleClicked.connect(lambda _i: self.edit_quota())

        self.addActions(changer.actions)  # 撤销 / 重做 while the dialog is open
        changer.applied.connect(self._applied)
        self.finished.connect(lambda _r: changer.applied.disconnect(self._applied))
        self.show_stored()
        self.view.setFocus()

    # ---- state ----------------------------------------------------------------------------

    @property
    def year(self) -> int:
        return int(self.year_box.value())

    def show_stored(self, select_key: str | None = None) -> None:
        """The quotas as stored (the window's snapshot, which every write updates)."""
        self._quotas = self.changer.service.ledger.quotas
        self.refresh(select_key)

    def _applied(self, op: Operation, changes: OpChanges, how: str) -> None:
        """A quota saved, deleted, undone or redone: show it, in its year."""
        if ChangeKind.QUOTAS not in changes.kinds:
            return
        if changes.years and self.year not in changes.years:
            self.year_box.blockSignals(True)
            self.year_box.setValue(min(changes.years))
            self.year_box.blockSignals(False)
        self.show_stored(op.place.item if isinstance(op.place.item, str) else None)
        if how != DO:
            self.status.setText(f"{'已撤销' if how == UNDO else '已重做'}：{op.label}")

    def refresh(self, select_key: str | None = None) -> None:
        year = self.year
        self.model.set_quotas(q for q in self._quotas if q.year == year)
        n = self.model.rowCount()
        pad_columns(self.view, (COL_INDICATOR, COL_LEVEL, COL_VALUE, COL_BASIS))
        for col, width in self._min_widths.items():  # an empty year keeps the same columns
            self.view.setColumnWidth(col, max(self.view.columnWidth(col), width))
        self.count_label.setText(f"共 {n} 项定额" if n else "")
        self.empty_label.setText(
            "" if n else f"{year} 年还没有录入定额。按“新增”逐条录入，或“导入定额文件…”导入机关事务管理局的工作簿。"
        )
        row = self.model.row_of(select_key) if select_key else -1
        if row < 0 and n:
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(n > 0)

    def current(self) -> Quota | None:
        index = self.view.currentIndex()
        return self.model.quota_at(index.row()) if index.isValid() else None

    def _existing(self, q: Quota) -> Quota | None:
        return next((e for e in self._quotas if e.key == q.key), None)

    def _run(self, make: Callable[[Ledger], Operation], done: str) -> bool:
        if self.changer.build_and_run(make, self) is None:
            return False
        self.saved_any = True
        self.status.setText(done)
        return True

    def _save(self, quotas: list[Quota], done: str) -> bool:
        label = done.removeprefix("已")
        return self._run(lambda ledger: edits.quotas_set(ledger, quotas, label), done)

    # ---- actions --------------------------------------------------------------------------

    def add_quota(self) -> None:
        quota = ask_quota(self, self.year)
        if quota is None:
            return
        old = self._existing(quota)
        if old is not None and not messages.confirm(
            self,
            "替换定额",
            f"{quota.year} 年 {quota.indicator.label} {quota.level.label} 已有定额 {value_text(old)}。\n"
            f"替换为 {value_text(quota)} 吗？",
        ):
            return
        self._save([quota], f"已保存：{quota_line(quota)}")
        self.view.setFocus()

    def edit_quota(self) -> None:
        old = self.current()
        if old is None:
            return
        quota = ask_quota(self, old.year, old)
        if quota is None or quota == old:
            self.view.setFocus()
            return
        self._save([quota], f"已保存：{quota_line(quota)}")
        self.view.setFocus()

    def delete_quota(self) -> None:
        q = self.current()
        if q is None:
            return
        if not messages.confirm(self, "删除定额", f"删除 {quota_line(q)} 吗？\n删除后可用“撤销”（Ctrl+Z）恢复。"):
            return
        row = self.view.currentIndex().row()
        if not self._run(
            lambda ledger: edits.quota_deleted(ledger, q, f"删除定额：{quota_line(q)}"), f"已删除：{quota_line(q)}"
        ):
            return
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(min(row, self.model.rowCount() - 1), 0))
        self.view.setFocus()

    def import_file(self) -> None:
        path = file_dialogs.ask_open_workbook(self, "导入定额文件")
        if path is None:
            return
        from gxjn_desktop.services.quotas import read_quota_workbook

        try:
            quotas, others = read_quota_workbook(path, self.changer.service.ledger)
        except UserError as err:
            messages.show_user_error(self, err)
            return
        if not ask_import_confirmation(self, quotas, others, self._quotas):
            return
        years = sorted({q.year for q in quotas})
        done = f"已导入 {len(quotas)} 项定额（{'、'.join(f'{y} 年' for y in years)}）" + (
            f"，跳过其他单位的 {others} 行" if others else ""
        )
        if self._save(quotas, done):  # shown in the first imported year
            self.view.setFocus()


def open_quota_dialog(parent: QWidget | None, changer: Changer, year: int) -> bool:
    """Show the quotas of ``year`` (modal); True when anything was saved or deleted."""
    dialog = QuotaDialog(changer, year, parent)
    dialog.exec()
    return dialog.saved_any
