"""Where things are: the per-user data folder and the bundled resources (one locator for both).

Every file and folder the program keeps in a data folder is named below and nowhere else, so the
frozen build and a future "move my data" have one place to look.

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

# ---- the data folder's contents -----------------------------------------------------------------
DATABASE_FILE = "gxjn.db"
LOCK_FILE = "gxjn.lock"  # the window's QLockFile: pid, application, host on its first lines
UI_STATE_FILE = "gxjn-ui.ini"  # window geometry and header layouts
LOG_DIR = "logs"
LOG_FILE = "gxjn.log"
CRASH_LOG_FILE = "gxjn-crash.log"  # in the home folder, when the data folder cannot be written
BACKUP_DIR = "backups"
IMPORTED_PLAN_DIR = "reference"  # work plans the bureau issued after this program was built
BUREAU_DIR = "bureau"  # the 汇总 mode's own data folder, inside a unit's
BUREAU_DATABASE_FILE = "bureau.db"  # in a bureau's data folder
BUREAU_KEY_FILE = "bureau-signing-key.json"  # the bureau's key for forwarding to the next tier


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


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def ui_state_path(data_dir: Path) -> Path:
    return data_dir / UI_STATE_FILE


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIR / LOG_FILE


def crash_log_fallback() -> Path:
    """Where a crash is written when the data folder's log cannot be."""
    return Path.home() / CRASH_LOG_FILE


def backup_dir(data_dir: Path) -> Path:
    return data_dir / BACKUP_DIR


def imported_plan_dir(data_dir: Path) -> Path:
    """Where plans the bureau issued later are kept, beside the database."""
    return data_dir / IMPORTED_PLAN_DIR


def bureau_dir(data_dir: Path) -> Path:
    """The data folder of the 汇总 mode opened from a unit's window."""
    return data_dir / BUREAU_DIR


def bureau_database_path(data_dir: Path) -> Path:
    return data_dir / BUREAU_DATABASE_FILE


def bureau_key_path(data_dir: Path) -> Path:
    return data_dir / BUREAU_KEY_FILE
