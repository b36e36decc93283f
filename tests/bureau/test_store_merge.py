"""Revisions, duplicates and keys as the store records them (verified packets, both engines)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.services.bureau.keys import accept_key, list_keys
from gxjn_desktop.services.bureau.merge import (
    ACCEPTED,
    DUPLICATE,
    KEY_CHANGED,
    REFUSED,
    SUPERSEDED,
    Examined,
    FileOutcome,
    apply_examined,
)
from gxjn_desktop.services.bureau.store import BureauStore, transaction
from gxjn_desktop.services.bureau.summary import load_summary, summary_json
from tests.bureau.builders import data_json, examined
from tests.bureau.conftest import both_engines

NOW = datetime(2026, 3, 1, 9, 0)
YEAR = 2024


def apply(store: BureauStore, ex: Examined) -> FileOutcome:
    with transaction(store) as repo:
        return apply_examined(repo, ex, now=NOW)


def statuses(store: BureauStore) -> list[tuple[int, str]]:
    with transaction(store) as repo:
        return [(p.revision, p.status) for p in repo.packet_listing()]


@pytest.fixture
def r1_r2(demo_ledger: Ledger) -> tuple[Examined, Examined]:
    d1 = data_json(demo_ledger, YEAR, revision=1)
    d2: dict[str, Any] = data_json(demo_ledger, YEAR, revision=2)
    d2["results"]["indicators"]["comprehensive_energy_tce"] = "100.0000"
    return examined(d1), examined(d2)


@both_engines
def test_r2_replaces_r1_and_r1_is_kept(store: BureauStore, r1_r2: tuple[Examined, Examined]) -> None:
    r1, r2 = r1_r2
    first, second = apply(store, r1), apply(store, r2)
    assert (first.outcome, first.detail) == (ACCEPTED, "采用：新单位")
    assert (second.outcome, second.detail) == (ACCEPTED, "采用：第 2 版替换第 1 版")
    assert statuses(store) == [(1, SUPERSEDED), (2, ACCEPTED)]
    total = summary_json(load_summary(store, YEAR))["total"]
    assert total["comprehensive_energy_tce"]["value"] == "100.0000" and total["units"] == 1


@both_engines
def test_r2_before_r1_still_counts_r2(store: BureauStore, r1_r2: tuple[Examined, Examined]) -> None:
    r1, r2 = r1_r2
    assert apply(store, r2).outcome == ACCEPTED
    late = apply(store, r1)
    assert late.outcome == SUPERSEDED and "第 2 版" in late.detail
    assert statuses(store) == [(1, SUPERSEDED), (2, ACCEPTED)]
    assert summary_json(load_summary(store, YEAR))["total"]["comprehensive_energy_tce"]["value"] == "100.0000"


@both_engines
def test_the_same_packet_twice_changes_nothing(store: BureauStore, r1_r2: tuple[Examined, Examined]) -> None:
    r1, _ = r1_r2
    apply(store, r1)
    again = apply(store, r1)
    assert (again.outcome, again.status) == (DUPLICATE, ACCEPTED)
    assert statuses(store) == [(1, ACCEPTED)]
    # Another file carrying the same revision is kept as a duplicate and not counted.
    other = apply(store, examined(data_json_from(r1), salt="re-exported"))
    assert other.outcome == DUPLICATE and other.status == DUPLICATE
    assert statuses(store) == [(1, ACCEPTED), (1, DUPLICATE)]
    assert summary_json(load_summary(store, YEAR))["total"]["units"] == 1


def data_json_from(ex: Examined) -> dict[str, Any]:
    import json

    assert ex.data_json is not None
    result: dict[str, Any] = json.loads(ex.data_json)
    return result


@both_engines
def test_keys_first_receipt_same_key_other_key_and_acceptance(
    store: BureauStore, r1_r2: tuple[Examined, Examined]
) -> None:
    r1, r2 = r1_r2
    first = apply(store, r1)
    assert first.key_known is False and first.outcome == ACCEPTED
    same = apply(store, examined(data_json_from(r1), salt="again"))
    assert same.key_known is True
    stranger = examined(data_json_from(r2), key=b"x" * 32)
    refused = apply(store, stranger)
    assert (refused.outcome, refused.code) == (REFUSED, KEY_CHANGED)
    assert r1.key_fingerprint in (refused.message or "") and stranger.key_fingerprint in (refused.message or "")
    assert statuses(store)[-1] == (1, DUPLICATE)  # the refused r2 changed nothing
    assert apply(store, stranger).outcome == REFUSED  # still refused until the clerk accepts
    uscc = data_json_from(r1)["unit"]["uscc"]
    pending = [k for k in list_keys(store) if k.status == "pending"]
    assert [k.fingerprint for k in pending] == [stranger.key_fingerprint]
    accept_key(store, uscc, stranger.key_fingerprint or "")
    ok = apply(store, stranger)
    assert ok.outcome == ACCEPTED and ok.key_known is True
    assert apply(store, examined(data_json_from(r1), salt="old key")).code == KEY_CHANGED


def test_a_new_period_is_named_in_words_in_the_report() -> None:
    from gxjn_desktop.services.bureau.merge import _period_words

    assert _period_words("2025-Y") == "2025年全年"
    assert _period_words("2025-Q2") == "2025年第2季度"
    assert _period_words("not-a-period") == "not-a-period"  # never hides what the packet said


@both_engines
def test_data_json_reads_back_whole_and_is_kept_deflated_on_sqlite(
    store: BureauStore, bureau_dir: Path, store_url: str | None, r1_r2: tuple[Examined, Examined]
) -> None:
    r1, _ = r1_r2
    apply(store, r1)
    uscc, period = data_json_from(r1)["unit"]["uscc"], f"{YEAR}-Y"
    with transaction(store) as repo:
        assert repo.accepted_data_of(uscc, period) == r1.data_json
    if store_url is not None:
        return  # PostgreSQL compresses large text itself
    assert r1.data_json is not None
    with closing(sqlite3.connect(bureau_dir / "bureau.db")) as db:
        kind, size = db.execute("SELECT typeof(data_json), length(data_json) FROM packet").fetchone()
        assert kind == "blob" and size < len(r1.data_json.encode()) / 3
        # a store written before data.json was deflated holds it as plain text: still read as it is
        db.execute("UPDATE packet SET data_json = ?", (r1.data_json,))
        db.commit()
    with transaction(store) as repo:
        assert repo.accepted_data_of(uscc, period) == r1.data_json
