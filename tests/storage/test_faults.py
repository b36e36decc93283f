"""Faults: a full disk and a process killed mid-save leave every saved value intact."""

from __future__ import annotations

import sys
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event

from gxjn_desktop.domain.records import MonthlyRecord
from gxjn_desktop.errors import StorageError
from gxjn_desktop.services.ledger_service import LedgerService
from tests.storage.killing import kill_after_commits, records_after_kill


def test_full_disk_is_a_clear_message_and_nothing_saved_is_lost(demo_service: LedgerService) -> None:
    before = demo_service.ledger()
    engine = demo_service.db.engine
    engine.dispose()

    @event.listens_for(engine, "connect")
    def tiny_disk(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        # SQLite reports SQLITE_FULL exactly as for a full disk once the file may not grow.
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    big = [MonthlyRecord("V1", 2030, m, quantity=Decimal(m), cost_fen=100, note="备注" * 2000) for m in range(1, 13)]
    with pytest.raises(StorageError) as err:
        demo_service.save_records(big)
    assert "磁盘已满" in err.value.message and "未受影响" in err.value.hint
    event.remove(engine, "connect", tiny_disk)
    engine.dispose()
    after = demo_service.ledger()
    assert after.records == before.records


WRITER = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from pathlib import Path
    from gxjn_desktop.domain.records import MonthlyRecord
    from gxjn_desktop.services.ledger_service import LedgerService

    service = LedgerService.open(Path(sys.argv[1]))
    i = 0
    while True:
        i += 1
        year, month = 2030 + (i - 1) // 12, (i - 1) % 12 + 1
        service.save_record(MonthlyRecord("V1", year, month, quantity=Decimal(i), cost_fen=i))
        print(i, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_mid_save_keeps_every_committed_edit(demo_service: LedgerService, data_dir: Path) -> None:
    demo_service.close()
    committed = kill_after_commits(WRITER, data_dir)
    saved = records_after_kill(data_dir, 2030)
    assert len(saved) >= committed
    assert {int(r.quantity or 0) for r in saved} >= set(range(1, committed + 1))
