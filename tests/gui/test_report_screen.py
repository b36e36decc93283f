"""报送: the gate lists what blocks and jumps to it; export shows where and the fingerprint; the
history of revisions; reopening with a reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gxjn_desktop.gui import report_screen
from gxjn_desktop.gui.main_window import TAB_ENTRY, TAB_REPORT, TAB_UNIT, MainWindow
from gxjn_desktop.services.packet.verify import verify_packet


def test_export_reopen_and_blocking_findings(
    demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    window = demo_window
    window.tabs.setCurrentIndex(TAB_REPORT)
    screen = window.report
    screen.year_box.setValue(2025)  # the demo's later year keeps unexplained warnings
    assert not screen.export_button.isEnabled() and screen.blocking.count() > 0
    assert "不能导出" in screen.gate_label.text()
    screen.blocking.itemActivated.emit(screen.blocking.item(0))
    assert window.tabs.currentIndex() in (TAB_ENTRY, TAB_UNIT)  # jumped to the cell or field that blocks

    window.tabs.setCurrentIndex(TAB_REPORT)
    screen.year_box.setValue(2024)
    assert screen.export_button.isEnabled() and screen.blocking.count() == 0
    monkeypatch.setattr(report_screen, "ask_out_folder", lambda _parent: tmp_path)
    screen.export_button.click()
    packets = list(tmp_path.glob("*.zip"))
    assert len(packets) == 1 and verify_packet(packets[0]).ok
    assert str(packets[0]) in screen.result_label.text() and "数据包指纹" in screen.result_label.text()
    assert screen.open_folder_button.isEnabled() and "本机签名公钥" in screen.key_label.text()
    assert screen.history.rowCount() == 1 and "已上报" in screen.gate_label.text()

    monkeypatch.setattr(report_screen, "ask_reopen_reason", lambda _parent, _label: "9 月加油量按流水更正")
    screen.reopen_button.click()
    assert "已重新打开" in screen.history.data(screen.history.index(0, 6))
    assert not screen.reopen_button.isEnabled()


def test_about_shows_the_signing_key(demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gxjn_desktop.gui import about

    shown: list[str] = []
    monkeypatch.setattr(
        about, "show_about", lambda _parent, _dir, rows: shown.append("\n".join(f"{a}：{b}" for a, b in rows))
    )
    demo_window.show_about()
    assert "首次导出" in shown[-1]
    monkeypatch.setattr(report_screen, "ask_out_folder", lambda _parent: tmp_path)
    demo_window.tabs.setCurrentIndex(TAB_REPORT)
    demo_window.report.year_box.setValue(2024)
    demo_window.report.export_button.click()
    demo_window.show_about()
    key = demo_window.store.signing_key()
    assert key is not None
    from gxjn_desktop.services.packet.signing import key_fingerprint

    assert key_fingerprint(key.public_key) in shown[-1] and "RW" in shown[-1]
