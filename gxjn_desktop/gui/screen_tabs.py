"""Fitting small screens: the main window's tabs, each screen in a page that scrolls when the window
is smaller than the screen; dialogs sized from the screen's free area, whose fields scroll the same
way when it is too small for them. Apart from :mod:`gxjn_desktop.gui.common` because the main window builds its tabs before
its first paint: nothing here loads the Qt namespace (~17 ms) until a screen is put in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from gxjn_desktop.gui.screen_size import TITLE_BAR as TITLE_BAR
from gxjn_desktop.gui.screen_size import fit_to_screen as fit_to_screen


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
        from PySide6.QtCore import Qt

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
        from PySide6.QtCore import Qt

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


def fit_contents(window: QWidget) -> None:
    """Open ``window`` as tall as its wrapped labels need at its preferred width, within the screen's
    free area: Qt's own first size of a window (at most ⅔ of the screen) can be shorter than that, and
    then lays the fields over each other."""
    layout = window.layout()
    assert layout is not None, "a window laid out by its form"
    hint = window.sizeHint().expandedTo(window.minimumSizeHint())
    height = layout.totalHeightForWidth(hint.width()) if layout.hasHeightForWidth() else hint.height()
    fit_to_screen(window, hint.width(), max(height, hint.height()))


def scroll_when_small(window: QWidget, *below: QWidget) -> ScrollingPage:
    """What a form laid out in ``window``, in a :class:`ScrollingPage` that fills it: the fields scroll
    only when the screen is too small for them (Tab scrolls to the field it reaches), while ``below``
    (a dialog's buttons) stay in view under them. The window opens at its full size where that fits."""
    layout = window.layout()
    assert layout is not None, "a window laid out by its form"
    wanted = window.sizeHint().expandedTo(window.minimumSizeHint())
    margins = layout.contentsMargins()
    for widget in below:
        layout.removeWidget(widget)
    if below:
        layout.setContentsMargins(margins.left(), margins.top(), margins.right(), 0)  # the buttons' margin
    body = QWidget()
    body.setLayout(layout)  # takes the layout, and the widgets in it, from the window
    page = ScrollingPage(body)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.setSpacing(layout.spacing())
    outer.addWidget(page, 1)
    extra = 0
    if below:
        bar = QVBoxLayout()
        bar.setContentsMargins(margins.left(), 0, margins.right(), margins.bottom())
        for widget in below:
            bar.addWidget(widget)
        outer.addLayout(bar)
        extra = bar.sizeHint().height() + outer.spacing()
    # All of it unscrolled: the fields' least size (a wrapped label as tall as the width makes it).
    least = body.minimumSizeHint()
    width = max(wanted.width(), least.width())
    height = layout.totalHeightForWidth(width) if layout.hasHeightForWidth() else least.height()
    fit_to_screen(window, width, max(wanted.height(), max(height, least.height()) + extra))
    return page
