"""An export killed while writing its zip leaves a hidden .partial file in the output folder; the
next export of the same packet removes it (nothing else in the folder is touched)."""

from __future__ import annotations

from pathlib import Path

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.export import export_packet
from tests.conftest import DEMO_TODAY


def test_a_killed_exports_partial_file_is_removed_by_the_next(demo_service: LedgerService, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    name = "450123_12450123MB1965432W_2024-Y_r1.zip"
    stale = out / f".{name}.99999.partial"
    stale.write_bytes(b"PK\x03\x04 half a zip")
    other = out / ".other.zip.99999.partial"
    other.write_bytes(b"someone else's")
    packet = export_packet(demo_service, Period.parse(2024, "Y"), out, today=DEMO_TODAY, write_pdf=write_report_pdf)
    assert packet.path.name == name
    assert sorted(p.name for p in out.iterdir()) == sorted([name, other.name])
