"""帮助 → 关于: the version, the data folder and the reference data in use, for a support call."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from gxjn_desktop import __version__
from gxjn_desktop.gui.forms.ui_about import Ui_AboutDialog

_REFERENCE_LABELS = {
    "coefficients": "折标系数",
    "emission_factors": "排放因子",
    "targets": "节能目标",
    "rules": "审核规则",
}


def about_rows(data_dir: Path, key_rows: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str]]:
    """(label, text) pairs: what a support person asks for first, then the signing key's rows."""
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.services.reference_data import REFERENCE_FILES, read_reference_file

    rows = [("程序版本", f"gxjn {__version__}"), ("数据文件夹", str(data_dir))]
    for name in REFERENCE_FILES:
        label = _REFERENCE_LABELS.get(name, name)
        try:
            data = read_reference_file(name)
            rows.append((label, f"{data['version']}（{data.get('title') or name}）"))
        except UserError as err:
            rows.append((label, err.message))
    return rows + list(key_rows)


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, key_rows: Sequence[tuple[str, str]] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("数") * 44)
        self.form: QFormLayout = self.ui.form
        for label, text in about_rows(data_dir, key_rows):
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copyable for support
            value.setWordWrap(True)
            self.form.addRow(f"{label}：", value)
        self.ui.buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        self.ui.buttons.rejected.connect(self.reject)
        # Qt sizes a dialog of wrapped labels for a narrow guess of its width: ask for the height at the real one.
        width = self.minimumWidth()
        self.resize(width, self.heightForWidth(width))


def show_about(parent: QWidget | None, data_dir: Path, key_rows: Sequence[tuple[str, str]] = ()) -> None:
    AboutDialog(data_dir, key_rows, parent).exec()
