"""scripts/screenshots.py still runs: one picture from each part of it (first start, the demo's
screens and dialogs, 报送 with an exported packet, 汇总), at 1366×768 and 150 %, into a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ("00-welcome", "82-ewaste-dialog", "61-report-exported", "A0-bureau-merge-report")
SETUP = "1366x768@1.5"


def test_the_screenshot_script_writes_the_pictures_asked_for(tmp_path: Path) -> None:
    out = tmp_path / "截图"
    command = [sys.executable, str(ROOT / "scripts" / "screenshots.py"), str(out)]
    command += ["--setups", SETUP, "--only", ",".join(SHOTS)]
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=tmp_path, env=dict(os.environ, TMPDIR=str(tmp_path)), timeout=300
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "超出屏幕" not in done.stderr  # every window fits the screen less the taskbar (as on Windows)
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(f"{stem}-{SETUP}.png" for stem in SHOTS)  # and no index for a part of the set
    for name in written:
        image = QImage(str(out / name))
        assert not image.isNull() and image.width() >= 300 and image.height() >= 200, name
