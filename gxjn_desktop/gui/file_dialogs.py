"""Choosing workbooks and confirming an import: small functions, so tests can patch every dialog."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QFileSystemModel,
    QListView,
    QTreeView,
    QWidget,
)

from gxjn_desktop.gui.common import fit_to_screen, ok_cancel
from gxjn_desktop.gui.forms.ui_import_preview import Ui_ImportPreviewDialog

if TYPE_CHECKING:
    from gxjn_desktop.gui.ui_state import UiState
    from gxjn_desktop.services.workbook.importer import ImportPlan

WORKBOOK_FILTER = "Excel 工作簿 (*.xlsx)"
LAST_FOLDER = "files/last_folder"


def _state_of(parent: QWidget | None) -> UiState | None:
    """The main window's saved state (it keeps the last folder across restarts), if ``parent`` is in it."""
    widget = parent
    while widget is not None:
        state = getattr(widget, "ui_state", None)
        if state is not None:
            return state  # type: ignore[no-any-return]
        widget = widget.parentWidget()
    return None


def start_folder(parent: QWidget | None) -> str:
    """The folder used last (while it exists), else 文档 — never the program's own folder."""
    state = _state_of(parent)
    last = state.settings.value(LAST_FOLDER) if state is not None else None
    if isinstance(last, str) and last and Path(last).is_dir():
        return last
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # A missing 文档 (a bare Linux account) would show up as a file name "Documents": use home.
    return documents if Path(documents).is_dir() else str(Path.home())


def _remember(parent: QWidget | None, path: Path) -> None:
    state = _state_of(parent)
    if state is not None:
        state.settings.setValue(LAST_FOLDER, str(path.parent))


class _ChineseDates(QIdentityProxyModel):
    """The 修改日期 column in the program's format (QFileSystemModel uses the system locale)."""

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        source = self.sourceModel()
        if index.column() == 3 and role == Qt.ItemDataRole.DisplayRole and isinstance(source, QFileSystemModel):
            modified = source.lastModified(self.mapToSource(index))
            return QLocale().toString(modified, "yyyy-MM-dd HH:mm")
        return super().data(index, role)


def workbook_dialog(parent: QWidget | None, title: str, *, save: bool, suggested: str = "") -> QFileDialog:
    """The dialog both helpers show. Windows has its own (Chinese) dialog; elsewhere Qt's, which the
    application's translators make Chinese (see gui/app.py)."""
    dialog = QFileDialog(parent, title, start_folder(parent), WORKBOOK_FILTER)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setProxyModel(_ChineseDates(dialog))
        metrics = dialog.fontMetrics()
        for view in dialog.findChildren(QTreeView):  # room for 2026-11-27 11:54 and a long name
            view.header().resizeSection(0, metrics.horizontalAdvance("某某单位2025年填报工作簿.xlsx"))
            view.header().resizeSection(3, metrics.horizontalAdvance("2026-11-27 11:54") + 24)
        sidebar = dialog.findChild(QListView, "sidebar")
        if sidebar is not None:
            sidebar.setMinimumWidth(metrics.horizontalAdvance("计算机") + 56)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.selectFile(suggested)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "保存")
    else:
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setLabelText(QFileDialog.DialogLabel.Accept, "打开")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "取消")
    return dialog


def _chosen(parent: QWidget | None, dialog: QFileDialog) -> Path | None:
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    _remember(parent, path)
    return path


def ask_open_workbook(parent: QWidget | None, title: str) -> Path | None:
    return _chosen(parent, workbook_dialog(parent, title, save=False))


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    """A folder (e.g. where a packet goes), in the same Chinese dialog, from the folder used last."""
    dialog = QFileDialog(parent, title, start_folder(parent))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    if sys.platform != "win32":
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setProxyModel(_ChineseDates(dialog))
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "选择")
    dialog.setLabelText(QFileDialog.DialogLabel.Reject, "取消")
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    folder = Path(dialog.selectedFiles()[0])
    state = _state_of(parent)
    if state is not None:
        state.settings.setValue(LAST_FOLDER, str(folder))
    return folder


def ask_open_plan(parent: QWidget | None, title: str) -> Path | None:
    """A work-plan file the bureau issued (workplan-YYYY.json)."""
    dialog = workbook_dialog(parent, title, save=False)
    dialog.setNameFilter("工作安排文件 (*.json)")
    return _chosen(parent, dialog)


def ask_save_workbook(parent: QWidget | None, title: str, suggested: str) -> Path | None:
    path = _chosen(parent, workbook_dialog(parent, title, save=True, suggested=suggested))
    if path is None:
        return None
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


class ImportPreviewDialog(QDialog):
    """What a workbook will change, before anything is written (ui/import_preview.ui)."""

    def __init__(self, plan: ImportPlan, file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportPreviewDialog()
        self.ui.setupUi(self)
        fit_to_screen(self, 640, 440)
        self.ui.summary.setText(
            f"{file_name}：新增 {plan.added} 项，修改 {plan.changed} 项，不变 {plan.unchanged} 项。\n"
            "确认后一次保存（导入前自动备份；可用 Ctrl+Z 整体撤销）。"
        )
        self.ui.changes.addItems(plan.describe())
        ok_cancel(self, "导入", "取消", self.ui.buttons)


def confirm_import(parent: QWidget | None, plan: ImportPlan, file_name: str) -> bool:
    return ImportPreviewDialog(plan, file_name, parent).exec() == QDialog.DialogCode.Accepted
