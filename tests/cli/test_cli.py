"""gxjn-cli as scripts use it (shared/cli.md): exit codes, one-line Chinese errors, JSON keys."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from gxjn_desktop import __version__
from gxjn_desktop.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


@pytest.fixture
def demo_dir(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "demo")
    assert code == 0 and "示例单位" in out
    return data_dir


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0  # answered before the parser is built
    assert capsys.readouterr().out.strip() == f"gxjn {__version__}"
    with pytest.raises(SystemExit) as done:  # beside other options, argparse answers it
        main(["--data-dir", "x", "--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"gxjn {__version__}"


def test_demo_refuses_a_folder_with_a_unit_unless_forced(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "demo", "--data-dir", str(demo_dir))  # --data-dir after the subcommand too
    assert code == 2 and len(err.strip().splitlines()) == 1 and "--force" in err
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "demo", "--force")
    assert code == 0


def test_indicators_json(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025", "--json")
    d = json.loads(out)
    assert code == 0 and d["year"] == 2025 and d["period"] == "Y" and d["people"] == 124
    assert d["unit"]["admin_code"] == "450123"
    assert set(d["indicators"]) == {
        "energy_per_capita_kgce",
        "energy_per_area_kgce_m2",
        "water_per_capita_m3",
        "co2_per_area_kgco2_m2",
    }
    for ind in d["indicators"].values():
        assert isinstance(ind["value"], str) and isinstance(ind["change_pct"], str)
        assert ind["status"] in {"on_track", "at_risk", "off_track", "no_target", "no_previous"}
        assert len(ind["value"].split(".")[1]) == 4 and len(ind["change_pct"].split(".")[1]) == 2
    elec = next(t for t in d["totals"] if t["code"] == "electricity")
    assert elec["kgce_coefficient"] == "0.1229" and len(elec["quantity"].split(".")[1]) == 2
    pv = next(t for t in d["totals"] if t["code"] == "pv")
    assert pv["of"] == "电"
    assert (
        "0.4476" in d["reference_versions"]["emission_factors"]
        and "沿用" in d["reference_versions"]["emission_factors"]
    )
    assert isinstance(d["comprehensive_energy_tce"], str) and "e" not in d["comprehensive_energy_tce"].lower()


def test_indicators_for_a_quarter_and_text_output(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025", "--period", "Q2")
    assert code == 0 and "2025年第2季度" in out and "人均综合能耗" in out


@pytest.mark.parametrize(
    "args",
    [
        ("indicators", "--year", "1900"),
        ("indicators", "--year", "2025", "--period", "H1"),
        ("indicators", "--year", "abc"),
        ("indicators",),
        ("nonsense",),
        ("check", "--year", "1999"),
        ("import", "/no/such/file.xlsx"),
        ("template", "--out", "/no/such/folder/t.xlsx"),
    ],
)
def test_user_errors_are_one_chinese_line_and_exit_2(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    try:
        code, _, err = run(capsys, "--data-dir", str(demo_dir), *args)
    except SystemExit as done:  # argparse exits itself
        code, err = int(done.code or 0), capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_empty_data_folder_is_a_user_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--data-dir", str(data_dir / "empty"), "indicators", "--year", "2025")
    assert code == 2 and "gxjn-cli demo" in err


def test_check_exit_code_follows_export_allowed(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2024", "--json")
    assert code == 0 and json.loads(out)["export_allowed"] is True
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2025", "--json")
    d = json.loads(out)
    assert code == 1 and d["export_allowed"] is False
    assert {"error", "warning"} <= {f["severity"] for f in d["findings"]}
    assert any(f["explanation"] is None and f["severity"] == "warning" for f in d["findings"])


def test_rules_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "rules", "--json")
    d = json.loads(out)
    assert code == 0 and any(r["id"] == "READ-DECREASE" for r in d["rules"])
    assert all(r["severity"] in ("error", "warning", "info") for r in d["rules"])


def test_template_then_dry_run_import_changes_nothing(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "t.xlsx"
    code, _, _ = run(capsys, "--data-dir", str(demo_dir), "template", "--out", str(out_file), "--year", "2025")
    assert code == 0 and out_file.is_file()
    _, before, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025", "--json")
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "import", str(out_file), "--dry-run", "--json")
    assert code == 0 and json.loads(out)["changed"] == 0
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"garbage" * 50)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "import", str(bad))
    assert code == 2 and "不是有效的" in err
    _, after, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025", "--json")
    assert before == after


def test_internal_error_names_the_log(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import gxjn_desktop.services.reports as reports

    def explode(*_: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(reports, "indicators_json", explode)
    code, _, err = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025")
    assert code == 3 and "gxjn.log" in err
    assert "RuntimeError: unexpected" in (demo_dir / "logs" / "gxjn.log").read_text(encoding="utf-8")


def test_module_entry_point_is_the_same_program(demo_dir: Path) -> None:
    p = subprocess.run(
        [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", str(demo_dir), "check", "--year", "2024"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert p.returncode == 0 and "可以导出" in p.stdout


def test_quota_commands(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "quota",
        "set",
        "--year",
        "2026",
        "--indicator",
        "用水总量",
        "--value",
        "２,８００",
        "--document",
        "隆事管〔2026〕3号",
    )
    assert code == 0 and "2800" in out
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "quota", "list", "--year", "2026", "--json")
    assert code == 0 and json.loads(out)["quotas"][0]["value"] == "2800"
    code, _, err = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "quota",
        "set",
        "--year",
        "2026",
        "--indicator",
        "用水总量",
        "--value",
        "-1",
    )
    assert code == 2 and "大于 0" in err
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "quota", "status", "--year", "2025", "--json")
    assert code == 0 and json.loads(out)["months_counted"] == 12


def test_explain_by_fingerprint(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2025", "--json")
    open_warning = next(
        f for f in json.loads(out)["findings"] if f["severity"] == "warning" and f["explanation"] is None
    )
    code, _, _ = run(
        capsys,
        "--data-dir",
        str(demo_dir),
        "explain",
        "--year",
        "2025",
        "--fingerprint",
        open_warning["fingerprint"],
        "--cause",
        "气候异常",
        "--text",
        "夏季持续高温",
    )
    assert code == 0
    _, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2025", "--json")
    same = next(f for f in json.loads(out)["findings"] if f["fingerprint"] == open_warning["fingerprint"])
    assert same["explanation"] == {"cause": "气候异常", "text": "夏季持续高温"}
    code, _, err = run(
        capsys, "--data-dir", str(demo_dir), "explain", "--year", "2025", "--fingerprint", "nope", "--cause", "其他"
    )
    assert code == 2 and "重新运行 check" in err


def test_gaps_of_the_previous_year_are_reported(demo_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from gxjn_desktop.services.ledger_service import LedgerService

    service = LedgerService.open(demo_dir)
    try:
        service.save_records([], [("E1", 2024, m) for m in range(7, 13)])
    finally:
        service.close()
    _, out, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025", "--json")
    d = json.loads(out)
    assert d["incomplete"] == [] and len(d["incomplete_previous"]) == 6
    assert d["incomplete_previous"][0] == {"meter": "E1", "month": "2024-07", "problem": "no_record"}
    _, text, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "2025")
    assert "上年同期有 6 个表月缺数据" in text


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：gxjn-cli") and "显示本帮助并退出" in out and "usage:" not in out


@pytest.mark.parametrize("typed", ["10²", "①②③", "١٢٣", "12 345.6", "1、234"])
def test_quota_value_is_read_by_the_one_strict_parser(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    """Each of these was once saved as another number (102, 123, 12345.6 …); now it is refused."""
    listing = ("--data-dir", str(demo_dir), "quota", "list", "--year", "2025", "--json")
    before = run(capsys, *listing)[1]
    args = ("--data-dir", str(demo_dir), "quota", "set", "--year", "2025", "--indicator", "total_energy_tce")
    code, _, err = run(capsys, *args, "--value", typed)
    assert code == 2 and f"“{typed}”" in err and len(err.strip().splitlines()) == 1
    assert run(capsys, *listing)[1] == before


@pytest.mark.parametrize("typed", ["٢٠٢٥", "2_025", "２０２⁵"])
def test_year_option_is_read_by_the_one_strict_parser(
    demo_dir: Path, capsys: pytest.CaptureFixture[str], typed: str
) -> None:
    with pytest.raises(SystemExit) as done:  # refused while the options are read
        main(["--data-dir", str(demo_dir), "indicators", "--year", typed])
    err = capsys.readouterr().err
    assert done.value.code == 2 and typed in err and "Traceback" not in err
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "indicators", "--year", "２０２５", "--json")
    assert code == 0 and json.loads(out)["year"] == 2025  # full-width digits are what people type


def test_check_names_places_in_the_words_of_the_review_screen(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2025")
    assert code == 1
    assert "[错误] EXPORT-SIGNATORIES 2025年 · 单位基本情况 · 报表签署人：" in out
    assert "USE-VS-PREV2 2025年4月 · E1 主楼电表（南网户号 0301） · 本期示数：" in out
    code, out, _ = run(capsys, "--data-dir", str(demo_dir), "check", "--year", "2025", "--json")
    first = json.loads(out)["findings"][0]
    assert first["location"] == {"meter": "profile", "month": "2025", "field": "signatories"}  # cli.md, unchanged


def test_rules_are_described_in_words(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    """No threshold's field name (window_months, above_pct …) shows: its value or its Chinese name does."""
    code, out, _ = run(capsys, "--data-dir", str(data_dir), "rules")
    assert code == 0 and "比较月数 12" in out and "前 12 个月" in out
    assert not re.findall(r"[a-z]+_[a-z_]+", out)
    _, out, _ = run(capsys, "--data-dir", str(data_dir), "rules", "--json")
    for rule in json.loads(out)["rules"]:
        for name in rule["thresholds"]:
            assert not re.search(rf"(?<![A-Za-z_]){name}(?![A-Za-z_])", rule["checks"] + rule["title"] + rule["source"])
