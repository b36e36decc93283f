"""Choosing workbooks and confirming an import: small functions, so tests can patch every dialog."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from gxjn_desktop.services.workbook.importer import ImportPlan

WORKBOOK_FILTER = "Excel 工作簿 (*.xlsx)"


def _documents() -> str:
    """Where a workbook is looked for first: 文档, not the program's folder."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def ask_open_workbook(parent: QWidget | None, title: str) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, _documents(), WORKBOOK_FILTER)
    return Path(name) if name else None


def ask_open_plan(parent: QWidget | None, title: str) -> Path | None:
    """A work-plan file the bureau issued (workplan-YYYY.json)."""
    name, _ = QFileDialog.getOpenFileName(parent, title, _documents(), "工作安排文件 (*.json)")
    return Path(name) if name else None


def ask_save_workbook(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(Path(_documents()) / suggested), WORKBOOK_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


class ImportPreviewDialog(QDialog):
    """What a workbook will change, before anything is written."""

    def __init__(self, plan: ImportPlan, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("导入预览")
        self.resize(640, 440)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"{file_name}：新增 {plan.added} 项，修改 {plan.changed} 项，不变 {plan.unchanged} 项。\n"
            "确认后一次保存（导入前自动备份；可用 Ctrl+Z 整体撤销）。"
        )
        summary.setWordWrap(True)
        layout.addWidget(summary)
        changes = QListWidget()
        changes.addItems(plan.describe())
        layout.addWidget(changes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("导入")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)


def confirm_import(parent: QWidget | None, plan: ImportPlan, file_name: str) -> bool:
    return ImportPreviewDialog(plan, file_name, parent).exec() == QDialog.DialogCode.Accepted
