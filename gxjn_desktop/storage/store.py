"""Opening a data folder: integrity check, backup, migration, then the database (read-only when the
folder cannot be written)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from gxjn_desktop.errors import BackupNotMade, DamagedDatabase, StorageError, os_storage_error, read_only_error
from gxjn_desktop.paths import backup_dir, database_path
from gxjn_desktop.storage.backup import clean_partial_backups, daily_backup, list_backups
from gxjn_desktop.storage.schema import SCHEMA_HEAD, foreign_tables, stored_revision
from gxjn_desktop.storage.sqlite_file import RESTORE_HINT, integrity_check

if TYPE_CHECKING:
    from gxjn_desktop.storage.database import Database

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


# Linux's NAME_MAX and PATH_MAX; Windows allows less, and says so itself.
MAX_NAME_BYTES = 255
MAX_PATH_BYTES = 4096


def data_dir_problem(data_dir: Path) -> StorageError | None:
    """Why ``data_dir`` cannot be a data folder at all (too long a name, a file), before any I/O
    on it raises an English OSError."""
    full = os.fsencode(os.path.abspath(data_dir))
    if len(full) >= MAX_PATH_BYTES:
        return StorageError(
            f"数据文件夹路径过长（{len(full)} 字节，最多 {MAX_PATH_BYTES - 1}）", "请选择路径较短的文件夹"
        )
    for part in data_dir.parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            return StorageError(
                f"数据文件夹路径中的名称“{part[:20]}…”过长（超过 {MAX_NAME_BYTES} 字节）", "请改用较短的文件夹名称"
            )
    if data_dir.exists() and not data_dir.is_dir():
        return StorageError(
            f"{data_dir} 是一个文件，不是文件夹", "--data-dir 应指向存放数据的文件夹（不存在时会自动创建）"
        )
    return None


def writable(data_dir: Path, path: Path) -> bool:
    """Whether the folder (for the WAL, journal and backups) and the file can be written."""
    return os.access(data_dir, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def refuse_emptied(path: Path, data_dir: Path) -> None:
    """A database of 0 bytes beside earlier backups lost its data (a copy cut short, a power cut):
    SQLite would take it for a new, empty database and the unit would seem to be gone."""
    if path.stat().st_size == 0 and list_backups(backup_dir(data_dir)):
        raise DamagedDatabase(
            f"数据文件 {path} 是空的（0 字节），而备份文件夹中有以前的备份：数据可能在复制或断电时丢失",
            f"{RESTORE_HINT}；如确要从头开始，请先删除这个空文件",
        )


def refuse_foreign(path: Path) -> None:
    """Another program's SQLite file named like ours is refused before a migration writes into it."""
    if foreign_tables(path):
        raise StorageError(
            f"{path} 不是 gxjn 的数据库（里面有数据表，但没有 gxjn 的版本记录），程序不会改动它",
            "请换一个数据文件夹，或用“文件 → 从备份恢复”（或 gxjn-cli backup restore）换回 gxjn 的备份",
        )


def backup_refusal(err: StorageError) -> BackupNotMade:
    """What a write says when today's backup could not be made (``err`` says why)."""
    why = err.message.split("：", 1)[-1].removesuffix("，本次修改没有保存")  # make_backup's words: "无法写入备份…：why"
    return BackupNotMade(why, err.hint or "请处理后重试")


@dataclass(frozen=True)
class PreparedFile:
    """A unit database that passed the checks at open and is at the program's schema revision."""

    path: Path
    read_only: bool = False
    migrated: bool = False  # Alembic (and with it SQLAlchemy) ran: the file was new or older
    # Why writes are refused although the folder is writable: today's backup could not be made (a
    # full disk, a backups folder that cannot be written). Reading goes on; nothing is written
    # without the backup that would undo it.
    write_refusal: BackupNotMade | None = None


def prepare_database(data_dir: Path, *, create: bool = True) -> PreparedFile:
    """Everything opening the unit database in ``data_dir`` does before a connection is made:
    refuse a network share or an unusable folder, ``integrity_check``, the daily backup, and an
    upgrade through Alembic when the stored revision is not the program's (a new file too).

    Needs only ``sqlite3`` when the file is already at :data:`SCHEMA_HEAD`, so the month grid can
    be read with plain rows before SQLAlchemy is imported. A read-only folder gives a read-only
    file: reading works, a write says the folder is read-only.
    """
    path = database_path(data_dir)
    problem = network_location_problem(data_dir)
    if problem:
        raise StorageError(problem, "请把数据放在本机磁盘上（默认的本地数据文件夹），不要放在网络盘或共享文件夹中")
    bad = data_dir_problem(data_dir)
    if bad is not None:
        raise bad
    if path.is_dir():
        raise StorageError(f"{path} 是一个文件夹，不是 gxjn 的数据文件", "请把它移走或改名，或换一个数据文件夹")
    if not path.exists() and not create:
        raise StorageError(f"文件夹 {data_dir} 中没有 gxjn 数据", "请先新建单位，或用 gxjn-cli demo 创建示例单位")
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err = os_storage_error(exc, data_dir)
        if err is None:
            raise
        raise err from exc
    if not writable(data_dir, path):
        if not path.exists():
            raise read_only_error(data_dir)
        refuse_emptied(path, data_dir)
        integrity_check(path)
        refuse_foreign(path)
        if (revision := stored_revision(path)) != SCHEMA_HEAD:
            from gxjn_desktop.storage.migrate import refuse_newer  # Alembic only when there is work for it

            refuse_newer(revision)  # a newer program's file: permissions would not help
            raise StorageError(f"数据文件夹只读 {data_dir}，无法把数据升级到本程序的版本", "请检查文件夹权限后重试")
        return PreparedFile(path, read_only=True)
    if path.exists():
        clean_partial_backups(backup_dir(data_dir))
        refuse_emptied(path, data_dir)
        integrity_check(path)
        refuse_foreign(path)
        try:
            daily_backup(path, backup_dir(data_dir))
        except DamagedDatabase:
            raise
        except StorageError as err:
            if stored_revision(path) != SCHEMA_HEAD:  # an upgrade is a write: not without the backup
                raise
            return PreparedFile(path, read_only=True, write_refusal=backup_refusal(err))
    if stored_revision(path) != SCHEMA_HEAD:
        from gxjn_desktop.storage.migrate import upgrade  # Alembic only when there is work for it

        upgrade(path, backup_dir=backup_dir(data_dir))
        return PreparedFile(path, migrated=True)
    return PreparedFile(path)


def open_database(data_dir: Path, *, create: bool = True) -> Database:
    """Open (and if needed create and upgrade) the unit database in ``data_dir``: the checks of
    :func:`prepare_database`, then the SQLAlchemy engine."""
    from gxjn_desktop.storage.database import Database

    prepared = prepare_database(data_dir, create=create)
    return Database(prepared.path, read_only=prepared.read_only)
