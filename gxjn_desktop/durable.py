"""Files that survive a pulled plug: written beside their place, flushed, renamed, folder flushed.

A rename alone is not enough on Linux: after a power cut the new name can point at an empty file
(the data was still in the page cache) or the rename itself can be lost (the folder was not
flushed). Windows makes the rename durable when MoveFileEx returns, so the folder step is POSIX only.
"""

from __future__ import annotations

import os
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Flush ``folder``'s entries (a rename or a new file in it) to the disk."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(tmp: Path, target: Path) -> None:
    """Move the finished, already flushed file ``tmp`` onto ``target`` and flush the folder."""
    os.replace(tmp, target)
    fsync_dir(target.parent)


def write_durably(target: Path, data: bytes, *, private: bool = False) -> None:
    """Write ``data`` as ``target`` all or nothing; ``private``: readable by the owner alone (a key)."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        replace_durably(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
