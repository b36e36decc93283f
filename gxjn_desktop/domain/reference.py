"""Reference data: standard-coal coefficients, emission factors and targets, each sourced and versioned.

The values themselves live in files under ``resources/reference/`` (a bureau may issue new
ones); this module only gives them types and the rules for choosing among them. No coefficient
appears as a literal here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from gxjn_desktop.domain.carriers import Carrier


@dataclass(frozen=True)
class Sourced:
    """A value with where it comes from and how sure we are ([V] [C] [D] [U], domain.md §0)."""

    value: Decimal
    source: str
    confidence: str


@dataclass(frozen=True)
class CarrierCoefficient:
    """折标系数 of one carrier. Per-kg values and densities are kept apart, never pre-multiplied."""

    carrier: Carrier
    unit: str
    kgce_per_unit: Sourced | None = None  # e.g. electricity 0.1229 kgce/kWh
    kg_per_unit: Sourced | None = None  # density for litres, 1000 for tonnes
    kgce_per_kg: Sourced | None = None

    def kgce_coefficient(self) -> Decimal:
        """kgce per unit of the carrier's own unit, unrounded (density × per-kg coefficient)."""
        if self.kgce_per_unit is not None:
            return self.kgce_per_unit.value
        if self.kg_per_unit is not None and self.kgce_per_kg is not None:
            return self.kg_per_unit.value * self.kgce_per_kg.value
        raise ValueError(f"no coefficient for {self.carrier.value}")


@dataclass(frozen=True)
class FuelEmissionFactor:
    carrier: Carrier
    kgco2_per_unit: Sourced | None = None
    kgco2_per_kg: Sourced | None = None  # multiplied by the coefficient file's density

    def per_unit(self, kg_per_unit: Decimal | None) -> Decimal:
        if self.kgco2_per_unit is not None:
            return self.kgco2_per_unit.value
        if self.kgco2_per_kg is not None and kg_per_unit is not None:
            return self.kgco2_per_kg.value * kg_per_unit
        raise ValueError(f"no emission factor for {self.carrier.value}")


@dataclass(frozen=True)
class GridFactorChoice:
    """The grid factor chosen for a report year (cli.md §Figures: latest data year ≤ report year)."""

    series: str
    series_label: str
    data_year: int
    factor: Sourced  # kgCO2/kWh

    def carried_over(self, report_year: int) -> bool:
        """沿用: the data year is earlier than the report year."""
        return self.data_year < report_year

    def describe(self, report_year: int) -> str:
        tail = "（沿用）" if self.carried_over(report_year) else ""
        return f"{self.series_label} {self.data_year} 年 {self.factor.value} kgCO2/kWh{tail}"


@dataclass(frozen=True)
class Target:
    """The year-on-year targets of a work plan, in percent (negative = reduction)."""

    year: int
    document: str
    energy_per_capita_pct: Decimal
    energy_per_area_pct: Decimal
    water_per_capita_pct: Decimal
    co2_per_area_pct: Decimal


@dataclass(frozen=True)
class ReferenceData:
    coefficients_version: str
    coefficients: dict[Carrier, CarrierCoefficient]
    emission_version: str
    grid_series: dict[str, tuple[str, dict[int, Sourced]]]  # id → (label, data year → factor)
    default_grid_series: str
    fuel_factors: dict[Carrier, FuelEmissionFactor]
    targets_version: str
    targets: tuple[Target, ...]
    equal_value_electricity: Sourced | None = None  # 等价值 kgce/kWh, for quotas on that basis only

    def on_equal_value_basis(self) -> ReferenceData | None:
        """The same data with electricity at its 等价值, for comparing with 等价值 quotas."""
        if self.equal_value_electricity is None:
            return None
        coeffs = dict(self.coefficients)
        coeffs[Carrier.ELECTRICITY] = CarrierCoefficient(
            Carrier.ELECTRICITY, coeffs[Carrier.ELECTRICITY].unit, kgce_per_unit=self.equal_value_electricity
        )
        return replace(self, coefficients=coeffs, equal_value_electricity=None)

    def coefficient(self, carrier: Carrier) -> CarrierCoefficient:
        if carrier is Carrier.PV:  # self-consumed PV is electricity
            return self.coefficients[Carrier.ELECTRICITY]
        return self.coefficients[carrier]

    def kgce_per_unit(self, carrier: Carrier) -> Decimal:
        return self.coefficient(carrier).kgce_coefficient()

    def grid_factor(self, report_year: int, series: str | None = None) -> GridFactorChoice | None:
        sid = series or self.default_grid_series
        label, values = self.grid_series[sid]
        years = [y for y in values if y <= report_year]
        if not years:
            return None
        y = max(years)
        return GridFactorChoice(sid, label, y, values[y])

    def fuel_factor_per_unit(self, carrier: Carrier) -> Decimal | None:
        factor = self.fuel_factors.get(carrier)
        if factor is None:
            return None
        coefficient = self.coefficients.get(carrier)
        density = coefficient.kg_per_unit.value if coefficient and coefficient.kg_per_unit else None
        return factor.per_unit(density)

    def target_for(self, year: int) -> tuple[Target, bool] | None:
        """The targets in force for ``year`` and whether they are carried over from an earlier plan."""
        earlier = [t for t in self.targets if t.year <= year]
        if not earlier:
            return None
        t = max(earlier, key=lambda x: x.year)
        return t, t.year < year


def _sourced(d: dict[str, Any] | None) -> Sourced | None:
    if d is None:
        return None
    return Sourced(Decimal(str(d["value"])), str(d.get("source", "")), str(d.get("confidence", "U")))


def build_reference_data(
    coefficients: dict[str, Any], emissions: dict[str, Any], targets: dict[str, Any]
) -> ReferenceData:
    """Type the three reference files' contents. Values are read from strings, never floats."""
    coeffs: dict[Carrier, CarrierCoefficient] = {}
    for code, d in coefficients["carriers"].items():
        c = Carrier(code)
        coeffs[c] = CarrierCoefficient(
            carrier=c,
            unit=str(d["unit"]),
            kgce_per_unit=_sourced(d.get("kgce_per_unit")),
            kg_per_unit=_sourced(d.get("kg_per_unit")),
            kgce_per_kg=_sourced(d.get("kgce_per_kg")),
        )
    grid: dict[str, tuple[str, dict[int, Sourced]]] = {}
    for sid, d in emissions["grid_series"].items():
        values: dict[int, Sourced] = {}
        for y, v in d["values"].items():
            s = _sourced(v)
            assert s is not None
            values[int(y)] = s
        grid[sid] = (str(d["label"]), values)
    fuels: dict[Carrier, FuelEmissionFactor] = {}
    for code, d in emissions["fuels"].items():
        c = Carrier(code)
        fuels[c] = FuelEmissionFactor(c, _sourced(d.get("kgco2_per_unit")), _sourced(d.get("kgco2_per_kg")))
    tgts = tuple(
        Target(
            year=int(t["year"]),
            document=str(t["document"]),
            energy_per_capita_pct=Decimal(str(t["energy_per_capita_pct"])),
            energy_per_area_pct=Decimal(str(t["energy_per_area_pct"])),
            water_per_capita_pct=Decimal(str(t["water_per_capita_pct"])),
            co2_per_area_pct=Decimal(str(t["co2_per_area_pct"])),
        )
        for t in targets["targets"]
    )
    return ReferenceData(
        coefficients_version=str(coefficients["version"]),
        coefficients=coeffs,
        emission_version=str(emissions["version"]),
        grid_series=grid,
        default_grid_series=str(emissions["default_grid_series"]),
        fuel_factors=fuels,
        targets_version=str(targets["version"]),
        targets=tgts,
        equal_value_electricity=_sourced(coefficients.get("equal_value", {}).get("electricity")),
    )
