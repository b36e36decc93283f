"""b0005: a forwarding bureau's key is one row, whatever names it came under (both engines)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from gxjn_desktop.paths import bureau_database_path, migrations_path
from gxjn_desktop.services.bureau.store import open_store, transaction
from tests.bureau.conftest import both_engines

ROWS = [  # (name, public key, status): key aa seen under two names, the second time registered
    ("甲县机关事务服务中心", "aa" * 32, "retired"),
    ("甲县机关事务管理局", "aa" * 32, "registered"),
    ("乙县机关事务服务中心", "bb" * 32, "pending"),
]


@both_engines
def test_upgrade_keeps_one_row_per_key(bureau_dir: Path, store_url: str | None) -> None:
    url = store_url or f"sqlite:///{bureau_database_path(bureau_dir)}"
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_path() / "bureau"))
    try:
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "b0003")
            for name, key, status in ROWS:
                conn.execute(
                    sa.text(
                        "INSERT INTO forwarder_key (name, public_key, fingerprint, status, first_seen)"
                        " VALUES (:n, :k, :f, :s, :t)"
                    ),
                    {"n": name, "k": key, "f": key[:16], "s": status, "t": datetime(2026, 11, 1)},
                )
    finally:
        engine.dispose()
    store = open_store(bureau_dir, store_url)  # upgrades to the head
    try:
        with transaction(store) as repo:
            keys = [(k.name, k.public_key, k.status) for k in repo.all_forwarder_keys()]
            # the key is the bureau: a second row for it is never added, whatever the name
            repo.add_forwarder_key("丙县", "bb" * 32, "b" * 16, "registered", datetime(2026, 11, 2))
            assert len(repo.all_forwarder_keys()) == 2
    finally:
        store.close()
    assert sorted(keys) == [
        ("乙县机关事务服务中心", "bb" * 32, "pending"),
        ("甲县机关事务服务中心", "aa" * 32, "registered"),
    ]
