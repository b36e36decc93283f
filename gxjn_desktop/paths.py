"""Where things are: the per-user data folder and the bundled resources (one locator for both).

Frozen builds (PyInstaller onedir) unpack ``resources/`` and ``db/`` beside the executable and set
``sys._MEIPASS``; from a source checkout they are at the repository root.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR_NAME = "gxjn"
DATABASE_FILE = "gxjn.db"


def bundle_root() -> Path:
    """The folder that holds ``resources/`` and ``db/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parent.parent


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
