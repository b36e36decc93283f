"""Bringing a database to the program's schema: backup, one-transaction upgrade, refusal if newer."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import migrations_path
from gxjn_desktop.storage.backup import make_backup
from gxjn_desktop.storage.database import make_engine
from gxjn_desktop.storage.schema import stored_revision
from gxjn_desktop.storage.sqlite_file import raise_storage_error


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path()))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(path: Path) -> str | None:
    return stored_revision(path)


def refuse_newer(revision: str | None) -> None:
    """A revision this program's migrations do not know was written by a newer program."""
    if revision is not None and revision not in known_revisions():
        raise StorageError(
            "这个数据库由更新版本的 gxjn 创建，当前程序无法读取",
            "请安装最新版本的 gxjn 后再打开；数据库未被改动",
        )


def upgrade(path: Path, target: str = "head", *, backup_dir: Path | None = None) -> bool:
    """Upgrade ``path`` to ``target``; return whether anything ran.

    A database written by a newer program (an unknown revision) is refused and left untouched.
    Before any upgrade of an existing file a backup is taken. The whole upgrade runs in one
    transaction with foreign keys off (batch mode recreates tables), so a failure leaves the
    file exactly as it was.
    """
    current = current_revision(path)
    refuse_newer(current)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return False
    if current is not None and backup_dir is not None:
        make_backup(path, backup_dir, reason=f"before-upgrade-{current}")
    engine = make_engine(path, foreign_keys=False)
    try:
        _run_upgrade(engine, target)
    except DBAPIError as exc:  # a full disk or a locked file mid-upgrade: rolled back, say so
        raise_storage_error(exc, path.parent)
    finally:
        engine.dispose()
    return True


def _run_upgrade(engine: Engine, target: str) -> None:
    with engine.begin() as conn:
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, target)
        problems = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
        if problems:
            raise StorageError("数据库升级后外键检查未通过，升级已撤销", "请把日志文件发给技术支持")
