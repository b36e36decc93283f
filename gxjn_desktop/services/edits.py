"""The operations of the screens beside the month grid: 单位信息, 计量器具, 能耗定额, 废旧电子产品处置,
工作任务, 说明 and the new unit. Each checks what it is given (a refusal is a ``UserError`` and nothing
is written) and returns an :class:`~gxjn_desktop.services.operations.Operation` holding what is
stored under its keys before and after; running it is the front end's (one undo stack).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from gxjn_desktop.domain.ledger import Ledger, QuotaKey, StoredState
from gxjn_desktop.domain.meters import Meter
from gxjn_desktop.domain.periods import check_year
from gxjn_desktop.domain.quotas import Quota
from gxjn_desktop.domain.records import EwasteDisposal, Explanation
from gxjn_desktop.domain.units import Unit, YearProfile
from gxjn_desktop.domain.workplan import WorkTask, task_problems
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.operations import Operation, Origin, Screen

FIX_HINT = "请修改后再保存"


def unit_change(ledger: Ledger, unit: Unit) -> Operation:
    """The unit's own record (name, codes, contacts)."""
    problems = unit.problems()
    if problems:
        raise UserError(problems[0], FIX_HINT)
    unit = replace(unit, uscc=unit.uscc.upper())  # as stored
    return Operation("修改单位信息", StoredState(unit=ledger.unit), StoredState(unit=unit), Origin(Screen.UNIT))


def profile_change(ledger: Ledger, profile: YearProfile) -> Operation:
    """A year's 基本情况 (people, area, signatories …); refused for a year an export locks when written."""
    problems = profile.problems()
    if problems:
        raise UserError(problems[0], FIX_HINT)
    old = ledger.profiles.get(profile.year)
    verb = "修改" if old is not None else "填写"
    return Operation(
        f"{verb} {profile.year} 年基本情况",
        StoredState(profiles=((profile.year, old),)),
        StoredState(profiles=((profile.year, profile),)),
        Origin(Screen.UNIT, profile.year),
    )


def meter_saved(ledger: Ledger, meter: Meter, *, new: bool) -> Operation:
    """A new meter (its code not yet used) or a changed one (its code kept)."""
    if not meter.code.strip() or not meter.name.strip():
        raise UserError("计量器具的编号和名称不能为空", "请填写编号（如 E1）和名称")
    old = next((m for m in ledger.meters if m.code == meter.code), None)
    if new and old is not None:
        raise UserError(f"编号 {meter.code} 已被使用", "请换一个编号")
    if not new and old is None:
        raise UserError(f"没有编号为 {meter.code} 的计量器具", "请刷新后重试")
    label = f"新增计量器具 {meter.code}" if new else f"修改计量器具 {meter.code}"
    return Operation(
        label,
        StoredState(meters=((meter.code, old),)),
        StoredState(meters=((meter.code, meter),)),
        Origin(Screen.METERS, item=meter.code),
    )


def _quota_key(q: Quota) -> QuotaKey:
    return (q.year, q.indicator, q.level)


def quotas_set(ledger: Ledger, quotas: Iterable[Quota], label: str) -> Operation:
    """Quotas entered or imported (one value per year, indicator and level: a new one replaces)."""
    quotas = list(quotas)
    if not quotas:
        raise UserError("没有要保存的定额", "请录入或导入定额")
    for q in quotas:
        check_year(q.year)
    stored = {_quota_key(q): q for q in ledger.quotas}
    keys = list(dict.fromkeys(_quota_key(q) for q in quotas))  # the last of a repeated key wins, as in SQL
    after = {_quota_key(q): q for q in quotas}
    return Operation(
        label,
        StoredState(quotas=tuple((k, stored.get(k)) for k in keys)),
        StoredState(quotas=tuple((k, after[k]) for k in keys)),
        Origin(Screen.QUOTAS, quotas[0].year, item=quotas[0].key),
    )


def quota_deleted(ledger: Ledger, quota: Quota, label: str) -> Operation:
    key = _quota_key(quota)
    old = next((q for q in ledger.quotas if _quota_key(q) == key), None)
    if old is None:
        raise UserError(f"{quota.year} 年没有这条定额", "请刷新后重试")
    return Operation(
        label,
        StoredState(quotas=((key, old),)),
        StoredState(quotas=((key, None),)),
        Origin(Screen.QUOTAS, quota.year, item=quota.key),
    )


def ewaste_added(ledger: Ledger, disposal: EwasteDisposal, label: str) -> Operation:
    if disposal in ledger.ewaste:
        raise UserError("已有相同的处置记录", "同一次处置只需录入一次；如是另一批，请填写其证明编号")
    return Operation(
        label,
        StoredState(ewaste=((disposal, False),)),
        StoredState(ewaste=((disposal, True),)),
        Origin(Screen.EWASTE, disposal.day.year, item=disposal),
    )


def ewaste_deleted(ledger: Ledger, disposal: EwasteDisposal, label: str) -> Operation:
    if disposal not in ledger.ewaste:
        raise UserError("这条处置记录已不存在", "请刷新后重试")
    return Operation(
        label,
        StoredState(ewaste=((disposal, True),)),
        StoredState(ewaste=((disposal, False),)),
        Origin(Screen.EWASTE, disposal.day.year, item=disposal),
    )


def task_saved(ledger: Ledger, task: WorkTask, label: str, *, next_id: int) -> Operation:
    """A new task (it gets ``next_id``, so undo and redo remove and restore that same row) or a
    changed one."""
    problems = task_problems(task)
    if problems:
        raise UserError(problems[0], FIX_HINT)
    if task.task_id is None:
        task = replace(task, task_id=next_id)
        old = None
    else:
        old = next((t for t in ledger.tasks if t.task_id == task.task_id), None)
        if old is None:
            raise UserError("这项工作任务已不存在", "请刷新后重试")
    assert task.task_id is not None
    return Operation(
        label,
        StoredState(tasks=((task.task_id, old),)),
        StoredState(tasks=((task.task_id, task),)),
        Origin(Screen.WORKPLAN, task.year, item=task.task_id),
    )


def task_deleted(ledger: Ledger, task_id: int, label: str) -> Operation:
    old = next((t for t in ledger.tasks if t.task_id == task_id), None)
    if old is None:
        raise UserError("这项工作任务已不存在", "请刷新后重试")
    return Operation(
        label,
        StoredState(tasks=((task_id, old),)),
        StoredState(tasks=((task_id, None),)),
        Origin(Screen.WORKPLAN, old.year, item=task_id),
    )


def explanation_saved(ledger: Ledger, explanation: Explanation, label: str) -> Operation:
    """A 说明 replaces the one before it for the same rule and place."""
    key = (explanation.rule_id, explanation.location_key)
    old = next((e for e in ledger.explanations if (e.rule_id, e.location_key) == key), None)
    return Operation(
        label,
        StoredState(explanations=((key, old),)),
        StoredState(explanations=((key, explanation),)),
        Origin(Screen.FINDINGS, item=explanation.fingerprint),
    )


def new_unit(unit: Unit, profile: YearProfile, meter: Meter) -> Operation:
    """The wizard's unit, replacing whatever the data folder held: run like every operation, but
    not undoable (the daily backups keep what was there)."""
    problems = unit.problems() + profile.problems()
    if problems:
        raise UserError(problems[0], FIX_HINT)
    ledger = Ledger(replace(unit, uscc=unit.uscc.upper()), {profile.year: profile}, (meter,))
    return Operation(
        f"新建单位 {unit.name}", StoredState(), StoredState(), Origin(Screen.ENTRY), undoable=False, replacement=ledger
    )


def replace_all(ledger: Ledger, label: str) -> Operation:
    """A whole ledger in place of the data (the demo unit); not undoable."""
    return Operation(label, StoredState(), StoredState(), Origin(Screen.ENTRY), undoable=False, replacement=ledger)
