"""bureau merge on real signed packets: every outcome, the same folder twice, hostile packets among
valid ones, keys through the command line, and a kill -9 in the middle of a merge (both engines)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import warnings
import zipfile
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.units import InstitutionType
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.bureau.forward import INDEX_NAME
from gxjn_desktop.services.bureau.merge import merge_folder, report_json
from gxjn_desktop.services.bureau.store import BureauStore, open_store, transaction
from gxjn_desktop.services.bureau.summary import load_summary, summary_json
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.data import build_packet_data
from gxjn_desktop.services.packet.export import export_packet
from tests.bureau.builders import make_uscc, variant
from tests.bureau.conftest import both_engines
from tests.bureau.packets import parts_of, unit_key, write_packet
from tests.conftest import DEMO_TODAY

YEAR = 2024
PERIOD = Period.parse(YEAR, "Y")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory, demo_ledger: Ledger) -> Path:
    """The demo's 2024 packet, exported by the unit's own program."""
    data_dir = tmp_path_factory.mktemp("unit")
    out = tmp_path_factory.mktemp("export")
    service = LedgerService.open(data_dir)
    try:
        service.replace_everything(demo_ledger)
        return export_packet(service, PERIOD, out, today=DEMO_TODAY, write_pdf=write_report_pdf).path
    finally:
        service.close()


def unit_data(demo_ledger: Ledger, n: int, revision: int = 1) -> dict[str, Any]:
    kinds = [InstitutionType.ORGAN, InstitutionType.EDUCATION, InstitutionType.HEALTH, InstitutionType.ASSOCIATION]
    led = variant(
        demo_ledger,
        n,
        admin_code=["450103", "450123", "450203", "450000", "450100"][n % 5],
        institution_type=kinds[n % 4],
        people=37 * n + 3,
        area=Decimal(f"{1234.5 * n:.1f}"),
        drop_meters=n % 3,
    )
    return build_packet_data(led, PERIOD, revision=revision, today=DEMO_TODAY)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, exported: Path, demo_ledger: Ledger) -> Path:
    """The demo's own packet and five other units' packets, each signed with its unit's key."""
    f = tmp_path_factory.mktemp("packets")
    (f / exported.name).write_bytes(exported.read_bytes())
    parts = parts_of(exported)
    for n in range(1, 6):
        write_packet(unit_data(demo_ledger, n), parts, unit_key(n), f)
    return f


def listing(store: BureauStore) -> list[tuple[str, str, int, str]]:
    with transaction(store) as repo:
        return [(p.uscc, p.period, p.revision, p.status) for p in repo.packet_listing()]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@both_engines
def test_a_folder_merges_and_merging_it_again_changes_nothing(store: BureauStore, folder: Path, exported: Path) -> None:
    first = merge_folder(store, folder, workers=1)
    assert first.counts() == {"accepted": 6, "superseded": 0, "duplicate": 0, "refused": 0}
    assert all(f.key_known is False for f in first.files)
    state = listing(store), summary_json(load_summary(store, YEAR))
    again = merge_folder(store, folder, workers=1)
    assert again.counts()["duplicate"] == 6 and again.merged == 0
    assert (listing(store), summary_json(load_summary(store, YEAR))) == state
    # The demo unit's figures are the bureau's, to the last digit.
    unit = parts_of(exported).data["results"]["indicators"]
    with transaction(store) as repo:
        row = next(r for r in repo.current_facts("2024-Y") if r["uscc"] == parts_of(exported).data["unit"]["uscc"])
    assert f"{row['comprehensive_energy_tce']:.4f}" == unit["comprehensive_energy_tce"]
    assert f"{row['co2_t']:.4f}" == unit["co2_t"] and row["people"] == unit["people"]


@both_engines
def test_data_json_reads_back_as_the_packet_carries_it(store: BureauStore, folder: Path, store_url: str | None) -> None:
    """On SQLite the verifying workers hand data.json over deflated and the writer stores those
    bytes as they are; either way the store gives back the packet's own text."""
    merge_folder(store, folder, workers=1)
    for path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(path) as z:
            text = z.read(next(n for n in z.namelist() if n.endswith("/data/data.json"))).decode("utf-8")
        data = json.loads(text)
        with transaction(store) as repo:
            assert repo.accepted_data_of(data["unit"]["uscc"], data["period"]["name"]) == text
    if store_url is None:
        with closing(sqlite3.connect(Path(store.label))) as db:
            assert db.execute("SELECT count(*) FROM packet WHERE typeof(data_json) = 'blob'").fetchone() == (6,)


def test_a_new_sqlite_store_has_large_pages_for_the_packet_files(bureau_dir: Path) -> None:
    open_store(bureau_dir).close()
    with closing(sqlite3.connect(bureau_dir / "bureau.db")) as db:
        assert db.execute("PRAGMA page_size").fetchone() == (32768,)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_parallel_verification_gives_the_same_report(bureau_dir: Path, folder: Path, tmp_path: Path) -> None:
    one, two = open_store(bureau_dir), open_store(tmp_path / "other")
    try:
        a = report_json(merge_folder(one, folder, workers=1))
        b = report_json(merge_folder(two, folder, workers=2))
    finally:
        one.close()
        two.close()
    assert a["files"] == b["files"]


@both_engines
def test_revisions_on_real_packets(store: BureauStore, exported: Path, demo_ledger: Ledger, tmp_path: Path) -> None:
    parts = parts_of(exported)
    r1 = write_packet(
        unit_data(demo_ledger, 7),
        parts,
        unit_key(7),
        tmp_path / "r1" if (tmp_path / "r1").mkdir() is None else tmp_path,
    )
    r2_dir = tmp_path / "r2"
    r2_dir.mkdir()
    r2 = write_packet(unit_data(demo_ledger, 7, revision=2), parts, unit_key(7), r2_dir)
    # r2 arrives first, r1 after it: r2 still counts.
    assert merge_folder(store, r2_dir, workers=1).files[0].detail == "采用：新单位"
    late = merge_folder(store, r1.parent, workers=1).files[0]
    assert late.outcome == "superseded"
    assert [s for *_, s in listing(store)] == ["superseded", "accepted"]
    assert r2.exists()


def test_without_shared_memory_for_a_pool_the_packets_are_verified_one_by_one(
    store: BureauStore, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Linux account that may not create semaphores (/dev/shm not writable) cannot start the
    verifying pool: the merge goes on in this process with the same outcome."""
    from gxjn_desktop.services.bureau import merge

    many = tmp_path / "many"
    many.mkdir()
    for i in range(2):  # 12 files: enough for the pool; the second copy of each is a duplicate
        for p in sorted(folder.iterdir()):
            (many / f"{i}-{p.name}").write_bytes(p.read_bytes())
    assert len(list(many.iterdir())) >= merge.POOL_THRESHOLD

    def no_semaphores(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", "/dev/shm")

    monkeypatch.setattr(merge, "ProcessPoolExecutor", no_semaphores)
    report = merge_folder(store, many, workers=2)
    assert report.counts() == {"accepted": 6, "superseded": 0, "duplicate": 6, "refused": 0}


def test_hostile_packets_among_valid_ones(
    bureau_dir: Path,
    folder: Path,
    exported: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from tests.packet.hostile import make_hostile

    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for p in folder.iterdir():
        (mixed / p.name).write_bytes(p.read_bytes())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        made = make_hostile(exported, mixed / "hostile")
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    before = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if bureau_dir not in p.parents}
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(mixed), "--json")
    d = json.loads(out)
    assert code == 1 and d["merged"] == 6
    by_file = {Path(f["file"]).name: f for f in d["files"]}
    wrong = {}
    for name, (path, want) in made.items():
        f = by_file.get(path.name)
        if f is None or f["outcome"] != "refused" or want not in f["codes"]:
            wrong[name] = (want, f and f.get("codes"))
    assert not wrong
    assert len(d["rejected"]) == len(made) and all(r["code"] and r["message"] for r in d["rejected"])
    after = {str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if bureau_dir not in p.parents}
    assert after == before and os.listdir(work) == [] and not Path("/tmp/gxjn-escaped.txt").exists()


def test_a_changed_key_is_refused_until_the_clerk_accepts_it(
    bureau_dir: Path, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = parts_of(exported)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / exported.name).write_bytes(exported.read_bytes())
    data = dict(parts.data, revision=2)
    write_packet(data, parts, unit_key(99), second)  # the demo unit's r2, signed with another key
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(first), "--json")
    assert code == 0 and json.loads(out)["files"][0]["key_known"] is False
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(second), "--json")
    d = json.loads(out)
    assert code == 1 and d["rejected"][0]["code"] == "KEY-CHANGED"
    fp = d["files"][0]["key_fingerprint"]
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "keys", "list")
    assert "待确认" in out and fp in out
    uscc = parts.data["unit"]["uscc"]
    code, out, _ = run(
        capsys, "--data-dir", str(bureau_dir), "bureau", "keys", "accept", "--uscc", uscc, "--fingerprint", fp
    )
    assert code == 0 and fp in out
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(second), "--json")
    d = json.loads(out)
    assert code == 0 and d["files"][0]["detail"] == "采用：第 2 版替换第 1 版" and d["files"][0]["key_known"] is True


MERGER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from gxjn_desktop.services.bureau.merge import merge_folder
    from gxjn_desktop.services.bureau.store import open_store

    store = open_store(Path(sys.argv[1]))
    merge_folder(store, Path(sys.argv[2]), workers=1, batch=2, progress=lambda i, n, o: print(i, flush=True))
    """
)


def test_kill_during_a_merge_then_merge_again(folder: Path, tmp_path: Path) -> None:
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    proc = subprocess.Popen(
        [sys.executable, "-c", MERGER, str(killed), str(folder)], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= 3:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(killed / "bureau.db")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        done = con.execute("SELECT count(*) FROM packet").fetchone()[0]
    finally:
        con.close()
    assert 3 <= done < 6  # whole batches of two were committed, the one under way left no trace
    stores = [open_store(killed), open_store(clean)]
    try:
        merge_folder(stores[0], folder, workers=1)
        report = merge_folder(stores[1], folder, workers=1)
        assert report.counts()["accepted"] == 6
        assert listing(stores[0]) == listing(stores[1])
        assert summary_json(load_summary(stores[0], YEAR)) == summary_json(load_summary(stores[1], YEAR))
    finally:
        for s in stores:
            s.close()


def test_merge_writes_the_workbook_and_reads_the_roster(
    bureau_dir: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from openpyxl import Workbook, load_workbook

    from gxjn_desktop.services.bureau.roster import ROSTER_HEADER

    roster = tmp_path / "名录.xlsx"
    wb = Workbook()
    wb.active.append(list(ROSTER_HEADER))
    wb.active.append(["12450000MB00000005", "没报的单位", "450123", "01", "县级"])
    wb.save(roster)
    out = tmp_path / "汇总.xlsx"
    code, text, err = run(
        capsys,
        "--data-dir",
        str(bureau_dir),
        "bureau",
        "merge",
        str(folder),
        "--roster",
        str(roster),
        "--out",
        str(out),
    )
    assert code == 2 and "名录" in err  # a wrong check character in the roster: nothing merged
    assert not (bureau_dir / "bureau.db").exists()
    from gxjn_desktop.domain.units import uscc_check_character

    body = "12450000MB0000000"
    wb.active["A2"] = body + uscc_check_character(body)
    wb.save(roster)
    code, text, _ = run(
        capsys,
        "--data-dir",
        str(bureau_dir),
        "bureau",
        "merge",
        str(folder),
        "--roster",
        str(roster),
        "--out",
        str(out),
    )
    assert code == 0 and "采用 6" in text and "未报 1 家" in text and "不在名录 6 家" in text
    assert load_workbook(out).sheetnames == [
        "行政区域汇总",
        "分类汇总",
        "单位明细",
        "单位说明",
        "跨单位审核",
        "工作安排进度",
        "名录核对",
        "合并报告",
    ]


def test_the_merge_report_reads_in_chinese_and_keeps_the_codes_aside(
    bureau_dir: Path, folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """合并报告 and 单位说明: the clerk reads Chinese (no NOT-A-ZIP, no rule ids); the code stays in
    --json and in the sheet's last, narrow column for support."""
    import re

    from openpyxl import load_workbook

    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for p in folder.iterdir():
        (mixed / p.name).write_bytes(p.read_bytes())
    (mixed / "坏文件.zip").write_bytes(b"not a zip at all")
    out = tmp_path / "汇总.xlsx"
    code, text, _ = run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(mixed), "--out", str(out))
    code_like = re.compile(r"\b[A-Z]+(?:-[A-Z]+)+\b")
    assert code == 1 and "坏文件.zip：已拒收。拒收：不是完整的 zip 文件" in text and not code_like.search(text)
    wb = load_workbook(out)
    rows = list(wb["合并报告"].iter_rows(min_row=2, values_only=True))
    assert rows[0][2] == "说明" and rows[0][-1] == "问题代码（技术支持用）"
    bad = next(r for r in rows if r[0] == "坏文件.zip")
    assert bad[2].startswith("拒收：不是完整的 zip 文件") and bad[-1] == "NOT-A-ZIP"
    assert not any(code_like.search(str(r[2] or "")) for r in rows)
    notes = list(wb["单位说明"].iter_rows(min_row=3, values_only=True))
    assert notes and not any(code_like.search(str(r[2] or "")) for r in notes)
    code, out_json, _ = run(capsys, "--data-dir", str(tmp_path / "b2"), "bureau", "merge", str(mixed), "--json")
    f = next(f for f in json.loads(out_json)["files"] if f["file"].endswith("坏文件.zip"))
    assert (f["code"], f["codes"]) == ("NOT-A-ZIP", ["NOT-A-ZIP"]) and "NOT-A-ZIP" not in f["detail"]


def test_verify_with_a_bureau_folder_compares_the_registered_key(
    bureau_dir: Path, exported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = tmp_path / "one"
    one.mkdir()
    (one / exported.name).write_bytes(exported.read_bytes())
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "verify", str(exported), "--json")
    assert code == 0 and json.loads(out)["key_known"] is False  # no bureau store yet
    assert not (bureau_dir / "bureau.db").exists()
    run(capsys, "--data-dir", str(bureau_dir), "bureau", "merge", str(one))
    db = (bureau_dir / "bureau.db").read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "verify", str(exported), "--json")
    assert code == 0 and json.loads(out)["key_known"] is True
    parts = parts_of(exported)
    other = write_packet(dict(parts.data, revision=3), parts, unit_key(98), tmp_path)
    code, out, _ = run(capsys, "--data-dir", str(bureau_dir), "verify", str(other), "--json")
    assert code == 1 and "KEY-CHANGED" in {p["code"] for p in json.loads(out)["problems"]}
    assert (bureau_dir / "bureau.db").read_bytes() == db  # verify changed nothing (SQLite may add its -shm)


def test_forward_and_merge_the_bundle_one_tier_up(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    county, city, bundle = tmp_path / "county", tmp_path / "city", tmp_path / "bundle"
    assert run(capsys, "--data-dir", str(county), "bureau", "merge", str(folder))[0] == 0
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(county),
        "bureau",
        "forward",
        "--period",
        "2024-Y",
        "--out",
        str(bundle),
        "--name",
        "隆安县机关事务服务中心",
        "--json",
    )
    d = json.loads(out)
    assert code == 0 and d["packets"] == 6
    for p in folder.iterdir():  # the unit packets go up unchanged
        assert (bundle / p.name).read_bytes() == p.read_bytes()
    code, out, _ = run(capsys, "--data-dir", str(city), "bureau", "merge", str(tmp_path / "bundle"), "--json")
    d = json.loads(out)
    assert code == 0 and d["merged"] == 6
    assert {f["forwarded_by"] for f in d["files"]} == {
        f"隆安县机关事务服务中心（密钥 {json.loads((bundle / INDEX_NAME).read_text())['bureau']['key_fingerprint']}）"
    }
    # A packet slipped into the bundle, and an index changed after signing, are refused.
    extra = next(folder.iterdir())
    (bundle / ("copy-" + extra.name)).write_bytes(extra.read_bytes())
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "c2"), "bureau", "merge", str(bundle), "--json")
    d = json.loads(out)
    assert code == 1 and [r["code"] for r in d["rejected"]] == ["FORWARD-UNLISTED"]
    index = bundle / INDEX_NAME
    index.write_text(index.read_text().replace("隆安县", "假冒县"))
    code, out, _ = run(capsys, "--data-dir", str(tmp_path / "c3"), "bureau", "merge", str(bundle), "--json")
    d = json.loads(out)
    assert code == 1 and d["merged"] == 0 and {r["code"] for r in d["rejected"]} == {"FORWARD-SIGNATURE-INVALID"}


def test_a_forwarding_bureau_is_known_by_its_key_not_its_name(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """First bundle: the bureau's key registered (key_known false); the same key again: known, even
    under another name. Another key under a registered name: refused KEY-CHANGED until the clerk
    accepts it — as another bureau of that name (both stay, never confused) or, with --replaces, as
    the same bureau's new key (the old one retired)."""
    name = "隆安县机关事务服务中心"
    county = {tag: tmp_path / f"county-{tag}" for tag in "abc"}  # three bureau folders: three keys

    def forward(tag: str, as_name: str, out: str) -> tuple[Path, str]:
        if not (county[tag] / "bureau.db").exists():
            assert run(capsys, "--data-dir", str(county[tag]), "bureau", "merge", str(folder))[0] == 0
        args = ("--period", "2024-Y", "--out", str(tmp_path / out), "--name", as_name, "--json")
        code, out_text, _ = run(capsys, "--data-dir", str(county[tag]), "bureau", "forward", *args)
        assert code == 0
        return tmp_path / out, json.loads(out_text)["key_fingerprint"]

    (bundle_a, fp_a), (bundle_b, fp_b), (bundle_c, fp_c) = (forward(t, name, f"bundle-{t}") for t in "abc")
    bundle_a2, _ = forward("a", "隆安县机关事务管理局", "bundle-a-renamed")
    assert len({fp_a, fp_b, fp_c}) == 3
    city = ("--data-dir", str(tmp_path / "city"), "bureau")

    def merge(bundle: Path) -> tuple[int, dict[str, Any]]:
        code, out, _ = run(capsys, *city, "merge", str(bundle), "--json")
        return code, json.loads(out)

    def keys() -> list[tuple[str, str, str]]:
        out = run(capsys, *city, "keys", "list", "--json")[1]
        return [(k["bureau"], k["fingerprint"], k["status"]) for k in json.loads(out)["bureau_keys"]]

    code, d = merge(bundle_a)
    assert code == 0 and {f["forwarder_key_known"] for f in d["files"]} == {False}
    code, d = merge(bundle_a)
    assert code == 0 and {f["forwarder_key_known"] for f in d["files"]} == {True}
    code, d = merge(bundle_a2)  # the same key under a new name: the same bureau, known
    assert code == 0 and {f["forwarder_key_known"] for f in d["files"]} == {True}
    assert {f["forwarded_by"] for f in d["files"]} == {f"隆安县机关事务管理局（密钥 {fp_a}）"}
    code, d = merge(bundle_b)  # another key under the registered name
    assert code == 1 and d["merged"] == 0 and {r["code"] for r in d["rejected"]} == {"KEY-CHANGED"}
    assert all(fp_a in r["message"] and fp_b in r["message"] for r in d["rejected"])
    assert keys() == [(name, fp_a, "registered"), (name, fp_b, "pending")]
    # A name that does not go with the fingerprint, or a --replaces of no key, changes nothing.
    assert run(capsys, *city, "keys", "accept", "--bureau", "别的名称", "--fingerprint", fp_b)[0] == 2
    assert run(capsys, *city, "keys", "accept", "--bureau", name, "--fingerprint", fp_b, "--replaces", "0" * 16)[0] == 2
    assert run(capsys, *city, "keys", "accept", "--uscc", "X", "--fingerprint", fp_b, "--replaces", fp_a)[0] == 2
    assert keys() == [(name, fp_a, "registered"), (name, fp_b, "pending")]
    # Another bureau of the same name: both registered, each bundle's packets named by its own key.
    code, out, _ = run(capsys, *city, "keys", "accept", "--bureau", name, "--fingerprint", fp_b)
    assert code == 0 and fp_b in out
    code, d = merge(bundle_b)  # the unit packets themselves were merged from the first bundle
    assert code == 0 and {f["outcome"] for f in d["files"]} == {"duplicate"}
    assert {(f["forwarded_by"], f["forwarder_key_known"]) for f in d["files"]} == {(f"{name}（密钥 {fp_b}）", True)}
    code, d = merge(bundle_a)
    assert code == 0 and {(f["forwarded_by"], f["forwarder_key_known"]) for f in d["files"]} == {
        (f"{name}（密钥 {fp_a}）", True)
    }
    # The first bureau's new key replaces its old one: the old key's bundles are refused from then on.
    code, d = merge(bundle_c)
    assert code == 1 and {r["code"] for r in d["rejected"]} == {"KEY-CHANGED"}
    assert run(capsys, *city, "keys", "accept", "--bureau", name, "--fingerprint", fp_c, "--replaces", fp_a)[0] == 0
    assert keys() == [(name, fp_a, "retired"), (name, fp_b, "registered"), (name, fp_c, "registered")]
    assert merge(bundle_c)[0] == 0 and merge(bundle_b)[0] == 0
    code, d = merge(bundle_a)
    assert code == 1 and {r["code"] for r in d["rejected"]} == {"KEY-CHANGED"}
    assert all("已停用" in r["message"] for r in d["rejected"])


def test_the_bench_packet_factory_writes_what_write_packet_writes(exported: Path, tmp_path: Path) -> None:
    """bench/bench_bureau.py's cheap packets are the same files, byte for byte, and merge as accepted."""
    from tests.bureau.packets import PacketFactory, varied

    parts = parts_of(exported)
    factory = PacketFactory(parts)
    slow, fast = tmp_path / "slow", tmp_path / "fast"
    slow.mkdir(), fast.mkdir()
    for n, kind in ((3, InstitutionType.HEALTH), (41, InstitutionType.ORGAN), (507, InstitutionType.CULTURE)):
        fields = {
            "uscc": make_uscc(n),
            "admin_code": "450123",
            "institution_type": kind.value,
            "label": kind.label,
            "people": 50 + n,
        }
        a = write_packet(varied(parts.data, n, **fields), parts, unit_key(n), slow)  # type: ignore[arg-type]
        b = factory.write(n, unit_key(n), fast, **fields)
        assert (a.name, a.read_bytes()) == (b.name, b.read_bytes())
    store = open_store(tmp_path / "bureau", None)
    try:
        assert merge_folder(store, fast, workers=1).counts()["accepted"] == 3
    finally:
        store.close()


def test_forward_takes_the_year_and_period_as_summary_does(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    county = tmp_path / "county"
    assert run(capsys, "--data-dir", str(county), "bureau", "merge", str(folder))[0] == 0
    for n, period in enumerate((["--period", "2024-Y"], ["--year", "2024", "--period", "Y"])):
        bundle = tmp_path / f"bundle{n}"
        code, out, _ = run(
            capsys, "--data-dir", str(county), "bureau", "forward", *period, "--out", str(bundle), "--json"
        )
        assert code == 0 and json.loads(out)["packets"] == 6


def test_a_damaged_bureau_key_is_told_and_never_made_anew(tmp_path: Path) -> None:
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.paths import bureau_key_path
    from gxjn_desktop.services.bureau.forward import bureau_key

    first = bureau_key(tmp_path)
    assert bureau_key(tmp_path) == first  # kept, read back the same
    path = bureau_key_path(tmp_path)
    path.write_bytes(b"")  # what a power cut can leave of a file that was never flushed
    with pytest.raises(UserError, match="已损坏") as refused:
        bureau_key(tmp_path)
    assert "备份" in refused.value.hint
    assert path.read_bytes() == b""  # not replaced by a new key the upper bureau does not know
