"""A database's content table by table, for comparing stored states exactly."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def table_dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows (sorted), read through SQLite as any reader would."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
        ]
        return {n: sorted(con.execute(f'SELECT * FROM "{n}"').fetchall(), key=repr) for n in sorted(names)}
    finally:
        con.close()
