"""`gxjn-cli --self-test`: one JSON line, every part with its time, exit 0 only when all work."""

from __future__ import annotations

import json
import sys
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


def test_a_bureau_command_in_the_unit_bundle_is_a_user_error(
    data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The frozen unit bundle has no pandas (build.spec): `bureau summary` says so in one line."""
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setitem(sys.modules, "pandas", None)  # what the bundle lacks: import raises
    for name in [m for m in sys.modules if m.startswith("gxjn_desktop.services.bureau")]:
        monkeypatch.delitem(sys.modules, name)
    code = main(["--data-dir", str(data_dir), "bureau", "summary", "--year", "2025"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "单位版" in err and "pandas" in err and "Traceback" not in err
