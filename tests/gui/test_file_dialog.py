"""The workbook file dialog speaks Chinese, opens in 文档 or the folder used last, and dates read
as the program writes them."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLabel, QTreeView, QWidget

from gxjn_desktop.gui.app import install_translator
from gxjn_desktop.gui.file_dialogs import LAST_FOLDER, start_folder, workbook_dialog
from gxjn_desktop.gui.ui_state import UiState
from gxjn_desktop.paths import resource_path

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def visible_texts(dialog: QWidget) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton) if w.isVisible()]
    texts += [w.toolTip() for w in dialog.findChildren(QAbstractButton) if w.isVisible()]
    for view in dialog.findChildren(QTreeView):
        model = view.model()
        texts += [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    return [t for t in texts if t]


@pytest.mark.skipif(sys.platform == "win32", reason="Windows shows its own dialog")
@pytest.mark.parametrize("save", [False, True])
def test_labels_are_chinese(qtbot: Any, qapp: QApplication, tmp_path: Path, save: bool) -> None:
    assert install_translator(qapp)
    dialog = workbook_dialog(None, "导入填报工作簿", save=save, suggested="填报.xlsx")
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = visible_texts(dialog)
    assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
    assert ("保存" if save else "打开") in texts and "取消" in texts
    assert {"名称", "修改日期"} <= set(texts)
    english = [t for t in texts if LATIN_WORD.search(t.replace("Excel", "").replace("xlsx", ""))]
    assert not english, english
    assert dialog.findChild(QComboBox).currentText() == str(tmp_path)


@pytest.mark.skipif(sys.platform == "win32", reason="Windows shows its own dialog")
def test_folders_and_dates(qtbot: Any, qapp: QApplication, tmp_path: Path) -> None:
    install_translator(qapp)
    (tmp_path / "子文件夹").mkdir()
    dialog = workbook_dialog(None, "导入", save=False)
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    view = next(v for v in dialog.findChildren(QTreeView))
    model = view.model()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 1)
    row = [model.index(0, c, view.rootIndex()).data() for c in range(4)]
    assert row[0] == "子文件夹" and row[2] == "文件夹"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", row[3]), row


def test_starts_in_documents_then_in_the_last_folder(qtbot: Any, data_dir: Path, tmp_path: Path) -> None:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not Path(documents).is_dir():  # a bare Linux account has no 文档: the home folder then
        documents = str(Path.home())
    assert start_folder(None) == documents
    window = QWidget()
    qtbot.addWidget(window)
    window.ui_state = UiState(data_dir)  # type: ignore[attr-defined]  # as the main window carries it
    child = QWidget(window)
    assert start_folder(child) == documents
    window.ui_state.settings.setValue(LAST_FOLDER, str(tmp_path))  # type: ignore[attr-defined]
    assert start_folder(child) == str(tmp_path)
    assert workbook_dialog(child, "导入", save=False).directory().absolutePath() == str(tmp_path)
    window.ui_state.settings.setValue(LAST_FOLDER, str(tmp_path / "gone"))  # type: ignore[attr-defined]
    assert start_folder(child) == documents


def test_the_compiled_catalogue_has_every_message_of_its_source(qapp: QApplication) -> None:
    """The .qm answers each message of the .ts as written there (compile it with pyside6-lrelease)."""
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    folder = resource_path("translations")
    catalogue = QTranslator()
    assert catalogue.load("qt_fixes_zh_CN", str(folder))
    messages = [
        (context.findtext("name"), m.findtext("source"), m.findtext("comment"), m.findtext("translation"))
        for context in ET.parse(folder / "qt_fixes_zh_CN.ts").getroot().iter("context")
        for m in context.iter("message")
    ]
    assert messages
    for context, source, comment, translation in messages:
        assert catalogue.translate(context, source, comment) == translation, (context, source)
