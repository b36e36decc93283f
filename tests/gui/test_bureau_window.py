"""汇总 mode in the window: merge a folder with a progress bar, cancel half-way, see the totals."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui.bureau_window import BureauWindow
from gxjn_desktop.render.pdf import write_report_pdf
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.export import export_packet
from tests.bureau.builders import make_uscc
from tests.bureau.packets import parts_of, unit_key, varied, write_packet
from tests.conftest import DEMO_TODAY


@pytest.fixture
def packets(demo_service: LedgerService, tmp_path: Path) -> Path:
    folder = tmp_path / "packets"
    folder.mkdir()
    base = export_packet(
        demo_service, Period.parse(2024, "Y"), folder, today=DEMO_TODAY, write_pdf=write_report_pdf
    ).path
    parts = parts_of(base)
    for n in range(1, 4):
        data = varied(
            parts.data,
            n,
            uscc=make_uscc(n),
            admin_code="450103",
            institution_type="01",
            label="国家机关",
            people=100 + n,
        )
        write_packet(data, parts, unit_key(n), folder)
    return folder


def test_merge_in_the_window_shows_the_report_and_the_totals(qtbot, packets: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = BureauWindow(tmp_path / "bureau")
    qtbot.addWidget(w)
    w.set_folder(packets)
    with qtbot.waitSignal(w.mergeFinished, timeout=120_000):
        w.merge_button.click()
    assert w.report_table.rowCount() == 4
    assert {w.report_table.item(r, 1).text() for r in range(4)} == {"已采用"}
    assert "采用 4" in w.status.text() and w.progress.value() == w.progress.maximum()
    labels = [w.summary_table.item(r, 0).text().strip() for r in range(w.summary_table.rowCount())]
    assert labels[0] == "450000 广西壮族自治区" and labels[-1] == "合计"  # the code beside the name
    assert w.summary_table.item(w.summary_table.rowCount() - 1, 1).text() == "4"
    # 工作安排进度 of the packets' year, the figures of ``gxjn-cli bureau progress`` (grouped for reading)
    from gxjn_desktop.gui.common import shown_number
    from gxjn_desktop.services.bureau.queries import accepted_packets
    from gxjn_desktop.services.bureau.store import open_store
    from gxjn_desktop.services.workplan.progress import progress_for

    assert w.progress_year.value() == 2024 and "已采用 4 个单位的全年数据包" in w.progress_info.text()
    store = open_store(tmp_path / "bureau")
    try:
        expected = progress_for(accepted_packets(store, 2024), 2024, tmp_path / "bureau")
    finally:
        store.close()
    goals = expected["goals"]
    assert goals and w.goals_table.rowCount() == len(goals)
    for r, g in enumerate(goals):
        row = [w.goals_table.item(r, c).text() for c in range(6)]
        assert row[0] == g["label"] and row[5] == g["status_label"]
        assert row[2].startswith(shown_number(g["achieved"])) if g["achieved"] is not None else row[2] == "—"
    labels = [w.indicators_table.item(r, 0).text() for r in range(w.indicators_table.rowCount())]
    assert labels == [i["label"] for i in expected["indicators"]]
    w.progress_year.setValue(2023)  # a year without packets: nothing counted, nothing fails
    assert "已采用 0 个单位" in w.progress_info.text()
    w.tabs.setCurrentIndex(0)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
    qtbot.keyClick(w.report_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 1  # Ctrl+PageDown: the next sheet, as in WPS


class _CancelAfterOne(threading.Event):
    """The 取消 flag as the clerk would set it while the first packet is under way."""

    calls = 0

    def is_set(self) -> bool:
        self.calls += 1
        return self.calls > 1


def test_cancel_stops_after_the_packet_under_way(qtbot, packets: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = BureauWindow(tmp_path / "bureau")
    qtbot.addWidget(w)
    w.set_folder(packets)
    assert not w.cancel_button.isEnabled()  # only while a merge runs
    w.cancel()
    assert w._cancel.is_set()  # 取消 sets the flag the merge reads between packets
    w._cancel = _CancelAfterOne()
    with qtbot.waitSignal(w.mergeFinished, timeout=120_000) as done:
        w.merge_button.click()
    report = done.args[0]
    assert report.cancelled and len(report.files) == 1
    assert "已取消" in w.status.text()
    w._cancel = threading.Event()
    with qtbot.waitSignal(w.mergeFinished, timeout=120_000) as again:  # merging again finishes the job
        w.merge_button.click()
    assert again.args[0].counts() == {"accepted": 3, "superseded": 0, "duplicate": 1, "refused": 0}


def test_a_refused_file_reads_in_chinese_with_the_code_in_the_tooltip(qtbot, packets: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (packets / "坏文件.zip").write_bytes(b"not a zip at all")
    w = BureauWindow(tmp_path / "bureau")
    qtbot.addWidget(w)
    w.set_folder(packets)
    with qtbot.waitSignal(w.mergeFinished, timeout=120_000):
        w.merge_button.click()
    row = next(r for r in range(w.report_table.rowCount()) if w.report_table.item(r, 0).text() == "坏文件.zip")
    detail = w.report_table.item(row, 2)
    assert detail.text().startswith("拒收：不是完整的 zip 文件") and "NOT-A-ZIP" not in detail.text()
    assert "NOT-A-ZIP" in detail.toolTip() and "NOT-A-ZIP" in w.report_table.item(row, 1).toolTip()
    accepted = next(r for r in range(w.report_table.rowCount()) if r != row)
    assert w.report_table.item(accepted, 2).toolTip() == ""
