"""minisign signatures, made and checked by the program itself (Ed25519 from ``cryptography``).

Only the prehashed ``ED`` form is written and accepted: Ed25519 over the BLAKE2b-512 hash of the
file, then a global signature over that signature and the trusted comment. The files are those of
minisign (``.pub``: ``Ed`` + key id + public key; ``.minisig``: four lines), so a bureau can check a
packet with ``minisign -VHm tagmanifest-sha256.txt -P KEY`` without gxjn.

The secret key never leaves the data folder: it is kept in the unit's database (table
``signing_key``, hex text; see docs/packet.md), so every backup of the database carries it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gxjn_desktop.domain.exports import SigningKey

PUBLIC_KEY_ALGORITHM = b"Ed"
PREHASHED = b"ED"  # the only signature form accepted
LEGACY = b"Ed"  # minisign's old form (Ed25519 over the whole file): refused
UNTRUSTED_SIGNATURE_COMMENT = "untrusted comment: gxjn 报送数据包签名（可用 minisign -V 验证）"
TRUSTED_PREFIX = "trusted comment: "


class SignatureError(ValueError):
    """A signature or key that cannot be read or does not verify; ``code`` is the problem code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def new_signing_key() -> SigningKey:
    private = Ed25519PrivateKey.generate()
    seed = private.private_bytes_raw()
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return SigningKey(os.urandom(8), public, seed, datetime.now().astimezone().replace(microsecond=0).isoformat())


def key_fingerprint(public_key: bytes) -> str:
    """cli.md: the first 16 hex digits of SHA-256 over the 32-byte public key."""
    return hashlib.sha256(public_key).hexdigest()[:16]


def key_id_text(key_id: bytes) -> str:
    """The key id as minisign prints it (the 8 bytes as a little-endian number, upper-case hex)."""
    return key_id[::-1].hex().upper()


def public_key_base64(key: SigningKey) -> str:
    """The second line of a minisign ``.pub`` file (also ``Gxjn-Public-Key`` in bag-info.txt)."""
    return base64.b64encode(PUBLIC_KEY_ALGORITHM + key.key_id + key.public_key).decode("ascii")


def public_key_file(key: SigningKey) -> str:
    return f"untrusted comment: minisign public key {key_id_text(key.key_id)}\n{public_key_base64(key)}\n"


def parse_public_key(text: str) -> tuple[bytes, bytes]:
    """(key id, 32-byte public key) from the base64 line of a ``.pub`` (or the whole file)."""
    line = text.strip().splitlines()[-1].strip() if text.strip() else ""
    try:
        raw = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("KEY-INVALID", "公钥不是有效的 base64 文本") from exc
    if len(raw) != 42 or raw[:2] != PUBLIC_KEY_ALGORITHM:
        raise SignatureError("KEY-INVALID", "公钥不是 minisign Ed25519 公钥（应为 42 字节，以 Ed 开头）")
    return raw[2:10], raw[10:]


def sign(message: bytes, key: SigningKey, trusted_comment: str) -> str:
    """The ``.minisig`` text for ``message``: Ed25519 over BLAKE2b-512, then the global signature."""
    if "\n" in trusted_comment or "\r" in trusted_comment:
        raise ValueError("a trusted comment is one line")
    private = Ed25519PrivateKey.from_private_bytes(key.secret_key)
    signature = private.sign(hashlib.blake2b(message, digest_size=64).digest())
    comment = trusted_comment.encode("utf-8")
    global_signature = private.sign(signature + comment)
    return (
        f"{UNTRUSTED_SIGNATURE_COMMENT}\n"
        f"{base64.b64encode(PREHASHED + key.key_id + signature).decode('ascii')}\n"
        f"{TRUSTED_PREFIX}{trusted_comment}\n"
        f"{base64.b64encode(global_signature).decode('ascii')}\n"
    )


@dataclass(frozen=True)
class ParsedSignature:
    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes


def parse_signature(text: str) -> ParsedSignature:
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    if len(lines) != 4 or not lines[0].startswith("untrusted comment:") or not lines[2].startswith(TRUSTED_PREFIX):
        raise SignatureError("SIGNATURE-INVALID", "签名文件不是 minisign 格式（应为四行）")
    try:
        raw = base64.b64decode(lines[1].strip(), validate=True)
        global_signature = base64.b64decode(lines[3].strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SignatureError("SIGNATURE-INVALID", "签名文件中的签名不是有效的 base64") from exc
    if len(raw) != 74 or len(global_signature) != 64:
        raise SignatureError("SIGNATURE-INVALID", "签名长度不对")
    return ParsedSignature(raw[:2], raw[2:10], raw[10:], lines[2][len(TRUSTED_PREFIX) :], global_signature)


def verify(message: bytes, signature_text: str, key_id: bytes, public_key: bytes) -> str:
    """Check a ``.minisig`` against ``message`` and the key; return the trusted comment.

    Raises :class:`SignatureError` with the problem code (SIGNATURE-INVALID, SIGNATURE-LEGACY,
    KEY-ID-MISMATCH) and a Chinese message.
    """
    sig = parse_signature(signature_text)
    if sig.algorithm == LEGACY:
        raise SignatureError("SIGNATURE-LEGACY", "签名为 minisign 旧格式（Ed，未预先哈希），不予接受")
    if sig.algorithm != PREHASHED:
        raise SignatureError("SIGNATURE-INVALID", "签名算法未知")
    if sig.key_id != key_id:
        raise SignatureError(
            "KEY-ID-MISMATCH", f"签名的密钥编号 {key_id_text(sig.key_id)} 与公钥的 {key_id_text(key_id)} 不同"
        )
    public = Ed25519PublicKey.from_public_bytes(public_key)
    try:
        public.verify(sig.signature, hashlib.blake2b(message, digest_size=64).digest())
    except InvalidSignature as exc:
        raise SignatureError(
            "SIGNATURE-INVALID", "签名与 tagmanifest-sha256.txt 的内容不符（数据包被改动或签名被替换）"
        ) from exc
    try:
        public.verify(sig.global_signature, sig.signature + sig.trusted_comment.encode("utf-8"))
    except InvalidSignature as exc:
        raise SignatureError("SIGNATURE-INVALID", "可信注释（trusted comment）被改动") from exc
    return sig.trusted_comment
