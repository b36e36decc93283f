"""Verifying one packet file and reading its facts: what a bureau merge's worker processes run.

Kept apart from the merge itself so that a worker imports only the verifier and the domain, not
the store and SQLAlchemy (a worker starts in a fraction of the time).
"""

from __future__ import annotations

import errno
import hashlib
import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.bureau import FactsError, PacketFacts, facts_from_data
from gxjn_desktop.errors import UserError

DATA_INCOMPLETE = "DATA-INCOMPLETE"
DATA_MISMATCH = "DATA-MISMATCH"
NOT_READABLE = "FILE-UNREADABLE"


@dataclass(frozen=True)
class Examined:
    """What verification found in one file (small and picklable: it crosses processes)."""

    file: str
    sha256: str
    ok: bool
    problems: list[dict[str, str]]
    data_json: str | None
    public_key: str | None  # hex
    key_fingerprint: str | None
    uscc: str | None
    period: str | None
    revision: int | None
    content: bytes | None = None  # the file itself, kept for forwarding
    facts: PacketFacts | None = None  # read in the worker (None: read from data_json when applied)
    # data.json deflated (zlib) instead of ``data_json``, for a store that keeps it so (SQLite)
    data_deflated: bytes | None = None

    @property
    def data(self) -> str | bytes | None:
        """data.json as the store takes it: its text, or its text deflated (see ``examine``)."""
        return self.data_json if self.data_json is not None else self.data_deflated

    def data_value(self) -> Any:
        """data.json parsed (for an examiner that left the facts to be read when applied)."""
        raw = self.data_json if self.data_json is not None else zlib.decompress(self.data_deflated or b"")
        return json.loads(raw)


def make_problem(code: str, message: str, file: str = "") -> dict[str, str]:
    return {"code": code, "file": file, "message": message}


def examine(path: Path, *, deflate: bool = False) -> Examined:
    """Verify one packet file and read its facts (runs in a worker process: the main process only
    decides and writes). ``deflate``: hand data.json over deflated, as a SQLite store keeps it, so
    the workers deflate in parallel rather than the one writer, and a seventh of the bytes crosses
    between the processes."""
    from gxjn_desktop.services.packet.verify import verify_packet

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Examined(
            path.name,
            "",
            False,
            [
                make_problem(
                    NOT_READABLE,
                    "无法读取文件（没有读取权限，或文件正被其他程序占用）"
                    if exc.errno in (errno.EACCES, errno.EPERM)
                    else "无法读取文件（磁盘或文件出错）",
                )
            ],
            None,
            None,
            None,
            None,
            None,
            None,
        )
    sha = hashlib.sha256(raw).hexdigest()
    try:
        result = verify_packet(path, content=raw)  # the bytes just hashed, not a second reading
    except UserError as err:  # the file went away or cannot be read
        return Examined(
            str(path), sha, False, [make_problem(NOT_READABLE, err.one_line())], None, None, None, None, None, None
        )
    problems = [make_problem(str(p.code), str(p.message), str(getattr(p, "file", "") or "")) for p in result.problems]
    ok = bool(result.ok) and not problems and result.data is not None
    facts = None
    if ok:
        assert result.data is not None
        facts, problem = facts_checked(result.data, result.uscc, result.period, result.revision)
        if problem is not None:
            ok, problems = False, [problem]
    return Examined(
        file=str(path),
        sha256=sha,
        ok=ok,
        problems=problems,
        data_json=result.data_text if ok and not deflate else None,
        public_key=None if result.public_key is None else bytes(result.public_key).hex(),
        key_fingerprint=result.key_fingerprint,
        uscc=result.uscc,
        period=result.period,
        revision=result.revision,
        content=raw if ok else None,
        facts=facts,
        data_deflated=deflated(result.data_text) if ok and deflate and result.data_text is not None else None,
    )


def deflated(text: str) -> bytes:
    """data.json as SQLite's store keeps it (``storage.bureau.tables.DeflatedText``: zlib, level 1)."""
    return zlib.compress(text.encode("utf-8"), 1)


def examine_deflated(path: Path) -> Examined:
    """``examine`` for a SQLite store (a module-level function: it is sent to the worker processes)."""
    return examine(path, deflate=True)


def facts_checked(
    data: dict[str, Any], uscc: str | None, period: str | None, revision: int | None
) -> tuple[PacketFacts | None, dict[str, str] | None]:
    """The packet's facts, or the problem that refuses it (data.json lacks a figure, or names
    another unit or period than the bag)."""
    try:
        facts = facts_from_data(data, revision)
    except FactsError as exc:
        return None, make_problem(DATA_INCOMPLETE, str(exc), "data/data.json")
    if (uscc and facts.uscc != uscc) or (period and facts.period != period):
        message = f"data.json 中的单位或期间（{facts.uscc} {facts.period}）与包信息不一致"
        return None, make_problem(DATA_MISMATCH, message, "data/data.json")
    return facts, None


def examine_chunk(examiner: Callable[[Path], Examined], paths: list[Path]) -> list[Examined]:
    """Several files in one task (runs in a worker process)."""
    return [examiner(p) for p in paths]
