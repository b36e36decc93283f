"""The verifying side of a bureau merge, in one process: CPU per packet, step by step, beside the
baseline of only unzipping every member and parsing data.json (same packets, same run, interleaved).

    .venv/bin/python -m bench.bench_verify [--n 500] [--rounds 3] [--merge] [--profile] [--packets DIR]

Packets are made as bench/bench_bureau.py makes them (one exported packet, data.json varied and
re-signed per unit). The whole of ``examine`` (what a merge's worker does per file) is timed
against the baseline; the steps are timed by wrapping the verifier's own functions, so their sum is
a little less than the whole. ``pickle`` is what a worker's result costs to cross to the merging
process (dumped in the worker, loaded in the parent). ``--profile`` adds cProfile's top entries.
``--merge`` also merges the packets into SQLite as ``bureau merge`` does (a fresh process, its
workers on every core) between two baseline passes, and prints its wall time and the CPU of the
merging process and of its workers beside the baseline's: on a loaded machine the CPU figures are
the steadier ones (total CPU / cores is what the merge would take on idle cores, without stalls).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pickle
import pstats
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

# (label, module, function): a step's time is the time spent inside that function
STEPS = (
    ("zip: directory + read members", "gxjn_desktop.services.packet.verify", "_check_members"),
    ("bag: manifests + hashes", "gxjn_desktop.services.packet.verify", "_check_bag"),
    ("signature", "gxjn_desktop.services.packet.verify", "_check_signature"),
    ("data.json: parse + depth + schema", "gxjn_desktop.services.packet.verify", "_check_data"),
    ("  of which schema", "gxjn_desktop.services.packet.verify", "schema_problems"),
    ("  of which depth walk", "gxjn_desktop.services.packet.verify", "_depth"),
    ("report.xlsx parts", "gxjn_desktop.services.packet.verify", "_check_xlsx"),
    ("facts", "gxjn_desktop.services.bureau.examine", "facts_checked"),
)


def baseline_one(p: Path) -> None:
    """Only unzip every member in memory and parse data.json: the floor of any verifier."""
    with zipfile.ZipFile(p) as z:
        for name in z.namelist():
            raw = z.read(name)
            if name.endswith("data.json"):
                json.loads(raw)


def _timed(fn: Callable[..., Any], acc: list[float]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        t = time.process_time()
        try:
            return fn(*args, **kwargs)
        finally:
            acc[0] += time.process_time() - t

    return wrapper


def step_times(paths: list[Path]) -> dict[str, float]:
    """CPU seconds inside each step over all ``paths`` (wrapped only for this pass)."""
    import importlib

    from gxjn_desktop.services.bureau.examine import examine

    saved: list[tuple[Any, str, Any]] = []
    accs: dict[str, list[float]] = {}
    for label, module_name, fn_name in STEPS:
        module = importlib.import_module(module_name)
        fn = getattr(module, fn_name, None)
        if fn is None:
            continue
        accs[label] = [0.0]
        saved.append((module, fn_name, fn))
        setattr(module, fn_name, _timed(fn, accs[label]))
    try:
        for p in paths:
            examine(p)
    finally:
        for module, fn_name, fn in saved:
            setattr(module, fn_name, fn)
    return {label: acc[0] for label, acc in accs.items()}


def one_merge(folder: str, where: str) -> None:
    """Runs in its own process: merge into a fresh SQLite store, print wall and CPU as JSON."""
    from gxjn_desktop.services.bureau.merge import merge_folder
    from gxjn_desktop.services.bureau.store import open_store

    store = open_store(Path(where), None)
    wall, cpu, main_thread = time.perf_counter(), time.process_time(), time.thread_time()
    report = merge_folder(store, Path(folder))
    wall, cpu, main_thread = time.perf_counter() - wall, time.process_time() - cpu, time.thread_time() - main_thread
    store.close()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = {"wall": wall, "cpu": cpu, "main_thread": main_thread, "workers": children.ru_utime + children.ru_stime}
    print(json.dumps({**out, "accepted": report.counts()["accepted"]}))


def baseline_pass(paths: list[Path]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    for p in paths:
        baseline_one(p)
    return time.perf_counter() - wall, time.process_time() - cpu


def merge_figures(folder: Path, paths: list[Path], work: Path) -> None:
    n = len(paths)
    before = baseline_pass(paths)
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_verify", "--one-merge", str(folder), str(work / "store")],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    ).stdout
    m = json.loads(out.strip().splitlines()[-1])
    assert m["accepted"] == n, m
    after = baseline_pass(paths)
    base_wall, base_cpu = min(before[0], after[0]), min(before[1], after[1])
    cores = os.cpu_count() or 1
    total = m["cpu"] + m["workers"]
    print(f"\nmerge into SQLite, {cores} workers, fresh process (baseline: best of the passes before and after)")
    print(f"{'':<44} {'s':>7} {'ms/packet':>10} {'× baseline':>11}")
    print(f"{'baseline wall (one process)':<44} {base_wall:>7.2f} {base_wall / n * 1000:>10.2f} {1:>11.2f}")
    print(f"{'baseline CPU':<44} {base_cpu:>7.2f} {base_cpu / n * 1000:>10.2f} {1:>11.2f}")
    print(f"{'merge wall':<44} {m['wall']:>7.2f} {m['wall'] / n * 1000:>10.2f} {m['wall'] / base_wall:>11.2f}")
    for label, seconds in (
        ("merge CPU: merging process (all threads)", m["cpu"]),
        ("  of which its main thread (decide + write)", m["main_thread"]),
        ("merge CPU: workers (verify, incl. start)", m["workers"]),
        (f"merge CPU total / {cores} cores", total / cores),
    ):
        print(f"{label:<44} {seconds:>7.2f} {seconds / n * 1000:>10.2f} {seconds / base_cpu:>11.2f}")
    print(
        f"goal (merge ≤ 3× unzip+parse): wall {m['wall'] / base_wall:.2f}× "
        f"{'met' if m['wall'] <= 3 * base_wall else 'NOT met'}; CPU total / cores {total / cores / base_cpu:.2f}× "
        f"{'met' if total / cores <= 3 * base_cpu else 'NOT met'} (load average {os.getloadavg()[0]:.1f})"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--packets", help="an existing folder of packets (default: make --n of them)")
    ap.add_argument("--merge", action="store_true", help="also merge them into SQLite, beside the baseline")
    ap.add_argument("--one-merge", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one_merge:
        one_merge(*args.one_merge)
        return 0
    from gxjn_desktop.services.bureau.examine import examine

    with tempfile.TemporaryDirectory(prefix="gxjn-bench-verify-") as tmp:
        if args.packets:
            folder = Path(args.packets)
        else:
            from bench.bench_bureau import export_base, make_packets

            work = Path(tmp)
            folder = work / "packets"
            folder.mkdir()
            make_packets(args.n, folder, export_base(work))
        paths = sorted(folder.glob("*.zip"))
        n = len(paths)
        print(f"{n} packets of ~{paths[0].stat().st_size} bytes; load average {os.getloadavg()[0]:.1f}")
        for p in paths[:20]:  # warm caches and imports
            examine(p)
            baseline_one(p)
        base_cpu, exam_cpu = [], []
        for _ in range(args.rounds):  # interleaved, CPU time of this process: load shows less
            t = time.process_time()
            for p in paths:
                baseline_one(p)
            base_cpu.append(time.process_time() - t)
            t = time.process_time()
            results = [examine(p) for p in paths]
            exam_cpu.append(time.process_time() - t)
        assert all(r.ok for r in results), [r.problems for r in results if not r.ok][:1]
        base, whole = min(base_cpu) / n * 1000, min(exam_cpu) / n * 1000
        t = time.process_time()
        blobs = [pickle.dumps(r, protocol=pickle.HIGHEST_PROTOCOL) for r in results]
        dumped = time.process_time() - t
        t = time.process_time()
        for b in blobs:
            pickle.loads(b)
        loaded = time.process_time() - t
        passes = [step_times(paths) for _ in range(args.rounds)]
        steps = {label: min(p[label] for p in passes) for label in passes[0]}
        print(f"{'CPU ms per packet (best of ' + str(args.rounds) + ')':<40} {'ms':>7} {'× baseline':>11}")
        print(f"{'baseline: unzip all + parse data.json':<40} {base:>7.2f} {1:>11.2f}")
        print(f"{'examine (verify + facts), whole':<40} {whole:>7.2f} {whole / base:>11.2f}")
        for label, seconds in steps.items():
            ms = seconds / n * 1000
            print(f"{label:<40} {ms:>7.2f} {ms / base:>11.2f}")
        size = sum(len(b) for b in blobs) / n
        print(f"{'result pickle: dump (worker)':<40} {dumped / n * 1000:>7.2f} {dumped / n * 1000 / base:>11.2f}")
        print(f"{'result pickle: load (parent)':<40} {loaded / n * 1000:>7.2f} {loaded / n * 1000 / base:>11.2f}")
        print(f"result pickle size: {size / 1024:.1f} KiB per packet")
        goal = whole <= 3 * base
        print(f"goal (examine ≤ 3× unzip+parse, one process): {'met' if goal else 'NOT met'} ({whole / base:.2f}×)")
        print(f"load average at end {os.getloadavg()[0]:.1f}")
        if args.merge:
            merge_figures(folder, paths, Path(tmp))
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
            for p in paths:
                examine(p)
            prof.disable()
            pstats.Stats(prof, stream=sys.stdout).sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
