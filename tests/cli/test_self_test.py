"""`gxjn-cli --self-test`: one JSON line, every part with its time, exit 0 only when all work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.selftest import PARTS
from gxjn_desktop.services import reference_data


def test_every_part_passes_in_a_checkout(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    result = json.loads(out)
    assert result["ok"] is True and result["frozen"] is False
    assert set(result["parts"]) == set(PARTS)
    for name, part in result["parts"].items():
        assert part["ok"] is True, name
        assert isinstance(part["seconds"], float)
    assert result["parts"]["qt_translation"]["cancel"] == "取消"
    assert result["parts"]["database"]["revision"]


def test_a_missing_reference_file_fails_that_part_and_the_exit_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reference_data, "reference_dir", lambda: tmp_path)  # an installation without them
    assert main(["--self-test"]) == 1
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False
    failed = result["parts"]["reference_files"]
    assert failed["ok"] is False and "缺少参考数据文件" in failed["error"]
    assert result["parts"]["qt_platform"]["ok"] is True  # the other parts still ran
