"""The unit's SQLite file through SQLAlchemy: pragmas, explicit transactions, error mapping.

SQLite-specific set-up lives here and in :mod:`gxjn_desktop.storage.sqlite_file` (what needs no
SQLAlchemy: read-only connections, the integrity check, error classification) and nowhere else, so
the bureau's later PostgreSQL store can use the same tables and repositories.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as Session  # the type of a write's session, for the services' hints
from sqlalchemy.orm import sessionmaker

from gxjn_desktop.errors import StorageError, read_only_error
from gxjn_desktop.storage.sqlite_file import READONLY_CODES, read_only_uri

# Moved to sqlite_file (no SQLAlchemy there); still importable from here.
from gxjn_desktop.storage.sqlite_file import connect_read_only as connect_read_only
from gxjn_desktop.storage.sqlite_file import integrity_check as integrity_check
from gxjn_desktop.storage.sqlite_file import raise_storage_error as raise_storage_error
from gxjn_desktop.storage.sqlite_file import sqlite_code as sqlite_code
from gxjn_desktop.storage.sqlite_file import storage_error_from as storage_error_from


def _sqlite_pragmas(foreign_keys: bool, read_only: bool) -> Any:
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        # Python's sqlite3 only BEGINs before DML, so DDL would auto-commit and a failed
        # migration would leave a half-migrated file. Take over: no implicit transactions,
        # and an explicit BEGIN on SQLAlchemy's begin event (see _begin below).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if not read_only:  # a read-only file keeps its journal mode; asking would be a write
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")  # users pull plugs; an entry's fsync is free
        cur.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cur.execute("PRAGMA busy_timeout=5000")
        cur.close()

    return on_connect


def _begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def _begin_read(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def make_engine(path: Path, *, foreign_keys: bool = True, read_only: bool = False) -> Engine:
    if read_only:
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(read_only_uri(path), uri=True), future=True)
    else:
        engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _sqlite_pragmas(foreign_keys, read_only))
    event.listen(engine, "begin", _begin_read if read_only else _begin)
    return engine


class Database:
    """An open unit database: the engine and a session factory for units of work."""

    def __init__(self, path: Path, *, read_only: bool = False, refusal: StorageError | None = None) -> None:
        self.path = path
        self.read_only = read_only
        self.refusal = refusal  # why a read-only database refuses writes, when not a read-only folder
        self.engine = make_engine(path, read_only=read_only)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One user action = one transaction; SQLite errors become :class:`StorageError`."""
        try:
            with self._sessions() as s, s.begin():
                yield s
        except DBAPIError as exc:
            if self.read_only and sqlite_code(exc) in READONLY_CODES:
                raise (self.refusal or read_only_error(self.path.parent)) from exc
            raise_storage_error(exc, self.path.parent)

    def raw_sqlite(self) -> sqlite3.Connection:
        """A plain sqlite3 connection to the same file (used for the backup API)."""
        return sqlite3.connect(self.path)

    def close(self) -> None:
        self.engine.dispose()
