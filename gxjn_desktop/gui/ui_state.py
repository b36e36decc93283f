"""Window state (geometry, header layout) in an INI file inside the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from gxjn_desktop.paths import UI_STATE_FILE as UI_STATE_FILE
from gxjn_desktop.paths import ui_state_path

#: Declared keys, so widgets never type them as bare strings.
MAIN_GEOMETRY = "main/geometry"
MAIN_STATE = "main/state"
ENTRY_HEADER = "entry/header"
METERS_HEADER = "meters/header"
FINDINGS_HEADER = "findings/header"


class UiState:
    def __init__(self, data_dir: Path) -> None:
        self.settings = QSettings(str(ui_state_path(data_dir)), QSettings.Format.IniFormat)

    def bytes(self, key: str) -> QByteArray | None:
        value = self.settings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.settings.setValue(key, value)

    def sync(self) -> None:
        self.settings.sync()
