"""The Qt parts of ``gxjn-cli --self-test``: the platform plugin loads and Qt's Chinese translation is there.

Without a display the offscreen platform is used (as CI runs it); the native plugin's file
(``qwindows`` on Windows, ``qxcb`` on Linux) must be present as well, since that is what a person's
desktop loads.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLibraryInfo
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from gxjn_desktop.gui.app import install_translator

NATIVE_PLATFORM = {"win32": "qwindows", "darwin": "qcocoa"}.get(sys.platform, "qxcb")


def _application() -> QGuiApplication:
    # The PDF printer may already have made a QGuiApplication in this process (one per process).
    existing = QGuiApplication.instance()
    if isinstance(existing, QGuiApplication):
        return existing
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication(["gxjn-cli"])


def check_platform() -> dict[str, Any]:
    app = _application()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    native = sorted(p.name for p in folder.glob(f"*{NATIVE_PLATFORM}.*")) if folder.is_dir() else []
    if not native:
        raise RuntimeError(f"缺少本机显示插件 {NATIVE_PLATFORM}（{folder}）")
    return {"platform": app.platformName(), "native_plugin": native[0], "qt": QLibraryInfo.version().toString()}


def check_translation() -> dict[str, Any]:
    app = _application()
    if not install_translator(app):
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        raise RuntimeError(f"缺少 Qt 中文翻译文件 qtbase_zh_CN.qm（{path}）")
    cancel = QCoreApplication.translate("QPlatformTheme", "Cancel")
    if cancel != "取消":
        raise RuntimeError(f"Qt 中文翻译未生效：Cancel 译为“{cancel}”")
    return {"cancel": cancel}
