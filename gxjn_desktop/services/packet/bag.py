"""The packet as a file: one BagIt 1.0 bag (RFC 8493) in one zip, signed with minisign (cli.md).

The zip is written to a temporary name beside its target, flushed to disk and then renamed, so an
interrupted export never leaves a ``.zip`` that does not verify.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from gxjn_desktop.domain.exports import SigningKey
from gxjn_desktop.durable import fsync_dir
from gxjn_desktop.services.packet import signing

BAGIT_TXT = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"
BAGIT_FILE = "bagit.txt"
BAG_INFO_FILE = "bag-info.txt"
MANIFEST_FILE = "manifest-sha256.txt"
TAG_MANIFEST_FILE = "tagmanifest-sha256.txt"
SIGNATURE_FILE = "tagmanifest-sha256.txt.minisig"
PAYLOAD_FILES = ("data/data.json", "data/report.xlsx", "data/report.pdf", "data/records.csv")
TAG_FILES = (BAGIT_FILE, BAG_INFO_FILE, MANIFEST_FILE)  # what the tag manifest lists, exactly
TOP_FILES = (*TAG_FILES, TAG_MANIFEST_FILE, SIGNATURE_FILE)
UTF8_FLAG = 0x800
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def packet_stem(admin_code: str, uscc: str, period_name: str, revision: int) -> str:
    """``450123_12450123MB1965432W_2024-Y_r1``: the zip's name and its top folder (ASCII only)."""
    return f"{admin_code}_{uscc}_{period_name}_r{revision}"


def trusted_comment(uscc: str, period_name: str, revision: int, time: str) -> str:
    return f"gxjn-packet\tuscc:{uscc}\tperiod:{period_name}\trevision:{revision}\ttime:{time}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def manifest(files: Mapping[str, bytes]) -> bytes:
    """``<sha256>  <path>`` per file, LF, sorted by path."""
    return "".join(f"{sha256_hex(files[name])}  {name}\n" for name in sorted(files)).encode("utf-8")


def bag_info_text(labels: list[tuple[str, str]]) -> bytes:
    """bag-info.txt: one ``Label: value`` per line; control characters in a value become spaces."""
    return "".join(f"{label}: {_CONTROL.sub(' ', value).strip()}\n" for label, value in labels).encode("utf-8")


def payload_oxum(payload: Mapping[str, bytes]) -> str:
    return f"{sum(len(b) for b in payload.values())}.{len(payload)}"


@dataclass(frozen=True)
class BagFiles:
    """Every file of the bag (paths relative to its top folder) and the tag manifest's hash."""

    files: dict[str, bytes]
    tag_manifest_sha256: str


def build_bag(payload: Mapping[str, bytes], info: list[tuple[str, str]], key: SigningKey, comment: str) -> BagFiles:
    """The bag's files: ``payload`` (``data/...``), ``info`` (bag-info labels after Payload-Oxum)."""
    labels = [("Payload-Oxum", payload_oxum(payload)), *info]
    files: dict[str, bytes] = {
        BAGIT_FILE: BAGIT_TXT,
        BAG_INFO_FILE: bag_info_text(labels),
        MANIFEST_FILE: manifest(payload),
    }
    tag_manifest = manifest({name: files[name] for name in TAG_FILES})
    files[TAG_MANIFEST_FILE] = tag_manifest
    files[SIGNATURE_FILE] = signing.sign(tag_manifest, key, comment).encode("utf-8")
    files.update(payload)
    return BagFiles(files, sha256_hex(tag_manifest))


class _Utf8ZipInfo(zipfile.ZipInfo):
    """A zip entry whose name is flagged UTF-8 (general purpose bit 11) even when it is ASCII.

    ``zipfile`` resets ``flag_bits`` when it writes an entry, so the flag is added on reading.
    """

    @property
    def flag_bits(self) -> int:
        return self._gxjn_flags | UTF8_FLAG

    @flag_bits.setter
    def flag_bits(self, value: int) -> None:
        self._gxjn_flags = value


def write_zip(target: Path, top: str, files: Mapping[str, bytes], when: datetime) -> Path:
    """Write the bag into ``target`` atomically: a temporary file, fsync, rename, fsync the folder."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    for stale in target.parent.glob(f".{target.name}.*.partial"):  # left by an export that was killed
        with contextlib.suppress(OSError):
            stale.unlink()
    stamp = (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)
    order = [*TOP_FILES, *sorted(n for n in files if n not in TOP_FILES)]
    try:
        with open(tmp, "wb") as raw:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as z:
                for name in order:
                    info = _Utf8ZipInfo(f"{top}/{name}", stamp)
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
                    info.create_system = 3  # unix, so the mode above is read as such
                    z.writestr(info, files[name])
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)
    return target
