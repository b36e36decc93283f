"""The unit's identity fields, shared by the first-run wizard and 单位信息 (one form, one set of checks)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from gxjn_desktop.domain.units import (
    AdminLevel,
    ClimateZone,
    Contact,
    InstitutionType,
    Unit,
    admin_code_problem,
    uscc_admin_warning,
    uscc_problem,
)
from gxjn_desktop.gui.common import error_label
from gxjn_desktop.gui.forms.ui_unit_fields import Ui_UnitFields
from gxjn_desktop.services.unit_setup import MANAGER_ROLE


def uscc_hint(text: str) -> str | None:
    """Live hint while typing the code (the full check runs on saving)."""
    return uscc_problem(text) if len(text.strip()) == 18 else None


def admin_hint(text: str) -> str | None:
    return admin_code_problem(text) if len(text.strip()) == 6 else None


class UnitFields(QWidget):
    """单位名称, 统一社会信用代码, 行政区划代码, 机构类型, 行政层级, 党政机关, 气候区, 地址 and the
    节能管理员's name and phone, with the live hint (or the saving problem) in red below them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_UnitFields()
        self.ui.setupUi(self)
        self.error = error_label(self.ui.error)
        self.name: QLineEdit = self.ui.name
        self.uscc: QLineEdit = self.ui.uscc
        self.admin_code: QLineEdit = self.ui.admin_code
        self.kind: QComboBox = self.ui.kind
        for t in InstitutionType:
            self.kind.addItem(t.label, t)
        self.level: QComboBox = self.ui.level  # the work plan's goals are counted by it
        self.level.addItem("（未填）", None)
        for a in AdminLevel:
            self.level.addItem(a.label, a)
        self.party_organ: QCheckBox = self.ui.party_organ
        self.zone: QComboBox = self.ui.zone
        for z in ClimateZone:
            self.zone.addItem(z.label, z)
        self.address: QLineEdit = self.ui.address
        self.ui.manager_label.setText(MANAGER_ROLE)
        self.manager: QLineEdit = self.ui.manager
        self.manager_phone: QLineEdit = self.ui.manager_phone
        self.uscc.textChanged.connect(lambda _t: self.show_hint())
        self.admin_code.textChanged.connect(lambda _t: self.show_hint())

    @property
    def last_field(self) -> QWidget:
        """Where Tab leaves the form (the next widget of the screen comes after it)."""
        return self.manager_phone

    def show_hint(self) -> None:
        """The first problem of the two codes as typed, or the warning when they disagree."""
        uscc, admin = self.uscc.text(), self.admin_code.text()
        hints = (uscc_hint(uscc), admin_hint(admin), uscc_admin_warning(uscc, admin))
        self.error.setText(next((h for h in hints if h), ""))

    def set_unit(self, unit: Unit) -> None:
        self.name.setText(unit.name)
        self.uscc.setText(unit.uscc)
        self.admin_code.setText(unit.admin_code)
        self.kind.setCurrentIndex(max(self.kind.findData(unit.institution_type), 0))
        self.level.setCurrentIndex(max(self.level.findData(unit.admin_level), 0))
        self.party_organ.setChecked(unit.party_government_organ)
        self.zone.setCurrentIndex(max(self.zone.findData(unit.climate_zone), 0))
        self.address.setText(unit.address)
        manager = next((c for c in unit.contacts if c.role == MANAGER_ROLE), None)
        self.manager.setText(manager.name if manager else "")
        self.manager_phone.setText(manager.phone if manager else "")

    def unit(self, old: Unit | None = None) -> Unit:
        """The unit as typed; other contacts of ``old`` are kept."""
        others = tuple(c for c in old.contacts if c.role != MANAGER_ROLE) if old else ()
        name = self.manager.text().strip()
        contacts = ((Contact(MANAGER_ROLE, name, self.manager_phone.text().strip()),) if name else ()) + others
        typed = Unit(
            name=self.name.text().strip(),
            uscc=self.uscc.text().strip().upper(),
            admin_code=self.admin_code.text().strip(),
            institution_type=self.kind.currentData(),
            climate_zone=self.zone.currentData(),
            address=self.address.text().strip(),
            contacts=contacts,
            admin_level=self.level.currentData(),
            party_government_organ=self.party_organ.isChecked(),
        )
        return typed if old is None else replace(old, **{f: getattr(typed, f) for f in typed.__dataclass_fields__})
