"""The frozen program against a bare PySide6 program frozen the same way, in the same run.

Builds bench/bare.spec (and build.spec unless --app names an existing bundle) with this
environment's PyInstaller, then prints, each beside the bare figure and the goal:
- bundle size on disk (allocated blocks; goal ≤ 1.15× the bare bundle);
- start of the windowed `gxjn` to its first painted main window on the demo unit's folder
  (offscreen, GXJN_EXIT_AFTER_PAINT; goal ≤ 1.5×): a fresh process each time with the file cache
  warm — dropping the cache would need root and disturb the machine;
- `gxjn-cli --version` to exit (goal ≤ 1.2×).
Runs alternate between the two programs; medians are compared. With --bureau the bundle that keeps
pandas/numpy/psycopg (GXJN_BUNDLE=bureau) is built (or taken from the folder given) and measured
against the unit bundle too. No assertions.

    python bench/bench_frozen.py [--app dist/gxjn] [--runs 9] [--bureau [BUNDLE]]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXE = ".exe" if sys.platform == "win32" else ""


def pyinstaller(spec: Path, dist: Path, work: Path, bundle: str = "unit") -> float:
    t0 = time.perf_counter()
    options = ["--noconfirm", "--log-level", "ERROR", "--distpath", str(dist), "--workpath", str(work)]
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", *options, str(spec)],
        check=True,
        cwd=ROOT,
        env=dict(os.environ, GXJN_BUNDLE=bundle),
    )
    return time.perf_counter() - t0


def disk_size(folder: Path) -> int:
    """Bytes allocated on disk (symbolic links count once, as the files they point to)."""
    total = 0
    for p in folder.rglob("*"):
        st = p.lstat()
        if p.is_file() and not p.is_symlink():
            total += getattr(st, "st_blocks", 0) * 512 or st.st_size
    return total


def time_to_paint(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    painted = None
    for line in proc.stdout:
        if painted is None and line.startswith("painted"):
            painted = time.perf_counter() - start
    proc.wait()
    if painted is None:
        raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}) without painting")
    return painted


CPU: dict[str, list[float]] = {}  # CPU seconds (user + system) per command, beside the wall times


def time_to_exit(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise RuntimeError(f"{cmd} exited {proc.returncode}")
    CPU.setdefault(cmd[0], []).append(usage.ru_utime + usage.ru_stime)
    return wall


def alternate(runs: int, ours: object, bare: object) -> tuple[list[float], list[float]]:
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        b.append(bare())  # type: ignore[operator]
        a.append(ours())  # type: ignore[operator]
    return a, b


def line(label: str, ours: float, bare: float, unit: str, goal: float) -> str:
    ratio = ours / bare
    mark = "meets" if ratio <= goal else "MISSES"
    return f"{label:<34}{ours:>9.1f} {unit:<3} bare {bare:>8.1f} {unit:<3} ratio {ratio:.2f}  (goal ≤ {goal}: {mark})"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--app", type=Path, default=None, help="an existing gxjn bundle (default: build one)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument(
        "--bureau",
        nargs="?",
        const="build",
        default=None,
        help="also measure the GXJN_BUNDLE=bureau bundle: build it, or give an existing one's folder",
    )
    args = parser.parse_args()
    if sys.platform == "win32":
        raise SystemExit("first paint is reported on stdout, which a windowed Windows executable lacks: run on Linux")
    tmp = Path(tempfile.mkdtemp(prefix="gxjn-bench-frozen-"))
    try:
        built = pyinstaller(ROOT / "bench" / "bare.spec", tmp / "dist", tmp / "work-bare")
        print(f"bare bundle built in {built:.0f} s")
        app = args.app
        if app is None:
            built = pyinstaller(ROOT / "build.spec", tmp / "dist", tmp / "work-app")
            print(f"gxjn bundle built in {built:.0f} s")
            app = tmp / "dist" / "gxjn"
        bare = tmp / "dist" / "bare"
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GXJN_EXIT_AFTER_PAINT="1")
        data = tmp / "data"
        subprocess.run([str(app / f"gxjn-cli{EXE}"), "--data-dir", str(data), "demo"], env=env, check=True)

        gui = [str(app / f"gxjn{EXE}"), "--data-dir", str(data)]
        bare_gui = [str(bare / f"bare{EXE}")]
        cli = [str(app / f"gxjn-cli{EXE}"), "--version"]
        bare_cli = [str(bare / f"bare-cli{EXE}"), "--version"]
        time_to_paint(gui, env), time_to_paint(bare_gui, env)  # warm-up: file cache, the day's first backup
        paint, bare_paint = alternate(args.runs, lambda: time_to_paint(gui, env), lambda: time_to_paint(bare_gui, env))
        version, bare_version = alternate(
            args.runs, lambda: time_to_exit(cli, env), lambda: time_to_exit(bare_cli, env)
        )

        print(f"runs: {args.runs} each, alternating, medians; {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
        print(line("bundle size on disk", disk_size(app) / 1e6, disk_size(bare) / 1e6, "MB", 1.15))
        med = statistics.median
        print(line("gxjn start → first painted window", med(paint) * 1e3, med(bare_paint) * 1e3, "ms", 1.5))
        print(line("gxjn-cli --version", med(version) * 1e3, med(bare_version) * 1e3, "ms", 1.2))
        cpu, bare_cpu = med(CPU[cli[0]]) * 1e3, med(CPU[bare_cli[0]]) * 1e3
        print(
            f"  --version CPU time (user + system), median: {cpu:.0f} ms vs bare {bare_cpu:.0f} ms, ratio {cpu / bare_cpu:.2f}"
        )
        print(
            f"  (min: window {min(paint) * 1e3:.0f} vs {min(bare_paint) * 1e3:.0f} ms; "
            f"--version {min(version) * 1e3:.0f} vs {min(bare_version) * 1e3:.0f} ms)"
        )
        if args.bureau:
            bureau = Path(args.bureau)
            if args.bureau == "build":
                pyinstaller(ROOT / "build.spec", tmp / "dist-bureau", tmp / "work-bureau", bundle="bureau")
                bureau = tmp / "dist-bureau" / "gxjn"
            b_gui = [str(bureau / f"gxjn{EXE}"), "--data-dir", str(data)]
            b_cli = [str(bureau / f"gxjn-cli{EXE}"), "--version"]
            b_paint, u_paint = alternate(args.runs, lambda: time_to_paint(b_gui, env), lambda: time_to_paint(gui, env))
            b_version, u_version = alternate(
                args.runs, lambda: time_to_exit(b_cli, env), lambda: time_to_exit(cli, env)
            )
            print("pandas/numpy/psycopg left out (unit bundle) against kept (bureau bundle):")
            print(f"  size on disk: unit {disk_size(app) / 1e6:.1f} MB, bureau {disk_size(bureau) / 1e6:.1f} MB")
            print(f"  first paint:  unit {med(u_paint) * 1e3:.0f} ms, bureau {med(b_paint) * 1e3:.0f} ms")
            print(f"  --version:    unit {med(u_version) * 1e3:.0f} ms, bureau {med(b_version) * 1e3:.0f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
