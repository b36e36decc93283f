"""Real, signed packets for many units, made quickly: one exported packet's report.xlsx, report.pdf
and records.csv reused, data.json built or varied per unit, signed with a key per unit through the
packet's own bag and signing code. Used by the bureau's tests and bench/bench_bureau.py."""

from __future__ import annotations

import copy
import hashlib
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gxjn_desktop.domain.exports import SigningKey
from gxjn_desktop.services.packet import bag, signing
from gxjn_desktop.services.packet.export import bag_info_labels, data_json_bytes

SIGNED_AT = datetime(2026, 11, 24, 10, 0).astimezone()


def unit_key(n: int) -> SigningKey:
    """A fixed key for unit ``n`` (the same unit always signs with the same key)."""
    seed = hashlib.sha256(f"gxjn-test-unit-{n}".encode()).digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(hashlib.sha256(seed).digest()[:8], public, seed, "2026-01-01T00:00:00+08:00")


@dataclass(frozen=True)
class Parts:
    """The payload files reused from one real exported packet, and its data.json."""

    xlsx: bytes
    pdf: bytes
    csv: bytes
    data: dict[str, Any]


def parts_of(packet: Path) -> Parts:
    import json

    with zipfile.ZipFile(packet) as z:
        names = {n.split("/", 1)[1]: n for n in z.namelist()}
        return Parts(
            z.read(names["data/report.xlsx"]),
            z.read(names["data/report.pdf"]),
            z.read(names["data/records.csv"]),
            json.loads(z.read(names["data/data.json"])),
        )


def write_packet(
    data: dict[str, Any], parts: Parts, key: SigningKey, out_dir: Path, *, name: str | None = None
) -> Path:
    """A packet with this data.json, signed by ``key``, written into ``out_dir``."""
    data_bytes = data_json_bytes(data)
    payload = {
        "data/data.json": data_bytes,
        "data/report.xlsx": parts.xlsx,
        "data/report.pdf": parts.pdf,
        "data/records.csv": parts.csv,
    }
    unit, period, revision = data["unit"], data["period"]["name"], int(data["revision"])
    comment = bag.trusted_comment(unit["uscc"], period, revision, SIGNED_AT.isoformat())
    files = bag.build_bag(payload, bag_info_labels(data, signing.public_key_base64(key)), key, comment).files
    stem = bag.packet_stem(unit["admin_code"], unit["uscc"], period, revision)
    return bag.write_zip(out_dir / (name or f"{stem}.zip"), stem, files, SIGNED_AT)


def varied(
    base: dict[str, Any], n: int, *, uscc: str, admin_code: str, institution_type: str, label: str, people: int
) -> dict[str, Any]:
    """The base data.json as unit ``n``: other codes and 用能人数 (figures otherwise as exported)."""
    data = copy.deepcopy(base)
    data["unit"].update(
        {
            "uscc": uscc,
            "admin_code": admin_code,
            "name": f"测试单位{n}",
            "institution_type": institution_type,
            "institution_type_label": label,
        }
    )
    if data.get("profile"):
        data["profile"]["people"] = people
    data["results"]["indicators"]["people"] = people
    data["results"]["indicators"]["unit"].update({"uscc": uscc, "admin_code": admin_code, "name": f"测试单位{n}"})
    data["results"]["check"]["unit"].update({"uscc": uscc, "name": f"测试单位{n}"})
    return data
