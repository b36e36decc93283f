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


def accept_forwarder_key(
    store: BureauStore, name: str, fingerprint: str, replaces: str | None = None
) -> StoredForwarderKey:
    """Register a forwarding bureau's key (after KEY-CHANGED on its bundle, checked by phone). The
    key is the bureau; ``name`` must be the one its bundle gave (a check that the clerk means that
    key). ``replaces``: the fingerprint of the same bureau's old key, which is then retired; without
    it, other keys under that name stay registered (another bureau may bear the same name)."""
    fingerprint, name = fingerprint.strip().lower(), name.strip()
    old = None if replaces is None else replaces.strip().lower()
    with transaction(store) as repo:
        found = repo.forwarder_key_by_fingerprint(fingerprint)
        if found is None or found.name != name:
            raise UserError(
                f"没有找到转报机关“{name}”的密钥 {fingerprint}",
                "请用 gxjn-cli bureau keys list 查看待确认的密钥、机关名称及其指纹",
            )
        if old is not None:
            previous = repo.forwarder_key_by_fingerprint(old)
            if previous is None or old == fingerprint:
                raise UserError(
                    f"没有找到要停用的转报机关密钥 {old}",
                    "--replaces 请填该机关原来登记的密钥指纹（gxjn-cli bureau keys list 中显示）",
                )
        key = repo.accept_forwarder_key(fingerprint, datetime.now(), retire=old)
    assert key is not None
    return key


def registered_key_in(data_dir: Path, uscc: str | None) -> bytes | None:
    """The key the bureau in ``data_dir`` registered for ``uscc`` (for ``verify --data-dir``), read
    without writing; ``None`` when that folder holds no bureau store or the unit is new to it."""
    from gxjn_desktop.storage.bureau.database import peek_registered_key

    return peek_registered_key(data_dir, uscc) if uscc else None
