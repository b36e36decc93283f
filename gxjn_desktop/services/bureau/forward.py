"""Tiers: a bureau passes the packets it accepted up one tier, unchanged, with an index signed by
the bureau's own key (minisign, the packet's signing code). The next tier merges the bundle like
any folder of packets: each unit packet is verified on its own signature, the index says which
bureau forwarded it, and a packet the index does not list (or lists with other bytes) is refused.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.exports import SigningKey
from gxjn_desktop.durable import write_durably
from gxjn_desktop.errors import UserError
from gxjn_desktop.paths import bureau_key_path
from gxjn_desktop.services.bureau.store import KEY_PENDING, KEY_REGISTERED, KEY_RETIRED, BureauStore, transaction
from gxjn_desktop.services.packet import signing

INDEX_NAME = "gxjn-forward.json"
SIGNATURE_NAME = INDEX_NAME + ".minisig"
MAX_INDEX_BYTES = 16 * 1024 * 1024
FORWARD_SIGNATURE_INVALID = "FORWARD-SIGNATURE-INVALID"
FORWARD_UNLISTED = "FORWARD-UNLISTED"
FORWARD_HASH_MISMATCH = "FORWARD-HASH-MISMATCH"
KEY_CHANGED = "KEY-CHANGED"


@dataclass(frozen=True)
class Forwarder:
    """The bureau that signed a bundle's index: its name as the index gives it, and its key."""

    name: str
    public_key: str  # hex of the 32-byte key
    fingerprint: str

    @property
    def label(self) -> str:
        return f"{self.name or '下级机关'}（密钥 {self.fingerprint}）"


@dataclass
class Bundles:
    """What the bundle indexes in a folder say about its packets."""

    forwarded_by: dict[Path, Forwarder]
    refused: dict[Path, dict[str, str]]
    key_known: dict[Path, bool]


def bureau_key(data_dir: Path) -> SigningKey:
    """The bureau's own key pair, made on first use and kept in its data folder (back it up)."""
    path = bureau_key_path(data_dir)
    if path.is_file():
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            return SigningKey(
                bytes.fromhex(d["key_id"]),
                bytes.fromhex(d["public_key"]),
                bytes.fromhex(d["secret_key"]),
                d["created_at"],
            )
        except (ValueError, KeyError, TypeError) as exc:  # never made anew: the upper bureau knows this key
            raise UserError(
                f"本机的汇总签名密钥文件 {path} 已损坏，无法读取",
                "请从备份中找回该文件放回原处；若已无备份，请把它移走后重新转报，并把新公钥报上级登记",
            ) from exc
    key = signing.new_signing_key()
    data_dir.mkdir(parents=True, exist_ok=True)
    fields = {
        "key_id": key.key_id.hex(),
        "public_key": key.public_key.hex(),
        "secret_key": key.secret_key.hex(),
        "created_at": key.created_at,
    }
    write_durably(path, json.dumps(fields).encode("utf-8"), private=True)
    return key


def forward(store: BureauStore, data_dir: Path, period: str, out: Path, name: str = "") -> dict[str, Any]:
    """Write the accepted packets of ``period`` unchanged, with the signed index, into ``out``."""
    if "-" not in period:
        raise UserError(f"期间“{period}”格式不对", "请写成 2025-Y、2025-Q2 或 2025-M06")
    with transaction(store) as repo:
        packets = repo.accepted_files(period)
        contents = {p.sha256: repo.packet_content(p.id) for p in packets}
    if not packets:
        raise UserError(f"{period} 还没有采用任何报送包", "请先用 gxjn-cli bureau merge 合并各单位的报送包")
    missing = [p.file_name for p in packets if contents[p.sha256] is None]
    if missing:
        raise UserError(f"有 {len(missing)} 个报送包没有保存原文件（如 {missing[0]}）", "请重新合并这些报送包后再转报")
    key = bureau_key(data_dir)
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for p in packets:
        raw = contents[p.sha256]
        assert raw is not None
        target = out / p.file_name
        target.write_bytes(raw)
        entries.append(
            {"file": p.file_name, "sha256": p.sha256, "uscc": p.uscc, "period": p.period, "revision": p.revision}
        )
    now = datetime.now().astimezone().replace(microsecond=0).isoformat()
    index = {
        "kind": "gxjn.forward",
        "version": 1,
        "bureau": {
            "name": name,
            "public_key": signing.public_key_base64(key),
            "key_fingerprint": signing.key_fingerprint(key.public_key),
        },
        "period": period,
        "made_at": now,
        "packets": entries,
    }
    raw_index = (json.dumps(index, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    comment = f"gxjn-forward\tperiod:{period}\tpackets:{len(entries)}\ttime:{now}"
    (out / INDEX_NAME).write_bytes(raw_index)
    (out / SIGNATURE_NAME).write_text(signing.sign(raw_index, key, comment), encoding="utf-8")
    with transaction(store) as repo:
        repo.record_forward(period, str(out), len(entries), datetime.now())
    return {
        "out": str(out),
        "period": period,
        "packets": len(entries),
        "key_fingerprint": signing.key_fingerprint(key.public_key),
    }


def _refuse_all(zips: list[Path], code: str, message: str, refused: dict[Path, dict[str, str]]) -> None:
    for z in zips:
        refused[z] = {"code": code, "message": message}


def bundle_sources(folder: Path, paths: list[Path]) -> tuple[dict[Path, Forwarder], dict[Path, dict[str, str]]]:
    """For packets inside forwarded bundles: which bureau forwarded each, and those to refuse."""
    sources: dict[Path, Forwarder] = {}
    refused: dict[Path, dict[str, str]] = {}
    by_dir: dict[Path, list[Path]] = {}
    for p in paths:
        by_dir.setdefault(p.parent, []).append(p)
    for d, zips in by_dir.items():
        index_path = d / INDEX_NAME
        if not index_path.is_file():
            continue
        try:
            if index_path.stat().st_size > MAX_INDEX_BYTES:
                raise ValueError("转报清单过大")
            raw = index_path.read_bytes()
            index = json.loads(raw)
            _key_id, public = signing.parse_public_key(index["bureau"]["public_key"])
            key_id = _key_id
            sig = (d / SIGNATURE_NAME).read_text(encoding="utf-8")
            signing.verify(raw, sig, key_id, public)
        except (OSError, ValueError, KeyError, TypeError, signing.SignatureError) as exc:
            _refuse_all(
                zips,
                FORWARD_SIGNATURE_INVALID,
                f"转报清单 {INDEX_NAME} 的签名无法验证（{exc}），该文件夹中的报送包不予采用",
                refused,
            )
            continue
        listed = {e.get("file"): e.get("sha256") for e in index.get("packets") or [] if isinstance(e, dict)}
        by = Forwarder(str(index["bureau"].get("name") or ""), public.hex(), signing.key_fingerprint(public))
        for z in zips:
            want = listed.get(z.name)
            if want is None:
                refused[z] = {"code": FORWARD_UNLISTED, "message": f"{z.name} 不在转报清单中"}
            elif hashlib.sha256(z.read_bytes()).hexdigest() != want:
                refused[z] = {"code": FORWARD_HASH_MISMATCH, "message": f"{z.name} 与转报清单记录的内容不同"}
            else:
                sources[z] = by
    return sources, refused


def check_bundles(store: BureauStore, folder: Path, paths: list[Path]) -> Bundles:
    """The bundles' indexes checked, and each forwarding bureau's key registered like a unit's. A
    bureau is its key (the name in its index is a label): a key seen for the first time is registered
    (``key_known`` false: the clerk should confirm the fingerprint with that bureau) unless a bureau
    of the same name is registered with another key — the same bureau with a new key, or another
    bureau that calls itself the same: then, as for a pending or retired key, every packet of the
    bundle is refused as ``KEY-CHANGED`` until the clerk runs ``bureau keys accept --bureau NAME
    --fingerprint FP`` (with ``--replaces OLD`` when it is the same bureau's new key)."""
    sources, refused = bundle_sources(folder, paths)
    decided: dict[Forwarder, bool | str] = {}  # known?, or why its packets are refused
    fresh: set[str] = set()  # keys registered by this merge: not yet known to the clerk
    now = datetime.now()
    with transaction(store) as repo:
        if sources:
            repo.lock_writers()  # another merge may register the same bureau's key at this moment
        for f in sorted(set(sources.values()), key=lambda f: (f.name, f.fingerprint)):
            stored = repo.forwarder_key(f.public_key)
            if stored is not None and stored.status == KEY_REGISTERED:
                decided[f] = f.public_key not in fresh
                continue
            if stored is not None:
                decided[f] = _refusal(f, stored.status, [])
                continue
            same_name = repo.registered_forwarder_keys_named(f.name) if f.name else []
            if same_name:
                repo.add_forwarder_key(f.name, f.public_key, f.fingerprint, KEY_PENDING, now)
                decided[f] = _refusal(f, KEY_PENDING, [k.fingerprint for k in same_name])
            else:
                repo.add_forwarder_key(f.name, f.public_key, f.fingerprint, KEY_REGISTERED, now)
                fresh.add(f.public_key)
                decided[f] = False
    known: dict[Path, bool] = {}
    for path, f in list(sources.items()):
        d = decided[f]
        if isinstance(d, bool):
            known[path] = d
            continue
        del sources[path]
        refused[path] = {"code": KEY_CHANGED, "message": d, "forwarded_by": f.label}
    return Bundles(sources, refused, known)


def _refusal(f: Forwarder, status: str, others: list[str]) -> str:
    """Why a bundle signed by a key that is not registered is refused, and what the clerk does."""
    name = f.name or "下级机关"
    accept = f"gxjn-cli bureau keys accept --bureau {f.name or '“”'} --fingerprint {f.fingerprint}"
    if status == KEY_RETIRED:
        return f"转报机关“{name}”的密钥 {f.fingerprint} 已停用（已登记其新密钥），本转报清单不予采用；请向该机关核实"
    if not others:
        return f"转报机关“{name}”的密钥 {f.fingerprint} 尚待确认；请与该机关电话核实后用 {accept} 登记，再重新合并"
    old = "、".join(others)
    return (
        f"已登记名为“{name}”的转报机关，其签名密钥为 {old}，本次转报清单的密钥为 {f.fingerprint}；"
        f"请与该机关电话核实：若是它更换了密钥，用 {accept} --replaces {others[0]} 登记新密钥并停用旧密钥；"
        f"若是另一个同名机关，用 {accept} 登记；再重新合并"
    )
