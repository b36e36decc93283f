"""Backups with SQLite's online backup API: before every migration and daily, thinned Anki-style."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from gxjn_desktop.errors import StorageError

BACKUP_PREFIX = "gxjn-"
BACKUP_SUFFIX = ".db"
_STAMP = "%Y%m%d-%H%M%S"


def make_backup(path: Path, backup_dir: Path, reason: str = "daily", now: datetime | None = None) -> Path:
    """Copy ``path`` consistently into ``backup_dir``; the copy is checked before it is kept."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now()).strftime(_STAMP)
    final = backup_dir / f"{BACKUP_PREFIX}{stamp}-{reason}{BACKUP_SUFFIX}"
    tmp = final.with_suffix(".tmp")
    try:
        src = sqlite3.connect(path)
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()
        finally:
            dst.close()
            src.close()
        if ok != ("ok",):
            raise StorageError("备份副本未通过完整性检查", "原数据未受影响；请检查磁盘后重试")
        os.replace(tmp, final)
    except sqlite3.Error as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"无法写入备份：{exc}", "请检查磁盘空间；原数据未受影响") from exc
    return final


def backup_time(p: Path) -> datetime | None:
    parts = p.name[len(BACKUP_PREFIX) :].split("-")
    try:
        return datetime.strptime(f"{parts[0]}-{parts[1]}", _STAMP)
    except (IndexError, ValueError):
        return None


def list_backups(backup_dir: Path) -> list[tuple[datetime, Path]]:
    if not backup_dir.is_dir():
        return []
    found = [(backup_time(p), p) for p in backup_dir.glob(f"{BACKUP_PREFIX}*{BACKUP_SUFFIX}")]
    return sorted((t, p) for t, p in found if t is not None)


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
