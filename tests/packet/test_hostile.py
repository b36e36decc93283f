"""Hostile and broken packets (made by tests/packet/hostile.py from a real one): each is refused
with its problem code, and verifying them writes nothing anywhere."""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.export import export_packet
from gxjn_desktop.services.packet.verify import verify_packet
from tests.conftest import DEMO_TODAY
from tests.packet.hostile import make_hostile


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_every_hostile_packet_is_refused_with_its_code(
    demo_service: LedgerService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    packet = export_packet(
        demo_service, Period.parse(2024, "Y"), out, today=DEMO_TODAY, write_pdf=write_report_pdf
    ).path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns about the duplicate names we mean
        made = make_hostile(packet, tmp_path / "hostile")
    assert len(made) >= 25
    work = tmp_path / "work" / "deep"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # a reader that unpacked would write here or above
    before = tree(tmp_path)
    wrong = {}
    for name, (path, code) in made.items():
        result = verify_packet(path)
        if result.ok or code not in result.codes():
            wrong[name] = (code, sorted(result.codes()))
        english = [p.message for p in result.problems if re.search(r"[A-Za-z]{3,} [a-z]{3,}", p.message)]
        if english:  # a reader's Chinese line, never the parser's or zipfile's English
            wrong[name] = (code, english)
    assert not wrong
    assert tree(tmp_path) == before and not Path("/tmp/gxjn-escaped.txt").exists()
    for name in ("truncated", "member-dot-dot", "changed-byte-data-json"):
        code = main(["verify", str(made[name][0]), "--json"])
        d = json.loads(capsys.readouterr().out)
        assert code == 1 and d["ok"] is False and made[name][1] in {p["code"] for p in d["problems"]}
    assert os.listdir(work) == []
