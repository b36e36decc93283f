"""The reporting unit (公共机构) and its yearly profile (用能人数, 建筑面积 …)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.labelled import LabelledEnum
from gxjn_desktop.domain.regions import guangxi_regions

# GB 32100-2015 统一社会信用代码: 18 characters from this 31-character set (no I, O, Z, S, V).
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ADMIN_CODE = re.compile(r"^[1-8]\d{5}$")


def uscc_check_character(first17: str) -> str:
    """The 18th character that GB 32100-2015 computes from the first 17."""
    total = sum(USCC_ALPHABET.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码, in Chinese; ``None`` when it is valid."""
    c = code.strip().upper()
    if len(c) != 18:
        return f"统一社会信用代码应为 18 位，“{code}”是 {len(c)} 位"
    bad = sorted({ch for ch in c if ch not in USCC_ALPHABET})
    if bad:
        return f"统一社会信用代码含有不允许的字符：{'、'.join(bad)}（不使用 I、O、Z、S、V）"
    expected = uscc_check_character(c[:17])
    if c[17] != expected:
        return f"统一社会信用代码校验位错误：第 18 位应为 {expected}，而不是 {c[17]}，请核对是否抄错"
    return None


def admin_code_problem(code: str) -> str | None:
    """Why ``code`` is not a 广西 行政区划代码 of GB/T 2260; ``None`` when it is one."""
    c = code.strip()
    if not _ADMIN_CODE.match(c):
        return f"行政区划代码应为 6 位数字（如 450103），“{code}”不符合"
    regions = guangxi_regions()
    if regions.name(c) is None:
        where = "不是广西的代码（广西的代码以 45 开头）" if not c.startswith("45") else "不在广西的行政区划代码表中"
        return f"行政区划代码 {c} {where}，请填写单位所在县（市、区）的代码，如南宁市青秀区 450103（代码表：{regions.version}）"
    return None


def uscc_admin_warning(uscc: str, admin_code: str) -> str | None:
    """A warning when the USCC's characters 3–8 (the registration area) differ from the 行政区划代码.

    Not a refusal: a unit may be registered by the city and sit in a district.
    """
    u, a = uscc.strip().upper(), admin_code.strip()
    if uscc_problem(u) is not None or admin_code_problem(a) is not None or u[2:8] == a:
        return None
    registered = guangxi_regions().name(u[2:8])
    area = f"{u[2:8]}（{registered}）" if registered else u[2:8]
    return (
        f"统一社会信用代码第 3—8 位的登记地代码 {area} 与行政区划代码 {a}（{guangxi_regions().name(a)}）不同，"
        "请核对两者是否填错"
    )


class InstitutionType(LabelledEnum):
    """机构类型 of the 基1表 (old code list: 01 机关, 02 事业单位 021…026, 03 团体)."""

    ORGAN = "01", "国家机关"
    EDUCATION = "021", "事业单位-教育"
    SCIENCE = "022", "事业单位-科技"
    CULTURE = "023", "事业单位-文化"
    HEALTH = "024", "事业单位-卫生"
    SPORTS = "025", "事业单位-体育"
    OTHER_INSTITUTION = "026", "事业单位-其他"
    ASSOCIATION = "03", "社会团体"


class AdminLevel(LabelledEnum):
    """行政层级: what the 节水型单位 and 节约型机关 goals are counted by."""

    REGIONAL = "regional", "区直"
    CITY = "city", "市直"
    COUNTY = "county", "县级及以下"


class ClimateZone(LabelledEnum):
    HOT_SUMMER_WARM_WINTER = "hswc", "夏热冬暖"  # most of Guangxi
    HOT_SUMMER_COLD_WINTER = "hscw", "夏热冬冷"  # 桂林 and the north


@dataclass(frozen=True)
class Contact:
    role: str  # e.g. 节能管理员, 单位负责人
    name: str
    phone: str = ""


@dataclass(frozen=True)
class Unit:
    """The 公共机构 whose ledger this is. Its identity (USCC, admin code) is stable across years."""

    name: str
    uscc: str
    admin_code: str
    institution_type: InstitutionType
    climate_zone: ClimateZone = ClimateZone.HOT_SUMMER_WARM_WINTER
    address: str = ""
    contacts: tuple[Contact, ...] = ()
    admin_level: AdminLevel | None = None  # 行政层级: 区直 / 市直 / 县级及以下 (unset for older data)
    party_government_organ: bool = False  # 党政机关 (the 节约型机关 goal counts these)

    def problems(self) -> list[str]:
        """Every reason this unit record cannot be saved, in Chinese."""
        out: list[str] = []
        if not self.name.strip():
            out.append("单位名称不能为空")
        for p in (uscc_problem(self.uscc), admin_code_problem(self.admin_code)):
            if p:
                out.append(p)
        if self.party_government_organ and self.institution_type is not InstitutionType.ORGAN:
            out.append(f"党政机关的机构类型应为“国家机关”，而不是“{self.institution_type.label}”")
        return out

    def warnings(self) -> list[str]:
        """What deserves a second look but does not stop saving, in Chinese."""
        w = uscc_admin_warning(self.uscc, self.admin_code)
        return [w] if w else []


@dataclass(frozen=True)
class Signatories:
    """The form footer: 单位负责人 / 统计负责人 / 填表人 / 报出日期."""

    head: str = ""
    statistician: str = ""
    preparer: str = ""
    report_date: date | None = None

    def missing(self) -> list[str]:
        names = (("单位负责人", self.head), ("统计负责人", self.statistician), ("填表人", self.preparer))
        return [label for label, value in names if not value.strip()]


@dataclass(frozen=True)
class YearProfile:
    """What the unit reports about itself for one year (基1表), with a note on each source."""

    year: int
    people: int  # 用能人数: everyone actually working in the office area, incl. 编外
    building_area_m2: Decimal  # office area, excluding dormitories and housing
    staff_quota: int | None = None  # 编制人数
    heated_area_m2: Decimal = Decimal(0)
    data_centre: bool = False
    data_centre_area_m2: Decimal = Decimal(0)
    fuel_vehicles: int = 0
    new_energy_vehicles: int = 0
    canteen: bool = False
    canteen_seats: int = 0
    source_notes: dict[str, str] = field(default_factory=dict)  # field name → where it came from
    signatories: Signatories = Signatories()

    def problems(self) -> list[str]:
        out: list[str] = []
        if self.people <= 0:
            out.append(f"{self.year} 年用能人数必须大于 0（现为 {self.people}）")
        if self.building_area_m2 <= 0:
            out.append(f"{self.year} 年建筑面积必须大于 0（现为 {self.building_area_m2}）")
        if self.data_centre and self.data_centre_area_m2 <= 0:
            out.append("有数据中心机房时须填写机房面积")
        return out
