"""The unit's store as a command uses it: opened for the command, closed whatever happens.

The data layers are imported inside, so a subcommand module importing this stays light
(tests/cli/test_light_start.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gxjn_desktop.domain.ledger import Ledger
    from gxjn_desktop.services.ledger_service import LedgerService


@contextmanager
def opened_store(args: argparse.Namespace, *, create: bool = False, writes: bool = False) -> Iterator[LedgerService]:
    """The store of ``--data-dir`` (refused when there is none unless ``create``), closed after.

    When today's backup could not be made (a full disk), a command that ``writes`` is refused
    before it changes anything; one that reads answers after one warning line on stderr.
    """
    from gxjn_desktop.services.ledger_service import LedgerService

    service = LedgerService.open(args.data_dir, create=create)
    try:
        if (refusal := service.write_refusal) is not None:
            if writes:
                raise refusal
            sys.stderr.write(f"警告：{refusal.warning()}\n")
        yield service
    finally:
        service.close()


def load_ledger(args: argparse.Namespace) -> Ledger:
    """The unit's whole ledger, read and the store closed again."""
    with opened_store(args) as service:
        return service.ledger()
