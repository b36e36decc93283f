"""What is entered each month: meter records, replacements, canteen, garbage, e-waste."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from gxjn_desktop.domain.labelled import LabelledEnum


class Source(LabelledEnum):
    """来源: where a value comes from (the 原始凭证 the bureau may ask for)."""

    READING = "reading", "抄表"
    BILL = "bill", "账单"
    INVOICE = "invoice", "发票"
    ESTIMATE = "estimate", "估算"


@dataclass(frozen=True)
class MonthlyRecord:
    """One meter's month: the end-of-month register reading or a direct quantity, and its cost."""

    meter_code: str
    year: int
    month: int
    reading: Decimal | None = None  # 本期示数 (register meters)
    quantity: Decimal | None = None  # direct quantity (quantity meters)
    cost_fen: int | None = None  # 金额 in integer 分
    source: Source = Source.READING
    reading_date: date | None = None
    rollover_confirmed: bool = False  # 表计翻转, only when the user confirmed it
    note: str = ""
    entered_by: str = ""
    entered_at: datetime | None = None


class ReplacementReason(LabelledEnum):
    FAULT = "fault", "故障"
    CALIBRATION = "calibration", "周期检定"
    UPGRADE = "upgrade", "更换"
    MULTIPLIER = "multiplier", "倍率变更"  # a CT change: a "virtual replacement" closing one segment
    OTHER = "other", "其他"


@dataclass(frozen=True)
class MeterReplacement:
    """换表 within a month: the old meter's final reading and the new one's initial reading.

    Both readings are always entered; the new initial reading is never copied from the old
    final one (a new meter reads 0, a refurbished one may not).
    """

    meter_code: str
    day: date
    old_final_reading: Decimal
    new_initial_reading: Decimal
    reason: ReplacementReason = ReplacementReason.FAULT
    old_meter_no: str = ""
    new_meter_no: str = ""
    note: str = ""

    @property
    def year(self) -> int:
        return self.day.year

    @property
    def month(self) -> int:
        return self.day.month


@dataclass(frozen=True)
class CanteenMonth:
    """食堂: 餐厨垃圾, 就餐人次 and 食材采购 for one month."""

    year: int
    month: int
    food_waste_kg: Decimal | None = None
    diners: int | None = None  # 就餐人次
    food_purchased_kg: Decimal | None = None
    note: str = ""

    @property
    def is_empty(self) -> bool:
        """A month with no value is not data (it must not make a year count as having data)."""
        return self.food_waste_kg is None and self.diners is None and self.food_purchased_kg is None and not self.note


#: The canteen's fields as the month grid shows them: (attribute, label, unit).
CANTEEN_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("food_waste_kg", "食堂：餐厨垃圾", "kg"),
    ("diners", "食堂：就餐人次", "人次"),
    ("food_purchased_kg", "食堂：食材采购", "kg"),
)


class GarbageCategory(LabelledEnum):
    """GB/T 19095-2019 major categories."""

    RECYCLABLE = "recyclable", "可回收物"
    HAZARDOUS = "hazardous", "有害垃圾"
    KITCHEN = "kitchen", "厨余垃圾"
    OTHER = "other", "其他垃圾"


@dataclass(frozen=True)
class ContainerEstimate:
    """A weight estimated from containers: size × times emptied × fill share × bulk density."""

    container_litres: Decimal
    times_emptied: int
    fill_pct: Decimal


@dataclass(frozen=True)
class GarbageMonth:
    """垃圾分类: the four categories in kg, the reported total, and the inspected accuracy."""

    year: int
    month: int
    kg: dict[GarbageCategory, Decimal] = field(default_factory=dict)
    estimated: dict[GarbageCategory, ContainerEstimate] = field(default_factory=dict)
    reported_total_kg: Decimal | None = None
    sorting_accuracy_pct: Decimal | None = None  # 投放准确率 where inspected
    note: str = ""

    @property
    def is_empty(self) -> bool:
        """A month with no value is not data."""
        return (
            not self.kg
            and not self.estimated
            and self.reported_total_kg is None
            and self.sorting_accuracy_pct is None
            and not self.note
        )

    @property
    def categories_total_kg(self) -> Decimal:
        return sum(self.kg.values(), Decimal(0))


@dataclass(frozen=True)
class EwasteDisposal:
    """废旧电子产品规范处置."""

    day: date
    items: int  # 件
    recipient: str
    certificate_no: str = ""
    note: str = ""


@dataclass(frozen=True)
class Explanation:
    """A 说明 attached to one finding while the value it explains is unchanged.

    ``fingerprint`` is the finding's fingerprint (its rule, location and the values it judged):
    when any of those values changes, the fingerprint changes and the explanation no longer
    applies, so the program asks again.
    """

    rule_id: str
    location_key: str
    fingerprint: str
    cause: str
    text: str
    entered_by: str = ""
    entered_at: datetime | None = None


EXPLANATION_CAUSES: tuple[str, ...] = (
    "人数变化",
    "面积变化",
    "设备检修或故障",
    "气候异常",
    "新增用能设备",
    "计量表更换",
    "估算数据",
    "其他",
)
