"""能耗定额: the quotas a bureau issues to a unit for a year, as plain values.

Pacing against them (which needs the indicators) lives in ``quota_pacing``, so that the ledger can
hold quotas without importing the indicators that compute over the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from gxjn_desktop.domain.labelled import LabelledEnum


class QuotaIndicator(LabelledEnum):
    TOTAL_ENERGY_TCE = "total_energy_tce", "综合能耗总量"  # tce
    ENERGY_PER_AREA = "energy_per_area_kgce_m2", "单位建筑面积能耗"  # kgce/m²
    ENERGY_PER_CAPITA = "energy_per_capita_kgce", "人均综合能耗"  # kgce/人
    WATER_TOTAL_T = "water_total_t", "用水总量"  # t
    WATER_PER_CAPITA = "water_per_capita_m3", "人均用水量"  # m³/人

    @property
    def unit(self) -> str:
        return {
            "total_energy_tce": "tce",
            "energy_per_area_kgce_m2": "kgce/m²",
            "energy_per_capita_kgce": "kgce/人",
            "water_total_t": "t",
            "water_per_capita_m3": "m³/人",
        }[self.value]

    @property
    def is_energy(self) -> bool:
        return self not in (QuotaIndicator.WATER_TOTAL_T, QuotaIndicator.WATER_PER_CAPITA)


class QuotaLevel(LabelledEnum):
    """下达指标 is the unit's own limit; the other three come from a quota standard table."""

    ISSUED = "issued", "下达指标"
    CONSTRAINT = "constraint", "约束值"
    BENCHMARK = "benchmark", "基准值"
    GUIDE = "guide", "引导值"


class Basis(LabelledEnum):
    EQUIVALENT = "equivalent", "当量值"  # (statistics: electricity 0.1229 kgce/kWh)
    EQUAL_VALUE = "equal_value", "等价值"  # (some quota standards: electricity by 供电煤耗)


@dataclass(frozen=True)
class Quota:
    year: int
    indicator: QuotaIndicator
    level: QuotaLevel
    value: Decimal
    basis: Basis = Basis.EQUIVALENT
    document: str = ""  # issuing letter or standard, e.g. 南宁市机关事务管理局 2025 年能耗定额通知

    @property
    def key(self) -> str:
        return f"{self.year}|{self.indicator.value}|{self.level.value}"
