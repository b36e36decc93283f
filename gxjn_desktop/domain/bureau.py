"""What the bureau keeps of each packet, and how units group by region and type (pure).

The facts are read from a packet's ``data.json`` (the unit's own published figures, decimal strings
as ``cli.md`` §Figures rounds them), so the bureau adds up exactly what each unit reported.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gxjn_desktop.domain.units import InstitutionType


@dataclass(frozen=True)
class CarrierFact:
    code: str
    label: str
    unit: str
    quantity: Decimal | None
    cost_yuan: Decimal | None
    tce: Decimal | None
    part_of: str | None = None  # e.g. 光伏发电 is part of 电, never added to the total twice


@dataclass(frozen=True)
class PacketFacts:
    uscc: str
    name: str
    admin_code: str
    institution_type: str
    year: int
    period: str  # as the packet names it: 2025-Y, 2025-Q2, 2025-M06
    revision: int
    people: int | None
    area_m2: Decimal | None
    comprehensive_energy_tce: Decimal | None
    building_energy_tce: Decimal | None
    co2_t: Decimal | None
    water_m3: Decimal | None
    cost_yuan: Decimal | None
    open_warnings: int
    explained_warnings: int
    carriers: tuple[CarrierFact, ...]


class FactsError(ValueError):
    """data.json lacks something the bureau needs (the message is Chinese)."""


def _dec(value: Any, what: str) -> Decimal | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise FactsError(f"{what} 应为十进制数字字符串，而不是 {type(value).__name__}")
    try:
        d = Decimal(value)
    except InvalidOperation as exc:
        raise FactsError(f"{what}“{value}”不是数字") from exc
    if not d.is_finite():
        raise FactsError(f"{what}“{value}”不是有限数字")
    return d


def _obj(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise FactsError(f"data.json 缺少“{key}”部分")
    return value


def period_name(year: int, code: str) -> str:
    """The packet's period string: 2025-Y, 2025-Q2, 2025-M06."""
    return f"{year}-{code}"


def facts_from_data(data: Mapping[str, Any], revision: int | None = None) -> PacketFacts:
    """The facts of one packet's data.json; :class:`FactsError` when a needed part is missing."""
    period = _obj(data, "period")
    unit = _obj(data, "unit")
    results = _obj(data, "results")
    ind = _obj(results, "indicators")
    check = results.get("check") if isinstance(results.get("check"), Mapping) else {}
    year = period.get("year")
    code = period.get("code")
    if not isinstance(year, int) or not isinstance(code, str):
        raise FactsError("data.json 的 period 缺少年度或期间代码")
    rev = revision if revision is not None else data.get("revision", 1)
    if not isinstance(rev, int):
        raise FactsError("data.json 的 revision 应为整数")
    carriers: list[CarrierFact] = []
    water: Decimal | None = None
    cost: Decimal | None = None
    for t in ind.get("totals") or []:
        c = CarrierFact(
            code=str(t.get("code")),
            label=str(t.get("carrier", "")),
            unit=str(t.get("unit", "")),
            quantity=_dec(t.get("quantity"), f"{t.get('carrier')} 用量"),
            cost_yuan=_dec(t.get("cost_yuan"), f"{t.get('carrier')} 金额"),
            tce=_dec(t.get("tce"), f"{t.get('carrier')} 折标准煤"),
            part_of=t.get("of"),
        )
        carriers.append(c)
        if c.code == "water":
            water = c.quantity  # 1 t of water is 1 m³
        if c.part_of is None and c.cost_yuan is not None:
            cost = c.cost_yuan if cost is None else cost + c.cost_yuan
    people = ind.get("people")
    if people is not None and (not isinstance(people, int) or isinstance(people, bool)):
        raise FactsError("用能人数应为整数")
    findings = check.get("findings") or [] if isinstance(check, Mapping) else []
    counts = check.get("counts") or {} if isinstance(check, Mapping) else {}
    explained = sum(1 for f in findings if isinstance(f, Mapping) and f.get("explanation"))
    uscc, admin = unit.get("uscc"), unit.get("admin_code")
    if not isinstance(uscc, str) or not isinstance(admin, str):
        raise FactsError("data.json 的 unit 缺少统一社会信用代码或行政区划代码")
    return PacketFacts(
        uscc=uscc,
        name=str(unit.get("name", "")),
        admin_code=admin,
        institution_type=str(unit.get("institution_type", "")),
        year=year,
        period=period_name(year, code),
        revision=rev,
        people=people,
        area_m2=_dec(ind.get("area_m2"), "建筑面积"),
        comprehensive_energy_tce=_dec(ind.get("comprehensive_energy_tce"), "综合能耗"),
        building_energy_tce=_dec(ind.get("building_energy_tce"), "建筑能耗"),
        co2_t=_dec(ind.get("co2_t"), "二氧化碳排放"),
        water_m3=water,
        cost_yuan=cost,
        open_warnings=int(counts.get("unexplained", 0) or 0),
        explained_warnings=explained,
        carriers=tuple(carriers),
    )


# 分类汇总 columns of the national class summary (NY301, shared/forms.md §1): key, label, member types.
_INSTITUTIONS = (
    InstitutionType.EDUCATION,
    InstitutionType.SCIENCE,
    InstitutionType.CULTURE,
    InstitutionType.HEALTH,
    InstitutionType.SPORTS,
    InstitutionType.OTHER_INSTITUTION,
)
TYPE_COLUMNS: tuple[tuple[str, str, frozenset[str]], ...] = (
    ("S001", "合计", frozenset(t.value for t in InstitutionType)),
    ("S002", "国家机关", frozenset({InstitutionType.ORGAN.value})),
    ("S003", "事业单位小计", frozenset(t.value for t in _INSTITUTIONS)),
    ("S004", "教育", frozenset({InstitutionType.EDUCATION.value})),
    ("S005", "科技", frozenset({InstitutionType.SCIENCE.value})),
    ("S006", "文化", frozenset({InstitutionType.CULTURE.value})),
    ("S007", "卫生", frozenset({InstitutionType.HEALTH.value})),
    ("S008", "体育", frozenset({InstitutionType.SPORTS.value})),
    ("S009", "其他", frozenset({InstitutionType.OTHER_INSTITUTION.value})),
    ("S010", "团体组织", frozenset({InstitutionType.ASSOCIATION.value})),
)


def type_columns_of(institution_type: str) -> list[str]:
    """The 分类汇总 columns a unit of this 机构类型 counts in (always 合计)."""
    return [key for key, _label, members in TYPE_COLUMNS if institution_type in members]


def region_levels(admin_code: str) -> tuple[str, str, str]:
    """(region, city, county) keys of a 6-digit 行政区划代码, from its prefixes (GB/T 2260).

    A code ending in 0000 is the region's own level (区直), one ending in 00 a city's own (市直);
    they keep their own code at the lower levels so each appears once, under its parent.
    """
    region = admin_code[:2] + "0000"
    city = admin_code[:4] + "00" if not admin_code.endswith("0000") else region
    return region, city, admin_code
