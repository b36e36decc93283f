"""Composition root: the application, Chinese locale and translations, crash handling, the lock."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QLockFile, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from gxjn_desktop.errors import DamagedDatabase, Refusal, StorageError, UserError
from gxjn_desktop.gui import plain_import  # noqa: F401  (Python's import back from PySide6's hook)
from gxjn_desktop.gui.ui_state import MAIN_GEOMETRY
from gxjn_desktop.paths import lock_path, resource_path

FONT_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
#: WPS and Windows' own dialogs at 100 %: 9 pt 微软雅黑 UI (12 px; 18 px at 150 %, scaled by Qt).
UI_POINT_SIZE = 9.0
TRANSLATED_PROPERTY = "gxjnQtTranslated"

if TYPE_CHECKING:
    from gxjn_desktop.gui.main_window import MainWindow
    from gxjn_desktop.services.ledger_service import LedgerService

_pending_warnings: list[str] = []  # logged once logging is set up, after the first paint
TRANSLATION_MISSING = (
    "缺少 Qt 中文翻译文件 qtbase_zh_CN.qm：程序可以使用，但标准按钮和对话框会显示英文。请重新安装本程序"
)


def make_application(argv: list[str]) -> QApplication:
    """The application as the program runs it: Chinese locale, Qt's translations and the font."""
    app = start_application(argv)
    finish_application(app)
    return app


def start_application(argv: list[str]) -> QApplication:
    """What the first paint needs: the application, its names and the Chinese locale."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("gxjn")
    app.setApplicationDisplayName("公共机构能源资源消费统计")
    app.setOrganizationName("gxjn")
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return app


def finish_application(app: QApplication) -> None:
    """Qt's translations and the program's font: the first paint shows no text, so these come after
    it (their classes and the catalogue cost ~1.5 ms), before any word is shown."""
    from PySide6.QtGui import QFont

    if app.property(TRANSLATED_PROPERTY) is None:
        app.setProperty(TRANSLATED_PROPERTY, install_translator(app))
    font = QFont(app.font())
    font.setFamilies(FONT_FAMILIES)
    # Windows gives its message font (9 pt, larger when the user chose 放大文本): keep a larger one;
    # elsewhere the desktop's 10–11 pt would make every screen denser than WPS shows it.
    system = font.pointSizeF()
    font.setPointSizeF(max(system, UI_POINT_SIZE) if sys.platform == "win32" else UI_POINT_SIZE)
    app.setFont(font)


def install_translator(app: QCoreApplication, folder: str | None = None) -> bool:
    """Qt's own buttons and dialogs in Chinese (取消, 确定 …), from Qt's translations folder."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    path = folder or QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(translator)
        # Qt 6 changed some file-dialog source texts ("&Look in:") that the shipped catalogue still
        # has in their old form, and it lacks a few ("Folder"): our small catalogue, asked first.
        fixes = QTranslator(app)
        if fixes.load("qt_fixes_zh_CN", str(resource_path("translations"))):
            app.installTranslator(fixes)
        return True
    _pending_warnings.append(f"qtbase_zh_CN.qm not found in {path}: Qt's own buttons and dialogs stay English")
    if sys.stderr is not None:  # a windowed Windows program has no stderr; the window says it below
        sys.stderr.write(TRANSLATION_MISSING + "\n")
    return False


def install_excepthook(data_dir: Path) -> None:
    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from gxjn_desktop.gui import messages

        if isinstance(exc, Refusal):
            messages.show_user_error(QApplication.activeWindow(), exc)
            return
        from gxjn_desktop.logs import write_crash

        path = write_crash(data_dir, exc)
        import traceback

        details = "".join(traceback.format_exception(exc_type, exc, tb))
        messages.show_crash(QApplication.activeWindow(), f"{exc_type.__name__}: {exc}", str(path), details)

    sys.excepthook = hook


def acquire_lock(data_dir: Path) -> QLockFile | None:
    """One window per data folder: SQLite would cope, but two people's undo stacks would not."""
    lock = QLockFile(str(lock_path(data_dir)))
    lock.setStaleLockTime(0)  # a crashed process's lock is detected by its pid instead
    if lock.tryLock(200):
        return lock
    return None


def held_by_another_window(data_dir: Path, lock: QLockFile | None) -> bool:
    """Whether no lock means another window has the folder. A read-only folder takes no lock file,
    and needs none: nothing can be written there (the store opens it read-only, every write says so)."""
    return lock is None and os.access(data_dir, os.W_OK)


def show_window(window: MainWindow) -> None:
    """The first start fills the screen; later ones restore the size and place the window had."""
    if window.ui_state.bytes(MAIN_GEOMETRY) is None:
        window.showMaximized()
    else:
        window.show()


def offer_restore(parent: QWidget | None, data_dir: Path, err: StorageError) -> LedgerService | None:
    """The data file is damaged: say so plainly, offer 从备份恢复, and open the restored data."""
    from gxjn_desktop.gui import messages
    from gxjn_desktop.gui.restore import choose_and_restore
    from gxjn_desktop.services.ledger_service import LedgerService

    if not messages.confirm(parent, "数据文件已损坏", f"{err.message}。\n\n要从自动备份中选一个恢复吗？"):
        return None
    if choose_and_restore(parent, data_dir) is None:
        return None
    try:
        return LedgerService.open(data_dir)
    except Refusal as again:
        messages.show_user_error(parent, again)
        return None


def settle_heap(enable: bool = True) -> None:
    """What was loaded and read so far lives as long as the window, so the collector stops walking it
    (``gc.freeze``); with ``enable`` it runs again. It is off from the start: reading 12,000 records
    made it walk the whole heap again and again (40–50 ms of the 20-year unit's start), and until the
    warm-up is done (``MainWindow.warmedUp``: the screens, the grid's findings over the whole history
    and SQLAlchemy's import), whose objects made it walk 10–50 ms at a time in the background thread,
    holding the interpreter lock the window needs to answer a key."""
    gc.freeze()
    if enable:
        gc.enable()


def run(data_dir: Path, argv: list[str] | None = None) -> int:
    gc.disable()  # until the month grid is built (settle_heap): start-up makes objects, frees few
    try:
        return _run(data_dir, argv)
    finally:
        gc.enable()


def _run(data_dir: Path, argv: list[str] | None) -> int:
    app = start_application(argv if argv is not None else sys.argv)  # finish_application after the first paint
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from gxjn_desktop.gui import messages

        finish_application(app)
        messages.show_user_error(
            None, StorageError(f"无法创建数据文件夹 {data_dir}：{exc.strerror}", "请检查路径和权限")
        )
        return 2
    install_excepthook(data_dir)
    lock = acquire_lock(data_dir)
    if held_by_another_window(data_dir, lock):
        from gxjn_desktop.gui import messages

        finish_application(app)
        messages.show_user_error(
            None,
            UserError(
                "本单位的数据已在另一个“公共机构能源资源消费统计”窗口中打开",
                f"请切换到已打开的窗口，或先关闭它再启动。数据文件夹：{data_dir}",
            ),
        )
        return 2
    from gxjn_desktop.gui.main_window import MainWindow

    window = MainWindow(data_dir)
    stores: list[LedgerService] = []

    def open_store() -> None:
        from gxjn_desktop.gui import messages

        finish_application(app)
        translated = bool(app.property(TRANSLATED_PROPERTY))
        window.show_opening()
        try:
            show_data()
        finally:
            settle_heap(enable=not stores)  # with the data shown, the collector waits for the warm-up
        if stores and not translated:
            messages.show_info(window, "缺少中文翻译", TRANSLATION_MISSING)

    def show_data() -> None:
        # After the first paint: the person sees the window while SQLite and migrations load.
        import logging

        from gxjn_desktop.gui import messages
        from gxjn_desktop.logs import setup_logging
        from gxjn_desktop.services.ledger_service import LedgerService

        setup_logging(data_dir)  # logging is imported after the first paint, like the database
        try:
            store = LedgerService.open(data_dir)
        except DamagedDatabase as err:
            restored = offer_restore(window, data_dir, err)
            if restored is None:
                app.exit(2)
                return
            store = restored
        except Refusal as err:
            messages.show_user_error(window, err)
            app.exit(2)
            return
        stores.append(store)
        log = logging.getLogger("gxjn.gui")
        for warning in _pending_warnings:
            log.warning(warning)
        log.info("opened data folder %s", data_dir)
        window.attach(store)

    window.firstPainted.connect(lambda: QTimer.singleShot(0, open_store))
    window.warmedUp.connect(settle_heap)
    show_window(window)
    try:
        return app.exec()
    finally:
        for store in stores:
            store.close()
        if window._store is not None:  # a restore may have replaced the first one
            window._store.close()
        if lock is not None:  # none in a read-only folder
            lock.unlock()
