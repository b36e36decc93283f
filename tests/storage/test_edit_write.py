"""The grid's plain write path (storage/edit_write.py) stores what the ORM stores, checks the lock
inside its own transaction, and writes nothing when it fails."""

from __future__ import annotations

import sqlite3
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from gxjn_desktop.domain.exports import ExportRecord
from gxjn_desktop.domain.ledger import Ledger, StoredState
from gxjn_desktop.domain.records import (
    CanteenMonth,
    ContainerEstimate,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
    Source,
)
from gxjn_desktop.domain.workplan import EmcType, RetrofitMeasure, TaskKind, TaskStatus, WorkTask
from gxjn_desktop.errors import StorageError, UserError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.edit_write import writes
from tests.storage.killing import kill_after_commits, records_after_kill

RECORDS = [
    MonthlyRecord("E1", 2025, 3, reading=Decimal("1.20E+3"), cost_fen=123456, entered_at=datetime(2026, 1, 2, 3, 4, 5)),
    MonthlyRecord(
        "E2", 2025, 3, reading=Decimal("0.000"), source=Source.ESTIMATE, reading_date=date(2025, 3, 31),
        rollover_confirmed=True, note="核对 表计", entered_by="张敏", entered_at=datetime(2026, 1, 2, 3, 4, 5, 678),
    ),
    MonthlyRecord("W1", 2025, 4, quantity=Decimal("-0"), entered_at=None),  # the store gives it the time of writing
    MonthlyRecord("G1", 2030, 1, quantity=Decimal("12.5"), cost_fen=None, note="新的一年"),
]  # fmt: skip
CANTEEN = [CanteenMonth(2025, 3, Decimal("10.50"), 120, None, "食堂"), CanteenMonth(2025, 4)]
GARBAGE = [
    GarbageMonth(
        2025, 3, {GarbageCategory.KITCHEN: Decimal("3.2"), GarbageCategory.OTHER: Decimal(0)},
        {GarbageCategory.KITCHEN: ContainerEstimate(Decimal(240), 3, Decimal("0.75"))}, Decimal("3.2"), Decimal("95"),
    ),
    GarbageMonth(2025, 4),
]  # fmt: skip
NEW_METER = MeterReplacement(
    "E2", date(2025, 12, 31), Decimal("99.90"), Decimal("0"), ReplacementReason.UPGRADE, "A-1", "B-2", "年底换表"
)
REPLACEMENTS = (
    (("W1", 2024, 6), ()),  # the demo's replacement taken back
    (("E2", 2025, 12), (NEW_METER, replace(NEW_METER, day=date(2025, 12, 1), note="第二块"))),
)
TASKS = [  # as an import writes them: with the ids it gave them, every column used once
    WorkTask(
        TaskKind.EMC, 2025, 901, date(2025, 6, 30), Decimal("1.50"), TaskStatus.COMPLETED, "桂节〔2025〕3号", "备注",
        "空调改造", (RetrofitMeasure.COOLING, RetrofitMeasure.LIGHTING), Decimal("12345.67"), Decimal("3.2500"), "E1",
        EmcType.SHARED_SAVINGS, "某节能公司", 8, Decimal("0.5"), 2020, 2, (Decimal("20"), None, Decimal("17.5"), Decimal(13), Decimal(0)),
        "良好", "无",
    ),
    WorkTask(TaskKind.PV, 2025, 902),
]  # fmt: skip
STATE = StoredState(
    records=(*(((r.meter_code, r.year, r.month), r) for r in RECORDS), (("V1", 2025, 1), None)),
    replacements=REPLACEMENTS,
    canteen=tuple(((c.year, c.month), c) for c in CANTEEN),
    garbage=tuple(((g.year, g.month), g) for g in GARBAGE),
    tasks=(*((t.task_id or 0, t) for t in TASKS), (903, None)),
)


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    try:
        return {
            t: sorted(con.execute(f"SELECT * FROM {t}"), key=repr)
            for t in ("monthly_record", "meter_replacement", "canteen_month", "garbage_month", "work_task")
        }
    finally:
        con.close()


def stored(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """The rows, with the time of writing given to a record that had none made comparable."""
    out = rows(path)
    untimed = {(r.meter_code, r.year, r.month) for r in RECORDS if r.entered_at is None}
    out["monthly_record"] = [(*r[:-1], "now") if r[:3] in untimed else r for r in out["monthly_record"]]
    return out


def test_the_plain_path_stores_what_the_orm_stores(tmp_path: Path, demo_ledger: Ledger) -> None:
    assert writes(STATE)
    written: list[dict[str, list[tuple[object, ...]]]] = []
    for way in ("orm", "plain"):
        service = LedgerService.open(tmp_path / way)
        try:
            service.replace_everything(demo_ledger)
            service.save_batch(tasks=[replace(TASKS[1], task_id=903, name="将被删除")])
            if way == "orm":
                service.save_batch(
                    records=[r for _, r in STATE.records if r is not None],
                    deleted_records=[k for k, r in STATE.records if r is None],
                    replaced_months=[k for k, _ in REPLACEMENTS],
                    replacements=[rp for _, rps in REPLACEMENTS for rp in rps],
                    canteen=CANTEEN,
                    garbage=GARBAGE,
                    tasks=TASKS,
                    deleted_tasks=[903],
                )
            else:
                service.write_state(STATE)
            written.append(stored(service.path))
        finally:
            service.close()
    orm, plain = written
    assert plain == orm
    assert any(r[0] == "E1" and r[3] == "1200" for r in plain["monthly_record"])
    assert {r[0] for r in plain["work_task"]} >= {901, 902} and 903 not in {r[0] for r in plain["work_task"]}


def by_month(months: Iterable[CanteenMonth | GarbageMonth]) -> list[CanteenMonth | GarbageMonth]:
    return sorted(months, key=lambda x: (x.year, x.month))


def test_the_snapshot_equals_what_the_plain_path_stored(demo_service: LedgerService, demo_ledger: Ledger) -> None:
    state = replace(
        STATE, records=tuple((k, r and replace(r, entered_at=datetime(2026, 5, 6))) for k, r in STATE.records)
    )
    demo_service.write_state(state)
    again = demo_service.ledger()
    applied = demo_ledger.apply(state)
    assert set(again.records) == set(applied.records)
    assert again.replacements == tuple(sorted(applied.replacements, key=lambda r: r.day))
    assert [r.note for r in again.replacements] == ["第二块", "年底换表"]
    assert by_month(again.canteen) == by_month(applied.canteen) and by_month(again.garbage) == by_month(applied.garbage)
    assert sorted((t for t in again.tasks if (t.task_id or 0) > 900), key=lambda t: t.task_id or 0) == TASKS


def test_an_export_made_elsewhere_while_open_locks_the_next_edit(demo_service: LedgerService) -> None:
    record = demo_service.ledger().record("E1", 2025, 3)
    assert record is not None
    demo_service.write_state(StoredState(records=((("E1", 2025, 3), replace(record, note="第一次")),)))
    other = LedgerService.open(demo_service.path.parent)  # gxjn-cli export, while the window is open
    try:
        other.record_export(ExportRecord(2025, "Q1", 1, "2025-04-20T10:00:00+08:00", "p.zip", "ab", "cd", "ef", "{}"))
    finally:
        other.close()
    with pytest.raises(UserError, match="已上报"):
        demo_service.write_state(StoredState(records=((("E1", 2025, 3), replace(record, note="第二次")),)))
    assert demo_service.ledger().record("E1", 2025, 3) == replace(record, note="第一次")
    # Another year, and a month of the same year the packet does not cover, stay open.
    demo_service.write_state(StoredState(canteen=(((2025, 4), CanteenMonth(2025, 4, diners=9)),)))
    assert demo_service.ledger().canteen_month(2025, 4) == CanteenMonth(2025, 4, diners=9)


def test_a_failed_write_leaves_nothing_and_the_next_one_works(demo_service: LedgerService) -> None:
    before = rows(demo_service.path)
    bad = StoredState(
        canteen=(((2025, 5), CanteenMonth(2025, 5, diners=7)),),
        records=((("NOPE", 2025, 5), MonthlyRecord("NOPE", 2025, 5, quantity=Decimal(1))),),  # no such meter
    )
    with pytest.raises(sqlite3.IntegrityError):  # a bug, not the user's doing: not turned into a message
        demo_service.write_state(bad)
    assert rows(demo_service.path) == before
    demo_service.write_state(StoredState(canteen=(((2025, 5), CanteenMonth(2025, 5, diners=7)),)))
    assert demo_service.ledger().canteen_month(2025, 5) == CanteenMonth(2025, 5, diners=7)


def test_other_changes_go_through_the_orm() -> None:
    assert not writes(StoredState())
    assert not writes(replace(STATE, profiles=((2025, None),)))
    assert writes(StoredState(replacements=((("E1", 2025, 3), ()),)))
    assert writes(StoredState(tasks=((901, TASKS[0]), (7, None))))  # an import's tasks, and its undo
    assert not writes(StoredState(tasks=((0, replace(TASKS[0], task_id=None)),)))  # a new task gets its id there


def test_full_disk_is_a_clear_message_and_nothing_is_written(demo_service: LedgerService) -> None:
    demo_service.write_state(StoredState(canteen=(((2025, 6), CanteenMonth(2025, 6, diners=1)),)))  # connects
    con = demo_service._edits._connection()  # SQLite says SQLITE_FULL, as for a full disk, once the file may not grow
    pages = con.execute("PRAGMA page_count").fetchone()[0]
    con.execute(f"PRAGMA max_page_count={pages}")
    before = rows(demo_service.path)
    big = tuple(
        (("V1", 2030, m), MonthlyRecord("V1", 2030, m, quantity=Decimal(m), note="备注" * 2000)) for m in range(1, 13)
    )
    with pytest.raises(StorageError) as err:
        demo_service.write_state(StoredState(records=big))
    assert "磁盘已满" in err.value.message
    assert rows(demo_service.path) == before


WRITER = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from pathlib import Path
    from gxjn_desktop.domain.ledger import StoredState
    from gxjn_desktop.domain.records import MonthlyRecord
    from gxjn_desktop.services.ledger_service import LedgerService

    service = LedgerService.open(Path(sys.argv[1]))
    i = 0
    while True:
        i += 1
        key = ("V1", 2030 + (i - 1) // 12, (i - 1) % 12 + 1)
        service.write_state(StoredState(records=((key, MonthlyRecord(*key, quantity=Decimal(i), cost_fen=i)),)))
        print(i, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_edit_keeps_every_committed_edit(demo_service: LedgerService, data_dir: Path) -> None:
    demo_service.close()
    committed = kill_after_commits(WRITER, data_dir)
    saved = records_after_kill(data_dir, 2030)
    assert {int(r.quantity or 0) for r in saved} >= set(range(1, committed + 1))


def test_the_lock_of_a_month_agrees_with_all_the_locks(demo_service: LedgerService) -> None:
    for year, period in ((2024, "Y"), (2025, "Q1"), (2025, "YTD-M05")):
        demo_service.record_export(
            ExportRecord(year, period, 1, "2025-07-20T10:00:00+08:00", "p", "ab", "cd", "e", "{}")
        )
    demo_service.reopen_period(2025, "Q1", "更正一季度电量", "张敏")
    every = demo_service.locked_months()
    months = [(y, m) for y in (2023, 2024, 2025, 2026) for m in range(1, 13)]
    assert {ym: demo_service.lock_of(*ym) for ym in months} == {ym: every.get(ym) for ym in months} | {
        ym: replace(e, data_json="") for ym, e in every.items()
    }
    assert demo_service.lock_of(2025, 3) is not None and demo_service.lock_of(2025, 6) is None
