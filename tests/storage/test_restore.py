"""Backups restored through the program: after a kill, over a live WAL, of a damaged file; and the
integrity check at open that refuses a file whose index is broken."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.backups import backups, restore
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.backup import make_backup
from gxjn_desktop.storage.store import open_database
from tests.db_dump import table_dump
from tests.storage.test_faults import WRITER


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
    )


def _integrity(path: Path) -> list[tuple[str]]:
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchall()
    finally:
        con.close()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_backup_restored_after_a_kill_mid_edit_is_exactly_the_backup(
    demo_service: LedgerService, data_dir: Path
) -> None:
    backup = make_backup(demo_service.db.path, data_dir / "backups", "test")
    wanted = table_dump(backup)
    demo_service.close()
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir)], stdout=subprocess.PIPE, text=True, env=dict(os.environ)
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= 30:
            break
    os.kill(proc.pid, signal.SIGKILL)  # mid-edit: its WAL is left beside the file
    proc.wait()
    path = database_path(data_dir)
    assert Path(f"{path}-wal").exists()
    assert table_dump(path) != wanted

    done = _cli(data_dir, "backup", "restore", backup.name)
    assert done.returncode == 0, done.stderr
    assert "已从备份" in done.stdout
    assert _integrity(path) == [("ok",)]
    assert table_dump(path) == wanted
    reopened = LedgerService.open(data_dir)  # the killed session's WAL did not come back
    try:
        assert not [r for r in reopened.ledger().records if r.year >= 2030]
    finally:
        reopened.close()
    # The data as it was before the restore was itself kept as a backup.
    before = [b for b in backups(data_dir) if b.reason == "before-restore"]
    assert len(before) == 1
    assert [r for r in table_dump(before[0].path)["monthly_record"] if r[1] >= 2030]


def test_backup_list_json_and_a_damaged_backup_is_refused(demo_service: LedgerService, data_dir: Path) -> None:
    backup = make_backup(demo_service.db.path, data_dir / "backups", "test")
    demo_service.close()
    listed = _cli(data_dir, "backup", "list", "--json")
    assert listed.returncode == 0
    assert '"name": "' + backup.name + '"' in listed.stdout
    bad = data_dir / "backups" / "gxjn-20260101-090000-daily.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 3000)
    before = table_dump(database_path(data_dir))
    refused = _cli(data_dir, "backup", "restore", str(bad))
    assert refused.returncode == 2 and "已损坏" in refused.stderr and "Traceback" not in refused.stderr
    assert table_dump(database_path(data_dir)) == before
    missing = _cli(data_dir, "backup", "restore", "gxjn-nope.db")
    assert missing.returncode == 2 and "找不到备份文件" in missing.stderr


def _break_an_index(path: Path) -> None:
    """Reorder the primary key the table declares, so its index no longer matches the rows:
    quick_check passes, lookups through the index miss rows, integrity_check fails."""
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA writable_schema=ON")
        con.execute(
            "UPDATE sqlite_master SET sql = replace(sql, 'PRIMARY KEY (meter_code, year, month)',"
            " 'PRIMARY KEY (meter_code, month, year)') WHERE name = 'monthly_record'"
        )
        con.commit()
    finally:
        con.close()
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        con.close()


def test_a_broken_index_is_refused_at_open_and_a_restore_repairs_it(
    demo_service: LedgerService, data_dir: Path
) -> None:
    backup = make_backup(demo_service.db.path, data_dir / "backups", "test")
    demo_service.close()
    _break_an_index(database_path(data_dir))
    with pytest.raises(StorageError) as err:
        open_database(data_dir)
    assert "已损坏" in err.value.message and "从备份恢复" in err.value.hint and "backup restore" in err.value.hint
    figures = _cli(data_dir, "indicators", "--year", "2025")
    assert figures.returncode == 2 and "已损坏" in figures.stderr

    restore(data_dir, backup)  # the damaged file itself is set aside, never offered as a backup
    assert _integrity(database_path(data_dir)) == [("ok",)]
    assert table_dump(database_path(data_dir)) == table_dump(backup)
    assert list((data_dir / "backups").glob("*.damaged"))
    assert _cli(data_dir, "indicators", "--year", "2025").returncode == 0


def test_half_written_backups_are_removed_at_open(demo_service: LedgerService, data_dir: Path) -> None:
    demo_service.close()
    partial = data_dir / "backups" / "gxjn-20260101-090000-daily.tmp"
    partial.parent.mkdir(exist_ok=True)
    partial.write_bytes(b"SQLite format 3\x00half")
    open_database(data_dir).close()
    assert not partial.exists()
