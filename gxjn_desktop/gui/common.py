"""Small pieces the screens and dialogs share: list-backed table models (one generic one described by
its columns), the red error label, the year selector and the read-only list set-up of the one-year
dialogs, the OK/Cancel buttons, column padding, and the scrolling frame of a screen."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QWidget,
)

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
    """One column of a :class:`RowsModel`: its header, its text for an item, and optionally a tooltip."""

    header: str
    text: Callable[[T], str]
    tooltip: Callable[[T], str | None] | None = None


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
        return self.role_data(item, index.column(), role)

    def role_data(self, item: T, column: int, role: int) -> Any:
        return None


def ok_cancel(dialog: QDialog, ok_text: str = "", cancel_text: str = "") -> QDialogButtonBox:
    """确定/取消 wired to the dialog's accept and reject; the texts replace the standard ones when given."""
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
    """Whole rows, one at a time, no editing in place (a form edits), long text elided."""
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


class ScrollingPage(QScrollArea):
    """A screen that scrolls when the window is smaller than the screen's least size (a 1366×768
    laptop at 150 %: 911×441 points inside a maximised window) instead of pushing the window's
    bottom off the screen. Otherwise the page fills the area exactly: only its least size counts
    (a word-wrapped label's preferred height, which QScrollArea's own resizing would honour, does
    not), so its charts and tables shrink and scroll by themselves as before."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.setWidget(page)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Transparent like the tab it sits in (QScrollArea fills both): the main window is painted
        # under it as before, and its first paint after the data is attached starts warm_up.
        self.viewport().setAutoFillBackground(False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's fields, not to the frame

    def replace(self, page: QWidget) -> None:
        """Show ``page`` instead of the present one, which is deleted later (QScrollArea would delete
        it at once, inside the event that asked)."""
        old = self.takeWidget()
        self.setWidget(page)
        self.fit()
        if old is not None:
            old.deleteLater()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit()  # first: QScrollArea's own resizeEvent sets the scroll bars from the page's size
        super().resizeEvent(event)

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.setAutoFillBackground(False)  # QScrollArea turned it on

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.fit()  # the page's least size may have changed (a message shown, rows added)
        return super().eventFilter(watched, event)

    def fit(self) -> None:
        """The page at the viewport's size, or its least size where that is larger: worked out from the
        area's whole size (not the viewport's present one, which a scroll bar shown a moment ago may
        have narrowed) less a scroll bar only where one is needed."""
        page = self.widget()
        if page is None:
            return
        least, whole = page.minimumSizeHint(), self.contentsRect().size()  # the area less its frame
        width, height = whole.width(), whole.height()
        vertical = least.height() > height
        if vertical:
            width -= self.verticalScrollBar().sizeHint().width()
        if least.width() > width:
            height -= self.horizontalScrollBar().sizeHint().height()
            if not vertical and least.height() > height:
                width -= self.verticalScrollBar().sizeHint().width()
        # Each scroll bar on or off by this reckoning, not left as an earlier size set it.
        on, off = Qt.ScrollBarPolicy.ScrollBarAlwaysOn, Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        self.setVerticalScrollBarPolicy(on if least.height() > height else off)
        self.setHorizontalScrollBarPolicy(on if least.width() > width else off)
        page.resize(max(width, least.width()), max(height, least.height()))


class ScreenTabs(QTabWidget):
    """Tabs whose screens each sit in a :class:`ScrollingPage` but are addressed by the screen itself:
    ``addScreen``, ``indexOf(screen)``, ``setCurrentWidget(screen)``; ``current_screen()`` and ``screen_at(i)``
    give the screen, ``widget(i)`` the page around it."""

    def addScreen(self, screen: QWidget, label: str) -> int:
        return self.addTab(ScrollingPage(screen), label)

    def screen_at(self, index: int) -> QWidget | None:
        page = self.widget(index)
        return page.widget() if isinstance(page, ScrollingPage) else page

    def current_screen(self) -> QWidget | None:
        return self.screen_at(self.currentIndex())

    def indexOf(self, widget: QWidget) -> int:
        return next((i for i in range(self.count()) if self.screen_at(i) is widget), super().indexOf(widget))

    def setCurrentWidget(self, widget: QWidget) -> None:
        index = self.indexOf(widget)
        if index >= 0:
            self.setCurrentIndex(index)
