"""report.pdf checked with poppler's own tools (pdffonts, pdftotext), installed by scripts/bootstrap.sh."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.render.pdf import write_report_pdf
from tests.services.packet.conftest import FINGERPRINT


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: run scripts/bootstrap.sh (it installs poppler-utils)"
    return path


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run([_tool("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, check=True, text=True)
    return text.stdout.split("\f")[:-1]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, demo_data: dict[str, Any]) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    write_report_pdf(demo_data, path, fingerprint=FINGERPRINT)
    return path


def test_every_font_is_embedded_and_one_writes_chinese(report: Path) -> None:
    out = subprocess.run([_tool("pdffonts"), str(report)], capture_output=True, check=True, text=True).stdout
    fonts = out.splitlines()[2:]
    assert fonts
    for line in fonts:
        # name type… encoding emb sub uni id: emb is the fourth column from the end
        assert line.split()[-5] == "yes", line
    assert any(re.search(r"WenQuanYi|YaHei|SimSun|CJK|Han", line) for line in fonts), out


def test_every_page_carries_the_fingerprint_and_its_number(report: Path) -> None:
    pages = _pages(report)
    assert len(pages) > 3
    for i, page in enumerate(pages, start=1):
        assert FINGERPRINT in page
        assert f"第 {i} 页 共 {len(pages)} 页" in page


def test_the_tables_and_their_figures_are_those_of_the_workbook(report: Path, demo_data: dict[str, Any]) -> None:
    text = "\n".join(_pages(report))
    for title in ("基1 公共机构基本信息", "基2 公共机构能源资源消费状况", "统计台账", "审核结果与数据说明", "报出签章"):
        assert title in text
    ind = demo_data["results"]["indicators"]
    electricity = next(t for t in ind["totals"] if t["code"] == "electricity")
    whole, _, cents = electricity["quantity"].partition(".")
    assert f"{int(whole):,}.{cents}" in text  # 603,502.60: the data.json string, grouped
    assert ind["comprehensive_energy_tce"] in text


def test_a_long_table_repeats_its_header_on_every_page(report: Path) -> None:
    ledger = [p for p in _pages(report) if re.search(r"^E\d\s", p, re.M) and "本期示数" in p]
    assert len(ledger) >= 2  # the 台账 runs over several pages …
    continued = [p for p in ledger if "统计台账" not in p]
    assert continued and all(re.search(r"表计\s+名称\s+品种", p) for p in continued)  # … each with its header


def test_a_command_line_export_needs_no_running_application_nor_widgets(
    tmp_path: Path, demo_data: dict[str, Any]
) -> None:
    data = copy.deepcopy(demo_data)
    data["unit"]["name"] = "=CMD|' /C calc'!A0 南宁\x07单位"
    (tmp_path / "data.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = (
        "import json, sys; from pathlib import Path; from gxjn_desktop.render.pdf import write_report_pdf;"
        "d = json.loads(Path(sys.argv[1]).read_text(encoding='utf-8'));"
        "write_report_pdf(d, Path(sys.argv[2]), fingerprint='abc');"
        "assert 'PySide6.QtWidgets' not in sys.modules, 'render/ uses QtGui only'"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "data.json"), str(tmp_path / "r.pdf")], check=True, env=env
    )
    assert "=CMD|' /C calc'!A0 南宁单位" in "".join(_pages(tmp_path / "r.pdf"))


def test_gxjn_cli_export_prints_the_report_without_a_display(tmp_path: Path) -> None:
    """The packet's report.pdf is the printed report (CJK font, fingerprint on every page) even from a
    terminal with no display and no QT_QPA_PLATFORM: export never falls back to a stand-in."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    cli = [sys.executable, "-m", "gxjn_desktop.cli", "--data-dir", str(tmp_path / "data")]
    subprocess.run([*cli, "demo"], check=True, env=env, capture_output=True)
    (tmp_path / "out").mkdir()
    from gxjn_desktop.services.demo import demo_years

    year = str(demo_years(date.today())[0])  # the demo's first year is complete and explained: export is allowed
    done = subprocess.run(
        [*cli, "export", "--year", year, "--out", str(tmp_path / "out"), "--json"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    fingerprint = json.loads(done.stdout)["fingerprint"]
    (packet,) = (tmp_path / "out").glob("*.zip")
    with zipfile.ZipFile(packet) as z:
        (name,) = [n for n in z.namelist() if n.endswith("data/report.pdf")]
        (tmp_path / "report.pdf").write_bytes(z.read(name))
    pages = _pages(tmp_path / "report.pdf")
    assert len(pages) > 3
    assert all(fingerprint in page for page in pages)
    assert "综合能耗" in "".join(pages)
