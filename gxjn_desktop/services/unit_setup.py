"""Creating a unit without the window (``gxjn-cli unit init``) and describing it (``unit show``).

The checks are the wizard's: ``Unit.problems()`` and ``YearProfile.problems()``; a unit is written
in one transaction with its first year's profile, so a half-created unit never exists.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.units import (
    AdminLevel,
    ClimateZone,
    Contact,
    InstitutionType,
    Signatories,
    Unit,
    YearProfile,
)
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService

MANAGER_ROLE = "节能管理员"


def institution_type(text: str) -> InstitutionType:
    """机构类型 by its code (01, 021 … 03) or its name (国家机关, 事业单位-教育 …)."""
    t = text.strip()
    for kind in InstitutionType:
        if t in (kind.value, kind.label):
            return kind
    names = "、".join(f"{k.label}（{k.value}）" for k in InstitutionType)
    raise UserError(f"机构类型“{text}”不是可选的类型", f"请填写其一：{names}")


def climate_zone(text: str) -> ClimateZone:
    """气候区 by name (夏热冬暖 / 夏热冬冷) or id; empty is 夏热冬暖, most of Guangxi."""
    t = text.strip()
    if not t:
        return ClimateZone.HOT_SUMMER_WARM_WINTER
    for zone in ClimateZone:
        if t in (zone.value, zone.label):
            return zone
    raise UserError(f"气候区“{text}”不是可选的值", "请填写 夏热冬暖 或 夏热冬冷")


def admin_level(text: str) -> AdminLevel | None:
    """行政层级 by name (区直 / 市直 / 县级及以下) or id; empty leaves it unset, as the form's （未填）."""
    if not text.strip():
        return None
    try:
        return AdminLevel.from_text(text)
    except ValueError:
        names = "、".join(a.label for a in AdminLevel)
        raise UserError(f"行政层级“{text}”不是可选的值", f"请填写其一：{names}（不知道时可不填）") from None


def yes_no(text: str, what: str) -> bool:
    """是 / 否 as the workbook's drop-down lists write them; empty is 否."""
    t = text.strip()
    if t in ("是", "否", ""):
        return t == "是"
    raise UserError(f"{what}应填“是”或“否”，而不是“{text}”", "请填写 是 或 否（不填为否）")


def build_unit(
    *,
    name: str,
    uscc: str,
    admin_code: str,
    kind: InstitutionType,
    zone: ClimateZone = ClimateZone.HOT_SUMMER_WARM_WINTER,
    address: str = "",
    manager: str = "",
    phone: str = "",
    level: AdminLevel | None = None,
    party_organ: bool = False,
) -> Unit:
    """The unit as the wizard's first page makes it (code upper-cased, text trimmed)."""
    contacts = (Contact(MANAGER_ROLE, manager.strip(), phone.strip()),) if manager.strip() else ()
    return Unit(
        name=name.strip(),
        uscc=uscc.strip().upper(),
        admin_code=admin_code.strip(),
        institution_type=kind,
        climate_zone=zone,
        address=address.strip(),
        contacts=contacts,
        admin_level=level,
        party_government_organ=party_organ,
    )


def create_unit(data_dir: Path, unit: Unit, profile: YearProfile) -> None:
    """Check like the wizard, refuse a folder that already holds a unit, write both at once."""
    problems = unit.problems() + profile.problems()
    if problems:
        raise UserError("单位信息有误，未创建单位：" + "；".join(problems), "请改正后重新运行")
    service = LedgerService.open(data_dir)
    try:
        if service.has_unit():
            existing = service.ledger().unit
            raise UserError(
                f"文件夹 {data_dir} 中已有单位“{existing.name}”，未创建新单位",
                "一个数据文件夹只保存一个单位；请用 --data-dir 指定另一个文件夹",
            )
        service.replace_everything(Ledger(unit, {profile.year: profile}))
    finally:
        service.close()


def with_signatories(profile: YearProfile, head: str, statistician: str, preparer: str) -> YearProfile:
    return replace(profile, signatories=Signatories(head.strip(), statistician.strip(), preparer.strip()))


def _figure(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def unit_json(ledger: Ledger) -> dict[str, Any]:
    """``unit show --json``: the unit and every year's profile (decimal figures as strings)."""
    u = ledger.unit
    profiles = []
    for year in sorted(ledger.profiles):
        p = ledger.profiles[year]
        s = p.signatories
        profiles.append(
            {
                "year": p.year,
                "people": p.people,
                "area_m2": _figure(p.building_area_m2),
                "staff_quota": p.staff_quota,
                "heated_area_m2": _figure(p.heated_area_m2),
                "data_centre": p.data_centre,
                "data_centre_area_m2": _figure(p.data_centre_area_m2),
                "fuel_vehicles": p.fuel_vehicles,
                "new_energy_vehicles": p.new_energy_vehicles,
                "canteen": p.canteen,
                "canteen_seats": p.canteen_seats,
                "signatories": {
                    "head": s.head,
                    "statistician": s.statistician,
                    "preparer": s.preparer,
                    "report_date": s.report_date.isoformat() if s.report_date else None,
                },
            }
        )
    return {
        "unit": {
            "name": u.name,
            "uscc": u.uscc,
            "admin_code": u.admin_code,
            "institution_type": u.institution_type.value,
            "institution_type_name": u.institution_type.label,
            "climate_zone": u.climate_zone.label,
            "admin_level": u.admin_level.value if u.admin_level else None,
            "admin_level_name": u.admin_level.label if u.admin_level else None,
            "party_government_organ": u.party_government_organ,
            "address": u.address,
            "contacts": [{"role": c.role, "name": c.name, "phone": c.phone} for c in u.contacts],
        },
        "profiles": profiles,
        "meters": len(ledger.meters),
    }
