"""report.pdf: the printable copy of the packet's report, for the signatures and the 公章.

The same tables as report.xlsx (:mod:`gxjn_desktop.services.packet.report_tables`), laid out by
QTextDocument (whose paginated layout repeats a table's ``<thead>`` on every page) and written by
QPdfWriter, which embeds the subset of the CJK font it uses. Every page carries the unit, the period,
the packet's fingerprint and 第 N 页 共 M 页, so a sheet of paper can be matched with its file.
Works without a display (QT_QPA_PLATFORM=offscreen) and without QtWidgets.
"""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from gxjn_desktop.errors import UserError
from gxjn_desktop.services.packet.report_tables import (
    Sheet,
    Table,
    clean_text,
    form_footer_line,
    heading_line,
    packet_sheets,
    signatories,
)

RESOLUTION = 300  # dots per inch of the PDF's coordinate system
MARGIN_MM = 12.0
BAND_MM = 7.0  # the page's own header and footer lines, outside the document's area
# CJK fonts in order of preference; the first one installed is used (the tests and CI install
# fonts-wqy-microhei through scripts/bootstrap.sh; a Windows PC has 微软雅黑 / 宋体).
CJK_FAMILIES = ("Microsoft YaHei", "SimSun", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "Source Han Sans SC")
BODY_PT = 8.5


def _app() -> QGuiApplication:
    app = QGuiApplication.instance()
    if app is None:  # a command-line export: Qt's font database needs an application object
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # printing a PDF needs no screen
        app = QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    return app


def cjk_family() -> str:
    families = set(QFontDatabase.families())
    for family in CJK_FAMILIES:
        if family in families:
            return family
    for family in sorted(families):  # any font that writes Chinese
        if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
            return family
    raise UserError("没有可用的中文字体，无法生成 PDF 报表", "请安装中文字体（如文泉驿微米黑或宋体）后再导出")


def _esc(text: str) -> str:
    # Qt's HTML collapses runs of spaces, the ideographic one included: keep the gaps of a line.
    return html.escape(clean_text(text)).replace("\u3000", "&nbsp;&nbsp;")


def _table_html(tb: Table, with_title: bool) -> str:
    total = sum(c.width for c in tb.columns) or 1
    parts = []
    if with_title:
        parts.append(f'<p style="font-weight:bold; font-size:{BODY_PT + 1.5}pt; margin-top:8px;">{_esc(tb.title)}</p>')
    parts.append(
        '<table width="100%" border="1" cellspacing="0" cellpadding="3" '
        'style="border-collapse:collapse; border-color:#808080;">'
    )
    parts.append("<thead><tr>")
    for col in tb.columns:
        parts.append(
            f'<th width="{100 * col.width / total:.1f}%" bgcolor="#dde6f0" align="center">{_esc(col.title)}</th>'
        )
    parts.append("</tr></thead><tbody>")
    for row in tb.rows:
        parts.append("<tr>")
        for cell in row:
            align = "right" if cell.is_number else ("center" if cell.kind != "text" else "left")
            parts.append(f'<td align="{align}">{_esc(cell.display())}</td>')
        parts.append("</tr>")
    parts.append("</tbody></table>")
    for note in tb.notes:
        parts.append(f'<p style="font-size:{BODY_PT - 0.5}pt;">注：{_esc(note)}</p>')
    return "".join(parts)


def sheet_html(sheet: Sheet, data: dict[str, Any]) -> str:
    parts = [
        f'<p align="center" style="font-size:{BODY_PT + 6}pt; font-weight:bold;">{_esc(sheet.title)}</p>',
        f"<p>{_esc(heading_line(data))}</p>",
    ]
    parts += [f"<p>{_esc(line)}</p>" for line in sheet.intro]
    for tb in sheet.tables:
        parts.append(_table_html(tb, len(sheet.tables) > 1))
    if sheet.form_footer:
        parts.append(f'<p style="margin-top:10px; font-weight:bold;">{_esc(form_footer_line(data))}</p>')
    return "".join(parts)


def signature_statement(fingerprint: str) -> str:
    return (
        f"本报表与报表包（指纹 {clean_text(fingerprint)}）中的 data.json、report.xlsx 内容一致。"
        "单位负责人、统计负责人、填表人签字并加盖单位公章后，与电子报表包一并报送。"
    )


def _draw_signature_page(
    painter: QPainter, family: str, width: float, top: float, data: dict[str, Any], fingerprint: str
) -> None:
    """The last page: who signs, when, and room for the seal (drawn, so the boxes keep their size)."""
    wrap = int(Qt.TextFlag.TextWordWrap)
    y = top
    painter.setFont(_font(family, BODY_PT + 6, bold=True))
    painter.drawText(QRectF(0, y, width, _mm(10)), int(Qt.AlignmentFlag.AlignCenter), "报出签章")
    y += _mm(14)
    painter.setFont(_font(family, BODY_PT + 1))
    for text in (heading_line(data), signature_statement(fingerprint)):
        box = painter.boundingRect(QRectF(0, y, width, _mm(40)), wrap, text)
        painter.drawText(box, wrap, text)
        y += box.height() + _mm(4)
    y += _mm(4)
    row_h, label_w, name_w = _mm(16), width * 0.24, width * 0.36
    painter.setPen(QPen(QColor("#606060"), _mm(0.25)))
    for label, value in signatories(data).items():
        cells = (
            (QRectF(0, y, label_w, row_h), label),
            (QRectF(label_w, y, name_w, row_h), value),
            (QRectF(label_w + name_w, y, width - label_w - name_w, row_h), "" if label == "报出日期" else "签字："),
        )
        for rect, text in cells:
            painter.drawRect(rect)
            painter.drawText(rect.adjusted(_mm(3), 0, 0, 0), int(Qt.AlignmentFlag.AlignVCenter), text)
        y += row_h
    y += _mm(12)
    painter.drawText(QRectF(0, y, width, _mm(8)), int(Qt.AlignmentFlag.AlignLeft), "单位（公章）：")
    seal = _mm(46)  # an official round seal is 42 mm across
    box = QRectF(width - seal - _mm(25), y + _mm(4), seal, seal)
    pen = QPen(QColor("#a0a0a0"), _mm(0.3))
    pen.setStyle(Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.drawEllipse(box)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), "盖章处")
    painter.setPen(QPen(QColor("black")))


def _font(family: str, points: float, *, bold: bool = False) -> QFont:
    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    return font


@dataclass
class _Part:
    html: str | None  # None: the signature page, drawn directly
    landscape: bool
    doc: QTextDocument | None = None

    def pages(self) -> int:
        return 1 if self.doc is None else self.doc.pageCount()


def _page_layout(landscape: bool) -> QPageLayout:
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _mm(value: float) -> float:
    return value / 25.4 * RESOLUTION


def write_report_pdf(data: dict[str, Any], path: Path, *, fingerprint: str) -> None:
    """Write report.pdf for the packet whose data.json is ``data``."""
    _app()
    family = cjk_family()
    parts = [_Part(sheet_html(s, data), s.landscape) for s in packet_sheets(data)]
    parts.append(_Part(None, False))

    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setCreator("gxjn")
    unit = clean_text((data.get("unit") or {}).get("name") or "")
    period = clean_text((data.get("period") or {}).get("label") or "")
    writer.setTitle(f"{unit} {period} 能源资源消费统计报表")
    writer.setPageLayout(_page_layout(parts[0].landscape))

    body_font = _font(family, BODY_PT)
    band = _mm(BAND_MM)
    for part in parts:
        if part.html is None:
            continue
        paint = _page_layout(part.landscape).paintRectPixels(RESOLUTION)
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(body_font)
        doc.setDocumentMargin(0)
        doc.setHtml(part.html)
        doc.setPageSize(QSizeF(paint.width(), paint.height() - 2 * band))
        part.doc = doc
    total = sum(p.pages() for p in parts)

    small = _font(family, 7.5)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"无法写入 {path}")
    try:
        number = 0
        for index, part in enumerate(parts):
            paint = _page_layout(part.landscape).paintRectPixels(RESOLUTION)
            height = paint.height() - 2 * band
            for page in range(part.pages()):
                if number > 0:
                    if page == 0 and parts[index - 1].landscape != part.landscape:
                        writer.setPageLayout(_page_layout(part.landscape))
                    writer.newPage()
                number += 1
                if part.doc is None:
                    _draw_signature_page(painter, family, paint.width(), band, data, fingerprint)
                else:
                    painter.save()
                    painter.translate(QPointF(0, band - page * height))
                    part.doc.drawContents(painter, QRectF(0, page * height, paint.width(), height))
                    painter.restore()
                _draw_bands(
                    painter, small, paint.width(), paint.height(), band, unit, period, fingerprint, number, total
                )
    finally:
        painter.end()


def _draw_bands(
    painter: QPainter,
    font: QFont,
    width: float,
    height: float,
    band: float,
    unit: str,
    period: str,
    fingerprint: str,
    number: int,
    total: int,
) -> None:
    painter.setFont(font)
    top = QRectF(0, 0, width, band * 0.8)
    bottom = QRectF(0, height - band * 0.8, width, band * 0.8)
    painter.drawText(top, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), unit)
    painter.drawText(top, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop), period)
    painter.drawText(
        bottom, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), f"报表包指纹：{fingerprint}"
    )
    painter.drawText(
        bottom, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"第 {number} 页 共 {total} 页"
    )
