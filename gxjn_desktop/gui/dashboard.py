"""概览: the year's four indicators against last year and their targets (to date and projected to the
year end), quota pacing, gaps, open warnings, and a monthly chart.

The figures (``services.entry.overview_figures``: the year's checks over the whole history, 0.2–0.3 s
the first time at 20 years) are worked out in the window's background thread when the screen is
shown or the data changes; meanwhile it says 正在计算…… and the window takes keys as usual."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from gxjn_desktop.domain.indicators import TargetStatus
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import format_fixed
from gxjn_desktop.gui.background import background
from gxjn_desktop.gui.common import shown_number, shown_unit
from gxjn_desktop.services.entry import CarrierMonths, EntryService, OverviewFigures, overview_figures
from gxjn_desktop.services.operations import ChangeKind, OpChanges

_STATUS_COLOURS = {
    TargetStatus.ON_TRACK: "#1e7b34",
    TargetStatus.AT_RISK: "#a86500",
    TargetStatus.OFF_TRACK: "#b3261e",
    TargetStatus.NO_TARGET: "#555555",
    TargetStatus.NO_PREVIOUS: "#555555",
    TargetStatus.INCOMPLETE: "#555555",
}


def nice_ceiling(value: Decimal) -> Decimal:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, so the four grid steps read well."""
    if value <= 0:
        return Decimal(0)
    power = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, Decimal("2.5"), 4, 5, 8, 10):
        if value <= power * step:
            return power * step
    return power * 10


class MonthlyChart(QWidget):
    """Bars for this year's months beside last year's, drawn with QPainter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: CarrierMonths | None = None
        self.year = 0
        self.setMinimumHeight(160)  # the whole 概览 fits a maximised window on 1366×768 at 100 %
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_series(self, series: CarrierMonths | None, year: int) -> None:
        self.series, self.year = series, year
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("white"))
        fm = p.fontMetrics()
        if self.series is None:
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "没有数据")
            p.end()
            return
        values = [v for v in (*self.series.this_year, *self.series.last_year) if v is not None]
        if not any(values):  # nothing used yet: an axis of zeros says less than a sentence
            p.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, f"{self.series.carrier.label}：本年和上年都还没有用量数据"
            )
            p.end()
            return
        top = nice_ceiling(max(values, default=Decimal(0)))
        left, right = fm.horizontalAdvance("000,000,000") + 8, 12
        legend_h = fm.height() + 8
        bottom = fm.height() + 8
        plot = QRectF(
            left, legend_h + 4, max(self.width() - left - right, 10), max(self.height() - legend_h - bottom - 8, 10)
        )
        p.setPen(QPen(QColor("#cccccc")))
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            label = shown_number(format_fixed(top * i / 4, 0 if top >= 10 else 2) or "0") if top else "0"
            p.setPen(QColor("#555555"))
            p.drawText(QRectF(0, y - fm.height() / 2, left - 6, fm.height()), Qt.AlignmentFlag.AlignRight, label or "")
            p.setPen(QPen(QColor("#cccccc")))
        slot = plot.width() / 12
        bar = slot * 0.36
        colours = (QColor("#2f6db5"), QColor("#b9c7d8"))
        for m in range(12):
            x0 = plot.left() + slot * m + slot * 0.12
            for k, series in enumerate((self.series.this_year, self.series.last_year)):
                v = series[m]
                if v is None or not top:
                    continue
                h = float(v / top) * plot.height()
                p.fillRect(QRectF(x0 + k * bar, plot.bottom() - h, bar - 1, h), colours[k])
            p.setPen(QColor("#333333"))
            p.drawText(
                QRectF(plot.left() + slot * m, plot.bottom() + 2, slot, fm.height()),
                Qt.AlignmentFlag.AlignCenter,
                f"{m + 1}月",
            )
        # legend
        x = plot.left()
        for k, text in enumerate((f"{self.year}年", f"{self.year - 1}年")):
            p.fillRect(QRectF(x, 4, 12, 12), colours[k])
            p.setPen(QColor("#333333"))
            p.drawText(int(x + 16), 4 + fm.ascent(), text)
            x += 24 + fm.horizontalAdvance(text)
        p.drawText(int(x + 8), 4 + fm.ascent(), f"单位：{shown_unit(self.series.unit)}")
        p.end()


def _pct(text: str | None) -> str:
    return "—" if text in (None, "") else f"{text}%"


class Dashboard(QWidget):
    #: Monthly use, gaps, findings, indicators against the profile's people and area, quota pacing.
    SHOWS = frozenset(ChangeKind) - {ChangeKind.TASKS}
    #: The figures of the present snapshot are on screen (after :meth:`refresh_later`).
    figuresShown = Signal()

    def __init__(self, service: EntryService, parent: QWidget | None = None, *, today: date | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.today = today
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.pending = QLabel("正在计算……")  # while the background thread works the figures out
        self.pending.setStyleSheet("color: #555555;")
        self.pending.hide()
        heading_bar = QHBoxLayout()  # the words beside the heading: the page keeps its height
        heading_bar.addWidget(self.heading)
        heading_bar.addWidget(self.pending)
        heading_bar.addStretch(1)
        layout.addLayout(heading_bar)
        self.cards = QGridLayout()
        layout.addLayout(self.cards)
        self.quota_title = QLabel()
        self.quota_title.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.quota_title)
        self.quota_grid = QGridLayout()
        self.quota_grid.setHorizontalSpacing(18)
        self.quota_grid.setVerticalSpacing(2)
        layout.addLayout(self.quota_grid)
        self.quota_status: dict[str, Any] = {}
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(QLabel("月度用量对比："))
        self.carrier_box = QComboBox()
        self.carrier_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # "电（kWh）" in full
        chart_bar.addWidget(self.carrier_box)
        chart_bar.addStretch(1)
        layout.addLayout(chart_bar)
        self.chart = MonthlyChart()
        layout.addWidget(self.chart, 1)
        self._series: list[CarrierMonths] = []
        self.carrier_box.currentIndexChanged.connect(self._show_series)
        self.year = 0
        self.figures: OverviewFigures | None = None  # those on screen
        self._shown: tuple[Ledger, date] | None = None  # the snapshot and day they are of
        self._asked = 0  # the latest request; older results are dropped
        self._asking: tuple[Ledger | None, date | None] = (None, None)  # what it was for

    def apply_changes(self, _changes: OpChanges) -> None:
        if self.isVisible():  # otherwise the window refreshes it when it is shown
            self.refresh_later()

    def _today(self, today: date | None = None) -> date:
        return today or self.today or date.today()

    def _shows(self, ledger: Ledger, today: date) -> bool:
        """Whether the figures on screen are of this snapshot (the same object: snapshots never change)."""
        return self._shown is not None and self._shown[0] is ledger and self._shown[1] == today

    def up_to_date(self) -> bool:
        """Whether the figures on screen are those of the present snapshot (nothing on its way)."""
        return self._shows(self.service.ledger, self._today()) and self.pending.isHidden()

    def refresh(self, today: date | None = None) -> None:
        """The figures of the present snapshot, worked out now in this thread."""
        today = self._today(today)
        self._asked += 1  # a result still on its way is of an older request
        ledger = self.service.ledger
        self.show_figures(overview_figures(ledger, today), (ledger, today))

    def refresh_later(self) -> None:
        """The figures of the present snapshot, worked out in the background thread; until they come,
        正在计算…… (beside the figures of the data as it was, if any are shown)."""
        ledger, today = self.service.ledger, self._today()
        if self._shows(ledger, today) and self.pending.isHidden():
            return  # its figures are on screen already
        if not self.pending.isHidden() and self._asking[0] is ledger and self._asking[1] == today:
            return  # on their way
        self._asked += 1
        asked, self._asking = self._asked, (ledger, today)
        self.pending.show()
        if self.figures is None:
            self.heading.setText(ledger.unit.name)

        def compute() -> OverviewFigures | Exception:
            try:
                return overview_figures(ledger, today)
            except Exception as exc:  # handed over so that 正在计算…… is taken down first
                return exc

        def done(figures: OverviewFigures | Exception) -> None:
            if isinstance(figures, Exception):
                self.pending.hide()
                self._asking = (None, None)  # the next refresh asks again instead of waiting for ever
                raise figures  # the window's excepthook shows it, as any other fault
            if asked != self._asked:
                return  # a newer request is on its way
            if ledger is self.service.ledger:
                self.show_figures(figures, (ledger, today))
                self.figuresShown.emit()
            elif self.isVisible():  # the data changed meanwhile (a change 概览 is not told of too)
                self.refresh_later()

        background().submit(self, compute, done)

    def show_figures(self, figures: OverviewFigures, of: tuple[Ledger, date] | None = None) -> None:
        """Lay ``figures`` out (quick: the computing is done)."""
        self.figures, self._shown = figures, of
        self.pending.hide()
        period = figures.period
        if period is None:
            self.heading.setText("还没有录入任何月份")
            # A new unit's first screen: say where to begin rather than show an empty chart alone.
            self.summary.setText(
                "请在“月度填报”（Ctrl+2）中填写各计量器具本月的示数或用量，或用“导入”（Ctrl+I）读入填好的填报工作簿。"
            )
            return
        self.year = period.year
        self.heading.setText(f"{figures.unit_name}　{period.label}")
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        self.quota_status = figures.quota_status or {}
        projections = {t["indicator"]: t for t in self.quota_status.get("targets", [])}
        report = figures.report
        if report is None:
            self.cards.addWidget(QLabel(figures.report_refusal), 0, 0)
        else:
            if not report.complete:  # the same covered months as indicators and the checks
                self.heading.setText(f"{figures.unit_name}　{period.label}（{report.coverage_label}）")
            for i, ind in enumerate(report.indicators):
                self.cards.addWidget(
                    self._card(
                        ind.kind.label,
                        ind.kind.unit,
                        ind.value,
                        ind.previous,
                        ind.ytd_change_pct,
                        ind.target_pct,
                        ind.status,
                        projections.get(ind.kind.value),
                    ),
                    0,
                    i,
                )
        self._show_quotas()
        missing_text = "、".join(f"{m}月" for m in figures.missing) if figures.missing else "无"
        self.summary.setText(
            f"未填完的月份：{missing_text}　　待处理：错误 {figures.errors} 条，未说明的警告 {figures.warnings} 条"
        )
        self._series = list(figures.series)
        current = self.carrier_box.currentText()
        self.carrier_box.blockSignals(True)
        self.carrier_box.clear()
        self.carrier_box.addItems([f"{s.carrier.label}（{shown_unit(s.unit)}）" for s in self._series])
        i = self.carrier_box.findText(current)
        self.carrier_box.setCurrentIndex(max(i, 0))
        self.carrier_box.blockSignals(False)
        self._show_series(self.carrier_box.currentIndex())

    def _show_quotas(self) -> None:
        """One compact line per quota: allowed to date against actual, the projection, the state."""
        while self.quota_grid.count():
            item = self.quota_grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        status = self.quota_status
        quotas = status.get("quotas", [])
        months = status.get("months_counted", 0)
        if not quotas:
            self.quota_title.setText(
                f"能耗定额：{self.year} 年没有录入定额" if months else f"能耗定额：{self.year} 年还没有已结束的月份"
            )
            return
        self.quota_title.setText(f"能耗定额进度（{self.year} 年 1—{months} 月，按季节分摊）")
        headers = ("定额", "级别", "定额值", "至今实际", "至今允许", "预计全年", "状态")
        for c, text in enumerate(headers):
            h = QLabel(text)
            h.setStyleSheet("color: #555;")
            self.quota_grid.addWidget(h, 0, c)
        for r, q in enumerate(quotas, start=1):
            # Red: over the issued pace or above a limit; green: within it; grey: not comparable, or a
            # guide value not yet reached (a goal, not a limit).
            bad = q["over_pace"] is True or q["state"].startswith(("高于", "超出"))
            good = q["comparable"] and not bad and q["state"] != "不低于引导值"
            colour = "#b3261e" if bad else ("#1e7b34" if good else "#555555")
            # The row's figures with one number of places (定额值 15 beside 至今允许 15.0000), grouped.
            places = len((q["actual_to_date"] or q["allowed_to_date"] or "").partition(".")[2])
            places = max(places, len(q["quota"].partition(".")[2]))  # never round the issued quota
            cells = (
                f"{q['label']}（{q['unit']}）",
                q["level_label"],
                shown_number(format_fixed(Decimal(q["quota"]), places) or ""),
                shown_number(q["actual_to_date"] or "—"),
                shown_number(q["allowed_to_date"] or "—"),
                shown_number(q["projected_year_end"] or "—"),
                q["state"],
            )
            for c, text in enumerate(cells):
                label = QLabel(text)
                if c in (2, 3, 4, 5):
                    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == len(cells) - 1:
                    label.setStyleSheet(f"color: {colour}; font-weight: bold;")
                if c == 0 and q.get("document"):
                    label.setToolTip(f"{q['document']}（{q['basis']}）")
                self.quota_grid.addWidget(label, r, c)
        self.quota_grid.setColumnStretch(len(headers), 1)
        self.quota_grid.addWidget(QWidget(), 0, len(headers))

    def _show_series(self, i: int) -> None:
        self.chart.set_series(self._series[i] if 0 <= i < len(self._series) else None, self.year)

    @staticmethod
    def _card(
        label: str,
        unit: str,
        value: Decimal | None,
        previous: Decimal | None,
        change: Decimal | None,
        target: Decimal | None,
        status: TargetStatus,
        projection: dict[str, Any] | None = None,
    ) -> QWidget:
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        v = QVBoxLayout(frame)
        title = QLabel(f"{label}（{unit}）")
        big = QLabel(format_fixed(value, 2) or "—")
        big.setStyleSheet("font-size: 18pt; font-weight: bold;")
        prev = QLabel(f"上年同期：{format_fixed(previous, 2) or '—'}")
        change_text = "—" if change is None else f"{format_fixed(change, 2)}%"
        target_text = "无" if target is None else f"{target}%"
        st = QLabel(f"至今同比 {change_text}（目标 {target_text}）{status.label}")
        st.setStyleSheet(f"color: {_STATUS_COLOURS[status]}; font-weight: bold;")
        widgets = [title, big, prev, st]
        if projection is not None:
            p_status = TargetStatus(projection["projected_status"])
            end = QLabel(f"预计全年 {_pct(projection['projected_change_pct'])}　{p_status.label}")
            end.setToolTip(
                f"按已结束月份的季节比例推算全年：{projection['projected_year_end'] or '—'} {unit}；"
                f"同比 {_pct(projection['projected_change_pct'])}，目标 {target_text}"
            )
            end.setStyleSheet(f"color: {_STATUS_COLOURS[p_status]};")
            widgets.append(end)
        for w in widgets:
            v.addWidget(w)
        return frame
