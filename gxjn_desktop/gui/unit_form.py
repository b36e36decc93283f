"""The unit's identity fields, shared by the first-run wizard and 单位信息 (one form, one set of checks)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit

from gxjn_desktop.domain.units import (
    ClimateZone,
    Contact,
    InstitutionType,
    Unit,
    admin_code_problem,
    uscc_admin_warning,
    uscc_problem,
)
from gxjn_desktop.services.unit_setup import MANAGER_ROLE


def uscc_hint(text: str) -> str | None:
    """Live hint while typing the code (the full check runs on saving)."""
    return uscc_problem(text) if len(text.strip()) == 18 else None


def admin_hint(text: str) -> str | None:
    return admin_code_problem(text) if len(text.strip()) == 6 else None


class UnitFields:
    """单位名称, 统一社会信用代码, 行政区划代码, 机构类型, 气候区, 地址 and the 节能管理员's name and phone."""

    def __init__(self, error: QLabel) -> None:
        self.error = error
        self.name = QLineEdit()
        self.uscc = QLineEdit()
        self.uscc.setMaxLength(18)
        self.uscc.setPlaceholderText("18 位，见法人证书，如 12450123MB1965432W")
        self.admin_code = QLineEdit()
        self.admin_code.setMaxLength(6)
        self.admin_code.setPlaceholderText("6 位，如 450103")
        self.kind = QComboBox()
        for t in InstitutionType:
            self.kind.addItem(t.label, t)
        self.zone = QComboBox()
        for z in ClimateZone:
            self.zone.addItem(z.label, z)
        self.address = QLineEdit()
        self.manager = QLineEdit()
        self.manager.setPlaceholderText("节能管理员姓名")
        self.manager_phone = QLineEdit()
        self.uscc.textChanged.connect(lambda _t: self.show_hint())
        self.admin_code.textChanged.connect(lambda _t: self.show_hint())

    def show_hint(self) -> None:
        """The first problem of the two codes as typed, or the warning when they disagree."""
        uscc, admin = self.uscc.text(), self.admin_code.text()
        hints = (uscc_hint(uscc), admin_hint(admin), uscc_admin_warning(uscc, admin))
        self.error.setText(next((h for h in hints if h), ""))

    def add_rows(self, form: QFormLayout) -> None:
        for label, widget in (
            ("单位名称", self.name),
            ("统一社会信用代码", self.uscc),
            ("行政区划代码", self.admin_code),
            ("机构类型", self.kind),
            ("气候区", self.zone),
            ("地址", self.address),
            (MANAGER_ROLE, self.manager),
            ("联系电话", self.manager_phone),
        ):
            form.addRow(label, widget)

    def set_unit(self, unit: Unit) -> None:
        self.name.setText(unit.name)
        self.uscc.setText(unit.uscc)
        self.admin_code.setText(unit.admin_code)
        self.kind.setCurrentIndex(max(self.kind.findData(unit.institution_type), 0))
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
        )
        return typed if old is None else replace(old, **{f: getattr(typed, f) for f in typed.__dataclass_fields__})
