"""The unit's own signing key as a reader of packets sees it (``verify --data-dir``)."""

from __future__ import annotations

from pathlib import Path

from gxjn_desktop.paths import database_path
from gxjn_desktop.storage.exports_repo import peek_unit_key


def unit_public_key(data_dir: Path, uscc: str | None) -> bytes | None:
    """The public key of the unit in ``data_dir`` when that unit is ``uscc`` and has exported before.

    Reads the database file read-only: verifying a packet writes nothing, not even a backup.
    """
    if not uscc:
        return None
    found = peek_unit_key(database_path(data_dir))
    if found is None or found[0] != uscc:
        return None
    return found[1]
