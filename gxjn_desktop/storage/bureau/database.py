"""Opening the bureau's store: a SQLite file in the bureau's data folder, or a PostgreSQL URL.

Migrations come from ``db/bureau/`` (its own Alembic environment and version table), run in one
transaction on either engine; a store written by a newer program is refused untouched.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from gxjn_desktop.errors import StorageError, os_storage_error, read_only_error
from gxjn_desktop.paths import bureau_database_path, migrations_path
from gxjn_desktop.storage.database import make_engine
from gxjn_desktop.storage.schema import foreign_tables
from gxjn_desktop.storage.sqlite_file import (
    integrity_check,
    is_sqlite_file,
    nearly_full,
    raise_storage_error,
    storage_error_from,
)

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


# What a connection failure was, told by libpq's words (a failed connection carries no SQLSTATE):
# the Chinese line says it without the English text (cli.md: one clear Chinese line).
_CONNECT_PROBLEMS = (
    (
        ("password authentication failed", "no password supplied", "authentication failed", 'role "'),
        "用户名或密码不对",
        "请检查 --db 地址中的用户名和密码（postgresql+psycopg://用户:密码@主机:端口/库名）",
    ),
    (('database "',), "数据库“{database}”不存在", "请检查 --db 地址最后的库名，或请数据库管理员先建好这个库"),
    (
        ("failed to resolve host", "could not translate host name", "name or service not known"),
        "找不到主机“{host}”",
        "请检查 --db 地址中的主机名或 IP 地址",
    ),
    (
        ("connection refused", "no such file or directory"),
        "主机“{host}”的端口 {port} 上没有 PostgreSQL 服务器在运行",
        "请检查 --db 地址中的端口，并确认数据库服务器已启动",
    ),
    (("timeout expired", "timed out"), "连接主机“{host}”超时", "请检查网络、防火墙和 --db 地址中的主机与端口"),
)
# SQLSTATEs of a server that answered but refused (after the connection was made).
_REFUSALS = {
    "28P01": ("用户名或密码不对", "请检查 --db 地址中的用户名和密码"),
    "28000": ("用户 {user} 不能登录", "请检查 --db 地址中的用户名和密码，或请数据库管理员允许该用户登录"),
    "3D000": ("数据库“{database}”不存在", "请检查 --db 地址最后的库名，或请数据库管理员先建好这个库"),
    "42501": (
        "用户 {user} 在数据库“{database}”中没有建表或写入的权限",
        "请数据库管理员为该用户授予建表和写入的权限，或换一个有权限的用户",
    ),
    "25006": ("数据库“{database}”只能读、不能写（可能连到了只读的备用服务器）", "请在 --db 中改用主服务器的地址"),
    "53100": ("PostgreSQL 服务器的磁盘已满", "请数据库管理员清理空间后重试"),
    "53300": ("PostgreSQL 服务器的连接数已满", "请稍后重试，或请数据库管理员调大 max_connections"),
}


def _pg_error(exc: BaseException, url: str) -> StorageError:
    parsed = make_url(url)
    safe = parsed.render_as_string(hide_password=True)
    words = {
        "host": parsed.host or "本机",
        "port": parsed.port or 5432,
        "user": parsed.username or "",
        "database": parsed.database or "",
    }
    detail = str(getattr(exc, "orig", exc)).lower()
    state = str(getattr(getattr(exc, "orig", None), "sqlstate", None) or "")
    if state in _CONFLICTS:
        return StoreConflict(
            f"PostgreSQL 数据库 {safe} 正被另一项合并或密钥操作同时写入，本批未保存",
            "请稍后重新运行同一命令；已保存的内容不受影响，重复合并不会重复计入",
        )
    if state in _REFUSALS:
        what, hint = _REFUSALS[state]
        return StorageError(f"PostgreSQL 数据库 {safe}：{what.format(**words)}，本次未保存", hint.format(**words))
    if not state or state.startswith(_UNREACHABLE):
        for needles, what, hint in _CONNECT_PROBLEMS:
            if any(n in detail for n in needles):
                return StorageError(f"无法连接 PostgreSQL 数据库 {safe}：{what.format(**words)}", hint)
        return StorageError(f"无法连接 PostgreSQL 数据库 {safe}", "请检查数据库地址、用户名、密码以及服务器是否已启动")
    return StorageError(
        f"PostgreSQL 数据库 {safe} 拒绝了本次写入（错误代码 {state}），本次未保存",
        "已保存的内容不受影响；如果重新运行后仍出现，请把错误代码告知数据库管理员",
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


def _refuse_unusable(path: Path) -> None:
    """A file the store must not open, refused before anything writes to it: a folder, a file that
    is no SQLite database (a text file, a zip), another program's database, a damaged one."""
    if path.is_dir():
        raise StorageError(f"{path} 是一个文件夹，不是 gxjn 的汇总库", "请在 --db 中写出汇总库文件的路径，或不加 --db")
    if not path.exists():
        if not path.parent.is_dir():
            raise StorageError(f"汇总库所在的文件夹 {path.parent} 不存在", "请先建好这个文件夹，或改用已有的文件夹")
        return
    hint = "请在 --db 中指定 gxjn 的汇总库（bureau.db），或不加 --db 使用数据文件夹中的汇总库；这个文件未被改动"
    if not is_sqlite_file(path):
        raise StorageError(f"{path} 不是 gxjn 的汇总库（不是 SQLite 数据库文件）", hint)
    integrity_check(path)
    if foreign_tables(path, VERSION_TABLE):
        raise StorageError(f"{path} 不是 gxjn 的汇总库（里面是别的数据表）", hint)


def _sqlite_store_engine(path: Path, read_only: bool) -> Engine:
    """The engine of a SQLite store; for a command that only reads, in a folder that cannot be
    written or on a full disk, one that writes nothing (not even the WAL's -shm beside the file)."""
    folder = path.parent
    if read_only and path.exists() and (not os.access(folder, os.W_OK) or nearly_full(folder)):
        return make_engine(path, read_only=True)
    if not os.access(folder, os.W_OK):  # say so, rather than SQLite's "cannot open"
        raise read_only_error(folder)
    if not path.exists():
        _create_sqlite_file(path)
    return _sqlite_engine(path)


PAGE_SIZE = 32768  # SQLite's page size of a new store (its default is 4096)


def _create_sqlite_file(path: Path) -> None:
    """A new, empty store file with large pages. Each packet keeps its zip (≈ 200 KB with the
    printed report) as a blob: in 4 KB pages that is a chain of 50 overflow pages, each copied
    into the WAL and back; in 32 KB pages, 6. The merge's writer spends less than half the CPU and
    time on it (bench/bench_bureau.py). The page size must be set before the file is switched to
    WAL, so it is done here, before the engine's own set-up; a store created earlier keeps its
    4 KB pages and works as before."""
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute(f"PRAGMA page_size={PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode=WAL")
        finally:
            conn.close()
    except sqlite3.Error as exc:
        path.unlink(missing_ok=True)
        raise storage_error_from(exc, path.parent) or StorageError(
            f"无法创建汇总库 {path}", "请检查磁盘空间和文件夹权限"
        ) from exc


def _engine_for(data_dir: Path, url: str | None, read_only: bool = False) -> tuple[Engine, str]:
    if url is None:
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_storage_error(exc, data_dir) or StorageError(
                f"无法创建数据文件夹 {data_dir}", "请检查路径和权限"
            ) from exc
        path = bureau_database_path(data_dir)
        _refuse_unusable(path)
        return _sqlite_store_engine(path, read_only), str(path)
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
        _refuse_unusable(path)
        return _sqlite_store_engine(path, read_only), str(path)
    if parsed.drivername not in ("postgresql+psycopg", "postgresql"):
        raise StorageError(
            f"不支持的数据库类型“{parsed.drivername}”",
            "汇总库只能是本机 SQLite（不加 --db）或 PostgreSQL（postgresql+psycopg://…）",
        )
    parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, pool_pre_ping=True)
    return engine, parsed.render_as_string(hide_password=True)


def open_bureau_store(data_dir: Path, url: str | None = None, *, read_only: bool = False) -> BureauStore:
    """Open (and if needed create and upgrade) the bureau store; ``read_only`` for a command that
    only reads it (it then also answers from a read-only folder or a full disk)."""
    engine, label = _engine_for(data_dir, url, read_only)
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
