"""The month grid's table model over the entry rows, with findings as colours and tooltips."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from gxjn_desktop.domain.numbers import NOT_APPLICABLE
from gxjn_desktop.gui.common import ListTableModel, shown_number, shown_unit
from gxjn_desktop.services.entry import COLUMNS, CellEdit, Column, EntryRow, RowKey, RowKind
from gxjn_desktop.validation.findings import Finding, Severity

_Index = QModelIndex | QPersistentModelIndex

#: Role returning the row's RowKey.
ROW_KEY_ROLE = Qt.ItemDataRole.UserRole + 1
#: Role returning the cell's findings (list[Finding]).
FINDINGS_ROLE = Qt.ItemDataRole.UserRole + 2

SEVERITY_COLOURS = {
    Severity.ERROR: QColor("#f8c9c4"),
    Severity.WARNING: QColor("#fde9b0"),
    Severity.INFO: QColor("#d6e8fa"),
}
_READ_ONLY_BG = QColor("#eeeeee")
_EDITABLE_BG = QColor("#ffffff")
_SECTION_BG = QColor("#eef5ee")
_NUMERIC = {Column.PREVIOUS, Column.VALUE, Column.MULTIPLIER, Column.USE, Column.COST, Column.PRICE}


class EntryTableModel(ListTableModel):
    """setData never writes: it emits ``editRequested`` and the screen's undo stack saves."""

    headers = tuple(c.label for c in COLUMNS)

    editRequested = Signal(object)  # list[CellEdit]

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EntryRow] = []
        self._findings: dict[tuple[RowKey, Column], list[Finding]] = {}
        self.locked: str | None = None  # why the month is read-only (已上报), or None

    # ---- content --------------------------------------------------------------------------------

    def set_rows(self, rows: list[EntryRow]) -> None:
        same_shape = [r.key for r in rows] == [r.key for r in self._rows]
        if same_shape and rows:
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_findings(self, findings: dict[tuple[RowKey, Column], list[Finding]]) -> None:
        self._findings = findings
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(COLUMNS) - 1),
                [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole],
            )

    def row_at(self, row: int) -> EntryRow:
        return self._rows[row]

    def row_of(self, key: RowKey) -> int:
        for i, r in enumerate(self._rows):
            if r.key == key:
                return i
        return -1

    @staticmethod
    def column_of(column: Column) -> int:
        return COLUMNS.index(column)

    # ---- QAbstractTableModel ------------------------------------------------------------------

    def rows(self) -> list[Any]:
        return self._rows

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.locked is None and self._rows[index.row()].editable(COLUMNS[index.column()]):
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if not row.applies(column):
                return NOT_APPLICABLE  # shown only: copying the cell still gives its empty text
            if column is Column.UNIT:
                return shown_unit(row.text(column))
            return shown_number(row.text(column)) if column in _NUMERIC else row.text(column)
        if role == Qt.ItemDataRole.EditRole:
            return row.text(column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if not row.applies(column):
                return int(Qt.AlignmentFlag.AlignCenter)
            if column in _NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        findings = self._findings.get((row.key, column), [])
        if role == Qt.ItemDataRole.BackgroundRole:
            if findings:
                return QBrush(SEVERITY_COLOURS[findings[0].severity])
            if column is Column.ITEM and row.key.kind is not RowKind.METER:
                return QBrush(_SECTION_BG)
            if (self.locked or not row.editable(column)) and column is not Column.ITEM:
                return QBrush(_READ_ONLY_BG)
            return QBrush(_EDITABLE_BG)  # white, so fillable cells stand out from computed ones
        if role == Qt.ItemDataRole.ToolTipRole:
            parts = [_finding_tip(f) for f in findings] + ([self.locked] if self.locked else [])
            if column is Column.USE and row.marks:
                parts.append(row.marks)
            if column is Column.SOURCE and row.editable(column):
                parts.append("可输入：抄表、账单、发票、估算（或 1–4）")
            return "\n".join(parts) or None
        if role == Qt.ItemDataRole.FontRole and column is Column.USE and (row.rollover or row.replacements):
            font = QFont()
            font.setItalic(True)
            return font
        if role == ROW_KEY_ROLE:
            return row.key
        if role == FINDINGS_ROLE:
            return list(findings)
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        text = "" if value is None else str(value)
        if text.strip() == row.text(column).strip():
            return False  # nothing changed: no undo step, no write
        self.editRequested.emit([CellEdit(row.key, column, text)])
        return True


def _finding_tip(f: Finding) -> str:
    tip = f"【{f.severity.label}】{f.message}" + (f"\n  {f.hint}" if f.hint else "")
    if f.explanation is not None:
        tip += f"\n  已说明：{f.explanation.cause}" + (f"——{f.explanation.text}" if f.explanation.text else "")
    return tip
