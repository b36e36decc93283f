"""单位信息: the unit and its yearly profile, with the services' own validation messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from gxjn_desktop.domain.numbers import parse_decimal, parse_integer, plain
from gxjn_desktop.domain.units import Signatories, Unit, YearProfile
from gxjn_desktop.errors import Refusal, UserError
from gxjn_desktop.gui.changes import Changer
from gxjn_desktop.gui.common import FORM_MAX_WIDTH, error_label
from gxjn_desktop.gui.forms.ui_unit_screen import Ui_UnitScreen
from gxjn_desktop.gui.tab_keys import tab_past_blank_date
from gxjn_desktop.gui.unit_form import UnitFields
from gxjn_desktop.services import edits
from gxjn_desktop.services.operations import ChangeKind, OpChanges, Operation, Origin


def _notes(old: dict[str, str], **typed: str) -> dict[str, str]:
    """Source notes with the typed ones replaced; an emptied note is removed."""
    merged = {**old, **typed}
    return {k: v for k, v in merged.items() if v}


class UnitScreen(QWidget):
    saved = Signal(str)
    SHOWS = frozenset({ChangeKind.UNIT, ChangeKind.PROFILE})

    def __init__(self, changer: Changer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changer = changer
        self.service = changer.service
        self.ui = Ui_UnitScreen()
        self.ui.setupUi(self)
        self.fields = UnitFields()
        self.ui.unit_layout.insertWidget(0, self.fields)
        self.unit_error = self.fields.error
        self.save_unit_button: QPushButton = self.ui.save_unit_button
        ui = self.ui
        self.year: QSpinBox = ui.year
        self.people: QLineEdit = ui.people
        self.area: QLineEdit = ui.area
        # Where each figure comes from (花名册, 房产证 …): the bureau asks when it changes.
        self.people_source: QLineEdit = ui.people_source
        self.area_source: QLineEdit = ui.area_source
        self.staff_quota: QLineEdit = ui.staff_quota
        self.heated_area: QLineEdit = ui.heated_area
        self.canteen_seats: QSpinBox = ui.canteen_seats
        self.canteen: QCheckBox = ui.canteen
        self.data_centre: QCheckBox = ui.data_centre
        self.dc_area: QLineEdit = ui.dc_area
        self.fuel_vehicles: QSpinBox = ui.fuel_vehicles
        self.ne_vehicles: QSpinBox = ui.ne_vehicles
        self.head: QLineEdit = ui.head
        self.statistician: QLineEdit = ui.statistician
        self.preparer: QLineEdit = ui.preparer
        self.report_date: QDateEdit = ui.report_date
        tab_past_blank_date(self.report_date)  # “未填” kept Tab from reaching 保存年度情况
        self.profile_error = error_label(ui.profile_error)
        self.save_profile_button: QPushButton = ui.save_profile_button
        # On a maximised 1920-wide window the fields would stretch to 900 px: keep them readable.
        for box in (ui.unit_box, ui.prof_box):
            box.setMaximumWidth(FORM_MAX_WIDTH)
        # The unit's fields were put in after the form's own tab order: Tab goes down the left column, then the right.
        QWidget.setTabOrder(self.fields.last_field, self.save_unit_button)
        QWidget.setTabOrder(self.save_unit_button, self.year)

        self.save_unit_button.clicked.connect(self.save_unit)
        self.save_profile_button.clicked.connect(self.save_profile)
        self.year.valueChanged.connect(lambda _y: self._load_profile())

    def refresh(self) -> None:
        self.fields.set_unit(self.service.ledger.unit)
        years = sorted(self.service.ledger.profiles)
        self.year.blockSignals(True)
        self.year.setValue(years[-1] if years else date.today().year)
        self.year.blockSignals(False)
        self._load_profile()

    def apply_changes(self, changes: OpChanges) -> None:
        """The stored unit or a year's 基本情况 changed (saved here, undone or redone): show it, and
        leave the other part's typing alone (保存 of the unit keeps what is typed in the year's form)."""
        if ChangeKind.UNIT in changes.kinds:
            self.fields.set_unit(self.service.ledger.unit)
        if ChangeKind.PROFILE in changes.kinds and self.year.value() in changes.years:
            self._load_profile()

    def show_year(self, year: int) -> None:
        if year != self.year.value():
            self.year.setValue(year)  # loads the year's profile

    def show_place(self, place: Origin) -> None:
        """Where undo and redo come back to: the year's 基本情况, or the unit's name."""
        if place.year is not None:
            self.show_year(place.year)
            self.people.setFocus()
        else:
            self.fields.name.setFocus()

    def _load_profile(self) -> None:
        p = self.service.ledger.profiles.get(self.year.value())
        self.profile_error.setText("" if p else f"{self.year.value()} 年还没有填写基本情况")
        self.people.setText(str(p.people) if p else "")
        self.area.setText(plain(p.building_area_m2) if p else "")
        self.staff_quota.setText("" if p is None or p.staff_quota is None else str(p.staff_quota))
        notes = p.source_notes if p else {}
        self.people_source.setText(notes.get("people", ""))
        self.area_source.setText(notes.get("building_area_m2", ""))
        self.heated_area.setText(plain(p.heated_area_m2) if p else "")
        self.canteen_seats.setValue(p.canteen_seats if p else 0)
        self.canteen.setChecked(bool(p and p.canteen))
        self.data_centre.setChecked(bool(p and p.data_centre))
        self.dc_area.setText(plain(p.data_centre_area_m2) if p else "")
        self.fuel_vehicles.setValue(p.fuel_vehicles if p else 0)
        self.ne_vehicles.setValue(p.new_energy_vehicles if p else 0)
        s = p.signatories if p else Signatories()
        self.head.setText(s.head)
        self.statistician.setText(s.statistician)
        self.preparer.setText(s.preparer)
        rd = s.report_date
        self.report_date.setDate(QDate(rd.year, rd.month, rd.day) if rd else self.report_date.minimumDate())

    def unit(self) -> Unit:
        return self.fields.unit(self.service.ledger.unit)

    def _run(self, make: Callable[[], Operation], error: QLabel) -> bool:
        """Build and run one operation; a refusal is shown in the form's own error line."""

        def refused(err: Refusal) -> None:
            error.setText(f"{err.message}。{err.hint}")

        try:
            op = make()
        except Refusal as err:
            refused(err)
            return False
        if not self.changer.run(op, self, refused):
            return False
        error.setText("")
        return True

    def save_unit(self) -> bool:
        if not self._run(lambda: edits.unit_change(self.service.ledger, self.unit()), self.unit_error):
            return False
        self.saved.emit("单位信息已保存")
        return True

    def unit_changed(self) -> bool:
        return self.unit() != self.service.ledger.unit

    def profile_changed(self) -> bool:
        """Whether the year's form differs from what is stored (an unreadable value counts as a change)."""
        old = self.service.ledger.profiles.get(self.year.value())
        if old is None:
            return bool(self.people.text().strip() or self.area.text().strip())
        try:
            return self.profile() != old
        except UserError:
            return True

    def save_changes(self) -> bool:
        """Save whichever part changed; False when a value is refused (the form shows why)."""
        ok = True
        if self.unit_changed():
            ok = self.save_unit()
        if ok and self.profile_changed():
            ok = self.save_profile()
        return ok

    def profile(self) -> YearProfile:
        year = self.year.value()
        old = self.service.ledger.profiles.get(year)
        people = parse_integer(self.people.text(), "用能人数")
        quota = self.staff_quota.text().strip()
        rd = self.report_date.date()
        report_date = None if rd == self.report_date.minimumDate() else date(rd.year(), rd.month(), rd.day())
        base = old or YearProfile(year, 1, Decimal(1))
        return replace(
            base,
            people=people,
            building_area_m2=parse_decimal(self.area.text(), "建筑面积"),
            staff_quota=parse_integer(quota, "编制人数") if quota else None,
            heated_area_m2=parse_decimal(self.heated_area.text(), "供暖面积")
            if self.heated_area.text().strip()
            else Decimal(0),
            canteen_seats=self.canteen_seats.value(),
            source_notes=_notes(
                base.source_notes,
                people=self.people_source.text().strip(),
                building_area_m2=self.area_source.text().strip(),
            ),
            canteen=self.canteen.isChecked(),
            data_centre=self.data_centre.isChecked(),
            data_centre_area_m2=parse_decimal(self.dc_area.text(), "机房面积")
            if self.dc_area.text().strip()
            else Decimal(0),
            fuel_vehicles=self.fuel_vehicles.value(),
            new_energy_vehicles=self.ne_vehicles.value(),
            signatories=Signatories(
                self.head.text().strip(), self.statistician.text().strip(), self.preparer.text().strip(), report_date
            ),
        )

    def save_profile(self) -> bool:
        if not self._run(lambda: edits.profile_change(self.service.ledger, self.profile()), self.profile_error):
            return False
        self.saved.emit(f"{self.year.value()} 年基本情况已保存")
        return True

    def show_profile_field(self, year: int, field: str) -> None:
        """Open a year's 基本情况 and put the cursor on the field a finding names (from 数据审核)."""
        self.year.setValue(year)
        widgets: dict[str, QWidget] = {"people": self.people, "building_area_m2": self.area}
        target = widgets.get(field)
        if field == "signatories" or target is None:
            # The first signatory still empty, else the first one.
            target = next((w for w in (self.head, self.statistician, self.preparer) if not w.text().strip()), self.head)
        target.setFocus()
