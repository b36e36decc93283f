"""The schema revision this program writes, readable without importing Alembic.

Alembic costs about 0.3 s to import; a database already at :data:`SCHEMA_HEAD` (every start but
the first after an update) is opened without it. A test keeps this constant equal to Alembic's head.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from gxjn_desktop.storage.sqlite_file import connect_read_only, raise_storage_error

SCHEMA_HEAD = "0005"


def foreign_tables(path: Path, version_table: str = "alembic_version") -> bool:
    """Whether the file holds tables but no revision in ``version_table``: another program's
    database (or one whose version record was removed), which the migrations must not write into."""
    if not path.exists() or stored_revision(path, version_table) is not None:
        return False
    con = connect_read_only(path)
    try:
        return (
            con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite%'").fetchone()
            is not None
        )
    except sqlite3.DatabaseError as exc:
        raise_storage_error(exc, path.parent)
    finally:
        con.close()


def stored_revision(path: Path, version_table: str = "alembic_version") -> str | None:
    """The Alembic revision recorded in the file, or ``None`` for a new or unversioned file."""
    if not path.exists():
        return None
    con = connect_read_only(path)
    try:
        has = con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name=?", (version_table,)).fetchone()
        if not has:
            return None
        row = con.execute(f"SELECT version_num FROM {version_table}").fetchone()  # the table name is our own constant
        return str(row[0]) if row else None
    except sqlite3.DatabaseError as exc:
        raise_storage_error(exc, path.parent)
    finally:
        con.close()
