"""Verifying a packet without unpacking it to disk (cli.md §The packet; codes in docs/packet.md).

Order: the zip and its member names and sizes against the limits (from the central directory,
before anything is read), the bag's structure, every hash, the signature and key, the trusted
comment against bag-info.txt, then data.json (size, depth, schema) and the report files. Nothing
stops at the first problem, so every problem is named; only what could hurt (sizes, encryption,
unknown compression) keeps a member from being read. Members are read into memory, never written.
"""

from __future__ import annotations

import io
import json
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.packet import limits, signing
from gxjn_desktop.services.packet.bag import (
    BAG_INFO_FILE,
    BAGIT_FILE,
    MANIFEST_FILE,
    PAYLOAD_FILES,
    SIGNATURE_FILE,
    TAG_FILES,
    TAG_MANIFEST_FILE,
    UTF8_FLAG,
    packet_stem,
    sha256_hex,
)
from gxjn_desktop.services.packet.schema import schema_problems

ARCHIVE_SUFFIXES = (".zip", ".gz", ".tgz", ".7z", ".rar", ".tar", ".bz2", ".xz", ".jar", ".cab", ".zst")
ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"BZh", b"\xfd7zXZ")
REQUIRED_INFO = (
    "Payload-Oxum", "Bagging-Date", "Gxjn-Unit-Name", "Gxjn-USCC", "Gxjn-Admin-Code", "Gxjn-Period",
    "Gxjn-Revision", "Gxjn-Program-Version", "Gxjn-Schema-Version", "Gxjn-Public-Key",
)  # fmt: skip
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_MANIFEST_LINE = re.compile(r"^([0-9a-fA-F]{64})[ \t]+(\S.*)$")
_PERIOD = re.compile(r"^[0-9]{4}-(Y|Q[1-4]|M(0[1-9]|1[0-2])|YTD-M(0[1-9]|1[0-2]))$")
_COMMENT = re.compile(
    r"^gxjn-packet\tuscc:(?P<uscc>[^\t]*)\tperiod:(?P<period>[^\t]*)\trevision:(?P<revision>[^\t]*)\ttime:(?P<time>[^\t]*)$"
)


@dataclass(frozen=True)
class Problem:
    code: str
    file: str | None
    message: str

    def as_dict(self) -> dict[str, str | None]:
        return {"code": self.code, "file": self.file, "message": self.message}


@dataclass
class VerifyResult:
    path: Path
    problems: list[Problem] = field(default_factory=list)
    bag_info: dict[str, str] = field(default_factory=dict)
    data: dict[str, Any] | None = None
    data_text: str | None = None  # data.json exactly as the packet carries it, when it is valid
    public_key: bytes | None = None
    key_fingerprint: str | None = None
    key_known: bool = False
    uscc: str | None = None
    period: str | None = None
    revision: int | None = None
    top: str | None = None  # the bag's folder inside the zip

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, code: str, file: str | None, message: str) -> None:
        if len(self.problems) < limits.MAX_PROBLEMS:
            self.problems.append(Problem(code, file, message))

    def codes(self) -> set[str]:
        return {p.code for p in self.problems}

    def to_json(self) -> dict[str, Any]:
        """``verify --json`` as cli.md fixes it, plus the unit's name and the public key."""
        return {
            "ok": self.ok,
            "packet": str(self.path),
            "unit": {"uscc": self.uscc, "name": self.bag_info.get("Gxjn-Unit-Name")},
            "period": self.period,
            "revision": self.revision,
            "key_fingerprint": self.key_fingerprint,
            "key_known": self.key_known,
            "public_key": self.bag_info.get("Gxjn-Public-Key"),
            "problems": [p.as_dict() for p in self.problems],
        }


# ---- the zip --------------------------------------------------------------------------------------


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name could escape or confuse a folder; ``None`` when it is safe."""
    if not name:
        return "名称为空"
    if len(name) > limits.MAX_NAME_CHARS:
        return "名称过长"
    if _CONTROL.search(name):
        return "名称含控制字符"
    if "\\" in name:
        return "名称含反斜杠"
    if name.startswith("/"):
        return "绝对路径"
    if ":" in name:
        return "名称含盘符或冒号"
    parts = name.rstrip("/").split("/")
    if any(p in ("", ".", "..") for p in parts):
        return "名称含 ..、. 或空的路径段"
    return None


def _extra_bytes(buf: bytes) -> str | None:
    """Where the file holds bytes that are not the zip (``"前"``, ``"后"``), or ``None``: zipfile
    reads past data prepended (a program in front: a polyglot) or appended, a packet has none."""
    if not buf.startswith(b"PK\x03\x04"):
        return "前"
    at = buf.rfind(b"PK\x05\x06", max(0, len(buf) - 65536 - 22))
    if at >= 0 and len(buf) >= at + 22:
        comment: int = struct.unpack("<H", buf[at + 20 : at + 22])[0]
        if at + 22 + comment != len(buf):
            return "后"
    return None


def _declared_members(buf: bytes) -> int | None:
    """The member count in the end-of-central-directory record (read before zipfile parses it all)."""
    tail = buf[-65536 - 22 :]
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) < at + 22:
        return None
    count: int = struct.unpack("<H", tail[at + 10 : at + 12])[0]
    return None if count == 0xFFFF else count  # 0xFFFF: Zip64, zipfile reads the real count


_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # a zip member's local file header (30 bytes)


def _member_ends(z: zipfile.ZipFile) -> dict[int, int]:
    """Where each member's region ends (the next member's header, or the central directory): a
    member's data reaching past it overlaps another's, which newer zipfile versions refuse."""
    ends: dict[int, int] = {}
    end = z.start_dir
    for offset in sorted({i.header_offset for i in z.infolist()}, reverse=True):
        ends[offset] = end
        end = offset
    return ends


def _read_plainly(buf: bytes, info: zipfile.ZipInfo, end: int | None) -> bytes | None:
    """The member's bytes straight from the archive's bytes with one zlib call, when nothing about
    it is unusual: then they are exactly the bytes zipfile would return, without error. ``None``
    for anything else (a damaged, lying or unusual member), which zipfile's own reader then reads
    and judges, so every problem is found and named exactly as before."""
    if info.flag_bits & 0x61 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or end is None:
        return None  # encrypted or patched: zipfile refuses those with its own messages
    at = info.header_offset
    if at < 0 or at + 30 > len(buf):
        return None
    magic, _v, _s, flags, _m, _t, _d, _crc, _cs, _fs, name_len, extra_len = _LOCAL_HEADER.unpack_from(buf, at)
    if magic != b"PK\x03\x04":
        return None
    try:  # zipfile checks the local header's name against the central directory's in this way
        name = buf[at + 30 : at + 30 + name_len].decode("utf-8" if flags & UTF8_FLAG else "cp437")
    except UnicodeDecodeError:
        return None
    start = at + 30 + name_len + extra_len
    stop = start + info.compress_size
    if name != info.orig_filename or stop > end or stop > len(buf):
        return None
    if info.compress_type == zipfile.ZIP_STORED:
        data = buf[start:stop] if info.compress_size == info.file_size else None
    else:
        inflate = zlib.decompressobj(-15)
        try:
            data = inflate.decompress(buf[start:stop], info.file_size + 1)
        except zlib.error:
            return None
        if not inflate.eof:  # the stream goes on past the declared size, or is cut short
            return None
    if data is None or len(data) != info.file_size or zlib.crc32(data) != info.CRC:
        return None
    return data


class _Members:
    """Reads the members of one zip held in memory: the plain way first, zipfile's reader for
    anything unusual."""

    def __init__(self, z: zipfile.ZipFile, buf: bytes) -> None:
        self.z, self.buf = z, buf
        self.ends = _member_ends(z)

    def read(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        if info.file_size <= cap:
            data = _read_plainly(self.buf, info, self.ends.get(info.header_offset))
            if data is not None:
                return data
        return _read_member(self.z, info, cap)


def _read_member(z: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes, refusing more than ``cap`` or more than its header declared."""
    out = bytearray()
    limit = min(cap, info.file_size)
    with z.open(info) as f:
        while chunk := f.read(65536):
            out += chunk
            if len(out) > limit:
                raise OverflowError
    return bytes(out)


def _check_members(result: VerifyResult, z: zipfile.ZipFile, buf: bytes) -> dict[str, bytes]:
    """Names, kinds and sizes from the central directory; then the readable members' bytes."""
    infos = z.infolist()
    if len(infos) > limits.MAX_MEMBERS:
        result.add("TOO-LARGE", None, f"数据包有 {len(infos)} 个成员，超过上限 {limits.MAX_MEMBERS}")
        return {}
    seen: dict[str, str] = {}
    readable: list[zipfile.ZipInfo] = []
    total = 0
    for info in infos:
        name = info.filename
        reason = unsafe_name_reason(name)
        if reason:
            result.add("PATH-UNSAFE", name[:200], f"不安全的成员名称（{reason}）")
            continue
        if not info.flag_bits & UTF8_FLAG:
            result.add("NAME-ENCODING", name, "成员名称没有标记为 UTF-8（通用标志位 11）")
        folded = unicodedata.normalize("NFC", name).casefold()
        if folded in seen:
            result.add("DUPLICATE-NAME", name, f"与成员“{seen[folded]}”重名（含大小写或 Unicode 规范化后相同）")
            continue
        seen[folded] = name
        mode = info.external_attr >> 16
        if name.endswith("/") or info.is_dir():
            result.add("DIRECTORY-ENTRY", name, "数据包中不应有文件夹条目")
            continue
        if info.create_system == 3 and stat.S_ISLNK(mode):
            result.add("SYMLINK", name, "成员是符号链接")
            continue
        if info.create_system == 3 and stat.S_IFMT(mode) not in (0, stat.S_IFREG):  # 0: no type recorded
            result.add("SPECIAL-FILE", name, "成员不是普通文件")
            continue
        if info.flag_bits & 0x1:
            result.add("ENCRYPTED", name, "成员被加密")
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            result.add("COMPRESSION-UNSUPPORTED", name, f"不支持的压缩方式 {info.compress_type}")
            continue
        if name.lower().endswith(ARCHIVE_SUFFIXES):
            result.add("NESTED-ARCHIVE", name, "数据包中不应再套压缩包")
            continue
        total += info.file_size
        if info.file_size > limits.MAX_MEMBER_BYTES:
            result.add("TOO-LARGE", name, f"成员解压后 {info.file_size} 字节，超过上限 {limits.MAX_MEMBER_BYTES}")
            continue
        if info.file_size > limits.RATIO_FLOOR_BYTES and info.file_size > limits.MAX_RATIO * max(info.compress_size, 1):
            result.add("TOO-LARGE", name, f"压缩比超过 {limits.MAX_RATIO}（疑似压缩炸弹）")
            continue
        readable.append(info)
    if total > limits.MAX_TOTAL_BYTES:
        result.add("TOO-LARGE", None, f"数据包解压后共 {total} 字节，超过上限 {limits.MAX_TOTAL_BYTES}")
        return {}
    contents: dict[str, bytes] = {}
    members = _Members(z, buf)
    for info in readable:
        try:
            contents[info.filename] = members.read(info, limits.MAX_MEMBER_BYTES)
        except OverflowError:
            result.add("TOO-LARGE", info.filename, "成员实际内容超过其声明的大小或上限")
        except NotImplementedError:
            result.add("ZIP-DAMAGED", info.filename, "成员无法读取（使用了不支持的压缩方式）")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
            why = "校验和不符" if "CRC" in str(exc) else "压缩数据已损坏或被截断"
            result.add("ZIP-DAMAGED", info.filename, f"成员无法读取（{why}）")
    return contents


# ---- the bag --------------------------------------------------------------------------------------


def _parse_manifest(result: VerifyResult, name: str, raw: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        result.add("MANIFEST-INVALID", name, "清单不是 UTF-8 文本")
        return out
    for line in text.splitlines():
        if not line.strip():
            continue
        m = _MANIFEST_LINE.match(line)
        if not m:
            result.add("MANIFEST-INVALID", name, f"清单行格式错误：{line[:60]}")
            continue
        path = m.group(2).replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")
        if unsafe_name_reason(path):
            result.add("PATH-UNSAFE", name, f"清单中的路径不安全：{path[:60]}")
            continue
        if path in out:
            result.add("MANIFEST-INVALID", name, f"清单重复列出 {path}")
        out[path] = m.group(1).lower()
    return out


def _parse_bag_info(result: VerifyResult, raw: bytes) -> dict[str, str]:
    info: dict[str, str] = {}
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        result.add("BAG-INFO-INVALID", BAG_INFO_FILE, "bag-info.txt 不是 UTF-8 文本")
        return info
    last = None
    for line in text.splitlines():
        if line[:1] in (" ", "\t") and last is not None:  # RFC 8493: a folded continuation line
            info[last] += " " + line.strip()
            continue
        label, sep, value = line.partition(":")
        if not sep or not label.strip():
            result.add("BAG-INFO-INVALID", BAG_INFO_FILE, f"行格式错误：{line[:60]}")
            continue
        last = label.strip()
        if last in info:
            result.add("BAG-INFO-INVALID", BAG_INFO_FILE, f"标签 {last} 出现不止一次")
        info[last] = value.strip()
    for label in REQUIRED_INFO:
        if not info.get(label):
            result.add("BAG-INFO-INVALID", BAG_INFO_FILE, f"缺少 {label}")
    return info


def _check_bag(result: VerifyResult, members: dict[str, bytes], names: list[str]) -> dict[str, bytes]:
    """Structure, manifests, hashes and Payload-Oxum; returns the bag's files by relative path."""
    tops = {n.split("/", 1)[0] for n in names if unsafe_name_reason(n) is None}
    if len(tops) != 1 or any("/" not in n for n in members):
        result.add("BAG-STRUCTURE", None, f"数据包应只含一个顶层文件夹，实有：{'、'.join(sorted(tops))[:120] or '无'}")
    top = min(tops) if tops else ""
    result.top = top or None
    files = {n[len(top) + 1 :]: b for n, b in members.items() if n.startswith(top + "/")}
    present = {n[len(top) + 1 :] for n in names if n.startswith(top + "/")}
    for name in (BAGIT_FILE, BAG_INFO_FILE, MANIFEST_FILE, TAG_MANIFEST_FILE, SIGNATURE_FILE):
        if name not in present:
            result.add("MEMBER-MISSING", name, f"缺少 {name}")
    bagit = files.get(BAGIT_FILE)
    if bagit is not None:
        fields = dict(line.partition(":")[::2] for line in bagit.decode("utf-8", "replace").splitlines())
        fields = {k.strip(): v.strip() for k, v in fields.items()}
        if fields.get("BagIt-Version") != "1.0" or fields.get("Tag-File-Character-Encoding", "").upper() != "UTF-8":
            result.add("BAG-STRUCTURE", BAGIT_FILE, "bagit.txt 应声明 BagIt-Version: 1.0 与 UTF-8")
    payload_manifest = _parse_manifest(result, MANIFEST_FILE, files.get(MANIFEST_FILE, b""))
    tag_manifest = _parse_manifest(result, TAG_MANIFEST_FILE, files.get(TAG_MANIFEST_FILE, b""))
    tag_names = {BAGIT_FILE, BAG_INFO_FILE, MANIFEST_FILE, TAG_MANIFEST_FILE, SIGNATURE_FILE}
    for name in sorted(present):
        if name in tag_names:
            continue
        if name.startswith("data/"):
            if name not in payload_manifest:
                result.add("MEMBER-UNLISTED", name, "数据包中有清单未列出的文件")
            elif name not in PAYLOAD_FILES:
                result.add("BAG-STRUCTURE", name, "data/ 只应含 data.json、report.xlsx、report.pdf、records.csv")
        else:
            result.add("MEMBER-UNLISTED", name, "顶层有不属于数据包的文件")
    for name, digest in payload_manifest.items():
        if not name.startswith("data/"):
            result.add("MANIFEST-INVALID", MANIFEST_FILE, f"载荷清单列出了 data/ 以外的 {name}")
        elif name not in present:
            result.add("MEMBER-MISSING", name, "清单列出的文件不在数据包中")
        elif name in files and sha256_hex(files[name]) != digest:
            result.add("HASH-MISMATCH", name, "文件内容与清单中的 SHA-256 不符（文件被改动）")
    for name in PAYLOAD_FILES:
        if name not in payload_manifest and name not in present:
            result.add("MEMBER-MISSING", name, f"缺少 {name}")
    for name, digest in tag_manifest.items():
        if name not in TAG_FILES:
            result.add(
                "BAG-STRUCTURE",
                TAG_MANIFEST_FILE,
                f"标签清单只应列出 bagit.txt、bag-info.txt、manifest-sha256.txt，却列出了 {name}",
            )
        elif name in files and sha256_hex(files[name]) != digest:
            result.add("HASH-MISMATCH", name, "文件内容与标签清单中的 SHA-256 不符（文件被改动）")
    for name in TAG_FILES:
        if name not in tag_manifest and TAG_MANIFEST_FILE in files:
            result.add("MEMBER-UNLISTED", name, "标签清单没有列出该文件")
    info = _parse_bag_info(result, files.get(BAG_INFO_FILE, b"")) if BAG_INFO_FILE in files else {}
    result.bag_info = info
    oxum = info.get("Payload-Oxum", "")
    payload = [b for n, b in files.items() if n.startswith("data/")]
    actual = f"{sum(len(b) for b in payload)}.{len(payload)}"
    if oxum and oxum != actual:
        result.add("OXUM-MISMATCH", BAG_INFO_FILE, f"Payload-Oxum 为 {oxum}，实际为 {actual}")
    return files


def _check_identity(result: VerifyResult) -> None:
    info = result.bag_info
    result.uscc = info.get("Gxjn-USCC") or None
    period = info.get("Gxjn-Period", "")
    if period and not _PERIOD.match(period):
        result.add("BAG-INFO-INVALID", BAG_INFO_FILE, f"Gxjn-Period “{period[:20]}”格式不符")
    result.period = period or None
    revision = info.get("Gxjn-Revision", "")
    if revision.isdigit() and int(revision) >= 1:
        result.revision = int(revision)
    elif revision:
        result.add("BAG-INFO-INVALID", BAG_INFO_FILE, "Gxjn-Revision 应为正整数")
    if result.top and result.uscc and result.period and result.revision:
        expected = packet_stem(info.get("Gxjn-Admin-Code", ""), result.uscc, result.period, result.revision)
        if result.top != expected:
            result.add("NAME-MISMATCH", None, f"数据包文件夹名应为 {expected}，实为 {result.top[:80]}")


def _check_signature(result: VerifyResult, files: dict[str, bytes], registered_key: bytes | None) -> None:
    text = result.bag_info.get("Gxjn-Public-Key")
    key_id = None
    if text:
        try:
            key_id, result.public_key = signing.parse_public_key(text)
            result.key_fingerprint = signing.key_fingerprint(result.public_key)
        except signing.SignatureError as err:
            result.add(err.code, BAG_INFO_FILE, err.message)
    if registered_key is not None and result.public_key is not None:
        if result.public_key == registered_key:
            result.key_known = True
        else:
            result.add(
                "KEY-CHANGED",
                BAG_INFO_FILE,
                f"签名密钥（指纹 {result.key_fingerprint}）与登记的密钥（指纹 {signing.key_fingerprint(registered_key)}）不同",
            )
    sig = files.get(SIGNATURE_FILE)
    tag_manifest = files.get(TAG_MANIFEST_FILE)
    if sig is None or tag_manifest is None or key_id is None or result.public_key is None:
        return
    try:
        sig_text = sig.decode("utf-8")
    except UnicodeDecodeError:
        result.add("SIGNATURE-INVALID", SIGNATURE_FILE, "签名文件不是 UTF-8 文本")
        return
    try:
        signing.verify(tag_manifest, sig_text, key_id, result.public_key)
    except signing.SignatureError as err:
        result.add(err.code, SIGNATURE_FILE, err.message)
    try:
        comment = signing.parse_signature(sig_text).trusted_comment
    except signing.SignatureError:
        return
    m = _COMMENT.match(comment)
    if not m:
        result.add("COMMENT-MISMATCH", SIGNATURE_FILE, "可信注释不是 gxjn-packet 格式")
        return
    expected = {"uscc": result.uscc, "period": result.period, "revision": str(result.revision)}
    for key, value in expected.items():
        if m.group(key) != value:
            result.add(
                "COMMENT-MISMATCH",
                SIGNATURE_FILE,
                f"可信注释中的 {key} 为 {m.group(key)[:40]}，与 bag-info.txt 的 {value} 不符",
            )


# ---- the payload ----------------------------------------------------------------------------------


_CONTAINERS = (dict, list)  # a tuple, not dict | list: isinstance is twice as fast with it
_SCALARS = frozenset((str, int, float, bool, type(None)))  # exactly these types are never containers


def _depth(value: Any) -> int:
    """How deeply objects and arrays nest (1 for a flat one); stops counting past the limit.

    Level by level, each level's values in one flat pass (no Python call per container); most
    values are plain scalars, passed over by their exact type before any isinstance."""
    level = [value] if isinstance(value, _CONTAINERS) else []
    depth = 0
    while level:
        depth += 1
        if depth > limits.MAX_JSON_DEPTH:
            return depth
        values = chain.from_iterable([v.values() if isinstance(v, dict) else v for v in level])
        level = [c for c in values if type(c) not in _SCALARS and isinstance(c, _CONTAINERS)]
    return depth


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for k, _v in pairs:
            if k in seen:
                raise _JsonFault(f"键“{k[:40]}”重复出现")
            seen.add(k)
    return out


class _JsonFault(ValueError):
    """What data.json does that JSON forbids, in the reader's words."""


def _refuse_constant(name: str) -> Any:
    raise _JsonFault(f"含有 {name}，不是标准 JSON 的数值")


def _json_fault(exc: ValueError) -> str:
    """Why data.json could not be read, in Chinese (the parser's own text is English)."""
    if isinstance(exc, UnicodeDecodeError):
        return f"第 {exc.start + 1} 个字节不是 UTF-8 编码"
    if isinstance(exc, json.JSONDecodeError):
        return f"第 {exc.lineno} 行第 {exc.colno} 列格式有误"
    if isinstance(exc, _JsonFault):
        return str(exc)
    return "含有位数过多的数字"  # int(): the digit limit of integer conversion


def _check_data(result: VerifyResult, raw: bytes) -> None:
    name = "data/data.json"
    if len(raw) > limits.MAX_JSON_BYTES:
        result.add("TOO-LARGE", name, f"data.json 有 {len(raw)} 字节，超过上限 {limits.MAX_JSON_BYTES}")
        return
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_refuse_constant)
    except RecursionError:
        result.add("TOO-DEEP", name, f"data.json 嵌套超过 {limits.MAX_JSON_DEPTH} 层")
        return
    except (UnicodeDecodeError, ValueError) as exc:
        result.add("JSON-INVALID", name, f"data.json 不是有效的 UTF-8 JSON（{_json_fault(exc)}）")
        return
    if _depth(data) > limits.MAX_JSON_DEPTH:
        result.add("TOO-DEEP", name, f"data.json 嵌套超过 {limits.MAX_JSON_DEPTH} 层")
        return
    if not isinstance(data, dict):
        result.add("SCHEMA-INVALID", name, "data.json 应为一个 JSON 对象")
        return
    problems = schema_problems(data)
    if problems:
        result.add("SCHEMA-INVALID", name, "data.json 不符合 packet-data 模式：" + "；".join(problems[:5]))
        return
    result.data, result.data_text = data, text
    agree = {
        "uscc": (data["unit"]["uscc"], result.uscc),
        "period": (data["period"]["name"], result.period),
        "revision": (data["revision"], result.revision),
        "schema_version": (data["schema_version"], result.bag_info.get("Gxjn-Schema-Version")),
    }
    for key, (inside, outside) in agree.items():
        if outside is not None and inside != outside:
            result.add("DATA-MISMATCH", name, f"data.json 的 {key} 为 {inside}，与 bag-info.txt 的 {outside} 不符")


_DOCTYPE = re.compile(rb"<!doctype", re.IGNORECASE)  # bytes: ASCII case only, as bytes.lower()


def _has_doctype(part: bytes) -> bool:
    if part.startswith((b"\xff\xfe", b"\xfe\xff")):
        part = part.decode("utf-16", "replace").encode("utf-8")
    return _DOCTYPE.search(part) is not None


def _check_xlsx(result: VerifyResult, raw: bytes) -> None:
    name = "data/report.xlsx"
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as z:
            members = _Members(z, raw)
            infos = z.infolist()
            if len(infos) > limits.MAX_XLSX_MEMBERS:
                result.add("TOO-LARGE", name, f"report.xlsx 有 {len(infos)} 个部件，超过上限")
                return
            if sum(i.file_size for i in infos) > limits.MAX_TOTAL_BYTES:
                result.add("TOO-LARGE", name, "report.xlsx 解压后过大")
                return
            for info in infos:
                if reason := unsafe_name_reason(info.filename):
                    result.add("PATH-UNSAFE", name, f"report.xlsx 的部件名称不安全（{reason}）")
                    continue
                if info.flag_bits & 0x1:
                    result.add("ENCRYPTED", name, "report.xlsx 含加密部件")
                    continue
                big = info.file_size > limits.MAX_XLSX_PART_BYTES
                ratio = info.file_size > limits.RATIO_FLOOR_BYTES and info.file_size > limits.MAX_RATIO * max(
                    info.compress_size, 1
                )
                if big or ratio:
                    result.add("TOO-LARGE", name, f"report.xlsx 的部件 {info.filename[:60]} 过大或压缩比异常")
                    continue
                part = members.read(info, limits.MAX_XLSX_PART_BYTES)
                if part.startswith(ARCHIVE_MAGIC):
                    result.add("NESTED-ARCHIVE", name, f"report.xlsx 内嵌压缩包 {info.filename[:60]}")
                elif info.filename.lower().endswith((".xml", ".rels", ".vml")) and _has_doctype(part):
                    result.add(
                        "XML-DOCTYPE", name, f"report.xlsx 的 {info.filename[:60]} 含 DOCTYPE（可能是 XML 实体攻击）"
                    )
    except OverflowError:
        result.add("TOO-LARGE", name, "report.xlsx 的部件实际内容超过声明的大小")
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError):
        result.add("PAYLOAD-INVALID", name, "report.xlsx 不是有效的 Excel 文件")


def _check_payload(result: VerifyResult, files: dict[str, bytes]) -> None:
    for name in ("data/data.json", "data/report.pdf", "data/records.csv"):
        if name in files and files[name].startswith(ARCHIVE_MAGIC):
            result.add("NESTED-ARCHIVE", name, "该文件是压缩包，不应出现在数据包中")
            files = {k: v for k, v in files.items() if k != name}
    if "data/data.json" in files:
        _check_data(result, files["data/data.json"])
    if "data/report.xlsx" in files:
        _check_xlsx(result, files["data/report.xlsx"])
    pdf = files.get("data/report.pdf")
    if pdf is not None and not pdf.startswith(b"%PDF-"):
        result.add("PAYLOAD-INVALID", "data/report.pdf", "report.pdf 不是 PDF 文件")
    csv = files.get("data/records.csv")
    if csv is not None:
        try:
            ok = csv.startswith(b"\xef\xbb\xbf") and bool(csv.decode("utf-8"))
        except UnicodeDecodeError:
            ok = False
        if not ok:
            result.add("PAYLOAD-INVALID", "data/records.csv", "records.csv 应为带 BOM 的 UTF-8 文本")


def verify_packet(path: Path, *, registered_key: bytes | None = None, content: bytes | None = None) -> VerifyResult:
    """Check a packet; ``registered_key``: the 32-byte public key the bureau or unit has for it;
    ``content``: the file's bytes when the caller has read them already (checked as they are).

    Raises UserError only when there is no file to check (a path that does not exist).
    """
    if content is None:
        if not path.exists():
            raise UserError(f"找不到数据包 {path}", "请检查文件名和路径")
        if not path.is_file():
            raise UserError(f"{path} 不是文件", "请给出数据包 .zip 文件的路径")
    result = VerifyResult(path)
    size = path.stat().st_size if content is None else len(content)
    if size > limits.MAX_PACKET_BYTES:
        result.add("TOO-LARGE", None, f"数据包有 {size} 字节，超过上限 {limits.MAX_PACKET_BYTES}")
        return result
    try:
        buf = path.read_bytes() if content is None else content  # within the limit just checked
        declared = _declared_members(buf)
        if declared is not None and declared > limits.MAX_MEMBERS:
            result.add("TOO-LARGE", None, f"数据包声明有 {declared} 个成员，超过上限 {limits.MAX_MEMBERS}")
            return result
        with zipfile.ZipFile(io.BytesIO(buf)) as z:
            names = [i.filename for i in z.infolist()]
            members = _check_members(result, z, buf)
        if (extra := _extra_bytes(buf)) is not None:
            result.add("ZIP-EXTRA-DATA", None, f"zip 文件{extra}有多余的数据（文件被改动，或与其他文件拼接在一起）")
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError, struct.error):
        result.add("NOT-A-ZIP", None, "不是完整的 zip 文件（文件损坏、被截断或根本不是数据包）")
        return result
    except OSError as exc:
        raise UserError(f"无法读取数据包 {path}", "请检查文件是否被占用或没有读取权限") from exc
    if not members and not names:
        result.add("BAG-STRUCTURE", None, "数据包是空的")
        return result
    if len(names) > limits.MAX_MEMBERS:
        return result
    files = _check_bag(result, members, names)
    _check_identity(result)
    _check_signature(result, files, registered_key)
    _check_payload(result, files)
    return result
