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
