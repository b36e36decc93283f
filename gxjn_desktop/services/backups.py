"""The data folder's backups: listing them and restoring one (文件 → 从备份恢复, gxjn-cli backup)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import backup_dir, database_path, lock_path
from gxjn_desktop.storage.backup import backup_reason, list_backups, restore_backup
from gxjn_desktop.storage.store import data_dir_problem, open_database

_REASONS = {
    "daily": "每日自动备份",
    "before-restore": "恢复前的自动备份",
    "before-demo-force": "替换为示例单位前",
}


def reason_label(reason: str) -> str:
    base = reason.rsplit("-", 1)[0] if reason.rsplit("-", 1)[-1].isdigit() else reason
    if base in _REASONS:
        return _REASONS[base]
    if base.startswith("before-import-"):
        return f"导入 {base.removeprefix('before-import-')} 前"
    if base.startswith("before-upgrade-"):
        return f"升级数据库（版本 {base.removeprefix('before-upgrade-')}）前"
    return base


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    reason: str
    size: int

    @property
    def label(self) -> str:
        return f"{self.made:%Y-%m-%d %H:%M:%S}  {reason_label(self.reason)}"

    def as_json(self) -> dict[str, Any]:
        return {
            "file": str(self.path),
            "name": self.path.name,
            "made": self.made.isoformat(timespec="seconds"),
            "reason": self.reason,
            "reason_label": reason_label(self.reason),
            "bytes": self.size,
        }


def backups(data_dir: Path) -> list[BackupInfo]:
    """The data folder's backups, newest first."""
    bad = data_dir_problem(data_dir)
    if bad is not None:
        raise bad
    if not data_dir.is_dir():  # a mistyped --data-dir is not "no backups yet"
        raise UserError(f"文件夹 {data_dir} 不存在", "请检查 --data-dir 给出的数据文件夹")
    return [
        BackupInfo(p, t, backup_reason(p), p.stat().st_size) for t, p in reversed(list_backups(backup_dir(data_dir)))
    ]


def find_backup(data_dir: Path, name: str | Path) -> Path:
    """A backup given by its path or by its file name in the data folder's backups folder."""
    given = Path(name)
    for candidate in (given, backup_dir(data_dir) / given.name):
        if candidate.is_file():
            if candidate.resolve() == database_path(data_dir).resolve():
                raise UserError(
                    f"{candidate} 是当前正在使用的数据文件，不是备份", "请从 gxjn-cli backup list 列出的备份中选择一个"
                )
            return candidate
    if given.is_dir():
        raise UserError(f"{given} 是文件夹，不是备份文件", "请给出备份文件本身，如 gxjn-20260101-090000-daily.db")
    raise UserError(f"找不到备份文件 {name}", "请用 gxjn-cli backup list 查看可用的备份")


def window_pid(data_dir: Path) -> int | None:
    """The pid of a live window holding the data folder (its lock file names it), or ``None``."""
    try:
        lines = lock_path(data_dir).read_text(encoding="utf-8", errors="replace").splitlines()
        pid = int(lines[0])
    except (OSError, ValueError, IndexError):
        return None
    if len(lines) > 2 and lines[2] and lines[2] != socket.gethostname():
        return pid  # another PC's window: cannot be checked, so assume it is open
    if os.name != "posix":  # pragma: no cover - os.kill(pid, 0) is not a liveness test on Windows
        return pid
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None  # a crashed window's stale lock
    except PermissionError:
        return pid
    return pid


def restore_from_outside(data_dir: Path, backup: Path) -> Path:
    """``gxjn-cli backup restore``: refused while a window works on the data (its snapshot and undo
    stack would then write over the restored data)."""
    pid = window_pid(data_dir)
    if pid is not None:
        raise UserError(
            f"本单位的数据正在程序窗口中打开（进程 {pid}），未恢复",
            "请先关闭程序窗口再恢复，或在窗口中用“文件 → 从备份恢复”",
        )
    return restore(data_dir, backup)


def restore(data_dir: Path, backup: Path) -> Path:
    """Restore ``backup`` over the unit database (nothing may hold it open); the current data is
    backed up first and its backup returned. The restored file is opened once, so it is checked
    and brought to the program's schema before anyone works on it."""
    from gxjn_desktop.storage.migrate import known_revisions  # Alembic only for a restore

    made = restore_backup(database_path(data_dir), backup, backup_dir(data_dir), known_revisions=known_revisions())
    open_database(data_dir, create=False).close()
    return made
