"""Run one measurement in a fresh Python process, so its peak memory and imports are its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def run_one(module: str, *args: str) -> dict[str, Any]:
    """``python -m module --one args…`` from the repository root; its last output line, as JSON."""
    out = subprocess.run(
        [sys.executable, "-m", module, "--one", *args], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result
