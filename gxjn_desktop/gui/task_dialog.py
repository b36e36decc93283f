"""The form for one 工作任务: the fields of its kind (TASK_FIELDS), built from that table.

The form refuses what cannot be saved before it closes (the first problem in red, the cursor on the
field to correct), so nothing is written on an error. Dates are typed as YYYY-MM-DD or left empty.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.numbers import normalize_number_text, parse_decimal, plain
from gxjn_desktop.domain.workplan import (
    DEMONSTRATION_PROGRAMMES,
    FOOD_EVAL_PARTS,
    STATUS_CHOICES,
    TASK_FIELDS,
    EmcType,
    GradeBands,
    RetrofitMeasure,
    TaskField,
    TaskKind,
    WorkTask,
    task_problems,
)
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui.common import error_label
from gxjn_desktop.gui.forms.ui_task_form import Ui_TaskForm

_TEXT_LIMITS = {"name": 200, "document_no": 100, "contractor": 200}
_PLACEHOLDERS = {
    "day": "YYYY-MM-DD，可不填",
    "document_no": "批复、验收或证书文号",
    "quantity": "数字（全角数字也可以）",
    "meter_code": "",
}


def parse_day(text: str, what: str) -> date | None:
    t = normalize_number_text(text)
    if not t:
        return None
    try:
        return date.fromisoformat(t)
    except ValueError as exc:
        raise UserError(f"{what}“{text}”不是有效的日期", "请按 YYYY-MM-DD 填写，例如 2025-06-30，或留空") from exc


def parse_optional(text: str, what: str) -> Decimal | None:
    return parse_decimal(text, what) if text.strip() else None


def parse_whole(text: str, what: str) -> int | None:
    value = parse_optional(text, what)
    if value is None:
        return None
    if value != value.to_integral_value():
        raise UserError(f"{what}须为整数（现为 {plain(value)}）", "请填写整数")
    return int(value)


class TaskForm(QDialog):
    """新增 or 修改 one task of ``kind`` for ``year``."""

    def __init__(
        self,
        kind: TaskKind,
        year: int,
        bands: GradeBands,
        pv_meters: list[Meter],
        task: WorkTask | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.kind, self.year, self.bands = kind, year, bands
        self.original = task
        self.task: WorkTask | None = None
        self.ui = Ui_TaskForm()
        self.ui.setupUi(self)
        self.setWindowTitle(f"{'修改' if task else '新增'} {year} 年工作任务：{kind.label}")
        form: QFormLayout = self.ui.form
        self.widgets: dict[str, QWidget] = {}
        self.part_edits: list[QLineEdit] = []
        self.measure_boxes: dict[RetrofitMeasure, QCheckBox] = {}
        self.grade_label = QLabel()
        for f in TASK_FIELDS[kind]:
            widget, row = self._widget(f, pv_meters)
            self.widgets[f.name] = widget
            label = QLabel(f"{f.label}{'（' + f.unit + '）' if f.unit else ''}{' *' if f.required else ''}")
            label.setBuddy(widget)
            form.addRow(label, row or widget)
        self.error = error_label(self.ui.error)
        buttons: QDialogButtonBox = self.ui.buttons
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存(&S)")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if task is not None:
            self._fill(task)
        self._score_changed()
        first = next(iter(self.widgets.values()))
        first.setFocus()

    # ---- building -----------------------------------------------------------------------------

    def _widget(self, f: TaskField, pv_meters: list[Meter]) -> tuple[QWidget, QHBoxLayout | QGridLayout | None]:
        kind = self.kind
        if f.name == "status":
            box = QComboBox()
            for s in STATUS_CHOICES[kind]:
                box.addItem(s.label, s)
            return box, None
        if f.name == "emc_type":
            box = QComboBox()
            for e in EmcType:
                box.addItem(e.label, e)
            return box, None
        if f.name == "quarter":
            box = QComboBox()
            for q in range(1, 5):
                box.addItem(f"第 {q} 季度", q)
            return box, None
        if f.name == "meter_code":
            box = QComboBox()
            box.addItem("（未指定）", "")
            for meter in pv_meters:
                box.addItem(f"{meter.code}  {meter.name}", meter.code)
            return box, None
        if f.name == "name" and kind is TaskKind.DEMONSTRATION:
            box = QComboBox()
            box.addItems(DEMONSTRATION_PROGRAMMES)
            return box, None
        if f.name == "measures":
            row = QHBoxLayout()
            holder = QWidget()
            holder.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            for measure in RetrofitMeasure:
                check = QCheckBox(measure.label)
                self.measure_boxes[measure] = check
                row.addWidget(check)
            row.addStretch(1)
            return holder, None
        if f.name == "part_scores":
            grid = QGridLayout()
            holder = QWidget()
            holder.setLayout(grid)
            grid.setContentsMargins(0, 0, 0, 0)
            for i, part in enumerate(FOOD_EVAL_PARTS):
                edit = QLineEdit()
                edit.setPlaceholderText("分")
                edit.textChanged.connect(self._parts_changed)
                self.part_edits.append(edit)
                grid.addWidget(QLabel(part), i // 3, 2 * (i % 3))
                grid.addWidget(edit, i // 3, 2 * (i % 3) + 1)
            return holder, None
        if f.name == "grade":
            self.grade_label.setToolTip("按得分自动确定（阈值见审核规则 TASK-GRADE）")
            return self.grade_label, None
        edit = QLineEdit()
        edit.setMaxLength(_TEXT_LIMITS.get(f.name, 500))
        edit.setPlaceholderText(_PLACEHOLDERS.get(f.name, ""))
        if f.name == "quantity" and kind is TaskKind.FOOD_WASTE_EVAL:
            edit.textChanged.connect(self._score_changed)
        return edit, None

    def _fill(self, t: WorkTask) -> None:
        for name, widget in self.widgets.items():
            value = getattr(t, name)
            if isinstance(widget, QComboBox):
                i = widget.findData(value) if widget.findData(value) >= 0 else widget.findText(str(value))
                widget.setCurrentIndex(max(i, 0))
            elif isinstance(widget, QLineEdit):
                if isinstance(value, Decimal):
                    widget.setText(plain(value))
                elif isinstance(value, date):
                    widget.setText(value.isoformat())
                else:
                    widget.setText("" if value is None else str(value))
        for m, box in self.measure_boxes.items():
            box.setChecked(m in t.measures)
        for edit, v in zip(self.part_edits, t.part_scores, strict=False):
            edit.setText("" if v is None else plain(v))

    def _parts_changed(self) -> None:
        """All five parts filled: their sum is the score."""
        try:
            parts = [parse_optional(e.text(), "分项得分") for e in self.part_edits]
        except UserError:
            return
        if all(p is not None for p in parts):
            total = sum((p for p in parts if p is not None), Decimal(0))
            quantity = self.widgets["quantity"]
            assert isinstance(quantity, QLineEdit)
            quantity.setText(plain(total))

    def _score_changed(self) -> None:
        quantity = self.widgets.get("quantity")
        if self.kind is not TaskKind.FOOD_WASTE_EVAL or not isinstance(quantity, QLineEdit):
            return
        try:
            score = parse_optional(quantity.text(), "自评得分")
        except UserError:
            score = None
        self.grade_label.setText(self.bands.grade(score) if score is not None else "（填写得分后自动确定）")

    # ---- reading ------------------------------------------------------------------------------

    def _text(self, name: str) -> str:
        w = self.widgets.get(name)
        if isinstance(w, QLineEdit):
            return w.text().strip()
        if isinstance(w, QComboBox):
            return w.currentText().strip()
        return ""

    def _data(self, name: str) -> object:
        w = self.widgets.get(name)
        return w.currentData() if isinstance(w, QComboBox) else None

    def read_task(self) -> tuple[WorkTask | None, str | None, QWidget | None]:
        """The task as filled in, or the first problem and the field to correct."""
        labels = {f.name: f.label for f in TASK_FIELDS[self.kind]}
        values: dict[str, object] = {}
        current = ""  # the field being read, to put the cursor on when it is refused
        try:
            for name in ("quantity", "investment_yuan", "saving_tce", "saving_yuan"):
                if name in self.widgets:
                    current = name
                    values[name] = parse_optional(self._text(name), labels[name])
            for name in ("term_years", "built_year"):
                if name in self.widgets:
                    current = name
                    values[name] = parse_whole(self._text(name), labels[name])
            if "day" in self.widgets:
                current = "day"
                values["day"] = parse_day(self._text("day"), labels["day"])
            for i, edit in enumerate(self.part_edits):
                current = f"part{i}"
                parse_optional(edit.text(), f"{FOOD_EVAL_PARTS[i]}得分")
            if self.part_edits:
                parts = tuple(parse_optional(e.text(), "分项得分") for e in self.part_edits)
                values["part_scores"] = parts if any(p is not None for p in parts) else ()
        except UserError as err:
            widget = self.part_edits[int(current[4:])] if current.startswith("part") else self.widgets.get(current)
            return None, err.one_line(), widget
        for name in ("document_no", "note", "contractor", "findings"):
            if name in self.widgets:
                values[name] = self._text(name)
        if "name" in self.widgets:
            values["name"] = self._text("name")
        for name in ("status", "emc_type", "quarter", "meter_code"):
            if name in self.widgets:
                values[name] = self._data(name)
        if self.measure_boxes:
            values["measures"] = tuple(m for m, box in self.measure_boxes.items() if box.isChecked())
        score = values.get("quantity")
        if self.kind is TaskKind.FOOD_WASTE_EVAL and isinstance(score, Decimal):
            values["grade"] = self.bands.grade(score)
        base = self.original or WorkTask(self.kind, self.year)
        task = replace(base, **values)  # type: ignore[arg-type]
        problems = task_problems(task)
        if problems:
            field = next((f.name for f in TASK_FIELDS[self.kind] if f.label in problems[0]), None)
            return None, problems[0], self.widgets.get(field) if field else None
        return task, None, None

    def accept(self) -> None:
        task, problem, widget = self.read_task()
        if problem is not None:
            self.error.setText(problem)
            if widget is not None:
                widget.setFocus()
            return
        self.task = task
        super().accept()


def ask_task(
    parent: QWidget | None,
    kind: TaskKind,
    year: int,
    bands: GradeBands,
    pv_meters: list[Meter],
    task: WorkTask | None = None,
) -> WorkTask | None:
    """The form's task, or ``None`` when cancelled (tests patch this)."""
    dialog = TaskForm(kind, year, bands, pv_meters, task, parent)
    return dialog.task if dialog.exec() == QDialog.DialogCode.Accepted else None
