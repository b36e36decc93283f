"""The unit's SQLite file without SQLAlchemy: read-only connections, the integrity check, and
what an SQLite error means to the user.

Kept apart from :mod:`gxjn_desktop.storage.database` so that opening the data folder (integrity
check, stored revision, backups) and the plain read path at start-up import the standard
library's ``sqlite3`` only; SQLAlchemy loads with the first write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path
from typing import NoReturn
from urllib.parse import quote

from gxjn_desktop.errors import DamagedDatabase, StorageError, disk_full_error, read_only_error


def read_only_uri(path: Path) -> str:
    """A read-only connection that writes nothing beside the file: ``immutable`` when no WAL with
    commits in it is left (no -shm is needed then), plain ``mode=ro`` when one is, so its commits are read."""
    wal = Path(f"{path}-wal")
    immutable = "" if wal.exists() and wal.stat().st_size > 0 else "&immutable=1"
    return f"file:{quote(str(path))}?mode=ro{immutable}"


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads; in a folder that cannot be written, or on a disk that is full,
    also one that creates nothing beside the file (a WAL database otherwise needs its -shm)."""
    if os.access(path.parent, os.W_OK) and not nearly_full(path.parent):
        return sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    return sqlite3.connect(read_only_uri(path), uri=True)


# SQLite's primary result codes that mean the environment refused (sqlite3.h); anything else
# (a constraint, a misuse, SQL that does not fit the schema) is a bug and is not translated.
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
READONLY_CODES = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH}
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# Below this much free space a failed write is the disk being full, whatever code SQLite gave it
# (a write that runs out of space mid-page surfaces as SQLITE_IOERR_WRITE, not SQLITE_FULL).
NEARLY_FULL_BYTES = 1024 * 1024

RESTORE_HINT = "请用“文件 → 从备份恢复”（或 gxjn-cli backup restore）换回最近的备份"


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of ``exc`` (or of the DB-API error SQLAlchemy wraps)."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def nearly_full(folder: Path | None) -> bool:
    if folder is None:
        return False
    try:
        return shutil.disk_usage(folder).free <= NEARLY_FULL_BYTES
    except OSError:
        return False


def storage_error_from(exc: BaseException, folder: Path | None = None) -> StorageError | None:
    """The message for a refusal by the environment (classified by SQLite's error code, never by
    its English text), or ``None`` when ``exc`` is a bug that must reach the crash log."""
    code = sqlite_code(exc)
    if code is None:
        return None
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and nearly_full(folder)):
        return disk_full_error()
    if code in _BUSY:
        return StorageError("数据库正被另一个程序使用", "请关闭其他打开本单位数据的统计程序窗口后重试")
    if code in READONLY_CODES:
        return read_only_error(folder)
    if code in _DAMAGED:
        return DamagedDatabase("数据库文件已损坏，程序不会在其上继续工作", RESTORE_HINT)
    if code == sqlite3.SQLITE_IOERR:
        return StorageError(
            "读写数据文件时磁盘出错，本次修改没有保存", "请检查磁盘或移动硬盘是否连接正常；已保存的数据未受影响"
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return StorageError("无法打开数据文件", "请检查数据文件夹是否存在、是否有读写权限")
    if code == sqlite3.SQLITE_NOMEM:
        return StorageError("内存不足，操作没有完成", "请关闭其他程序后重试；已保存的数据未受影响")
    return None


def raise_storage_error(exc: BaseException, folder: Path | None = None) -> NoReturn:
    """Raise the user's message for an environment refusal, or ``exc`` itself (a bug)."""
    err = storage_error_from(exc, folder)
    if err is None:
        raise exc
    raise err from exc


SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite_file(path: Path) -> bool:
    """Whether the file starts as every SQLite database does (an empty file is a new database)."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_HEADER))
    except OSError:
        return True  # let SQLite's own open say what is wrong
    return head in (b"", SQLITE_HEADER)


def integrity_check(path: Path) -> None:
    """PRAGMA integrity_check at open (quick_check misses broken indexes, through which lookups
    then miss rows); a damaged file is refused with a clear message and never written."""
    try:
        con = connect_read_only(path)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise_storage_error(exc, path.parent)
    if rows != [("ok",)]:
        raise DamagedDatabase(f"数据库文件 {path} 已损坏（未通过完整性检查），程序不会在其上继续工作", RESTORE_HINT)
