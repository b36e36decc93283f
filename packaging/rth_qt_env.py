# PyInstaller runtime hook of the console gxjn-cli (build.spec), in place of PyInstaller's own
# pyi_rth_pyside6. That one imports PySide6.QtCore at start-up (~0.5 s of CPU for Qt and ICU) to
# register a qt.conf; PySide6's wheels embed their own, and most gxjn-cli commands never touch Qt.
# Here only the environment is set, as pyi_rth_pyside6 sets it; `gxjn-cli --self-test` loads Qt
# and checks that its plugins and translations are found.
import os
import sys


def _qt_environment() -> None:
    base = getattr(sys, "_MEIPASS", "")
    qt = os.path.join(base, "PySide6") if sys.platform == "win32" else os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    if sys.platform == "win32":  # Qt's plugins find the Qt DLLs beside them
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")


_qt_environment()
del _qt_environment
