"""Usage errors argparse words in English, and options given twice: each is one Chinese line on
stderr with exit code 2, never the last value silently winning."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gxjn_desktop.cli.main import main

_ARGPARSE_WORDS = re.compile(r"\b(argument|option|ambiguous|ignored|expected|invalid|error|usage|match)\b", re.I)


def _usage_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    try:
        code = main(list(args))
    except SystemExit as done:  # argparse exits itself
        code = int(done.code or 0)
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not _ARGPARSE_WORDS.search(err), err
    return err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("unit", "init", "--p", "3"), "选项 --p 不完整，可能是"),
        (("demo", "--force=1"), "参数 --force 不带取值"),
        (("indicators", "--year", "2025", "--year", "2024"), "参数 --year 给出了两次（2025 和 2024）"),
        (("indicators", "--year=2025", "--period", "Q1", "--period=Q2"), "参数 --period 给出了两次"),
        (("indicators", "--year", "2025", "--data-dir", "elsewhere"), "参数 --data-dir 给出了两次"),
        (("export", "--year", "x", "--out", "."), "年度“x”不是年份的写法"),
        ((), "缺少子命令"),
    ],
)
def test_argparse_wordings_are_chinese(
    data_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], says: str
) -> None:
    assert says in _usage_error(capsys, "--data-dir", str(data_dir), *args)


def test_the_same_value_twice_is_not_an_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    capsys.readouterr()
    assert (
        main(["--data-dir", str(data_dir), "indicators", "--year", "2025", "--year", "2025", "--json", "--json"]) == 0
    )


def test_the_desktop_programs_own_options_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    from gxjn_desktop.__main__ import main as desktop_main

    with pytest.raises(SystemExit) as done:
        desktop_main(["--help"])
    out = capsys.readouterr().out
    assert done.value.code == 0 and "用法：gxjn" in out and "显示本帮助并退出" in out
    assert not _ARGPARSE_WORDS.search(out.replace("usage", "")), out
    with pytest.raises(SystemExit) as done:
        desktop_main(["--data-dir"])
    err = capsys.readouterr().err
    assert done.value.code == 2 and err.startswith("gxjn：参数 --data-dir") and not _ARGPARSE_WORDS.search(err)


def test_a_file_where_a_folder_belongs_and_the_reverse_are_named_as_such(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    a_file = tmp_path / "填报.xlsx"
    a_file.write_bytes(b"")
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "export", "--year", "2024", "--out", str(a_file)]) == 2
    assert "是一个文件，不是文件夹" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "template", "--out", str(tmp_path)]) == 2
    assert "是文件夹，不是工作簿文件" in capsys.readouterr().err


def test_a_year_without_its_profile_says_not_filled_in_not_none(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gxjn_desktop.domain.records import MonthlyRecord
    from gxjn_desktop.services.ledger_service import LedgerService

    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    store = LedgerService.open(data_dir)
    e1 = store.record("E1", 2025, 12)
    assert e1 is not None and e1.reading is not None
    store.save_record(MonthlyRecord("E1", 2026, 1, reading=e1.reading + 100))  # 2026 has no 基本情况 yet
    store.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "indicators", "--year", "2026", "--period", "M01"]) == 0
    out = capsys.readouterr().out
    assert "用能人数 未填写，建筑面积 未填写" in out and "None" not in out


def test_a_name_with_a_line_break_keeps_the_error_on_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "新建\n文件夹"
    assert main(["--data-dir", str(folder), "indicators", "--year", "2025"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "新建\\n文件夹" in err
    assert "bogus\\nname" in _usage_error(capsys, "--data-dir", str(folder), "bogus\nname")


def test_backup_list_of_a_folder_that_does_not_exist_is_a_user_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "没有这个文件夹"), "backup", "list"]) == 2
    assert "不存在" in capsys.readouterr().err
    assert not (tmp_path / "没有这个文件夹").exists()
