"""What the frozen builds leave out, shared by build.spec and bench/bare.spec (so the bare baseline
is frozen exactly the same way). Each list is explicit: a new Qt module or plugin the program
needs has to be taken off a list here, on purpose."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

# The Python modules stay in PyInstaller's archive (PYZ), one shared by both executables (see
# SHARED_PYZ). Keeping them as files instead (noarchive) was measured worse on Linux: 1,777 small
# files took more disk, and `gxjn-cli --version` went from ~0.1 s to ~1 s (bench/bench_frozen.py).
NOARCHIVE = False

# Modules are byte-compiled as `python -OO` would: without docstrings and asserts. Nothing in the
# program or its libraries reads a docstring at run time (the CLI's help texts are strings of their
# own; pandas and numpy, in the bureau bundle, support -OO); the frozen checks
# (scripts/check_frozen.py: --self-test, demo, indicators, check, merge, the window) run on it.
OPTIMIZE = 2

# Linux only: the collected libraries that carry DWARF debug information lose it (`strip
# --strip-debug`): libpython and Python's own modules as this machine's Python was built (libpython
# 23 MB, 7 MB without), SQLAlchemy's compiled modules (9 MB, 1.3 MB). Windows DLLs keep
# theirs in separate .pdb files, so this brings the Linux bundle closer to what Windows ships.
# Libraries that auditwheel rewrote (their search path starts at $ORIGIN: numpy's OpenBLAS) are never touched:
# stripping those broke numpy ("ELF load command address/offset not page-aligned"). PyInstaller's
# own strip option strips everything, so it stays off.
STRIP_DEBUG = sys.platform.startswith("linux")

# Qt's own strings in Chinese only (qt_zh_CN.qm is the meta catalogue that names qtbase_zh_CN.qm).
KEEP_QM = {"qtbase_zh_CN.qm", "qt_zh_CN.qm"}

# Plugin folders never loaded: network, QML, Wayland, embedded-Linux input and EGL devices,
# designer, SQL drivers (SQLite goes through Python's sqlite3), and the GTK platform theme,
# which would drag in ~20 MB of GTK/Pango/Cairo (Qt's own style is used).
DROP_PLUGIN_DIRS = (
    "networkinformation",
    "tls",
    "qmltooling",
    "wayland-decoration-client",
    "wayland-graphics-integration-client",
    "wayland-graphics-integration-server",
    "wayland-shell-integration",
    "egldeviceintegrations",
    "generic",
    "designer",
    "sqldrivers",
    "platformthemes",
)
# Platform plugins kept: the desktop's own (windows on Windows, xcb on Linux), offscreen (CI,
# --self-test) and minimal. The rest serve embedded devices, VNC (needs QtNetwork) or Wayland.
DROP_PLATFORMS = ("qeglfs", "qlinuxfb", "qminimalegl", "qvkkhrdisplay", "qvnc", "qwayland", "qdirect2d")

# Libraries only the dropped plugins load; PyInstaller collected them as the plugins' dependencies
# before the plugins were filtered out.
DROP_LIB_PREFIXES = (
    "libgtk-3",
    "libgdk-3",
    "libgdk_pixbuf",
    "libatk-1",
    "libatk-bridge",
    "libatspi",
    "libpango",
    "libcairo",
    "libepoxy",
    "libwayland",
    "libQt6Wayland",
    "libQt6WlShell",
    "libQt6EglFS",
    "libQt6EglFs",
    "libQt6Network",
    "libQt6Qml",
    "libQt6Quick",
    "libQt6Sql",
    "Qt6Network",
    "Qt6Qml",
    "Qt6Quick",
    "Qt6Sql",
)

# Qt modules the program does not use (a stray import then fails the frozen checks instead of
# silently growing the bundle), and the other Qt bindings, which PyInstaller refuses beside PySide6.
QT_EXCLUDES = [
    *(
        f"PySide6.{m}"
        for m in (
            "QtNetwork",
            "QtQml",
            "QtQmlFeatures",
            "QtQuick",
            "QtQuickControls2",
            "QtQuickTest",
            "QtQuickWidgets",
            "QtDesigner",
            "QtHelp",
            "QtUiTools",
            "QtTest",
            "QtSql",
            "QtDBus",
            "QtOpenGL",
            "QtOpenGLWidgets",
            "QtConcurrent",
            "QtXml",
            "QtLabsStyleKit",
            "QtSvgWidgets",
        )
    ),
    "PyQt5",
    "PyQt6",
    "PySide2",
]
# setuptools: its PyInstaller runtime hook imports it at every start (~0.1 s of CPU), and nothing
# of the program needs it at run time. The rest were found in PyInstaller's import graph
# (xref-build.html) as reached only through optional imports the program never takes:
# pygments (1.8 MB of lexers) only through Mako's syntax highlighting of its error pages, which
# falls back without it; xmlrpc (and through it pydoc, its 140 kB of help topics, http.server,
# webbrowser) only through defusedxml.xmlrpc and multiprocessing's network listener; ssl (with
# _ssl and libssl) only through http/urllib/asyncio modules that import it optionally: the
# program never opens a network connection.
OTHER_EXCLUDES = [
    "tkinter",
    "pytest",
    "hypothesis",
    "IPython",
    "matplotlib",
    "setuptools",
    "pkg_resources",
    "_distutils_hack",
    "pygments",
    "mako.ext",
    "mako.testing",
    "xmlrpc",
    "pydoc",
    "pydoc_data",
    "ssl",
    "_ssl",
]
# The unit's program never imports these: pandas/numpy serve the bureau's summaries and psycopg its
# PostgreSQL store (docs/build-windows.md has the measurement). The bureau bundle keeps them.
BUREAU_ONLY = ["pandas", "numpy", "psycopg", "psycopg_binary", "psycopg_c", "psycopg_pool"]


# The Python modules are in one archive beside the executables, _internal/modules.pyz, shared by
# both (packaging/rth_shared_pyz.py); each executable embeds an empty one.
SHARED_PYZ = "modules.pyz"
RUNTIME_HOOKS = ("rth_shared_pyz.py", "rth_mp_child.py", "rth_qt_env.py")  # in packaging/, in this order
# PyInstaller's hooks that neither executable runs: pyi_rth_multiprocessing imports multiprocessing
# at every start (packaging/rth_mp_child.py serves the merge's processes instead), pyi_rth_pkgutil
# imports pkgutil to list frozen modules, which nothing in the program or its libraries does.
DROP_HOOKS = ("pyi_rth_multiprocessing", "pyi_rth_pkgutil")


def excludes(bundle: str) -> list[str]:
    return QT_EXCLUDES + OTHER_EXCLUDES + (BUREAU_ONLY if bundle == "unit" else [])


def keep(entry: tuple[str, ...]) -> bool:
    """Whether a collected file (a TOC entry: destination first) goes into the bundle."""
    dest = entry[0].replace("\\", "/")
    name = dest.rsplit("/", 1)[-1]
    if "__pycache__" in dest:
        return False
    if "/translations/" in dest and name.endswith(".qm"):
        return name in KEEP_QM
    if "/plugins/" in dest:
        if any(f"/plugins/{d}/" in dest for d in DROP_PLUGIN_DIRS):
            return False
        stem = name.split(".")[0].removeprefix("lib")
        return not ("/plugins/platforms/" in dest and stem in DROP_PLATFORMS)
    return not name.startswith(DROP_LIB_PREFIXES)


def _strippable(path: str) -> bool:
    """An ELF file with debug sections and no $ORIGIN search path (auditwheel rewrote those)."""
    out = subprocess.run(["readelf", "-S", "-d", "-W", path], capture_output=True, text=True).stdout
    return " .debug_" in out and "$ORIGIN" not in out


def strip_debug(analysis: Any, workpath: str) -> None:
    """Linux: collect a copy without debug information of each binary that has some (see STRIP_DEBUG)."""
    if not STRIP_DEBUG:
        return
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        raise SystemExit("strip and readelf (binutils) are needed to build on Linux")
    cache = Path(workpath) / "stripped"
    entries = []
    for dest, src, kind in analysis.binaries:
        if kind in ("BINARY", "EXTENSION") and _strippable(src):
            copy = cache / dest
            copy.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run(["strip", "--strip-debug", "-o", str(copy), src], check=True)
            src = str(copy)
        entries.append((dest, src, kind))
    analysis.binaries = entries


def trim(analysis: Any) -> None:
    """Filter an Analysis' datas and binaries in place, and refuse a bundle without Qt's Chinese."""
    analysis.datas = [e for e in analysis.datas if keep(e)]
    analysis.binaries = [e for e in analysis.binaries if keep(e)]
    if not any(e[0].replace("\\", "/").endswith("translations/qtbase_zh_CN.qm") for e in analysis.datas):
        raise SystemExit("qtbase_zh_CN.qm was not collected: Qt's dialogs would be in English")


def scripts_for(analysis: Any, entry: str, others: tuple[str, ...], console: bool) -> list[Any]:
    """One executable's scripts: PyInstaller's bootstrap and runtime hooks, then its own entry script.

    The console executable gets ``packaging/rth_qt_env.py`` instead of PyInstaller's
    ``pyi_rth_pyside6``, which loads QtCore at every start."""
    drop = {*others, *DROP_HOOKS, "pyi_rth_pyside6" if console else "rth_qt_env"}
    chosen = [s for s in analysis.scripts if s[0] not in drop]
    names = [s[0] for s in chosen]
    hooks = [n for n in names if n.startswith(("rth_", "pyi_rth_"))]
    if entry not in names or ("rth_qt_env" in names) != console or hooks[:1] != ["rth_shared_pyz"]:
        raise SystemExit(f"unexpected scripts for {entry}: {names}")
    return chosen
