"""Start-up: the month grid comes from the plain read path, the other screens and the ORM later,
and an edit made at once is saved all the same."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStatusBar

from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, TAB_NAMES, TAB_OVERVIEW, MainWindow
from gxjn_desktop.services.entry import COLUMNS, Column
from gxjn_desktop.services.entry.cells import findings_by_cell
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY
from tests.gui.helpers import go_to, reopen, show_overview, type_text


def fresh_start(qtbot: Any, demo_service: LedgerService, data_dir: Path) -> tuple[MainWindow, LedgerService]:
    """The window as gxjn opens it: a store just opened (no SQLAlchemy engine yet)."""
    demo_service.close()
    store = LedgerService.open(data_dir)
    window = MainWindow(data_dir, store, today=DEMO_TODAY)
    qtbot.addWidget(window)
    return window, store


def _offscreen_python(code: str) -> str:
    """What ``code`` prints, run in a fresh interpreter on Qt's offscreen platform."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout


def test_an_edit_at_once_is_saved(
    qtbot: Any, demo_service: LedgerService, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The person types before the idle-time warm-up has loaded the ORM: the grid's edit is written
    # without it (plain sqlite3, storage/edit_write.py).
    monkeypatch.setattr(MainWindow, "warm_up", lambda self: None)
    window, store = fresh_start(qtbot, demo_service, data_dir)
    assert not store.orm_opened  # the grid was filled from plain rows
    before = store.ledger().record("V1", 2026, 1)
    with qtbot.waitActive(window):  # typing goes to the active window's focused cell
        window.show()
    window.entry.set_period(2026, 1)
    go_to(window, "V1", Column.VALUE)
    assert not store.orm_opened and window.built(TAB_FINDINGS) is None
    editor = type_text(qtbot, window, "321.5")
    with qtbot.waitSignal(window.entry.changeApplied, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not store.orm_opened
    again = reopen(data_dir)
    try:
        saved = again.ledger().record("V1", 2026, 1)
    finally:
        again.close()
    assert saved is not None and saved.quantity == Decimal("321.5")
    assert window.entry_service is not None and window.entry_service.ledger.record("V1", 2026, 1) == saved
    window.entry.undo_stack.undo()  # the undo step writes through the same store
    again = reopen(data_dir)
    try:
        assert again.ledger().record("V1", 2026, 1) == before != saved
    finally:
        again.close()
    store.close()


def test_screens_are_built_on_first_use_or_after_the_grid(
    qtbot: Any, demo_service: LedgerService, data_dir: Path
) -> None:
    window, store = fresh_start(qtbot, demo_service, data_dir)
    assert [window.built(i) is not None for i in range(len(TAB_NAMES))] == [i == TAB_ENTRY for i in range(7)]
    show_overview(qtbot, window)
    assert window.built(TAB_OVERVIEW) is window.dashboard and "2025" in window.dashboard.heading.text()
    window.tabs.setCurrentIndex(TAB_ENTRY)
    window.warm_up()
    # The ORM's libraries load in the background thread, the engine once they are there.
    qtbot.waitUntil(
        lambda: all(window.built(i) is not None for i in range(len(TAB_NAMES))) and store.orm_opened, timeout=20000
    )
    store.close()


def test_the_grid_shows_without_sqlalchemy(demo_service: LedgerService, data_dir: Path) -> None:
    """What gxjn does before the grid is on screen imports neither SQLAlchemy nor Alembic."""
    demo_service.close()
    code = (
        "import sys; from pathlib import Path\n"
        "from gxjn_desktop.gui.app import make_application\n"
        "app = make_application(sys.argv)\n"
        "from gxjn_desktop.gui.main_window import MainWindow\n"
        "from gxjn_desktop.services.ledger_service import LedgerService\n"
        f"data = Path({str(data_dir)!r})\n"
        "window = MainWindow(data, LedgerService.open(data))\n"
        "print(window.entry.model.rowCount(), sorted(m for m in ('sqlalchemy', 'alembic', 'pandas', 'openpyxl') "
        "if m in sys.modules))\n"
    )
    out = _offscreen_python(code)
    rows, loaded = out.strip().split(" ", 1)
    assert int(rows) > 8 and loaded == "[]"


def test_the_first_paint_is_the_bare_window(data_dir: Path) -> None:
    """Before the first paint gxjn builds what QMainWindow's own first paint needs and little more:
    no page (a label would load the fonts), no tabs, no message boxes, no translations or font, and
    Python's own import back from PySide6's hook (which reads every later module's source)."""
    code = (
        "import builtins, sys; from pathlib import Path\n"
        "from gxjn_desktop.gui.app import start_application\n"
        "app = start_application(sys.argv)\n"
        "from gxjn_desktop.gui.main_window import MainWindow\n"
        f"window = MainWindow(Path({str(data_dir)!r}))\n"
        "window.show()\n"
        "loaded = [m for m in ('gxjn_desktop.gui.messages', 'gxjn_desktop.gui.screen_tabs') if m in sys.modules]\n"
        "print(window.centralWidget() is None, loaded, app.property('gxjnQtTranslated'), builtins.__import__.__name__ != '__feature_import__')\n"
    )
    out = _offscreen_python(code)
    assert out.split() == ["True", "[]", "None", "True"]


def test_the_program_paints_then_opens_the_unit(demo_service: LedgerService, data_dir: Path) -> None:
    """``gxjn`` as started from its shortcut: the bare window paints, then 正在打开数据……, the
    translations and the font, then the unit's month grid (the bench's mode prints both moments)."""
    demo_service.close()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GXJN_EXIT_AFTER_PAINT="1")
    cmd = [sys.executable, "-m", "gxjn_desktop", "--data-dir", str(data_dir)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in done.stdout.splitlines()] == ["painted", "ready"]


def test_at_start_up_the_menus_follow_the_grid(qtbot: Any, demo_service: LedgerService, data_dir: Path) -> None:
    """As gxjn starts: the window paints, then the data is attached; the grid shows before the
    menus, which warm_up adds with the month grid's 撤销 / 重做."""
    demo_service.close()
    window = MainWindow(data_dir, today=DEMO_TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QStatusBar) is None  # the first paint is the bare window and its label
    store = LedgerService.open(data_dir)
    window.attach(store)
    assert window.edit_menu is None and window.entry.model.rowCount() > 8
    assert window.status_label.parent() is not None
    qtbot.waitUntil(lambda: window.edit_menu is not None and len(window.edit_menu.actions()) == 2, timeout=20000)
    assert window.toolbar is not None and window.import_action.shortcut().toString() == "Ctrl+I"
    qtbot.waitUntil(lambda: all(window.built(i) is not None for i in range(len(TAB_NAMES))), timeout=20000)
    store.close()


def test_the_grid_takes_keys_while_the_findings_are_worked_out(
    qtbot: Any, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules run in the background: while they have not finished (here: held until the test lets
    them go), the grid opens an editor on a keystroke; their result then colours the cells and
    leaves what is being typed alone."""
    from gxjn_desktop.gui import entry_screen
    from gxjn_desktop.gui.background import background

    entry = demo_window.entry
    started, release = threading.Event(), threading.Event()

    def held(*args: Any) -> Any:
        started.set()
        release.wait(60)  # the test sets it; the bound only keeps a failed test from hanging the run
        return findings_by_cell(*args)

    monkeypatch.setattr(entry_screen, "findings_by_cell", held)
    try:
        entry.set_period(2025, 6)  # a month with findings (the demo's later year)
        assert not entry.model._findings  # the last month's findings are not left on this month's cells
        qtbot.waitUntil(started.is_set)
        assert background().busy()
        go_to(demo_window, "E1", Column.VALUE)
        editor = type_text(qtbot, demo_window, "7")
        assert editor.text() == "7" and background().busy()  # the key was taken while the rules ran
        with qtbot.waitSignal(entry.findingsShown, timeout=20000):
            release.set()
    finally:
        release.set()
    assert editor.text() == "7"  # what was typed stays when the findings arrive
    assert entry.model._findings
    (key, column), found = next(iter(entry.model._findings.items()))
    index = entry.model.index(entry.model.row_of(key), COLUMNS.index(column))
    assert found[0].message in index.data(Qt.ItemDataRole.ToolTipRole)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert entry.undo_stack.count() == 0


def test_a_result_older_than_the_data_on_screen_is_dropped(
    qtbot: Any, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings worked out for a month the grid has left are not shown on the month it shows now."""
    from gxjn_desktop.gui import entry_screen

    entry = demo_window.entry
    asked: list[tuple[int, int]] = []
    release = threading.Event()

    def held(ledger: Any, year: int, month: int, today: Any) -> Any:
        asked.append((year, month))
        if (year, month) == (2025, 6):
            release.wait(60)
        return findings_by_cell(ledger, year, month, today)

    monkeypatch.setattr(entry_screen, "findings_by_cell", held)
    try:
        entry.set_period(2025, 6)
        qtbot.waitUntil(lambda: asked == [(2025, 6)])
        entry.set_period(2026, 1)
        with qtbot.waitSignal(entry.findingsShown, timeout=20000):
            release.set()
    finally:
        release.set()
    assert asked == [(2025, 6), (2026, 1)]
    assert entry.model._findings == findings_by_cell(entry.service.ledger, 2026, 1, DEMO_TODAY)


def test_an_edit_does_not_wait_for_the_orm_import(qtbot: Any, demo_window: MainWindow) -> None:
    """The grid's edits are written without SQLAlchemy: one made while its import runs in the
    background (here held until the test lets it go) is saved at once."""
    from gxjn_desktop.gui.background import background

    release, after = threading.Event(), threading.Event()
    background().submit(demo_window, lambda: release.wait(60), lambda _: None)
    try:
        demo_window.entry.set_period(2026, 1)
        go_to(demo_window, "V1", Column.VALUE)
        editor = type_text(qtbot, demo_window, "321.5")
        with qtbot.waitSignal(demo_window.entry.changeApplied, timeout=20000):
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        assert background().busy()  # the held job still runs
        record = demo_window.store.ledger().record("V1", 2026, 1)
        assert record is not None and record.quantity == Decimal("321.5")
    finally:
        release.set()
    background().submit(demo_window, lambda: None, lambda _: after.set())  # results come in order
    qtbot.waitUntil(after.is_set)


@pytest.mark.parametrize(
    "argv",
    [[], ["--data-dir", "/tmp/单位 数据"], ["--data-dir=/tmp/单位"], ["--data-dir", ""], ["--data-dir="]],
)
def test_a_plain_start_reads_its_folder_as_argparse_does(argv: list[str]) -> None:
    """`gxjn` from its shortcut or with --data-dir skips argparse (~7 ms before the first paint) and
    gets the folder argparse would give; anything else goes to argparse."""
    from gxjn_desktop.__main__ import plain_start
    from gxjn_desktop.cli.parsing import ChineseArgumentParser

    parser = ChineseArgumentParser(prog="gxjn")
    parser.add_argument("--data-dir", type=Path, default=None)
    args, rest = parser.parse_known_args(argv)
    assert plain_start(argv) == (args.data_dir,) and rest == []
    for other in (["--help"], ["--version"], ["--data"], ["--data-dir"], ["--data-dir", "-x"], ["-platform", "xcb"]):
        assert plain_start(other) is None
