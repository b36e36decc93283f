"""The in-memory snapshot that keeps the grid fast equals what SQLite holds, after any edits and undos.

``Ledger.apply`` replays a write on the snapshot instead of reading the database again; if it ever
differed from what the store wrote, figures on screen would silently disagree with the file.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.meters import Meter, MeterKind
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import EwasteDisposal, Explanation
from gxjn_desktop.errors import UserError
from gxjn_desktop.services import edits
from gxjn_desktop.services.entry import CellEdit, Column, EntryChange, EntryService, RowKey, RowKind
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.operations import Operation, perform
from tests.conftest import DEMO_TODAY


def comparable(ledger: Ledger) -> dict[str, Any]:
    """The ledger's content, independent of the order rows happen to be kept in."""

    def month_key(x: Any) -> tuple[int, int]:
        return (x.year, x.month)

    return {
        "unit": ledger.unit,
        "profiles": ledger.profiles,
        "meters": sorted(ledger.meters, key=lambda m: m.code),
        "records": sorted(ledger.records, key=lambda r: (r.meter_code, r.year, r.month)),
        "replacements": sorted(ledger.replacements, key=lambda r: (r.meter_code, r.day)),
        "canteen": sorted(ledger.canteen, key=month_key),
        "garbage": sorted(ledger.garbage, key=month_key),
        "ewaste": sorted(ledger.ewaste, key=lambda e: (e.day, e.items, e.recipient)),
        "records_of": {m.code: ledger.records_of(m.code) for m in ledger.meters},
        "quotas": sorted(ledger.quotas, key=lambda q: q.key),
        "explanations": sorted(ledger.explanations, key=lambda e: (e.rule_id, e.location_key)),
        "tasks": sorted(ledger.tasks, key=lambda t: t.task_id or 0),
    }


cells = st.tuples(
    st.sampled_from(["E1", "E2", "W1", "G1", "V1", "canteen", "garbage"]),
    st.sampled_from([2025, 2026]),  # a year with data (changes), one without (new rows; undo deletes them)
    st.integers(1, 12),
    st.sampled_from([Column.VALUE, Column.COST, Column.NOTE]),
    st.one_of(st.just(""), st.integers(0, 10**7).map(str), st.text("核对表", min_size=1, max_size=4)),
)
steps = st.lists(st.one_of(cells, st.just("undo"), st.just("redo")), min_size=1, max_size=12)


def key_for(code: str, service: EntryService, year: int, month: int) -> RowKey | None:
    rows = service.rows(year, month)
    if code in ("canteen", "garbage"):
        kind = RowKind.CANTEEN if code == "canteen" else RowKind.GARBAGE
        return next((r.key for r in rows if r.key.kind is kind), None)
    return next((r.key for r in rows if r.key.code == code), None)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
def test_snapshot_equals_database_after_edits_and_undos(script: list[Any]) -> None:
    from gxjn_desktop.services.demo import build_demo_ledger

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = LedgerService.open(data)
        store.replace_everything(build_demo_ledger(DEMO_TODAY))
        service = EntryService(store)
        done: list[EntryChange] = []
        undone: list[EntryChange] = []
        try:
            for step in script:
                if step == "undo" and done:
                    change = done.pop()
                    service.revert(change)
                    undone.append(change)
                elif step == "redo" and undone:
                    change = undone.pop()
                    service.commit(change)
                    done.append(change)
                elif isinstance(step, tuple):
                    code, year, month, column, text = step
                    key = key_for(code, service, year, month)
                    if key is None:
                        continue
                    plan = service.prepare(year, month, [CellEdit(key, column, text)])
                    if plan.ready and plan.change is not None and not plan.change.is_empty:
                        service.commit(plan.change)
                        done.append(plan.change)
                        undone.clear()
                reread = LedgerService.open(data)
                try:
                    assert comparable(service.ledger) == comparable(reread.ledger())
                finally:
                    reread.close()
        finally:
            store.close()


# ---- the other screens' operations: unit, 基本情况, meters, quotas, e-waste, 说明, tasks --------------


class Held:
    """The snapshot the window keeps, written through to the store (as ``EntryService`` does)."""

    def __init__(self, store: LedgerService) -> None:
        self.store = store
        self.ledger = store.ledger()

    def write(self, state: StoredState) -> None:
        self.store.write_state(state)
        self.ledger = self.ledger.apply(state)

    def replace(self, ledger: Ledger) -> None:
        self.store.replace_everything(ledger)
        self.ledger = self.store.ledger()


def make_operation(step: tuple[Any, ...], held: Held) -> Operation:
    """One of the screens' operations, built by the same service functions the screens call."""
    ledger = held.ledger
    kind, a, b = step
    if kind == "unit":
        return edits.unit_change(ledger, replace(ledger.unit, name=f"示例单位{a}", address=f"路{b}号"))
    if kind == "profile":
        base = ledger.profiles.get(a) or next(iter(ledger.profiles.values()))
        return edits.profile_change(ledger, replace(base, year=a, people=b + 1))
    if kind == "meter":
        old = next((m for m in ledger.meters if m.code == f"N{a}"), None)
        meter = Meter(f"N{a}", f"新表{b}", Carrier.ELECTRICITY, MeterKind.REGISTER, active_from=date(2026, 1, 1))
        return edits.meter_saved(ledger, meter, new=old is None)
    if kind == "quota":
        quota = Quota(a, list(QuotaIndicator)[b % 4], list(QuotaLevel)[b % 3], Decimal(b + 1), Basis.EQUIVALENT, "文号")
        return edits.quotas_set(ledger, [quota], "定额")
    if kind == "unquota":
        if not ledger.quotas:
            raise UserError("没有定额")
        return edits.quota_deleted(ledger, ledger.quotas[b % len(ledger.quotas)], "删除定额")
    if kind == "ewaste":
        disposal = EwasteDisposal(date(a, 5, b % 28 + 1), b + 1, "某回收公司", f"Z{b}")
        return edits.ewaste_added(ledger, disposal, "处置")
    if kind == "unewaste":
        if not ledger.ewaste:
            raise UserError("没有处置")
        return edits.ewaste_deleted(ledger, ledger.ewaste[b % len(ledger.ewaste)], "删除处置")
    if kind == "explain":
        e = Explanation(f"R{b % 2}", f"E1|{a}-0{b % 9 + 1}|reading", f"fp{b}", "其他", "说明" * 5, "测试", NOON)
        return edits.explanation_saved(ledger, e, "说明")
    if kind == "task":
        base = ledger.tasks_of(2025)[b % len(ledger.tasks_of(2025))]
        return edits.task_saved(
            ledger, replace(base, task_id=None, note=f"新{a}"), "新增", next_id=held.store.next_task_id()
        )
    if kind == "retask":
        task = ledger.tasks[b % len(ledger.tasks)]
        return edits.task_saved(ledger, replace(task, note=f"改{a}"), "修改", next_id=0)
    assert kind == "untask"
    if not ledger.tasks:
        raise UserError("没有任务")
    task = ledger.tasks[b % len(ledger.tasks)]
    assert task.task_id is not None
    return edits.task_deleted(ledger, task.task_id, "删除")


NOON = datetime(2026, 11, 24, 12, 0)
operations = st.tuples(
    st.sampled_from(
        ["unit", "profile", "meter", "quota", "unquota", "ewaste", "unewaste", "explain", "task", "retask", "untask"]
    ),
    st.sampled_from([2025, 2026]),
    st.integers(0, 40),
)
op_steps = st.lists(st.one_of(operations, st.just("undo"), st.just("redo")), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(op_steps)
def test_snapshot_equals_database_after_every_kind_of_operation_and_undo(script: list[Any]) -> None:
    from gxjn_desktop.services.demo import build_demo_ledger

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        store = LedgerService.open(data)
        store.replace_everything(build_demo_ledger(DEMO_TODAY))
        held = Held(store)
        done: list[Operation] = []
        undone: list[Operation] = []
        try:
            for step in script:
                if step == "undo" and done:
                    op = done.pop()
                    perform(held, op, undo=True)
                    undone.append(op)
                elif step == "redo" and undone:
                    op = undone.pop()
                    perform(held, op)
                    done.append(op)
                elif isinstance(step, tuple):
                    try:
                        op = make_operation(step, held)
                    except UserError:
                        continue
                    changes = perform(held, op)
                    assert changes.kinds, "an operation says what it changes"
                    done.append(op)
                    undone.clear()
                reread = LedgerService.open(data)
                try:
                    assert comparable(held.ledger) == comparable(reread.ledger())
                finally:
                    reread.close()
            while done:  # everything undone: the demo as it was
                perform(held, done.pop(), undo=True)
            assert comparable(held.ledger) == comparable(build_demo_ledger(DEMO_TODAY)) | {
                "tasks": comparable(Held(store).ledger)["tasks"]
            }
        finally:
            store.close()
