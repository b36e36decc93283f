"""The bureau's store on both engines: SQLite in a temporary folder, and a real PostgreSQL server.

CI starts the server (scripts/pg_test_server.sh, from .ci/run) and exports GXJN_TEST_PG_URL; run
locally without it, these fixtures start one themselves (stopped at the end of the session, and by
the script's watcher when the test process dies without reaching it), or skip the PostgreSQL cases
with the reason when the server's binaries are missing. In CI a missing server fails instead of
skipping.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from gxjn_desktop.services.bureau.store import BureauStore, open_store

ROOT = Path(__file__).resolve().parents[2]
ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    url = os.environ.get("GXJN_TEST_PG_URL")
    if url:
        yield url
        return
    # --owner-pid: the server stops when this test process ends, even when it is killed
    script = str(ROOT / "scripts" / "pg_test_server.sh")
    proc = subprocess.run(
        ["bash", script, "start", "--owner-pid", str(os.getpid())], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        reason = f"PostgreSQL test server could not start: {proc.stderr.strip()[-300:]}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    env = dict(line.removeprefix("export ").split("=", 1) for line in proc.stdout.splitlines() if "=" in line)
    try:
        yield env["GXJN_TEST_PG_URL"]
    finally:
        subprocess.run(
            ["bash", str(ROOT / "scripts" / "pg_test_server.sh"), "stop", env["GXJN_TEST_PG_DIR"]], check=False
        )


def fresh_pg_database(server_url: str) -> tuple[str, str]:
    """A new empty database on the test server: (its URL, its name)."""
    import psycopg

    name = f"gxjn_test_{uuid.uuid4().hex[:12]}"
    base = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name, name


def drop_pg_database(server_url: str, name: str) -> None:
    import psycopg

    base = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """``None`` for the SQLite store in the bureau folder, or a fresh PostgreSQL database's URL."""
    engine = getattr(request, "param", "sqlite")
    if engine == "sqlite":
        yield None
        return
    server = request.getfixturevalue("pg_url")
    url, name = fresh_pg_database(server)
    try:
        yield url
    finally:
        drop_pg_database(server, name)


@pytest.fixture
def bureau_dir(tmp_path: Path) -> Path:
    d = tmp_path / "bureau"
    d.mkdir()
    return d


@pytest.fixture
def store(bureau_dir: Path, store_url: str | None) -> Iterator[BureauStore]:
    s = open_store(bureau_dir, store_url)
    try:
        yield s
    finally:
        s.close()


both_engines = pytest.mark.parametrize("store_url", ENGINES, indirect=True)
