"""The plain sqlite3 read path gives exactly the ORM's ledger, and needs no SQLAlchemy."""

from __future__ import annotations

import dataclasses
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from bench.synthetic import synthetic_ledger
from gxjn_desktop.domain.exports import ExportRecord
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import MultiplierChange
from gxjn_desktop.domain.records import (
    ContainerEstimate,
    GarbageCategory,
    GarbageMonth,
    MeterReplacement,
    MonthlyRecord,
    ReplacementReason,
)
from gxjn_desktop.errors import StorageError
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage import exports_repo, plain_read
from gxjn_desktop.storage import repositories as repo
from gxjn_desktop.storage.tables import Base


def orm_ledger(service: LedgerService) -> Ledger | None:
    with service.db.session() as s:
        return repo.load_ledger(s)


def assert_same(service: LedgerService) -> Ledger:
    plain = plain_read.read_ledger(service.path)
    assert plain is not None
    assert plain == orm_ledger(service)
    return plain


def test_demo_reads_the_same(demo_service: LedgerService, demo_ledger: Ledger) -> None:
    plain = assert_same(demo_service)
    assert len(plain.records) == len(demo_ledger.records) and plain.tasks and plain.explanations and plain.quotas


def fifty_meters() -> Ledger:
    """A generated unit of 50 meters × 3 years, with what the demo lacks: a second multiplier, a
    retired meter, a replacement, garbage estimated from containers."""
    ledger = synthetic_ledger(3, 50, first_year=2023)
    meters = list(ledger.meters)
    first = meters[0]
    meters[0] = replace(first, multipliers=(*first.multipliers, MultiplierChange(date(2024, 7, 1), Decimal("40"))))
    meters[1] = replace(meters[1], active_to=date(2025, 6, 30), parent_code=first.code)
    garbage = (
        GarbageMonth(
            2024,
            5,
            {GarbageCategory.OTHER: Decimal("12.5")},
            {GarbageCategory.KITCHEN: ContainerEstimate(Decimal(240), 9, Decimal("75"))},
            Decimal("40"),
            Decimal("91.5"),
            "估算",
        ),
    )
    swap = MeterReplacement(first.code, date(2024, 3, 15), Decimal("1000.5"), Decimal(0), ReplacementReason.FAULT)
    return replace(ledger, meters=tuple(meters), garbage=garbage, replacements=(swap,))


def test_fifty_meter_unit_reads_the_same(data_dir: Path) -> None:
    service = LedgerService.open(data_dir)
    try:
        service.replace_everything(fifty_meters())
        plain = assert_same(service)
        assert len(plain.records) == 50 * 36 and plain.garbage[0].estimated
        assert service.ledger() == plain
    finally:
        service.close()


def test_no_unit_yet(data_dir: Path) -> None:
    service = LedgerService.open(data_dir)
    try:
        assert plain_read.read_ledger(service.path) is None and not service.has_unit()
    finally:
        service.close()


def test_exports_read_the_same(demo_service: LedgerService) -> None:
    export = ExportRecord(2025, "Y", 1, "2026-01-20T10:00:00+08:00", "p.zip", "ab", "cd", "ef", "{}")
    demo_service.record_export(export)
    demo_service.reopen_period(2025, "Y", "更正燃气用量", "张敏")
    with demo_service.db.session() as s:
        stored = exports_repo.load_exports(s)
    assert plain_read.read_exports(demo_service.path) == stored == demo_service.exports()
    assert stored[0].reopen_reason == "更正燃气用量"


def test_every_column_of_the_schema_is_read() -> None:
    """A column added to tables.py (with its migration) must be added to the plain loader too."""
    for table, columns in plain_read.COLUMNS.items():
        assert set(columns) == {c.name for c in Base.metadata.tables[table].columns}, table
    assert set(plain_read.ORDER) == set(plain_read.COLUMNS)


def test_records_are_made_with_every_field(demo_service: LedgerService) -> None:
    """The record loop fills MonthlyRecord's fields itself (no __init__): exactly its fields, and a
    record equals and hashes as one made by its constructor."""
    records = plain_read.read_ledger(demo_service.path).records  # type: ignore[union-attr]
    names = [f.name for f in dataclasses.fields(MonthlyRecord)]
    assert not hasattr(MonthlyRecord, "__post_init__")
    for r in records[:50]:
        assert list(vars(r)) == names
        made = MonthlyRecord(**vars(r))
        assert made == r and hash(made) == hash(r)


def test_reading_imports_no_sqlalchemy(demo_service: LedgerService) -> None:
    """Start-up shows the month grid from these reads before SQLAlchemy is imported."""
    data = demo_service.path.parent
    code = (
        "import sys; from pathlib import Path; from gxjn_desktop.services.ledger_service import LedgerService; "
        f"s = LedgerService.open(Path({str(data)!r})); "
        "assert s.has_unit() and s.ledger().records; s.locked_months(); "
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_first_write_opens_the_orm(demo_service: LedgerService) -> None:
    data = demo_service.path.parent
    demo_service.close()
    service = LedgerService.open(data)
    try:
        record = service.ledger().records[0]
        service.save_record(replace(record, note="核对", entered_at=datetime(2026, 1, 2, 3, 4, 5)))
        again = LedgerService.open(data)
        try:
            stored = again.ledger().record(record.meter_code, record.year, record.month)
            assert stored is not None and stored.note == "核对" and stored.entered_at == datetime(2026, 1, 2, 3, 4, 5)
        finally:
            again.close()
    finally:
        service.close()


def test_the_checks_at_open_stay_before_any_plain_read(data_dir: Path) -> None:
    """A newer revision or a damaged file is refused by LedgerService.open, before a read."""
    LedgerService.open(data_dir).close()
    path = data_dir / "gxjn.db"
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    with pytest.raises(StorageError, match="更新版本"):
        LedgerService.open(data_dir)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StorageError, match="损坏"):
        LedgerService.open(data_dir)
