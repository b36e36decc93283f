"""The window's dialogs: why a reading went down, the paste preview, and a finding's 说明."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.meters import month_end
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.records import EXPLANATION_CAUSES, ReplacementReason
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui.common import error_label
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
        self.setWindowTitle("本期示数小于上期示数")
        layout = QVBoxLayout(self)
        intro = QLabel(question.message + "\n请说明原因，程序不会自动当作翻转处理：")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.rollover = QRadioButton("表计翻转(&F)（表码走满后从 0 重新计数）")
        self.replacement = QRadioButton("更换表计(&H)（本月换了新表）")
        self.mistake = QRadioButton("输入有误(&W)（不保存，重新输入）")
        if question.register_digits is None:
            self.rollover.setText(self.rollover.text() + "——注意：该表未登记表位数，无法计算满码值")
        group = QButtonGroup(self)
        for i, b in enumerate((self.rollover, self.replacement, self.mistake)):
            group.addButton(b, i)
            layout.addWidget(b)
        self.mistake.setChecked(True)

        self.details = QGroupBox("换表信息（两个示数都须按换表单填写）")
        form = QFormLayout(self.details)
        self.day = QDateEdit()
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setCalendarPopup(True)
        first = QDate(question.year, question.month, 1)
        last_day = month_end(question.year, question.month)
        self.day.setDateRange(first, QDate(last_day.year, last_day.month, last_day.day))
        self.day.setDate(first)
        self.old_final = QLineEdit()
        self.old_final.setPlaceholderText(f"不小于上期示数 {plain(question.previous)}")
        self.new_initial = QLineEdit()
        self.new_initial.setPlaceholderText("新表通常为 0，须手工填写")
        self.reason = QComboBox()
        for r in ReplacementReason:
            if r is not ReplacementReason.MULTIPLIER:
                self.reason.addItem(r.label, r)
        self.old_no = QLineEdit()
        self.new_no = QLineEdit()
        self.note = QLineEdit()
        # The two readings first: Tab inside a date steps through year, month and day, so the date
        # comes after them and typed digits cannot slip into it.
        form.addRow("旧表最终示数", self.old_final)
        form.addRow("新表起始示数", self.new_initial)
        form.addRow("换表日期", self.day)
        form.addRow("换表原因", self.reason)
        form.addRow("旧表表号", self.old_no)
        form.addRow("新表表号", self.new_no)
        form.addRow("备注", self.note)
        layout.addWidget(self.details)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.replacement.toggled.connect(self.details.setEnabled)
        self.replacement.toggled.connect(lambda on: on and self.old_final.setFocus())
        self.details.setEnabled(False)
        self.mistake.setFocus()  # keyboard: ↑/↓ choose, Enter confirms

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
                return
            self.answer = DecreaseAnswer(choice, rp)
        else:
            self.answer = DecreaseAnswer(choice)
        super().accept()


class PastePreviewDialog(QDialog):
    """Lists what a paste will change before anything is saved."""

    def __init__(self, changes: list[CellChange], skipped: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("粘贴预览")
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"将修改 {len(changes)} 个单元格，确认后一次保存（可用 Ctrl+Z 整体撤销）："))
        table = QTableWidget(len(changes), 4)
        table.setHorizontalHeaderLabels(["项目", "列", "原值", "新值"])
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, c in enumerate(changes):
            for j, text in enumerate((c.label, c.column.label, c.old, c.new)):
                item = QTableWidgetItem(text)
                if j >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(i, j, item)
        table.resizeColumnsToContents()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(table)
        if skipped:
            note = QLabel("以下单元格不会粘贴：\n" + "\n".join(skipped[:8]) + ("\n……" if len(skipped) > 8 else ""))
            note.setWordWrap(True)
            layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("粘贴并保存")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class ExplanationDialog(QDialog):
    """填写说明: a cause from the bureau's list and free text, checked by the service before closing."""

    def __init__(self, finding: Finding, place: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.result_value: tuple[str, str] | None = None
        self.setWindowTitle("填写说明")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        from gxjn_desktop.services.checks import rule_names

        rule = f"{rule_names(finding.rule_id)[0]}（{finding.rule_id}）"
        head = QLabel(f"【{finding.severity.label}】{rule}" + (f"　{place}" if place else ""))
        head.setStyleSheet("font-weight: bold;")
        head.setWordWrap(True)
        layout.addWidget(head)
        message = QLabel(finding.message)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        if finding.hint:
            hint = QLabel(f"处理建议：{finding.hint}")
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #555;")
            layout.addWidget(hint)
        form = QFormLayout()
        self.cause = QComboBox()
        self.cause.addItems(list(EXPLANATION_CAUSES))
        self.cause.setPlaceholderText("请选择原因")
        self.cause.setCurrentIndex(-1)  # no cause chosen for the user: the bureau wants the real one
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)  # keyboard-first: Tab leaves the box instead of typing a tab
        self.text.setPlaceholderText("写明具体情况，如：6 月起新增 2 台空调（必填；选“其他”时至少写 4 个字）")
        self.text.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        old = finding.explanation
        if old is not None:
            self.cause.setCurrentIndex(max(self.cause.findText(old.cause), 0))
            self.text.setPlainText(old.text)
        cause_label = QLabel("原因(&C)")
        cause_label.setBuddy(self.cause)
        text_label = QLabel("说明(&T)")
        text_label.setBuddy(self.text)
        form.addRow(cause_label, self.cause)
        form.addRow(text_label, self.text)
        layout.addLayout(form)
        note = QLabel("说明与当前数值绑定：数据修改后，这条警告须重新说明。")
        note.setStyleSheet("color: #666;")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存说明")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Enter in 原因 goes on to 说明 (as Tab does) instead of pressing 保存说明 half-filled.
        self.cause.installEventFilter(self)
        # A shown problem is re-judged as the user fixes it, and disappears once it is fixed.
        self.cause.currentIndexChanged.connect(self._recheck)
        self.text.textChanged.connect(self._recheck)
        self.cause.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.cause
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.cause.view().isVisible()
        ):
            self.text.setFocus()
            return True
        return super().eventFilter(watched, event)

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
