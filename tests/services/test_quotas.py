"""The bureau's quota workbook and the quota status report."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.domain.quotas import QuotaIndicator, QuotaLevel
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.quotas import QUOTA_HEADER, QUOTA_SHEET, quota_status_json, read_quota_workbook


def _bureau_file(path: Path, rows: list[list[object]]) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = QUOTA_SHEET
    ws.append(list(QUOTA_HEADER))
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def test_only_this_units_rows_are_taken(demo_service: LedgerService, tmp_path: Path) -> None:
    uscc = demo_service.ledger().unit.uscc
    path = _bureau_file(
        tmp_path / "定额.xlsx",
        [
            [uscc, "示例", 2026, "综合能耗总量", "下达指标", 98.5, "当量值", "隆事管〔2026〕3号"],
            [uscc, "示例", 2026, "人均用水量", "", "１９．８", "", "隆事管〔2026〕3号"],
            ["91350100M000100Y43", "别的单位", 2026, "综合能耗总量", "下达指标", 50, "当量值", ""],
        ],
    )
    quotas, others = read_quota_workbook(path, demo_service.ledger())
    assert others == 1 and len(quotas) == 2
    assert quotas[0].value == Decimal("98.5") and quotas[0].document == "隆事管〔2026〕3号"
    assert quotas[1].indicator is QuotaIndicator.WATER_PER_CAPITA and quotas[1].level is QuotaLevel.ISSUED
    assert quotas[1].value == Decimal("19.8")
    demo_service.save_quotas(quotas)
    assert sum(1 for q in demo_service.ledger().quotas if q.year == 2026) == 2


def test_bad_rows_are_listed_and_nothing_is_taken(demo_service: LedgerService, tmp_path: Path) -> None:
    uscc = demo_service.ledger().unit.uscc
    path = _bureau_file(
        tmp_path / "定额.xlsx",
        [[uscc, "", 2026, "电费", "下达指标", 1, "", ""], [uscc, "", 2026, "用水总量", "下达指标", -3, "", ""]],
    )
    with pytest.raises(UserError) as err:
        read_quota_workbook(path, demo_service.ledger())
    assert "2 处错误" in err.value.message and "电费" in err.value.message and "大于 0" in err.value.message


def test_wrong_layout_and_not_a_workbook(demo_service: LedgerService, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "a.xlsx")
    with pytest.raises(UserError, match="能耗定额"):
        read_quota_workbook(tmp_path / "a.xlsx", demo_service.ledger())
    (tmp_path / "b.xlsx").write_bytes(b"junk" * 100)
    with pytest.raises(UserError, match="不是有效的"):
        read_quota_workbook(tmp_path / "b.xlsx", demo_service.ledger())


def test_status_of_the_demo(demo_service: LedgerService) -> None:
    data = quota_status_json(demo_service.ledger(), 2025, date(2026, 11, 24))
    assert data["months_counted"] == 12
    water = next(q for q in data["quotas"] if q["indicator"] == "water_per_capita_m3")
    assert water["over_pace"] is True and water["state"] == "超出进度"
    guide = next(q for q in data["quotas"] if q["level"] == "guide")
    assert guide["over_pace"] is None and guide["state"] == "不低于引导值"
    assert {t["indicator"] for t in data["targets"]} == {
        "energy_per_capita_kgce",
        "energy_per_area_kgce_m2",
        "water_per_capita_m3",
        "co2_per_area_kgco2_m2",
    }
    mid = quota_status_json(demo_service.ledger(), 2025, date(2025, 7, 15))
    assert mid["months_counted"] == 6
    assert all(t["projected_change_pct"] is not None for t in mid["targets"])
