"""Taking a real packet apart and putting it back together altered: what an attacker or a broken
mail client would do. Used by the tampering tests and by scripts/make_hostile_packets.py."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from gxjn_desktop.domain.exports import SigningKey
from gxjn_desktop.services.packet import bag, signing


def read_bag(packet: Path) -> tuple[str, dict[str, bytes]]:
    """(top folder, files by path inside the bag) of a packet."""
    with zipfile.ZipFile(packet) as z:
        names = z.namelist()
        top = names[0].split("/", 1)[0]
        return top, {n[len(top) + 1 :]: z.read(n) for n in names}


def write_entries(path: Path, entries: list[tuple[str | zipfile.ZipInfo, bytes]], *, utf8_flag: bool = True) -> Path:
    """A zip with exactly these entries (names as given, duplicates and all)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = name if isinstance(name, zipfile.ZipInfo) else zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0))
            if not isinstance(name, zipfile.ZipInfo):
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o100644 << 16
                info.create_system = 3
            z.writestr(info, data)
    raw = bytearray(buf.getvalue())
    if utf8_flag:
        _set_utf8_flags(raw)
    path.write_bytes(bytes(raw))
    return path


def _set_utf8_flags(raw: bytearray) -> None:
    """Set bit 11 in every local and central header (zipfile only sets it for non-ASCII names)."""
    for sig, offset in ((b"PK\x03\x04", 7), (b"PK\x01\x02", 9)):
        at = raw.find(sig)
        while at >= 0:
            raw[at + offset] |= 0x08  # bit 11 is bit 3 of the high byte
            at = raw.find(sig, at + 4)


def write_bag(path: Path, top: str, files: dict[str, bytes]) -> Path:
    order = [*bag.TOP_FILES, *sorted(n for n in files if n not in bag.TOP_FILES)]
    return write_entries(path, [(f"{top}/{n}", files[n]) for n in order if n in files])


def rehash(files: dict[str, bytes]) -> dict[str, bytes]:
    """Recompute both manifests (and Payload-Oxum) after a change, as a careful forger would."""
    out = dict(files)
    payload = {n: b for n, b in out.items() if n.startswith("data/")}
    out[bag.MANIFEST_FILE] = bag.manifest(payload)
    info = out[bag.BAG_INFO_FILE].decode("utf-8").splitlines()
    info = [f"Payload-Oxum: {bag.payload_oxum(payload)}" if line.startswith("Payload-Oxum:") else line for line in info]
    out[bag.BAG_INFO_FILE] = ("\n".join(info) + "\n").encode("utf-8")
    out[bag.TAG_MANIFEST_FILE] = bag.manifest({n: out[n] for n in bag.TAG_FILES})
    return out


def resign(
    files: dict[str, bytes], key: SigningKey, comment: str | None = None, *, put_key: bool = True
) -> dict[str, bytes]:
    """Sign the tag manifest again with ``key`` (and name that key in bag-info.txt when ``put_key``)."""
    out = dict(files)
    if put_key:
        info = out[bag.BAG_INFO_FILE].decode("utf-8").splitlines()
        info = [
            f"Gxjn-Public-Key: {signing.public_key_base64(key)}" if line.startswith("Gxjn-Public-Key:") else line
            for line in info
        ]
        out[bag.BAG_INFO_FILE] = ("\n".join(info) + "\n").encode("utf-8")
        out = rehash(out)
    old = signing.parse_signature(out[bag.SIGNATURE_FILE].decode("utf-8")).trusted_comment
    out[bag.SIGNATURE_FILE] = signing.sign(out[bag.TAG_MANIFEST_FILE], key, comment or old).encode("utf-8")
    return out


def alter(packet: Path, target: Path, change: Callable[[dict[str, bytes]], dict[str, bytes]]) -> Path:
    top, files = read_bag(packet)
    return write_bag(target, top, change(files))
