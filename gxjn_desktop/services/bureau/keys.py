"""The units' signing keys as the bureau registered them (trust on first receipt, then by the clerk)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.store import BureauStore, StoredKey, open_store, transaction


def list_keys(store: BureauStore) -> list[StoredKey]:
    with transaction(store) as repo:
        return repo.all_keys()


def accept_key(store: BureauStore, uscc: str, fingerprint: str) -> StoredKey:
    """Register the unit's new key (after KEY-CHANGED, once the clerk has checked it by phone)."""
    with transaction(store) as repo:
        key = repo.accept_key(uscc.strip().upper(), fingerprint.strip().lower(), datetime.now())
    if key is None:
        raise UserError(
            f"没有找到单位 {uscc} 的密钥 {fingerprint}",
            "请用 gxjn-cli bureau keys list 查看待确认的密钥及其指纹",
        )
    return key


def registered_key_in(data_dir: Path, uscc: str) -> bytes | None:
    """The key the bureau in ``data_dir`` registered for ``uscc`` (for ``verify --data-dir``);
    ``None`` when that folder holds no bureau store or the unit is new to it."""
    from gxjn_desktop.storage.bureau.database import bureau_database_path

    if not bureau_database_path(data_dir).exists():
        return None
    store = open_store(data_dir)
    try:
        with transaction(store) as repo:
            key = repo.registered_key(uscc)
    finally:
        store.close()
    return None if key is None else bytes.fromhex(key.public_key)
