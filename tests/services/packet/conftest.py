"""data.json of the demo's complete year, built by the packet's own builder, for the report renderers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.services.packet.data import build_packet_data
from tests.conftest import DEMO_TODAY

FINGERPRINT = "RWQ3F2A9C81D07E4B5 · 9f86d081884c7d65"


@pytest.fixture(scope="session")
def demo_data(demo_ledger: Ledger) -> dict[str, Any]:
    """The demo's earlier year: complete, every warning explained, ready to export."""
    period = Period.parse(DEMO_TODAY.year - 2)
    return build_packet_data(
        demo_ledger, period, revision=1, today=DEMO_TODAY, exported_at=datetime(2025, 1, 15, 10, 30)
    )
