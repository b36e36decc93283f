"""Start-up time of `gxjn` to its first painted main window, against a bare PySide6 QMainWindow.

Both are started the same way (a fresh Python process on the offscreen platform, timed from spawn
to the line the window prints on its first paint), alternately, several times; the medians and
their ratio are printed. Goal: ratio ≤ 1.3. No assertions.

    python bench/bench_startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class W(QMainWindow):
    painted = False
    def paintEvent(self, e):
        super().paintEvent(e)
        if not self.painted:
            self.painted = True
            sys.stdout.write(f"painted {time.perf_counter():.6f} {time.process_time():.6f}\n"); sys.stdout.flush()
            QTimer.singleShot(0, QApplication.quit)

app = QApplication(sys.argv)
w = W(); w.resize(1280, 720); w.show()
app.exec()
"""


def time_to_paint(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn to the first paint, and to the line ``ready`` (or the first paint if none)."""
    painted, ready, _, _ = paint_times(cmd, env)
    return painted, ready


def paint_times(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, float]:
    """:func:`time_to_paint`, and the CPU seconds the process had used by then (the second figure of
    the ``painted`` and ``ready`` lines): on a loaded machine the wall clock also counts the waits for
    a core, its own CPU time does not."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    painted = ready = None
    cpu: dict[str, float] = {}
    for line in proc.stdout:
        word, *figures = line.split()
        if word in ("painted", "ready") and len(figures) >= 2:
            cpu[word] = float(figures[1])
        if word == "painted":
            painted = time.perf_counter() - start
        elif word == "ready":
            ready = time.perf_counter() - start
    proc.wait()
    if painted is None:
        raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) without painting")
    painted_cpu = cpu.get("painted", 0.0)
    return painted, ready if ready is not None else painted, painted_cpu, cpu.get("ready", painted_cpu)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.ledger_service import LedgerService

    tmp = Path(tempfile.mkdtemp(prefix="gxjn-bench-"))
    try:
        store = LedgerService.open(tmp)
        store.replace_everything(build_demo_ledger(date.today()))
        store.close()
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GXJN_EXIT_AFTER_PAINT="1")
        script = shutil.which("gxjn", path=str(Path(sys.executable).parent))
        app_cmd = [script] if script else [sys.executable, "-m", "gxjn_desktop"]
        app_cmd += ["--data-dir", str(tmp)]
        bare_cmd = [sys.executable, "-c", BARE]
        time_to_paint(app_cmd, env)  # warm-up: file cache, the day's first backup
        time_to_paint(bare_cmd, env)
        app_times, ready_times, bare_times = [], [], []
        for _ in range(args.runs):
            bare_times.append(time_to_paint(bare_cmd, env)[0])
            painted, ready = time_to_paint(app_cmd, env)
            app_times.append(painted)
            ready_times.append(ready)
        app_med, bare_med = statistics.median(app_times), statistics.median(bare_times)
        ready_med = statistics.median(ready_times)
        print(f"runs: {args.runs} each, alternating; command: {app_cmd[0]}")
        print(
            f"bare PySide6 QMainWindow, first paint: median {bare_med * 1000:.0f} ms (min {min(bare_times) * 1000:.0f})"
        )
        print(f"gxjn main window, first paint:        median {app_med * 1000:.0f} ms (min {min(app_times) * 1000:.0f})")
        print(
            f"gxjn demo unit's month grid painted:  median {ready_med * 1000:.0f} ms (min {min(ready_times) * 1000:.0f})"
        )
        print(f"ratio, first paint: {app_med / bare_med:.2f} (goal ≤ 1.3)")
        print(f"ratio, data on screen: {ready_med / bare_med:.2f}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
