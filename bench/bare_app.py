"""The baseline of bench/bench_frozen.py: the smallest PySide6 program with gxjn's shape (an argparse
`--version`, then a 1280×720 QMainWindow), frozen by bench/bare.spec exactly as build.spec freezes
gxjn. With GXJN_EXIT_AFTER_PAINT set it prints `painted` on its first paint and quits, as gxjn does."""

from __future__ import annotations

import argparse
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser(prog="bare")
    parser.add_argument("--version", action="version", version="bare 1.0")
    parser.parse_known_args()
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QMainWindow

    class Window(QMainWindow):
        painted = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self.painted and os.environ.get("GXJN_EXIT_AFTER_PAINT"):
                self.painted = True
                sys.stdout.write("painted\n")
                sys.stdout.flush()
                QTimer.singleShot(0, QApplication.quit)

    app = QApplication(sys.argv)
    window = Window()
    window.resize(1280, 720)
    window.show()
    return app.exec()
