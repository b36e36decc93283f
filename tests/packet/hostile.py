"""Hostile and broken packets made from a real one, each with the problem code verify must give.

``make_hostile(packet, folder)`` writes them; scripts/make_hostile_packets.py and the tests call it.
Variants that need a signature are signed with a fresh key named in their bag-info.txt, so the only
thing wrong with them is what the variant is about.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from gxjn_desktop.services.packet import bag, limits, signing
from tests.packet import forge

Files = dict[str, bytes]


def _patch(
    raw: bytes, name: str, local_offset: int, central_offset: int, fmt: str, value: int, *, local: bool = True
) -> bytes:
    """Set a field of one member's local and central headers."""
    out = bytearray(raw)
    encoded = name.encode("utf-8")
    for sig, offset, name_at in ((b"PK\x01\x02", central_offset, 46), (b"PK\x03\x04", local_offset, 30)):
        if sig == b"PK\x03\x04" and not local:
            continue
        at = out.find(sig)
        while at >= 0:
            if out[at + name_at : at + name_at + len(encoded)] == encoded:
                struct.pack_into(fmt, out, at + offset, value)
            at = out.find(sig, at + 4)
    return bytes(out)


def _entries(top: str, files: Files) -> list[tuple[str | zipfile.ZipInfo, bytes]]:
    order = [*bag.TOP_FILES, *sorted(n for n in files if n not in bag.TOP_FILES)]
    return [(f"{top}/{n}", files[n]) for n in order]


def _signed(files: Files) -> Files:
    """Re-sealed with a fresh key, as a forger with the tools would."""
    return forge.resign(forge.rehash(files), signing.new_signing_key())


def _flip(name: str) -> Callable[[Files], Files]:
    def change(files: Files) -> Files:
        data = bytearray(files[name])
        data[len(data) // 2] ^= 0x01
        return {**files, name: bytes(data)}

    return change


def _with_data(text: bytes) -> Callable[[Files], Files]:
    return lambda files: _signed({**files, "data/data.json": text})


def _legacy_signature(files: Files) -> Files:
    key = signing.new_signing_key()
    out = forge.resign(forge.rehash(files), key)
    private = Ed25519PrivateKey.from_private_bytes(key.secret_key)
    message = out[bag.TAG_MANIFEST_FILE]
    sig = private.sign(message)  # the legacy form: over the file itself, not its BLAKE2b hash
    comment = signing.parse_signature(out[bag.SIGNATURE_FILE].decode("utf-8")).trusted_comment
    glob = private.sign(sig + comment.encode("utf-8"))
    text = (
        "untrusted comment: legacy\n"
        f"{base64.b64encode(b'Ed' + key.key_id + sig).decode()}\n"
        f"trusted comment: {comment}\n{base64.b64encode(glob).decode()}\n"
    )
    return {**out, bag.SIGNATURE_FILE: text.encode("utf-8")}


def _doctype_xlsx(files: Files) -> Files:
    import io

    src = zipfile.ZipFile(io.BytesIO(files["data/report.xlsx"]))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "[Content_Types].xml":
                doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                at = data.find(b"?>") + 2 if data.startswith(b"<?xml") else 0
                data = data[:at] + doctype + data[at:]
            z.writestr(info, data)
    return _signed({**files, "data/report.xlsx": buf.getvalue()})


def _bagit_version(files: Files) -> Files:
    return _signed({**files, bag.BAGIT_FILE: b"BagIt-Version: 0.97\nTag-File-Character-Encoding: UTF-8\n"})


def _oxum(files: Files) -> Files:
    key = signing.new_signing_key()
    out = forge.resign(forge.rehash(files), key)
    info = out[bag.BAG_INFO_FILE].decode("utf-8").replace("Payload-Oxum: ", "Payload-Oxum: 1", 1)
    out[bag.BAG_INFO_FILE] = info.encode("utf-8")
    out[bag.TAG_MANIFEST_FILE] = bag.manifest({n: out[n] for n in bag.TAG_FILES})
    return forge.resign(out, key, put_key=False)


def _comment(files: Files) -> Files:
    key = signing.new_signing_key()
    sealed = forge.resign(forge.rehash(files), key)
    wrong = bag.trusted_comment("91350100M000100Y43", "2024-Y", 1, "2026-01-01T00:00:00+08:00")
    return forge.resign(sealed, key, wrong, put_key=False)


def _deep_json() -> bytes:
    depth = 5_000  # small enough to be read (under the ratio floor), far deeper than allowed
    return b"[" * depth + b"]" * depth


def make_hostile(packet: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    """Write every variant into ``folder``: name → (path, the problem code verify must report)."""
    folder.mkdir(parents=True, exist_ok=True)
    top, files = forge.read_bag(packet)
    raw = packet.read_bytes()
    made: dict[str, tuple[Path, str]] = {}

    def bag_variant(name: str, code: str, change: Callable[[Files], Files]) -> None:
        made[name] = (forge.write_bag(folder / f"{name}.zip", top, change(dict(files))), code)

    def entries_variant(name: str, code: str, entries: list[tuple[str | zipfile.ZipInfo, bytes]], **kw: bool) -> None:
        made[name] = (forge.write_entries(folder / f"{name}.zip", entries, **kw), code)

    def raw_variant(name: str, code: str, data: bytes) -> None:
        path = folder / f"{name}.zip"
        path.write_bytes(data)
        made[name] = (path, code)

    base = _entries(top, files)
    bag_variant("changed-byte-data-json", "HASH-MISMATCH", _flip("data/data.json"))
    bag_variant("changed-byte-report-xlsx", "HASH-MISMATCH", _flip("data/report.xlsx"))
    bag_variant("changed-byte-bag-info", "HASH-MISMATCH", _flip(bag.BAG_INFO_FILE))
    bag_variant(
        "payload-replaced-manifest-rehashed",
        "SIGNATURE-INVALID",
        lambda f: forge.rehash({**f, "data/records.csv": f["data/records.csv"] + b"X,1\r\n"}),
    )
    entries_variant("member-dot-dot", "PATH-UNSAFE", [*base, ("../../escaped.txt", b"outside")])
    entries_variant("member-absolute", "PATH-UNSAFE", [*base, ("/tmp/gxjn-escaped.txt", b"outside")])
    entries_variant("member-drive-letter", "PATH-UNSAFE", [*base, ("C:/gxjn-escaped.txt", b"outside")])
    entries_variant("member-backslash", "PATH-UNSAFE", [*base, (f"{top}\\..\\..\\escaped.txt", b"outside")])
    entries_variant("member-control-char", "PATH-UNSAFE", [*base, (f"{top}/data/a\x07b.txt", b"bell")])
    entries_variant("duplicate-name", "DUPLICATE-NAME", [*base, (f"{top}/data/data.json", b"{}")])
    entries_variant("duplicate-by-case", "DUPLICATE-NAME", [*base, (f"{top}/data/DATA.json", b"{}")])
    nfd = unicodedata.normalize("NFD", f"{top}/data/é.txt")
    nfc = unicodedata.normalize("NFC", f"{top}/data/é.txt")
    entries_variant("duplicate-by-normalisation", "DUPLICATE-NAME", [*base, (nfc, b"a"), (nfd, b"b")])
    entries_variant("member-unlisted", "MEMBER-UNLISTED", [*base, (f"{top}/data/extra.txt", b"not in the manifest")])
    entries_variant("member-missing", "MEMBER-MISSING", [e for e in base if not str(e[0]).endswith("report.pdf")])
    entries_variant("directory-entry", "DIRECTORY-ENTRY", [(f"{top}/data/", b""), *base])
    many = [(f"{top}/data/n{i}.txt", b"x") for i in range(limits.MAX_MEMBERS + 1)]
    entries_variant("too-many-members", "TOO-LARGE", [*base, *many])
    entries_variant("zip-bomb-ratio", "TOO-LARGE", [*base, (f"{top}/data/zeros.txt", bytes(10 * 1024 * 1024))])
    entries_variant("nested-archive-name", "NESTED-ARCHIVE", [*base, (f"{top}/data/inner.zip", raw[:100])])
    bag_variant("nested-archive-content", "NESTED-ARCHIVE", lambda f: _signed({**f, "data/records.csv": raw}))
    link = zipfile.ZipInfo(f"{top}/data/link", (2026, 1, 1, 0, 0, 0))
    link.create_system, link.external_attr = 3, 0o120777 << 16
    entries_variant("symlink", "SYMLINK", [*base, (link, b"../../../etc/passwd")])
    bz = zipfile.ZipInfo(f"{top}/data/extra.bin", (2026, 1, 1, 0, 0, 0))
    bz.compress_type, bz.create_system, bz.external_attr = zipfile.ZIP_BZIP2, 3, 0o100644 << 16
    entries_variant("compression-bzip2", "COMPRESSION-UNSUPPORTED", [*base, (bz, b"bzip2 data" * 10)])
    entries_variant("no-utf8-flag", "NAME-ENCODING", base, utf8_flag=False)
    entries_variant("two-top-folders", "BAG-STRUCTURE", [*base, ("other/bagit.txt", files[bag.BAGIT_FILE])])
    raw_variant("encrypted-member", "ENCRYPTED", _patch(raw, f"{top}/data/data.json", 6, 8, "<H", 0x0801))
    raw_variant("size-header-lies", "TOO-LARGE", _patch(raw, f"{top}/data/data.json", 22, 24, "<I", 0xF0000000))
    raw_variant("truncated", "NOT-A-ZIP", raw[: len(raw) // 2])
    raw_variant("not-a-zip", "NOT-A-ZIP", b"this is not a packet\n" * 100)
    raw_variant("empty-file", "NOT-A-ZIP", b"")
    raw_variant("program-prepended", "ZIP-EXTRA-DATA", b"MZ" + bytes(510) + raw)  # a polyglot: zipfile reads past it
    raw_variant("data-appended", "ZIP-EXTRA-DATA", raw + b"appended" * 16)
    bag_variant("json-not-utf8", "JSON-INVALID", lambda f: _with_data(b"\xff\xfe" + f["data/data.json"])(f))
    bag_variant("json-huge-integer", "JSON-INVALID", _with_data(b'{"revision": 1' + b"0" * 5000 + b"}"))
    bag_variant("json-too-deep", "TOO-DEEP", _with_data(_deep_json()))
    bag_variant("json-too-large", "TOO-LARGE", _with_data(b'{"x": "' + b"a" * (limits.MAX_JSON_BYTES + 10) + b'"}'))
    bag_variant("json-duplicate-keys", "JSON-INVALID", _with_data(b'{"schema": "a", "schema": "b"}'))
    bag_variant("json-nan", "JSON-INVALID", _with_data(b'{"revision": NaN}'))
    bag_variant("schema-invalid", "SCHEMA-INVALID", _with_data(json.dumps({"schema": "gxjn-packet-data"}).encode()))
    bag_variant("xlsx-doctype", "XML-DOCTYPE", _doctype_xlsx)
    bag_variant("signature-legacy-form", "SIGNATURE-LEGACY", _legacy_signature)
    bag_variant("comment-disagrees", "COMMENT-MISMATCH", _comment)
    bag_variant("bagit-version", "BAG-STRUCTURE", _bagit_version)
    bag_variant("payload-oxum", "OXUM-MISMATCH", _oxum)
    bag_variant(
        "signature-missing", "MEMBER-MISSING", lambda f: {k: v for k, v in f.items() if k != bag.SIGNATURE_FILE}
    )
    return made


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
