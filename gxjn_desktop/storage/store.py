"""Opening a data folder: integrity check, backup, migration, then the database."""

from __future__ import annotations

from pathlib import Path

from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import database_path
from gxjn_desktop.storage.backup import daily_backup
from gxjn_desktop.storage.database import Database, quick_check
from gxjn_desktop.storage.schema import SCHEMA_HEAD, stored_revision


def backup_dir(data_dir: Path) -> Path:
    return data_dir / "backups"


def open_database(data_dir: Path, *, create: bool = True) -> Database:
    """Open (and if needed create and upgrade) the unit database in ``data_dir``."""
    path = database_path(data_dir)
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
