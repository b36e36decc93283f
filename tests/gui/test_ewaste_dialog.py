"""废旧电子产品规范处置 dialog: the year's disposals and total, 新增 and 删除, on real SQLite."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialog

from gxjn_desktop.domain.records import EwasteDisposal
from gxjn_desktop.errors import InvalidNumber, UserError
from gxjn_desktop.gui import ewaste_dialog, messages
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.ewaste_dialog import (
    COL_ITEMS,
    HEADERS,
    EwasteDialog,
    EwasteForm,
    open_ewaste_dialog,
)
from gxjn_desktop.services import edits
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY
from tests.gui.helpers import commit_ime, reopen

RECIPIENT = "广西某再生资源回收有限公司"
DEMO_2025 = ("2025-09-12", "22", RECIPIENT, "HS-2025-0932", "报废显示器")


@pytest.fixture(autouse=True)
def no_ewaste_form(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's own modal helper fails the test unless the test patches it."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"unexpected dialog: ask_disposal {args[1:]}")

    monkeypatch.setattr(ewaste_dialog, "ask_disposal", refuse)


@pytest.fixture
def dialog(qtbot: Any, changer: Changer) -> EwasteDialog:
    d = EwasteDialog(changer, 2025, today=DEMO_TODAY)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def user_errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _parent, err: shown.append(err))
    return shown


def stored(data_dir: Path) -> tuple[EwasteDisposal, ...]:
    """What SQLite holds, read through a second connection."""
    other = reopen(data_dir)
    try:
        return other.ledger().ewaste
    finally:
        other.close()


def table(d: EwasteDialog) -> list[tuple[str, ...]]:
    m = d.model
    return [tuple(str(m.index(r, c).data() or "") for c in range(m.columnCount())) for r in range(m.rowCount())]


def fill_form(
    qtbot: Any,
    form: EwasteForm,
    items: str,
    recipient: str = RECIPIENT,
    day: date | None = None,
    certificate: str = "",
    note: str = "",
) -> None:
    """Fill the form as a user does; Chinese text arrives as an input method's commit."""
    qtbot.addWidget(form)
    if day is not None:
        form.day.setDate(QDate(day.year, day.month, day.day))
    commit_ime(form.items, items)
    if recipient:
        edit = form.recipient.lineEdit()
        assert edit is not None and edit.text() == ""  # no recipient is filled in for the user
        commit_ime(edit, recipient)
    if certificate:
        commit_ime(form.certificate, certificate)
    if note:
        commit_ime(form.note, note)


def form_answer(qtbot: Any, **fill: Any) -> Callable[..., EwasteDisposal | None]:
    """An ``ask_disposal`` that fills the real form, presses 保存 and returns what it accepted."""

    def ask(parent: Any, year: int, today: date, existing: Any = ()) -> EwasteDisposal | None:
        form = EwasteForm(year, today, existing, parent)
        fill_form(qtbot, form, **fill)
        form.accept()
        if form.result() != QDialog.DialogCode.Accepted:
            assert form.disposal is None
            form.reject()  # refused: the form stays open until the user gives up
            return None
        return form.disposal

    return ask


def test_table_shows_the_years_disposals_and_total(dialog: EwasteDialog, qtmodeltester: Any) -> None:
    assert [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(HEADERS))] == list(HEADERS)
    assert table(dialog) == [DEMO_2025]
    assert dialog.model.index(0, COL_ITEMS).data(Qt.ItemDataRole.TextAlignmentRole) & int(Qt.AlignmentFlag.AlignRight)
    assert dialog.total_label.text() == "本年共处置 22 件"
    assert dialog.count_label.text() == "共 1 次处置"
    assert dialog.delete_button.isEnabled()
    qtmodeltester.check(dialog.model)

    dialog.year_box.setValue(2024)
    assert [r[:3] for r in table(dialog)] == [("2024-11-20", "36", RECIPIENT)]
    assert dialog.total_label.text() == "本年共处置 36 件"
    dialog.year_box.setValue(2026)
    assert table(dialog) == []
    assert dialog.total_label.text() == "本年共处置 0 件"
    assert "2026 年还没有处置记录" in dialog.empty_label.text()
    assert not dialog.delete_button.isEnabled()
    qtmodeltester.check(dialog.model)


def test_add_with_full_width_count_saves_it(
    qtbot: Any, dialog: EwasteDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[int, date]] = []
    fill = form_answer(
        qtbot, items="１２", day=date(2025, 12, 3), certificate="HS-2025-1201", note="报废打印机、路由器"
    )

    def ask(parent: Any, year: int, today: date, existing: Any = ()) -> EwasteDisposal | None:
        asked.append((year, today))
        return fill(parent, year, today, existing)

    monkeypatch.setattr(ewaste_dialog, "ask_disposal", ask)
    dialog.activateWindow()  # a button's shortcut only fires in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    with qtbot.waitSignal(dialog.add_button.clicked, timeout=3000):
        qtbot.keyClick(dialog.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增…

    assert asked == [(2025, DEMO_TODAY)]
    new = EwasteDisposal(date(2025, 12, 3), 12, RECIPIENT, "HS-2025-1201", "报废打印机、路由器")
    assert new in stored(data_dir)
    assert len(stored(data_dir)) == 3
    assert dialog.saved_any
    assert table(dialog) == [DEMO_2025, ("2025-12-03", "12", RECIPIENT, "HS-2025-1201", "报废打印机、路由器")]
    assert dialog.model.disposal_at(dialog.view.currentIndex().row()) == new
    assert dialog.total_label.text() == "本年共处置 34 件"
    assert dialog.status.text().startswith("已保存：2025-12-03 处置 12 件")


def test_form_defaults_to_a_date_of_the_year_and_lists_earlier_recipients(
    qtbot: Any, demo_service: LedgerService
) -> None:
    this_year = EwasteForm(2026, DEMO_TODAY, demo_service.ledger().ewaste)
    last_year = EwasteForm(2025, DEMO_TODAY)
    for form in (this_year, last_year):
        qtbot.addWidget(form)
    assert this_year.day.date() == QDate(2026, 11, 24)  # today
    assert last_year.day.date() == QDate(2025, 12, 31)
    assert this_year.day.displayFormat() == "yyyy-MM-dd" and this_year.day.calendarPopup()
    assert [this_year.recipient.itemText(i) for i in range(this_year.recipient.count())] == [RECIPIENT]
    assert this_year.recipient.currentText() == ""


def test_enter_in_the_table_keeps_the_dialog_open(qtbot: Any, dialog: EwasteDialog) -> None:
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)
    assert dialog.isVisible()


@pytest.mark.parametrize(
    ("fill", "words"),
    [
        ({"items": "0"}, "数量必须大于 0"),
        ({"items": "abc"}, "不是有效的数字"),
        ({"items": "1.5"}, "数量必须是整数件"),
        ({"items": "－3"}, "数量必须大于 0"),
        ({"items": ""}, "数量为空"),
        ({"items": "5", "recipient": ""}, "接收单位不能为空"),
        ({"items": "5", "day": date(2024, 12, 31)}, "不在 2025 年内"),
        ({"items": "5", "day": date(2026, 1, 5)}, "不在 2025 年内"),
        ({"items": "22", "day": date(2025, 9, 12), "certificate": "HS-2025-0932"}, "已有相同的处置记录"),
    ],
)
def test_bad_form_is_refused_and_nothing_saved(
    qtbot: Any,
    dialog: EwasteDialog,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_errors: list[UserError],
    fill: dict[str, Any],
    words: str,
) -> None:
    before = stored(data_dir)
    monkeypatch.setattr(ewaste_dialog, "ask_disposal", form_answer(qtbot, **fill))
    dialog.add_disposal()

    assert len(user_errors) == 1
    err = user_errors[0]
    assert words in err.message
    assert err.hint  # says how to fix it, in Chinese
    if fill["items"] == "abc":
        assert isinstance(err, InvalidNumber)
    assert stored(data_dir) == before
    assert not dialog.saved_any
    assert table(dialog) == [DEMO_2025]


def test_a_date_in_the_future_is_refused(
    qtbot: Any,
    changer: Changer,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_errors: list[UserError],
) -> None:
    d = EwasteDialog(changer, 2026, today=DEMO_TODAY)
    qtbot.addWidget(d)
    monkeypatch.setattr(ewaste_dialog, "ask_disposal", form_answer(qtbot, items="3", day=date(2026, 11, 25)))
    d.add_disposal()
    assert len(user_errors) == 1 and "晚于今天（2026-11-24）" in user_errors[0].message
    assert all(e.day.year != 2026 for e in stored(data_dir))

    monkeypatch.setattr(ewaste_dialog, "ask_disposal", form_answer(qtbot, items="3", day=date(2026, 11, 24)))
    d.add_disposal()  # today itself is fine
    assert [e.items for e in stored(data_dir) if e.day.year == 2026] == [3]


def test_delete_after_confirmation(
    qtbot: Any, dialog: EwasteDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    answer = [False]

    def confirm(_parent: Any, title: str, text: str) -> bool:
        questions.append(f"{title}：{text}")
        return answer[0]

    monkeypatch.setattr(messages, "confirm", confirm)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))

    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)  # 否: nothing happens
    assert "删除处置记录" in questions[0] and f"2025-09-12 处置 22 件（{RECIPIENT}）" in questions[0]
    assert len(stored(data_dir)) == 2
    assert not dialog.saved_any

    answer[0] = True
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    assert [e.day.year for e in stored(data_dir)] == [2024]  # other years untouched
    assert dialog.saved_any
    assert table(dialog) == []
    assert dialog.total_label.text() == "本年共处置 0 件"
    assert dialog.status.text().startswith("已删除：2025-09-12")


def test_escape_closes(qtbot: Any, dialog: EwasteDialog) -> None:
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_open_ewaste_dialog_says_whether_anything_was_saved(
    qtbot: Any, demo_service: LedgerService, changer: Changer, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions: list[Callable[[EwasteDialog], None]] = []

    def run(self: EwasteDialog) -> int:  # stands in for the modal loop: the user's actions, then Esc
        qtbot.addWidget(self)
        for act in actions:
            act(self)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(EwasteDialog, "exec", run)
    assert open_ewaste_dialog(None, changer, 2025) is False

    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    actions.append(lambda d: d.delete_disposal())
    assert open_ewaste_dialog(None, changer, 2025) is True
    assert all(e.day.year != 2025 for e in demo_service.ledger().ewaste)


def test_main_window_menu_opens_the_dialog_and_refreshes(demo_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """文件 → 废旧电子产品处置: a saved disposal reaches the window's snapshot."""
    from datetime import date

    from gxjn_desktop.domain.records import EwasteDisposal

    def save_one(_parent: Any, changer: Changer, year: int, **_: Any) -> bool:
        disposal = EwasteDisposal(date(year, 3, 1), 5, "某回收公司")
        return changer.run(edits.ewaste_added(changer.service.ledger, disposal, "新增处置"))

    monkeypatch.setattr(ewaste_dialog, "open_ewaste_dialog", save_one)
    demo_window.entry.set_period(2025, 6)
    demo_window.ewaste_action.trigger()
    assert any(e.items == 5 for e in demo_window.entry_service.ledger.ewaste)


def test_tab_goes_down_the_form_through_the_count(qtbot: Any) -> None:
    """The form is ui/ewaste_form.ui: Tab from the date reaches 数量 (it used to skip it)."""
    from tests.gui.test_form_layouts import assert_tab_follows_reading_order

    form = EwasteForm(2025, DEMO_TODAY)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    names = assert_tab_follows_reading_order(form)
    assert names[:5] == ["day", "items", "recipient", "certificate", "note"]
