"""The log file in the data folder, where unexpected errors leave their traceback."""

from __future__ import annotations

import logging
import traceback
from datetime import datetime
from pathlib import Path

from gxjn_desktop.paths import crash_log_fallback, log_path


def setup_logging(data_dir: Path) -> Path | None:
    """Log to ``<data>/logs/gxjn.log``; returns ``None`` when the folder cannot be written."""
    path = log_path(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def write_crash(data_dir: Path, exc: BaseException) -> Path:
    """Append a traceback to the log (falling back to the temp folder) and return where it went."""
    text = f"\n=== {datetime.now().isoformat(timespec='seconds')} ===\n" + "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    for path in (log_path(data_dir), crash_log_fallback()):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="utf-8") as f:
                f.write(text)
            return path
        except OSError:
            continue
    return log_path(data_dir)
