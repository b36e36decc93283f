"""概览: the year's four indicators against last year, gaps, open warnings, and a monthly chart."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QRectF, Qt
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
from gxjn_desktop.domain.numbers import format_fixed
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.entry import CarrierMonths, EntryService, count_open, missing_months, monthly_use_by_carrier

_STATUS_COLOURS = {
    TargetStatus.ON_TRACK: "#1e7b34",
    TargetStatus.AT_RISK: "#a86500",
    TargetStatus.OFF_TRACK: "#b3261e",
    TargetStatus.NO_TARGET: "#555555",
    TargetStatus.NO_PREVIOUS: "#555555",
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
        self.setMinimumHeight(220)
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
            return
        values = [v for v in (*self.series.this_year, *self.series.last_year) if v is not None]
        top = nice_ceiling(max(values, default=Decimal(0)))
        left, right = fm.horizontalAdvance("000000000") + 8, 12
        legend_h = fm.height() + 8
        bottom = fm.height() + 8
        plot = QRectF(
            left, legend_h + 4, max(self.width() - left - right, 10), max(self.height() - legend_h - bottom - 8, 10)
        )
        p.setPen(QPen(QColor("#cccccc")))
        for i in range(5):
            y = plot.bottom() - plot.height() * i / 4
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            label = format_fixed(top * i / 4, 0 if top >= 10 else 2) if top else "0"
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
        p.drawText(int(x + 8), 4 + fm.ascent(), f"单位：{self.series.unit}")
        p.end()


class Dashboard(QWidget):
    def __init__(self, service: EntryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.heading)
        self.cards = QGridLayout()
        layout.addLayout(self.cards)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        chart_bar = QHBoxLayout()
        chart_bar.addWidget(QLabel("月度用量对比："))
        self.carrier_box = QComboBox()
        chart_bar.addWidget(self.carrier_box)
        chart_bar.addStretch(1)
        layout.addLayout(chart_bar)
        self.chart = MonthlyChart()
        layout.addWidget(self.chart, 1)
        self._series: list[CarrierMonths] = []
        self.carrier_box.currentIndexChanged.connect(self._show_series)
        self.year = 0

    def refresh(self, today: date | None = None) -> None:
        ledger = self.service.ledger
        years = ledger.years()
        if not years:
            self.heading.setText("还没有录入任何月份")
            return
        year = years[-1]
        last_month = max((r.month for r in ledger.records if r.year == year), default=12)
        self.year = year
        period = Period.parse(year, f"YTD-M{last_month:02d}")
        self.heading.setText(f"{ledger.unit.name}　{period.label}")
        while self.cards.count():
            item = self.cards.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()  # type: ignore[union-attr]
        from gxjn_desktop.services.checks import check_period
        from gxjn_desktop.services.reports import build_indicator_report

        try:
            report = build_indicator_report(ledger, period)
            for i, ind in enumerate(report.indicators):
                self.cards.addWidget(
                    self._card(
                        ind.kind.label,
                        ind.kind.unit,
                        ind.value,
                        ind.previous,
                        ind.change_pct,
                        ind.target_pct,
                        ind.status,
                    ),
                    0,
                    i,
                )
        except UserError as err:
            self.cards.addWidget(QLabel(err.message), 0, 0)
        missing = missing_months(ledger, year, last_month)
        errors, warnings = count_open(check_period(ledger, Period.parse(year, "Y")).findings)
        missing_text = "、".join(f"{m}月" for m in missing) if missing else "无"
        self.summary.setText(f"未填完的月份：{missing_text}　　待处理：错误 {errors} 条，未说明的警告 {warnings} 条")
        self._series = monthly_use_by_carrier(ledger, year)
        current = self.carrier_box.currentText()
        self.carrier_box.blockSignals(True)
        self.carrier_box.clear()
        self.carrier_box.addItems([f"{s.carrier.label}（{s.unit}）" for s in self._series])
        i = self.carrier_box.findText(current)
        self.carrier_box.setCurrentIndex(max(i, 0))
        self.carrier_box.blockSignals(False)
        self._show_series(self.carrier_box.currentIndex())

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
        st = QLabel(f"同比 {change_text}（目标 {target_text}）　{status.label}")
        st.setStyleSheet(f"color: {_STATUS_COLOURS[status]}; font-weight: bold;")
        for w in (title, big, prev, st):
            v.addWidget(w)
        return frame
