"""The converted forms as a user meets them: Tab follows the reading order, the new-meter dialog's
rows line up, and 单位信息's unsaved-changes question can be cancelled."""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox, QGroupBox, QMessageBox, QRadioButton, QWidget

from gxjn_desktop.gui import messages
from gxjn_desktop.gui.main_window import TAB_OVERVIEW, TAB_UNIT, MainWindow
from tests.gui.helpers import reopen

_SAME_ROW = 6  # px: widgets of one form row start within this of each other


def _owner(w: QWidget) -> QWidget:
    """The form's widget behind a focus stop (a spin box's or date edit's inner line edit)."""
    while w.objectName().startswith("qt_") and w.parentWidget() is not None:
        w = w.parentWidget()
    return w


def tab_stops(top: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``top``, one round, without the dialog's button row."""
    stops: list[QWidget] = []
    w = top.nextInFocusChain()
    while w is not top:
        if (
            # Qt lets Tab into a radio group at its checked button only (the arrows move within):
            # the group's buttons still have to stand in reading order.
            (w.focusPolicy() & Qt.FocusPolicy.TabFocus or isinstance(w, QRadioButton))
            and w.focusProxy() is None
            and w.isVisibleTo(top)
            and w.isEnabled()
            and not isinstance(w.parentWidget(), QDialogButtonBox)
        ):
            owner = _owner(w)
            if not stops or stops[-1] is not owner:
                stops.append(owner)
        w = w.nextInFocusChain()
    return stops


def _column(w: QWidget, top: QWidget) -> int:
    """Side-by-side group boxes are read one after the other (单位 on the left, then 年度基本情况)."""
    while w.parentWidget() is not None and w.parentWidget() is not top:
        w = w.parentWidget()
    return w.x() if isinstance(w, QGroupBox) else 0


def assert_tab_follows_reading_order(top: QWidget) -> list[str]:
    """Down the form row by row, left to right within a row, each column in turn; returns the names."""
    stops = tab_stops(top)
    assert stops
    place = {id(w): (_column(w, top), w.mapTo(top, QPoint(0, 0))) for w in stops}
    first = min(stops, key=lambda w: (place[id(w)][0], place[id(w)][1].y(), place[id(w)][1].x()))
    at = stops.index(first)
    stops = stops[at:] + stops[:at]  # the chain is a ring: read it from the top-left field
    for a, b in itertools.pairwise(stops):
        (col_a, pa), (col_b, pb) = place[id(a)], place[id(b)]
        same_row = abs(pb.y() - pa.y()) <= _SAME_ROW
        assert col_b > col_a or (col_b == col_a and (pb.y() > pa.y() + _SAME_ROW or (same_row and pb.x() > pa.x()))), (
            f"Tab goes from {a.objectName() or a} to {b.objectName() or b}"
        )
    return [w.objectName() for w in stops]


def _shown(qtbot: Any, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_new_meter_dialog_is_wide_enough_and_its_rows_line_up(qtbot: Any) -> None:
    from gxjn_desktop.gui.meters_screen import MeterDialog

    dialog = _shown(qtbot, MeterDialog(None, {"E1"}))
    page = dialog.page
    assert dialog.width() >= 420  # was 250 px: 户号 and 名称 had room for a few characters only
    fields = [page.carrier, page.code, page.name, page.kind, page.account, page.digits, page.initial, page.multiplier]
    lefts = {w.mapTo(dialog, QPoint(0, 0)).x() for w in [*fields, dialog.start]}
    assert len(lefts) == 1  # 启用日期's field starts where the others do (it had a form of its own)
    labels = [page.ui.form.labelForField(w) for w in [*fields, dialog.start]]
    assert len({label.mapTo(dialog, QPoint(0, 0)).x() for label in labels}) == 1
    assert labels[-1].text() == "启用日期" and dialog.start.isVisibleTo(dialog)
    assert min(w.width() for w in (page.code, page.name, page.account)) >= 240
    names = assert_tab_follows_reading_order(dialog)
    assert names == ["carrier", "code", "name", "kind", "account", "digits", "initial", "multiplier", "start"]


def test_the_wizard_leaves_out_the_start_date(qtbot: Any) -> None:
    from gxjn_desktop.gui.welcome import NewUnitWizard

    wizard = _shown(qtbot, NewUnitWizard())
    assert not wizard.meter_page.start.isVisibleTo(wizard.meter_page)  # the profile's year starts the meter


def test_tab_order_of_the_wizard_pages(qtbot: Any) -> None:
    from gxjn_desktop.gui.welcome import MeterPage, ProfilePage, UnitPage

    unit = assert_tab_follows_reading_order(_shown(qtbot, UnitPage()))
    assert unit[:3] == ["name", "uscc", "admin_code"] and unit[-1] == "manager_phone"
    assert assert_tab_follows_reading_order(_shown(qtbot, ProfilePage())) == ["year", "people", "area", "canteen"]
    assert assert_tab_follows_reading_order(_shown(qtbot, MeterPage()))[-1] == "multiplier"


def test_tab_order_of_the_meter_change_dialogs(qtbot: Any) -> None:
    from gxjn_desktop.gui.meters_screen import DateValueDialog

    multiplier = _shown(qtbot, DateValueDialog("E1 倍率变更（互感器更换）", "新倍率", None, "变更当天示数"))
    assert assert_tab_follows_reading_order(multiplier) == ["day", "value", "reading"]
    retire = _shown(qtbot, DateValueDialog("停用 E1 总电表", None))
    assert tab_stops(retire) == [retire.day]  # the rows it does not need are hidden, not in the way


def _question(register_digits: int | None = 6) -> Any:
    from gxjn_desktop.services.entry import DecreaseQuestion

    return DecreaseQuestion("E1", "E1 总电表", 2025, 3, Decimal(900), Decimal(100), register_digits, "kWh")


def test_tab_order_of_the_window_dialogs(qtbot: Any, demo_ledger: Any) -> None:
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.gui.dialogs import DecreaseDialog, ExplanationDialog, PastePreviewDialog
    from gxjn_desktop.services.checks import check_period
    from tests.conftest import DEMO_TODAY

    decrease = _shown(qtbot, DecreaseDialog(_question()))
    decrease.replacement.setChecked(True)
    assert assert_tab_follows_reading_order(decrease) == [
        "rollover", "replacement", "mistake", "old_final", "new_initial", "day", "reason", "old_no", "new_no", "note"
    ]  # fmt: skip
    assert assert_tab_follows_reading_order(_shown(qtbot, PastePreviewDialog([], []))) == ["table"]
    result = check_period(demo_ledger, Period.parse(2025, "Y"), DEMO_TODAY)
    finding = next(f for f in result.findings if f.needs_explanation)
    assert assert_tab_follows_reading_order(_shown(qtbot, ExplanationDialog(finding))) == ["cause", "text"]


def test_tab_order_of_the_task_form(qtbot: Any) -> None:
    from gxjn_desktop.domain.workplan import TaskKind
    from gxjn_desktop.gui.task_dialog import TaskForm
    from gxjn_desktop.services.workplan.tasks import grade_bands_in_force

    for kind in TaskKind:
        form = _shown(qtbot, TaskForm(kind, 2025, grade_bands_in_force(), []))
        assert_tab_follows_reading_order(form)
        form.close()


def test_tab_order_of_unit_info(qtbot: Any, changer: Any) -> None:
    from gxjn_desktop.gui.unit_screen import UnitScreen

    screen = UnitScreen(changer)
    screen.resize(1366, 700)
    _shown(qtbot, screen)
    names = assert_tab_follows_reading_order(screen)
    assert names.index("manager_phone") < names.index("save_unit_button") < names.index("year")
    assert names[-1] == "save_profile_button"


def test_unit_info_keeps_a_readable_width_on_a_wide_window(qtbot: Any, changer: Any) -> None:
    from gxjn_desktop.gui.common import FORM_MAX_WIDTH
    from gxjn_desktop.gui.unit_screen import UnitScreen

    screen = UnitScreen(changer)
    screen.resize(1920, 1000)
    _shown(qtbot, screen)
    boxes = (screen.ui.unit_box, screen.ui.prof_box)
    assert all(box.width() <= FORM_MAX_WIDTH for box in boxes)
    assert screen.ui.prof_box.x() - (screen.ui.unit_box.x() + screen.ui.unit_box.width()) < 40  # side by side, no gulf


def test_the_unsaved_changes_question_offers_save_discard_cancel(qtbot: Any) -> None:
    box = messages.save_changes_box(None, "保存修改", "单位信息中有未保存的修改。要保存吗？")
    qtbot.addWidget(box)
    roles = {b.text(): box.buttonRole(b) for b in box.buttons()}
    assert roles == {
        "保存": QMessageBox.ButtonRole.AcceptRole,
        "放弃": QMessageBox.ButtonRole.DestructiveRole,
        "取消": QMessageBox.ButtonRole.RejectRole,
    }
    assert box.buttonRole(box.escapeButton()) == QMessageBox.ButtonRole.RejectRole  # Esc is 取消
    assert box.defaultButton().text() == "保存"


def test_cancel_keeps_you_on_unit_info_with_your_edits(
    demo_window: MainWindow, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(messages, "ask_save_changes", lambda _p, title, _t: asked.append(title))  # None: 取消
    window = demo_window
    window.tabs.setCurrentIndex(TAB_UNIT)
    window.unit_screen.year.setValue(2025)
    window.unit_screen.statistician.setText("黄丽")
    window.tabs.setCurrentIndex(TAB_OVERVIEW)
    assert asked == ["保存修改"]
    assert window.tabs.currentIndex() == TAB_UNIT and window.unit_screen.statistician.text() == "黄丽"
    store = reopen(data_dir)
    assert store.ledger().profiles[2025].signatories.statistician == ""  # nothing saved
    store.close()
    assert not window.close()  # closing asks too, and 取消 keeps the window open
    assert asked == ["保存修改", "保存修改"] and window.unit_screen.statistician.text() == "黄丽"


def test_tab_order_of_the_welcome_screen(qtbot: Any, tmp_path: Path) -> None:
    from gxjn_desktop.gui.welcome import WelcomeScreen

    screen = _shown(qtbot, WelcomeScreen(str(tmp_path)))
    assert assert_tab_follows_reading_order(screen) == ["new_button", "demo_button", "bureau_button"]
    assert str(tmp_path) in screen.ui.folder.text()


def test_the_list_dialogs_come_from_their_forms_in_reading_order(qtbot: Any, changer: Any, tmp_path: Path) -> None:
    """能耗定额, 废旧电子产品处置 and both import previews are Designer forms (ui/*.ui) like the others."""
    from gxjn_desktop.gui.ewaste_dialog import EwasteDialog
    from gxjn_desktop.gui.file_dialogs import ImportPreviewDialog
    from gxjn_desktop.gui.forms.ui_ewaste_dialog import Ui_EwasteDialog
    from gxjn_desktop.gui.forms.ui_import_preview import Ui_ImportPreviewDialog
    from gxjn_desktop.gui.forms.ui_quota_dialog import Ui_QuotaDialog
    from gxjn_desktop.gui.forms.ui_quota_import_preview import Ui_QuotaImportPreview
    from gxjn_desktop.gui.list_views import RecordTableView
    from gxjn_desktop.gui.quota_dialog import QuotaDialog, QuotaImportPreview
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.template import write_template
    from tests.conftest import DEMO_TODAY

    ledger = changer.service.ledger
    quotas = _shown(qtbot, QuotaDialog(changer, 2025))
    assert isinstance(quotas.ui, Ui_QuotaDialog) and isinstance(quotas.view, RecordTableView)
    assert assert_tab_follows_reading_order(quotas) == [
        "year_box", "view", "add_button", "edit_button", "delete_button", "import_button", "close_button"
    ]  # fmt: skip
    ewaste = _shown(qtbot, EwasteDialog(changer, 2025, today=DEMO_TODAY))
    assert isinstance(ewaste.ui, Ui_EwasteDialog)
    assert assert_tab_follows_reading_order(ewaste) == [
        "year_box",
        "view",
        "add_button",
        "delete_button",
        "close_button",
    ]
    preview = _shown(qtbot, QuotaImportPreview(list(ledger.quotas), 3, ledger.quotas[:1]))
    assert isinstance(preview.ui, Ui_QuotaImportPreview)
    assert assert_tab_follows_reading_order(preview) == ["table"]
    assert preview.table.rowCount() == len(ledger.quotas) and "已跳过其他单位的 3 行" in preview.ui.skipped.text()
    book = write_template(ledger, 2025, tmp_path / "填报.xlsx")
    workbook = _shown(qtbot, ImportPreviewDialog(read_workbook(book, ledger), book.name))
    assert isinstance(workbook.ui, Ui_ImportPreviewDialog)
    assert assert_tab_follows_reading_order(workbook) == ["changes"]
    assert workbook.ui.summary.text().startswith("填报.xlsx：新增 0 项")
