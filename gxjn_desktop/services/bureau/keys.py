"""The units' signing keys as the bureau registered them (trust on first receipt, then by the clerk)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.store import BureauStore, StoredForwarderKey, StoredKey, transaction


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


def list_forwarder_keys(store: BureauStore) -> list[StoredForwarderKey]:
    with transaction(store) as repo:
        return repo.all_forwarder_keys()


def accept_forwarder_key(store: BureauStore, name: str, fingerprint: str) -> StoredForwarderKey:
    """Register a forwarding bureau's new key (after KEY-CHANGED on its bundle, checked by phone)."""
    with transaction(store) as repo:
        key = repo.accept_forwarder_key(name.strip(), fingerprint.strip().lower(), datetime.now())
    if key is None:
        raise UserError(
            f"没有找到转报机关“{name}”的密钥 {fingerprint}",
            "请用 gxjn-cli bureau keys list 查看待确认的密钥、机关名称及其指纹",
        )
    return key


def registered_key_in(data_dir: Path, uscc: str | None) -> bytes | None:
    """The key the bureau in ``data_dir`` registered for ``uscc`` (for ``verify --data-dir``), read
    without writing; ``None`` when that folder holds no bureau store or the unit is new to it."""
    from gxjn_desktop.storage.bureau.database import peek_registered_key

    return peek_registered_key(data_dir, uscc) if uscc else None
