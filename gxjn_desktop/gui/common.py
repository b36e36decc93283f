"""Small pieces the screens and dialogs share: list-backed table models (one generic one described by
its columns), the red error label, the year selector and the read-only list set-up of the one-year
dialogs, the OK/Cancel buttons, column padding, and the scrolling frame of a screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableView,
)

from gxjn_desktop.domain.numbers import NOT_APPLICABLE
from gxjn_desktop.gui.screen_tabs import TITLE_BAR as TITLE_BAR
from gxjn_desktop.gui.screen_tabs import ScreenTabs as ScreenTabs
from gxjn_desktop.gui.screen_tabs import ScrollingPage as ScrollingPage
from gxjn_desktop.gui.screen_tabs import fit_contents as fit_contents
from gxjn_desktop.gui.screen_tabs import fit_to_screen as fit_to_screen
from gxjn_desktop.gui.screen_tabs import scroll_when_small as scroll_when_small

_Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class ListTableModel(QAbstractTableModel):
    """A table over a Python list: subclasses set :attr:`headers` and say which list in :meth:`rows`."""

    headers: tuple[str, ...] = ()

    def rows(self) -> Sequence[Any]:
        raise NotImplementedError

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.rows())

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.headers[section] if 0 <= section < len(self.headers) else None
        return str(section + 1)


@dataclass(frozen=True)
class ColumnSpec(Generic[T]):
    """One column of a :class:`RowsModel`: its header, its text for an item, and optionally a tooltip.
    A ``number`` column is right-aligned (digits under digits, as in the grid); its "—" is centred."""

    header: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str | None] | None = None
    number: bool = False


class RowsModel(ListTableModel, Generic[T]):
    """A read-only table with one row per item, described by :attr:`columns`. Subclasses may order
    the items (:meth:`ordered`) and answer other roles (:meth:`role_data`: colours, fonts)."""

    columns: tuple[ColumnSpec[Any], ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = tuple(c.header for c in self.columns)
        self.items: list[T] = []

    def ordered(self, items: list[T]) -> list[T]:
        return items

    def set_items(self, items: Iterable[T]) -> None:
        self.beginResetModel()
        self.items = self.ordered(list(items))
        self.endResetModel()

    def rows(self) -> list[T]:
        return self.items

    def item_at(self, row: int) -> T | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def row_where(self, found: Callable[[T], bool]) -> int:
        """The first row whose item ``found`` accepts, or -1."""
        return next((i for i, item in enumerate(self.items) if found(item)), -1)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None or not 0 <= index.column() < len(self.columns):
            return None
        spec = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return spec.text(item)
        if role == Qt.ItemDataRole.ToolTipRole and spec.tooltip is not None:
            return spec.tooltip(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and spec.number:
            return int(number_alignment(spec.text(item)))
        return self.role_data(item, index.column(), role)

    def role_data(self, item: T, column: int, role: int) -> Any:
        return None


def number_alignment(text: str) -> Qt.AlignmentFlag:
    """Where a figure sits in its cell: right-aligned, or centred when it is "—" (does not apply)."""
    if text == NOT_APPLICABLE:
        return Qt.AlignmentFlag.AlignCenter
    return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def ok_cancel(
    dialog: QDialog, ok_text: str = "", cancel_text: str = "", buttons: QDialogButtonBox | None = None
) -> QDialogButtonBox:
    """确定/取消 (``buttons``, a form's, or new ones) wired to the dialog's accept and reject; the texts
    replace the standard ones when given."""
    if buttons is None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    if ok_text:
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    if cancel_text:
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_label(label: QLabel | None = None) -> QLabel:
    """A red, wrapping label for a form's validation message: ``label`` (a form's) or a new one."""
    if label is None:
        label = QLabel()
    label.setStyleSheet("color: #b3261e;")
    label.setWordWrap(True)
    return label


def year_bar(year: int) -> tuple[QHBoxLayout, QSpinBox, QLabel]:
    """年度(&Y) with its spin box, and a label beside it for the year's count or total."""
    bar = QHBoxLayout()
    label = QLabel("年度(&Y)")
    box = QSpinBox()
    box.setRange(2000, 2100)
    box.setSuffix(" 年")
    box.setValue(year)
    label.setBuddy(box)
    info = QLabel()
    bar.addWidget(label)
    bar.addWidget(box)
    bar.addWidget(info)
    bar.addStretch(1)
    return bar, box, info


def make_read_only_list(view: QTableView) -> None:
    """Whole rows, one at a time, no editing in place (a form edits), long text elided; Tab goes on to
    the buttons (arrow keys move in the list)."""
    view.setTabKeyNavigation(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)


def pad_columns(view: QTableView, columns: Iterable[int], padding: int = 16) -> None:
    """Size columns to their contents and header, with some air (CJK text looks cramped at the edge)."""
    header = view.horizontalHeader()
    for col in columns:
        width = max(view.sizeHintForColumn(col), header.sectionSizeHint(col))
        view.setColumnWidth(col, width + padding)


#: The widest a form's group box grows (logical px): wider fields only spread the words apart.
FORM_MAX_WIDTH = 640

_UNIT_SIGNS = {"m3": "m³", "m2": "m²"}


def shown_unit(unit: str) -> str:
    """A unit as people write it (m³, m²); stored and scripted texts keep m3."""
    for plain_text, sign in _UNIT_SIGNS.items():
        unit = unit.replace(plain_text, sign)
    return unit


def shown_number(text: str) -> str:
    """A plain decimal text with the locale's digit grouping (zh_CN: 1,234,567.89), digits unchanged.

    Every number a person reads goes through here (grid, chart axis, 概览); input accepts both forms."""
    from PySide6.QtCore import QLocale

    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.lstrip("-").partition(".")
    if not whole.isdigit() or len(whole) <= 3:
        return text
    group = QLocale().groupSeparator()
    head = len(whole) % 3 or 3
    parts = [whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)]
    return sign + group.join(parts) + (QLocale().decimalPoint() + fraction if dot else "")
