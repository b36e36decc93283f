"""汇总 mode in the window: merge a folder with a progress bar, cancel half-way, see the totals."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.gui.bureau_window import BureauWindow
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet.export import export_packet
from tests.bureau.builders import make_uscc
from tests.bureau.packets import parts_of, unit_key, varied, write_packet
from tests.conftest import DEMO_TODAY


@pytest.fixture
def packets(demo_service: LedgerService, tmp_path: Path) -> Path:
    folder = tmp_path / "packets"
    folder.mkdir()
    base = export_packet(demo_service, Period.parse(2024, "Y"), folder, today=DEMO_TODAY).path
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
    assert labels[0] == "广西壮族自治区" and labels[-1] == "合计"
    assert w.summary_table.item(w.summary_table.rowCount() - 1, 1).text() == "4"


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
