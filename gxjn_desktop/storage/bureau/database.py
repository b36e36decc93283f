"""Opening the bureau's store: a SQLite file in the bureau's data folder, or a PostgreSQL URL.

Migrations come from ``db/bureau/`` (its own Alembic environment and version table), run in one
transaction on either engine; a store written by a newer program is refused untouched.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import bureau_database_path, migrations_path
from gxjn_desktop.storage.database import make_engine
from gxjn_desktop.storage.sqlite_file import integrity_check, raise_storage_error

VERSION_TABLE = "bureau_alembic_version"
MIGRATION_LOCK = 0x67786A6E_0002  # PostgreSQL advisory lock: one program upgrades the store at a time


def _bureau_migrations() -> Path:
    return migrations_path() / "bureau"


# SQLSTATEs of a write that collided with another one at the same moment: running it again resolves it.
_CONFLICTS = {"40001", "40P01", "23505"}  # serialization failure, deadlock, unique violation
# Classes that mean the server could not be reached or used: connection, authentication, no such
# database, shut down by its administrator, out of resources.
_UNREACHABLE = ("08", "28", "3D", "57", "53")


class StoreConflict(StorageError):
    """Another merge (or key decision) wrote the same rows at the same moment; nothing of this
    transaction was saved, and running it again gives the right result."""


def _pg_error(exc: BaseException, url: str) -> StorageError:
    safe = make_url(url).render_as_string(hide_password=True)
    detail = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
    state = str(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")
    if state in _CONFLICTS:
        return StoreConflict(
            f"PostgreSQL 数据库 {safe} 正被另一项合并或密钥操作同时写入，本批未保存：{detail}",
            "请稍后重新运行同一命令；已保存的内容不受影响，重复合并不会重复计入",
        )
    if not state or state.startswith(_UNREACHABLE):
        return StorageError(
            f"无法连接 PostgreSQL 数据库 {safe}：{detail}", "请检查数据库地址、用户名、密码以及服务器是否已启动"
        )
    return StorageError(
        f"PostgreSQL 数据库 {safe} 拒绝了本次写入：{detail}",
        "本次未保存，已保存的内容不受影响；如果重新运行后仍出现，请把这条信息告知数据库管理员",
    )


class BureauStore:
    """An open bureau store; ``session()`` is one transaction (one packet, one key decision)."""

    def __init__(self, engine: Engine, label: str) -> None:
        self.engine = engine
        self.label = label  # the file or the URL without its password, for messages
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def session(self) -> Iterator[Session]:
        try:
            with self._sessions() as s, s.begin():
                yield s
        except (OperationalError, DBAPIError) as exc:
            if self.dialect == "sqlite":
                raise_storage_error(exc, Path(self.label).parent)
            raise _pg_error(exc, self.label) from exc

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_engine(path: Path) -> Engine:
    """The unit's SQLite set-up, but commits without fsync (WAL, synchronous=NORMAL): a killed
    process still loses nothing committed, and after a power cut the store is consistent and at
    worst misses the last packets, which merging the same folder again restores (they are the source)."""
    engine = make_engine(path)

    def normal_sync(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute("PRAGMA synchronous=NORMAL")

    event.listen(engine, "connect", normal_sync)
    return engine


def _engine_for(data_dir: Path, url: str | None) -> tuple[Engine, str]:
    if url is None:
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StorageError(f"无法创建数据文件夹 {data_dir}：{exc.strerror}", "请检查路径和权限") from exc
        path = bureau_database_path(data_dir)
        if path.exists():
            integrity_check(path)
        return _sqlite_engine(path), str(path)
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise StorageError(
            f"数据库地址“{url}”格式不对", "请写成 postgresql+psycopg://用户:密码@主机:端口/数据库"
        ) from exc
    if parsed.drivername == "sqlite":
        if not parsed.database:
            raise StorageError("SQLite 数据库地址缺少文件路径", "请写成 sqlite:///路径/bureau.db，或不加 --db")
        path = Path(parsed.database)
        if path.exists():
            integrity_check(path)
        return _sqlite_engine(path), str(path)
    if parsed.drivername not in ("postgresql+psycopg", "postgresql"):
        raise StorageError(
            f"不支持的数据库类型“{parsed.drivername}”",
            "汇总库只能是本机 SQLite（不加 --db）或 PostgreSQL（postgresql+psycopg://…）",
        )
    parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, pool_pre_ping=True)
    return engine, parsed.render_as_string(hide_password=True)


def open_bureau_store(data_dir: Path, url: str | None = None) -> BureauStore:
    """Open (and if needed create and upgrade) the bureau store."""
    engine, label = _engine_for(data_dir, url)
    store = BureauStore(engine, label)
    try:
        _upgrade(store)
    except (OperationalError, DBAPIError) as exc:
        engine.dispose()
        if store.dialect == "sqlite":
            raise_storage_error(exc, Path(label).parent)
        raise _pg_error(exc, url or label) from exc
    except BaseException:
        engine.dispose()
        raise
    return store


def _upgrade(store: BureauStore) -> None:
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(_bureau_migrations()))
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    known = {s.revision for s in script.walk_revisions()}
    with store.engine.connect() as conn:
        current = None
        if inspect(conn).has_table(VERSION_TABLE):
            current = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    if current is not None and current not in known:
        raise StorageError(
            "这个汇总库由更新版本的 gxjn 创建，当前程序无法读取", "请安装最新版本的 gxjn；数据库未被改动"
        )
    if current == head:
        return
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":  # two clerks opening a new store at once: one creates it
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def peek_registered_key(data_dir: Path, uscc: str) -> bytes | None:
    """The key registered for ``uscc`` in the bureau store of ``data_dir``, read without writing
    anything (no migration, no backup; for ``verify --data-dir``). ``None`` without such a store."""
    import sqlite3

    from gxjn_desktop.storage.sqlite_file import connect_read_only

    path = bureau_database_path(data_dir)
    if not path.is_file():
        return None
    try:
        con = connect_read_only(path)
        try:
            row = con.execute(
                "SELECT public_key FROM unit_key WHERE uscc = ? AND status = 'registered'", (uscc,)
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise_storage_error(exc, data_dir)
    return None if row is None else bytes.fromhex(row[0])
