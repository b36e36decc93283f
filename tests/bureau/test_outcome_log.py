"""The merge report keeps only a few hundred per-file outcomes in memory, however many files."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from gxjn_desktop.services.bureau.merge import REFUSED, merge_folder, report_json, report_json_text
from gxjn_desktop.services.bureau.outcome_log import KEEP, OutcomeLog
from gxjn_desktop.services.bureau.store import open_store


def test_merging_many_files_keeps_only_a_batch_of_outcomes_in_memory(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    n = 5 * KEEP + 17
    for i in range(n):  # each refused (NOT-A-ZIP), each different, so each is recorded
        (folder / f"{i:05d}.zip").write_text(f"不是报送包 {i}", encoding="utf-8")
    store = open_store(tmp_path / "bureau", None)
    try:
        report = merge_folder(store, folder, workers=1, batch=50)
    finally:
        store.close()
    assert len(report.files) == n and report.files.held <= KEEP
    assert report.counts()[REFUSED] == n and report.merged == 0
    files = list(report.files)
    assert [Path(f.file).name for f in files] == [f"{i:05d}.zip" for i in range(n)]
    assert {f.code for f in files} == {"NOT-A-ZIP"} and files[3].codes == ["NOT-A-ZIP"]
    assert report.files[-1] == files[-1] and report.files[KEEP + 1] == files[KEEP + 1]
    assert report.files.held <= KEEP  # reading back keeps nothing
    # The printed JSON is the same text as the dictionary's, written a piece at a time.
    extra = {"period": "2024-Y"}
    assert "".join(report_json_text(report, extra)) == json.dumps({**report_json(report), **extra}, ensure_ascii=False)


@dataclass
class _Item:
    name: str
    codes: list[str] = field(default_factory=list)
    n: int | None = None


def test_the_log_reads_back_in_order_while_it_grows() -> None:
    log: OutcomeLog[_Item] = OutcomeLog(_Item, keep=3)
    for i in range(7):
        log.append(_Item(f"文件{i}", [f"C{i}"], i if i % 2 else None))
    seen = []
    for item in log:  # appending while reading does not disturb the reading
        seen.append(item.name)
        if len(log) < 12:
            log.append(_Item(f"后加{len(log)}"))
    assert seen == [f"文件{i}" for i in range(7)]
    assert len(log) == 12 and log.held < 3
    assert log[1] == _Item("文件1", ["C1"], 1) and log[-1].name == "后加11"
    assert [x.name for x in log][7:] == [f"后加{i}" for i in range(7, 12)]
    log.close()
