"""Two clerks merging at once into the same PostgreSQL store (the real server, two connections):
both merges finish, and the store ends exactly as if they had run one after the other."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.bureau.merge import (
    ACCEPTED,
    DUPLICATE,
    REFUSED,
    SUPERSEDED,
    Examined,
    MergeReport,
    merge_files,
)
from gxjn_desktop.services.bureau.store import BureauStore, open_store, transaction
from tests.bureau.builders import data_json, examined, make_uscc, variant
from tests.bureau.conftest import drop_pg_database, fresh_pg_database

YEAR = 2024


def _packets(ledger: Ledger) -> dict[str, Examined]:
    """r1 of units 1–9 and r2 of units 1–3 and 7, by file name."""
    out: dict[str, Examined] = {}
    for n in range(1, 10):
        unit = variant(ledger, n, admin_code="450102" if n % 2 else "450203", people=40 + n)
        for revision in (1, 2) if n in (1, 2, 3, 7) else (1,):
            ex = examined(data_json(unit, YEAR, revision=revision), key=bytes([n]) * 32)
            out[ex.file] = ex
    return out


def _snapshot(store: BureauStore) -> dict[str, Any]:
    """What the store holds, without ids and times (which differ between any two runs)."""
    with transaction(store) as repo:
        packets = sorted((p.sha256, p.uscc, p.period, p.revision, p.status) for p in repo.packet_listing())
        keys = sorted((k.uscc, k.public_key, k.status) for k in repo.all_keys())
        facts = sorted(
            (r["uscc"], r["revision"], r["people"], r["comprehensive_energy_tce"])
            for r in repo.current_facts(f"{YEAR}-Y")
        )
        return {"units": repo.units(), "keys": keys, "packets": packets, "facts": facts, "refused": repo.rejections()}


def _merge(
    store: BureauStore, folder: Path, names: list[str], by_name: dict[str, Examined], start: threading.Barrier | None
) -> Callable[[], MergeReport]:
    """One clerk's merge on its own store object (own connections); small batches so the two interleave."""

    def examiner(path: Path) -> Examined:
        if start is not None and path.name == names[0]:
            start.wait(timeout=60)  # both merges begin writing together
        return by_name[path.name]

    def run() -> MergeReport:
        return merge_files(store, [folder / n for n in names], workers=1, examiner=examiner, batch=2)

    return run


@pytest.fixture
def two_databases(pg_url: str) -> Any:
    made = [fresh_pg_database(pg_url) for _ in range(2)]
    try:
        yield [url for url, _ in made]
    finally:
        for _, name in made:
            drop_pg_database(pg_url, name)


def test_two_merges_at_once_adding_the_same_new_units_equal_a_serial_merge(
    demo_ledger: Ledger, two_databases: list[str], tmp_path: Path
) -> None:
    by_name = _packets(demo_ledger)
    names = sorted(by_name)
    r2 = [n for n in names if n.endswith("_r2.zip")]
    units_of = {n: by_name[n].uscc for n in names}
    # Clerk A has units 1–6 and the r2s of 1–3; clerk B units 4–9 and the same r2s plus 7's: both add
    # units 4–6 and the r2s as new, at the same moment.
    a = [n for n in names if units_of[n] in {make_uscc(i) for i in range(1, 7)}]
    b = [n for n in names if units_of[n] in {make_uscc(i) for i in range(4, 10)}] + [n for n in r2 if n not in a]
    b = sorted(set(b))
    serial_url, concurrent_url = two_databases

    # Opened (and migrated) here: Alembic's migration context belongs to one thread at a time.
    serial, clerk_a, clerk_b = (
        open_store(tmp_path / "unused", u) for u in (serial_url, concurrent_url, concurrent_url)
    )
    for names_ in (a, b):  # one after the other
        _merge(serial, tmp_path, names_, by_name, None)()

    start = threading.Barrier(2)
    results: dict[str, Any] = {}
    errors: list[BaseException] = []

    def clerk(label: str, run: Callable[[], MergeReport]) -> None:
        try:
            results[label] = run()
        except BaseException as exc:  # reported below, with the other clerk's outcome
            errors.append(exc)
            start.abort()

    threads = [
        threading.Thread(target=clerk, args=(label, _merge(store, tmp_path, names_, by_name, start)))
        for label, store, names_ in (("a", clerk_a, a), ("b", clerk_b, b))
    ]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        got, want = _snapshot(clerk_a), _snapshot(serial)
    finally:
        for store in (serial, clerk_a, clerk_b):
            store.close()
    assert not errors, errors
    reports = [results["a"], results["b"]]
    assert all(not r.cancelled and len(r.files) == len(n) for r, n in zip(reports, (a, b), strict=True))
    outcomes = [f.outcome for r in reports for f in r.files]
    assert REFUSED not in outcomes
    # Every file shared by the two clerks was taken by one and seen as a duplicate by the other.
    assert outcomes.count(DUPLICATE) == len(set(a) & set(b))
    assert outcomes.count(ACCEPTED) + outcomes.count(SUPERSEDED) == len(names)
    assert got == want
    assert len(want["units"]) == 9 and [s for *_, s in want["packets"]].count(ACCEPTED) == 9


def test_a_batch_that_collides_with_another_writer_is_decided_again(
    demo_ledger: Ledger, two_databases: list[str], tmp_path: Path
) -> None:
    """A writer that does not wait for the merge's lock (an older program, a clerk's own SQL) adds
    the same new unit while the merge's batch waits on it: the batch fails on the unique key, is
    decided again from what the other wrote, and the merge finishes; nothing is doubled."""
    import psycopg

    url = two_databases[0]
    ex = next(iter(_packets(demo_ledger).values()))
    store = open_store(tmp_path, url)
    other = psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"))
    try:
        other.execute(
            "INSERT INTO bureau_unit (uscc, name, admin_code, institution_type, first_seen)"
            " VALUES (%s, '旧名称', '450102', '11', now())",
            (ex.uscc,),
        )  # not committed yet: the merge's insert of the same unit has to wait for it
        result: dict[str, MergeReport] = {}
        errors: list[BaseException] = []

        def clerk() -> None:
            try:
                result["report"] = _merge(store, tmp_path, [Path(ex.file).name], {Path(ex.file).name: ex}, None)()
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=clerk)
        thread.start()
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as watch:
            # Wait (by asking the server, no sleeping) until the merge's batch is blocked on that row.
            waiting = (
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            while thread.is_alive() and watch.execute(waiting).fetchone() == (0,):
                pass
        other.commit()
        thread.join()
    finally:
        other.close()
    try:
        assert not errors, errors
        (outcome,) = result["report"].files
        assert outcome.outcome == ACCEPTED
        with transaction(store) as repo:
            units = repo.units()
            assert [(u["uscc"], u["name"]) for u in units] == [(ex.uscc, "测试单位" + str(1))]
            assert [(p.uscc, p.status) for p in repo.packet_listing()] == [(ex.uscc, ACCEPTED)]
    finally:
        store.close()
