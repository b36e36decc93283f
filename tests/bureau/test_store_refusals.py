"""A bureau store that cannot be used is refused with one Chinese line and nothing written: a
PostgreSQL server that cannot be reached or refuses, a --db file that is not a gxjn 汇总库."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import zipfile
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from gxjn_desktop.cli.main import main
from gxjn_desktop.storage.bureau.database import _pg_error

# A line of libpq's or the server's own English words must not reach the user.
ENGLISH = re.compile(r"[A-Za-z]{4,} [A-Za-z]{3,}")


def one_chinese_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 2 and out == "" and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert not ENGLISH.search(err.replace("postgresql+psycopg", "")), err
    return err


def test_unreachable_servers_are_told_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--data-dir", str(tmp_path), "bureau", "summary", "--year", "2025", "--db"]
    err = one_chinese_line(capsys, *base, "postgresql+psycopg://u:secret@127.0.0.1:1/x")
    assert "端口 1 上没有 PostgreSQL 服务器" in err and "secret" not in err
    err = one_chinese_line(capsys, *base, "postgresql+psycopg://u@nonexistent.invalid/x")
    assert "找不到主机“nonexistent.invalid”" in err


def test_server_refusals_are_told_in_chinese(pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = pg_url.rsplit("/", 1)[0]
    err = one_chinese_line(
        capsys, "--data-dir", str(tmp_path), "bureau", "summary", "--year", "2025", "--db", server + "/no_such_db"
    )
    assert "数据库“no_such_db”不存在" in err
    # The words a server gives for a wrong password (trust authentication cannot be made to say them).
    wrong = psycopg.OperationalError(
        'connection failed: connection to server at "127.0.0.1", port 5432 failed: '
        'FATAL:  password authentication failed for user "clerk"'
    )
    assert (
        _pg_error(wrong, "postgresql+psycopg://clerk:pw@127.0.0.1/db")
        .one_line()
        .startswith("无法连接 PostgreSQL 数据库 postgresql+psycopg://clerk:***@127.0.0.1/db：用户名或密码不对")
    )
    # A user without the right to create tables (PostgreSQL 15+: public is not writable by others).
    name = "gxjn_ro_" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:8]
    admin = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{name}" LOGIN')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(pg_url).set(username=name, database=name).render_as_string(hide_password=False)
        err = one_chinese_line(capsys, "--data-dir", str(tmp_path), "bureau", "summary", "--year", "2025", "--db", url)
        assert f"用户 {name} 在数据库“{name}”中没有建表或写入的权限" in err
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')


def test_a_file_that_is_no_bureau_store_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("不是数据库\n", encoding="utf-8")
    packed = tmp_path / "packets.zip"
    with zipfile.ZipFile(packed, "w") as z:
        z.writestr("a.txt", "x")
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as con:
        con.execute("CREATE TABLE bookmarks (url TEXT)")
    con.close()
    folder = tmp_path / "packets"
    folder.mkdir()
    (tmp_path / "d").mkdir()
    for path in (text, packed, other):
        before = path.read_bytes()
        for command in (["summary", "--year", "2025"], ["merge", str(folder)]):
            err = one_chinese_line(
                capsys, "--data-dir", str(tmp_path / "d"), "bureau", *command, "--db", f"sqlite:///{path}"
            )
            assert f"{path} 不是 gxjn 的汇总库" in err and "损坏" not in err
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d", "notes.txt", "other.sqlite", "packets", "packets.zip"]
    assert not list((tmp_path / "d").iterdir())
    err = one_chinese_line(
        capsys,
        "--data-dir",
        str(tmp_path),
        "bureau",
        "summary",
        "--year",
        "2025",
        "--db",
        f"sqlite:///{tmp_path}/no/b.db",
    )
    assert "不存在" in err
