"""Render the demo's report.xlsx and report.pdf to PNG, to look at them as a bureau clerk would.

    python scripts/render_packet_screenshots.py [OUT_DIR]     (default: docs/screenshots/packet)

Needs LibreOffice (libreoffice-calc) and poppler-utils on the machine; too heavy for CI, so the tests
check the files with openpyxl, pdffonts and pdftotext instead. LibreOffice converts report.xlsx to PDF
the way a clerk's 打印 would (A4, fit to width, repeated header rows, page footer); anything
LibreOffice prints on stderr besides its Java notice is shown, since the workbook must convert without
a warning. pdftoppm then renders both PDFs at 100 dpi; kept are the first page of every sheet and
the page after it when the sheet runs on (to show the repeated header), in 16 greys (small files):
``pdf-NN.png`` is page NN of report.pdf, ``xlsx-NN.png`` of the workbook as printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT = "示例指纹 3f9a1c0e5b7d2846 · 9f86d081884c7d65"  # the demo is not exported, only printed


def _need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        sys.exit(
            f"缺少 {tool}：请安装 libreoffice-calc 和 poppler-utils（sudo apt-get install libreoffice-calc poppler-utils）"
        )
    return path


def _sixteen_greys(source: Path, target: Path) -> None:
    """A page of black text on white needs no more than 16 greys: a third of the file size."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    greys = [0xFF000000 | (v << 16) | (v << 8) | v for v in range(0, 256, 17)]
    image = QImage(str(source)).convertToFormat(
        QImage.Format.Format_Indexed8, greys, Qt.ImageConversionFlag.ThresholdDither
    )
    if not image.save(str(target), "PNG", 0):
        sys.exit(f"无法写入 {target}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots" / "packet")
    args = parser.parse_args()
    soffice, pdftoppm, pdftotext = _need("soffice"), _need("pdftoppm"), _need("pdftotext")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtGui import QGuiApplication

    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.packet.data import build_packet_data
    from gxjn_desktop.services.packet.report_tables import packet_sheets
    from gxjn_desktop.services.packet.report_xlsx import write_report_xlsx

    app = QGuiApplication.instance() or QGuiApplication([])  # for the fonts and the images
    today = date(2026, 11, 24)  # the tests' date: the demo's years are 2024 and 2025
    ledger = build_demo_ledger(today)
    data = build_packet_data(
        ledger, Period.parse(today.year - 2), revision=1, today=today, exported_at=datetime(2025, 1, 15, 10, 30)
    )
    args.out.mkdir(parents=True, exist_ok=True)
    for old in args.out.glob("*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_report_xlsx(data, work / "report.xlsx", fingerprint=FINGERPRINT)
        write_report_pdf(data, work / "report.pdf", fingerprint=FINGERPRINT)
        # A profile of its own, so a LibreOffice the user has open is neither used nor disturbed.
        profile = f"-env:UserInstallation=file://{work / 'lo-profile'}"
        convert = subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "xlsx"),
                str(work / "report.xlsx"),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        noise = [line for line in convert.stderr.splitlines() if line.strip() and "javaldx" not in line]
        if noise:
            print("LibreOffice 转换时的提示：", *noise, sep="\n  ", file=sys.stderr)
        titles = [s.title for s in packet_sheets(data)] + ["报出签章"]
        for name, pdf in (("pdf", work / "report.pdf"), ("xlsx", work / "xlsx" / "report.pdf")):
            pages = subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
            starts = [any(title in page for title in titles) for page in pages.split("\f")[:-1]]
            for number, start in enumerate(starts, start=1):
                if start or (number > 1 and starts[number - 2]):
                    png = work / f"{name}-{number:02d}"
                    subprocess.run(
                        [
                            pdftoppm,
                            "-r",
                            "100",
                            "-gray",
                            "-png",
                            "-singlefile",
                            "-f",
                            str(number),
                            "-l",
                            str(number),
                            str(pdf),
                            str(png),
                        ],
                        check=True,
                    )
                    _sixteen_greys(png.with_suffix(".png"), args.out / png.with_suffix(".png").name)
    for png in sorted(args.out.glob("*.png")):
        print(png.relative_to(ROOT) if png.is_relative_to(ROOT) else png)
    del app
    return 1 if noise else 0


if __name__ == "__main__":
    sys.exit(main())
