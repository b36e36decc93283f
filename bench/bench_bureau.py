"""Bureau merge at scale: N valid packets for N units, verified and merged into SQLite and PostgreSQL,
beside the time of only unzipping and parsing the same packets (the baseline, same run, same files).

    .venv/bin/python -m bench.bench_bureau [--sizes 1000 10000] [--pg-sizes 1000 10000 50000] [--pg URL]

Packets are made on every core from one exported packet (tests/bureau/packets.py PacketFactory:
data.json from a template varied per unit, re-signed with a key per unit, report.xlsx/pdf/csv hashed
and deflated once; the same bytes as write_packet, whose speed is printed beside it). The base packet
is exported as a unit exports it, with the real printed report.pdf (QPdfWriter, ≈ 165 KB; the packet
≈ 194 KB). Each merge runs in a fresh process, so its peak memory (RSS of the merging process, and of
its largest verifying worker) and its CPU (the writing process; the verifying workers) are its own.
Without --pg a throw-away server is started with scripts/pg_test_server.sh --durable.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


CODES = ["450000", "450100", "450102", "450103", "450123", "450200", "450203", "450300", "450321", "451400"]
_FACTORY: Any = None


def _load_parts(base: str) -> None:
    global _FACTORY
    from tests.bureau.packets import PacketFactory, parts_of

    _FACTORY = PacketFactory(parts_of(Path(base)))


def _make_range(first: int, last: int, out: str) -> None:
    """Packets ``first`` … ``last`` (runs in a worker process, with the factory built once)."""
    from gxjn_desktop.domain.units import InstitutionType
    from tests.bureau.builders import make_uscc
    from tests.bureau.packets import unit_key

    kinds = list(InstitutionType)
    for i in range(first, last + 1):
        kind = kinds[i % len(kinds)]
        _FACTORY.write(
            i,
            unit_key(i),
            Path(out),
            uscc=make_uscc(i),
            admin_code=CODES[i % len(CODES)],
            institution_type=kind.value,
            label=kind.label,
            people=50 + i % 400,
        )


def make_packets(n: int, out: Path, base: Path, *, workers: int | None = None) -> None:
    """N packets for N units, made on every core (PacketFactory: data.json from a template, re-signed
    per unit; the same bytes ``write_packet`` writes, at a fifth of its CPU)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    chunk = 1000
    with ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1,
        mp_context=get_context("spawn"),
        initializer=_load_parts,
        initargs=(str(base),),
    ) as pool:
        jobs = [pool.submit(_make_range, a, min(a + chunk - 1, n), str(out)) for a in range(1, n + 1, chunk)]
        for job in jobs:
            job.result()


def make_packets_slow(n: int, out: Path, base: Path) -> None:
    """The previous way, one process (varied + write_packet): the baseline of the factory's speed."""
    from gxjn_desktop.domain.units import InstitutionType
    from tests.bureau.builders import make_uscc
    from tests.bureau.packets import parts_of, unit_key, varied, write_packet

    parts, kinds = parts_of(base), list(InstitutionType)
    for i in range(1, n + 1):
        kind = kinds[i % len(kinds)]
        data = varied(
            parts.data,
            i,
            uscc=make_uscc(i),
            admin_code=CODES[i % len(CODES)],
            institution_type=kind.value,
            label=kind.label,
            people=50 + i % 400,
        )
        write_packet(data, parts, unit_key(i), out)


def baseline(folder: Path) -> float:
    """Only unzip every member in memory and parse data.json: the floor of any verifier (seconds;
    its CPU seconds go to ``BASELINE_CPU``)."""
    t, cpu = time.perf_counter(), time.process_time()
    for p in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                raw = z.read(name)
                if name.endswith("data.json"):
                    json.loads(raw)
    BASELINE_CPU.append(time.process_time() - cpu)
    return time.perf_counter() - t


BASELINE_CPU: list[float] = []


def one_merge(folder: str, where: str, url: str | None) -> None:
    """Runs in its own process: merge, then print time and peak memory as one JSON line."""
    from gxjn_desktop.services.bureau.merge import merge_folder
    from gxjn_desktop.services.bureau.store import open_store

    store = open_store(Path(where), url)
    t = time.perf_counter()
    report = merge_folder(store, Path(folder))
    seconds = time.perf_counter() - t
    store.close()
    me, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        json.dumps(
            {
                "seconds": seconds,
                "counts": report.counts(),
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_rss_mb": workers.ru_maxrss / 1024,
                "cpu_writer": me.ru_utime + me.ru_stime,  # imports and start-up included
                "cpu_workers": workers.ru_utime + workers.ru_stime,
            }
        )
    )


def fresh_pg(server: str, name: str) -> str:
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')
        c.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def _merge_in_process(folder: Path, where: Path, url: str) -> dict[str, Any]:
    from bench.fresh_process import run_one

    return run_one("bench.bench_bureau", str(folder), str(where), url)


GOAL_N, GOAL_SECONDS, GOAL_RATIO = 10_000, 60.0, 3.0
FLAT_KB_PER_1000 = 1000  # the main process may hold ~0.4 KB per file (its path), never the outcomes


def compare_making(base: Path, work: Path, n: int = 400) -> None:
    """Packet making in this process, interleaved in halves: the old way against the factory."""
    from tests.bureau.packets import PacketFactory, parts_of

    global _FACTORY
    t = time.perf_counter()
    _FACTORY = PacketFactory(parts_of(base))
    setup = time.perf_counter() - t
    slow = fast = 0.0
    for half in range(2):
        for way in ("slow", "fast"):
            out = work / f"make-{way}-{half}"
            out.mkdir()
            t = time.perf_counter()
            if way == "slow":
                make_packets_slow(n // 2, out, base)
                slow += time.perf_counter() - t
            else:
                _make_range(1, n // 2, str(out))
                fast += time.perf_counter() - t
            shutil.rmtree(out)
    print(
        f"making packets, one process, {n} each way: varied+write_packet {slow / n * 1000:.1f} ms/packet, "
        f"PacketFactory {fast / n * 1000:.1f} ms/packet = {slow / fast:.1f}× faster (factory set up once: "
        f"{setup * 1000:.0f} ms)",
        flush=True,
    )


def verdicts(rows: list[dict[str, Any]]) -> None:
    """The goals of issue 15 and the linearity in N, from the table's rows."""
    print("\nlinearity (seconds per 1,000 packets; RSS MB of the merging process / its largest worker):")
    for engine, label in (("floor", "unzip+parse"), ("sqlite", "SQLite"), ("pg", "PostgreSQL")):
        pts = [(r["n"], r[engine]) for r in rows if r.get(engine) is not None]
        if not pts:
            continue
        per_k = [(n, (v if engine == "floor" else v["seconds"]) / n * 1000) for n, v in pts]
        line = ", ".join(f"{n:,}: {s:.2f} s" for n, s in per_k)
        if engine != "floor":
            line += " | RSS " + ", ".join(f"{n:,}: {v['rss_mb']:.0f}/{v['worker_rss_mb']:.0f}" for n, v in pts)
            ratio = ", ".join(f"{r['n']:,}: {r[engine]['seconds'] / r['floor']:.1f}×" for r in rows if r.get(engine))
            line += f" | × baseline {ratio}"
        print(f"  {label:<12} {line}")
        if len(pts) > 1 and engine != "floor":
            (n0, v0), (n1, v1) = pts[0], pts[-1]
            s0, s1 = v0["seconds"] / n0, v1["seconds"] / n1
            f0 = next(r["floor"] for r in rows if r["n"] == n0) / n0
            f1 = next(r["floor"] for r in rows if r["n"] == n1) / n1
            grow = (v1["rss_mb"] - v0["rss_mb"]) / (n1 - n0) * 1_000_000  # KB per 1,000 packets
            memory = "FLAT" if grow <= FLAT_KB_PER_1000 else "GROWING"
            if n1 - n0 < 5000:  # a few MB of allocator noise would look like KB per packet
                memory = "(sizes too close to judge)"
            print(
                f"  {'':<12} per packet {n1:,} vs {n0:,}: {s1 / s0:.2f}× (baseline {f1 / f0:.2f}×; "
                f"linear if ≈ 1, the baseline shows how much the load moved); main RSS "
                f"{v0['rss_mb']:.0f} → {v1['rss_mb']:.0f} MB ({grow:+.0f} KB per 1,000 packets, "
                f"+{grow * 570 / 1000:.0f} MB at 570,000) -> {'LINEAR' if s1 / s0 <= 1.3 * max(1.0, f1 / f0) else 'NOT LINEAR'}"
                f" time, {memory} memory (flat: ≤ {FLAT_KB_PER_1000} KB per 1,000 packets, "
                "what the list of file names costs; the merge report kept in memory cost 1,400–3,500)"
            )
    for r in rows:
        if r["n"] != GOAL_N:
            continue
        for engine, label in (("sqlite", "SQLite"), ("pg", "PostgreSQL")):
            v = r.get(engine)
            if v is None:
                continue
            secs, ratio = v["seconds"], v["seconds"] / r["floor"]
            print(
                f"goal {GOAL_N:,} packets {label}: {secs:.1f} s (goal ≤ {GOAL_SECONDS:.0f} s: "
                f"{'MET' if secs <= GOAL_SECONDS else 'NOT MET'}), {ratio:.1f}× unzip+parse "
                f"(goal ≤ {GOAL_RATIO:.0f}×: {'MET' if ratio <= GOAL_RATIO else 'NOT MET'}); load {r['load']:.1f}"
            )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="into SQLite and PostgreSQL")
    ap.add_argument("--pg-sizes", type=int, nargs="*", default=[], help="into PostgreSQL only (e.g. 1000 10000 50000)")
    ap.add_argument("--pg", help="a PostgreSQL server URL (default: start a durable throw-away one)")
    ap.add_argument("--one", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        one_merge(args.one[0], args.one[1], None if args.one[2] == "-" else args.one[2])
        return 0
    stop = None
    if args.pg is None:
        env = subprocess.run(
            ["bash", str(ROOT / "scripts/pg_test_server.sh"), "start", "--durable", "--owner-pid", str(os.getpid())],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        vals = dict(line.removeprefix("export ").split("=", 1) for line in env.splitlines())
        args.pg, stop = vals["GXJN_TEST_PG_URL"], vals["GXJN_TEST_PG_DIR"]
    try:
        with tempfile.TemporaryDirectory(prefix="gxjn-bench-bureau-") as tmp:
            work = Path(tmp)
            base = export_base(work)
            print(f"cores: {os.cpu_count()}; packet: {base.stat().st_size} bytes (data.json varied per unit)")
            print(f"load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
            compare_making(base, work)
            print(
                f"{'N':>7} {'make s':>7} {'unzip+parse s':>14} {'SQLite s':>9} {'ratio':>6} {'PG s':>8} {'ratio':>6}"
                f" {'RSS MB main/worker SQLite':>26} {'PG':>10} {'load':>5}"
            )
            rows: list[dict[str, Any]] = []
            runs = [(n, ("sqlite", "pg")) for n in args.sizes] + [(n, ("pg",)) for n in args.pg_sizes]
            for n, engines in runs:
                folder = work / f"p{n}"
                folder.mkdir()
                t = time.perf_counter()
                make_packets(n, folder, base)
                made = time.perf_counter() - t
                floor = baseline(folder)
                res: dict[str, dict[str, Any]] = {}
                for engine in engines:
                    url = "-" if engine == "sqlite" else fresh_pg(args.pg, f"bench_{n}")
                    res[engine] = _merge_in_process(folder, work / f"b{n}-{engine}", url)
                    assert res[engine]["counts"]["accepted"] == n, res[engine]
                    if engine == "pg":
                        drop_pg(args.pg, f"bench_{n}")
                rows.append({"n": n, "floor": floor, "load": os.getloadavg()[0], **res})
                cells = []
                for engine in ("sqlite", "pg"):
                    r = res.get(engine)
                    cells += ["-", "-"] if r is None else [f"{r['seconds']:.1f}", f"{r['seconds'] / floor:.1f}"]
                mem = [
                    "-" if engine not in res else f"{res[engine]['rss_mb']:.0f}/{res[engine]['worker_rss_mb']:.0f}"
                    for engine in ("sqlite", "pg")
                ]
                print(
                    f"{n:>7} {made:>7.1f} {floor:>14.1f} {cells[0]:>9} {cells[1]:>6} {cells[2]:>8} {cells[3]:>6}"
                    f" {mem[0]:>26} {mem[1]:>10} {os.getloadavg()[0]:>5.1f}",
                    flush=True,
                )
                cpu = ", ".join(
                    f"{label} {res[e]['cpu_writer']:.1f} / {res[e]['cpu_workers']:.1f}"
                    for e, label in (("sqlite", "SQLite"), ("pg", "PostgreSQL"))
                    if e in res
                )
                print(
                    f"        CPU s, merging process / verifying workers: {cpu}; unzip+parse {BASELINE_CPU[-1]:.1f}",
                    flush=True,
                )
                db = work / f"b{n}-sqlite" / "bureau.db"
                if db.exists():
                    print(f"        SQLite file {db.stat().st_size / 1e6:.0f} MB", flush=True)
                shutil.rmtree(folder)
                shutil.rmtree(work / f"b{n}-sqlite", ignore_errors=True)
            verdicts(rows)
    finally:
        if stop:
            subprocess.run(["bash", str(ROOT / "scripts/pg_test_server.sh"), "stop", stop], check=False)
    return 0


def drop_pg(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(server.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}"')


def export_base(work: Path) -> Path:
    from datetime import date

    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.packet.export import export_packet

    today = date(2026, 11, 24)
    service = LedgerService.open(work / "unit")
    try:
        service.replace_everything(build_demo_ledger(today))
        out = work / "base"
        out.mkdir()
        return export_packet(service, Period.parse(2024, "Y"), out, today=today, write_pdf=write_report_pdf).path
    finally:
        service.close()


if __name__ == "__main__":
    sys.exit(main())
