"""Files that are not this program's database: another program's SQLite file where gxjn.db should
be, and "backups" that are foreign, from a newer program, or named with URI characters. Each is
refused (or read as named) and the unit's saved data stays exactly as it was."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from gxjn_desktop.errors import DamagedDatabase, StorageError
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.backups import restore
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.backup import make_backup
from gxjn_desktop.storage.store import open_database
from tests.db_dump import table_dump
from tests.storage.test_environment import _cli, _one_clean_line, _tmpfs, _unit_on_full_disk


def _foreign(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE contacts (name TEXT)")
    con.execute("INSERT INTO contacts VALUES ('张三')")
    con.commit()
    con.close()
    return path


def test_another_programs_database_is_refused_and_not_written(data_dir: Path) -> None:
    path = _foreign(database_path(data_dir))
    before = path.read_bytes()
    with pytest.raises(StorageError) as err:
        open_database(data_dir)
    assert "不是 gxjn 的数据库" in err.value.message and "程序不会改动它" in err.value.message
    line = _one_clean_line(_cli(data_dir, "indicators", "--year", "2025"))
    assert "不是 gxjn 的数据库" in line
    _one_clean_line(_cli(data_dir, "demo", "--force"))
    assert path.read_bytes() == before  # no gxjn tables were added to it


def test_gxjn_tables_without_their_version_record_are_refused_not_a_crash(
    demo_service: LedgerService, data_dir: Path
) -> None:
    demo_service.close()
    con = sqlite3.connect(database_path(data_dir))
    con.execute("DELETE FROM alembic_version")
    con.commit()
    con.close()
    before = table_dump(database_path(data_dir))
    line = _one_clean_line(_cli(data_dir, "indicators", "--year", "2025"))  # was exit 3 (table exists)
    assert "没有 gxjn 的版本记录" in line
    assert table_dump(database_path(data_dir)) == before


def test_a_foreign_or_newer_file_is_not_restored(demo_service: LedgerService, data_dir: Path, tmp_path: Path) -> None:
    newer = make_backup(demo_service.db.path, tmp_path, "newer")
    demo_service.close()
    con = sqlite3.connect(newer)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    before = table_dump(database_path(data_dir))
    foreign = _one_clean_line(_cli(data_dir, "backup", "restore", str(_foreign(tmp_path / "contacts.db"))))
    assert "不是 gxjn 的数据文件" in foreign
    too_new = _one_clean_line(_cli(data_dir, "backup", "restore", str(newer)))
    assert "更新版本的 gxjn" in too_new
    assert table_dump(database_path(data_dir)) == before


@pytest.mark.parametrize("name", ["备份#1.db", "what?.db", "a%41b.db"])
def test_a_backup_named_with_uri_characters_is_the_file_restored(
    demo_service: LedgerService, data_dir: Path, tmp_path: Path, name: str
) -> None:
    """A '#' or '?' once cut the name short: SQLite made an empty file and that replaced the data."""
    backup = make_backup(demo_service.db.path, tmp_path, "copy")
    demo_service.close()
    wanted = table_dump(backup)
    for extra in tmp_path.glob("*-[sw][ha][ml]"):  # what reading it for the comparison left
        extra.unlink()
    renamed = backup.rename(tmp_path / name)
    restore(data_dir, renamed)
    assert table_dump(database_path(data_dir)) == wanted
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == [name]  # nothing made beside it


def test_a_restore_on_a_full_disk_changes_nothing(demo_service: LedgerService, tmp_path: Path) -> None:
    backup = make_backup(demo_service.db.path, tmp_path, "copy")
    demo_service.close()
    with _tmpfs(tmp_path / "disk", "1m") as disk:
        before = table_dump(demo_service.db.path)
        unit = _unit_on_full_disk(disk, demo_service.db.path)
        line = _one_clean_line(_cli(unit, "backup", "restore", str(backup)))
        assert "磁盘已满" in line
        (disk / "filler").unlink()
        assert (unit / "gxjn.db").exists()  # a sound database is never moved aside as damaged
        assert not list((unit / "backups").glob("*.damaged"))
        assert table_dump(unit / "gxjn.db") == before


def test_writes_into_a_read_only_folder_say_read_only(demo_service: LedgerService, tmp_path: Path) -> None:
    demo_service.close()
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        shutil.copytree(demo_service.db.path.parent, disk / "unit")
        backup = make_backup(disk / "unit" / "gxjn.db", disk / "unit" / "backups", "copy")
        import subprocess

        out = tmp_path / "out"
        out.mkdir()
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        line = _one_clean_line(_cli(disk / "unit", "backup", "restore", backup.name))
        assert "数据文件夹只读" in line and "已损坏" not in line
        line = _one_clean_line(_cli(disk / "unit", "demo", "--force"))
        assert "数据文件夹只读" in line and "无法打开" not in line
        line = _one_clean_line(_cli(disk / "unit", "export", "--year", "2024", "--out", str(out)))
        assert "数据文件夹只读" in line and "导出数据包" in line  # the hint never says export works here


def test_a_folder_where_the_database_belongs_is_named_as_such(data_dir: Path) -> None:
    database_path(data_dir).mkdir()
    line = _one_clean_line(_cli(data_dir, "indicators", "--year", "2025"))
    assert "是一个文件夹，不是 gxjn 的数据文件" in line and "磁盘出错" not in line


def test_an_emptied_database_beside_backups_is_damaged_not_a_new_unit(
    demo_service: LedgerService, data_dir: Path
) -> None:
    backup = make_backup(demo_service.db.path, data_dir / "backups", "copy")
    demo_service.close()
    for part in data_dir.glob("gxjn.db*"):
        part.unlink()
    database_path(data_dir).write_bytes(b"")  # a copy cut short: SQLite would call it a new database
    with pytest.raises(DamagedDatabase) as err:
        open_database(data_dir)
    assert "是空的（0 字节）" in err.value.message and "从备份恢复" in err.value.hint
    assert "0 字节" in _one_clean_line(_cli(data_dir, "demo", "--force"))
    assert database_path(data_dir).stat().st_size == 0  # nothing was written into it
    restore(data_dir, backup)
    assert table_dump(database_path(data_dir)) == table_dump(backup)


def test_an_empty_file_without_backups_is_a_new_database(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"")
    assert _cli(data_dir, "demo").returncode == 0


def test_a_newer_database_in_a_read_only_folder_says_newer(demo_service: LedgerService, tmp_path: Path) -> None:
    demo_service.close()
    with _tmpfs(tmp_path / "disk", "4m") as disk:
        shutil.copytree(demo_service.db.path.parent, disk / "unit")
        con = sqlite3.connect(disk / "unit" / "gxjn.db")
        con.execute("UPDATE alembic_version SET version_num = '9999'")
        con.commit()
        con.close()
        import subprocess

        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        line = _one_clean_line(_cli(disk / "unit", "indicators", "--year", "2025"))
        assert "更新版本的 gxjn" in line and "权限" not in line
