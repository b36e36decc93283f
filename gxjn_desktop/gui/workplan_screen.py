"""工作任务: the unit's part of the year's work plan, beside the plan that applies.

The table lists the year's tasks; 新增 (Ctrl+N, after choosing the 类别), 修改 (Enter or
double-click), 删除 (Delete) each save at once, in one transaction. Under the table, what the
plan's goals will count for this unit (completed retrofit area, PV, EMC, e-waste 件 from the
disposal records, 节约型机关 / 节水型单位 status, the 反食品浪费 scores beside 人均餐厨垃圾).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.workplan import TaskKind, WorkTask
from gxjn_desktop.errors import Refusal, UserError
from gxjn_desktop.gui import file_dialogs, messages
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.common import ColumnSpec, RowsModel, make_read_only_list, pad_columns, shown_number, year_bar
from gxjn_desktop.gui.list_views import RecordTableView
from gxjn_desktop.gui.task_dialog import ask_task
from gxjn_desktop.services import edits
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation, Origin
from gxjn_desktop.services.workplan.tasks import detail_text, quantity_text

HEADERS = ("类别", "季度", "项目或内容", "数量", "状态", "日期", "文号", "详情", "备注")
COL_KIND, COL_QUARTER, COL_NAME, COL_QUANTITY, COL_STATUS, COL_DAY, COL_DOC, COL_DETAIL, COL_NOTE = range(len(HEADERS))


def _grouped(value: Decimal) -> str:
    return shown_number(plain(value))


@dataclass(frozen=True)
class TaskLine:
    """A task as its row shows it; ``detail`` adds the quarter's 人均餐厨垃圾 to a 反食品浪费 self-evaluation."""

    task: WorkTask
    detail: str


def _column(header: str, text: Callable[[WorkTask], str]) -> ColumnSpec[TaskLine]:
    """A column whose tooltip repeats its text (the narrow columns elide it)."""
    return ColumnSpec(header, lambda line: text(line.task), lambda line: text(line.task) or None)


class TaskModel(RowsModel[TaskLine]):
    """The year's tasks by 类别, 季度 and entry order (read-only; the form edits)."""

    columns = (
        _column(HEADERS[COL_KIND], lambda t: t.kind.label),
        _column(HEADERS[COL_QUARTER], lambda t: f"第 {t.quarter} 季度" if t.quarter else ""),
        _column(HEADERS[COL_NAME], lambda t: t.name),
        _column(HEADERS[COL_QUANTITY], lambda t: quantity_text(t, _grouped)),
        _column(HEADERS[COL_STATUS], lambda t: t.status.label if t.status else ""),
        _column(HEADERS[COL_DAY], lambda t: t.day.isoformat() if t.day else ""),
        _column(HEADERS[COL_DOC], lambda t: t.document_no),
        ColumnSpec(HEADERS[COL_DETAIL], lambda line: line.detail, lambda line: line.detail or None),
        _column(HEADERS[COL_NOTE], lambda t: t.note),
    )

    @property
    def tasks(self) -> list[WorkTask]:
        return [line.task for line in self.items]

    def set_tasks(self, tasks: list[WorkTask], grams: dict[int, str]) -> None:
        """``grams``: quarter → that quarter's 人均餐厨垃圾, shown beside its self-evaluation."""
        kinds = list(TaskKind)
        ordered = sorted(tasks, key=lambda t: (kinds.index(t.kind), t.quarter or 0, t.task_id or 0))
        self.set_items(TaskLine(t, _detail(t, grams)) for t in ordered)

    def task_at(self, row: int) -> WorkTask | None:
        line = self.item_at(row)
        return line.task if line is not None else None

    def role_data(self, item: TaskLine, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_QUANTITY:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def _detail(t: WorkTask, grams: dict[int, str]) -> str:
    detail = detail_text(t, _grouped)
    if t.kind is TaskKind.FOOD_WASTE_EVAL and t.quarter in grams:
        detail = "；".join(x for x in (detail, f"人均餐厨垃圾 {grams[t.quarter]} 克/人次") if x)
    return detail


class WorkPlanScreen(QWidget):
    saved = Signal(str)
    #: The tasks, and the summary under them (e-waste 件, PV generation and 餐厨垃圾 from the readings, vehicles).
    SHOWS = frozenset({ChangeKind.TASKS, ChangeKind.EWASTE, ChangeKind.READINGS, ChangeKind.PROFILE, ChangeKind.METERS})

    def __init__(self, changer: Changer, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.changer = changer
        self.service = changer.service
        self.today = today or date.today()
        layout = QVBoxLayout(self)
        bar, self.year_box, self.year_info = year_bar(self._default_year())
        self.import_button = QPushButton("导入工作安排(&P)…")
        self.import_button.setToolTip("导入机关事务管理局下发的以后年度工作安排文件（workplan-YYYY.json）")
        self.import_button.clicked.connect(self.import_plan)
        bar.addWidget(self.import_button)
        layout.addLayout(bar)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        layout.addWidget(self.plan_label)

        actions = QHBoxLayout()
        kind_label = QLabel("类别(&K)")
        self.kind_box = QComboBox()
        for k in TaskKind:
            self.kind_box.addItem(k.label, k)
        kind_label.setBuddy(self.kind_box)
        self.add_button = QPushButton("新增(&A)…")
        self.add_button.setToolTip("按所选类别新增一项（Ctrl+N）")
        self.edit_button = QPushButton("修改(&M)…")
        self.edit_button.setToolTip("修改选中的一项（Enter）")
        self.delete_button = QPushButton("删除(&D)")
        self.delete_button.setToolTip("删除选中的一项（Delete）")
        for w in (kind_label, self.kind_box, self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(w)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.model = TaskModel(self)
        self.view = RecordTableView()  # Enter edits, Delete deletes
        self.view.setModel(self.model)
        make_read_only_list(self.view)
        self.view.horizontalHeader().setSectionResizeMode(COL_DETAIL, QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.view, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)

        self.add_button.clicked.connect(self.add_task)
        self.edit_button.clicked.connect(self.edit_task)
        self.delete_button.clicked.connect(self.delete_task)
        self.view.editRequested.connect(self.edit_task)
        self.view.deleteRequested.connect(self.delete_task)
        self.view.doubleClicked.connect(lambda _i: self.edit_task())
        QShortcut(QKeySequence("Ctrl+N"), self, self.add_task)
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.refresh()

    def _default_year(self) -> int:
        years = [y for y in self.service.ledger.profiles if y <= self.today.year]
        return max(years) if years else self.today.year - 1

    @property
    def year(self) -> int:
        return self.year_box.value()

    # ---- showing ------------------------------------------------------------------------------

    def refresh(self) -> None:
        from gxjn_desktop.domain.numbers import format_fixed
        from gxjn_desktop.services.reference_data import load_reference
        from gxjn_desktop.services.workplan.plans import plan_for
        from gxjn_desktop.services.workplan.summary import canteen_grams_per_diner, summary_json

        ledger = self.service.ledger
        year = self.year
        data_dir = self.service.store.path.parent
        try:
            choice = plan_for(year, data_dir)
            plan_text = f"适用工作安排：{choice.label}（版本 {choice.plan.version}）"
        except UserError as err:
            plan_text = err.message
        self.plan_label.setText(plan_text)
        grams: dict[int, str] = {}
        for q in range(1, 5):
            g = canteen_grams_per_diner(ledger, year, (3 * q - 2, 3 * q - 1, 3 * q))
            if g is not None:
                grams[q] = format_fixed(g, 1) or ""
        current = self.view.currentIndex().row()
        self.model.set_tasks(ledger.tasks_of(year), grams)
        pad_columns(self.view, range(COL_NOTE))
        for col, widest in ((COL_NAME, 220), (COL_DOC, 200), (COL_DETAIL, 420)):  # the rest in the tooltip
            self.view.setColumnWidth(col, min(self.view.columnWidth(col), widest))
        if self.model.rowCount():
            self.view.selectRow(min(max(current, 0), self.model.rowCount() - 1))
        s = summary_json(ledger, year, load_reference())
        yes = {True: "是", False: "否"}

        def n(key: str) -> str:  # the summary's figures as every number of the window is shown
            return shown_number(str(s[key]))

        generation = f"，发电 {n('pv_generation_kwh')} kWh（取自光伏表月度记录）" if s["pv_generation_kwh"] else ""
        vehicles = f"新能源汽车 {s['new_energy_vehicles']}/{s['fleet_vehicles']} 辆；" if s["fleet_vehicles"] else ""
        self.summary.setText(
            f"{year} 年计入工作安排目标：节能改造（已完成）{n('retrofit_area_m2')} m²；"
            f"屋顶光伏 {s['pv_projects']} 个、{n('pv_capacity_kw')} kW{generation}；"
            f"合同能源管理 {s['emc_projects']} 个；废旧电子产品 {s['ewaste_items']} 件（取自处置记录）；"
            f"节约型机关 {yes[s['saving_org']]}；节水型单位 {yes[s['water_saving_unit']]}；{vehicles}"
            f"全电厨房 {yes[s['electric_kitchen']]}"
        )
        self.year_info.setText(f"共 {self.model.rowCount()} 项")
        has = self.model.rowCount() > 0
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def show_task(self, year: int, field: str) -> None:
        """Select the task a finding names (``<kind>#<id>.<field>``)."""
        self.year_box.setValue(year)
        self.refresh()
        try:
            task_id = int(field.split("#", 1)[1].split(".", 1)[0])
        except (IndexError, ValueError):
            return
        row = next((i for i, t in enumerate(self.model.tasks) if t.task_id == task_id), -1)
        if row >= 0:
            self.view.selectRow(row)
        self.view.setFocus()

    # ---- editing ------------------------------------------------------------------------------

    def _ask(self, kind: TaskKind, task: WorkTask | None) -> WorkTask | None:
        from gxjn_desktop.services.workplan.tasks import grade_bands_in_force, pv_meters

        return ask_task(self, kind, self.year, grade_bands_in_force(), pv_meters(self.service.ledger), task)

    def apply_changes(self, _changes: OpChanges) -> None:
        if self.isVisible():  # otherwise the window refreshes it when it is shown
            self.refresh()

    def show_place(self, place: Origin) -> None:
        """The task a change was made to (undo and redo come back here)."""
        if place.year is not None and place.year != self.year:
            self.year_box.setValue(place.year)
        self.refresh()
        row = next((i for i, t in enumerate(self.model.tasks) if t.task_id == place.item), -1)
        if row >= 0:
            self.view.selectRow(row)
        self.view.setFocus()

    def _run(self, make: Callable[[Ledger], Operation], done: str) -> bool:
        op = self.changer.build_and_run(make, self)
        if op is None:
            return False
        self.show_place(op.place)
        self.saved.emit(done)
        return True

    def _save(self, task: WorkTask, label: str) -> None:
        store = self.service.store
        self._run(lambda ledger: edits.task_saved(ledger, task, label, next_id=store.next_task_id()), f"已{label}")

    def add_task(self) -> None:
        kind = self.kind_box.currentData()
        task = self._ask(kind, None)
        if task is not None:
            self._save(task, f"新增 {self.year} 年{kind.label}")

    def current_task(self) -> WorkTask | None:
        return self.model.task_at(self.view.currentIndex().row())

    def edit_task(self) -> None:
        task = self.current_task()
        if task is None:
            return
        changed = self._ask(task.kind, task)
        if changed is not None and changed != task:
            self._save(changed, f"修改 {self.year} 年{task.kind.label}")

    def delete_task(self) -> None:
        task = self.current_task()
        if task is None or task.task_id is None:
            return
        what = f"{task.year} 年{task.kind.label}{'“' + task.name + '”' if task.name else ''}"
        if not messages.confirm(self, "删除工作任务", f"要删除{what}吗？"):
            return
        task_id = task.task_id
        self._run(lambda ledger: edits.task_deleted(ledger, task_id, f"删除{what}"), f"已删除{what}")

    def import_plan(self) -> None:
        from gxjn_desktop.services.workplan.plans import import_plan

        path = file_dialogs.ask_open_plan(self, "导入工作安排")
        if path is None:
            return
        try:
            plan = import_plan(path, self.service.store.path.parent)
        except Refusal as err:
            messages.show_user_error(self, err)
            return
        self.refresh()
        self.saved.emit(f"已导入 {plan.year} 年工作安排（{plan.document}）")
