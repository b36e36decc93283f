"""The SQLite store: round trip, exact values, migrations in one transaction, refusals."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.errors import StorageError
from gxjn_desktop.paths import database_path, migrations_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage import migrate
from gxjn_desktop.storage.backup import backups_to_keep, daily_backup, list_backups
from gxjn_desktop.storage.database import make_engine
from gxjn_desktop.storage.store import open_database
from gxjn_desktop.storage.tables import Base


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def test_demo_ledger_round_trips_exactly(demo_service: LedgerService, demo_ledger: Ledger) -> None:
    back = demo_service.ledger()
    assert back.unit == demo_ledger.unit
    assert back.profiles == demo_ledger.profiles
    assert back.meters == demo_ledger.meters
    assert back.replacements == demo_ledger.replacements
    assert back.canteen == demo_ledger.canteen
    assert back.garbage == demo_ledger.garbage
    assert back.ewaste == demo_ledger.ewaste
    key = lambda r: (r.meter_code, r.year, r.month)  # noqa: E731
    assert [r.reading for r in sorted(back.records, key=key)] == [
        r.reading for r in sorted(demo_ledger.records, key=key)
    ]
    assert {(e.rule_id, e.fingerprint) for e in back.explanations} == {
        (e.rule_id, e.fingerprint) for e in demo_ledger.explanations
    }


def test_quantities_are_text_and_money_integer_fen(demo_service: LedgerService) -> None:
    con = sqlite3.connect(demo_service.db.path)
    try:
        types = set(con.execute("SELECT DISTINCT typeof(reading), typeof(cost_fen) FROM monthly_record"))
        pragma = con.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        con.close()
    assert types <= {("text", "integer"), ("null", "integer"), ("text", "null"), ("null", "null")}
    assert pragma == "wal"


def test_schema_of_migrations_matches_the_tables(data_dir: Path) -> None:
    db = open_database(data_dir)
    try:
        with db.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        db.close()
    assert diff == []


def _first_schema_with_rows(path: Path) -> None:
    migrate.upgrade(path, "0001")
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO unit VALUES (1, '旧单位', '91350100M000100Y43', '450103', '01', 'hswc', '', '[]')")
        con.execute("INSERT INTO year_profile VALUES (2023, 100, '5000', NULL, '0', 0, '0', 2, 0, 1, 80, '{}')")
        con.execute(
            "INSERT INTO meter VALUES ('E1', '电表', 'electricity', 'register', 'building', '', '', 6, '10.5',"
            " '2023-01-01', NULL, 0, 1, NULL)"
        )
        con.execute("INSERT INTO meter_multiplier VALUES (1, 'E1', '2023-01-01', '30')")
        con.execute(
            "INSERT INTO monthly_record VALUES ('E1', 2023, 1, '1147.27', NULL, 12345, 'bill', NULL, 0, '', '张三', NULL)"
        )
        con.execute("INSERT INTO canteen_month VALUES (2023, 1, '500.5', 4000, NULL, '')")
    con.close()


def test_upgrade_from_the_first_schema_keeps_every_row(data_dir: Path) -> None:
    path = database_path(data_dir)
    _first_schema_with_rows(path)
    service = LedgerService.open(data_dir)  # upgrades to head, after a backup
    try:
        ledger = service.ledger()
    finally:
        service.close()
    assert migrate.current_revision(path) == migrate.head_revision()
    assert ledger.unit.name == "旧单位"
    assert ledger.profiles[2023].people == 100 and ledger.profiles[2023].signatories.head == ""
    assert ledger.meters[0].multipliers[0].multiplier == 30
    rec = ledger.record("E1", 2023, 1)
    assert rec is not None and str(rec.reading) == "1147.27" and rec.cost_fen == 12345
    assert ledger.canteen[0].food_waste_kg is not None and str(ledger.canteen[0].food_waste_kg) == "500.5"
    assert any("before-upgrade-0001" in p.name for _, p in list_backups(data_dir / "backups"))


def test_failed_migration_leaves_the_file_exactly_as_it_was(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = database_path(data_dir)
    _first_schema_with_rows(path)
    broken = tmp_path / "db"
    shutil.copytree(migrations_path(), broken)
    (broken / "versions" / "9999_broken.py").write_text(
        '"""A migration that fails half-way."""\n'
        "import sqlalchemy as sa\nfrom alembic import op\n"
        f'revision = "9999"\ndown_revision = "{migrate.head_revision()}"\nbranch_labels = None\ndepends_on = None\n'
        "def upgrade():\n"
        '    op.create_table("half", sa.Column("id", sa.Integer(), primary_key=True))\n'
        "    op.execute(\"UPDATE unit SET name = 'changed'\")\n"
        '    raise RuntimeError("boom")\n'
        "def downgrade():\n    pass\n",
        encoding="utf-8",
    )
    before = _dump(path)
    monkeypatch.setattr(migrate, "migrations_path", lambda: broken)
    with pytest.raises(RuntimeError, match="boom"):
        migrate.upgrade(path)
    assert _dump(path) == before
    assert migrate.current_revision(path) == "0001"


def test_a_newer_database_is_refused_and_not_touched(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.close()
    path = database_path(data_dir)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.close()
    before = _dump(path)
    with pytest.raises(StorageError, match="更新版本"):
        open_database(data_dir)
    assert _dump(path) == before


def test_a_damaged_file_is_refused_with_advice(data_dir: Path) -> None:
    database_path(data_dir).write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    with pytest.raises(StorageError) as err:
        open_database(data_dir)
    assert "损坏" in err.value.message and "备份" in err.value.hint


def test_open_without_create_says_how_to_start(data_dir: Path) -> None:
    with pytest.raises(StorageError, match="没有 gxjn 数据"):
        open_database(data_dir / "nothing", create=False)


def test_daily_backups_are_made_once_a_day_and_thinned(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.close()
    path, folder = database_path(data_dir), data_dir / "bk"
    assert daily_backup(path, folder, datetime(2025, 1, 1, 9)) is not None
    assert daily_backup(path, folder, datetime(2025, 1, 1, 18)) is None  # same day
    for day in range(2, 40):
        daily_backup(path, folder, datetime(2025, 1, 1 + (day - 1) % 31, 9).replace(month=1 + (day - 1) // 31))
    kept = list_backups(folder)
    assert 12 <= len(kept) <= 12 + 10 + 9
    copy = sqlite3.connect(kept[-1][1])
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        copy.close()


def test_thinning_keeps_newest_per_day_week_month() -> None:
    times = [datetime(2025, m, d, 9) for m in range(1, 13) for d in (1, 8, 15, 22)]
    keep = backups_to_keep(times, daily=3, weekly=2, monthly=4)
    assert max(times) in keep
    assert len(keep) <= 3 + 2 + 4
    assert datetime(2025, 9, 22, 9) in keep  # newest of an older month


def test_foreign_keys_are_enforced(data_dir: Path) -> None:
    db = open_database(data_dir)
    db.close()
    engine = make_engine(database_path(data_dir))
    try:
        with pytest.raises(Exception, match="FOREIGN KEY"), engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO monthly_record (meter_code, year, month, source, rollover_confirmed, note, entered_by)"
                " VALUES ('NOPE', 2025, 1, 'bill', 0, '', '')"
            )
    finally:
        engine.dispose()


def test_schema_head_constant_is_alembics_head() -> None:
    from gxjn_desktop.storage.schema import SCHEMA_HEAD

    assert migrate.head_revision() == SCHEMA_HEAD


def test_an_up_to_date_database_opens_without_alembic(data_dir: Path) -> None:
    open_database(data_dir).close()
    code = (
        "import sys; from pathlib import Path; from gxjn_desktop.storage.store import open_database; "
        f"open_database(Path({str(data_dir)!r})).close(); print('alembic' in sys.modules)"
    )
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"


def test_a_network_share_is_refused_on_windows() -> None:
    from gxjn_desktop.storage.store import network_location_problem

    assert "网络共享" in (network_location_problem(Path(r"\\server\share\gxjn"), "win32") or "")
    assert network_location_problem(Path("//server/share"), "win32") is not None
    assert network_location_problem(Path("/home/someone/.local/share/gxjn"), "linux") is None


@pytest.mark.parametrize(
    ("name", "made"),
    [
        ("gxjn-20261127-163007-daily.db", datetime(2026, 11, 27, 16, 30, 7)),
        ("gxjn-20240229-000000-before-import-年报.db", datetime(2024, 2, 29)),
        ("gxjn-20230229-000000-daily.db", None),  # no such day
        ("gxjn-20261127-246000-daily.db", None),  # no such time
        ("gxjn-2026112-163007-daily.db", None),  # strptime would guess 2 November; the program pads
        ("gxjn-20261127-daily.db", None),
        ("gxjn-２０２６1127-163007-daily.db", None),  # full-width digits
        ("gxjn-.db", None),
    ],
)
def test_a_backup_is_dated_by_its_name(name: str, made: datetime | None) -> None:
    """backup_time reads the stamp the program writes (``_STAMP``, zero-padded) by hand: strptime
    costs ~5 ms at every start, when the backups are listed."""
    from gxjn_desktop.storage.backup import _STAMP, backup_time

    when = backup_time(Path(name))
    assert when == made
    if when is not None:
        assert name.startswith(f"gxjn-{when.strftime(_STAMP)}-")
