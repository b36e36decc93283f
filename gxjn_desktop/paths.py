"""Where things are: the per-user data folder and the bundled resources (one locator for both).

``resources/`` and ``db/`` live at the repository's top level. They are found in three places:
- frozen (PyInstaller onedir, build.spec): at ``sys._MEIPASS`` (the ``_internal`` folder);
- installed from the wheel or sdist: inside the package, ``gxjn_desktop/resources`` and
  ``gxjn_desktop/db`` (setup.py maps the top-level folders there as package data);
- a source checkout (also an editable install): at the repository root, beside ``gxjn_desktop/``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "gxjn"
DATABASE_FILE = "gxjn.db"
LOCK_FILE = "gxjn.lock"  # the window's QLockFile: pid, application, host on its first lines


def bundle_root() -> Path:
    """The folder that holds ``resources/`` and ``db/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    package = Path(__file__).resolve().parent
    if (package / "resources").is_dir() and (package / "db").is_dir():
        return package  # an installed wheel: package data
    return package.parent  # a source checkout


def resource_path(*parts: str) -> Path:
    return bundle_root().joinpath("resources", *parts)


def migrations_path() -> Path:
    return bundle_root() / "db"


def default_data_dir() -> Path:
    """%LOCALAPPDATA%\\gxjn on Windows (never the roaming profile), XDG data home elsewhere."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / APP_DIR_NAME
    xdg = os.environ.get("XDG_DATA_HOME")
    return (Path(xdg) if xdg else Path.home() / ".local" / "share") / APP_DIR_NAME


def database_path(data_dir: Path) -> Path:
    return data_dir / DATABASE_FILE
