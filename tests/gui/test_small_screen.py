"""Every window and dialog fits a 1366×768 screen at 150 %: 910×472 points beside the taskbar, a title
bar included. None asks for more, neither as its least size nor as the size it opens at.

The screen's size and scale are read when Qt starts, so the check runs in its own process: the first
test starts pytest again on an offscreen screen of that size (the platform's configfile) with
QT_SCALE_FACTOR=1.5, where the second one opens everything and measures it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSize, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QWidget

from gxjn_desktop.domain.workplan import TaskKind, WorkTask
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import messages, report_screen
from gxjn_desktop.gui.about import AboutDialog
from gxjn_desktop.gui.bureau_window import BureauWindow
from gxjn_desktop.gui.common import TITLE_BAR, ScrollingPage
from gxjn_desktop.gui.dialogs import DecreaseDialog, ExplanationDialog, PastePreviewDialog
from gxjn_desktop.gui.ewaste_dialog import EwasteDialog, EwasteForm
from gxjn_desktop.gui.file_dialogs import ImportPreviewDialog, workbook_dialog
from gxjn_desktop.gui.main_window import TAB_OVERVIEW, MainWindow
from gxjn_desktop.gui.meters_screen import DateValueDialog, MeterDialog
from gxjn_desktop.gui.quota_dialog import QuotaDialog, QuotaForm, QuotaImportPreview
from gxjn_desktop.gui.task_dialog import TaskForm
from gxjn_desktop.gui.welcome import NewUnitWizard
from gxjn_desktop.services.checks import check_period
from gxjn_desktop.services.entry import CellEdit, Column, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY

ROOT = Path(__file__).resolve().parents[2]
ON_SMALL_SCREEN = "GXJN_TEST_SMALL_SCREEN"
#: 1366×768 less Windows' taskbar (40 points, 60 pixels at 150 %).
SCREEN_PIXELS = (1366, 768 - 60)
SCALE = "1.5"
#: What the 1366×768 screen at 150 % leaves beside the taskbar (points).
FREE = QSize(910, 472)

# The modal helpers as they are: the GUI fixtures replace them with ones that fail a test.
REAL = {name: getattr(messages, name) for name in ("show_user_error", "show_info", "ask_backup")}
REAL_REOPEN = report_screen.ask_reopen_reason


def test_every_window_fits_1366x768_at_150_percent(tmp_path: Path) -> None:
    if os.environ.get(ON_SMALL_SCREEN):
        pytest.skip("this is the process on the small screen")
    width, height = SCREEN_PIXELS
    config = tmp_path / "screen.json"
    screen = {"name": "屏幕", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", QT_SCALE_FACTOR=SCALE)
    env[ON_SMALL_SCREEN] = "1"
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"]
    command += [f"{Path(__file__).relative_to(ROOT)}::test_on_the_small_screen"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0 and " passed" in done.stdout, done.stdout[-5000:] + done.stderr[-2000:]


def _modal(trigger: Callable[[], object], measure: Callable[[QWidget], None]) -> None:
    """Measure the modal dialog ``trigger`` opens (a QMessageBox, a QInputDialog), then close it."""

    def shoot() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, shoot)
            return
        measure(dialog)
        if isinstance(dialog, QDialog):
            dialog.reject()

    QTimer.singleShot(0, shoot)
    trigger()


def _windows(window: MainWindow, tmp: Path) -> Iterator[tuple[str, QWidget]]:
    """Every window and dialog of the program, built as the program builds it (not yet shown)."""
    store = LedgerService.open(tmp / "新单位")
    yield "主窗口（欢迎页）", MainWindow(tmp / "新单位", store)
    wizard = NewUnitWizard(window)
    yield "新建单位向导", wizard
    yield "主窗口（示例单位）", window
    service = window.entry_service
    assert service is not None
    question = service.prepare(2026, 1, [CellEdit(RowKey(RowKind.METER, "W1"), Column.VALUE, "12")]).questions[0]
    decrease = DecreaseDialog(question, window)
    decrease.replacement.setChecked(True)
    yield "示数小于上期", decrease
    edits = [CellEdit(RowKey(RowKind.METER, "V1"), Column.VALUE, str(100 + i)) for i in range(30)]
    change = service.prepare(2026, 1, edits[:1]).change
    assert change is not None
    yield "粘贴预览", PastePreviewDialog(list(change.cells) * 30, [f"第 {i} 行：不能粘贴" for i in range(12)], window)
    ledger = service.ledger
    finding = next(f for f in check_period(ledger, _period(2025), DEMO_TODAY).findings if f.needs_explanation)
    yield "填写说明", ExplanationDialog(finding, "2025年4月 · E3 数据中心机房分表 · 本期示数", window)
    yield "选择工作簿", workbook_dialog(window, "导入填报工作簿", save=False)
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.template import write_template

    book = write_template(ledger, 2025, tmp / "填报.xlsx")
    yield "导入预览", ImportPreviewDialog(read_workbook(book, ledger), book.name, window)
    yield "新增计量器具", MeterDialog(window, {m.code for m in ledger.meters})
    yield "倍率变更", DateValueDialog("倍率变更", "新倍率", window, "变更当月的示数")
    yield "能耗定额", QuotaDialog(window.changer, 2025, window)
    yield "新增定额", QuotaForm(2025, None, window)
    quotas = list(ledger.quotas)
    yield "导入定额预览", QuotaImportPreview(quotas * 3, 12, quotas[:1], window)
    yield "废旧电子产品处置", EwasteDialog(window.changer, 2025, window, today=DEMO_TODAY)
    yield "新增处置", EwasteForm(2025, DEMO_TODAY, ledger.ewaste, window)
    from gxjn_desktop.services.workplan.tasks import grade_bands_in_force, pv_meters

    for kind in TaskKind:
        form = TaskForm(kind, 2025, grade_bands_in_force(), pv_meters(ledger), WorkTask(kind, 2025), window)
        yield f"工作任务：{kind.label}", form
    yield "关于", AboutDialog(tmp, [("报送签名密钥", "首次导出数据包时生成")], window)
    yield "汇总", BureauWindow(tmp / "汇总")


def _period(year: int) -> Any:
    from gxjn_desktop.domain.periods import Period

    return Period.parse(year, "Y")


@pytest.mark.skipif(not os.environ.get(ON_SMALL_SCREEN), reason="runs in its own process on the small screen")
def test_on_the_small_screen(
    demo_window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gxjn_desktop.gui.app import make_application

    make_application([])  # the program's font (9 pt, the CJK families) and translations, as it starts
    free = QGuiApplication.primaryScreen().availableGeometry().size()
    assert abs(free.width() - FREE.width()) <= 1 and abs(free.height() - FREE.height()) <= 1, free
    room = QSize(free.width(), free.height() - TITLE_BAR)  # a window's inside, under its title bar
    too_big: list[str] = []

    def measure(name: str, widget: QWidget) -> None:
        least = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        for what, size in (("最小", least), ("打开时", widget.size())):
            if size.width() > room.width() or size.height() > room.height():
                too_big.append(f"{name} {what} {size.width()}×{size.height()}")
        layout = widget.layout()
        if layout is not None and not widget.findChildren(ScrollingPage):  # what does not scroll is whole
            w = widget.width()
            need = (
                layout.totalMinimumHeightForWidth(w)
                if layout.hasHeightForWidth()
                else layout.totalMinimumSize().height()
            )
            if widget.height() < need:  # Qt then lays the widgets over each other
                too_big.append(f"{name} 内容被截断：高 {widget.height()}，需要 {need}")

    for name, widget in _windows(demo_window, tmp_path):
        qtbot.addWidget(widget)
        if isinstance(widget, MainWindow):
            from gxjn_desktop.gui.app import show_window

            show_window(widget)  # maximised the first time: the size a person gets
            for index in range(widget.tabs.count() if widget.entry_service is not None else 1):
                widget.tabs.setCurrentIndex(index) if widget.entry_service is not None else None
                if widget.entry_service is not None and index == TAB_OVERVIEW:
                    # Its figures now, not from the background thread: a turn of the event loop
                    # would maximise the window before it is measured as it opens.
                    widget.dashboard.refresh()
                measure(f"{name}·{widget.tabs.tabText(index)}", widget)
            continue
        widget.show()
        measure(name, widget)
        if isinstance(widget, NewUnitWizard):
            _fill_wizard(widget)
            for page in (1, 2):
                for _attempt in range(2):  # a warning stops 下一步 once
                    if widget.currentId() < page:
                        widget.next()
                assert widget.currentId() == page, widget.currentPage().findChildren(QLabel)[-1].text()
                measure(f"{name}第 {page + 1} 步", widget)
        widget.close()
    for helper, real in REAL.items():
        monkeypatch.setattr(messages, helper, real)
    _modal(demo_window.show_keys, lambda d: measure("键盘操作", d))
    error = UserError("第 3 行“本期示数”不是数字：“一二三”" * 3, "请填写数字，例如 1234.5；没有读数时留空" * 2)
    _modal(lambda: REAL["show_user_error"](demo_window, error), lambda d: measure("出错提示", d))
    labels = [f"2026-11-{d:02d} 自动备份（ledger-2026-11-{d:02d}.sqlite）" for d in range(1, 25)]
    _modal(lambda: REAL["ask_backup"](demo_window, labels), lambda d: measure("从备份恢复", d))
    _modal(lambda: REAL_REOPEN(demo_window, "2024年全年"), lambda d: measure("更正原因", d))
    assert too_big == [], f"屏幕可用 {room.width()}×{room.height()}：" + "；".join(too_big)


def _fill_wizard(wizard: NewUnitWizard) -> None:
    from gxjn_desktop.domain.units import uscc_check_character

    fields = wizard.unit_page.fields
    fields.name.setText("南宁市某某区机关事务服务中心")
    fields.admin_code.setText("450103")
    fields.uscc.setText("12450103MB1965432" + uscc_check_character("12450103MB1965432"))
    fields.address.setText("南宁市青秀区民族大道 100 号")
    fields.manager.setText("李明")
    fields.manager_phone.setText("0771-5551234")
    wizard.profile_page.year.setValue(date(2026, 1, 1).year)
    wizard.profile_page.people.setText("86")
    wizard.profile_page.area.setText("4250.5")
