"""Every subcommand answers the same about its data folder (shared/cli.md: a path that does not
exist is exit 2): one given with --data-dir that does not exist is refused — and not created —
unless the command creates a unit or a bureau store; a data folder that is a file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main

READERS = [
    ["verify", "{packet}"],
    ["verify", "{packet}", "--json"],
    ["rules"],
    ["indicators", "--year", "2025"],
    ["check", "--year", "2025"],
    ["unit", "show"],
    ["plan", "--year", "2025"],
    ["backup", "list"],
    ["quota", "list", "--year", "2025"],
    ["bureau", "summary", "--year", "2025"],
    ["bureau", "keys", "list"],
    ["bureau", "progress", "--year", "2025"],
    ["bureau", "forward", "--period", "2025-Y", "--out", "{tmp}"],
]


def one_line_exit_2(capsys: pytest.CaptureFixture[str], args: list[str]) -> str:
    code: int | str | None
    try:
        code = main(args)
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in out + err and len(err.strip().splitlines()) == 1, (code, out, err)
    return err


@pytest.mark.parametrize("command", READERS, ids=lambda c: " ".join(c[:2]))
def test_a_missing_data_folder_is_refused_and_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    packet = tmp_path / "p.zip"
    packet.write_bytes(b"PK\x05\x06" + bytes(18))  # an empty zip: the folder is judged first
    missing = tmp_path / "typo"
    args = [a.replace("{packet}", str(packet)).replace("{tmp}", str(tmp_path)) for a in command]
    err = one_line_exit_2(capsys, ["--data-dir", str(missing), *args])
    assert f"数据文件夹 {missing} 不存在" in err
    assert not missing.exists()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")
    err = one_line_exit_2(capsys, [*args, "--data-dir", str(a_file)])
    assert "是一个文件，不是文件夹" in err and a_file.read_text(encoding="utf-8") == "x"


def test_creating_commands_create_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    assert main(["--data-dir", str(tmp_path / "bureau"), "bureau", "merge", str(inbox)]) == 0
    assert main(["--data-dir", str(tmp_path / "unit"), "demo"]) == 0
    assert (tmp_path / "bureau").is_dir() and (tmp_path / "unit").is_dir()
    capsys.readouterr()
    err = one_line_exit_2(capsys, ["--data-dir", str(tmp_path / "unit" / "gxjn.db"), "bureau", "merge", str(inbox)])
    assert "是一个文件，不是文件夹" in err


def test_verify_asks_a_unit_in_the_default_folder_only_when_named(tmp_path: Path) -> None:
    """Two demo units share the demo's USCC but not their keys: a packet of one verifies without
    --data-dir although the other lives in the default folder; naming that folder compares keys."""
    import json
    import os
    import subprocess
    import sys

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "xdg")}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "gxjn_desktop.cli", *args], capture_output=True, text=True, env=env, check=False
        )

    default = tmp_path / "xdg" / "gxjn"
    assert cli("--data-dir", str(default), "demo").returncode == 0
    assert cli("--data-dir", str(tmp_path / "other"), "demo").returncode == 0
    out = tmp_path / "out"
    out.mkdir()
    assert cli("--data-dir", str(tmp_path / "other"), "export", "--year", "2024", "--out", str(out)).returncode == 0
    (packet,) = out.iterdir()
    mine = tmp_path / "mine"
    mine.mkdir()  # the default folder's unit has a key once it has exported
    assert cli("--data-dir", str(default), "export", "--year", "2024", "--out", str(mine)).returncode == 0
    p = cli("verify", str(packet), "--json")
    d = json.loads(p.stdout)
    assert p.returncode == 0 and d["ok"] is True and d["key_known"] is False
    p = cli("--data-dir", str(default), "verify", str(packet), "--json")
    assert p.returncode == 1 and [x["code"] for x in json.loads(p.stdout)["problems"]] == ["KEY-CHANGED"]
