"""Opening the bureau's store for the front ends (which never import storage themselves)."""

from __future__ import annotations

from pathlib import Path

from gxjn_desktop.storage.bureau.bulk import BatchWrites, CurrentPacket, NewPacket
from gxjn_desktop.storage.bureau.database import BureauStore, StoreConflict, open_bureau_store
from gxjn_desktop.storage.bureau.repository import (
    BureauRepo,
    StoredForwarderKey,
    StoredKey,
    StoredPacket,
    transaction,
)
from gxjn_desktop.storage.bureau.tables import KEY_PENDING, KEY_REGISTERED, KEY_RETIRED

__all__ = [
    "KEY_PENDING",
    "KEY_REGISTERED",
    "KEY_RETIRED",
    "BatchWrites",
    "BureauRepo",
    "BureauStore",
    "CurrentPacket",
    "NewPacket",
    "StoreConflict",
    "StoredForwarderKey",
    "StoredKey",
    "StoredPacket",
    "open_store",
    "transaction",
]


def open_store(data_dir: Path, url: str | None = None, *, read_only: bool = False) -> BureauStore:
    """The store in ``data_dir`` (SQLite ``bureau.db``), or the database at ``url``; ``read_only``
    for a command that only reads it."""
    return open_bureau_store(data_dir, url, read_only=read_only)
