"""--year reads only what is unambiguously a year (cli.md: exit 2 otherwise), the same for every
subcommand: full-width digits and surrounding spaces are read; separators, decimal points, signs,
leading zeros and other scripts' digits are refused with one Chinese line."""

from __future__ import annotations

import argparse

import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.cli.output import year_arg


@pytest.mark.parametrize("text", ["2025", "２０２５", " 2025 ", "2025\u3000"])
def test_unambiguous_years_are_read(text: str) -> None:
    assert year_arg(text) == 2025


@pytest.mark.parametrize("text", ["2,025", "2025.0", "+2025", "02025", "2_025", "٢٠٢٥", "2e3", "", "20 25", "二〇二五"])
def test_other_forms_are_refused(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="不是年份的写法"):
        year_arg(text)


@pytest.mark.parametrize("text", ["0", "-1", "1900", "1999", "99999"])
def test_years_out_of_range_say_the_range(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="超出范围"):
        year_arg(text)


@pytest.mark.parametrize(
    "command",
    [["export", "--out", "."], ["reopen", "--reason", "x"], ["indicators"], ["unit", "init"]],
    ids=lambda c: c[0],
)
def test_every_year_option_refuses_alike(
    tmp_path: object, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    for text in ("2,025", "1999"):
        with pytest.raises(SystemExit) as done:
            main(["--data-dir", str(tmp_path), *command, "--year", text])
        err = capsys.readouterr().err
        assert done.value.code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
        assert ("不是年份的写法" if text == "2,025" else "超出范围") in err
