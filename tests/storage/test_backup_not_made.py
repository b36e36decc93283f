"""When today's backup cannot be made (a full disk, a file where the backups folder belongs), a
command that only reads still answers after one warning line; one that writes refuses before it
changes anything. A bureau store on a full or read-only disk still answers its reports."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from gxjn_desktop.services.ledger_service import LedgerService
from tests.db_dump import table_dump
from tests.storage.test_environment import _cli, _one_clean_line, _tmpfs

WARNING = "警告：今天的自动备份没有做成"


def _fill(disk: Path) -> None:
    """Fill ``disk`` to its last byte (tmpfs: the filler gets what is free)."""
    with (disk / "filler").open("wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass


def _reads_with_one_warning(unit: Path, why: str) -> None:
    p = _cli(unit, "indicators", "--year", "2025", "--json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["year"] == 2025
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(WARNING) and why in lines[0], p.stderr
    for args in (["check", "--year", "2024"], ["unit", "show"], ["plan", "--year", "2025"]):
        p = _cli(unit, *args)
        assert p.returncode == 0 and p.stderr.count("\n") == 1 and WARNING in p.stderr, (args, p.stderr)


def _writes_refused(unit: Path, why: str) -> None:
    for args in (
        ["quota", "set", "--year", "2025", "--indicator", "total_energy_tce", "--value", "5"],
        ["demo", "--force"],
    ):
        line = _one_clean_line(_cli(unit, *args))
        assert line.startswith("错误：今天的自动备份没有做成") and why in line and "本次不做任何修改" in line


def test_a_full_disk_still_reads_and_refuses_writes(demo_service: LedgerService, tmp_path: Path) -> None:
    demo_service.close()
    before = table_dump(demo_service.db.path)
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        unit = disk / "unit"
        unit.mkdir()
        shutil.copy(demo_service.db.path, unit / "gxjn.db")  # no backup yet: today's is due
        _fill(disk)
        assert shutil.disk_usage(disk).free == 0
        _reads_with_one_warning(unit, "磁盘已满")
        _writes_refused(unit, "磁盘已满")
        (disk / "filler").unlink()
        assert table_dump(unit / "gxjn.db") == before


def test_a_file_where_the_backups_belong(demo_service: LedgerService, data_dir: Path) -> None:
    demo_service.close()
    before = table_dump(demo_service.db.path)
    shutil.rmtree(data_dir / "backups", ignore_errors=True)
    (data_dir / "backups").write_text("不是文件夹", encoding="utf-8")
    _reads_with_one_warning(data_dir, "上是一个文件")
    _writes_refused(data_dir, "上是一个文件")
    assert table_dump(demo_service.db.path) == before


def test_bureau_reports_on_a_full_or_read_only_disk(tmp_path: Path) -> None:
    bureau = tmp_path / "bureau"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert _cli(bureau, "bureau", "merge", str(inbox)).returncode == 0
    for how in ("full", "ro"):
        with _tmpfs(tmp_path / f"disk-{how}", "4m") as disk:
            shutil.copytree(bureau, disk / "bureau")
            if how == "full":
                _fill(disk)
            else:
                subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
            for args in (["summary", "--year", "2024"], ["keys", "list"], ["progress", "--year", "2024", "--json"]):
                p = _cli(disk / "bureau", "bureau", *args)
                assert p.returncode == 0 and not p.stderr, (how, args, p.stderr)
            line = _one_clean_line(_cli(disk / "bureau", "bureau", "merge", str(inbox)))
            assert ("磁盘已满" if how == "full" else "数据文件夹只读") in line
