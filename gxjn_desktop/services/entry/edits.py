"""What an edit is: typed cells, the questions a lower reading raises, and the undo step it becomes."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from gxjn_desktop.domain.ledger import StoredState
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.records import MeterReplacement
from gxjn_desktop.services.entry.grid import Column, RowKey
from gxjn_desktop.services.operations import Operation, Origin, Screen


@dataclass(frozen=True)
class CellEdit:
    """A typed or pasted cell: the row, the column and the text as the user entered it."""

    key: RowKey
    column: Column
    text: str


@dataclass(frozen=True)
class CellChange:
    """How a cell's shown text changes (for the paste preview and the undo text)."""

    key: RowKey
    label: str
    column: Column
    old: str
    new: str


@dataclass(frozen=True)
class CellError:
    key: RowKey
    label: str
    column: Column
    text: str
    message: str
    hint: str = ""


@dataclass(frozen=True)
class DecreaseQuestion:
    """本期示数 lower than 上期示数: the user says why before anything is saved."""

    meter_code: str
    meter_label: str
    year: int
    month: int
    previous: Decimal
    reading: Decimal
    register_digits: int | None
    unit: str

    @property
    def message(self) -> str:
        return (
            f"{self.meter_label} {self.year}年{self.month}月的本期示数 {plain(self.reading)} "
            f"小于上期示数 {plain(self.previous)}。"
        )


class DecreaseChoice(Enum):
    ROLLOVER = "rollover"  # 表计翻转
    REPLACEMENT = "replacement"  # 更换表计
    MISTAKE = "mistake"  # 输入有误

    @property
    def label(self) -> str:
        return {"rollover": "表计翻转", "replacement": "更换表计", "mistake": "输入有误"}[self.value]


@dataclass(frozen=True)
class DecreaseAnswer:
    choice: DecreaseChoice
    replacement: MeterReplacement | None = None  # required for REPLACEMENT


@dataclass(frozen=True)
class EntryChange:
    """One undo step: the month's stored state before and after, and the cells it changes."""

    year: int
    month: int
    before: StoredState
    after: StoredState
    cells: tuple[CellChange, ...]
    label: str = ""  # set for an import, which is not about cells of one month

    @property
    def description(self) -> str:
        if self.label:
            return self.label
        if len(self.cells) == 1:
            c = self.cells[0]
            return f"修改 {self.year}年{self.month}月 {c.label} {c.column.label}"
        return f"粘贴 {self.year}年{self.month}月 {len(self.cells)} 个单元格"

    @property
    def is_empty(self) -> bool:
        return not self.cells

    @property
    def operation(self) -> Operation:
        """The step as the window's one undo stack keeps it; undo returns to the first changed cell."""
        first = self.cells[0] if self.cells else None
        item = None if first is None else (first.key, first.column)
        return Operation(self.description, self.before, self.after, Origin(Screen.ENTRY, self.year, self.month, item))


@dataclass(frozen=True)
class EntryPlan:
    """The result of :meth:`EntryService.prepare`: errors, open questions, or a ready change."""

    change: EntryChange | None = None
    errors: tuple[CellError, ...] = ()
    questions: tuple[DecreaseQuestion, ...] = ()
    skipped: tuple[str, ...] = ()  # cells ignored (read-only, answered 输入有误) and why

    @property
    def ready(self) -> bool:
        return self.change is not None and not self.errors and not self.questions
