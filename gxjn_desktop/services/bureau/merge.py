"""Merging a folder of report packets into the bureau's store.

Every packet is verified exactly as ``gxjn-cli verify`` does (read from the zip in memory, never
unpacked), in parallel over the cores; the store is written by this process only, one packet per
transaction, so a cancel or a kill leaves the store as it was before the packet under way and a
second merge of the same folder finishes the job. The outcome of every file is reported.
"""

from __future__ import annotations

import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.bureau import PacketFacts
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.examine import Examined, examine, examine_chunk, examine_deflated, facts_checked
from gxjn_desktop.services.bureau.examine import make_problem as _problem
from gxjn_desktop.services.bureau.outcome_log import OutcomeLog, json_lines
from gxjn_desktop.services.bureau.store import (
    KEY_PENDING,
    KEY_REGISTERED,
    BatchWrites,
    BureauRepo,
    BureauStore,
    CurrentPacket,
    NewPacket,
    StoreConflict,
    transaction,
)

# Outcomes of one file in this merge (the stored status of a packet is one of the first three).
ACCEPTED = "accepted"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"
REFUSED = "refused"
OUTCOME_LABELS = {ACCEPTED: "已采用", SUPERSEDED: "已存档（被更新版本替代）", DUPLICATE: "重复", REFUSED: "已拒收"}

KEY_CHANGED = "KEY-CHANGED"

POOL_THRESHOLD = 8  # fewer packets than this are verified in this process (a pool costs ~1 s to start)


@dataclass
class FileOutcome:
    file: str
    outcome: str
    detail: str
    status: str | None = None  # the packet's status in the store after this merge
    code: str | None = None
    message: str | None = None
    codes: list[str] = field(default_factory=list)  # every problem verify found, not only the first
    uscc: str | None = None
    period: str | None = None
    revision: int | None = None
    key_fingerprint: str | None = None
    key_known: bool | None = None
    forwarded_by: str | None = None
    forwarder_key_known: bool | None = None  # the forwarding bureau's key was registered before


@dataclass
class MergeReport:
    folder: str
    # every file's outcome, in order; on disk but a few hundred (a merge's memory stays flat in N)
    files: OutcomeLog[FileOutcome] = field(default_factory=lambda: OutcomeLog(FileOutcome))
    cancelled: bool = False

    @property
    def merged(self) -> int:
        c = self.counts()
        return c[ACCEPTED] + c[SUPERSEDED]

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == REFUSED]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys((ACCEPTED, SUPERSEDED, DUPLICATE, REFUSED), 0)
        for f in self.files:
            out[f.outcome] += 1
        return out


def _period_words(key: str) -> str:
    """``2025-Y`` as a clerk reads it (2025年全年); the key itself if it is not one."""
    try:
        return Period.from_key(key).label
    except UserError:
        return key


def packet_files(folder: Path) -> list[Path]:
    """The .zip files under ``folder`` (sub-folders too: forwarded bundles), never following links."""
    if not folder.is_dir():
        raise UserError(f"文件夹 {folder} 不存在", "请指定存放各单位报送包（.zip）的文件夹")
    found: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            p = Path(root) / name
            if name.lower().endswith(".zip") and not p.is_symlink():
                found.append(p)
    return found


CHUNK = 8  # packets per task sent to a worker: fewer round trips through the pool's queues


def _examined_in_order(
    paths: list[Path], workers: int | None, examiner: Callable[[Path], Examined], ahead: int = 0
) -> Iterator[Examined]:
    """Verification results in file order. The workers may run up to ``ahead`` packets (plus a few
    tasks per worker) ahead of the consumer, so they go on verifying while it writes a batch; a
    fixed number of results wait at most, so memory stays flat."""
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(paths) < POOL_THRESHOLD:
        for p in paths:
            yield examiner(p)
        return
    chunk = max(1, min(CHUNK, len(paths) // (4 * n)))
    window = 4 * n + -(-ahead // chunk)  # tasks under way or waiting to be consumed
    try:
        pool = ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn"))
    except OSError:  # the pool's locks need shared memory (/dev/shm); without it, verify one by one
        for p in paths:
            yield examiner(p)
        return
    with pool:
        pending: deque[Future[list[Examined]]] = deque()
        chunks = (paths[i : i + chunk] for i in range(0, len(paths), chunk))
        try:
            for c in chunks:
                pending.append(pool.submit(examine_chunk, examiner, c))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


class _Batch:
    """Decides the outcome of each file of one batch in memory, from what the store held before
    the batch plus what the batch itself did so far, and collects the rows to write."""

    def __init__(self, repo: BureauRepo, items: list[tuple[Examined, str | None]], now: datetime) -> None:
        self.now = now
        self.items = items
        usccs = [ex.facts.uscc if ex.facts else ex.uscc or "" for ex, _ in items]
        self.state = repo.batch_state([ex.sha256 for ex, _ in items], [u for u in usccs if u])
        self.w = BatchWrites()
        # (uscc, period) -> the counted packet: stored (id) or added by this batch (NewPacket)
        self.current: dict[tuple[str, str], tuple[int, CurrentPacket | NewPacket]] = {
            k: (v.revision, v) for k, v in self.state.current.items()
        }

    def refuse(self, ex: Examined, out: FileOutcome, problems: list[dict[str, str]]) -> FileOutcome:
        first = problems[0]
        out.outcome, out.status, out.code, out.message = REFUSED, REFUSED, first["code"], first["message"]
        out.codes = list(dict.fromkeys(p["code"] for p in problems))
        out.detail = f"拒收：{first['message']}"  # Chinese only: the code is in ``code``/``codes``
        if ex.sha256 and ex.sha256 not in self.state.rejected and ex.sha256 not in self.w.rejections:
            self.w.rejections[ex.sha256] = {
                "sha256": ex.sha256,
                "file_name": Path(ex.file).name,
                "uscc": ex.uscc,
                "period": ex.period,
                "revision": ex.revision,
                "code": first["code"],
                "message": first["message"],
                "problems_json": json.dumps(problems, ensure_ascii=False),
                "received_at": self.now,
            }
        return out

    def unit(self, facts: PacketFacts) -> bool:
        """Record the unit as this packet describes it; ``True`` when the unit is new."""
        row = {"name": facts.name, "admin_code": facts.admin_code, "institution_type": facts.institution_type}
        if facts.uscc in self.w.new_units:
            self.w.new_units[facts.uscc].update(row)
            return False
        if facts.uscc in self.state.units:
            self.w.unit_updates[facts.uscc] = row
            return False
        self.w.new_units[facts.uscc] = {"uscc": facts.uscc, **row, "first_seen": self.now}
        return True

    def key(self, ex: Examined, facts: PacketFacts, out: FileOutcome) -> FileOutcome | None:
        """Register the key on first receipt; a refusal when the unit signs with another key."""
        key, fingerprint = ex.public_key or "", ex.key_fingerprint or ""
        registered = self.state.registered_keys.get(facts.uscc)
        if registered is None:
            self.state.registered_keys[facts.uscc] = (key, fingerprint)
            self.state.known_keys.add((facts.uscc, key))
            self.w.new_keys.append(_key_row(facts.uscc, key, fingerprint, KEY_REGISTERED, self.now))
            out.key_known = False
            return None
        if registered[0] == key:
            out.key_known = True
            return None
        out.key_known = False
        if (facts.uscc, key) not in self.state.known_keys:
            self.state.known_keys.add((facts.uscc, key))
            self.w.new_keys.append(_key_row(facts.uscc, key, fingerprint, KEY_PENDING, self.now))
        message = (
            f"该单位登记的签名密钥为 {registered[1]}，本包的密钥为 {ex.key_fingerprint}；"
            "请与该单位电话核实后用 gxjn-cli bureau keys accept 登记新密钥，再重新合并"
        )
        return self.refuse(ex, out, [_problem(KEY_CHANGED, message)])

    def apply(self, ex: Examined, forwarded_by: str | None) -> FileOutcome:
        out = FileOutcome(
            file=ex.file,
            outcome=REFUSED,
            detail="",
            uscc=ex.uscc,
            period=ex.period,
            revision=ex.revision,
            key_fingerprint=ex.key_fingerprint,
            forwarded_by=forwarded_by,
        )
        seen = self.state.packet_status.get(ex.sha256) if ex.sha256 else None
        if seen is not None:
            out.outcome, out.status, out.key_known = DUPLICATE, seen, True
            out.detail = f"已于先前合并（{OUTCOME_LABELS.get(seen, seen)}），本次未改动"
            return out
        data = ex.data
        if not ex.ok or data is None:
            return self.refuse(ex, out, ex.problems or [_problem("INVALID", "报送包未通过校验")])
        facts = ex.facts
        if facts is None:
            facts, problem = facts_checked(ex.data_value(), ex.uscc, ex.period, ex.revision)
            if problem is not None:
                return self.refuse(ex, out, [problem])
        assert facts is not None
        out.uscc, out.period, out.revision = facts.uscc, facts.period, facts.revision
        refused = self.key(ex, facts, out)
        if refused is not None:
            return refused
        new = NewPacket(
            facts,
            ex.sha256,
            Path(ex.file).name,
            ACCEPTED,
            ex.key_fingerprint or "",
            data,
            self.now,
            forwarded_by,
            ex.content,
        )
        where = (facts.uscc, facts.period)
        current = self.current.get(where)
        if current is None or current[0] < facts.revision:
            if current is None:
                detail = "采用：新单位" if self.unit(facts) else f"采用：新期间 {_period_words(facts.period)}"
            else:
                self.unit(facts)
                detail = f"采用：第 {facts.revision} 版替换第 {current[0]} 版"
                replaced = current[1]
                if isinstance(replaced, NewPacket):
                    replaced.status = SUPERSEDED
                else:
                    self.w.status_changes[replaced.id] = SUPERSEDED
            self.current[where] = (facts.revision, new)
        elif current[0] > facts.revision:
            new.status = SUPERSEDED
            detail = f"存档：已有更新的第 {current[0]} 版，本包（第 {facts.revision} 版）不计入汇总"
        else:
            new.status = DUPLICATE
            detail = f"重复：已采用内容不同的同一版本（第 {facts.revision} 版），本包存档、不计入汇总"
        self.w.packets.append(new)
        self.state.packet_status[ex.sha256] = new.status
        self.w.forget_rejections.add(ex.sha256)
        out.outcome = out.status = new.status
        out.detail = detail
        return out

    def run(self, repo: BureauRepo) -> list[FileOutcome]:
        # Each outcome says the status at its turn, as if the files had been applied one by one.
        outcomes = [self.apply(ex, by) for ex, by in self.items]
        repo.write_batch(self.w)
        return outcomes


def _key_row(uscc: str, key: str, fingerprint: str, status: str, now: datetime) -> dict[str, Any]:
    accepted = now if status == KEY_REGISTERED else None
    return {
        "uscc": uscc,
        "public_key": key,
        "fingerprint": fingerprint,
        "status": status,
        "first_seen": now,
        "accepted_at": accepted,
    }


def apply_batch(repo: BureauRepo, items: list[tuple[Examined, str | None]], *, now: datetime) -> list[FileOutcome]:
    """Record verified (or refused) files, in order; the caller's transaction makes the batch all
    or nothing. ``items``: each file with the bureau that forwarded it."""
    return _Batch(repo, items, now).run(repo)


def apply_examined(repo: BureauRepo, ex: Examined, *, now: datetime, forwarded_by: str | None = None) -> FileOutcome:
    """Record one verified (or refused) file (a batch of one)."""
    return apply_batch(repo, [(ex, forwarded_by)], now=now)[0]


ProgressFn = Callable[[int, int, FileOutcome], None]
BATCH = 200  # packets per transaction: few statements per batch, memory still flat
BATCH_SECONDS = 2.0  # …or what arrived in this long, so the progress count keeps moving
WRITE_ATTEMPTS = 3  # a batch that collided with another writer is decided and written again


def merge_files(
    store: BureauStore,
    paths: list[Path],
    *,
    folder: str = "",
    forwarded_by: Callable[[Path], str | None] | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    examiner: Callable[[Path], Examined] | None = None,
    batch: int = BATCH,
    annotate: Callable[[FileOutcome], None] | None = None,
) -> MergeReport:
    """Verify in parallel, write in batches of packets, one transaction each: a cancel or a kill
    leaves the store as it was before the batch under way, and merging again finishes the job.
    ``annotate`` completes each outcome before the report keeps it (it is not changed after)."""
    if examiner is None:  # SQLite keeps data.json deflated: the workers deflate it, not this writer
        examiner = examine_deflated if store.dialect == "sqlite" else examine
    report = MergeReport(folder=folder)
    total = len(paths)
    pending: list[tuple[Examined, str | None]] = []
    started = time.monotonic()

    def flush() -> None:
        if not pending:
            return
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with transaction(store) as repo:
                    outcomes = apply_batch(repo, pending, now=datetime.now())
                break
            except StoreConflict:  # another writer got there first: decide again from what it wrote
                if attempt == WRITE_ATTEMPTS:
                    raise
        for outcome in outcomes:
            if annotate is not None:
                annotate(outcome)
            report.files.append(outcome)
            if progress is not None:
                progress(len(report.files), total, outcome)
        pending.clear()

    for ex in _examined_in_order(paths, workers, examiner, ahead=batch):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if not pending:
            started = time.monotonic()
        pending.append((ex, forwarded_by(Path(ex.file)) if forwarded_by else None))
        if len(pending) >= batch or time.monotonic() - started >= BATCH_SECONDS:
            flush()
    flush()
    return report


def merge_folder(
    store: BureauStore,
    folder: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    batch: int = BATCH,
) -> MergeReport:
    """Verify and merge every packet under ``folder`` (forwarded bundles included)."""
    import importlib.util

    from gxjn_desktop.services.bureau.forward import check_bundles

    if importlib.util.find_spec("gxjn_desktop.services.packet.verify") is None:
        raise UserError("这个版本的 gxjn 还不能校验报送包，无法合并", "请安装包含报送包功能的 gxjn 版本")
    paths = packet_files(folder)
    bundles = check_bundles(store, folder, paths)
    refused = bundles.refused

    def forwarded_by(path: Path) -> str | None:
        f = bundles.forwarded_by.get(path)
        return None if f is None else f.label

    def annotate(f: FileOutcome) -> None:
        if f.forwarder_key_known is None:
            f.forwarder_key_known = bundles.key_known.get(Path(f.file))

    report = merge_files(
        store,
        [p for p in paths if p not in refused],
        folder=str(folder),
        forwarded_by=forwarded_by,
        progress=progress,
        cancelled=cancelled,
        workers=workers,
        batch=batch,
        annotate=annotate,
    )
    for path, problem in refused.items():
        report.files.append(
            FileOutcome(
                file=str(path),
                outcome=REFUSED,
                detail=f"拒收：{problem['message']}",
                status=REFUSED,
                code=problem["code"],
                codes=[problem["code"]],
                message=problem["message"],
                forwarded_by=problem.get("forwarded_by"),
                forwarder_key_known=False if "forwarded_by" in problem else None,
            )
        )
    return report


def report_json(report: MergeReport) -> dict[str, Any]:
    return {
        **_report_head(report),
        "rejected": list(_rejected_json(report)),
        "files": [asdict(f) for f in report.files],
    }


def _report_head(report: MergeReport) -> dict[str, Any]:
    counts = report.counts()
    merged = counts[ACCEPTED] + counts[SUPERSEDED]
    return {"folder": report.folder, "merged": merged, "counts": counts, "cancelled": report.cancelled}


def _rejected_json(report: MergeReport) -> Iterator[dict[str, Any]]:
    return ({"file": f.file, "code": f.code, "message": f.message} for f in report.files if f.outcome == REFUSED)


def report_json_text(report: MergeReport, extra: dict[str, Any]) -> Iterator[str]:
    """``json.dumps({**report_json(report), **extra})`` a piece at a time, so printing the report of
    a large merge never holds all of it (the files are read back from the report's log)."""
    head = json.dumps({**_report_head(report), "rejected": 0, "files": 0, **extra}, ensure_ascii=False)
    before, after = head.split('"rejected": 0, "files": 0', 1)
    yield before + '"rejected": '
    yield from json_lines(_rejected_json(report))
    yield ', "files": '
    yield from json_lines(asdict(f) for f in report.files)
    yield after
