"""How long the program lingers after its window has closed: the old way out (``main`` returning,
then Python's own clean-up of Qt, pandas and SQLAlchemy objects) beside the installed command's
(``program``: everything is saved, the process ends at once). Baseline and change in the same run.

    .venv/bin/python bench/bench_quit.py [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

# Each child opens the demo, quits as soon as the data is shown (GXJN_EXIT_AFTER_PAINT) and prints
# the moment the window's event loop returned; the parent notes when the process has ended.
CHILD = """
import sys, time
from gxjn_desktop import __main__ as entry
from gxjn_desktop.gui import app
inner = app.run
def run(*args):
    code = inner(*args)
    print("T", time.time(), flush=True)
    return code
app.run = run
sys.argv = ["gxjn", "--data-dir", sys.argv[1]]
if {way!r} == "program":
    entry.program()
sys.exit(entry.main())
"""


def linger(way: str, data_dir: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GXJN_EXIT_AFTER_PAINT="1")
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(way=way), data_dir], capture_output=True, text=True, env=env, check=True
    )
    end = time.time()
    closed = float(next(line for line in done.stdout.splitlines() if line.startswith("T ")).split()[1])
    return end - closed


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", tmp, "demo"], check=True, capture_output=True
        )
        times: dict[str, list[float]] = {"main": [], "program": []}
        for _ in range(rounds):
            for way in times:
                times[way].append(linger(way, tmp))
    for way, label in (
        ("main", "before (main returns, Python cleans up)"),
        ("program", "now (program ends the process)"),
    ):
        print(
            f"{label:42s} median {statistics.median(times[way]):.2f} s  ({', '.join(f'{t:.2f}' for t in times[way])})"
        )


if __name__ == "__main__":
    main()
