"""Render every screen and dialog to PNG, offscreen, at three screen set-ups, and the index page.

    python scripts/screenshots.py [OUT_DIR]        (default: docs/screenshots)
    python scripts/screenshots.py OUT --setups 1366x768@1.5 --only 00-welcome,80-quota-dialog

Writes OUT_DIR/<shot>-<setup>.png for the set-ups of ``CONFIGS`` (1366×768 and 1920×1080, each at
100 % and at 150 %: QT_SCALE_FACTOR=1.5, and an old office PC's 1024×768 at 100 %) and OUT_DIR/README.md, the index a reviewer reads. With
``--setups`` / ``--only`` (a quick look, or the smoke test) only those pictures are written: the index
and the other pictures of OUT_DIR stay as they are.

The main
windows have the size a maximised window has on Windows (the screen less the taskbar and the title
bar). Each set-up runs in its own process: the screen size and the scale factor are read when Qt starts.
The data is the demo unit (fixed date 2026-11-24) and, for 汇总, four units made from it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

CONFIGS = (
    ("1366x768", 1366, 768, "1", "1366×768，100 %"),
    ("1024x768", 1024, 768, "1", "1024×768，100 %（旧办公电脑）"),
    ("1366x768@1.5", 1366, 768, "1.5", "1366×768，150 %"),
    ("1920x1080", 1920, 1080, "1", "1920×1080，100 %"),
    ("1920x1080@1.5", 1920, 1080, "1.5", "1920×1080，150 %"),
)
#: What Windows keeps of a screen: the taskbar (40 px at 100 %) and, for a window, its title bar
#: (31 px), in points (the scale factor applies to both). The offscreen screen is the part beside the
#: taskbar, so that a dialog sized from the screen's free area sees what it would see on Windows.
TASKBAR = 40
TITLE = 31
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 10, 30, tzinfo=timezone(timedelta(hours=8)))

#: Every picture, in the order of the index page: file name stem and what it shows.
SHOTS = (
    ("00-welcome", "欢迎页：数据文件夹中还没有单位"),
    ("01-wizard-1-unit", "新建单位向导 第 1 步：单位信息（已填写）"),
    ("01-wizard-1-error", "新建单位向导 第 1 步：代码有误时的提示"),
    ("01-wizard-2-profile", "新建单位向导 第 2 步：本年度基本情况"),
    ("01-wizard-3-meter", "新建单位向导 第 3 步：第一个计量器具"),
    ("10-overview", "概览：本年与上年、四项指标、定额进度"),
    ("20-entry-2025-06", "月度填报：2025 年 6 月（有审核提示的单元格着色）"),
    ("21-entry-2026-01-empty", "月度填报：尚未填写的月份"),
    ("22-entry-right-click-menu", "月度填报：右键菜单"),
    ("23-decrease-dialog", "示数小于上期时的询问（换表 / 翻转 / 改正）"),
    ("24-paste-preview", "粘贴预览"),
    ("25-explanation-dialog", "填写说明"),
    ("26-file-dialog", "选择填报工作簿（中文文件对话框）"),
    ("27-import-preview", "导入填报工作簿：修改预览"),
    ("28-user-error", "出错提示（一行说明错在哪里、怎样改正）"),
    ("30-unit", "单位信息"),
    ("40-meters", "计量器具：列表、换表记录、倍率变更"),
    ("41-new-meter-dialog", "新增计量器具"),
    ("50-findings", "数据审核：审核结果、导出把关"),
    ("60-report-blocked", "报送：有未说明的提示，不能导出"),
    ("61-report-exported", "报送：已导出（已上报），各版本记录和本机签名密钥"),
    ("62-reopen-dialog", "更正已上报的数据：填写更正原因"),
    ("70-workplan", "工作任务：本年工作任务和目标统计"),
    ("71-task-form", "工作任务：修改一项任务"),
    ("80-quota-dialog", "能耗定额"),
    ("81-quota-form", "能耗定额：新增定额"),
    ("82-ewaste-dialog", "废旧电子产品处置"),
    ("83-ewaste-form", "废旧电子产品处置：新增一次处置"),
    ("90-about", "帮助 → 关于"),
    ("91-keys", "帮助 → 键盘操作"),
    ("92-restore", "文件 → 从备份恢复：选择备份"),
    ("A0-bureau-merge-report", "汇总（机关事务管理局）：合并报告"),
    ("A1-bureau-summary", "汇总：行政区域汇总"),
    ("A2-bureau-progress", "汇总：工作安排进度"),
)


def render(out: Path, tag: str, wanted: frozenset[str]) -> tuple[list[str], list[str]]:
    """The ``wanted`` shots of one set-up; returns the stems written and those of windows too big for
    the screen. A part of the run none of whose shots is wanted is skipped."""
    import openpyxl
    from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication, QDialog, QWidget

    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.domain.units import AdminLevel, InstitutionType, Signatories, uscc_check_character
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.gui import messages
    from gxjn_desktop.gui.about import AboutDialog
    from gxjn_desktop.gui.app import make_application
    from gxjn_desktop.gui.bureau_window import BureauWindow
    from gxjn_desktop.gui.dialogs import DecreaseDialog, ExplanationDialog, PastePreviewDialog
    from gxjn_desktop.gui.ewaste_dialog import EwasteDialog, EwasteForm
    from gxjn_desktop.gui.file_dialogs import ImportPreviewDialog, workbook_dialog
    from gxjn_desktop.gui.findings_panel import period_text, place_text
    from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_FINDINGS, TAB_REPORT, TAB_WORKPLAN, MainWindow
    from gxjn_desktop.gui.meters_screen import MeterDialog
    from gxjn_desktop.gui.quota_dialog import QuotaDialog, QuotaForm
    from gxjn_desktop.gui.task_dialog import TaskForm
    from gxjn_desktop.gui.welcome import NewUnitWizard
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.checks import check_period
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.entry import COLUMNS, CellEdit, Column, RowKey, RowKind
    from gxjn_desktop.services.explanations import explain
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.services.packet.export import export_packet
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.template import write_template
    from gxjn_desktop.services.workplan.tasks import grade_bands_in_force, pv_meters

    app = make_application([sys.argv[0]])
    out.mkdir(parents=True, exist_ok=True)
    screen = app.primaryScreen().availableGeometry()  # logical pixels: the screen ÷ the scale factor
    logical = (screen.width(), screen.height() - TITLE)  # a maximised window's inside
    written: list[str] = []
    too_big: list[str] = []  # a window that, with its title bar, would not fit above the taskbar

    def settle() -> None:
        for _ in range(3):
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    def needed(*prefixes: str) -> bool:
        return any(stem.startswith(prefixes) for stem in wanted)

    def save(widget: QWidget, name: str) -> None:
        assert name in dict(SHOTS), name
        if name not in wanted:
            return
        settle()
        path = out / f"{name}-{tag}.png"
        # 256 colours and the highest PNG compression: the pictures are committed to docs/screenshots
        # (a quarter of the size). The palette is the picture's own 256 commonest colours: Qt's fixed
        # colour cube would band a button's gradient into stripes of colours it does not have.
        image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        counts = Counter(memoryview(image.constBits()).cast("I"))
        palette = [colour for colour, _n in counts.most_common(256)]
        image.convertToFormat(QImage.Format.Format_Indexed8, palette).save(str(path), "PNG", 0)
        written.append(name)
        if widget.width() > logical[0] or widget.height() > logical[1]:
            too_big.append(name)
        print(path)

    def show(dialog: QWidget, name: str) -> None:
        dialog.show()
        save(dialog, name)
        dialog.close()

    def modal(name: str, trigger: Callable[[], object]) -> None:
        """Photograph the modal dialog ``trigger`` opens (a static QMessageBox / QInputDialog), then close it."""
        if name not in wanted:
            return

        def shoot() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is None:
                QTimer.singleShot(20, shoot)
                return
            save(dialog, name)
            if isinstance(dialog, QDialog):
                dialog.reject()

        QTimer.singleShot(0, shoot)
        trigger()

    # A fixed folder name: the paths the screens show stay the same from run to run (and so do the PNGs).
    tmp = Path(tempfile.gettempdir()) / "gxjn-截图"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        demo = build_demo_ledger(TODAY)
        packets = tmp / "数据包"  # the exported packets, which 汇总 merges
        packets.mkdir()
        if needed("00-", "01-"):
            # ---- first start: the welcome screen and the wizard ------------------------------------
            empty = tmp / "新单位"
            store = LedgerService.open(empty)
            window = MainWindow(empty, store)
            window.resize(*logical)
            window.show()
            save(window, "00-welcome")
            wizard = NewUnitWizard(window)
            wizard.show()
            fields = wizard.unit_page.fields
            fields.name.setText("南宁市某某区机关事务服务中心")
            fields.admin_code.setText("450103")
            fields.uscc.setText("12450103MB1965432" + uscc_check_character("12450103MB1965432"))
            fields.level.setCurrentIndex(fields.level.findData(AdminLevel.COUNTY))
            fields.party_organ.setChecked(True)
            fields.address.setText("南宁市青秀区民族大道 100 号")
            fields.manager.setText("李明")
            fields.manager_phone.setText("0771-5551234")
            save(wizard, "01-wizard-1-unit")
            fields.kind.setCurrentIndex(fields.kind.findData(InstitutionType.HEALTH))
            wizard.next()  # refused: a 党政机关 must be a 国家机关; the message stays on the page
            save(wizard, "01-wizard-1-error")
            fields.kind.setCurrentIndex(fields.kind.findData(InstitutionType.ORGAN))
            wizard.next()
            wizard.profile_page.year.setValue(2026)
            wizard.profile_page.people.setText("86")
            wizard.profile_page.area.setText("4,250.5")
            wizard.profile_page.canteen.setChecked(True)
            save(wizard, "01-wizard-2-profile")
            wizard.next()
            save(wizard, "01-wizard-3-meter")
            wizard.close()
            window.close()
            store.close()

        if needed(*"123456789"):
            # ---- the demo unit's screens -----------------------------------------------------------
            data = tmp / "示例单位"
            store = LedgerService.open(data)
            store.replace_everything(demo)
            window = MainWindow(data, store, today=TODAY)
            window.resize(*logical)
            window.show()
            window.tabs.setCurrentIndex(0)
            window.dashboard.refresh()  # now, not from the background thread
            save(window, "10-overview")
            window.tabs.setCurrentIndex(TAB_ENTRY)
            window.entry.set_period(2025, 6)
            window.entry.refresh_findings()
            save(window, "20-entry-2025-06")
            window.entry.set_period(2026, 1)
            window.entry.refresh_findings()  # now: the window works them out in the background
            save(window, "21-entry-2026-01-empty")
            window.tabs.setCurrentIndex(2)
            save(window, "30-unit")
            window.tabs.setCurrentIndex(3)
            w1 = next(i for i, m in enumerate(window.meters.model.meters) if m.code == "W1")
            window.meters.view.selectRow(w1)
            save(window, "40-meters")
            window.tabs.setCurrentIndex(TAB_FINDINGS)
            panel = window.findings
            panel.set_period(2025, "Y")
            unexplained = next(i for i in range(panel.model.rowCount()) if panel.model.finding_at(i).needs_explanation)
            panel.select_row(unexplained)
            panel.view.setFocus()
            save(window, "50-findings")
            finding = panel.model.finding_at(unexplained)
            explanation = ExplanationDialog(
                finding, f"{period_text(finding.location)} · {place_text(store.ledger(), finding)}", window
            )
            explanation.cause.setCurrentIndex(explanation.cause.findText("设备检修或故障"))
            explanation.text.setPlainText("4 月机房空调主机检修后试运行，用电偏高")
            show(explanation, "25-explanation-dialog")
            service = window.entry_service
            assert service is not None
            plan = service.prepare(2026, 1, [CellEdit(RowKey(RowKind.METER, "W1"), Column.VALUE, "12")])
            decrease = DecreaseDialog(plan.questions[0], window)
            decrease.replacement.setChecked(True)
            show(decrease, "23-decrease-dialog")
            edits = [
                CellEdit(RowKey(RowKind.METER, "V1"), Column.VALUE, "512.3"),
                CellEdit(RowKey(RowKind.METER, "V1"), Column.COST, "4021.56"),
                CellEdit(RowKey(RowKind.METER, "V2"), Column.VALUE, "138"),
                CellEdit(RowKey(RowKind.CANTEEN, "diners"), Column.VALUE, "5120"),
                CellEdit(RowKey(RowKind.CANTEEN, "diners"), Column.COST, "0"),
            ]
            plan = service.prepare(2026, 1, edits)
            assert plan.change is not None
            show(PastePreviewDialog(list(plan.change.cells), list(plan.skipped), window), "24-paste-preview")

            # The menus', the toolbar's and the right-click menu's dialogs.
            window.tabs.setCurrentIndex(TAB_ENTRY)
            window.entry.set_period(2024, 6)
            window.entry.refresh_findings()
            cell = window.entry.model.index(
                window.entry.model.row_of(RowKey(RowKind.METER, "W1")), COLUMNS.index(Column.NOTE)
            )
            window.entry.view.setCurrentIndex(cell)
            menu = window.entry.context_menu(cell)
            menu.popup(window.entry.view.viewport().mapToGlobal(window.entry.view.visualRect(cell).center()))
            save(menu, "22-entry-right-click-menu")
            menu.close()
            show(AboutDialog(data, [("报送签名密钥", "首次导出数据包时生成")], window), "90-about")
            modal("91-keys", window.show_keys)
            show(MeterDialog(window, {m.code for m in store.ledger().meters}), "41-new-meter-dialog")
            files = workbook_dialog(window, "导入填报工作簿", save=False)
            files.setDirectory(str(tmp))
            files.resize(min(720, logical[0]), min(460, logical[1]))  # a window manager keeps it on the screen
            show(files, "26-file-dialog")
            book = write_template(store.ledger(), 2025, tmp / "填报.xlsx")
            filled = openpyxl.load_workbook(book)
            sheet = filled["月度台账"]
            for row in range(2, sheet.max_row + 1):
                if sheet.cell(row, 1).value == "V1" and sheet.cell(row, 6).value == 12:
                    sheet.cell(row, 8).value = "612.5"
                    sheet.cell(row, 9).value = "4800"
                if sheet.cell(row, 1).value == "E1" and sheet.cell(row, 6).value == 12:
                    sheet.cell(row, 9).value = "56321.40"
            filled.save(book)
            show(ImportPreviewDialog(read_workbook(book, store.ledger()), book.name, window), "27-import-preview")
            stranger = openpyxl.Workbook()
            stranger.active["A1"] = "其他系统导出的表格"
            stranger.save(tmp / "其他系统导出.xlsx")
            try:
                read_workbook(tmp / "其他系统导出.xlsx", store.ledger())
            except UserError as err:
                modal("28-user-error", lambda err=err: messages.show_user_error(window, err))
            quotas = QuotaDialog(window.changer, 2025, window)
            quotas.show()
            save(quotas, "80-quota-dialog")
            show(QuotaForm(2025, None, window), "81-quota-form")
            quotas.close()
            show(EwasteDialog(window.changer, 2025, window, today=TODAY), "82-ewaste-dialog")
            show(EwasteForm(2025, TODAY, (), window), "83-ewaste-form")

            # 工作任务 and one task's form.
            window.tabs.setCurrentIndex(TAB_WORKPLAN)
            window.workplan.year_box.setValue(2025)
            window.workplan.view.selectRow(0)
            save(window, "70-workplan")
            task = window.workplan.current_task()
            assert task is not None
            ledger = store.ledger()
            form = TaskForm(task.kind, 2025, grade_bands_in_force(), pv_meters(ledger), task, window)
            show(form, "71-task-form")

            if needed("6", "92"):
                # 报送: the later year still has unexplained warnings; the earlier one is exported.
                window.tabs.setCurrentIndex(TAB_REPORT)
                window.report.year_box.setValue(2025)
                save(window, "60-report-blocked")
                window.report.year_box.setValue(2024)
                result = export_packet(
                    store, Period.parse(2024, "Y"), packets, today=TODAY, now=NOW, write_pdf=write_report_pdf
                )
                window.report.last_folder = packets
                window.report.open_folder_button.setEnabled(True)
                window.report.result_label.setText(
                    f"已导出第 {result.revision} 版：{result.path}\n数据包指纹：{result.fingerprint}"
                )
                window.report.refresh()
                save(window, "61-report-exported")
                modal("62-reopen-dialog", window.report.reopen)
                store.backup("before-import-填报")
                from gxjn_desktop.services.backups import backups

                labels = [f"{b.label}（{b.path.name}）" for b in backups(data)]
                modal("92-restore", lambda: messages.ask_backup(window, labels))
            window.close()
            store.close()

        if needed("A"):
            # ---- 汇总: the demo and four units made from it, both years; one damaged file ----------
            for n, (name, admin, level) in enumerate(
                (
                    ("南宁市青秀区教育局", "450103", AdminLevel.COUNTY),
                    ("南宁市机关事务管理局", "450100", AdminLevel.CITY),
                    ("柳州市城中区卫生健康局", "450202", AdminLevel.COUNTY),
                    ("广西壮族自治区某某厅", "450000", AdminLevel.REGIONAL),
                ),
                start=1,
            ):
                body = f"11{admin}MB{n:07d}"[:17]
                unit = replace(
                    demo.unit, name=name, uscc=body + uscc_check_character(body), admin_code=admin, admin_level=level
                )
                signed = Signatories("王强", "陈丽", "张敏", date(2026, 1, 15))
                profiles = {
                    y: replace(p, people=p.people + 37 * n, signatories=signed) for y, p in demo.profiles.items()
                }
                other = LedgerService.open(tmp / f"单位{n}")
                other.replace_everything(replace(demo, unit=unit, profiles=profiles))
                for year in (2024, 2025):
                    period = Period.parse(year, "Y")
                    for f in check_period(other.ledger(), period, TODAY).findings:  # the later year's warnings
                        if f.needs_explanation:
                            explain(other, f, "其他", "已核对原始账单和抄表记录，数据属实，原因已书面报告")
                    export_packet(other, period, packets, today=TODAY, now=NOW, write_pdf=write_report_pdf)
                other.close()
            (packets / "损坏的数据包.zip").write_bytes(b"PK\x03\x04 not a packet")
            bureau = BureauWindow(tmp / "汇总")
            bureau.resize(*logical)  # opened maximised
            bureau.show()
            bureau.set_folder(packets)
            done = QEventLoop()
            bureau.mergeFinished.connect(lambda _result: done.quit())
            bureau.start_merge()
            done.exec()
            for index, name in enumerate(("A0-bureau-merge-report", "A1-bureau-summary", "A2-bureau-progress")):
                bureau.tabs.setCurrentIndex(index)
                save(bureau, name)
            bureau.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    del app
    return written, too_big


def write_index(out: Path, too_big: dict[str, list[str]]) -> None:
    """docs/screenshots/README.md: every shot with a link to each set-up's picture, and the windows
    that do not fit their screen (``too_big``: set-up → stems)."""
    lines = [
        "# 界面截图",
        "",
        "由 `python scripts/screenshots.py` 生成（无显示器，Qt offscreen；示例单位，日期固定为 2026-11-24）。",
        f"每个界面 {len(CONFIGS)} 种屏幕："
        + "、".join(f"{label}（`{tag}`）" for tag, _w, _h, _s, label in CONFIGS)
        + "。",
        "主窗口为 Windows 上最大化时的大小（屏幕减去任务栏和标题栏）；对话框为其打开时的大小。",
        "报告（PDF / Excel）的截图在 [packet/](packet/)，汇总工作簿的在 [bureau/](bureau/)。",
        "",
        "| 界面 | " + " | ".join(label for *_x, label in CONFIGS) + " |",
        "| --- | " + " | ".join("---" for _c in CONFIGS) + " |",
    ]
    for stem, caption in SHOTS:
        cells = [f"[{tag}]({stem}-{tag}.png)" for tag, *_rest in CONFIGS]
        lines.append(f"| {caption} | " + " | ".join(cells) + " |")
    captions = dict(SHOTS)
    lines += ["", "## 超出屏幕的窗口", ""]
    lines += ["连同标题栏高于（或宽于）屏幕去掉任务栏后的大小、在该屏幕上会被截断的窗口：", ""]
    for tag, *_rest, label in CONFIGS:
        names = "、".join(f"{captions[stem]}（{stem}）" for stem in too_big.get(tag, [])) or "无"
        lines.append(f"- {label}：{names}")
    lines += ["", "## 1366×768，100 %", ""]
    for stem, caption in SHOTS:
        lines += [f"### {caption}", "", f"![{caption}]({stem}-{CONFIGS[0][0]}.png)", ""]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def screen_config(folder: Path, width: int, height: int, scale: float = 1) -> Path:
    """The offscreen platform's screen, so that maximised windows and dialogs see the real size: the
    screen less the taskbar (Windows' available area; the offscreen platform has no taskbar)."""
    height -= round(TASKBAR * scale)
    path = folder / f"screen-{width}x{height}.json"
    screen = {"name": "屏幕", "x": 0, "y": 0, "width": width, "height": height, "logicalDpi": 96, "dpr": 1}
    path.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    return path


def _names(text: str | None, known: list[str], what: str) -> list[str]:
    """A comma-separated choice of ``known`` names (all of them when ``text`` is None)."""
    if text is None:
        return known
    chosen = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in known]
    if unknown or not chosen:
        raise SystemExit(f"没有这样的{what}：{'、'.join(unknown) or '（空）'}；可选：{'、'.join(known)}")
    return chosen


def main() -> int:
    parser = argparse.ArgumentParser(description="各界面截图")
    parser.add_argument(
        "out", type=Path, nargs="?", default=Path(__file__).resolve().parents[1] / "docs" / "screenshots"
    )
    parser.add_argument("--setups", help="只用这些屏幕设置（逗号分隔，例如 1366x768@1.5）")
    parser.add_argument("--only", help="只生成这些截图（逗号分隔的文件名前缀，例如 00-welcome,80-quota-dialog）")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--too-big", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    stems = _names(args.only, [stem for stem, _caption in SHOTS], "截图")
    setups = _names(args.setups, [c[0] for c in CONFIGS], "屏幕设置")
    if args.one:
        written, too_big = render(args.out, args.one, frozenset(stems))
        args.too_big.write_text(json.dumps(too_big), encoding="utf-8")
        missing = [stem for stem in stems if stem not in written]
        if missing:
            raise SystemExit(f"没有生成：{'、'.join(missing)}")
        return 0
    whole = args.only is None and args.setups is None
    too_big: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "png"  # the old pictures stay until every set-up has been rendered
        for tag, width, height, scale, _label in CONFIGS:
            if tag not in setups:
                continue
            platform = f"offscreen:configfile={screen_config(Path(tmp), width, height, float(scale))}"
            env = dict(os.environ, QT_QPA_PLATFORM=platform, QT_SCALE_FACTOR=scale)
            report = Path(tmp) / f"too-big-{tag}.json"
            command = [sys.executable, __file__, str(fresh), "--one", tag, "--too-big", str(report)]
            if args.only is not None:
                command += ["--only", ",".join(stems)]
            subprocess.run(command, env=env, check=True)
            too_big[tag] = json.loads(report.read_text(encoding="utf-8"))
        args.out.mkdir(parents=True, exist_ok=True)
        if whole:
            for old in args.out.glob("*.png"):  # pictures of screens that were renamed or removed go too
                old.unlink()
        for picture in fresh.glob("*.png"):
            shutil.move(picture, args.out / picture.name)
    if whole:
        write_index(args.out, too_big)
    for tag, names in too_big.items():
        if names:
            print(f"{tag}：超出屏幕的窗口 {'、'.join(names)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
