"""Opening a data folder: integrity check, backup, migration, then the database."""

from __future__ import annotations

import sys
from pathlib import Path

from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import database_path
from gxjn_desktop.storage.backup import daily_backup
from gxjn_desktop.storage.database import Database, quick_check
from gxjn_desktop.storage.schema import SCHEMA_HEAD, stored_revision

DRIVE_REMOTE = 4  # GetDriveTypeW: a mapped network drive


def network_location_problem(data_dir: Path, platform: str = sys.platform) -> str | None:
    """Why ``data_dir`` is on a network share, or ``None``. SQLite's locking is unreliable there
    (two PCs can corrupt the file), and government PCs often map 文档 to a server."""
    if platform != "win32":
        return None
    text = str(data_dir)
    if text.startswith(("\\\\", "//")):
        return f"数据文件夹 {text} 在网络共享上"
    drive = Path(text).drive
    if drive and sys.platform == "win32":  # pragma: no cover - needs Windows
        import ctypes

        if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE:
            return f"数据文件夹 {text} 在网络驱动器 {drive} 上"
    return None


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def open_database(data_dir: Path, *, create: bool = True) -> Database:
    """Open (and if needed create and upgrade) the unit database in ``data_dir``."""
    path = database_path(data_dir)
    problem = network_location_problem(data_dir)
    if problem:
        raise StorageError(problem, "请把数据放在本机磁盘上（默认的本地数据文件夹），不要放在网络盘或共享文件夹中")
    if not path.exists() and not create:
        raise StorageError(f"文件夹 {data_dir} 中没有 gxjn 数据", "请先新建单位，或用 gxjn-cli demo 创建示例单位")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"无法创建数据文件夹 {data_dir}：{exc.strerror}", "请检查路径和权限") from exc
    if path.exists():
        quick_check(path)
        daily_backup(path, backup_dir(data_dir))
    if stored_revision(path) != SCHEMA_HEAD:
        from gxjn_desktop.storage.migrate import upgrade  # Alembic only when there is work for it

        upgrade(path, backup_dir=backup_dir(data_dir))
    return Database(path)
