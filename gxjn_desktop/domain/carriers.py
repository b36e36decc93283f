"""Energy and resource carriers (能源资源品种) as the statistics forms name and measure them."""

from __future__ import annotations

from enum import Enum


class Carrier(Enum):
    """A carrier; ``value`` is the stable code stored in databases and files."""

    ELECTRICITY = "electricity"
    WATER = "water"
    NATURAL_GAS = "natural_gas"
    LPG = "lpg"
    GASOLINE = "gasoline"
    DIESEL = "diesel"
    COAL = "coal"
    HEAT = "heat"
    PV = "pv"  # 太阳能光电系统发电量, self-consumed; part of 电, never added again
    OTHER = "other"  # 其他能源, already in tce

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def unit(self) -> str:
        """The statistical unit a quantity of this carrier is kept in."""
        return _UNITS[self]

    @property
    def is_energy(self) -> bool:
        """Water is a resource, not energy: it never counts in 综合能耗."""
        return self is not Carrier.WATER

    @classmethod
    def from_text(cls, text: str) -> Carrier:
        """Accept the code or the Chinese label (as typed in a workbook)."""
        t = text.strip()
        for c in cls:
            if t in (c.value, c.label):
                return c
        raise ValueError(t)


_LABELS = {
    Carrier.ELECTRICITY: "电",
    Carrier.WATER: "水",
    Carrier.NATURAL_GAS: "天然气",
    Carrier.LPG: "液化石油气",
    Carrier.GASOLINE: "汽油",
    Carrier.DIESEL: "柴油",
    Carrier.COAL: "煤炭",
    Carrier.HEAT: "热力",
    Carrier.PV: "光伏发电",
    Carrier.OTHER: "其他能源",
}

# Units of the 基2表 (domain.md §1.6); water in t (= m³), heat in GJ, other energy in tce.
_UNITS = {
    Carrier.ELECTRICITY: "kWh",
    Carrier.WATER: "t",
    Carrier.NATURAL_GAS: "m3",
    Carrier.LPG: "kg",
    Carrier.GASOLINE: "L",
    Carrier.DIESEL: "L",
    Carrier.COAL: "t",
    Carrier.HEAT: "GJ",
    Carrier.PV: "kWh",
    Carrier.OTHER: "tce",
}

# Order of the rows in totals and reports (the form's order).
CARRIER_ORDER: tuple[Carrier, ...] = tuple(Carrier)


class UseTag(Enum):
    """What the metered energy is used for, so both the statistics' and the quotas' 口径 work."""

    BUILDING = "building"
    VEHICLE = "vehicle"
    CANTEEN = "canteen"
    GENERATOR = "generator"
    DATA_CENTRE = "data_centre"

    @property
    def label(self) -> str:
        return {
            UseTag.BUILDING: "建筑",
            UseTag.VEHICLE: "公务车辆",
            UseTag.CANTEEN: "食堂",
            UseTag.GENERATOR: "应急发电机",
            UseTag.DATA_CENTRE: "数据中心机房",
        }[self]

    @classmethod
    def from_text(cls, text: str) -> UseTag:
        t = text.strip()
        for u in cls:
            if t in (u.value, u.label):
                return u
        raise ValueError(t)
