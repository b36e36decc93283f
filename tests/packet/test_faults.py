"""Kill -9 during export: the out folder never holds a .zip that does not verify."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.verify import verify_packet

EXPORTER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from pathlib import Path
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.packet.export import export_packet

    service = LedgerService.open(Path(sys.argv[1]))
    i = 0
    while True:
        i += 1
        # the same packet again and again: each write replaces the last one
        export_packet(service, Period.parse(2024, "Y"), Path(sys.argv[2]), today=date(2026, 11, 24), write_pdf=write_report_pdf)
        print(i, flush=True)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("after", [0, 1, 2])
def test_killed_mid_export_never_leaves_a_zip_that_does_not_verify(
    demo_service: LedgerService, data_dir: Path, tmp_path: Path, after: int
) -> None:
    demo_service.close()
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", EXPORTER, str(data_dir), str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert proc.stdout is not None
    done = 0
    if after:
        for line in proc.stdout:
            done = int(line)
            if done >= after:
                break
    os.kill(proc.pid, signal.SIGKILL)  # somewhere in the next export: rendering, hashing, writing, renaming
    proc.wait()
    zips = list(out.glob("*.zip"))
    assert len(zips) >= (1 if done else 0)
    for z in zips:
        result = verify_packet(z)
        assert result.ok, result.problems
    assert all(p.suffix in (".zip", ".partial") for p in out.iterdir())
