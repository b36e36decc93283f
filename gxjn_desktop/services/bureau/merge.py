"""Merging a folder of report packets into the bureau's store.

Every packet is verified exactly as ``gxjn-cli verify`` does (read from the zip in memory, never
unpacked), in parallel over the cores; the store is written by this process only, one packet per
transaction, so a cancel or a kill leaves the store as it was before the packet under way and a
second merge of the same folder finishes the job. The outcome of every file is reported.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.bureau import FactsError, facts_from_data
from gxjn_desktop.errors import UserError
from gxjn_desktop.services.bureau.store import BureauRepo, BureauStore, transaction

# Outcomes of one file in this merge (the stored status of a packet is one of the first three).
ACCEPTED = "accepted"
SUPERSEDED = "superseded"
DUPLICATE = "duplicate"
REFUSED = "refused"
OUTCOME_LABELS = {ACCEPTED: "已采用", SUPERSEDED: "已存档（被更新版本替代）", DUPLICATE: "重复", REFUSED: "已拒收"}

KEY_CHANGED = "KEY-CHANGED"
DATA_INCOMPLETE = "DATA-INCOMPLETE"
DATA_MISMATCH = "DATA-MISMATCH"
NOT_READABLE = "FILE-UNREADABLE"

POOL_THRESHOLD = 8  # fewer packets than this are verified in this process (a pool costs ~1 s to start)


@dataclass(frozen=True)
class Examined:
    """What verification found in one file (small and picklable: it crosses processes)."""

    file: str
    sha256: str
    ok: bool
    problems: list[dict[str, str]]
    data_json: str | None
    public_key: str | None  # hex
    key_fingerprint: str | None
    uscc: str | None
    period: str | None
    revision: int | None
    content: bytes | None = None  # the file itself, kept for forwarding


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


@dataclass
class MergeReport:
    folder: str
    files: list[FileOutcome] = field(default_factory=list)
    cancelled: bool = False

    @property
    def merged(self) -> int:
        return sum(1 for f in self.files if f.outcome in (ACCEPTED, SUPERSEDED))

    @property
    def rejected(self) -> list[FileOutcome]:
        return [f for f in self.files if f.outcome == REFUSED]

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys((ACCEPTED, SUPERSEDED, DUPLICATE, REFUSED), 0)
        for f in self.files:
            out[f.outcome] += 1
        return out


def _problem(code: str, message: str, file: str = "") -> dict[str, str]:
    return {"code": code, "file": file, "message": message}


def examine(path: Path) -> Examined:
    """Verify one packet file (runs in a worker process)."""
    from gxjn_desktop.services.packet.verify import verify_packet

    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Examined(
            path.name,
            "",
            False,
            [_problem(NOT_READABLE, f"无法读取文件：{exc.strerror}")],
            None,
            None,
            None,
            None,
            None,
            None,
        )
    sha = hashlib.sha256(raw).hexdigest()
    try:
        result = verify_packet(path)
    except UserError as err:  # the file went away or cannot be read
        return Examined(
            str(path), sha, False, [_problem(NOT_READABLE, err.one_line())], None, None, None, None, None, None
        )
    problems = [_problem(str(p.code), str(p.message), str(getattr(p, "file", "") or "")) for p in result.problems]
    data = result.data if result.ok else None
    return Examined(
        file=str(path),
        sha256=sha,
        ok=bool(result.ok) and not problems,
        problems=problems,
        data_json=None if data is None else json.dumps(data, ensure_ascii=False),
        public_key=None if result.public_key is None else bytes(result.public_key).hex(),
        key_fingerprint=result.key_fingerprint,
        uscc=result.uscc,
        period=result.period,
        revision=result.revision,
        content=raw if result.ok else None,
    )


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


def _examined_in_order(
    paths: list[Path], workers: int | None, examiner: Callable[[Path], Examined]
) -> Iterator[Examined]:
    """Verification results in file order; at most a few per worker wait, so memory stays flat."""
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or len(paths) < POOL_THRESHOLD:
        for p in paths:
            yield examiner(p)
        return
    window = 4 * n
    with ProcessPoolExecutor(max_workers=n, mp_context=get_context("spawn")) as pool:
        pending: deque[Future[Examined]] = deque()
        it = iter(paths)
        try:
            for p in it:
                pending.append(pool.submit(examiner, p))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for f in pending:
                f.cancel()


def apply_examined(repo: BureauRepo, ex: Examined, *, now: datetime, forwarded_by: str | None = None) -> FileOutcome:
    """Record one verified (or refused) file; the caller's transaction makes it all or nothing."""
    name = Path(ex.file).name
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
    if ex.sha256:
        seen = repo.packet_by_sha(ex.sha256)
        if seen is not None:
            out.outcome, out.status, out.key_known = DUPLICATE, seen.status, True
            out.detail = f"已于先前合并（{OUTCOME_LABELS.get(seen.status, seen.status)}），本次未改动"
            return out

    def refuse(problems: list[dict[str, str]]) -> FileOutcome:
        first = problems[0]
        out.outcome, out.status, out.code, out.message = REFUSED, REFUSED, first["code"], first["message"]
        out.codes = list(dict.fromkeys(p["code"] for p in problems))
        out.detail = f"拒收：{first['code']} {first['message']}"
        if ex.sha256:
            repo.record_rejection(
                sha256=ex.sha256,
                file_name=name,
                uscc=ex.uscc,
                period=ex.period,
                revision=ex.revision,
                problems=problems,
                now=now,
            )
        return out

    if not ex.ok or ex.data_json is None:
        return refuse(ex.problems or [_problem("INVALID", "报送包未通过校验")])
    try:
        facts = facts_from_data(json.loads(ex.data_json), ex.revision)
    except FactsError as exc:
        return refuse([_problem(DATA_INCOMPLETE, str(exc), "data/data.json")])
    if (ex.uscc and facts.uscc != ex.uscc) or (ex.period and facts.period != ex.period):
        return refuse(
            [
                _problem(
                    DATA_MISMATCH,
                    f"data.json 中的单位或期间（{facts.uscc} {facts.period}）与包信息不一致",
                    "data/data.json",
                )
            ]
        )
    out.uscc, out.period, out.revision = facts.uscc, facts.period, facts.revision
    key = ex.public_key or ""
    registered = repo.registered_key(facts.uscc)
    if registered is None:
        repo.register_key(facts.uscc, key, ex.key_fingerprint or "", now)
        out.key_known = False
    elif registered.public_key == key:
        out.key_known = True
    else:
        out.key_known = False
        repo.note_pending_key(facts.uscc, key, ex.key_fingerprint or "", now)
        return refuse(
            [
                _problem(
                    KEY_CHANGED,
                    f"该单位登记的签名密钥为 {registered.fingerprint}，本包的密钥为 {ex.key_fingerprint}；"
                    "请与该单位电话核实后用 gxjn-cli bureau keys accept 登记新密钥，再重新合并",
                )
            ]
        )
    current = repo.current_packet(facts.uscc, facts.period, lock=True)

    def add(status: str) -> None:
        repo.add_packet(
            facts,
            sha256=ex.sha256,
            file_name=name,
            status=status,
            key_fingerprint=ex.key_fingerprint or "",
            data_json=ex.data_json or "",
            received_at=now,
            forwarded_by=forwarded_by,
            content=ex.content,
        )

    if current is None:
        new_unit = repo.upsert_unit(facts, now)
        add(ACCEPTED)
        out.outcome = out.status = ACCEPTED
        out.detail = "采用：新单位" if new_unit else f"采用：新期间 {facts.period}"
    elif current.revision < facts.revision:
        repo.set_status(current.id, SUPERSEDED)
        repo.upsert_unit(facts, now)
        add(ACCEPTED)
        out.outcome = out.status = ACCEPTED
        out.detail = f"采用：第 {facts.revision} 版替换第 {current.revision} 版"
    elif current.revision > facts.revision:
        add(SUPERSEDED)
        out.outcome = out.status = SUPERSEDED
        out.detail = f"存档：已有更新的第 {current.revision} 版，本包（第 {facts.revision} 版）不计入汇总"
    else:
        add(DUPLICATE)
        out.outcome = out.status = DUPLICATE
        out.detail = f"重复：已采用内容不同的同一版本（第 {facts.revision} 版），本包存档、不计入汇总"
    repo.forget_rejection(ex.sha256)
    return out


ProgressFn = Callable[[int, int, FileOutcome], None]


def merge_files(
    store: BureauStore,
    paths: list[Path],
    *,
    folder: str = "",
    forwarded_by: Callable[[Path], str | None] | None = None,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
    examiner: Callable[[Path], Examined] = examine,
) -> MergeReport:
    report = MergeReport(folder=folder)
    total = len(paths)
    for i, ex in enumerate(_examined_in_order(paths, workers, examiner), start=1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        by = forwarded_by(Path(ex.file)) if forwarded_by else None
        with transaction(store) as repo:
            outcome = apply_examined(repo, ex, now=datetime.now(), forwarded_by=by)
        report.files.append(outcome)
        if progress is not None:
            progress(i, total, outcome)
    return report


def merge_folder(
    store: BureauStore,
    folder: Path,
    *,
    progress: ProgressFn | None = None,
    cancelled: Callable[[], bool] | None = None,
    workers: int | None = None,
) -> MergeReport:
    """Verify and merge every packet under ``folder`` (forwarded bundles included)."""
    import importlib.util

    from gxjn_desktop.services.bureau.forward import bundle_sources

    if importlib.util.find_spec("gxjn_desktop.services.packet.verify") is None:
        raise UserError("这个版本的 gxjn 还不能校验报送包，无法合并", "请安装包含报送包功能的 gxjn 版本")
    paths = packet_files(folder)
    sources, refused = bundle_sources(folder, paths)
    report = merge_files(
        store,
        [p for p in paths if p not in refused],
        folder=str(folder),
        forwarded_by=sources.get,
        progress=progress,
        cancelled=cancelled,
        workers=workers,
    )
    for path, problem in refused.items():
        report.files.append(
            FileOutcome(
                file=str(path),
                outcome=REFUSED,
                detail=f"拒收：{problem['code']} {problem['message']}",
                status=REFUSED,
                code=problem["code"],
                message=problem["message"],
            )
        )
    return report


def report_json(report: MergeReport) -> dict[str, Any]:
    return {
        "folder": report.folder,
        "merged": report.merged,
        "counts": report.counts(),
        "cancelled": report.cancelled,
        "rejected": [{"file": f.file, "code": f.code, "message": f.message} for f in report.rejected],
        "files": [{k: v for k, v in asdict(f).items()} for f in report.files],
    }
