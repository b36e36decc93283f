"""First start: 新建单位 (a short wizard) or 打开示例单位."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.numbers import parse_decimal, parse_integer
from gxjn_desktop.domain.places import RESERVED_CODE_HINT, reserved_code_problem
from gxjn_desktop.domain.units import (
    Unit,
    YearProfile,
)
from gxjn_desktop.errors import UserError
from gxjn_desktop.gui.common import error_label, fit_to_screen, scroll_when_small
from gxjn_desktop.gui.forms.ui_meter_page import Ui_MeterPage
from gxjn_desktop.gui.forms.ui_profile_page import Ui_ProfilePage
from gxjn_desktop.gui.forms.ui_unit_page import Ui_UnitPage
from gxjn_desktop.gui.forms.ui_welcome import Ui_WelcomeScreen
from gxjn_desktop.gui.unit_form import UnitFields


@dataclass(frozen=True)
class NewUnitResult:
    unit: Unit
    profile: YearProfile
    meter: Meter


class WelcomeScreen(QWidget):
    newUnitRequested = Signal()
    demoRequested = Signal()
    bureauRequested = Signal()

    def __init__(self, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_WelcomeScreen()
        self.ui.setupUi(self)
        self.ui.folder.setText(f"数据文件夹：{data_dir}")
        self.new_button: QPushButton = self.ui.new_button
        self.demo_button: QPushButton = self.ui.demo_button
        self.bureau_button: QPushButton = self.ui.bureau_button
        self.new_button.clicked.connect(self.newUnitRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.bureau_button.clicked.connect(self.bureauRequested)
        self.new_button.setDefault(True)


class UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_UnitPage()
        self.ui.setupUi(self)
        self.fields = UnitFields()
        self.ui.layout.addWidget(self.fields)
        self.error = self.fields.error
        self._warned: tuple[str, str] | None = None  # the codes whose warning the user has seen

    def unit(self) -> Unit:
        return self.fields.unit()

    def validatePage(self) -> bool:
        unit = self.unit()
        problems = unit.problems()
        # Same messages as the services (uscc_problem / admin_code_problem via Unit.problems).
        if problems:
            self.error.setText("\n".join(problems))
            return False
        warnings = unit.warnings()
        if warnings and self._warned != (unit.uscc, unit.admin_code):
            # A warning stops once: the user reads it, corrects or clicks 下一步 again.
            self._warned = (unit.uscc, unit.admin_code)
            self.error.setText("\n".join(warnings) + "\n如确认无误，请再点一次“下一步”。")
            return False
        self.error.setText("")
        return True


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.ui = Ui_ProfilePage()
        self.ui.setupUi(self)
        self.year: QSpinBox = self.ui.year
        self.year.setValue(date.today().year)
        self.people: QLineEdit = self.ui.people
        self.area: QLineEdit = self.ui.area
        self.canteen: QCheckBox = self.ui.canteen
        self.error = error_label(self.ui.error)

    def profile(self) -> YearProfile:
        people = parse_integer(self.people.text(), "用能人数")
        area = parse_decimal(self.area.text(), "建筑面积")
        return YearProfile(self.year.value(), people, area, canteen=self.canteen.isChecked())

    def validatePage(self) -> bool:
        try:
            profile = self.profile()
        except UserError as err:
            self.error.setText(f"{err.message}。{err.hint}")
            return False
        problems = profile.problems()
        self.error.setText("\n".join(problems))
        return not problems


_FIRST_METERS = (
    (Carrier.ELECTRICITY, "E1", "总电表"),
    (Carrier.WATER, "W1", "自来水总表"),
    (Carrier.NATURAL_GAS, "G1", "天然气表"),
    (Carrier.GASOLINE, "V1", "公务车汽油（加油卡）"),
)


def next_free_code(suggested: str, taken: Collection[str]) -> str:
    """``suggested`` (E1) if free, else the same letters with the next number nobody uses (E4)."""
    if suggested not in taken:
        return suggested
    letters = suggested.rstrip("0123456789")
    used = {int(c[len(letters) :]) for c in taken if c.startswith(letters) and c[len(letters) :].isdigit()}
    return f"{letters}{max(used, default=0) + 1}"


class MeterPage(QWizardPage):
    """The first meter in the wizard; with ``with_start`` also the body of 新增计量器具 (its 启用日期 row:
    in the wizard the meter starts with the profile's year)."""

    def __init__(self, taken: Collection[str] = (), with_start: bool = False) -> None:
        super().__init__()
        self.taken = taken  # codes of the unit's meters: the proposed code is a free one
        self.ui = Ui_MeterPage()
        self.ui.setupUi(self)
        self.carrier: QComboBox = self.ui.carrier
        for c, _, _ in _FIRST_METERS:
            self.carrier.addItem(c.label, c)
        self.code: QLineEdit = self.ui.code
        self.code.setText(next_free_code(_FIRST_METERS[0][1], taken))
        self.name: QLineEdit = self.ui.name
        self.name.setText(_FIRST_METERS[0][2])
        self.kind: QComboBox = self.ui.kind
        for k in MeterKind:
            self.kind.addItem(k.label, k)
        self.account: QLineEdit = self.ui.account
        self.digits: QSpinBox = self.ui.digits
        self.initial: QLineEdit = self.ui.initial
        self.multiplier: QLineEdit = self.ui.multiplier
        self.start: QDateEdit = self.ui.start
        self.start.setDate(QDate.currentDate())
        self.ui.form.setRowVisible(self.start, with_start)
        self.error = error_label(self.ui.error)
        self.carrier.currentIndexChanged.connect(self._carrier_changed)

    def _carrier_changed(self, i: int) -> None:
        _, code, name = _FIRST_METERS[i]
        self.code.setText(next_free_code(code, self.taken))
        self.name.setText(name)
        quantity = _FIRST_METERS[i][0] is Carrier.GASOLINE
        self.kind.setCurrentIndex(1 if quantity else 0)

    def meter(self, start: date) -> Meter:
        kind: MeterKind = self.kind.currentData()
        initial = None
        if kind is MeterKind.REGISTER:
            if not self.initial.text().strip():
                # Without it the first month has no 上期示数 and its use would never be counted.
                raise UserError("示数表须填写起始示数", "请填写开始记账时表盘上的读数（新表通常为 0）")
            initial = parse_decimal(self.initial.text(), "起始示数")
        mult = parse_decimal(self.multiplier.text() or "1", "倍率")
        if mult <= 0:
            raise UserError("倍率必须大于 0", "没有互感器的表倍率为 1")
        carrier: Carrier = self.carrier.currentData()
        code = self.code.text().strip().upper()
        name = self.name.text().strip()
        if not code or not name:
            raise UserError("计量器具的编号和名称不能为空", "请填写编号（如 E1）和名称")
        if problem := reserved_code_problem(code):
            raise UserError(problem, RESERVED_CODE_HINT)
        return Meter(
            code,
            name,
            carrier,
            kind,
            UseTag.VEHICLE if carrier is Carrier.GASOLINE else UseTag.BUILDING,
            account_no=self.account.text().strip(),
            register_digits=self.digits.value() or None if kind is MeterKind.REGISTER else None,
            initial_reading=initial,
            active_from=start,
            multipliers=(MultiplierChange(start, mult),),
        )

    def validatePage(self) -> bool:
        try:
            self.meter(date.today())
        except UserError as err:
            self.error.setText(f"{err.message}。{err.hint}")
            return False
        self.error.setText("")
        return True


class NewUnitWizard(QWizard):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新建单位")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.unit_page = UnitPage()
        self.profile_page = ProfilePage()
        self.meter_page = MeterPage()
        for p in (self.unit_page, self.profile_page, self.meter_page):
            self.addPage(p)
        self.setButtonText(QWizard.WizardButton.NextButton, "下一步")
        self.setButtonText(QWizard.WizardButton.BackButton, "上一步")
        self.setButtonText(QWizard.WizardButton.FinishButton, "完成")
        self.setButtonText(QWizard.WizardButton.CancelButton, "取消")
        # Each page's fields scroll when the screen is too small for them (1366×768 at 150 %).
        self._scrolls = {id(p): scroll_when_small(p) for p in (self.unit_page, self.profile_page, self.meter_page)}
        fit_to_screen(self, 600, 560)  # room for two or three lines of a refused 单位信息 below the fields

    def validateCurrentPage(self) -> bool:
        if super().validateCurrentPage():
            return True
        page = self.currentPage()
        error = getattr(page, "error", None)
        if isinstance(error, QLabel):  # the refusal below the fields: scrolled into view once laid out
            scroll = self._scrolls[id(page)]
            QTimer.singleShot(0, lambda: scroll.ensureWidgetVisible(error))
        return False

    def result_value(self) -> NewUnitResult:
        profile = self.profile_page.profile()
        return NewUnitResult(self.unit_page.unit(), profile, self.meter_page.meter(date(profile.year, 1, 1)))
