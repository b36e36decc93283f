"""Check a frozen bundle (dist/gxjn from build.spec) the way CI does, offscreen.

1. `gxjn-cli --version` prints `gxjn X.Y.Z` (this checkout's version);
2. `gxjn-cli --self-test` prints one JSON line with every part ok, and exits 0;
3. the frozen `gxjn-cli demo` creates the demo unit, and the frozen `indicators --json` (both demo
   years, and a quarter) and `check --json` give exactly what this checkout's unfrozen program
   gives on the same data folder;
4. a frozen `bureau merge` of 8 packets verifies them in its pool of processes (each one this
   executable started again);
5. the windowed `gxjn` paints its main window on the demo folder and exits (GXJN_EXIT_AFTER_PAINT;
   not on Windows, where a windowed executable has no stdout);
6. the bundle's size on disk is printed.

    python scripts/check_frozen.py [dist/gxjn]

Exit 0 when everything holds; otherwise the first difference is printed and the exit code is 1.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from gxjn_desktop import __version__  # noqa: E402
from gxjn_desktop.services.bureau.merge import POOL_THRESHOLD  # noqa: E402
from gxjn_desktop.services.demo import demo_years  # noqa: E402

EXE = ".exe" if sys.platform == "win32" else ""


def bundle_size(folder: Path) -> int:
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run(cmd: list[str], env: dict[str, str], expect: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    shown = " ".join(Path(cmd[0]).name if i == 0 else c for i, c in enumerate(cmd))
    print(f"  {shown}  → exit {done.returncode}  ({time.perf_counter() - t0:.1f} s)")
    if done.returncode not in expect:
        raise SystemExit(f"FAILED: {shown}\n{done.stdout}\n{done.stderr}")
    return done


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "dist" / "gxjn").resolve()
    cli, gui = dist / f"gxjn-cli{EXE}", dist / f"gxjn{EXE}"
    for exe in (cli, gui):
        if not exe.is_file():
            raise SystemExit(f"FAILED: {exe} not found; build it first: pyinstaller --noconfirm build.spec")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    unfrozen = [sys.executable, "-m", "gxjn_desktop.cli"]
    print(f"frozen bundle {dist}")

    version = run([str(cli), "--version"], env).stdout.strip()
    if version != f"gxjn {__version__}":
        raise SystemExit(f"FAILED: --version printed {version!r}, expected 'gxjn {__version__}'")

    out = run([str(cli), "--self-test"], env, expect=(0, 1)).stdout
    print(f"  self-test: {out.strip()}")
    result = json.loads(out)
    failed = [name for name, part in result["parts"].items() if not part["ok"]]
    if not result["ok"] or failed or not result["frozen"] or out.count("\n") != 1:
        raise SystemExit(f"FAILED: self-test parts {failed or '(frozen flag / one line)'}")

    with tempfile.TemporaryDirectory(prefix="gxjn-frozen-check-") as tmp:
        data = Path(tmp) / "data"
        run([str(cli), "--data-dir", str(data), "demo"], env)
        y1, y2 = demo_years(date.today())
        queries = [
            ["indicators", "--year", str(y2), "--json"],
            ["indicators", "--year", str(y1), "--json"],
            ["indicators", "--year", str(y2), "--period", "Q2", "--json"],
            ["check", "--year", str(y2), "--json"],
        ]
        for query in queries:
            frozen = run([str(cli), "--data-dir", str(data), *query], env, expect=(0, 1))
            plain = run([*unfrozen, "--data-dir", str(data), *query], dict(env, PYTHONPATH=str(ROOT)), expect=(0, 1))
            if (frozen.returncode, json.loads(frozen.stdout)) != (plain.returncode, json.loads(plain.stdout)):
                raise SystemExit(f"FAILED: frozen and unfrozen differ for {' '.join(query)}")
        figures = json.loads(run([str(cli), "--data-dir", str(data), *queries[0]], env).stdout)
        ind = figures["indicators"]["energy_per_capita_kgce"]
        print(
            f"  frozen = unfrozen for {len(queries)} queries; {y2} 综合能耗 {figures['comprehensive_energy_tce']} tce,"
            f" 人均 {ind['value']} kgce/人"
        )

        # A merge of POOL_THRESHOLD packets verifies them in a pool of processes, which frozen are this
        # executable started again (packaging/rth_mp_child.py serves them): the same packet 8 times.
        packets, inbox = Path(tmp) / "packets", Path(tmp) / "inbox"
        packets.mkdir()
        inbox.mkdir()
        run([str(cli), "--data-dir", str(data), "export", "--year", str(y1), "--out", str(packets)], env)
        (packet,) = packets.glob("*.zip")
        for i in range(POOL_THRESHOLD):
            (inbox / f"copy{i}.zip").write_bytes(packet.read_bytes())
        merged = run([str(cli), "--data-dir", str(Path(tmp) / "bureau"), "bureau", "merge", str(inbox), "--json"], env)
        counts = json.loads(merged.stdout)["counts"]
        if (counts["accepted"], counts["duplicate"]) != (1, POOL_THRESHOLD - 1):
            raise SystemExit(f"FAILED: bureau merge through the process pool counted {counts}")
        pool = f"a pool of {os.cpu_count()}" if (os.cpu_count() or 1) > 1 else "no pool: 1 CPU"
        print(f"  bureau merge of {POOL_THRESHOLD} packets ({pool}): {counts}")

        if sys.platform == "win32":  # a windowed Windows executable has no stdout to report its paint on
            print("  (gxjn.exe's first paint is not checked on Windows: it has no stdout)")
        else:
            painted = run([str(gui), "--data-dir", str(data)], dict(env, GXJN_EXIT_AFTER_PAINT="1")).stdout
            if "painted" not in painted or "ready" not in painted:
                raise SystemExit(f"FAILED: the window did not paint the demo unit: {painted!r}")

    size = bundle_size(dist)
    files = sum(1 for p in dist.rglob("*") if p.is_file())
    print(f"bundle size on disk: {size / 1e6:.1f} MB in {files} files ({dist})")
    print("frozen bundle OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
