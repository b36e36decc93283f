"""Shared fixtures. Qt runs offscreen; every test gets its own data folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import settings

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.ledger_service import LedgerService

# CI runs the same examples every time, so a red build can be reproduced; locally they vary.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

# The demo is built as if today were this date, so its years (2024, 2025) are fixed in tests.
DEMO_TODAY = date(2026, 11, 24)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir()
    return d


@pytest.fixture(scope="session")
def demo_ledger() -> Ledger:
    return build_demo_ledger(DEMO_TODAY)


@pytest.fixture
def demo_service(data_dir: Path, demo_ledger: Ledger) -> LedgerService:
    """A real SQLite database in a temporary folder holding the demo unit."""
    service = LedgerService.open(data_dir)
    service.replace_everything(demo_ledger)
    yield service  # type: ignore[misc]
    service.close()


@pytest.fixture(scope="session", autouse=True)
def one_qt_application() -> Iterator[object]:
    """Qt allows one application object per process: make it a QApplication before any test runs.

    The PDF printer (``render/pdf.py``, QtGui only) makes a plain QGuiApplication when none exists;
    had a packet test come first, a later widget test would abort on it.
    """
    from PySide6.QtWidgets import QApplication

    yield QApplication.instance() or QApplication([])
