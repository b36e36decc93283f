"""What the 工作任务 screen and the workbook need beside the store: grades, PV meters, one-line texts."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.workplan import TASK_FIELDS, GradeBands, TaskKind, WorkTask
from gxjn_desktop.services.checks import load_rules_config
from gxjn_desktop.validation.rules_workplan import grade_bands


def grade_bands_in_force() -> GradeBands:
    """The 反食品浪费 grade bands of the rules file in use."""
    return grade_bands(load_rules_config())


def grade_for(score: Decimal) -> str:
    return grade_bands_in_force().grade(score)


def pv_meters(ledger: Ledger) -> list[Meter]:
    """The meters a PV project may feed (品种 光伏发电)."""
    return [m for m in ledger.meters if m.carrier is Carrier.PV]


#: How an amount is written: ``plain`` here; the window passes its grouped form (``gui.common.shown_number``).
NumberText = Callable[[Decimal], str]


def quantity_text(t: WorkTask, number: NumberText = plain) -> str:
    """``3200 m²`` — the kind's figure with its unit, or empty."""
    field = next((f for f in TASK_FIELDS[t.kind] if f.name == "quantity"), None)
    if field is None or t.quantity is None:
        return ""
    return f"{number(t.quantity)} {field.unit}".strip()


def detail_text(t: WorkTask, number: NumberText = plain) -> str:
    """The fields of the task's kind beyond the table's columns, in one line."""
    parts: list[str] = []
    if t.measures:
        parts.append("措施：" + "、".join(m.label for m in t.measures))
    if t.investment_yuan is not None:
        parts.append(f"投资 {number(t.investment_yuan)} 元")
    if t.saving_tce is not None:
        parts.append(f"预计年节能 {number(t.saving_tce)} tce")
    if t.kind is TaskKind.PV:
        parts.append(f"光伏表 {t.meter_code}" if t.meter_code else "未指定光伏表")
    if t.emc_type is not None:
        parts.append(t.emc_type.label)
    if t.contractor:
        parts.append(t.contractor)
    if t.term_years is not None:
        parts.append(f"期限 {t.term_years} 年")
    if t.saving_yuan is not None:
        parts.append(f"预计年节约 {number(t.saving_yuan)} 元")
    if t.built_year is not None:
        parts.append(f"{t.built_year} 年建成")
    if t.part_scores and all(v is not None for v in t.part_scores):
        parts.append("分项 " + "/".join(plain(v) for v in t.part_scores if v is not None))
    if t.grade:
        parts.append(t.grade)
    if t.findings:
        parts.append(t.findings)
    return "；".join(parts)
