"""数据审核: the review's findings for a period, filters, the export gate, going to a cell, 说明."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.places import Place
from gxjn_desktop.domain.records import EXPLANATION_CAUSES
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.background import background
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.common import ColumnSpec, RowsModel
from gxjn_desktop.gui.entry_model import SEVERITY_COLOURS
from gxjn_desktop.gui.forms.ui_findings_header import Ui_FindingsHeader
from gxjn_desktop.services import finding_words
from gxjn_desktop.services.checks import CheckResult, check_period, rule_names
from gxjn_desktop.services.entry import Column, RowKey, cell_of
from gxjn_desktop.services.finding_words import meter_names, period_text, place_label
from gxjn_desktop.services.operations import ChangeKind, OpChanges
from gxjn_desktop.validation.findings import Finding, Severity

_Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's Finding.
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1

_SEVERITY_TEXT = {Severity.ERROR: "#8c1d18", Severity.WARNING: "#6b4a00", Severity.INFO: "#1d4f86"}
_UNEXPLAINED_TEXT = QColor("#b3261e")
_EXPLAINED_TEXT = QColor("#1e7b34")

#: The period picker: code and how it reads (1—1 月 would just repeat 1 月, so YTD starts at 2).
PERIOD_CHOICES: tuple[tuple[str, str], ...] = (
    ("Y", "全年"),
    *((f"Q{q}", f"第{q}季度") for q in range(1, 5)),
    *((f"M{m:02d}", f"{m}月") for m in range(1, 13)),
    *((f"YTD-M{m:02d}", f"1—{m}月") for m in range(2, 12)),
)

# ---- what a finding points at, as a place on screen ----------------------------------------------


def place_text(ledger: Ledger, finding: Finding) -> str:
    """The finding's place and field in the words of services.finding_words (``E1 主楼电表 · 本期示数``)."""
    return finding_words.place_text(finding.location, meter_names(ledger.meters))


def explanation_text(finding: Finding) -> str:
    e = finding.explanation
    if e is not None:
        return f"已说明：{e.cause}" + (f"——{e.text}" if e.text else "")
    if finding.severity is Severity.ERROR:
        return "须改正数据"
    if finding.needs_explanation:
        return "未说明"
    return "—"


class TargetScreen(Enum):
    ENTRY = "entry"  # a cell of 月度填报
    PROFILE = "profile"  # a field of 单位信息 (the year's 基本情况)
    TASK = "task"  # a work-plan task in 工作任务 (field: ``<kind>#<id>.<field>``)


@dataclass(frozen=True)
class FindingTarget:
    screen: TargetScreen
    year: int
    month: int = 0
    row_key: RowKey | None = None
    column: Column = Column.VALUE
    field: str = ""


def finding_target(ledger: Ledger, finding: Finding) -> FindingTarget | None:
    """Where activating a finding goes; ``None`` for period-wide findings (indicators, quotas …)."""
    loc = finding.location
    if loc.place in (Place.PROFILE, Place.TASK):
        screen = TargetScreen.PROFILE if loc.place is Place.PROFILE else TargetScreen.TASK
        return FindingTarget(screen, loc.year, field=loc.field or "")
    cell = cell_of(ledger, loc)
    if cell is None:
        return None
    return FindingTarget(TargetScreen.ENTRY, cell.year, cell.month, cell.row, cell.column)


# ---- the table -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FindingRow:
    finding: Finding
    period: str
    place: str
    explanation: str
    rule_name: str = ""  # the rule's short Chinese name (rules.json); the id stays in tooltip and detail
    rule_title: str = ""


def _rule_tip(row: FindingRow) -> str:
    f = row.finding
    return f"{row.rule_title}（规则编号 {f.rule_id}）" if row.rule_title else f.rule_id


def _message_tip(row: FindingRow) -> str:
    f = row.finding
    return f"{f.message}\n{f.hint}" if f.hint else f.message


class FindingsModel(RowsModel[FindingRow]):
    columns = (
        ColumnSpec("级别", lambda r: r.finding.severity.label),
        ColumnSpec("规则", lambda r: r.rule_name or r.finding.rule_id, _rule_tip),
        ColumnSpec("期间", lambda r: r.period),
        ColumnSpec("位置", lambda r: r.place, lambda r: r.place),
        ColumnSpec("内容", lambda r: r.finding.message, _message_tip),
        ColumnSpec("说明", lambda r: r.explanation, lambda r: r.explanation if r.finding.explanation else None),
    )

    def set_rows(self, rows: list[FindingRow]) -> None:
        self.set_items(rows)

    def finding_at(self, row: int) -> Finding:
        return self.items[row].finding

    def row_of(self, fingerprint: str) -> int:
        return self.row_where(lambda r: r.finding.fingerprint == fingerprint)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def role_data(self, item: FindingRow, column: int, role: int) -> Any:
        f, col = item.finding, column
        if role == Qt.ItemDataRole.BackgroundRole and col == COL_SEVERITY:
            return QBrush(SEVERITY_COLOURS[f.severity])
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_SEVERITY:
                return QBrush(QColor(_SEVERITY_TEXT[f.severity]))
            if col == COL_EXPLANATION and f.needs_explanation:
                return QBrush(_UNEXPLAINED_TEXT)
            if col == COL_EXPLANATION and f.explanation is not None:
                return QBrush(_EXPLAINED_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and (
            col == COL_SEVERITY or (col == COL_EXPLANATION and f.needs_explanation)
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_SEVERITY:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == FINDING_ROLE:
            return f
        return None


COL_SEVERITY, COL_RULE, COL_PERIOD, COL_PLACE, COL_MESSAGE, COL_EXPLANATION = range(len(FindingsModel.columns))


class FindingsView(QTableView):
    """Enter (as well as double-click) activates the current finding, even on platforms that differ."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


# ---- the panel -----------------------------------------------------------------------------------

#: Filter choices: (label, value). Severity ``"unexplained"`` means warnings still needing a 说明.
SEVERITY_FILTERS: tuple[tuple[str, str], ...] = (
    ("全部级别", ""),
    ("错误", Severity.ERROR.value),
    ("警告", Severity.WARNING.value),
    ("未说明的警告", "unexplained"),
    ("提示", Severity.INFO.value),
)
PERIOD_WIDE = "period"  # month filter value for findings on the whole period or the year


class FindingsPanel(QWidget):
    """The period's findings; emits ``navigate`` for a finding that points at a cell or a field."""

    navigate = Signal(object)  # FindingTarget
    status = Signal(str, bool)  # text, is_error
    explained = Signal(str)  # after a 说明 is saved (the grid's tooltips change)
    reviewed = Signal()  # the panel shows the review of the period and data on screen

    SHOWS = frozenset(ChangeKind)  # the review judges every kind of data

    def __init__(self, changer: Changer, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changer = changer
        self.service = changer.service
        self.today = today
        self.findings: list[Finding] = []  # the whole period, unfiltered
        self.counts: dict[str, int] = {}
        self.export_allowed = False
        self._stale = False
        self._asked = 0  # reviews asked for; only the latest one's result is shown

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_header())
        layout.addWidget(self._build_body(), 1)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._connect()

        self._fill_years()
        self._stale = True  # the review runs when the tab is first shown, not while the window starts

    # ---- building the form --------------------------------------------------------------------

    def _build_header(self) -> QWidget:
        """The period and the filters, the counts and the gate: ui/findings_header.ui."""
        header = QWidget(self)
        self.header = Ui_FindingsHeader()
        self.header.setupUi(header)
        ui = self.header
        self.year_box: QComboBox = ui.year_box
        self.period_box: QComboBox = ui.period_box
        self.refresh_button: QPushButton = ui.refresh_button
        self.severity_box: QComboBox = ui.severity_box
        self.month_box: QComboBox = ui.month_box
        self.place_box: QComboBox = ui.place_box
        self.counts_label: QLabel = ui.counts_label
        self.gate_label: QLabel = ui.gate_label
        self.shown_label: QLabel = ui.shown_label
        for code, label in PERIOD_CHOICES:
            self.period_box.addItem(label, code)
        for label, value in SEVERITY_FILTERS:
            self.severity_box.addItem(label, value)
        return header

    def _build_body(self) -> QSplitter:
        """The table above, the selected finding's detail and its two actions below."""
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_detail())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _build_table(self) -> FindingsView:
        self.model = FindingsModel(self)
        self.view = FindingsView(self)
        self.view.setTabKeyNavigation(False)  # Tab goes on to 转到数据 / 填写说明; arrows move in the list
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setWordWrap(True)  # a long Chinese message wraps (anywhere) instead of being cut
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        rows = self.view.verticalHeader()
        rows.setVisible(False)
        # Each row as tall as its wrapped text, and a one-line row as tall as a row of the grid.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        rows.setMinimumSectionSize(self.fontMetrics().height() + 6)
        self._size_columns()
        return self.view

    def _size_columns(self) -> None:
        """Widths for typical contents; the message column takes what is left."""
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        fm = self.fontMetrics()
        for col, sample in (
            (COL_SEVERITY, "级别级"),
            (COL_RULE, "未达年度目标"),  # the rules' Chinese names; the id is in the tooltip
            (COL_PERIOD, "2025年第1季度"),
            (COL_PLACE, "E1 主楼电表 · 本期示数"),  # a longer place wraps, as the message does
        ):
            self.view.setColumnWidth(col, fm.horizontalAdvance(sample) + 20)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        self.view.setColumnWidth(COL_EXPLANATION, fm.horizontalAdvance("已说明：设备检修或故障——") + 20)

    def _build_detail(self) -> QWidget:
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.go_button = QPushButton("转到数据(&G)")
        self.go_button.setToolTip("打开这条审核结果所指的单元格（Enter 或双击）")
        self.explain_button = QPushButton("填写说明(&S)…")
        self.explain_button.setToolTip("为警告填写原因和说明（Ctrl+E）；数据改动后须重新说明")
        buttons = QVBoxLayout()
        buttons.addWidget(self.go_button)
        buttons.addWidget(self.explain_button)
        buttons.addStretch(1)
        detail_box = QWidget()
        detail_layout = QHBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addLayout(buttons)
        return detail_box

    def _connect(self) -> None:
        self._refresh_timer.timeout.connect(self.request_refresh)
        self.year_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button.clicked.connect(self.refresh)
        for box in (self.severity_box, self.month_box, self.place_box):
            box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.view.activated.connect(lambda _index: self.go_to_current())
        self.view.selectionModel().currentRowChanged.connect(lambda _cur, _prev: self._show_detail())
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.go_button.clicked.connect(self.go_to_current)
        self.explain_button.clicked.connect(self.explain_current)
        QShortcut(QKeySequence("Ctrl+E"), self).activated.connect(self.explain_current)
        QShortcut(QKeySequence("F5"), self).activated.connect(self.refresh)

    # ---- period -------------------------------------------------------------------------------

    def _fill_years(self) -> None:
        ledger = self.service.ledger
        current = self.year_box.currentData()
        chosen = {current} if isinstance(current, int) else set()
        years = sorted(set(ledger.years()) | set(ledger.profiles) | chosen) or [(self.today or date.today()).year]
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in years:
            self.year_box.addItem(f"{y} 年", y)
        i = self.year_box.findData(current if current in years else max(ledger.years() or years))
        self.year_box.setCurrentIndex(max(i, 0))
        self.year_box.blockSignals(False)

    def period(self) -> Period:
        return Period.parse(int(self.year_box.currentData()), str(self.period_box.currentData()))

    def set_period(self, year: int, code: str = "Y") -> None:
        for box, value in ((self.year_box, year), (self.period_box, code)):
            box.blockSignals(True)
            if box.findData(value) < 0 and box is self.year_box:
                box.addItem(f"{year} 年", year)
            box.setCurrentIndex(max(box.findData(value), 0))
            box.blockSignals(False)
        self.refresh()

    # ---- content ------------------------------------------------------------------------------

    def schedule_refresh(self) -> None:
        """After a save elsewhere: re-run the review soon if the panel is on screen, else when shown."""
        if self.isVisible():
            self._refresh_timer.start()
        else:
            self._stale = True

    def apply_changes(self, _changes: OpChanges) -> None:
        self.schedule_refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.request_refresh()

    def request_refresh(self) -> None:
        """The review of the period on screen, its rules run in the background (gui/background.py):
        the window takes keys meanwhile (on a long history the first run takes up to a second); the
        result is shown unless the period or the data changed meanwhile (a newer run is on its way)."""
        self._stale = False
        self._refresh_timer.stop()
        self._fill_years()
        self._asked += 1
        asked, ledger, period, today = self._asked, self.service.ledger, self.period(), self.today
        self.shown_label.setText("正在审核……")

        def show(result: CheckResult | UserError) -> None:
            if asked == self._asked and ledger is self.service.ledger and period == self.period():
                self._show_result(result)

        background().submit(self, lambda: _checked(ledger, period, today), show)

    def refresh(self) -> None:
        """The review of the period on screen, now (a period chosen, 重新审核, a 说明 saved)."""
        self._stale = False
        self._refresh_timer.stop()
        self._fill_years()
        self._asked += 1  # a result still on its way is older
        self._show_result(_checked(self.service.ledger, self.period(), self.today))

    def _show_result(self, result: CheckResult | UserError) -> None:
        if isinstance(result, UserError):
            err = result
            self.findings, self.counts, self.export_allowed = [], {}, False
            self.counts_label.setText("")
            self.gate_label.setText(f"无法审核：{err.message}。{err.hint}")
            self.gate_label.setStyleSheet("color: #b3261e; font-weight: bold;")
            self.apply_filters()
            self.reviewed.emit()
            return
        self.findings = result.findings
        self.counts = result.counts()
        c = self.counts
        self.counts_label.setText(
            f"<span style='color:#b3261e'><b>错误 {c['error']}</b></span> · "
            f"<span style='color:#8a5a00'><b>警告 {c['warning']}</b>（未说明 {c['unexplained']}）</span> · "
            f"<span style='color:#1d4f86'><b>提示 {c['info']}</b></span>"
        )
        gate = result.gate
        self.export_allowed, text = gate.allowed, gate.summary()
        self.gate_label.setText(text)
        colour = "#1e7b34" if self.export_allowed else "#b3261e"
        self.gate_label.setStyleSheet(f"color: {colour}; font-weight: bold;")
        self._fill_filters()
        self.apply_filters()
        self.reviewed.emit()

    def _fill_filters(self) -> None:
        """Months of the period and the places that have findings; the user's choice is kept."""
        ledger = self.service.ledger
        period = self.period()
        month_choice, place_choice = self.month_box.currentData(), self.place_box.currentData()
        self.month_box.blockSignals(True)
        self.month_box.clear()
        self.month_box.addItem("全部月份", "")
        for m in period.months:
            self.month_box.addItem(f"{m}月", f"{period.year:04d}-{m:02d}")
        self.month_box.addItem("全期间（不分月）", PERIOD_WIDE)
        self.month_box.setCurrentIndex(max(self.month_box.findData(month_choice), 0))
        self.month_box.blockSignals(False)
        places: dict[str, str] = {}
        names = meter_names(ledger.meters)
        for f in self.findings:
            places.setdefault(f.location.meter, place_label(f.location, names))
        self.place_box.blockSignals(True)
        self.place_box.clear()
        self.place_box.addItem("全部项目", "")
        for key, label in sorted(places.items(), key=lambda kv: kv[1]):
            self.place_box.addItem(label, key)
        self.place_box.setCurrentIndex(max(self.place_box.findData(place_choice), 0))
        self.place_box.blockSignals(False)

    def _passes(self, f: Finding) -> bool:
        severity = self.severity_box.currentData()
        if severity == "unexplained":
            if not f.needs_explanation:
                return False
        elif severity and f.severity.value != severity:
            return False
        month = self.month_box.currentData()
        is_month = f.location.month_number is not None
        if month == PERIOD_WIDE:
            if is_month:
                return False
        elif month and f.location.month != month:
            return False
        place = self.place_box.currentData()
        return not place or f.location.meter == place

    def apply_filters(self) -> None:
        current = self.current_finding()
        ledger = self.service.ledger
        rows = [
            FindingRow(f, period_text(f.location), place_text(ledger, f), explanation_text(f), *rule_names(f.rule_id))
            for f in self.findings
            if self._passes(f)
        ]
        self.model.set_rows(rows)
        total = len(self.findings)
        self.shown_label.setText(f"显示 {len(rows)} / {total} 条" if len(rows) != total else f"共 {total} 条")
        row = self.model.row_of(current.fingerprint) if current is not None else -1
        self.select_row(row if row >= 0 else 0)
        self._show_detail()

    def select_row(self, row: int) -> None:
        if not (0 <= row < self.model.rowCount()):
            return
        index = self.model.index(row, COL_MESSAGE)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def current_finding(self) -> Finding | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        return self.model.finding_at(index.row())

    def _show_detail(self) -> None:
        f = self.current_finding()
        self.go_button.setEnabled(f is not None and finding_target(self.service.ledger, f) is not None)
        self.explain_button.setEnabled(f is not None and f.severity is not Severity.ERROR)
        if f is None:
            self.detail.setText("没有审核结果。" if not self.findings else "没有符合筛选条件的审核结果。")
            return
        colour = _SEVERITY_TEXT[f.severity]
        lines = [
            f"<b style='color:{colour}'>【{f.severity.label}】</b> {_esc(rule_names(f.rule_id)[0])}"
            f"<span style='color:#666'>（{f.rule_id}）</span> · {period_text(f.location)} · "
            f"{_esc(place_text(self.service.ledger, f))}",
            _esc(f.message),
        ]
        if f.hint:
            lines.append(f"<span style='color:#444'>处理建议：{_esc(f.hint)}</span>")
        e = f.explanation
        if e is not None:
            who = "，".join(x for x in (e.entered_by, f"{e.entered_at:%Y-%m-%d %H:%M}" if e.entered_at else "") if x)
            lines.append(
                f"<span style='color:#1e7b34'><b>已说明</b>：{_esc(e.cause)}"
                + (f"——{_esc(e.text)}" if e.text else "")
                + (f"（{_esc(who)}）" if who else "")
                + "</span>"
            )
        elif f.severity is Severity.WARNING:
            lines.append("<span style='color:#b3261e'><b>尚未说明</b>：导出前须改正数据或填写说明（Ctrl+E）</span>")
        elif f.severity is Severity.ERROR:
            lines.append("<span style='color:#b3261e'><b>须改正</b>：错误不能用说明放行</span>")
        self.detail.setText("<br>".join(lines))

    # ---- actions ------------------------------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        f = self.current_finding()
        if f is None:
            return
        menu = QMenu(self)
        go = QAction("转到数据", menu)
        go.setEnabled(self.go_button.isEnabled())
        go.triggered.connect(self.go_to_current)
        explain = QAction("填写说明…", menu)
        explain.setEnabled(self.explain_button.isEnabled())
        explain.triggered.connect(self.explain_current)
        menu.addAction(go)
        menu.addAction(explain)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def go_to_current(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        target = finding_target(self.service.ledger, f)
        if target is None:
            self.status.emit("这条审核结果针对整个期间（指标、定额或品种合计），没有对应的单元格", False)
            return
        self.navigate.emit(target)

    def explain_current(self) -> None:
        f = self.current_finding()
        if f is None:
            return
        text_out = explain_finding(self, self.changer, f)
        if text_out is None:
            return
        self.refresh()  # now, to select the finding again (the scheduled one has nothing left to do)
        self._refresh_timer.stop()
        row = self.model.row_of(f.fingerprint)
        if row >= 0:
            self.select_row(row)
        self.status.emit(text_out, False)
        self.explained.emit(text_out)


def explain_finding(parent: QWidget, changer: Changer, f: Finding) -> str | None:
    """Ask for and save a 说明 of one finding (from this panel or the grid's right-click menu) as
    one undo step; the status text when saved, ``None`` when nothing was saved."""
    from gxjn_desktop.services.edits import explanation_saved
    from gxjn_desktop.services.explanations import explanation_for

    service = changer.service
    if f.severity is Severity.ERROR:
        try:  # the service words the refusal (errors are corrected, never explained)
            explanation_for(f, EXPLANATION_CAUSES[0], "")
        except UserError as err:
            messages.show_user_error(parent, err)
        return None
    where = f"{period_text(f.location)} {place_text(service.ledger, f)}"
    answer = messages.ask_explanation(parent, f, f"{period_text(f.location)} · {place_text(service.ledger, f)}")
    if answer is None:
        return None
    cause, text = answer
    try:
        explanation = explanation_for(f, cause, text, service.entered_by)
    except UserError as err:
        messages.show_user_error(parent, err)
        return None
    if not changer.run(explanation_saved(service.ledger, explanation, f"填写说明：{where}"), parent):
        return None
    return f"已保存说明：{where}（{cause}）"


def _checked(ledger: Ledger, period: Period, today: date | None) -> CheckResult | UserError:
    """check_period, its refusal (rules.json unreadable) returned to be shown in the panel."""
    try:
        return check_period(ledger, period, today)
    except UserError as err:
        return err


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
