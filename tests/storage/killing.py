"""Kill -9 a writer process after it reported N commits, and read back what survived."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from gxjn_desktop.domain.records import MonthlyRecord
from gxjn_desktop.paths import database_path
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.storage.sqlite_file import integrity_check


def kill_after_commits(writer: str, data_dir: Path, commits: int = 40) -> int:
    """Run ``writer`` (Python source that prints a count after each commit) on ``data_dir``, kill it
    with SIGKILL once it has reported ``commits`` commits, and return the last count it reported."""
    proc = subprocess.Popen([sys.executable, "-c", writer, str(data_dir)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    committed = 0
    for line in proc.stdout:  # each line is printed only after its transaction committed
        committed = int(line)
        if committed >= commits:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return committed


def records_after_kill(data_dir: Path, from_year: int) -> list[MonthlyRecord]:
    """The database passes integrity_check; its records of ``from_year`` and later."""
    integrity_check(database_path(data_dir))
    reopened = LedgerService.open(data_dir)
    try:
        return [r for r in reopened.ledger().records if r.year >= from_year]
    finally:
        reopened.close()
