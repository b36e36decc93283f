"""Render each main screen of the demo unit to PNG, offscreen, at two screen sizes.

    python scripts/screenshots.py OUT_DIR

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
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QWidget

    from gxjn_desktop.gui.app import make_application
    from gxjn_desktop.gui.dialogs import DecreaseDialog, ExplanationDialog, PastePreviewDialog
    from gxjn_desktop.gui.findings_panel import period_text, place_text
    from gxjn_desktop.gui.main_window import TAB_FINDINGS, MainWindow
    from gxjn_desktop.gui.welcome import NewUnitWizard
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.entry import CellEdit, Column, RowKey, RowKind
    from gxjn_desktop.services.ledger_service import LedgerService

    app = make_application([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    logical = (round(width / scale), round(height / scale))

    def settle() -> None:
        for _ in range(3):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def save(widget: QWidget, name: str) -> None:
        settle()
        path = out / f"{name}-{tag}.png"
        widget.grab().save(str(path))
        print(path)

    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
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

        data = Path(tmp) / "demo"
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
        window.close()
        store.close()
    del app


def main() -> int:
    parser = argparse.ArgumentParser(description="演示单位各界面截图")
    parser.add_argument("out", type=Path)
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
