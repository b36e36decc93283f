"""Energy and resource carriers (能源资源品种) as the statistics forms name and measure them."""

from __future__ import annotations

from gxjn_desktop.domain.labelled import LabelledEnum


class Carrier(LabelledEnum):
    """A carrier; ``value`` is the stable code stored in databases and files."""

    ELECTRICITY = "electricity", "电"
    WATER = "water", "水"
    NATURAL_GAS = "natural_gas", "天然气"
    LPG = "lpg", "液化石油气"
    GASOLINE = "gasoline", "汽油"
    DIESEL = "diesel", "柴油"
    COAL = "coal", "煤炭"
    HEAT = "heat", "热力"
    PV = "pv", "光伏发电"  # 太阳能光电系统发电量, self-consumed; part of 电, never added again
    OTHER = "other", "其他能源"  # already in tce

    @property
    def unit(self) -> str:
        """The statistical unit a quantity of this carrier is kept in."""
        return _UNITS[self]

    @property
    def is_energy(self) -> bool:
        """Water is a resource, not energy: it never counts in 综合能耗."""
        return self is not Carrier.WATER


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


class UseTag(LabelledEnum):
    """What the metered energy is used for, so both the statistics' and the quotas' 口径 work."""

    BUILDING = "building", "建筑"
    VEHICLE = "vehicle", "公务车辆"
    CANTEEN = "canteen", "食堂"
    GENERATOR = "generator", "应急发电机"
    DATA_CENTRE = "data_centre", "数据中心机房"
