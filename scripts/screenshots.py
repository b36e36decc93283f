"""Render every screen and dialog of the demo unit to PNG, offscreen, at two screen sizes.

    python scripts/screenshots.py [OUT_DIR]        (default: docs/screenshots)

Writes OUT_DIR/<screen>-1366x768.png (scale 1) and OUT_DIR/<screen>-1920x1080@1.5.png (QT_SCALE_FACTOR=1.5,
i.e. a 1080p laptop at 150 %). Each size runs in its own process because the scale factor is read
when Qt starts.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

CONFIGS = (("1366x768", 1366, 768, "1"), ("1920x1080@1.5", 1920, 1080, "1.5"))


def render(out: Path, tag: str, width: int, height: int, scale: float) -> None:
    import openpyxl
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QWidget

    from gxjn_desktop.gui.about import AboutDialog
    from gxjn_desktop.gui.app import make_application
    from gxjn_desktop.gui.dialogs import DecreaseDialog, ExplanationDialog, PastePreviewDialog
    from gxjn_desktop.gui.ewaste_dialog import EwasteDialog, EwasteForm
    from gxjn_desktop.gui.file_dialogs import ImportPreviewDialog, workbook_dialog
    from gxjn_desktop.gui.findings_panel import period_text, place_text
    from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, MainWindow
    from gxjn_desktop.gui.meters_screen import MeterDialog
    from gxjn_desktop.gui.quota_dialog import QuotaDialog, QuotaForm
    from gxjn_desktop.gui.welcome import NewUnitWizard
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.entry import COLUMNS, CellEdit, Column, RowKey, RowKind
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.template import write_template

    app = make_application([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    logical = (round(width / scale), round(height / scale))

    def settle() -> None:
        for _ in range(3):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}-{tag}.png"
        # 256 colours and the highest PNG compression: the pictures are committed to docs/screenshots
        # (a quarter of the size; flat colours and text stay sharp without dithering).
        image = (
            widget.grab()
            .toImage()
            .convertToFormat(
                QImage.Format.Format_Indexed8,
                Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither,
            )
        )
        image.save(str(path), "PNG", 0)
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "新单位"
        store = LedgerService.open(empty)
        window = MainWindow(empty, store)
        window.resize(*logical)
        window.show()
        save(window, "0-welcome")
        wizard = NewUnitWizard(window)
        wizard.show()
        save(wizard, "0-wizard")
        wizard.close()
        window.close()
        store.close()

        data = Path(tmp) / "示例单位"
        store = LedgerService.open(data)
        today = date(2026, 11, 24)
        store.replace_everything(build_demo_ledger(today))
        window = MainWindow(data, store, today=today)
        window.resize(*logical)
        window.show()
        window.entry.set_period(2025, 6)
        window.entry.refresh_findings()
        save(window, "2-entry-2025-06")
        window.entry.set_period(2026, 1)
        save(window, "2-entry-2026-01-empty")
        for index, name in ((0, "1-overview"), (2, "3-unit"), (3, "4-meters")):
            window.tabs.setCurrentIndex(index)
            if index == 3:
                w1 = next(i for i, m in enumerate(window.meters.model.meters) if m.code == "W1")
                window.meters.view.selectRow(w1)
            save(window, name)
        window.tabs.setCurrentIndex(TAB_FINDINGS)
        panel = window.findings
        panel.set_period(2025, "Y")
        unexplained = next(i for i in range(panel.model.rowCount()) if panel.model.finding_at(i).needs_explanation)
        panel.select_row(unexplained)
        panel.view.setFocus()
        save(window, "7-findings")
        finding = panel.model.finding_at(unexplained)
        explain = ExplanationDialog(
            finding, f"{period_text(finding.location.month)} · {place_text(store.ledger(), finding)}", window
        )
        explain.cause.setCurrentIndex(explain.cause.findText("设备检修或故障"))
        explain.text.setPlainText("4 月机房空调主机检修后试运行，用电偏高")
        explain.show()
        save(explain, "8-explanation-dialog")
        explain.close()
        service = window.entry_service
        assert service is not None
        plan = service.prepare(2026, 1, [CellEdit(RowKey(RowKind.METER, "W1"), Column.VALUE, "12")])
        dialog = DecreaseDialog(plan.questions[0], window)
        dialog.replacement.setChecked(True)
        dialog.show()
        save(dialog, "5-decrease-dialog")
        dialog.close()
        edits = [
            CellEdit(RowKey(RowKind.METER, "V1"), Column.VALUE, "512.3"),
            CellEdit(RowKey(RowKind.METER, "V1"), Column.COST, "4021.56"),
            CellEdit(RowKey(RowKind.METER, "V2"), Column.VALUE, "138"),
            CellEdit(RowKey(RowKind.CANTEEN, "diners"), Column.VALUE, "5120"),
            CellEdit(RowKey(RowKind.CANTEEN, "diners"), Column.COST, "0"),
        ]
        plan = service.prepare(2026, 1, edits)
        assert plan.change is not None
        preview = PastePreviewDialog(list(plan.change.cells), list(plan.skipped), window)
        preview.show()
        save(preview, "6-paste-preview")
        preview.close()

        # The dialogs of the menus, the toolbar and the right-click menu.
        window.tabs.setCurrentIndex(TAB_ENTRY)
        window.entry.set_period(2024, 6)
        cell = window.entry.model.index(
            window.entry.model.row_of(RowKey(RowKind.METER, "W1")), COLUMNS.index(Column.NOTE)
        )
        window.entry.view.setCurrentIndex(cell)
        menu = window.entry.context_menu(cell)
        menu.popup(window.entry.view.viewport().mapToGlobal(window.entry.view.visualRect(cell).center()))
        save(menu, "2-entry-right-click-menu")
        menu.close()
        about = AboutDialog(data, [("报送签名密钥", "首次导出数据包时生成")], window)
        about.show()
        save(about, "9-about")
        about.close()
        meter = MeterDialog(window, {m.code for m in store.ledger().meters})
        meter.show()
        save(meter, "4-new-meter-dialog")
        meter.close()
        files = workbook_dialog(window, "导入填报工作簿", save=False)
        files.setDirectory(str(Path(tmp)))
        files.resize(720, 460)
        files.show()
        save(files, "10-file-dialog")
        files.close()
        book = write_template(store.ledger(), 2025, Path(tmp) / "填报.xlsx")
        filled = openpyxl.load_workbook(book)
        sheet = filled["月度台账"]
        for row in range(2, sheet.max_row + 1):
            if sheet.cell(row, 1).value == "V1" and sheet.cell(row, 6).value == 12:
                sheet.cell(row, 8).value = "612.5"
                sheet.cell(row, 9).value = "4800"
            if sheet.cell(row, 1).value == "E1" and sheet.cell(row, 6).value == 12:
                sheet.cell(row, 9).value = "56321.40"
        filled.save(book)
        imported = ImportPreviewDialog(read_workbook(book, store.ledger()), book.name, window)
        imported.show()
        save(imported, "11-import-preview")
        imported.close()
        quotas = QuotaDialog(store, 2025, window)
        quotas.show()
        save(quotas, "12-quota-dialog")
        quota_form = QuotaForm(2025, None, window)
        quota_form.show()
        save(quota_form, "12-quota-form")
        quota_form.close()
        quotas.close()
        ewaste = EwasteDialog(store, 2025, window, today=today)
        ewaste.show()
        save(ewaste, "13-ewaste-dialog")
        ewaste.close()
        ewaste_form = EwasteForm(2025, today, (), window)
        ewaste_form.show()
        save(ewaste_form, "13-ewaste-form")
        ewaste_form.close()
        window.close()
        store.close()
    del app


def main() -> int:
    parser = argparse.ArgumentParser(description="演示单位各界面截图")
    parser.add_argument(
        "out", type=Path, nargs="?", default=Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        tag, width, height, scale = next(c for c in CONFIGS if c[0] == args.one)
        render(args.out, tag, width, height, float(scale))
        return 0
    for tag, _w, _h, scale in CONFIGS:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR=scale)
        subprocess.run([sys.executable, __file__, str(args.out), "--one", tag], env=env, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
