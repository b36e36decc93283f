"""Quotas: entered by hand or read from the bureau's quota workbook; pacing and projections.

The bureau's quota workbook (docs/quotas.md) has one sheet 能耗定额 with the header
统一社会信用代码 | 单位名称 | 年度 | 指标 | 级别 | 数值 | 口径 | 文号, one row per unit, year,
indicator and level. Rows of other units are skipped; the file is taken all or nothing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.indicators import indicator_report, period_figures, target_status
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import month_end
from gxjn_desktop.domain.numbers import (
    INDICATOR_PLACES,
    PERCENT_PLACES,
    format_fixed,
    parse_decimal,
    parse_integer,
    plain,
)
from gxjn_desktop.domain.periods import Period, check_year
from gxjn_desktop.domain.quota_pacing import Pacing, pacing, seasonal_share
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.reference_data import load_reference
from gxjn_desktop.services.safe_zip import open_workbook, sheet_rows

QUOTA_SHEET = "能耗定额"
QUOTA_HEADER = ("统一社会信用代码", "单位名称", "年度", "指标", "级别", "数值", "口径", "文号")


def parse_quota_value(text: str) -> Decimal:
    """A quota value as typed (full-width digits, thousands separators); it must be above 0."""
    value = parse_decimal(text, "定额数值")
    if value <= 0:
        raise UserError(f"定额数值必须大于 0（现为 {plain(value)}）", "请按下达文件填写")
    return value


def months_elapsed(ledger: Ledger, year: int, today: date) -> int:
    """Months of ``year`` that are over and have at least one record (for pacing)."""
    done = [m for m in range(1, 13) if month_end(year, m) < today]
    with_data = {r.month for r in ledger.records if r.year == year}
    counted = [m for m in done if m in with_data]
    return max(counted) if counted else 0


def pacing_state(p: Pacing) -> str:
    """How the year stands against the quota, in words (the level decides what matters)."""
    if not p.comparable or p.projected is None:
        return p.reason or "无法比较"
    q = p.quota
    if q.level is QuotaLevel.ISSUED:
        return "超出进度" if p.over_pace else "在进度内"
    if q.level is QuotaLevel.GUIDE:
        return "低于引导值" if p.projected < q.value else "不低于引导值"
    higher = p.projected > q.value
    return f"高于{q.level.label}" if higher else f"未超过{q.level.label}"


def quota_pacings(ledger: Ledger, year: int, months: int, ref: ReferenceData | None = None) -> list[Pacing]:
    ref = ref or load_reference()
    return [pacing(ledger, ref, q, months) for q in ledger.quotas if q.year == year and months > 0]


def read_quota_workbook(path: Path, ledger: Ledger) -> tuple[list[Quota], int]:
    """This unit's quotas from a bureau workbook, and how many rows belonged to other units."""
    wb = open_workbook(path, "定额工作簿")
    if QUOTA_SHEET not in wb.sheet_names:
        sheets = "、".join(f"“{n}”" for n in wb.sheet_names) or "无"
        raise UserError(
            f"{path.name} 中没有名为“{QUOTA_SHEET}”的工作表（现有工作表：{sheets}）",
            f"定额文件应有一个“{QUOTA_SHEET}”工作表，第一行为：{'、'.join(QUOTA_HEADER)}；请向机关事务管理局索取原文件",
        )
    rows = list(sheet_rows(wb, QUOTA_SHEET, path))
    header = tuple(str(h).strip() for h in (rows[0] if rows else ()))[: len(QUOTA_HEADER)]
    if header != QUOTA_HEADER:
        raise UserError(f"{path.name} 的表头不符", f"表头应为：{'、'.join(QUOTA_HEADER)}")
    quotas: list[Quota] = []
    problems: list[str] = []
    others = 0
    for i, row in enumerate(rows[1:], start=2):
        cells = [("" if v is None else str(v).strip()) for v in (list(row) + [""] * 8)[:8]]
        if not any(cells):
            continue
        uscc, _name, year_text, ind_text, level_text, value, basis_text, document = cells
        if uscc.upper() != ledger.unit.uscc.upper():
            others += 1
            continue
        try:
            year = check_year(parse_integer(year_text, "年度"))
            indicator = QuotaIndicator.from_text(ind_text)
            level = QuotaLevel.from_text(level_text or "下达指标")
            basis = Basis.from_text(basis_text or "当量值")
            number = Decimal(repr(row[5])) if isinstance(row[5], float) else parse_decimal(value, "数值")
        except (ValueError, UserError) as exc:
            detail = exc.one_line() if isinstance(exc, UserError) else f"无法识别“{exc}”"
            problems.append(f"第 {i} 行：{detail}")
            continue
        if number <= 0:
            problems.append(f"第 {i} 行：定额必须大于 0")
            continue
        quotas.append(Quota(year, indicator, level, number, basis, document))
    if problems:
        raise UserError(
            f"{path.name} 有 {len(problems)} 处错误，未导入：{'；'.join(problems[:10])}", "请改正后重新导入"
        )
    if not quotas:
        raise UserError(f"{path.name} 中没有本单位（{ledger.unit.uscc}）的定额", "请确认文件是否下发给本单位")
    return quotas, others


def quota_status_json(ledger: Ledger, year: int, today: date, ref: ReferenceData | None = None) -> dict[str, Any]:
    """Pacing of every quota of the year, and the projected year-end change of the four indicators."""
    check_year(year, today)
    ref = ref or load_reference()
    months = months_elapsed(ledger, year, today)
    out_quotas = []
    for p in quota_pacings(ledger, year, months, ref):
        q = p.quota
        out_quotas.append(
            {
                "indicator": q.indicator.value,
                "label": q.indicator.label,
                "unit": q.indicator.unit,
                "level": q.level.value,
                "level_label": q.level.label,
                "quota": plain(q.value),
                "basis": q.basis.label,
                "document": q.document,
                "months": p.months,
                "actual_to_date": format_fixed(p.actual, INDICATOR_PLACES),
                "allowed_to_date": format_fixed(p.allowed_to_date, INDICATOR_PLACES),
                "share_pct": format_fixed(p.share * 100, PERCENT_PLACES),
                "seasonal_profile": p.seasonal,
                "projected_year_end": format_fixed(p.projected, INDICATOR_PLACES),
                "remaining_per_month": format_fixed(p.remaining_per_month, INDICATOR_PLACES)
                if q.indicator in (QuotaIndicator.TOTAL_ENERGY_TCE, QuotaIndicator.WATER_TOTAL_T)
                else None,
                "over_pace": p.over_pace if q.level is QuotaLevel.ISSUED else None,
                "state": pacing_state(p),
                "comparable": p.comparable,
                "reason": p.reason,
            }
        )
    projections = []
    if months:
        report = indicator_report(ledger, ref, Period.parse(year, f"YTD-M{months:02d}"))
        # The report counts only the months every meter has filled; the projection scales those.
        covered = report.covered[-1] if report.covered else 0
        energy_share = seasonal_share(ledger, ref, year, covered, water=False)[0] if covered else Decimal(0)
        water_share = seasonal_share(ledger, ref, year, covered, water=True)[0] if covered else Decimal(0)
        last = (
            indicator_report(ledger, ref, Period.parse(year - 1))
            if period_figures(ledger, ref, Period.parse(year - 1)).has_data
            else None
        )
        last_values = {i.kind: i.value for i in last.indicators} if last else {}
        for ind in report.indicators:
            share = water_share if ind.kind.value.startswith("water") else energy_share
            projected = None if ind.value is None or share == 0 else ind.value / share
            previous = last_values.get(ind.kind)
            change = None if projected is None or not previous else (projected - previous) / previous * 100
            projections.append(
                {
                    "indicator": ind.kind.value,
                    "label": ind.kind.label,
                    "ytd_change_pct": format_fixed(ind.change_pct, PERCENT_PLACES),
                    "ytd_status": ind.status.value,
                    "projected_year_end": format_fixed(projected, INDICATOR_PLACES),
                    "projected_change_pct": format_fixed(change, PERCENT_PLACES),
                    "target_pct": None if ind.target_pct is None else plain(ind.target_pct),
                    "projected_status": target_status(change, ind.target_pct).value,
                    "projected_status_label": target_status(change, ind.target_pct).label,
                }
            )
    return {"year": year, "months_counted": months, "quotas": out_quotas, "targets": projections}
