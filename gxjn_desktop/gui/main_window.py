"""The main window: the welcome screen until a unit exists, then 概览 / 月度填报 / 单位信息 / 计量器具 / 数据审核."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QWidget

from gxjn_desktop.errors import Refusal, StorageError, UserError
from gxjn_desktop.gui.screen_size import fit_to_screen
from gxjn_desktop.gui.ui_state import (
    ENTRY_HEADER,
    FINDINGS_HEADER,
    MAIN_GEOMETRY,
    MAIN_STATE,
    METERS_HEADER,
    UiState,
)
from gxjn_desktop.paths import bureau_dir

if TYPE_CHECKING:  # the services pull in SQLAlchemy and Alembic: loaded after the window is painted
    # Qt makes a class's enums when it is first touched (QAction's and QTableView's cost ~5 ms
    # each): the menus, the toolbar and the tables import them after the first paint.
    from PySide6.QtGui import QAction, QCloseEvent, QPaintEvent
    from PySide6.QtWidgets import QMenu, QStackedWidget, QTableView, QToolBar

    from gxjn_desktop.gui.changes import Changer, ShowsChanges
    from gxjn_desktop.gui.dashboard import Dashboard
    from gxjn_desktop.gui.findings_panel import FindingsPanel, FindingTarget
    from gxjn_desktop.gui.meters_screen import MetersScreen
    from gxjn_desktop.gui.report_screen import ReportScreen
    from gxjn_desktop.gui.screen_tabs import ScreenTabs
    from gxjn_desktop.gui.unit_screen import UnitScreen
    from gxjn_desktop.gui.welcome import WelcomeScreen
    from gxjn_desktop.gui.workplan_screen import WorkPlanScreen
    from gxjn_desktop.services.entry import EntryService
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.operations import OpChanges, Operation, Origin

#: Set by bench/bench_startup.py: print the time of the first paint (with the CPU time used by then)
#: and quit. With the value STALLS
#: (bench/bench_speed.py), stay until the warm-up and the background work are done and print the
#: longest the window did not answer meanwhile (gui/background.py, report_stalls).
BENCH_ENV = "GXJN_EXIT_AFTER_PAINT"
STALLS = "stalls"

TAB_OVERVIEW, TAB_ENTRY, TAB_UNIT, TAB_METERS, TAB_FINDINGS, TAB_REPORT, TAB_WORKPLAN = range(7)
TAB_NAMES = ("概览", "月度填报", "单位信息", "计量器具", "数据审核", "报送", "工作任务")
#: Each screen's module (the month grid's is loaded with the data): :meth:`MainWindow.warm_up`
#: imports it a step before it builds the screen, since the import (Qt's enums of its widgets and
#: forms) costs as much as the building.
SCREEN_MODULES = {
    TAB_OVERVIEW: "gxjn_desktop.gui.dashboard",
    TAB_UNIT: "gxjn_desktop.gui.unit_screen",
    TAB_METERS: "gxjn_desktop.gui.meters_screen",
    TAB_FINDINGS: "gxjn_desktop.gui.findings_panel",
    TAB_REPORT: "gxjn_desktop.gui.report_screen",
    TAB_WORKPLAN: "gxjn_desktop.gui.workplan_screen",
}


#: 帮助 → 键盘操作: the keys of every screen (docs/gui.md §Keyboard says the same).
KEYBOARD = (
    ("直接输入数字", "开始填写（可用全角数字、千位分隔符）"),
    ("Enter / Tab / Shift+Tab", "保存并下移 / 右移 / 左移"),
    ("F2 / Esc / Delete", "修改单元格 / 取消输入 / 清空所选"),
    ("Ctrl+C / Ctrl+V", "复制 / 粘贴（含 Excel、WPS 的区域）"),
    ("Ctrl+Z / Ctrl+Y", "撤销 / 重做"),
    ("Alt+PageUp / Alt+PageDown", "上月 / 下月（或 Alt+← / Alt+→）"),
    ("Ctrl+PageDown / Ctrl+PageUp", "下一个 / 上一个页面（或 Ctrl+Tab）"),
    (f"Ctrl+1…{len(TAB_NAMES)}", "、".join(TAB_NAMES)),
    ("Enter / Ctrl+E / F5", "审核：转到数据 / 填写说明 / 重新审核"),
    ("Ctrl+N / Enter / Delete", "工作任务：新增 / 修改 / 删除"),
    ("Ctrl+I / Ctrl+Q / F1", "导入填报工作簿 / 退出 / 本说明"),
)


class LazyPage(QWidget):
    """A tab's place until its screen is built: when first shown or asked for, or once the month
    grid is on screen (see :meth:`MainWindow.warm_up`), so start-up builds the grid alone."""


class MainWindow(QMainWindow):
    """Built without a database so it can paint at once; :meth:`attach` gives it the opened ledger.

    ``today`` fixes the date the review and the quota pacing count from (tests, screenshots);
    ``None`` means the real date.
    """

    firstPainted = Signal()
    #: The warm-up is done and the background thread idle: what start-up made stays (gui/app.py).
    warmedUp = Signal()

    def __init__(
        self,
        data_dir: Path,
        store: LedgerService | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.today = today
        self._store = store
        self._ready_pending = False
        self.warmed_up = False  # warm_up has built everything
        self.ui_state = UiState(data_dir)
        self.entry_service: EntryService | None = None
        self._changer: Changer | None = None  # runs every change and keeps the one undo stack
        self._unit_actions: list[QAction] = []  # the menus' actions that need a unit (grey without)
        self.setWindowTitle("公共机构能源资源消费统计")
        fit_to_screen(self, 1280, 720)  # the size when not maximised; 1366×768 at 150 % has 910×472
        self._painted = False

        # The first paint is the bare window, as empty as QMainWindow's own: a label would load the
        # fonts (~5 ms). The page stack (正在打开数据……, the welcome screen, the tabs) comes after it.
        self._stack: QStackedWidget | None = None
        self.loading: QLabel | None = None
        self._welcome: WelcomeScreen | None = None  # built when needed (most starts never need it)
        self._tabs: ScreenTabs | None = None  # with the first unit shown
        self._current_tab = -1

        self.status_label = QLabel()
        self.saved_label = QLabel()  # both go into the status bar with the data (attach): ~6 ms less to paint
        self.toolbar: QToolBar | None = None
        self.edit_menu: QMenu | None = None  # menus come with the data (their shortcuts cost ~20 ms of enum set-up)

        geometry = self.ui_state.bytes(MAIN_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        if store is not None:
            self.attach(store)

    def show_opening(self) -> None:
        """“正在打开数据……”, painted now, before the data folder is opened and read. Not in the first
        paint: a window's first label loads the fonts (~5 ms), the bare window shows sooner without; nor
        is its alignment (the Qt namespace costs ~15 ms, which the month grid needs anyway)."""
        from PySide6.QtCore import Qt

        if self.loading is None:
            self.loading = QLabel()
            self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stack.addWidget(self.loading)
        self.loading.setText(f"正在打开数据……\n{self.data_dir}")
        self.stack.setCurrentWidget(self.loading)
        layout = self.stack.layout()
        if layout is not None:
            layout.activate()  # the label's size now, for the repaint below
        self.loading.repaint()

    @property
    def stack(self) -> QStackedWidget:
        """The window's pages: 正在打开数据……, the welcome screen or the unit's tabs."""
        if self._stack is None:
            from PySide6.QtWidgets import QStackedWidget

            self._stack = QStackedWidget()
            self.setCentralWidget(self._stack)
        return self._stack

    @property
    def tabs(self) -> ScreenTabs:
        """The screens' tabs, made with the first unit shown: their classes (QTabWidget, QScrollArea)
        cost ~3 ms that the first paint does not need."""
        if self._tabs is None:
            from gxjn_desktop.gui.screen_tabs import ScreenTabs

            self._tabs = ScreenTabs()
            self.stack.addWidget(self._tabs)
        return self._tabs

    @property
    def welcome(self) -> WelcomeScreen:
        if self._welcome is None:
            from gxjn_desktop.gui.welcome import WelcomeScreen

            self._welcome = WelcomeScreen(str(self.data_dir))
            self.stack.addWidget(self._welcome)
            self._welcome.newUnitRequested.connect(self.new_unit)
            self._welcome.demoRequested.connect(self.open_demo)
            self._welcome.bureauRequested.connect(self.open_bureau)
        return self._welcome

    def open_bureau(self) -> None:
        """汇总 mode: its own window over the bureau store in the 'bureau' folder beside the data."""
        from gxjn_desktop.gui.bureau_window import BureauWindow

        self.bureau_window = BureauWindow(bureau_dir(self.data_dir))
        self.bureau_window.showMaximized()  # its tables are wide, as the main window's are

    @property
    def store(self) -> LedgerService:
        assert self._store is not None, "the window has no database yet"
        return self._store

    @property
    def changer(self) -> Changer:
        assert self._changer is not None, "the window has no database yet"
        return self._changer

    def attach(self, store: LedgerService) -> None:
        """Show the unit (or the welcome screen) once the database is open."""
        self._store = store
        if self.status_label.parent() is None:
            self.statusBar().addWidget(self.status_label, 1)
            self.statusBar().addPermanentWidget(self.saved_label)
        if self._changer is None:
            from gxjn_desktop.gui.changes import Changer

            self._changer = Changer(store, self)
            self._changer.applied.connect(self._route)
            self._changer.status.connect(self.show_status)
        else:
            self._changer.start(store)  # a restored backup: the steps before it are gone

        has_unit = store.has_unit()
        # At start-up the window is on screen already: the month grid first, the menus (their
        # shortcuts cost ~25 ms) in warm_up. A window not shown yet gets them now.
        if self.edit_menu is None and not (has_unit and self.isVisible()):
            self._build_menus()
        if has_unit:
            self.show_unit()
        else:
            self.stack.setCurrentWidget(self.welcome)
            self._enable_unit_actions(False)
        self._ready_pending = True
        self.update()

    # ---- menus --------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        from PySide6.QtGui import QAction, QKeySequence

        file_menu = self.menuBar().addMenu("文件(&F)")
        new_unit = QAction("新建单位（替换本文件夹中的数据）(&N)…", self)
        new_unit.triggered.connect(self.new_unit)
        file_menu.addAction(new_unit)
        file_menu.addSeparator()
        self.template_action = QAction("生成填报模板（Excel）(&T)…", self)
        self.template_action.triggered.connect(self.write_template_file)
        file_menu.addAction(self.template_action)
        self.import_action = QAction("导入填报工作簿(&I)…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_workbook)
        file_menu.addAction(self.import_action)
        self.quota_action = QAction("能耗定额(&Q)…", self)
        self.quota_action.triggered.connect(self.edit_quotas)
        file_menu.addAction(self.quota_action)
        self.ewaste_action = QAction("废旧电子产品处置(&E)…", self)
        self.ewaste_action.triggered.connect(self.edit_ewaste)
        file_menu.addAction(self.ewaste_action)
        file_menu.addSeparator()
        self.restore_action = QAction("从备份恢复(&R)…", self)
        self.restore_action.triggered.connect(self.restore_backup)
        file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        self.edit_menu = self.menuBar().addMenu("编辑(&E)")
        self.edit_menu.addActions(self.changer.actions)  # one stack: every screen's changes
        view_menu = self.menuBar().addMenu("查看(&V)")
        for i, name in enumerate(TAB_NAMES):
            action = QAction(name, self)
            action.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, i=i: self.tabs.setCurrentIndex(i))
            view_menu.addAction(action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        keys = QAction("键盘操作(&K)", self)
        keys.setShortcut(QKeySequence("F1"))
        keys.triggered.connect(self.show_keys)
        help_menu.addAction(keys)
        help_menu.addSeparator()
        self.about_action = QAction("关于(&A)…", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)
        view_menu.addSeparator()
        for text, key_texts, step in (
            ("下一个页面", ("Ctrl+PgDown", "Ctrl+Tab"), 1),
            ("上一个页面", ("Ctrl+PgUp", "Ctrl+Shift+Tab"), -1),
        ):
            action = QAction(text, self)
            # Ctrl+PageDown steps through the screens as WPS steps through a workbook's sheets
            # (the months have Alt+PageDown); Ctrl+Tab as it steps through open documents.
            action.setShortcuts([QKeySequence(k) for k in key_texts])
            action.triggered.connect(lambda _checked=False, step=step: self.step_screen(step))
            view_menu.addAction(action)
        # Without a unit (the welcome screen) these did nothing when chosen: greyed out instead.
        self._unit_actions = [self.template_action, self.import_action, self.quota_action, self.ewaste_action]
        self._unit_actions += view_menu.actions()
        self._enable_unit_actions(self.stack.currentWidget() is self.tabs)
        if self.entry_service is not None:  # built after the month grid (see attach)
            self._add_edit_actions()

    def _enable_unit_actions(self, enabled: bool) -> None:
        for action in self._unit_actions:
            action.setEnabled(enabled)

    def restore_backup(self) -> None:
        """Replace the data by a backup (the current data is backed up first), then reload."""
        from gxjn_desktop.gui import messages
        from gxjn_desktop.gui.restore import choose_and_restore
        from gxjn_desktop.services.ledger_service import LedgerService

        self.store.close()  # the restore writes through SQLite's backup API; nothing else may hold the file
        done = choose_and_restore(self, self.data_dir)
        try:
            store = LedgerService.open(self.data_dir)
        except Refusal as err:
            messages.show_user_error(self, err)
            return
        self.entry_service = None
        self.attach(store)
        if done:
            self.show_status(done)

    def write_template_file(self) -> None:
        """The entry workbook of the year shown in 月度填报, for filling in Excel or by a script."""
        from gxjn_desktop.gui import messages

        if self.entry_service is None:
            return
        from gxjn_desktop.gui import file_dialogs  # dialogs load when first used, not at start-up
        from gxjn_desktop.services.workbook.template import write_template

        year = self.entry.year
        path = file_dialogs.ask_save_workbook(
            self, "生成填报模板", f"{self.entry_service.ledger.unit.name}-{year}年填报.xlsx"
        )
        if path is None:
            return
        try:
            write_template(self.entry_service.ledger, year, path)
        except UserError as err:
            messages.show_user_error(self, err)
            return
        self.show_status(f"已生成 {year} 年填报模板：{path}")

    def import_workbook(self) -> None:
        """Read a filled entry workbook, show what changes, save it as one undo step."""
        from gxjn_desktop.gui import messages

        if self.entry_service is None:
            return
        from gxjn_desktop.gui import file_dialogs
        from gxjn_desktop.services.workbook.importer import read_workbook

        path = file_dialogs.ask_open_workbook(self, "导入填报工作簿")
        if path is None:
            return
        try:
            plan = read_workbook(path, self.entry_service.ledger)
        except UserError as err:
            messages.show_user_error(self, err)
            return
        if not plan.describe():
            messages.show_info(self, "导入填报工作簿", f"{path.name} 与已保存的数据相同，没有需要导入的修改")
            return
        if not file_dialogs.confirm_import(self, plan, path.name):
            return
        try:
            self.store.backup(f"before-import-{path.stem[:20]}")
        except StorageError as err:
            messages.show_user_error(self, err)
            return
        self.tabs.setCurrentIndex(TAB_ENTRY)
        self.entry.apply_change(self.entry_service.import_change(plan, f"导入 {path.name}"))

    def edit_quotas(self) -> None:
        """The year's quotas: entered by hand or imported from the bureau's file."""
        if self.entry_service is None:
            return
        from gxjn_desktop.gui.quota_dialog import open_quota_dialog

        open_quota_dialog(self, self.changer, self.entry.year)

    def edit_ewaste(self) -> None:
        """废旧电子产品规范处置: each disposal with its count, recipient and certificate."""
        if self.entry_service is None:
            return
        from gxjn_desktop.gui.ewaste_dialog import open_ewaste_dialog

        open_ewaste_dialog(self, self.changer, self.entry.year, today=self.today)

    def _build_toolbar(self, undo: QAction, redo: QAction) -> None:
        """The month's main actions under the menus, with text beside each icon (as WPS shows them)."""
        from PySide6.QtCore import QSize, Qt
        from PySide6.QtGui import QAction, QIcon

        from gxjn_desktop.paths import resource_path

        if self.toolbar is None:
            self.toolbar = self.addToolBar("常用")
            self.toolbar.setObjectName("main_toolbar")  # saveState() needs it
            self.toolbar.setMovable(False)
            self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.toolbar.setIconSize(QSize(20, 20))
            self.check_action = QAction("审核", self)
            self.check_action.setToolTip("切换到“数据审核”并重新审核")
            self.check_action.triggered.connect(self.review_now)
        self.toolbar.clear()
        for action, icon, short in (
            (self.template_action, "template", "生成模板"),
            (self.import_action, "import", "导入"),
            (None, "", ""),
            (undo, "undo", "撤销"),
            (redo, "redo", "重做"),
            (None, "", ""),
            (self.check_action, "check", "审核"),
            (self.quota_action, "quota", "能耗定额"),
        ):
            if action is None:
                self.toolbar.addSeparator()
                continue
            action.setIcon(QIcon(str(resource_path("icons", f"{icon}.svg"))))
            action.setIconText(short)  # the button's words; the menu keeps its longer text
            self.toolbar.addAction(action)

    def review_now(self) -> None:
        self.tabs.setCurrentIndex(TAB_FINDINGS)
        self.findings.refresh()

    def step_screen(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    def show_about(self) -> None:
        """The version, the data folder, the reference data and the installation's signing key (to
        register with the bureau)."""
        from gxjn_desktop.gui import about  # loaded when first used, not at start-up

        key = self.store.signing_key() if self.entry_service is not None else None
        if key is None:
            key_rows = [("报送签名密钥", "首次导出数据包时生成")]
        else:
            from gxjn_desktop.services.packet.signing import key_fingerprint, key_id_text, public_key_base64

            key_rows = [
                ("报送签名公钥（minisign）", public_key_base64(key)),
                ("密钥编号", key_id_text(key.key_id)),
                ("密钥指纹", key_fingerprint(key.public_key)),
            ]
        about.show_about(self, self.data_dir, key_rows)

    def show_keys(self) -> None:
        from gxjn_desktop.gui import messages

        rows = "".join(f"<tr><td style='padding-right:16px'>{keys}</td><td>{what}</td></tr>" for keys, what in KEYBOARD)
        messages.show_info(self, "键盘操作", f"<table cellspacing='2'>{rows}</table>")

    # ---- first start --------------------------------------------------------------------------

    def new_unit(self) -> None:
        from gxjn_desktop.gui import messages

        if self.entry_service is not None and not messages.confirm(
            self,
            "新建单位",
            f"新建单位会替换本文件夹中“{self.entry_service.ledger.unit.name}”的全部数据"
            "（backups 文件夹中有每日自动备份）。继续吗？",
        ):
            return
        result = messages.run_new_unit_wizard(self)
        if result is None:
            return
        from gxjn_desktop.services.edits import new_unit

        try:
            op = new_unit(result.unit, result.profile, result.meter)
        except UserError as err:
            messages.show_user_error(self, err)
            return
        # One transaction (a half-created unit never exists); not undoable: it empties the undo stack.
        if self.changer.run(op, self):
            self.show_status(f"已新建单位：{result.unit.name}")

    def open_demo(self) -> None:
        from gxjn_desktop.services.demo import build_demo_ledger
        from gxjn_desktop.services.edits import replace_all

        QApplication.setOverrideCursor(self.cursor())
        try:
            done = self.changer.run(replace_all(build_demo_ledger(), "打开示例单位"), self)
        finally:
            QApplication.restoreOverrideCursor()
        if done:
            self.show_status("已打开示例单位（可随时新建本单位替换）")

    # ---- the unit's screens -------------------------------------------------------------------

    def show_unit(self) -> None:
        """The month grid at once; the other screens when first shown (or after the grid, in
        :meth:`warm_up`): they and the ORM cost more than the grid itself."""
        from PySide6.QtCore import Qt

        from gxjn_desktop.gui.entry_screen import EntryScreen

        changer = self.changer
        self.entry_service = changer.service
        # The screens of the data shown so far go without a word (a new unit or the demo replaced it).
        blocked = self.tabs.blockSignals(True)
        while self.tabs.count():
            w = self.tabs.widget(0)
            self.tabs.removeTab(0)
            if w is not None:
                w.deleteLater()
        self.entry = EntryScreen(changer, today=self.today)
        for index, name in enumerate(TAB_NAMES):
            self.tabs.addScreen(self.entry if index == TAB_ENTRY else LazyPage(), name)
        self.tabs.blockSignals(blocked)
        self._current_tab = -1
        self.entry.status.connect(self.show_status)
        self.tabs.currentChanged.connect(self._tab_changed, Qt.ConnectionType.UniqueConnection)
        if self.edit_menu is not None:  # else _build_menus adds them
            self._add_edit_actions()
        header = self.ui_state.bytes(ENTRY_HEADER)
        if header is not None:
            self.entry.view.horizontalHeader().restoreState(header)
        self.stack.setCurrentWidget(self.tabs)
        self._enable_unit_actions(True)
        self.tabs.setCurrentIndex(TAB_ENTRY)
        self.entry.view.setFocus()
        # A restored header can leave the grid scrolled past its columns at a new window size:
        # start at the first column once the layout has settled.
        QTimer.singleShot(0, self.entry.show_first_column)
        self._show_title()

    def _show_title(self) -> None:
        assert self.entry_service is not None
        notice = self.store.read_only_notice()
        only = "（只读）" if notice else ""
        self.setWindowTitle(f"{self.entry_service.ledger.unit.name}{only} — 公共机构能源资源消费统计")
        if notice:  # said at once, not only at the first refused edit
            self.show_status(notice, error=True)

    def _add_edit_actions(self) -> None:
        """The one undo stack's 撤销 / 重做 (in 编辑 since the menus were built) with the month's main
        actions in the toolbar."""
        self._build_toolbar(self.changer.undo_action, self.changer.redo_action)

    # ---- the other screens, built when first needed ---------------------------------------------

    def built(self, index: int) -> QWidget | None:
        """The screen of tab ``index`` if it has been built."""
        page = self.tabs.screen_at(index)
        return None if isinstance(page, LazyPage) else page

    def screen_at(self, index: int) -> QWidget:
        """The screen of tab ``index``, built now (in the place of its tab's placeholder) if need be."""
        page = self.tabs.screen_at(index)
        assert page is not None, "no unit is shown"
        if not isinstance(page, LazyPage):
            return page
        screen = self._build_screen(index)
        from gxjn_desktop.gui.screen_tabs import ScrollingPage

        area = self.tabs.widget(index)
        assert isinstance(area, ScrollingPage)
        area.replace(screen)  # in the same tab: nothing switches, nothing to report
        return screen

    def _build_screen(self, index: int) -> QWidget:
        """A screen over the current snapshot; it follows later changes through :meth:`_route`."""
        service = self.entry_service
        assert service is not None
        changer = self.changer
        screen: QWidget
        if index == TAB_OVERVIEW:
            from gxjn_desktop.gui.dashboard import Dashboard

            screen = Dashboard(service, today=self.today)
        elif index == TAB_UNIT:
            from gxjn_desktop.gui.unit_screen import UnitScreen

            screen = UnitScreen(changer)
        elif index == TAB_METERS:
            from gxjn_desktop.gui.meters_screen import MetersScreen

            screen = meters = MetersScreen(changer)
            self._restore_header(meters.view, METERS_HEADER)
        elif index == TAB_FINDINGS:
            from gxjn_desktop.gui.findings_panel import FindingsPanel

            screen = findings = FindingsPanel(changer, today=self.today)
            findings.status.connect(self.show_status)
            findings.navigate.connect(self.go_to_finding)
            self._restore_header(findings.view, FINDINGS_HEADER)
        elif index == TAB_REPORT:
            from gxjn_desktop.gui.report_screen import ReportScreen

            screen = report = ReportScreen(service, today=self.today)
            report.status.connect(self.show_status)
            report.navigate.connect(self.go_to_finding)
            report.exported.connect(self.entry.refresh)
        elif index == TAB_WORKPLAN:
            from gxjn_desktop.gui.workplan_screen import WorkPlanScreen

            screen = WorkPlanScreen(changer, today=self.today)
        else:
            raise ValueError(index)
        return screen

    def _restore_header(self, view: QTableView, key: str) -> None:
        state = self.ui_state.bytes(key)
        if state is not None:
            view.horizontalHeader().restoreState(state)

    @property
    def dashboard(self) -> Dashboard:
        return cast("Dashboard", self.screen_at(TAB_OVERVIEW))

    @property
    def unit_screen(self) -> UnitScreen:
        return cast("UnitScreen", self.screen_at(TAB_UNIT))

    @property
    def meters(self) -> MetersScreen:
        return cast("MetersScreen", self.screen_at(TAB_METERS))

    @property
    def findings(self) -> FindingsPanel:
        return cast("FindingsPanel", self.screen_at(TAB_FINDINGS))

    @property
    def report(self) -> ReportScreen:
        return cast("ReportScreen", self.screen_at(TAB_REPORT))

    @property
    def workplan(self) -> WorkPlanScreen:
        return cast("WorkPlanScreen", self.screen_at(TAB_WORKPLAN))

    def _bench_overview(self) -> Callable[[], bool]:
        """Bench: 概览 shown; whether its figures are on screen."""
        self.tabs.setCurrentIndex(TAB_OVERVIEW)
        return self.dashboard.up_to_date

    def warm_up(self) -> None:
        """Once the month grid is on screen: the menus, the other screens, then the ORM (so the first
        write waits for nothing), one step per turn of the event loop so typing is never held up for
        long, and no step while the background thread works (the grid's findings first): both would
        share one interpreter lock, and each would take twice as long. Done (``warmedUp``) once the
        background thread is idle too (the ORM's import is its last job)."""
        from gxjn_desktop.gui.background import background

        steps: list[Callable[[], object]] = []
        if self.edit_menu is None:
            steps.append(self._build_menus)
        if self.entry_service is not None:
            for i in range(len(TAB_NAMES)):
                if self.built(i) is None:
                    if i in SCREEN_MODULES:
                        steps.append(partial(import_module, SCREEN_MODULES[i]))
                    steps.append(partial(self.screen_at, i))
        if self._store is not None and not self._store.orm_opened:
            steps.append(partial(self._load_orm, self._store))

        def next_step() -> None:
            if not steps and not background().busy():
                self.warmed_up = True
                self.warmedUp.emit()
            elif background().busy():
                QTimer.singleShot(20, self, next_step)
            else:
                try:
                    steps.pop(0)()
                finally:  # a step that fails must not leave the collector off for the whole session
                    QTimer.singleShot(0, self, next_step)

        self.warmed_up = False
        QTimer.singleShot(0, self, next_step)

    def _load_orm(self, store: LedgerService) -> None:
        """SQLAlchemy's import in the background thread (the window keeps taking keys), then the
        engine in this one, so the first write waits for neither."""
        from gxjn_desktop.gui.background import background
        from gxjn_desktop.services.ledger_service import load_orm_libraries

        background().submit(self, load_orm_libraries, lambda _: store.warm_up() if store is self._store else None)

    def _leave_unit_screen(self) -> bool:
        """单位信息 is saved with its buttons: before leaving it, offer to save what was typed.

        Returns False when the user should stay (取消, or a value was refused)."""
        from gxjn_desktop.gui import messages

        screen = self.unit_screen
        if not (screen.unit_changed() or screen.profile_changed()):
            return True
        answer = messages.ask_save_changes(self, "保存修改", "单位信息中有未保存的修改。要保存吗？")
        if answer is None:  # 取消: back to the form, the edits as typed
            return False
        if not answer:  # 放弃
            screen.refresh()
            return True
        return screen.save_changes()

    def _tab_changed(self, index: int) -> None:
        left = self._current_tab
        self._current_tab = index
        if left == TAB_UNIT and index != TAB_UNIT and not self._leave_unit_screen():
            # Stay, with what was typed and the message saying what to correct (no refresh).
            self.tabs.blockSignals(True)
            self.tabs.setCurrentIndex(TAB_UNIT)
            self.tabs.blockSignals(False)
            self._current_tab = TAB_UNIT
            return
        if index < 0 or self.entry_service is None:
            return
        if index == TAB_OVERVIEW:
            self.dashboard.refresh_later()  # 正在计算…… until the background thread has the figures
        elif index == TAB_ENTRY:
            self.entry.refresh()
            self.entry.view.setFocus()
        elif index == TAB_UNIT:
            self.unit_screen.refresh()
        elif index == TAB_METERS:
            self.meters.refresh()
        elif index == TAB_FINDINGS:
            self.findings.view.setFocus()
        elif index == TAB_REPORT:
            self.report.refresh()
        elif index == TAB_WORKPLAN:
            self.workplan.refresh()
            self.workplan.view.setFocus()

    # ---- the change path: every operation's changes go to the screens that show them -----------

    def _screens(self) -> list[ShowsChanges]:
        """The screens built so far (one built later reads the snapshot as it is then)."""
        return [cast("ShowsChanges", page) for i in range(len(TAB_NAMES)) if (page := self.built(i)) is not None]

    def _route(self, op: Operation, changes: OpChanges, how: str) -> None:
        """After an operation is done, undone or redone: each screen showing what changed catches up
        itself; undo and redo take the user back to where the change was made."""
        from gxjn_desktop.gui.changes import DO
        from gxjn_desktop.services.operations import ChangeKind, Screen

        if ChangeKind.EVERYTHING in changes.kinds:  # a new unit or the demo: every screen anew
            self.show_unit()
            return
        for screen in self._screens():
            if changes.touches(screen.SHOWS):
                screen.apply_changes(changes)
        if ChangeKind.UNIT in changes.kinds:
            self._show_title()
        if how != DO:
            self._go_to(op.place)
        elif op.place.screen is Screen.ENTRY and self.tabs.currentIndex() == TAB_ENTRY:
            self.entry.show_place(op.place, move_cursor=False)  # an import opens its first month

    def _go_to(self, place: Origin) -> None:
        """The screen and place of an undone or redone change. Quotas and disposals are edited in
        their dialogs: an open dialog shows the change itself, else the status bar says it."""
        from gxjn_desktop.services.operations import Screen

        tabs = {
            Screen.ENTRY: TAB_ENTRY,
            Screen.UNIT: TAB_UNIT,
            Screen.METERS: TAB_METERS,
            Screen.WORKPLAN: TAB_WORKPLAN,
            Screen.FINDINGS: TAB_FINDINGS,
        }
        if place.screen not in tabs:
            return
        self.tabs.setCurrentIndex(tabs[place.screen])
        if self.tabs.currentIndex() != tabs[place.screen]:
            return  # 单位信息 kept the user (a typed value was refused)
        if place.screen is Screen.ENTRY:
            self.entry.show_place(place, move_cursor=True)
        elif place.screen is Screen.UNIT:
            self.unit_screen.show_place(place)
        elif place.screen is Screen.METERS:
            self.meters.show_place(place)
        elif place.screen is Screen.WORKPLAN:
            self.workplan.show_place(place)

    def go_to_finding(self, target: FindingTarget) -> None:
        """A finding activated in 数据审核: its cell in 月度填报, or its field in 单位信息."""
        from gxjn_desktop.gui.findings_panel import TargetScreen

        if target.screen is TargetScreen.PROFILE:
            self.tabs.setCurrentIndex(TAB_UNIT)  # refresh() first: it resets the year shown
            self.unit_screen.show_profile_field(target.year, target.field)
            return
        if target.screen is TargetScreen.TASK:
            self.tabs.setCurrentIndex(TAB_WORKPLAN)
            self.workplan.show_task(target.year, target.field)
            return
        assert target.row_key is not None
        self.tabs.setCurrentIndex(TAB_ENTRY)
        self.entry.show_cell(target.year, target.month, target.row_key, target.column)

    def show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b3261e; font-weight: bold;" if error else "")
        self.status_label.setText(text)
        saved = self._store.last_saved if self._store is not None else None
        if saved is not None:
            self.saved_label.setText(f"最近保存：{saved:%H:%M:%S}")

    # ---- state --------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.entry_service is not None and self.tabs.currentIndex() == TAB_UNIT and not self._leave_unit_screen():
            event.ignore()
            return
        self.ui_state.set_bytes(MAIN_GEOMETRY, self.saveGeometry())
        self.ui_state.set_bytes(MAIN_STATE, self.saveState())
        if self.entry_service is not None:
            self.ui_state.set_bytes(ENTRY_HEADER, self.entry.view.horizontalHeader().saveState())
            if self.built(TAB_METERS) is not None:  # a screen never built keeps what was stored
                self.ui_state.set_bytes(METERS_HEADER, self.meters.view.horizontalHeader().saveState())
            if self.built(TAB_FINDINGS) is not None:
                self.ui_state.set_bytes(FINDINGS_HEADER, self.findings.view.horizontalHeader().saveState())
        self.ui_state.sync()
        super().closeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        bench = bool(os.environ.get(BENCH_ENV))
        if not self._painted:
            self._painted = True
            if bench:
                sys.stdout.write(f"painted {time.perf_counter():.6f} {time.process_time():.6f}\n")
                sys.stdout.flush()
            self.firstPainted.emit()
            if self._ready_pending:  # the data came before the first paint: the next paint shows it
                self.update()
        elif self._ready_pending:
            self._ready_pending = False
            if bench:  # the unit's data is on screen
                sys.stdout.write(f"ready {time.perf_counter():.6f} {time.process_time():.6f}\n")
                sys.stdout.flush()
                if os.environ[BENCH_ENV] == STALLS:
                    from gxjn_desktop.gui.background import report_stalls

                    report_stalls(
                        self,
                        lambda: self.warmed_up and self.store.orm_opened,
                        self.entry.findingsShown,
                        self._bench_overview,
                    )
                else:
                    QTimer.singleShot(0, QApplication.quit)
            self.warm_up()
