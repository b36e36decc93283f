"""verify reads a zip's members the plain way (one zlib call) and hands anything unusual to
zipfile's own reader: over many damaged copies of a real packet and of its report.xlsx, both ways
give the same bytes or the same kind of error for every member."""

from __future__ import annotations

import io
import random
import struct
import warnings
import zipfile
from pathlib import Path

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet import verify
from gxjn_desktop.services.packet.export import export_packet
from tests.conftest import DEMO_TODAY

CAP = 10 * 1024 * 1024


def _outcome(read: object, info: zipfile.ZipInfo) -> object:
    try:
        return read(info, CAP)  # type: ignore[operator]
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, OverflowError) as exc:
        return type(exc).__name__
    except Exception as exc:  # zlib.error and the like: compared by kind
        return type(exc).__name__


def _disagreements(buf: bytes) -> list[str]:
    try:
        z = zipfile.ZipFile(io.BytesIO(buf))
    except (zipfile.BadZipFile, ValueError, struct.error, OSError, NotImplementedError):
        return []  # zipfile cannot even list it: verify refuses it before reading any member
    members = verify._Members(z, buf)
    wrong = []
    for info in z.infolist():
        fast = _outcome(members.read, info)
        slow = _outcome(lambda i, cap: verify._read_member(z, i, cap), info)
        if fast != slow:
            wrong.append(f"{info.filename}: {fast if isinstance(fast, str) else len(fast)} != {slow!r:.60}")
    return wrong


def _damaged(buf: bytes, rng: random.Random) -> bytes:
    out = bytearray(buf)
    roll = rng.random()
    if roll < 0.5:  # a few bytes anywhere before the central directory (headers and data)
        end = buf.rfind(b"PK\x01\x02") if b"PK\x01\x02" in buf else len(buf)
        for _ in range(rng.choice((1, 1, 2, 4))):
            out[rng.randrange(end)] ^= 1 << rng.randrange(8)
    elif roll < 0.8:  # a size or CRC in the central directory lies
        at = [i for i in range(len(buf)) if buf.startswith(b"PK\x01\x02", i)]
        pos = rng.choice(at) + rng.choice((16, 20, 24))  # CRC, compressed size, size
        old = struct.unpack_from("<I", buf, pos)[0]
        struct.pack_into("<I", out, pos, max(0, old + rng.choice((-3, -1, 1, 2, 100))) & 0xFFFFFFFF)
    else:  # a local header's name or extra length lies
        at = [i for i in range(len(buf)) if buf.startswith(b"PK\x03\x04", i)]
        pos = rng.choice(at) + rng.choice((26, 28))
        struct.pack_into("<H", out, pos, rng.randrange(0, 64))
    return bytes(out)


def test_plain_reading_agrees_with_zipfile(demo_service: LedgerService, tmp_path: Path) -> None:
    packet = export_packet(
        demo_service, Period.parse(2024, "Y"), tmp_path, today=DEMO_TODAY, write_pdf=write_report_pdf
    ).path
    raw = packet.read_bytes()
    with zipfile.ZipFile(packet) as z:
        xlsx = z.read(next(n for n in z.namelist() if n.endswith("report.xlsx")))
    stored = io.BytesIO()
    with zipfile.ZipFile(stored, "w", zipfile.ZIP_STORED) as z:
        z.writestr("a.txt", b"plain text " * 50)
        z.writestr("b.bin", bytes(range(256)) * 4)
    assert not _disagreements(raw) and not _disagreements(xlsx) and not _disagreements(stored.getvalue())
    rng = random.Random(15)
    wrong: list[str] = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(300):
            base = (raw, xlsx, stored.getvalue())[i % 3]
            wrong += [f"{i}: {w}" for w in _disagreements(_damaged(base, rng))]
    assert not wrong, wrong[:5]


def test_nesting_depth_at_the_limit() -> None:
    """The depth walk counts objects and arrays alike, wherever the deepest branch is, up to the
    limit and past it."""
    from gxjn_desktop.services.packet import limits

    def nested(depth: int) -> object:
        value: object = "leaf"
        for i in range(depth):  # each wrapping adds one level; the siblings are flatter
            flat: object = {"x": None} if i else None  # a flatter sibling (a scalar at the bottom)
            value = {"a": flat, "k": value, "s": "x"} if i % 2 else [flat, True, value]
        return value

    for depth in (1, 2, 3, limits.MAX_JSON_DEPTH - 1, limits.MAX_JSON_DEPTH):
        assert verify._depth(nested(depth)) == depth
    assert verify._depth(nested(limits.MAX_JSON_DEPTH + 1)) > limits.MAX_JSON_DEPTH
    assert verify._depth({"a": 1, "b": "x", "c": None, "d": 1.5, "e": True}) == 1
    assert verify._depth([[], {}, [[]]]) == 3
    assert verify._depth("scalar") == 0
