"""报送: export a period's packet (the export gate first), see where it went and its fingerprint,
reopen an exported period with a reason, and the history of revisions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.exports import ExportRecord
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import Refusal
from gxjn_desktop.gui import messages
from gxjn_desktop.gui.common import ColumnSpec, RowsModel, year_bar
from gxjn_desktop.gui.findings_panel import finding_target
from gxjn_desktop.services.entry import EntryService
from gxjn_desktop.services.operations import ChangeKind, OpChanges
from gxjn_desktop.validation.findings import Finding

PERIOD_CHOICES = ("Y", "Q1", "Q2", "Q3", "Q4", *[f"M{m:02d}" for m in range(1, 13)])


def ask_out_folder(parent: QWidget | None) -> Path | None:
    """The folder the packet goes to (a function so tests can answer it)."""
    from gxjn_desktop.gui.file_dialogs import ask_folder

    return ask_folder(parent, "选择数据包存放的文件夹")


def ask_reopen_reason(parent: QWidget | None, label: str) -> str | None:
    text, ok = QInputDialog.getMultiLineText(
        parent, "更正已上报的数据", f"{label}已上报。请写明更正原因（将写入下一版数据包，供主管部门查阅）："
    )
    return text.strip() if ok and text.strip() else None


def _when(iso: str) -> str:
    """``2026-11-27 11:37`` from an ISO time with its offset."""
    return iso[:16].replace("T", " ")


def _status(e: ExportRecord) -> str:
    return "已上报" if e.locks else f"已重新打开（{e.reopen_reason or ''}）"


class HistoryModel(RowsModel[ExportRecord]):
    """The unit's exports, newest first."""

    columns = (
        ColumnSpec("期间", lambda e: e.period.label),
        ColumnSpec("版本", lambda e: f"第 {e.revision} 版"),
        ColumnSpec("导出时间", lambda e: _when(e.exported_at)),
        ColumnSpec("文件", lambda e: e.file_name),
        ColumnSpec("数据包指纹", lambda e: e.packet_fingerprint),
        ColumnSpec("更正原因", lambda e: e.reason or ""),
        ColumnSpec("状态", _status),
    )

    def ordered(self, items: list[ExportRecord]) -> list[ExportRecord]:
        return sorted(items, key=lambda e: (e.year, e.period_code, e.revision), reverse=True)


class ReportScreen(QWidget):
    """The 报送 tab. ``navigate`` carries a FindingTarget for a blocking finding that is activated."""

    navigate = Signal(object)
    status = Signal(str)
    exported = Signal()
    SHOWS = frozenset(ChangeKind)  # the export gate judges everything; the packet carries everything

    def apply_changes(self, _changes: OpChanges) -> None:
        if self.isVisible():  # otherwise the window refreshes it when it is shown
            self.refresh()

    def __init__(self, service: EntryService, *, today: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.today = today
        self.last_folder: Path | None = None
        last_year = (today or date.today()).year - 1
        # A year with records or with 基本情况 (a new unit has no records yet, only its first year's).
        years = sorted(set(service.ledger.years()) | set(service.ledger.profiles))
        bar, self.year_box, _ = year_bar(last_year if last_year in years or not years else years[-1])
        self.period_box = QComboBox()
        for code in PERIOD_CHOICES:
            self.period_box.addItem(Period.parse(2000, code).label.removeprefix("2000年"), code)
        bar.insertWidget(2, self.period_box)
        self.gate_label = QLabel()
        self.gate_label.setWordWrap(True)
        self.blocking = QListWidget()
        self.blocking.setWordWrap(True)  # a finding's message and hint in full, without scrolling sideways
        self.blocking.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.blocking.setToolTip("双击一条，转到需要改正或说明的位置")
        self.export_button = QPushButton("导出数据包(&D)…")
        self.reopen_button = QPushButton("更正已上报的数据(&R)…")
        self.open_folder_button = QPushButton("打开所在文件夹(&O)")
        self.open_folder_button.setEnabled(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label = QLabel()
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setTabKeyNavigation(False)  # read only: Tab goes on, arrows move
        self.history_view.setModel(self.history)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        buttons = QHBoxLayout()
        for b in (self.export_button, self.reopen_button, self.open_folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.gate_label)
        layout.addWidget(self.blocking, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.result_label)
        layout.addWidget(self.key_label)
        layout.addWidget(QLabel("已导出的数据包（各版本）"))
        layout.addWidget(self.history_view, 1)
        self.year_box.valueChanged.connect(lambda _y: self.refresh())
        self.period_box.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button.clicked.connect(self.export)
        self.reopen_button.clicked.connect(self.reopen)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.blocking.itemActivated.connect(self._go_to)
        # Filled when the tab is shown (running the checks at start-up would slow the window).

    def period(self) -> Period:
        return Period.parse(self.year_box.value(), str(self.period_box.currentData()))

    def refresh(self) -> None:
        from gxjn_desktop.services.checks import check_period

        period = self.period()
        store = self.service.store
        latest = next(
            (
                e
                for e in sorted(store.exports(), key=lambda e: -e.revision)
                if (e.year, e.period_code) == (period.year, period.code)
            ),
            None,
        )
        self.blocking.clear()
        self.reopen_button.setEnabled(latest is not None and latest.locks)
        if latest is not None and latest.locks:
            self.gate_label.setText(
                f"{period.label}已上报（第 {latest.revision} 版，{_when(latest.exported_at)}），数据只读。"
                "再次导出将按已上报的内容重新生成同一版；如需更正，请点“更正已上报的数据”。"
            )
            self.gate_label.setStyleSheet("color: #1d4f86; font-weight: bold;")
            self.export_button.setEnabled(True)
        else:
            result = check_period(self.service.ledger, period, self.today)
            gate = result.gate
            self.gate_label.setText(gate.summary() + ("" if gate.allowed else "。双击下面一条可转到该处。"))
            self.gate_label.setStyleSheet(f"color: {'#1e7b34' if gate.allowed else '#b3261e'}; font-weight: bold;")
            self.export_button.setEnabled(gate.allowed)
            for f in result.blocking:
                item = QListWidgetItem(f"[{f.severity.label}] {f.message}（{f.hint}）")
                item.setData(Qt.ItemDataRole.UserRole, f)
                self.blocking.addItem(item)
            if gate.missing_months:
                self.blocking.addItem(f"尚未填完的月份：{'、'.join(f'{m}月' for m in gate.missing_months)}")
        self.blocking.setVisible(self.blocking.count() > 0)
        self.history.set_items(store.exports())
        self.history_view.resizeColumnsToContents()
        key = store.signing_key()
        if key is None:
            self.key_label.setText("本机签名密钥：首次导出时生成，随数据文件夹保存和备份。")
        else:
            from gxjn_desktop.services.packet.signing import key_fingerprint, public_key_base64

            self.key_label.setText(
                f"本机签名公钥：{public_key_base64(key)}\n密钥指纹：{key_fingerprint(key.public_key)}"
                "（请将公钥报主管部门登记；数据包和打印件上的指纹与此一致）"
            )

    def _go_to(self, item: QListWidgetItem) -> None:
        finding = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(finding, Finding):
            target = finding_target(self.service.ledger, finding)
            if target is not None:
                self.navigate.emit(target)

    def export(self) -> None:
        from gxjn_desktop.render.pdf import write_report_pdf
        from gxjn_desktop.services.packet.export import ExportRefused, export_packet

        folder = ask_out_folder(self)
        if folder is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = export_packet(
                self.service.store, self.period(), folder, today=self.today, write_pdf=write_report_pdf
            )
        except ExportRefused:
            self.refresh()
            return
        except Refusal as err:
            messages.show_user_error(self, err)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.last_folder = folder
        self.open_folder_button.setEnabled(True)
        again = "（内容未变，重新生成）" if result.reused else ""
        self.result_label.setText(
            f"已导出第 {result.revision} 版{again}：{result.path}\n数据包指纹：{result.fingerprint}"
        )
        self.status.emit(f"已导出 {self.period().label} 第 {result.revision} 版数据包")
        self.exported.emit()
        self.refresh()

    def reopen(self) -> None:
        period = self.period()
        reason = ask_reopen_reason(self, period.label)
        if reason is None:
            return
        try:
            latest = self.service.store.reopen_period(period.year, period.code, reason)
        except Refusal as err:
            messages.show_user_error(self, err)
            return
        self.status.emit(f"已重新打开 {period.label}：改正后导出即为第 {latest.revision + 1} 版")
        self.exported.emit()
        self.refresh()

    def open_folder(self) -> None:
        if self.last_folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_folder)))
