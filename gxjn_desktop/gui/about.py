"""帮助 → 关于: the version, the data folder and the reference data in use, for a support call."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from gxjn_desktop import __version__


def about_rows(data_dir: Path) -> list[tuple[str, str]]:
    """(label, text) pairs: what a support person asks for first."""
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.services.reference_data import REFERENCE_FILES, read_reference_file

    rows = [("程序版本", f"gxjn {__version__}"), ("数据文件夹", str(data_dir))]
    for name in REFERENCE_FILES:
        try:
            data = read_reference_file(name)
            rows.append((str(data.get("title") or name), str(data["version"])))
        except UserError as err:
            rows.append((name, err.message))
    # The unit's signing key (its fingerprint) goes here, as a row like the ones above.
    return rows


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("关于")
        layout = QVBoxLayout(self)
        title = QLabel("公共机构能源资源消费统计")
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        self.form = QFormLayout()
        for label, text in about_rows(data_dir):
            value = QLabel(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # copyable for support
            value.setWordWrap(True)
            self.form.addRow(f"{label}：", value)
        layout.addLayout(self.form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None, data_dir: Path) -> None:
    AboutDialog(data_dir, parent).exec()
