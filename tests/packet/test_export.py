"""The packet end to end: export the demo's complete year, check it with gxjn, bagit.py and minisign,
tamper with it, lock and revise it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.numbers import plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet import bag, signing
from gxjn_desktop.services.packet.export import ExportRefused, ExportResult, export_packet
from gxjn_desktop.services.packet.verify import verify_packet
from gxjn_desktop.services.reports import build_indicator_report, indicators_json
from tests.conftest import DEMO_TODAY
from tests.packet import forge

BAGIT = Path(sys.executable).with_name("bagit.py")
YEAR = Period.parse(2024, "Y")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def exported(demo_service: LedgerService, tmp_path: Path) -> ExportResult:
    out = tmp_path / "out"
    out.mkdir()
    return export_packet(demo_service, YEAR, out, today=DEMO_TODAY, write_pdf=write_report_pdf)


def unpack(packet: Path, where: Path) -> Path:
    """Unzip as a bureau clerk would, to run the reference tools on the folder."""
    with zipfile.ZipFile(packet) as z:
        z.extractall(where)
        return where / z.namelist()[0].split("/", 1)[0]


def bagit_validate(folder: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(BAGIT), "--validate", str(folder)], capture_output=True, text=True)


def minisign_verify(folder: Path, public_key: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["minisign", "-VHm", str(folder / "tagmanifest-sha256.txt"), "-P", public_key], capture_output=True, text=True
    )


def test_round_trip_checked_by_gxjn_bagit_and_minisign(
    exported: ExportResult,
    demo_service: LedgerService,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = exported.path
    assert path.name == "450123_12450123MB1965432W_2024-Y_r1.zip" and exported.revision == 1
    assert not [p for p in path.parent.iterdir() if p != path]  # no temporary file left behind
    with zipfile.ZipFile(path) as z:
        infos = z.infolist()
    top = path.stem
    assert sorted(i.filename for i in infos) == sorted(f"{top}/{n}" for n in (*bag.TOP_FILES, *bag.PAYLOAD_FILES))
    assert all(i.flag_bits & 0x800 and not i.is_dir() for i in infos)

    result = verify_packet(path)
    assert result.ok, result.problems
    assert (result.uscc, result.period, result.revision) == ("12450123MB1965432W", "2024-Y", 1)
    assert result.key_fingerprint == exported.key_fingerprint and not result.key_known
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "verify", str(path), "--json")
    d = json.loads(out)
    assert code == 0 and d["ok"] is True and d["key_known"] is True and d["problems"] == []

    folder = unpack(path, tmp_path / "unzipped")
    checked = bagit_validate(folder)
    assert checked.returncode == 0, checked.stderr
    signed = minisign_verify(folder, exported.public_key)
    assert signed.returncode == 0, signed.stderr
    assert "uscc:12450123MB1965432W\tperiod:2024-Y\trevision:1\ttime:" in signed.stdout

    # data.json holds the unit's figures exactly
    data: dict[str, Any] = json.loads((folder / "data" / "data.json").read_text(encoding="utf-8"))
    ledger = demo_service.ledger()
    assert data["results"]["indicators"] == indicators_json(ledger, build_indicator_report(ledger, YEAR))
    stored = {(r.meter_code, r.year, r.month): r for r in ledger.records if r.year in (2023, 2024)}
    assert len(data["inputs"]["records"]) == len(stored)
    for rec in data["inputs"]["records"]:
        r = stored[(rec["meter_code"], rec["year"], rec["month"])]
        assert rec["reading"] == (None if r.reading is None else plain(r.reading))
        assert rec["quantity"] == (None if r.quantity is None else plain(r.quantity))
        assert rec["cost_fen"] == r.cost_fen
    csv = (folder / "data" / "records.csv").read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "计量器具编号" in csv.decode("utf-8")
    assert exported.fingerprint.startswith(exported.key_fingerprint + "-")
    assert exported.fingerprint.endswith(bag.sha256_hex((folder / "data" / "data.json").read_bytes())[:12])


def test_one_changed_byte_in_any_payload_file_is_a_hash_mismatch(exported: ExportResult, tmp_path: Path) -> None:
    for i, name in enumerate(bag.PAYLOAD_FILES):

        def flip(files: dict[str, bytes], name: str = name) -> dict[str, bytes]:
            data = bytearray(files[name])
            data[len(data) // 2] ^= 0x01
            return {**files, name: bytes(data)}

        bad = forge.alter(exported.path, tmp_path / f"flip{i}.zip", flip)
        result = verify_packet(bad)
        assert ("HASH-MISMATCH", name) in {(p.code, p.file) for p in result.problems}


def test_payload_replaced_and_manifests_rehashed_only_the_signature_catches(
    exported: ExportResult, tmp_path: Path
) -> None:
    def swap(files: dict[str, bytes]) -> dict[str, bytes]:
        text = files["data/data.json"].decode("utf-8").replace('"people": 120', '"people": 121', 1)
        return forge.rehash({**files, "data/data.json": text.encode("utf-8")})

    bad = forge.alter(exported.path, tmp_path / "swapped.zip", swap)
    assert bagit_validate(unpack(bad, tmp_path / "swapped")).returncode == 0  # the bag alone looks fine
    assert minisign_verify(tmp_path / "swapped" / exported.path.stem, exported.public_key).returncode != 0
    assert verify_packet(bad).codes() == {"SIGNATURE-INVALID"}


def test_resigned_with_another_key(
    exported: ExportResult,
    demo_service: LedgerService,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = signing.new_signing_key()
    # the forger re-signs but leaves the unit's public key in bag-info.txt
    only_sig = forge.alter(exported.path, tmp_path / "sig.zip", lambda f: forge.resign(f, other, put_key=False))
    assert verify_packet(only_sig).codes() == {"KEY-ID-MISMATCH"}
    same_id = replace(other, key_id=signing.parse_public_key(exported.public_key)[0])
    forged_id = forge.alter(exported.path, tmp_path / "id.zip", lambda f: forge.resign(f, same_id, put_key=False))
    assert verify_packet(forged_id).codes() == {"SIGNATURE-INVALID"}
    # the forger puts its own key in bag-info.txt: consistent in itself, refused against the registered key
    full = forge.alter(exported.path, tmp_path / "full.zip", lambda f: forge.resign(f, other))
    key = demo_service.signing_key()
    assert key is not None
    assert verify_packet(full, registered_key=key.public_key).codes() == {"KEY-CHANGED"}
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "verify", str(full), "--json")
    assert code == 1 and [p["code"] for p in json.loads(out)["problems"]] == ["KEY-CHANGED"]


def test_trusted_comment_that_disagrees_with_bag_info(
    exported: ExportResult, demo_service: LedgerService, tmp_path: Path
) -> None:
    key = demo_service.signing_key()
    assert key is not None
    comment = bag.trusted_comment("12450123MB1965432W", "2024-Y", 7, "2026-01-01T00:00:00+08:00")
    bad = forge.alter(exported.path, tmp_path / "comment.zip", lambda f: forge.resign(f, key, comment, put_key=False))
    result = verify_packet(bad, registered_key=key.public_key)
    assert result.codes() == {"COMMENT-MISMATCH"}
    assert minisign_verify(unpack(bad, tmp_path / "c"), exported.public_key).returncode == 0  # signed, but says r7


def test_gate_refuses_a_period_with_open_warnings(
    demo_service: LedgerService, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(ExportRefused) as refused:
        export_packet(demo_service, Period.parse(2025, "Y"), tmp_path, today=DEMO_TODAY, write_pdf=write_report_pdf)
    assert refused.value.result.blocking and not list(tmp_path.glob("*.zip"))
    code, out, _ = run(
        capsys, "--data-dir", str(data_dir), "export", "--year", "2025", "--out", str(tmp_path), "--json"
    )
    d = json.loads(out)
    assert code == 1 and d["packet"] is None and d["findings"] and all(f["severity"] != "info" for f in d["findings"])
    code, _, err = run(capsys, "--data-dir", str(data_dir), "export", "--year", "2024", "--out", str(tmp_path / "nope"))
    assert code == 2 and "不存在" in err


def test_lock_reopen_and_revision_two_carries_reason_and_exactly_the_changes(
    exported: ExportResult, demo_service: LedgerService, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = exported.path.parent
    rec = demo_service.record("V1", 2024, 9)  # a fuel card month whose change no rule minds
    assert rec is not None and rec.quantity is not None
    changed = replace(rec, quantity=rec.quantity + Decimal("0.5"), note="按加油卡流水更正")
    with pytest.raises(UserError) as locked:
        demo_service.save_record(changed)
    assert "已上报" in locked.value.message and "reopen" in locked.value.hint
    with pytest.raises(UserError):
        demo_service.save_profile(replace(demo_service.ledger().profiles[2024], people=1))
    assert demo_service.record("V1", 2024, 9) == rec  # nothing changed

    again = export_packet(
        demo_service, YEAR, out, today=DEMO_TODAY, write_pdf=write_report_pdf
    )  # unchanged: the same revision
    assert again.reused and again.revision == 1 and again.data_sha256 == exported.data_sha256

    code, text, _ = run(
        capsys,
        "--data-dir",
        str(data_dir),
        "reopen",
        "--year",
        "2024",
        "--reason",
        "9 月加油量少记 0.5 升，按加油卡流水更正",
    )
    assert code == 0 and "第 2 版" in text
    demo_service.save_record(changed)
    code, text, _ = run(capsys, "--data-dir", str(data_dir), "export", "--year", "2024", "--out", str(out), "--json")
    assert code == 0, text
    second = json.loads(text)
    assert second["revision"] == 2 and second["packet"].endswith("_2024-Y_r2.zip")
    result = verify_packet(Path(second["packet"]))
    assert result.ok and result.data is not None
    assert result.data["revision_reason"] == "9 月加油量少记 0.5 升，按加油卡流水更正"
    assert result.data["changes_from_previous"] == [
        {
            "path": "inputs.records[V1 2024-09].quantity",
            "before": plain(rec.quantity),
            "after": plain(changed.quantity),
        },
        {"path": "inputs.records[V1 2024-09].note", "before": rec.note, "after": "按加油卡流水更正"},
    ]
    history = demo_service.exports()
    assert [(e.revision, e.reason) for e in history] == [(1, None), (2, "9 月加油量少记 0.5 升，按加油卡流水更正")]
    assert history[0].reopened_at and history[0].reopen_reason == "9 月加油量少记 0.5 升，按加油卡流水更正"
    with pytest.raises(UserError):  # revision 2 locks again
        demo_service.save_record(replace(changed, note="再改"))


def test_verify_of_a_missing_file_is_a_user_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "verify", str(tmp_path / "none.zip"))
    assert code == 2 and "找不到" in err


def test_copy_renamed_by_a_mail_client_still_verifies(exported: ExportResult, tmp_path: Path) -> None:
    renamed = tmp_path / "附件(1).zip"
    shutil.copy(exported.path, renamed)
    assert verify_packet(renamed).ok
