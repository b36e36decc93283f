"""Opening the unit's SQLite file safely: pragmas, integrity check, migrations, error mapping.

SQLite-specific set-up lives here and nowhere else, so the bureau's later PostgreSQL store can use
the same tables and repositories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gxjn_desktop.errors import StorageError


def _sqlite_pragmas(foreign_keys: bool) -> Any:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Python's sqlite3 only BEGINs before DML, so DDL would auto-commit and a failed
        # migration would leave a half-migrated file. Take over: no implicit transactions,
        # and an explicit BEGIN on SQLAlchemy's begin event (see _begin below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")  # users pull plugs; an entry's fsync is free
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    return on_connect


def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _sqlite_pragmas(foreign_keys))
    event.listen(engine, "begin", _begin)
    return engine


def storage_error_from(exc: BaseException) -> StorageError:
    """Translate SQLite's complaints into a message a facility manager can act on."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError("磁盘已满，本次修改没有保存", "请清理磁盘空间后重试；已保存的数据未受影响")
    if "locked" in text or "busy" in text:
        return StorageError("数据库正被另一个程序使用", "请关闭其他打开本单位数据的统计程序窗口后重试")
    if "readonly" in text or "read-only" in text:
        return StorageError("数据文件是只读的，无法保存", "请检查数据文件夹的权限，或将其复制到本机可写的位置")
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return StorageError("数据库文件已损坏", "请从 backups 文件夹中的备份恢复（gxjn-cli 会在每次升级前自动备份）")
    return StorageError(f"数据库操作失败：{getattr(exc, 'orig', exc)}", "请重试；如问题持续，请把日志文件发给技术支持")


def quick_check(path: Path) -> None:
    """PRAGMA quick_check at open; a damaged file is refused with a clear message, never written."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = con.execute("PRAGMA quick_check").fetchall()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise storage_error_from(exc) from exc
    if rows != [("ok",)]:
        raise StorageError("数据库文件未通过完整性检查", "请从 backups 文件夹中的备份恢复")


class Database:
    """An open unit database: the engine and a session factory for units of work."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.engine = make_engine(path)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action = one transaction; SQLite errors become :class:`StorageError`."""
        try:
            with self._sessions() as s, s.begin():
                yield s
        except (OperationalError, DBAPIError) as exc:
            raise storage_error_from(exc) from exc

    def raw_sqlite(self) -> sqlite3.Connection:
        """A plain sqlite3 connection to the same file (used for the backup API)."""
        return sqlite3.connect(self.path)

    def close(self) -> None:
        self.engine.dispose()
