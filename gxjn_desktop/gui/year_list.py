"""Pieces shared by the dialogs that list one year's records (能耗定额, 废旧电子产品处置)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QSpinBox, QTableView


def year_bar(year: int) -> tuple[QHBoxLayout, QSpinBox, QLabel]:
    """年度(&Y) with its spin box, and a label beside it for the year's count or total."""
    bar = QHBoxLayout()
    label = QLabel("年度(&Y)")
    box = QSpinBox()
    box.setRange(2000, 2100)
    box.setSuffix(" 年")
    box.setValue(year)
    label.setBuddy(box)
    info = QLabel()
    bar.addWidget(label)
    bar.addWidget(box)
    bar.addWidget(info)
    bar.addStretch(1)
    return bar, box, info


def make_read_only_list(view: QTableView) -> None:
    """Whole rows, one at a time, no editing in place (a form edits), long text elided."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
