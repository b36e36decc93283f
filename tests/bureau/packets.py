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


# ---- many packets, cheaply (bench/bench_bureau.py makes 50,000) --------------------------------

_FIELDS = ("uscc", "admin_code", "name", "institution_type", "label", "people")
_TOKEN = "@@gxjn-{}@@"


class PacketFactory:
    """Packets exactly as :func:`varied` + :func:`write_packet` make them (byte for byte), made cheaply.

    data.json is one template text with the varied fields cut out (no deep copy, no JSON encoding per
    packet); report.xlsx, report.pdf and records.csv are hashed and deflated once; the zip is laid out
    here with the same headers ``bag.write_zip`` writes. Only data.json, the three small tag files and
    the signature are made per packet. Written without fsync (a bench's throw-away input).
    """

    def __init__(self, parts: Parts) -> None:
        import re

        self.parts = parts
        tokens = {f: _TOKEN.format(f) for f in _FIELDS}
        marked = varied(parts.data, 0, **{f: tokens[f] for f in _FIELDS if f != "name"})  # type: ignore[arg-type]
        for where in (marked["unit"], marked["results"]["indicators"]["unit"], marked["results"]["check"]["unit"]):
            where["name"] = tokens["name"]
        text = data_json_bytes(marked).decode("utf-8")
        people = re.escape(f'"{tokens["people"]}"')
        split = re.compile("|".join([people, *(re.escape(tokens[f]) for f in _FIELDS if f != "people")]))
        by_token = {f'"{tokens["people"]}"': "people", **{tokens[f]: f for f in _FIELDS if f != "people"}}
        self._pieces: list[bytes | str] = []
        pos = 0
        for m in split.finditer(text):
            self._pieces += [text[pos : m.start()].encode("utf-8"), by_token[m.group(0)]]
            pos = m.end()
        self._pieces.append(text[pos:].encode("utf-8"))
        self._fixed = {name: _Deflated.of(blob) for name, blob in self._reused().items()}

    def _reused(self) -> dict[str, bytes]:
        return {
            "data/report.xlsx": self.parts.xlsx,
            "data/report.pdf": self.parts.pdf,
            "data/records.csv": self.parts.csv,
        }

    def data_json(self, values: dict[str, str]) -> bytes:
        return b"".join(p if isinstance(p, bytes) else values[p].encode("utf-8") for p in self._pieces)

    def write(self, n: int, key: SigningKey, out_dir: Path, **fields: Any) -> Path:
        """Unit ``n``'s packet; ``fields`` are :func:`varied`'s keyword arguments."""
        values = {f: str(fields[f]) for f in _FIELDS if f != "name"} | {"name": f"测试单位{n}"}
        data_bytes = self.data_json(values)
        base = self.parts.data
        unit = {**base["unit"], "uscc": values["uscc"], "admin_code": values["admin_code"], "name": values["name"]}
        labels = bag_info_labels({**base, "unit": unit}, signing.public_key_base64(key))
        period, revision = base["period"]["name"], int(base["revision"])
        comment = bag.trusted_comment(values["uscc"], period, revision, SIGNED_AT.isoformat())
        payload = {"data/data.json": data_bytes, **self._reused()}
        files = bag.build_bag(payload, labels, key, comment).files
        stem = bag.packet_stem(values["admin_code"], values["uscc"], period, revision)
        members = [(n_, self._fixed.get(n_) or _Deflated.of(files[n_])) for n_ in _zip_order(files)]
        target = out_dir / f"{stem}.zip"
        target.write_bytes(_zip_bytes(stem, members, SIGNED_AT))
        return target


@dataclass(frozen=True)
class _Deflated:
    raw: bytes  # deflated as zipfile deflates (zlib default level, raw stream)
    crc: int
    size: int

    @staticmethod
    def of(blob: bytes) -> _Deflated:
        import zlib

        c = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        return _Deflated(c.compress(blob) + c.flush(), zlib.crc32(blob), len(blob))


def _zip_order(files: dict[str, bytes]) -> list[str]:
    return [*bag.TOP_FILES, *sorted(n for n in files if n not in bag.TOP_FILES)]


def _zip_bytes(top: str, members: list[tuple[str, _Deflated]], when: datetime) -> bytes:
    """The zip ``bag.write_zip`` writes for these members (UTF-8 names, deflated, unix mode 0644)."""
    import struct

    dos_time = when.hour << 11 | when.minute << 5 | when.second // 2
    dos_date = (max(when.year, 1980) - 1980) << 9 | when.month << 5 | when.day
    body, central = bytearray(), bytearray()
    for name, d in members:
        raw_name = f"{top}/{name}".encode()
        offset = len(body)
        head = (0x800, 8, dos_time, dos_date, d.crc, len(d.raw), d.size, len(raw_name))
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, *head, 0) + raw_name + d.raw
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 3 << 8 | 20, 20, *head, 0, 0, 0, 0, 0o100644 << 16, offset)
        central += raw_name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(body), 0)
    return bytes(body + central + end)
