"""The window's dialogs: why a reading went down, the paste preview, and a finding's 说明."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from gxjn_desktop.domain.meters import month_end
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.records import EXPLANATION_CAUSES, ReplacementReason
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui.common import error_label, fit_contents, scroll_when_small
from gxjn_desktop.gui.forms.ui_decrease import Ui_DecreaseDialog
from gxjn_desktop.gui.forms.ui_explanation import Ui_ExplanationDialog
from gxjn_desktop.gui.forms.ui_paste_preview import Ui_PastePreviewDialog
from gxjn_desktop.services.entry import (
    CellChange,
    DecreaseAnswer,
    DecreaseChoice,
    DecreaseQuestion,
    make_replacement,
)
from gxjn_desktop.validation.findings import Finding


class DecreaseDialog(QDialog):
    """本期示数小于上期: 表计翻转, 更换表计 (with the replacement's readings) or 输入有误."""

    def __init__(self, question: DecreaseQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.answer: DecreaseAnswer | None = None
        self.ui = Ui_DecreaseDialog()
        self.ui.setupUi(self)
        self.ui.intro.setText(question.message + "\n请说明原因，程序不会自动当作翻转处理：")
        self.rollover: QRadioButton = self.ui.rollover
        self.replacement: QRadioButton = self.ui.replacement
        self.mistake: QRadioButton = self.ui.mistake
        if question.register_digits is None:
            self.rollover.setText(self.rollover.text() + "——注意：该表未登记表位数，无法计算满码值")
        self.details: QGroupBox = self.ui.details
        self.day: QDateEdit = self.ui.day
        first = QDate(question.year, question.month, 1)
        last_day = month_end(question.year, question.month)
        self.day.setDateRange(first, QDate(last_day.year, last_day.month, last_day.day))
        self.day.setDate(first)
        self.old_final: QLineEdit = self.ui.old_final
        self.old_final.setPlaceholderText(f"不小于上期示数 {plain(question.previous)}")
        self.new_initial: QLineEdit = self.ui.new_initial
        self.reason: QComboBox = self.ui.reason
        for r in ReplacementReason:
            if r is not ReplacementReason.MULTIPLIER:
                self.reason.addItem(r.label, r)
        self.old_no: QLineEdit = self.ui.old_no
        self.new_no: QLineEdit = self.ui.new_no
        self.note: QLineEdit = self.ui.note
        self.error = error_label(self.ui.error)
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        self.replacement.toggled.connect(self.details.setEnabled)
        self.replacement.toggled.connect(lambda on: on and self.old_final.setFocus())
        # The replacement's seven fields scroll above 确定 / 取消 when the screen is too small for them.
        self.fields_area = scroll_when_small(self, self.ui.buttons)
        self.mistake.setFocus()  # keyboard: ↑/↓ choose, Enter confirms (after the move, which loses it)

    def choice(self) -> DecreaseChoice:
        if self.rollover.isChecked():
            return DecreaseChoice.ROLLOVER
        if self.replacement.isChecked():
            return DecreaseChoice.REPLACEMENT
        return DecreaseChoice.MISTAKE

    def accept(self) -> None:
        choice = self.choice()
        if choice is DecreaseChoice.REPLACEMENT:
            d = self.day.date()
            try:
                rp = make_replacement(
                    self.question,
                    date(d.year(), d.month(), d.day()),
                    self.old_final.text(),
                    self.new_initial.text(),
                    self.reason.currentData(),
                    self.old_no.text().strip(),
                    self.new_no.text().strip(),
                    self.note.text().strip(),
                )
            except UserError as err:
                self.error.setText(f"{err.message}。{err.hint}")
                QTimer.singleShot(0, lambda: self.fields_area.ensureWidgetVisible(self.error))
                return
            self.answer = DecreaseAnswer(choice, rp)
        else:
            self.answer = DecreaseAnswer(choice)
        super().accept()


class PastePreviewDialog(QDialog):
    """Lists what a paste will change before anything is saved."""

    def __init__(self, changes: list[CellChange], skipped: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PastePreviewDialog()
        self.ui.setupUi(self)
        self.ui.summary.setText(f"将修改 {len(changes)} 个单元格，确认后一次保存（可用 Ctrl+Z 整体撤销）：")
        table: QTableWidget = self.ui.table
        table.setRowCount(len(changes))
        for i, c in enumerate(changes):
            for j, text in enumerate((c.label, c.column.label, c.old, c.new)):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if skipped:
            self.ui.skipped.setText(
                "以下单元格不会粘贴：\n" + "\n".join(skipped[:8]) + ("\n……" if len(skipped) > 8 else "")
            )
        self.ui.skipped.setVisible(bool(skipped))
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("粘贴并保存")
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)


class ExplanationDialog(QDialog):
    """填写说明: a cause from the bureau's list and free text, checked by the service before closing."""

    def __init__(self, finding: Finding, place: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.result_value: tuple[str, str] | None = None
        self.ui = Ui_ExplanationDialog()
        self.ui.setupUi(self)
        from gxjn_desktop.services.checks import rule_names

        rule = f"{rule_names(finding.rule_id)[0]}（{finding.rule_id}）"
        self.ui.head.setText(f"【{finding.severity.label}】{rule}" + (f"　{place}" if place else ""))
        self.ui.message.setText(finding.message)
        self.ui.hint.setText(f"处理建议：{finding.hint}")
        self.ui.hint.setVisible(bool(finding.hint))
        self.cause: QComboBox = self.ui.cause
        self.cause.addItems(list(EXPLANATION_CAUSES))
        self.cause.setCurrentIndex(-1)  # no cause chosen for the user: the bureau wants the real one
        self.text: QPlainTextEdit = self.ui.text  # Tab leaves the box instead of typing a tab (keyboard-first)
        self.text.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        old = finding.explanation
        if old is not None:
            self.cause.setCurrentIndex(max(self.cause.findText(old.cause), 0))
            self.text.setPlainText(old.text)
        self.error = error_label(self.ui.error)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存说明")
        self.ui.buttons.accepted.connect(self.accept)
        self.ui.buttons.rejected.connect(self.reject)
        # A shown problem is re-judged as the user fixes it, and disappears once it is fixed.
        self.cause.currentIndexChanged.connect(self._recheck)
        self.text.textChanged.connect(self._recheck)
        fit_contents(self)  # the finding's message and hint wrap: as tall as they need
        self.cause.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in 原因 (a closed list passes it on to the dialog) goes on to 说明, as Tab does, instead
        # of pressing 保存说明 half-filled. Handled here, not by an event filter on the list: a filter
        # would be called for every event of the list, also while the dialog is being taken down.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.focusWidget() is self.cause:
            self.text.setFocus()
            return
        super().keyPressEvent(event)

    def _problem(self) -> str:
        from gxjn_desktop.services.explanations import explanation_for

        try:
            explanation_for(self.finding, self.cause.currentText(), self.text.toPlainText().strip())
        except UserError as err:
            return f"{err.message}。{err.hint}"
        return ""

    def _recheck(self) -> None:
        if self.error.text():
            self.error.setText(self._problem())

    def accept(self) -> None:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            return
        self.result_value = (self.cause.currentText(), self.text.toPlainText().strip())
        super().accept()
