"""The unit's own signing key as a reader of packets sees it (``verify --data-dir``)."""

from __future__ import annotations

from pathlib import Path

from gxjn_desktop.errors import StorageError, UserError
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService


def unit_public_key(data_dir: Path, uscc: str | None) -> bytes | None:
    """The public key of the unit in ``data_dir`` when that unit is ``uscc`` and has exported before.

    Reads only: a folder without a database is not created, and one that cannot be opened simply
    has no key to compare with.
    """
    if not uscc or not database_path(data_dir).is_file():
        return None
    try:
        service = LedgerService.open(data_dir, create=False)
    except (UserError, StorageError):
        return None
    try:
        if not service.has_unit() or service.ledger().unit.uscc != uscc:
            return None
        key = service.signing_key()
        return None if key is None else key.public_key
    finally:
        service.close()
