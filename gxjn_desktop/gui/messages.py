"""Every modal dialog the window opens goes through a helper here, so tests can patch them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from gxjn_desktop.errors import Refusal

if TYPE_CHECKING:
    from gxjn_desktop.gui.welcome import NewUnitResult
    from gxjn_desktop.services.entry import CellChange, DecreaseAnswer, DecreaseQuestion
    from gxjn_desktop.validation.findings import Finding


def show_user_error(parent: QWidget | None, err: Refusal) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, "无法完成", err.message, QMessageBox.StandardButton.Ok, parent)
    if err.hint:
        box.setInformativeText(err.hint)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def save_changes_box(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """The unsaved-changes question: 保存 (default), 放弃 and 取消 (Esc), which stays with the edits."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    save = box.addButton("保存", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
    box.setEscapeButton(box.addButton("取消", QMessageBox.ButtonRole.RejectRole))
    box.setDefaultButton(save)
    return box


def ask_save_changes(parent: QWidget | None, title: str, text: str) -> bool | None:
    """True: save; False: discard the edits; None: 取消, stay where the edits are."""
    box = save_changes_box(parent, title, text)
    box.exec()
    role = box.buttonRole(box.clickedButton())
    if role == QMessageBox.ButtonRole.AcceptRole:
        return True
    return False if role == QMessageBox.ButtonRole.DestructiveRole else None


def show_crash(parent: QWidget | None, summary: str, log_file: str, details: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, "程序出现意外错误", "程序出现意外错误，刚才的操作可能没有完成。", parent=parent
    )
    box.setInformativeText(
        f"{summary}\n\n错误详情已写入日志文件：\n{log_file}\n请把这个文件发给技术支持。已保存的数据不受影响。"
    )
    box.setDetailedText(details)
    copy = box.addButton("复制错误信息", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    if box.clickedButton() is copy:
        QApplication.clipboard().setText(f"{summary}\n{log_file}\n{details}")


def ask_decrease(parent: QWidget | None, question: DecreaseQuestion) -> DecreaseAnswer | None:
    """表计翻转 / 更换表计 / 输入有误; ``None`` when the dialog is closed (treated as 输入有误)."""
    from gxjn_desktop.gui.dialogs import DecreaseDialog

    dialog = DecreaseDialog(question, parent)
    if dialog.exec() != DecreaseDialog.DialogCode.Accepted:
        return None
    return dialog.answer


def confirm_paste(parent: QWidget | None, changes: list[CellChange], skipped: list[str]) -> bool:
    from gxjn_desktop.gui.dialogs import PastePreviewDialog

    dialog = PastePreviewDialog(changes, skipped, parent)
    return dialog.exec() == PastePreviewDialog.DialogCode.Accepted


def run_new_unit_wizard(parent: QWidget | None) -> NewUnitResult | None:
    """The wizard's result, or ``None`` when cancelled."""
    from gxjn_desktop.gui.welcome import NewUnitWizard

    wizard = NewUnitWizard(parent)
    if wizard.exec() != NewUnitWizard.DialogCode.Accepted:
        return None
    return wizard.result_value()


def ask_explanation(parent: QWidget | None, finding: Finding, place: str = "") -> tuple[str, str] | None:
    """(cause, text) for a finding's 说明, or ``None`` when cancelled."""
    from gxjn_desktop.gui.dialogs import ExplanationDialog

    dialog = ExplanationDialog(finding, place, parent)
    if dialog.exec() != ExplanationDialog.DialogCode.Accepted:
        return None
    return dialog.result_value


def ask_backup(parent: QWidget | None, labels: list[str]) -> int | None:
    """Which backup to restore (an index into ``labels``, newest first), or ``None``."""
    from PySide6.QtWidgets import QInputDialog

    label, ok = QInputDialog.getItem(
        parent, "从备份恢复", "选择要恢复的备份（当前数据会先自动备份）：", labels, 0, False
    )
    return labels.index(label) if ok and label in labels else None
