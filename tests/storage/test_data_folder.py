"""Every file the program keeps in a data folder is named in gxjn_desktop.paths, and only there."""

from __future__ import annotations

import logging
from pathlib import Path

from gxjn_desktop import paths
from gxjn_desktop.logs import setup_logging, write_crash
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.ledger_service import LedgerService
from tests.conftest import DEMO_TODAY


def test_a_used_data_folder_holds_only_what_paths_names(tmp_path: Path) -> None:
    data = tmp_path / "data"
    service = LedgerService.open(data)
    try:
        service.replace_everything(build_demo_ledger(DEMO_TODAY))
        service.backup("test")
    finally:
        service.close()
    handler_count = len(logging.getLogger().handlers)
    assert setup_logging(data) == paths.log_path(data)
    for handler in logging.getLogger().handlers[handler_count:]:  # this test's handler only
        logging.getLogger().removeHandler(handler)
        handler.close()
    assert write_crash(data, RuntimeError("test")) == paths.log_path(data)

    named = {paths.DATABASE_FILE, paths.LOCK_FILE, paths.UI_STATE_FILE, paths.LOG_DIR, paths.BACKUP_DIR}
    named |= {paths.IMPORTED_PLAN_DIR, paths.BUREAU_DIR}
    found = {p.name for p in data.iterdir()}
    # SQLite's own companions of the database (-wal, -shm) are the database's.
    assert {n for n in found if not n.startswith(paths.DATABASE_FILE)} <= named, found
    assert paths.database_path(data).is_file() and any(paths.backup_dir(data).iterdir())
    assert paths.bureau_database_path(paths.bureau_dir(data)) == data / "bureau" / "bureau.db"
