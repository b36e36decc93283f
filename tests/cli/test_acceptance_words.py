"""What the acceptance runs read: a null figure has its reason (cli.md §JSON), a year without data
is exit 2 in text and JSON alike, a percentage that cannot be computed prints as —, and an imported
起始示数 that cannot be used is reported once, with the dial's limit."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from gxjn_desktop.cli.main import main
from gxjn_desktop.services.ledger_service import LedgerService


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_water_has_no_tce_and_says_why(demo_service: LedgerService, capsys: pytest.CaptureFixture[str]) -> None:
    demo_service.close()
    folder = str(demo_service.path.parent)
    code, out, _ = run(capsys, "--data-dir", folder, "indicators", "--year", "2025", "--json")
    water = next(t for t in json.loads(out)["totals"] if t["code"] == "water")
    assert code == 0 and water["tce"] is None and water["kgce_coefficient"] is None
    assert "不计入综合能耗" in water["reason"]
    assert all("reason" not in t for t in json.loads(out)["totals"] if t["tce"] is not None)


def test_quota_status_of_a_year_without_data(demo_service: LedgerService, capsys: pytest.CaptureFixture[str]) -> None:
    demo_service.close()
    folder = str(demo_service.path.parent)
    for extra in ([], ["--json"]):
        code, out, err = run(capsys, "--data-dir", folder, "quota", "status", "--year", "2023", *extra)
        assert (
            code == 2
            and out == ""
            and err.strip() == "错误：2023 年没有数据；请先录入该年的月度数据，或选择有数据的年份（2024、2025）"
        )
    code, out, _ = run(capsys, "--data-dir", folder, "quota", "status", "--year", "2024")
    assert code == 0 and "-%" not in out and "至今同比 —" in out  # 2023 has no data: no change to print
    code, out, _ = run(capsys, "--data-dir", folder, "indicators", "--year", "2024")
    assert code == 0 and "-%" not in out and "同比 —" in out


def test_quota_status_before_a_month_is_over(demo_service: LedgerService, capsys: pytest.CaptureFixture[str]) -> None:
    today = date.today()
    first = next(r for r in demo_service.ledger().records if r.year == 2025 and r.month == 12)
    demo_service.save_batch(records=[replace(first, year=today.year, month=today.month)])
    demo_service.close()
    folder = str(demo_service.path.parent)
    code, out, err = run(capsys, "--data-dir", folder, "quota", "status", "--year", str(today.year))
    assert code == 0 and not err and "还没有过完并已填数据的月份" in out
    code, out, _ = run(capsys, "--data-dir", folder, "quota", "status", "--year", str(today.year), "--json")
    assert code == 0 and json.loads(out)["months_counted"] == 0


def _demo_template(
    demo_service: LedgerService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, Path, openpyxl.Workbook]:
    """The demo unit's 2025 entry workbook written by ``gxjn-cli template``, opened for editing."""
    demo_service.close()
    folder = str(demo_service.path.parent)
    template = tmp_path / "t.xlsx"
    assert run(capsys, "--data-dir", folder, "template", "--year", "2025", "--out", str(template))[0] == 0
    return folder, template, openpyxl.load_workbook(template)


@pytest.mark.parametrize(
    ("start", "said"),
    [
        ("9999999999999999", "起始示数过大（整数部分有 16 位"),
        ("1e30", "不是有效的数字"),
        (1234567, "1234567 超出 6 位表盘的最大示数（须小于 1000000）"),
    ],
)
def test_an_unusable_start_reading_is_reported_once(
    demo_service: LedgerService, tmp_path: Path, capsys: pytest.CaptureFixture[str], start: object, said: str
) -> None:
    folder, template, wb = _demo_template(demo_service, tmp_path, capsys)
    wb["计量器具"].append(["E9", "新表", "电", "kWh", "示数表", "建筑", "", "", 1, 6, "", start, "2025-01-01", None])
    wb.save(template)
    code, _, err = run(capsys, "--data-dir", folder, "import", str(template), "--dry-run")
    assert code == 2 and len(err.strip().splitlines()) == 1
    assert "有 1 处需要修改" in err and said in err and err.count("起始示数") <= 2 and "须填写起始示数" not in err


def test_an_unreadable_month_is_reported_once(
    demo_service: LedgerService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, template, wb = _demo_template(demo_service, tmp_path, capsys)
    sheet = wb["月度台账"]
    month = [c.value for c in sheet[1]].index("月") + 1
    sheet.cell(2, month).value = 2.5
    wb.save(template)
    code, _, err = run(capsys, "--data-dir", folder, "import", str(template), "--dry-run")
    assert code == 2 and "有 1 处需要修改" in err and "月应为整数" in err and "年/月" not in err


def test_usage_errors_name_arguments_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for args, said in (
        (["verify"], "缺少必需的参数：数据包"),
        (["import"], "缺少必需的参数：填报工作簿"),
        (["bureau", "merge"], "缺少必需的参数：文件夹"),
        (["indicators", "--year"], "参数 --year：需要一个值"),
        (["rules", "--zz"], "无法识别的参数：--zz"),
    ):
        with pytest.raises(SystemExit) as done:
            main(args)
        err = capsys.readouterr().err
        assert done.value.code == 2 and said in err and len(err.strip().splitlines()) == 1, err


def test_the_live_database_is_no_backup(demo_service: LedgerService, capsys: pytest.CaptureFixture[str]) -> None:
    demo_service.close()
    folder = demo_service.path.parent
    code, _, err = run(capsys, "--data-dir", str(folder), "backup", "restore", str(folder / "gxjn.db"))
    assert code == 2 and "是当前正在使用的数据文件，不是备份" in err
    assert not list((folder / "backups").glob("*before-restore*"))


def test_demo_force_refuses_while_a_window_holds_the_data(
    demo_service: LedgerService, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window's lock file names a live process (this one): demo --force, like backup restore,
    would be written over by the window's snapshot, so it refuses and changes nothing."""
    import os
    import socket

    from gxjn_desktop.paths import lock_path
    from tests.db_dump import table_dump

    demo_service.close()
    folder = demo_service.path.parent
    before = table_dump(demo_service.path)
    lock_path(folder).write_text(f"{os.getpid()}\ngxjn\n{socket.gethostname()}\n", encoding="utf-8")
    code, out, err = run(capsys, "--data-dir", str(folder), "demo", "--force")
    assert code == 2 and out == "" and f"进程 {os.getpid()}" in err and len(err.strip().splitlines()) == 1
    assert table_dump(demo_service.path) == before
    lock_path(folder).unlink()
    assert run(capsys, "--data-dir", str(folder), "demo", "--force")[0] == 0
