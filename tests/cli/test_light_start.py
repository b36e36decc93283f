"""`gxjn-cli --version` and `--help` answer without loading the data layers, Qt or Excel.

Each runs in a fresh interpreter, so what the other tests imported does not count. A subcommand
module that imports SQLAlchemy (through services or storage) at its top fails here: import it
inside the handler instead.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("sqlalchemy", "alembic", "openpyxl", "PySide6", "pandas", "numpy", "python_calamine", "cryptography")
OURS_HEAVY = ("gxjn_desktop.storage", "gxjn_desktop.services", "gxjn_desktop.gui", "gxjn_desktop.validation")

PROBE = """
import contextlib, io, json, sys
from gxjn_desktop.cli.main import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit:
        pass
sys.__stdout__.write(json.dumps({"out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["quota", "--help"]])
def test_answers_without_the_data_layers(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["out"].strip()
    loaded = [m for m in result["modules"] if m.split(".")[0] in HEAVY or m.startswith(OURS_HEAVY)]
    assert loaded == [], f"{argv} loaded {loaded}"
