"""Backups with SQLite's online backup API: before every migration and daily, thinned Anki-style;
and restoring one, also through the backup API (never a file copy beside a live WAL)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Collection
from datetime import datetime, timedelta
from pathlib import Path

from gxjn_desktop.durable import fsync_file, replace_durably
from gxjn_desktop.errors import DamagedDatabase, StorageError, os_storage_error, read_only_error
from gxjn_desktop.storage.sqlite_file import integrity_check, read_only_uri, storage_error_from

BACKUP_PREFIX = "gxjn-"
BACKUP_SUFFIX = ".db"
PARTIAL_SUFFIX = ".tmp"
_STAMP = "%Y%m%d-%H%M%S"


def _failed(exc: Exception, what: str, folder: Path) -> StorageError:
    """An environment refusal in the user's words; anything else is re-raised as the bug it is."""
    if isinstance(exc, sqlite3.Error):
        err = storage_error_from(exc, folder)
    elif isinstance(exc, OSError):
        err = os_storage_error(exc, folder)
    else:
        err = None
    if err is None:
        raise exc
    return StorageError(f"{what}：{err.message}", err.hint)


def copy_database(src_path: Path, dst_path: Path, *, src_uri: str | None = None) -> None:
    """Copy a database consistently with the backup API into a new file ``dst_path``, check the
    copy with integrity_check and flush it to the disk.

    The copy is a new temporary file, thrown away when anything fails (and at the next start), so
    SQLite neither journals nor syncs while writing it; one fsync of the finished file makes it as
    durable as the journalled copy was, before it is renamed into place (3-4 syncs were ~15 ms)."""
    src = sqlite3.connect(src_uri or str(src_path), uri=src_uri is not None)
    try:
        dst = sqlite3.connect(dst_path)
        try:
            dst.execute("PRAGMA journal_mode=OFF")
            dst.execute("PRAGMA synchronous=OFF")
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchall()
        finally:
            dst.close()
    finally:
        src.close()
    if ok != [("ok",)]:
        raise StorageError(f"{src_path.name} 的副本未通过完整性检查", "原文件未受影响；请检查磁盘，或换一个备份")
    fsync_file(dst_path)


def make_backup(path: Path, backup_dir: Path, reason: str = "daily", now: datetime | None = None) -> Path:
    """Copy ``path`` consistently into ``backup_dir``; the copy is checked before it is kept."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    final = backup_dir / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    n = 1
    while final.exists():  # two backups in one second (a restore right after an import)
        n += 1
        final = backup_dir / f"{BACKUP_PREFIX}{stamp}-{reason}-{n}{BACKUP_SUFFIX}"
    tmp = final.with_suffix(PARTIAL_SUFFIX)
    if backup_dir.exists() and not backup_dir.is_dir():
        raise StorageError(
            f"备份文件夹的位置 {backup_dir} 上是一个文件", "请把这个文件移走或改名，程序会重新建立备份文件夹"
        )
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        copy_database(path, tmp)
        replace_durably(tmp, final)
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise _failed(exc, "无法写入备份（原数据未受影响）", backup_dir) from exc
    except StorageError:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        raise
    return final


def clean_partial_backups(backup_dir: Path) -> int:
    """Remove backups a killed process left half-written (``*.tmp``); how many were removed."""
    removed = 0
    if backup_dir.is_dir():
        for p in backup_dir.glob(f"{BACKUP_PREFIX}*{PARTIAL_SUFFIX}"):
            with contextlib.suppress(OSError):
                p.unlink()
                removed += 1
    return removed


def backup_time(p: Path) -> datetime | None:
    """When the backup was made, from its name (``_STAMP``); read by hand because strptime's first use
    costs ~5 ms (its module and the format's pattern), and every start lists the backups."""
    parts = p.name[len(BACKUP_PREFIX) :].split("-")
    if len(parts) < 2 or len(day := parts[0]) != 8 or len(clock := parts[1]) != 6:
        return None
    if not (day + clock).isascii() or not (day + clock).isdigit():
        return None
    try:
        return datetime(int(day[:4]), int(day[4:6]), int(day[6:]), int(clock[:2]), int(clock[2:4]), int(clock[4:]))
    except ValueError:
        return None


def backup_reason(p: Path) -> str:
    """The reason written into a backup's name (``daily``, ``before-import-…``, ``before-restore``)."""
    parts = p.stem[len(BACKUP_PREFIX) :].split("-", 2)
    return parts[2] if len(parts) == 3 else ""


def list_backups(backup_dir: Path) -> list[tuple[datetime, Path]]:
    if not backup_dir.is_dir():
        return []
    found = [(backup_time(p), p) for p in backup_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}")]
    return sorted((t, p) for t, p in found if t is not None)


def restore_backup(path: Path, backup: Path, backup_dir: Path, *, known_revisions: Collection[str]) -> Path:
    """Replace the database at ``path`` by ``backup``; return the backup made of it first.

    The backup is checked (integrity_check, one of the ``known_revisions`` of this program's
    migrations) before anything is touched; the current database is backed up (or, only when it fails its own integrity
    check, moved aside); then the backup API writes the pages into the live file through SQLite,
    so a WAL left by a killed session is part of what is replaced instead of being replayed over
    the restored data. The result is checked again.
    """
    if not backup.is_file():
        raise StorageError(f"找不到备份文件 {backup}", "请用 gxjn-cli backup list 查看可用的备份")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise read_only_error(path.parent)
    _check_restorable(backup, known_revisions)
    before: Path | None = None
    if path.exists():  # only a damaged file is set aside; a failed backup (full disk) stops here
        before = set_aside(path, backup_dir) if _damaged(path) else make_backup(path, backup_dir, "before-restore")
    try:
        ok = _write_into(backup, path)
    except sqlite3.Error as exc:
        raise _failed(exc, "恢复没有完成，当前数据未被改动", path.parent) from exc
    if ok != [("ok",)]:  # pragma: no cover - the backup API writes what it read, checked above
        raise StorageError("恢复后的数据库未通过完整性检查", f"请用 {before} 再恢复一次")
    return before or backup


def _damaged(path: Path) -> bool:
    if path.stat().st_size == 0:  # emptied (store.refuse_emptied): nothing worth a backup
        return True
    try:
        integrity_check(path)
    except DamagedDatabase:
        return True
    return False


def _check_restorable(backup: Path, known_revisions: Collection[str]) -> None:
    """A backup is restored only when it is sound and a gxjn database this program can open. It
    is read through a URI that quotes its path (a ``#`` or ``?`` in a name would cut it short)
    and, with no WAL beside it, as immutable, so nothing is written next to it."""
    refused = StorageError(
        f"备份 {backup.name} 已损坏或不是 gxjn 的数据文件，未恢复", "请选择另一个备份；当前数据未受影响"
    )
    try:
        con = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchall()
            versioned = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            row = con.execute("SELECT version_num FROM alembic_version").fetchone() if versioned else None
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        err = storage_error_from(exc, backup.parent)
        if err is None or isinstance(err, DamagedDatabase):
            raise refused from exc
        raise err from exc
    if ok != [("ok",)] or row is None:
        raise refused
    if str(row[0]) not in known_revisions:
        raise StorageError(
            f"备份 {backup.name} 由更新版本的 gxjn 创建，当前程序无法读取，未恢复",
            "请安装最新版本的 gxjn 后再恢复；当前数据未受影响",
        )


def _write_into(backup: Path, path: Path) -> list[tuple[str]]:
    src = sqlite3.connect(read_only_uri(backup), uri=True)
    try:
        dst = sqlite3.connect(path)
        try:
            dst.execute("PRAGMA busy_timeout=5000")
            src.backup(dst)
            ok: list[tuple[str]] = dst.execute("PRAGMA integrity_check").fetchall()
            dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            return ok
        finally:
            dst.close()
    finally:
        src.close()


def set_aside(path: Path, backup_dir: Path, now: datetime | None = None) -> Path:
    """Move a damaged database and its WAL into ``backup_dir`` (named ``….damaged``, so they are
    never offered as a backup) and leave no file at ``path``."""
    stamp = (now or datetime.now()).strftime(_STAMP)
    kept = backup_dir / f"{BACKUP_PREFIX}{stamp}-damaged.db.damaged"
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            part = Path(f"{path}{suffix}")
            if part.exists():
                os.replace(part, Path(f"{kept}{suffix}"))
    except OSError as exc:
        raise _failed(exc, "无法移走已损坏的数据文件", backup_dir) from exc
    return kept


def backups_to_keep(times: list[datetime], daily: int = 12, weekly: int = 10, monthly: int = 9) -> set[datetime]:
    """Keep the newest backup of each of the last ``daily`` days, ``weekly`` weeks and ``monthly`` months."""
    keep: set[datetime] = set()
    for count, key in (
        (daily, lambda t: t.date()),
        (weekly, lambda t: t.isocalendar()[:2]),
        (monthly, lambda t: (t.year, t.month)),
    ):
        seen: list[object] = []
        for t in sorted(times, reverse=True):
            k = key(t)
            if k not in seen:
                seen.append(k)
                if len(seen) > count:
                    break
                keep.add(t)
    return keep


def daily_backup(path: Path, backup_dir: Path, now: datetime | None = None) -> Path | None:
    """Back up once a day at most, then thin the older backups."""
    now = now or datetime.now()
    existing = list_backups(backup_dir)
    if existing and now - existing[-1][0] < timedelta(hours=24):
        return None
    made = make_backup(path, backup_dir, "daily", now)
    all_backups = list_backups(backup_dir)
    keep = backups_to_keep([t for t, _ in all_backups])
    for t, p in all_backups:
        if t not in keep:
            p.unlink(missing_ok=True)
    return made
