"""Bureau merge at scale: N valid packets for N units, verified and merged into SQLite and PostgreSQL,
beside the time of only unzipping and parsing the same packets (the baseline, same run, same files).

    .venv/bin/python -m bench.bench_bureau [--sizes 1000 10000] [--pg URL]

Packets are made quickly from one exported packet (tests/bureau/packets.py: data.json varied per
unit, re-signed with a key per unit, report.xlsx/pdf reused). Each merge runs in a fresh process, so
its peak memory (RSS of the merging process, and of its largest verifying worker) is its own.
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
_PARTS: Any = None


def _load_parts(base: str) -> None:
    global _PARTS
    from tests.bureau.packets import parts_of

    _PARTS = parts_of(Path(base))


def _make_range(first: int, last: int, out: str) -> None:
    """Packets ``first`` … ``last`` (runs in a worker process, with the parts loaded once)."""
    from gxjn_desktop.domain.units import InstitutionType
    from tests.bureau.builders import make_uscc
    from tests.bureau.packets import unit_key, varied, write_packet

    kinds = list(InstitutionType)
    for i in range(first, last + 1):
        kind = kinds[i % len(kinds)]
        data = varied(
            _PARTS.data,
            i,
            uscc=make_uscc(i),
            admin_code=CODES[i % len(CODES)],
            institution_type=kind.value,
            label=kind.label,
            people=50 + i % 400,
        )
        write_packet(data, _PARTS, unit_key(i), Path(out))


def make_packets(n: int, out: Path, base: Path) -> None:
    """N packets for N units, made on every core (data.json varied and re-signed per unit)."""
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    chunk = 500
    with ProcessPoolExecutor(
        max_workers=os.cpu_count() or 1,
        mp_context=get_context("spawn"),
        initializer=_load_parts,
        initargs=(str(base),),
    ) as pool:
        jobs = [pool.submit(_make_range, a, min(a + chunk - 1, n), str(out)) for a in range(1, n + 1, chunk)]
        for job in jobs:
            job.result()


def baseline(folder: Path) -> float:
    """Only unzip every member in memory and parse data.json: the floor of any verifier."""
    t = time.perf_counter()
    for p in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(p) as z:
            for name in z.namelist():
                raw = z.read(name)
                if name.endswith("data.json"):
                    json.loads(raw)
    return time.perf_counter() - t


def one_merge(folder: str, where: str, url: str | None) -> None:
    """Runs in its own process: merge, then print time and peak memory as one JSON line."""
    from gxjn_desktop.services.bureau.merge import merge_folder
    from gxjn_desktop.services.bureau.store import open_store

    store = open_store(Path(where), url)
    t = time.perf_counter()
    report = merge_folder(store, Path(folder))
    seconds = time.perf_counter() - t
    store.close()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "counts": report.counts(),
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
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
    out = subprocess.run(
        [sys.executable, "-m", "bench.bench_bureau", "--one", str(folder), str(where), url],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    ).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000], help="into SQLite and PostgreSQL")
    ap.add_argument("--pg-sizes", type=int, nargs="*", default=[], help="into PostgreSQL only (e.g. 50000)")
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
            print(
                f"{'N':>7} {'make s':>7} {'unzip+parse s':>14} {'SQLite s':>9} {'ratio':>6} {'PG s':>8} {'ratio':>6}"
                f" {'RSS MB main/worker SQLite':>26} {'PG':>10} {'load':>5}"
            )
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
                db = work / f"b{n}-sqlite" / "bureau.db"
                if db.exists():
                    print(f"        SQLite file {db.stat().st_size / 1e6:.0f} MB", flush=True)
                shutil.rmtree(folder)
                shutil.rmtree(work / f"b{n}-sqlite", ignore_errors=True)
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
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.packet.export import export_packet

    today = date(2026, 11, 24)
    service = LedgerService.open(work / "unit")
    try:
        service.replace_everything(build_demo_ledger(today))
        out = work / "base"
        out.mkdir()
        return export_packet(service, Period.parse(2024, "Y"), out, today=today).path
    finally:
        service.close()


if __name__ == "__main__":
    sys.exit(main())
