"""Every change of a unit's data is an operation: what it stores before and after, where it was made,
and which kinds of data it changes.

The front end runs an operation (its ``after`` is written in one transaction and replayed on the
in-memory snapshot by ``Ledger.apply``), keeps it on one undo stack (undo writes ``before``, redo
``after`` again) and routes its :class:`OpChanges` to the screens that show those kinds of data, so
no screen needs to know which others to refresh. The operations themselves are built by the
services of each area (``services/edits.py``, ``services/meters.py``, the grid's ``prepare``),
which check what they are given and raise :class:`~gxjn_desktop.errors.UserError` before anything
is written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from gxjn_desktop.domain.ledger import Ledger, StoredState

if TYPE_CHECKING:
    from gxjn_desktop.services.ledger_service import LedgerService


class ChangeKind(Enum):
    """What a screen may show; an operation changes one or more of these."""

    READINGS = "readings"  # monthly records, replacements, canteen and garbage figures
    METERS = "meters"
    UNIT = "unit"
    PROFILE = "profile"  # a year's 基本情况
    QUOTAS = "quotas"
    EWASTE = "ewaste"
    EXPLANATIONS = "explanations"
    TASKS = "tasks"  # the work plan's tasks
    EVERYTHING = "everything"  # a new unit, a restored backup: every screen starts again


@dataclass(frozen=True)
class OpChanges:
    """What an operation changed: the kinds of data and the months and years they belong to."""

    kinds: frozenset[ChangeKind]
    months: frozenset[tuple[int, int]] = frozenset()
    years: frozenset[int] = frozenset()

    def touches(self, kinds: Iterable[ChangeKind]) -> bool:
        """Whether a screen showing ``kinds`` must refresh (everything touches every screen)."""
        return ChangeKind.EVERYTHING in self.kinds or not self.kinds.isdisjoint(kinds)

    @classmethod
    def everything(cls) -> OpChanges:
        return cls(frozenset({ChangeKind.EVERYTHING}))

    @classmethod
    def of(cls, *states: StoredState) -> OpChanges:
        kinds: set[ChangeKind] = set()
        months: set[tuple[int, int]] = set()
        years: set[int] = set()
        for s in states:
            if s.records or s.replacements or s.canteen or s.garbage:
                kinds.add(ChangeKind.READINGS)
            months.update((y, m) for (_, y, m), _ in s.records)
            months.update((y, m) for (_, y, m), _ in s.replacements)
            months.update(ym for ym, _ in (*s.canteen, *s.garbage))
            if s.meters:
                kinds.add(ChangeKind.METERS)
            if s.unit is not None:
                kinds.add(ChangeKind.UNIT)
            if s.profiles:
                kinds.add(ChangeKind.PROFILE)
                years.update(y for y, _ in s.profiles)
            if s.quotas:
                kinds.add(ChangeKind.QUOTAS)
                years.update(y for (y, _, _), _ in s.quotas)
            if s.ewaste:
                kinds.add(ChangeKind.EWASTE)
                months.update((e.day.year, e.day.month) for e, _ in s.ewaste)
            if s.explanations:
                kinds.add(ChangeKind.EXPLANATIONS)
            if s.tasks:
                kinds.add(ChangeKind.TASKS)
                years.update(t.year for _, t in s.tasks if t is not None)
        years.update(y for y, _ in months)
        return cls(frozenset(kinds), frozenset(months), frozenset(years))


class Screen(Enum):
    """Where an operation was made, so undo and redo can take the user back there."""

    ENTRY = "entry"  # 月度填报: item is (RowKey, Column) of the first changed cell, or None
    UNIT = "unit"  # 单位信息: year of the 基本情况, or None for the unit itself
    METERS = "meters"  # 计量器具: item is the meter code
    WORKPLAN = "workplan"  # 工作任务: item is the task id
    QUOTAS = "quotas"  # the 能耗定额 dialog: item is the quota key text
    EWASTE = "ewaste"  # the 废旧电子产品处置 dialog: item is the disposal
    FINDINGS = "findings"  # 数据审核 (a 说明): item is the finding's fingerprint
    NONE = "none"


@dataclass(frozen=True)
class Origin:
    """Where an operation was made (a screen and what it had selected): undo and redo go back there."""

    screen: Screen
    year: int | None = None
    month: int | None = None
    item: object = None  # what the screen selects: see :class:`Screen`


@dataclass(frozen=True)
class Operation:
    """One change as the undo stack keeps it. ``undoable=False`` (a new unit replaces everything)
    is run the same way but clears the stack instead of joining it; it carries the whole new
    ledger in ``replacement`` instead of the states under its keys."""

    label: str
    before: StoredState
    after: StoredState
    place: Origin = Origin(Screen.NONE)
    undoable: bool = True
    replacement: Ledger | None = None

    @property
    def changes(self) -> OpChanges:
        if self.replacement is not None:
            return OpChanges.everything()
        return OpChanges.of(self.before, self.after)

    @property
    def is_empty(self) -> bool:
        return self.replacement is None and self.before == self.after


class Snapshot(Protocol):
    """What holds the unit's in-memory ledger and writes through to the store (``EntryService``)."""

    @property
    def ledger(self) -> Ledger: ...

    def write(self, state: StoredState) -> None: ...


def perform(snapshot: Snapshot, op: Operation, *, undo: bool = False) -> OpChanges:
    """Write the operation (or, for undo, what it replaced) and return what changed.

    Raises ``UserError`` / ``StorageError`` when the store refuses (a locked month, a full disk);
    nothing is written then and the snapshot is unchanged."""
    if op.replacement is not None:
        raise ValueError("a replacement of everything is run by start_over, never undone")
    snapshot.write(op.before if undo else op.after)
    return op.changes


def start_over(store: LedgerService, op: Operation) -> OpChanges:
    """Run a replacement of everything (a new unit, the demo): one transaction; every screen starts
    again from a new snapshot."""
    if op.replacement is None:
        raise ValueError("not a replacement")
    store.replace_everything(op.replacement)
    return op.changes
