"""Qt's Chinese translation: loaded from the Qt installation, and its absence is said, not hidden."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gxjn_desktop.gui.app import TRANSLATION_MISSING, install_translator


def test_qtbase_zh_cn_translates_standard_buttons(qapp: QApplication) -> None:
    assert install_translator(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_a_missing_translation_is_reported(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert install_translator(qapp, str(tmp_path)) is False
    assert TRANSLATION_MISSING in capsys.readouterr().err
