"""A merge report's per-file outcomes kept on disk, so a merge of 570,000 files holds only a few
hundred in memory (the report's readers — the command line, its JSON, the workbook, the window —
read them back in order).

Each outcome is one JSON line of its fields' values in an anonymous temporary file (deleted when
closed or collected); the newest ones wait in memory until ``keep`` of them have gathered.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import fields
from typing import IO, Any, Generic, TypeVar

T = TypeVar("T")
KEEP = 256  # outcomes held in memory before they are written out
_BLOCK = 1 << 16


class OutcomeLog(Generic[T]):
    """An append-only sequence of dataclass instances (JSON-able fields), in order, mostly on disk."""

    def __init__(self, make: Callable[..., T], keep: int = KEEP) -> None:
        self._make = make
        self._names: list[str] | None = None
        self._keep = keep
        self._held: list[T] = []
        self._file: IO[bytes] | None = None
        self._written = 0

    @property
    def held(self) -> int:
        """How many outcomes are in memory now (never more than ``keep``)."""
        return len(self._held)

    def append(self, item: T) -> None:
        self._held.append(item)
        if len(self._held) >= self._keep:
            self._spill()

    def __len__(self) -> int:
        return self._written + len(self._held)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self) -> Iterator[T]:
        """Every outcome appended before the iteration began, in order (appending meanwhile is allowed)."""
        held, written = list(self._held), self._written
        if self._file is not None:
            pos, rest, done = 0, b"", 0
            while done < written:
                self._file.seek(pos)
                block = self._file.read(_BLOCK)
                pos += len(block)
                lines = (rest + block).split(b"\n")
                rest = lines.pop()
                for line in lines:
                    if done == written:
                        break
                    done += 1
                    yield self._make(*json.loads(line))
        yield from held

    def __getitem__(self, index: int) -> T:
        n = len(self)
        i = index + n if index < 0 else index
        if not 0 <= i < n:
            raise IndexError(index)
        if i >= self._written:
            return self._held[i - self._written]
        for j, item in enumerate(self):
            if j == i:
                return item
        raise IndexError(index)  # pragma: no cover - the log never shrinks

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def _spill(self) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="gxjn-merge-report-")  # noqa: SIM115 - lives with the log
        if self._names is None:
            self._names = [f.name for f in fields(self._held[0])]  # type: ignore[arg-type]
        names = self._names
        text = "".join(
            json.dumps([getattr(item, n) for n in names], ensure_ascii=False, separators=(",", ":")) + "\n"
            for item in self._held
        )
        self._file.seek(0, 2)
        self._file.write(text.encode("utf-8"))
        self._written += len(self._held)
        self._held = []


def json_lines(items: Iterator[Any]) -> Iterator[str]:
    """``[a, b, …]`` as ``json.dumps`` writes a list (``, `` between items), a piece at a time."""
    yield "["
    for i, item in enumerate(items):
        yield (", " if i else "") + json.dumps(item, ensure_ascii=False)
    yield "]"
