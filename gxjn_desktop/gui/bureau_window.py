"""汇总 mode: a bureau merges a folder of packets (progress bar, cancel) and sees the totals and the
region's progress against the year's work plan (工作安排进度, as ``gxjn-cli bureau progress``).

The merge runs in a worker thread through the same service as ``gxjn-cli bureau merge``; the store
is written one packet per transaction, so 取消 leaves it as it was before the packet under way.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QObject, Qt, QThread, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.numbers import NOT_APPLICABLE
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui.common import ScrollingPage, shown_number, year_bar

GOAL_UNITS = {"m2": " m²", "projects": " 个", "kW": " kW", "items": " 件", "pct": "%"}
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _cell(text: str, number: bool = False) -> QTableWidgetItem:
    """A read-only cell; figures right-aligned as in a spreadsheet."""
    item = QTableWidgetItem(text)
    if number:
        item.setTextAlignment(RIGHT)
    return item


def _fit_rows(table: QTableWidget, fixed: bool) -> None:
    """A short table no taller than its rows (no empty band below); ``fixed``: exactly as tall."""
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) for r in range(table.rowCount()))
    if fixed:
        table.setFixedHeight(height)
    else:
        table.setMaximumHeight(height)  # on a small screen it scrolls


class _MergeWorker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)  # MergeReport, or the error's one line

    def __init__(self, data_dir: Path, folder: Path, cancel: threading.Event) -> None:
        super().__init__()
        self.data_dir, self.folder, self.cancel = data_dir, folder, cancel

    def run(self) -> None:
        from gxjn_desktop.errors import Refusal
        from gxjn_desktop.services.bureau.merge import merge_folder
        from gxjn_desktop.services.bureau.store import open_store

        try:
            store = open_store(self.data_dir)
            try:
                report = merge_folder(
                    store,
                    self.folder,
                    progress=lambda i, n, _o: self.progressed.emit(i, n),
                    cancelled=self.cancel.is_set,
                )
            finally:
                store.close()
        except Refusal as err:
            self.finished.emit(err.one_line())
            return
        self.finished.emit(report)


class BureauWindow(QWidget):
    """The bureau's screen: 选择文件夹 → 合并 (with progress and 取消) → 合并报告 and 行政区域汇总."""

    mergeFinished = Signal(object)

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("汇总（机关事务管理局）")
        self.data_dir = data_dir
        self.folder: Path | None = None
        self._cancel = threading.Event()
        self._thread: QThread | None = None
        self._worker: _MergeWorker | None = None
        self.folder_label = QLabel("尚未选择报送包文件夹")
        self.choose_button = QPushButton("选择报送包文件夹(&O)…")
        self.merge_button = QPushButton("合并(&M)")
        self.cancel_button = QPushButton("取消(&C)")
        self.merge_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.status = QLabel(f"汇总数据文件夹：{data_dir}")
        self.report_table = QTableWidget(0, 3)
        self.report_table.setHorizontalHeaderLabels(["文件", "结果", "说明"])
        self.report_table.horizontalHeader().setStretchLastSection(True)
        self.summary_table = QTableWidget(0, 6)
        self.summary_table.setHorizontalHeaderLabels(
            ["地区", "单位数", "用能人数", "综合能耗（tce）", "二氧化碳（tCO2）", "人均综合能耗（kgce/人）"]
        )
        for table in (self.report_table, self.summary_table):  # figures to read: typing over them did nothing
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setTabKeyNavigation(False)
        self.tabs = tabs = QTabWidget()
        tabs.addTab(self.report_table, "合并报告")
        tabs.addTab(self.summary_table, "行政区域汇总")
        tabs.addTab(ScrollingPage(self._progress_page()), "工作安排进度")
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):  # as WPS steps through sheets
            QShortcut(QKeySequence(keys), self).activated.connect(
                lambda step=step: tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())
            )
        top = QHBoxLayout()
        for w in (self.choose_button, self.merge_button, self.cancel_button):
            top.addWidget(w)
        top.addWidget(self.folder_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.status)
        self.choose_button.clicked.connect(self.choose_folder)
        self.merge_button.clicked.connect(self.start_merge)
        self.cancel_button.clicked.connect(self.cancel)

    def _progress_page(self) -> QWidget:
        """The year's goals (target, achieved, share, status, units counted) and the four indicators."""
        page = QWidget()
        bar, self.progress_year, self.progress_info = year_bar(QDate.currentDate().year() - 1)
        self.progress_info.setWordWrap(True)
        bar.setStretchFactor(self.progress_info, 10)  # the line takes the width before it wraps
        self.goals_table = QTableWidget(0, 6)
        self.goals_table.setHorizontalHeaderLabels(["目标任务", "目标", "已完成", "完成比例", "计入单位", "状态"])
        self.indicators_table = QTableWidget(0, 6)
        self.indicators_table.setHorizontalHeaderLabels(["指标", "本年", "上年", "同比", "目标（同比）", "状态"])
        for table in (self.goals_table, self.indicators_table):
            table.verticalHeader().setVisible(False)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.setTabKeyNavigation(False)
            table.horizontalHeader().setStretchLastSection(True)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.silent_label = QLabel()
        self.silent_label.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(bar)
        layout.addWidget(self.goals_table, 10)  # the space goes to the goals, up to all their rows
        layout.addWidget(QLabel("四项指标（各单位合计之比，只计两年都有数据的单位）"))
        layout.addWidget(self.indicators_table)
        layout.addWidget(self.silent_label)
        layout.addStretch(1)
        self.progress_year.valueChanged.connect(lambda y: self.show_progress(int(y)))
        return page

    def show_progress(self, year: int) -> None:
        """工作安排进度 of ``year`` over the accepted whole-year packets (``gxjn-cli bureau progress``)."""
        from gxjn_desktop.errors import Refusal
        from gxjn_desktop.services.bureau.queries import accepted_packets
        from gxjn_desktop.services.bureau.store import open_store
        from gxjn_desktop.services.workplan.progress import progress_for

        if self.progress_year.value() != year:
            self.progress_year.blockSignals(True)
            self.progress_year.setValue(year)
            self.progress_year.blockSignals(False)
        try:
            store = open_store(self.data_dir)
            try:
                data = progress_for(accepted_packets(store, year), year, self.data_dir)
            finally:
                store.close()
        except Refusal as err:
            self.progress_info.setText(f"错误：{err.one_line()}")
            return
        self.progress_info.setText(
            f"{data['plan']['label']}；已采用 {data['units']} 个单位的全年数据包，"
            f"其中 {data['units_with_work_plan']} 个报送了工作任务"
        )
        self.goals_table.setRowCount(len(data["goals"]))
        for r, g in enumerate(data["goals"]):
            unit = GOAL_UNITS.get(g["unit"], "")
            target = f"{shown_number(g['target'])}{unit}" if g["target"] is not None else "无目标"
            achieved = f"{shown_number(g['achieved'])}{unit}" if g["achieved"] is not None else NOT_APPLICABLE
            share = f"{g['share_pct']}%" if g["share_pct"] is not None and g["unit"] != "pct" else ""
            counted = f"{g['count']}/{g['units_counted']}" if "count" in g else str(g["units_counted"])
            for c, text in enumerate((g["label"], target, achieved, share, counted, g["status_label"])):
                self.goals_table.setItem(r, c, _cell(text, c in (1, 2, 3, 4)))
        self.indicators_table.setRowCount(len(data["indicators"]))
        for r, ind in enumerate(data["indicators"]):
            change = f"{ind['change_pct']}%" if ind["change_pct"] is not None else NOT_APPLICABLE
            values = (
                ind["label"],
                shown_number(ind["value"] or NOT_APPLICABLE),
                shown_number(ind["previous"] or NOT_APPLICABLE),
                change,
                f"{ind['target_pct']}%",
                ind["status_label"],
            )
            for c, text in enumerate(values):
                self.indicators_table.setItem(r, c, _cell(text, c in (1, 2, 3, 4)))
        for table in (self.goals_table, self.indicators_table):
            table.resizeColumnsToContents()
        _fit_rows(self.goals_table, fixed=False)
        _fit_rows(self.indicators_table, fixed=True)
        silent = data["units_reporting_nothing"]
        names = "、".join(u["name"] for u in silent[:10]) + ("等" if len(silent) > 10 else "")
        self.silent_label.setText(f"未报送工作任务的单位（{len(silent)} 个）：{names}" if silent else "")

    def choose_folder(self) -> None:
        from gxjn_desktop.gui.file_dialogs import ask_folder

        # The program's own Chinese folder dialog (dates as 2026-11-27 11:54), from the folder used last.
        chosen = ask_folder(self, "选择存放各单位报送包（.zip）的文件夹")
        if chosen is not None:
            self.set_folder(chosen)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))
        self.merge_button.setEnabled(True)

    def start_merge(self) -> None:
        if self.folder is None or self._thread is not None:
            return
        self._cancel.clear()
        self.merge_button.setEnabled(False)
        self.choose_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.status.setText("正在校验和合并……")
        self._thread = QThread(self)
        self._worker = _MergeWorker(self.data_dir, self.folder, self._cancel)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progressed.connect(self._progressed)
        self._worker.finished.connect(self._finished)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()
        self.status.setText("正在取消：当前这个报送包处理完后停止……")

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(f"已处理 {done}/{total} 个报送包")

    def _finished(self, result: Any) -> None:
        from gxjn_desktop.services.bureau.merge import OUTCOME_LABELS

        assert self._thread is not None
        self._thread.quit()
        self._thread.wait()
        self._thread = self._worker = None
        self.cancel_button.setEnabled(False)
        self.merge_button.setEnabled(True)
        self.choose_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        if isinstance(result, str):
            self.status.setText(f"错误：{result}")
            self.mergeFinished.emit(result)
            return
        self.report_table.setRowCount(len(result.files))
        for r, f in enumerate(result.files):
            codes = " ".join(f.codes or ([f.code] if f.code else []))
            for c, text in enumerate((Path(f.file).name, OUTCOME_LABELS[f.outcome], f.detail)):
                item = QTableWidgetItem(text)
                if codes and c > 0:  # the clerk reads Chinese; the code is there for support
                    item.setToolTip(f"{text}\n问题代码（技术支持用）：{codes}")
                self.report_table.setItem(r, c, item)
        self.report_table.resizeColumnsToContents()
        counts = result.counts()
        done = "已取消，已合并的报送包保留；再次合并会接着处理其余的。" if result.cancelled else "合并完成。"
        self.status.setText(
            f"{done}采用 {counts['accepted']}，存档 {counts['superseded']}，重复 {counts['duplicate']}，拒收 {counts['refused']}"
        )
        periods = sorted({f.period for f in result.files if f.period and f.status == "accepted"})
        if periods:
            self.show_summary(periods[-1])
            self.show_progress(Period.from_key(periods[-1]).year)
        self.mergeFinished.emit(result)

    def show_summary(self, period: str) -> None:
        from gxjn_desktop.services.bureau.store import open_store
        from gxjn_desktop.services.bureau.summary import load_summary, summary_json

        chosen = Period.from_key(period)
        store = open_store(self.data_dir)
        try:
            data = summary_json(load_summary(store, chosen.year, chosen.code))
        finally:
            store.close()
        groups = [*data["groups"], data["total"]]
        self.summary_table.setRowCount(len(groups))
        for r, g in enumerate(groups):
            indent = {"city": "  ", "county": "    "}.get(g["level"], "")
            code = "" if g["level"] == "total" else f"{g['key']} "  # 行政区划代码 beside the name
            values = [
                indent + code + g["label"],
                str(g["units"]),
                shown_number(str(g["people"]["value"] or NOT_APPLICABLE)),
                shown_number(g["comprehensive_energy_tce"]["value"] or NOT_APPLICABLE),
                shown_number(g["co2_t"]["value"] or NOT_APPLICABLE),
                shown_number(g["indicators"]["energy_per_capita_kgce"]["value"] or NOT_APPLICABLE),
            ]
            for c, text in enumerate(values):
                self.summary_table.setItem(r, c, _cell(text, c > 0))
        self.summary_table.resizeColumnsToContents()
