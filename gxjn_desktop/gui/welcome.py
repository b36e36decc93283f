"""First start: 新建单位 (a short wizard) or 打开示例单位."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
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
from gxjn_desktop.gui.common import error_label
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
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("公共机构能源资源消费统计")
        title.setStyleSheet("font-size: 22pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(
            "这个数据文件夹里还没有单位。\n请新建本单位，或先打开示例单位熟悉填报流程（示例数据可随时被新建单位替换）。"
        )
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setWordWrap(True)
        self.new_button = QPushButton("新建单位…")
        self.demo_button = QPushButton("打开示例单位")
        self.bureau_button = QPushButton("汇总各单位报送包（机关事务管理局）…")
        for b in (self.new_button, self.demo_button, self.bureau_button):
            b.setMinimumHeight(40)
            b.setMinimumWidth(260)
        folder = QLabel(f"数据文件夹：{data_dir}")
        folder.setStyleSheet("color: #666;")
        folder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        folder.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (title, intro):
            layout.addWidget(w)
        layout.addSpacing(24)
        for b in (self.new_button, self.demo_button, self.bureau_button):
            layout.addWidget(b, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addSpacing(24)
        layout.addWidget(folder)
        layout.addStretch(2)
        self.new_button.clicked.connect(self.newUnitRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        self.bureau_button.clicked.connect(self.bureauRequested)
        self.new_button.setDefault(True)


class UnitPage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle("第 1 步：单位信息")
        self.setSubTitle("统一社会信用代码见单位的法人证书；行政区划代码为 6 位（如 450103）。")
        form = QFormLayout(self)
        self.error = error_label()
        self.fields = UnitFields(self.error)
        self.fields.add_rows(form)
        form.addRow(self.error)
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
        self.setTitle("第 2 步：本年度基本情况")
        self.setSubTitle("用能人数含编外人员；建筑面积为办公区面积，不含宿舍。")
        form = QFormLayout(self)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.people = QLineEdit()
        self.area = QLineEdit()
        self.canteen = QCheckBox("有食堂")
        self.error = error_label()
        form.addRow("年度", self.year)
        form.addRow("用能人数（人）", self.people)
        form.addRow("建筑面积（m²）", self.area)
        form.addRow("", self.canteen)
        form.addRow(self.error)

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
    def __init__(self, taken: Collection[str] = ()) -> None:
        super().__init__()
        self.taken = taken  # codes of the unit's meters: the proposed code is a free one
        self.setTitle("第 3 步：第一块计量器具")
        self.setSubTitle("先登记一块表，其余的可在“计量器具”中添加。起始示数为开始记账时表上的读数。")
        form = QFormLayout(self)
        self.carrier = QComboBox()
        for c, _, _ in _FIRST_METERS:
            self.carrier.addItem(c.label, c)
        self.code = QLineEdit(next_free_code("E1", taken))
        self.name = QLineEdit("总电表")
        self.kind = QComboBox()
        for k in MeterKind:
            self.kind.addItem(k.label, k)
        self.account = QLineEdit()
        self.digits = QSpinBox()
        self.digits.setRange(0, 10)
        self.digits.setSpecialValueText("不详")
        self.digits.setValue(6)
        self.initial = QLineEdit()
        self.multiplier = QLineEdit("1")
        self.error = error_label()
        form.addRow("品种", self.carrier)
        form.addRow("编号", self.code)
        form.addRow("名称", self.name)
        form.addRow("计量方式", self.kind)
        form.addRow("户号", self.account)
        form.addRow("表位数（整数位）", self.digits)
        form.addRow("起始示数", self.initial)
        form.addRow("倍率", self.multiplier)
        form.addRow(self.error)
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
        self.resize(560, 460)

    def result_value(self) -> NewUnitResult:
        profile = self.profile_page.profile()
        return NewUnitResult(self.unit_page.unit(), profile, self.meter_page.meter(date(profile.year, 1, 1)))
