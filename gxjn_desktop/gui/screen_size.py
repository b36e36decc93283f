"""A window's first size from the screen's free area. Apart from :mod:`gxjn_desktop.gui.screen_tabs`
because the main window sizes itself before its first paint, which that module's classes (QTabWidget,
QScrollArea) would delay by ~3 ms."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

#: Room kept above a window for its title bar (logical px) when it is sized from the screen.
TITLE_BAR = 32


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """Open ``window`` at ``width``×``height`` (logical px), or smaller where the screen's free area is
    smaller: 1366×768 at 150 % leaves 910×472 points beside the taskbar, the title bar included."""
    free = window.screen().availableGeometry()
    window.resize(min(width, free.width()), min(height, free.height() - TITLE_BAR))
