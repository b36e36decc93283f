"""能耗定额 dialog: the year's table, 新增 / 修改 / 删除 and the bureau workbook import, on real SQLite."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.errors import InvalidNumber, UserError
from gxjn_desktop.gui import file_dialogs, messages, quota_dialog
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.quota_dialog import (
    COL_BASIS,
    COL_DOCUMENT,
    COL_INDICATOR,
    COL_LEVEL,
    COL_VALUE,
    QuotaDialog,
    QuotaForm,
    QuotaImportPreview,
    open_quota_dialog,
)
from gxjn_desktop.services import edits
from tests.gui.helpers import commit_ime, reopen

HEADER = ("统一社会信用代码", "单位名称", "年度", "指标", "级别", "数值", "口径", "文号")
OTHER_USCC = "12450123MB1234567X"


@pytest.fixture(autouse=True)
def no_quota_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """This module's own modal helpers fail the test unless the test patches them."""

    def refuse(name: str) -> Callable[..., Any]:
        def helper(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"unexpected dialog: {name} {args[1:]}")

        return helper

    monkeypatch.setattr(quota_dialog, "ask_quota", refuse("ask_quota"))
    monkeypatch.setattr(quota_dialog, "ask_import_confirmation", refuse("ask_import_confirmation"))


@pytest.fixture
def dialog(qtbot: Any, changer: Changer) -> QuotaDialog:
    d = QuotaDialog(changer, 2025)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def user_errors(monkeypatch: pytest.MonkeyPatch) -> list[UserError]:
    shown: list[UserError] = []
    monkeypatch.setattr(messages, "show_user_error", lambda _parent, err: shown.append(err))
    return shown


def stored(data_dir: Path, year: int) -> dict[str, Quota]:
    """What SQLite holds, read through a second connection."""
    other = reopen(data_dir)
    try:
        return {q.key: q for q in other.ledger().quotas if q.year == year}
    finally:
        other.close()


def table(d: QuotaDialog) -> list[tuple[str, ...]]:
    m = d.model
    return [tuple(str(m.index(r, c).data() or "") for c in range(m.columnCount())) for r in range(m.rowCount())]


def fill_form(
    qtbot: Any,
    form: QuotaForm,
    value: str,
    indicator: QuotaIndicator | None = None,
    level: QuotaLevel | None = None,
    document: str = "",
) -> None:
    """Fill the form as a user does; Chinese text arrives as an input method's commit."""
    qtbot.addWidget(form)
    if indicator is not None:
        form.indicator.setCurrentIndex(form.indicator.findData(indicator))
    if level is not None:
        form.level.setCurrentIndex(form.level.findData(level))
    form.value.selectAll()
    form.value.del_()
    commit_ime(form.value, value)
    if document:
        commit_ime(form.document, document)


def test_table_shows_the_years_quotas(dialog: QuotaDialog, qtmodeltester: Any) -> None:
    rows = table(dialog)
    assert len(rows) == 4
    assert rows[0][:4] == ("综合能耗总量", "下达指标", "105 tce", "当量值")
    assert "2025年度公共机构能耗定额" in rows[0][COL_DOCUMENT]
    assert ("单位建筑面积能耗", "约束值", "15 kgce/m²", "当量值") in [r[:4] for r in rows]
    water = next(r for r in rows if r[COL_INDICATOR] == "人均用水量")
    assert water[COL_LEVEL] == "下达指标"
    assert water[COL_VALUE] == "19.5 m³/人"
    assert water[COL_BASIS] == ""  # 口径 means nothing for water
    assert dialog.count_label.text() == "共 4 项定额"
    qtmodeltester.check(dialog.model)

    dialog.year_box.setValue(2024)
    assert ("人均用水量", "下达指标", "22 m³/人", "") in [r[:4] for r in table(dialog)]
    dialog.year_box.setValue(2026)
    assert table(dialog) == []
    assert "2026 年还没有录入定额" in dialog.empty_label.text()
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    qtmodeltester.check(dialog.model)


def test_add_with_full_width_value_saves_it(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(parent: Any, year: int, existing: Quota | None = None) -> Quota | None:
        assert existing is None and year == 2025
        form = QuotaForm(year, existing, parent)
        fill_form(qtbot, form, "２，８００．５", QuotaIndicator.WATER_TOTAL_T, document="南宁市机关事务管理局通知")
        assert not form.basis.isEnabled()  # water: no 当量值 / 等价值
        form.accept()
        assert form.result() == QDialog.DialogCode.Accepted
        return form.quota

    monkeypatch.setattr(quota_dialog, "ask_quota", ask)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)

    saved = stored(data_dir, 2025)["2025|water_total_t|issued"]
    assert saved.value == Decimal("2800.5")
    assert saved.basis is Basis.EQUIVALENT
    assert saved.document == "南宁市机关事务管理局通知"
    assert dialog.saved_any
    assert ("用水总量", "下达指标", "2800.5 t", "") in [r[:4] for r in table(dialog)]
    assert dialog.model.quota_at(dialog.view.currentIndex().row()) == saved
    assert dialog.status.text().startswith("已保存：2025 年 用水总量")


def test_equal_value_basis_is_kept(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(parent: Any, year: int, existing: Quota | None = None) -> Quota | None:
        form = QuotaForm(year, existing, parent)
        fill_form(qtbot, form, "1,234", QuotaIndicator.ENERGY_PER_CAPITA, QuotaLevel.BENCHMARK)
        form.basis.setCurrentIndex(form.basis.findData(Basis.EQUAL_VALUE))
        form.accept()
        return form.quota

    monkeypatch.setattr(quota_dialog, "ask_quota", ask)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    with qtbot.waitSignal(dialog.add_button.clicked, timeout=3000):
        qtbot.keyClick(dialog.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新增…
    saved = stored(data_dir, 2025)["2025|energy_per_capita_kgce|benchmark"]
    assert (saved.value, saved.basis) == (Decimal(1234), Basis.EQUAL_VALUE)
    assert ("人均综合能耗", "基准值", "1234 kgce/人", "等价值") in [r[:4] for r in table(dialog)]


@pytest.mark.parametrize(
    ("text", "words"), [("0", "必须大于 0"), ("abc", "不是有效的数字"), ("-5", "必须大于 0"), ("", "为空")]
)
def test_bad_value_is_refused_and_nothing_saved(
    qtbot: Any,
    dialog: QuotaDialog,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_errors: list[UserError],
    text: str,
    words: str,
) -> None:
    before = stored(data_dir, 2025)

    def ask(parent: Any, year: int, existing: Quota | None = None) -> Quota | None:
        form = QuotaForm(year, existing, parent)
        fill_form(qtbot, form, text, QuotaIndicator.WATER_TOTAL_T)
        form.accept()  # refused: the form stays open …
        assert form.result() != QDialog.DialogCode.Accepted and form.quota is None
        form.reject()  # … until the user gives up
        return form.quota if form.result() == QDialog.DialogCode.Accepted else None

    monkeypatch.setattr(quota_dialog, "ask_quota", ask)
    dialog.add_quota()

    assert len(user_errors) == 1
    err = user_errors[0]
    assert words in err.message and "定额数值" in err.message
    assert err.hint  # says how to fix it, in Chinese
    if text == "abc":
        assert isinstance(err, InvalidNumber)
    assert stored(data_dir, 2025) == before
    assert not dialog.saved_any
    assert len(table(dialog)) == 4


def test_enter_edits_the_selected_quota(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[Quota | None] = []

    def ask(parent: Any, year: int, existing: Quota | None = None) -> Quota | None:
        asked.append(existing)
        form = QuotaForm(year, existing, parent)
        assert not form.indicator.isEnabled() and not form.level.isEnabled()  # the quota's key
        assert form.value.text() == "105"
        fill_form(qtbot, form, "９８")
        form.accept()
        return form.quota

    monkeypatch.setattr(quota_dialog, "ask_quota", ask)
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.view, Qt.Key.Key_Return)

    assert asked and asked[0] is not None and asked[0].indicator is QuotaIndicator.TOTAL_ENERGY_TCE
    quotas = stored(data_dir, 2025)
    assert quotas["2025|total_energy_tce|issued"].value == Decimal(98)
    assert quotas["2025|total_energy_tce|issued"].document == asked[0].document
    assert len(quotas) == 4
    assert dialog.isVisible()  # Enter never reaches a dialog button
    assert table(dialog)[0][COL_VALUE] == "98 tce"


def test_adding_an_existing_quota_asks_before_replacing(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def ask(parent: Any, year: int, existing: Quota | None = None) -> Quota | None:
        form = QuotaForm(year, existing, parent)
        fill_form(qtbot, form, "110", QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED)
        form.accept()
        return form.quota

    questions: list[str] = []
    answer = [False]

    def confirm(_parent: Any, _title: str, text: str) -> bool:
        questions.append(text)
        return answer[0]

    monkeypatch.setattr(quota_dialog, "ask_quota", ask)
    monkeypatch.setattr(messages, "confirm", confirm)
    dialog.add_quota()
    assert "已有定额 105 tce" in questions[0] and "110 tce" in questions[0]
    assert stored(data_dir, 2025)["2025|total_energy_tce|issued"].value == 105

    answer[0] = True
    dialog.add_quota()
    assert stored(data_dir, 2025)["2025|total_energy_tce|issued"].value == 110


def test_delete_after_confirmation(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    questions: list[str] = []
    answer = [False]

    def confirm(_parent: Any, title: str, text: str) -> bool:
        questions.append(f"{title}：{text}")
        return answer[0]

    monkeypatch.setattr(messages, "confirm", confirm)
    row = next(i for i, r in enumerate(table(dialog)) if r[COL_INDICATOR] == "人均用水量")
    dialog.view.setFocus()
    dialog.view.setCurrentIndex(dialog.model.index(row, 0))

    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)  # 否: nothing happens
    assert "删除定额" in questions[0] and "人均用水量 下达指标 19.5 m³/人" in questions[0]
    assert "2025|water_per_capita_m3|issued" in stored(data_dir, 2025)
    assert not dialog.saved_any

    answer[0] = True
    qtbot.keyClick(dialog.view, Qt.Key.Key_Delete)
    quotas = stored(data_dir, 2025)
    assert "2025|water_per_capita_m3|issued" not in quotas and len(quotas) == 3
    assert "2024|water_per_capita_m3|issued" in stored(data_dir, 2024)  # other years untouched
    assert dialog.saved_any
    assert len(table(dialog)) == 3
    assert dialog.status.text().startswith("已删除")


def test_escape_closes(qtbot: Any, dialog: QuotaDialog) -> None:
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def bureau_workbook(path: Path, rows: list[tuple[Any, ...]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "能耗定额"
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_import_previews_and_saves_only_this_units_rows(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uscc = dialog.changer.service.ledger.unit.uscc
    doc = "隆安县机关事务管理局关于下达2026年度公共机构能耗定额的通知"
    path = bureau_workbook(
        tmp_path / "定额.xlsx",
        [
            (uscc, "本单位", 2026, "综合能耗总量", "下达指标", 100, "当量值", doc),
            (uscc, "本单位", 2026, "用水总量", "", "2,800", "", doc),
            (uscc, "本单位", 2026, "单位建筑面积能耗", "约束值", 14.5, "等价值", "定额标准表"),
            (uscc, "本单位", 2025, "综合能耗总量", "下达指标", 105, "当量值", "改：补发文件"),
            (OTHER_USCC, "别的单位", 2026, "综合能耗总量", "下达指标", 300, "当量值", doc),
            (OTHER_USCC, "别的单位", 2026, "用水总量", "下达指标", 9000, "当量值", doc),
        ],
    )
    files: list[str] = []

    def choose(_parent: Any, title: str) -> Path:
        files.append(title)
        return path

    previews: list[QuotaImportPreview] = []

    def preview(parent: Any, quotas: list[Quota], others: int, existing: Any) -> bool:
        d = QuotaImportPreview(quotas, others, existing, parent)
        qtbot.addWidget(d)
        previews.append(d)
        return True

    monkeypatch.setattr(file_dialogs, "ask_open_workbook", choose)
    monkeypatch.setattr(quota_dialog, "ask_import_confirmation", preview)
    dialog.activateWindow()  # a button's shortcut only fires in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    with qtbot.waitSignal(dialog.import_button.clicked, timeout=3000):  # a shortcut animates the click
        qtbot.keyClick(dialog.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # 导入定额文件…

    assert files == ["导入定额文件"]
    shown = previews[0]
    t = shown.table
    cells = [[t.model().index(r, c).data() for c in range(t.columnCount())] for r in range(t.rowCount())]
    assert len(cells) == 4
    assert ["2026", "用水总量", "下达指标", "2800 t", "", doc, "新增"] in cells
    assert ["2026", "单位建筑面积能耗", "约束值", "14.5 kgce/m²", "等价值", "定额标准表", "新增"] in cells
    assert ["2025", "综合能耗总量", "下达指标", "105 tce", "当量值", "改：补发文件", "替换原值 105 tce"] in cells
    texts = " ".join(label.text() for label in shown.findChildren(QLabel))
    assert "将保存本单位的 4 项定额（2025 年、2026 年）" in texts
    assert "已跳过其他单位的 2 行" in texts

    q2026 = stored(data_dir, 2026)
    assert {k: (q.value, q.basis) for k, q in q2026.items()} == {
        "2026|total_energy_tce|issued": (Decimal(100), Basis.EQUIVALENT),
        "2026|water_total_t|issued": (Decimal(2800), Basis.EQUIVALENT),
        "2026|energy_per_area_kgce_m2|constraint": (Decimal("14.5"), Basis.EQUAL_VALUE),
    }
    assert stored(data_dir, 2025)["2025|total_energy_tce|issued"].document == "改：补发文件"
    assert dialog.saved_any
    assert "已导入 4 项定额" in dialog.status.text() and "跳过其他单位的 2 行" in dialog.status.text()
    assert dialog.year == 2025  # the year shown had imported rows: it stays
    dialog.year_box.setValue(2026)
    assert len(table(dialog)) == 3


def test_import_cancelled_in_preview_saves_nothing(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uscc = dialog.changer.service.ledger.unit.uscc
    path = bureau_workbook(tmp_path / "定额.xlsx", [(uscc, "", 2026, "用水总量", "", 2800, "", "x")])
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_a: path)
    monkeypatch.setattr(quota_dialog, "ask_import_confirmation", lambda *_a: False)
    dialog.import_file()
    assert stored(data_dir, 2026) == {}
    assert not dialog.saved_any


def test_import_switches_to_the_imported_year(
    qtbot: Any, dialog: QuotaDialog, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uscc = dialog.changer.service.ledger.unit.uscc
    path = bureau_workbook(tmp_path / "定额.xlsx", [(uscc, "", 2026, "用水总量", "", 2800, "", "x")])
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_a: path)
    monkeypatch.setattr(quota_dialog, "ask_import_confirmation", lambda *_a: True)
    dialog.import_file()
    assert dialog.year == 2026
    assert [r[:4] for r in table(dialog)] == [("用水总量", "下达指标", "2800 t", "")]


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        (
            [("{uscc}", "", 2026, "用水总量", "", 0, "", "x"), ("{uscc}", "", 2026, "综合能耗总量", "", 100, "", "x")],
            "第 2 行：定额必须大于 0",
        ),
        ([("{uscc}", "", 2026, "用电量", "", 10, "", "x")], "无法识别“用电量”"),
        ([(OTHER_USCC, "", 2026, "用水总量", "", 10, "", "x")], "没有本单位"),
    ],
)
def test_bad_workbook_is_refused_whole(
    qtbot: Any,
    dialog: QuotaDialog,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    user_errors: list[UserError],
    rows: list[tuple[Any, ...]],
    words: str,
) -> None:
    uscc = dialog.changer.service.ledger.unit.uscc
    rows = [tuple(uscc if v == "{uscc}" else v for v in r) for r in rows]
    path = bureau_workbook(tmp_path / "定额.xlsx", rows)
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_a: path)
    dialog.import_file()  # no preview: ask_import_confirmation would fail the test
    assert len(user_errors) == 1 and words in user_errors[0].message
    assert stored(data_dir, 2026) == {}
    assert not dialog.saved_any


def test_import_chooser_cancelled(dialog: QuotaDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(file_dialogs, "ask_open_workbook", lambda *_a: None)
    dialog.import_file()
    assert not dialog.saved_any


def test_open_quota_dialog_says_whether_anything_was_saved(
    qtbot: Any, changer: Changer, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions: list[Callable[[QuotaDialog], None]] = []

    def run(self: QuotaDialog) -> int:  # stands in for the modal loop: the user's actions, then Esc
        qtbot.addWidget(self)
        for act in actions:
            act(self)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QuotaDialog, "exec", run)
    assert open_quota_dialog(None, changer, 2025) is False

    monkeypatch.setattr(messages, "confirm", lambda *_a: True)
    actions.append(lambda d: d.delete_quota())
    assert open_quota_dialog(None, changer, 2025) is True


def test_main_window_menu_opens_the_dialog_and_refreshes(demo_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """文件 → 能耗定额: a saved quota reaches the window's snapshot (and so the review and the overview)."""

    def save_one(_parent: Any, changer: Changer, year: int) -> bool:
        quota = Quota(year, QuotaIndicator.WATER_TOTAL_T, QuotaLevel.ISSUED, Decimal(2500))
        return changer.run(edits.quotas_set(changer.service.ledger, [quota], "定额"))

    monkeypatch.setattr(quota_dialog, "open_quota_dialog", save_one)
    demo_window.entry.set_period(2025, 6)
    demo_window.quota_action.trigger()
    assert any(q.indicator is QuotaIndicator.WATER_TOTAL_T for q in demo_window.entry_service.ledger.quotas)


def test_the_quota_form_follows_the_reading_order(qtbot: Any) -> None:
    from tests.gui.test_form_layouts import assert_tab_follows_reading_order

    form = QuotaForm(2025)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert assert_tab_follows_reading_order(form)[:5] == ["indicator", "level", "value", "basis", "document"]
