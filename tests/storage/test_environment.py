"""What the disk and SQLite refuse is classified by error code: the environment's refusals are
one Chinese line (exit 2), anything else is a bug that reaches the log with its traceback."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.records import MonthlyRecord
from gxjn_desktop.errors import StorageError
from gxjn_desktop.logs import log_path
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.sqlite_file import sqlite_code
from tests.db_dump import table_dump


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=dict(os.environ),
    )


def _one_clean_line(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, (p.returncode, p.stderr)
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


@contextlib.contextmanager
def _tmpfs(where: Path, size: str) -> Iterator[Path]:
    """A small real file system (root only: a full or read-only disk cannot be faked otherwise)."""
    where.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("needs root on Linux to mount a small file system")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount tmpfs here: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def _unit_on_full_disk(disk: Path, database: Path) -> Path:
    """A unit folder on ``disk`` holding a copy of ``database`` (today's backup already made, so
    none is attempted), then the disk filled to its last 8 KiB; the filler is ``disk/filler``."""
    unit = disk / "unit"
    unit.mkdir()
    shutil.copy(database, unit / "gxjn.db")
    (unit / "backups").mkdir()
    (unit / "backups" / "gxjn-29990101-000000-daily.db").write_bytes(b"")  # no daily backup now
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * (free - 8 * 1024))
    return unit


def _refuse_quota_writes(data_dir: Path) -> None:
    """A real constraint error inside a real command: a trigger that aborts every quota write."""
    con = sqlite3.connect(database_path(data_dir))
    for op in ("INSERT", "UPDATE"):
        con.execute(f"CREATE TRIGGER refuse_{op} BEFORE {op} ON quota BEGIN SELECT RAISE(ABORT, 'refused'); END")
    con.commit()
    con.close()


def test_a_constraint_violation_is_a_bug_logged_with_its_traceback(demo_service: LedgerService, data_dir: Path) -> None:
    with pytest.raises(Exception) as err:  # a record of a meter that does not exist
        demo_service.save_records([MonthlyRecord("NOPE", 2025, 1, quantity=Decimal(1))])
    assert not isinstance(err.value, StorageError)
    assert sqlite_code(err.value) == sqlite3.SQLITE_CONSTRAINT
    demo_service.close()
    _refuse_quota_writes(data_dir)
    log_path(data_dir).unlink(missing_ok=True)
    argv = ["--data-dir", str(data_dir), "quota", "set", "--year", "2025", "--indicator", "total_energy_tce"]
    code = main([*argv, "--value", "5"])
    assert code == 3
    log = log_path(data_dir).read_text(encoding="utf-8")
    assert "Traceback" in log and "IntegrityError" in log


def test_constraint_error_text_in_the_cli_names_the_log(demo_service: LedgerService, data_dir: Path) -> None:
    demo_service.close()
    _refuse_quota_writes(data_dir)
    p = _cli(data_dir, "quota", "set", "--year", "2025", "--indicator", "total_energy_tce", "--value", "5")
    assert p.returncode == 3
    assert "程序内部错误" in p.stderr and str(log_path(data_dir)) in p.stderr and "请重试" not in p.stderr
    assert log_path(data_dir).is_file()


def test_impossible_data_folders_are_user_errors(tmp_path: Path) -> None:
    long_name = tmp_path / ("数" * 90)  # 270 bytes in UTF-8
    assert "过长" in _one_clean_line(_cli(long_name, "demo"))
    deep = tmp_path.joinpath(*(["d" * 200] * 22))
    assert "路径过长" in _one_clean_line(_cli(deep, "demo"))
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    line = _one_clean_line(_cli(a_file, "demo"))
    assert "不是文件夹" in line and "File exists" not in line
    assert not (Path.home() / "gxjn-crash.log").exists() or "notes.txt" not in (
        Path.home() / "gxjn-crash.log"
    ).read_text(encoding="utf-8", errors="replace")


def test_demo_on_a_full_disk_is_a_user_error(tmp_path: Path) -> None:
    with _tmpfs(tmp_path / "disk", "64k") as disk:
        line = _one_clean_line(_cli(disk / "unit", "demo"))
        assert "磁盘已满" in line


def test_almost_no_free_space_gives_the_disk_full_message(demo_service: LedgerService, tmp_path: Path) -> None:
    demo_service.close()
    with _tmpfs(tmp_path / "disk", "2m") as disk:
        before = table_dump(demo_service.db.path)
        unit = _unit_on_full_disk(disk, demo_service.db.path)
        assert shutil.disk_usage(disk).free <= 8 * 1024
        line = _one_clean_line(_cli(unit, "demo", "--force"))
        assert "磁盘已满" in line and "I/O" not in line
        (disk / "filler").unlink()
        assert table_dump(unit / "gxjn.db") == before


def test_a_read_only_data_folder_reads_and_refuses_writes_plainly(demo_service: LedgerService, tmp_path: Path) -> None:
    demo_service.close()
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        shutil.copytree(demo_service.db.path.parent, disk / "unit")
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        before = sorted(p.name for p in (disk / "unit").iterdir())
        shown = _cli(disk / "unit", "indicators", "--year", "2025", "--json")
        assert shown.returncode == 0, shown.stderr
        assert '"comprehensive_energy_tce"' in shown.stdout
        assert _cli(disk / "unit", "check", "--year", "2025").returncode in (0, 1)
        line = _one_clean_line(
            _cli(disk / "unit", "quota", "set", "--year", "2025", "--indicator", "total_energy_tce", "--value", "5")
        )
        assert "数据文件夹只读" in line
        assert sorted(p.name for p in (disk / "unit").iterdir()) == before  # no WAL, no -shm, no log
