"""Error classes shared by every layer (no Qt, no SQL).

A :class:`UserError` is an expected problem the user can fix: its ``message`` says what is wrong
and its ``hint`` how to fix it, both in Chinese. Anything else that escapes is a bug and is
logged with its traceback by the entry points.
"""

from __future__ import annotations

import errno
from pathlib import Path


class GxjnError(Exception):
    """Base of all errors the program raises on purpose."""


class Refusal(GxjnError):
    """A refusal the user reads: ``message`` says what is wrong and ``hint`` how to fix it."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        """The message and hint as the single line the command line prints."""
        return f"{self.message}{'；' + self.hint if self.hint else ''}"


class UserError(Refusal):
    """Something the user asked for cannot be done as asked."""


class InvalidNumber(UserError):
    """A typed or imported number could not be read."""


class StorageError(Refusal):
    """The database or the disk refused (locked, full, read-only, damaged, too new)."""


class DamagedDatabase(StorageError):
    """The unit's database failed its integrity check: nothing may work on it; a backup can replace it."""


class BackupNotMade(StorageError):
    """Today's backup could not be made (``why``): the data can be read, but nothing is written
    without the backup that would undo it."""

    def __init__(self, why: str, hint: str) -> None:
        super().__init__(f"今天的自动备份没有做成（{why}），为保护已保存的数据，本次不做任何修改", hint)
        self.why = why

    def warning(self) -> str:
        """The one line a command that only reads prints before it answers."""
        return f"今天的自动备份没有做成（{self.why}）：数据照常显示，但暂时不能修改；{self.hint}"


def disk_full_error() -> StorageError:
    return StorageError("磁盘已满，本次修改没有保存", "请清理磁盘空间后重试；已保存的数据未受影响")


def read_only_error(folder: Path | None = None) -> StorageError:
    where = f" {folder}" if folder is not None else ""
    return StorageError(
        f"数据文件夹只读{where}，无法保存修改",
        "可以查看数据；要修改或导出数据包，请检查文件夹权限或把它复制到本机可写的位置",
    )


def _no_permission(p: Path) -> StorageError:
    return StorageError(f"没有权限写入 {p}", "请检查文件夹权限，或换一个文件夹")


def _too_long(p: Path) -> StorageError:
    return StorageError(f"路径或文件名过长：{str(p)[:60]}…", "请选择路径较短的文件夹或较短的文件名")


_OS_ERRORS = {
    errno.ENOSPC: lambda _p: disk_full_error(),
    errno.EDQUOT: lambda _p: disk_full_error(),
    errno.EROFS: read_only_error,
    errno.EACCES: _no_permission,
    errno.EPERM: _no_permission,
    errno.ENAMETOOLONG: _too_long,
}


def os_storage_error(exc: OSError, where: Path | None = None) -> StorageError | None:
    """The message for an OSError the disk raised (full, read-only, no permission, too long a
    name), or ``None`` for one that is a bug and belongs in the crash log."""
    make = _OS_ERRORS.get(exc.errno or 0)
    return None if make is None else make(where if where is not None else Path(exc.filename or ""))
