"""``gxjn-cli --self-test``: does this installation work? One JSON line; exit 0 only if every part does.

Made for the frozen build (CI runs it on the Linux bundle, the Windows workflow on the Windows
one) but runs the same from a checkout. Every part works in a temporary folder, never in the
user's data folder, and reports its own time: Qt's platform plugin and Chinese translation, the
reference files, a fresh database migrated to head, a workbook written and read back, a packet
exported and verified. Like ``__main__`` this module is a composition root:
it reaches the Qt checks in ``gui`` and the data layers, which ``cli`` itself may not import.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxjn_desktop import __version__

if TYPE_CHECKING:
    from gxjn_desktop.services.ledger_service import LedgerService

Check = Callable[[Path], dict[str, Any]]


def _qt_platform(_: Path) -> dict[str, Any]:
    from gxjn_desktop.gui.self_check import check_platform

    return check_platform()


def _qt_translation(_: Path) -> dict[str, Any]:
    from gxjn_desktop.gui.self_check import check_translation

    return check_translation()


def _reference_files(_: Path) -> dict[str, Any]:
    from gxjn_desktop.paths import resource_path
    from gxjn_desktop.services.checks import rules_json
    from gxjn_desktop.services.reference_data import REFERENCE_FILES, load_reference, read_reference_file

    versions = {name: str(read_reference_file(name)["version"]) for name in REFERENCE_FILES}
    load_reference()  # coefficients, factors and targets build into the domain's reference data
    every = sorted(resource_path().rglob("*.json"))  # schemas and whatever else ships: each must parse
    for path in every:
        json.loads(path.read_text(encoding="utf-8"))
    return {"versions": versions, "rules": len(rules_json()["rules"]), "json_files": len(every)}


def _database(folder: Path) -> dict[str, Any]:
    from gxjn_desktop.paths import database_path
    from gxjn_desktop.services.ledger_service import LedgerService
    from gxjn_desktop.storage.migrate import current_revision, head_revision

    data = folder / "database"
    LedgerService.open(data).close()  # creates the file and migrates it to head
    revision, head = current_revision(database_path(data)), head_revision()
    if revision != head:
        raise RuntimeError(f"新建的数据库停在版本 {revision}，应为 {head}")
    return {"revision": revision, "sqlite": sqlite3.sqlite_version}


def _demo_service(folder: Path) -> LedgerService:
    """A fresh database in ``folder`` holding the demo unit."""
    from gxjn_desktop.services.demo import build_demo_ledger
    from gxjn_desktop.services.ledger_service import LedgerService

    service = LedgerService.open(folder / "data")
    try:
        service.replace_everything(build_demo_ledger())
    except BaseException:
        service.close()
        raise
    return service


def _workbook(folder: Path) -> dict[str, Any]:
    from gxjn_desktop.services.demo import demo_years
    from gxjn_desktop.services.workbook.importer import read_workbook
    from gxjn_desktop.services.workbook.template import write_template

    service = _demo_service(folder)
    try:
        ledger = service.ledger()
    finally:
        service.close()
    year = demo_years(date.today())[1]
    path = write_template(ledger, year, folder / "填报.xlsx")
    plan = read_workbook(path, ledger)
    if plan.added or plan.changed or not plan.unchanged:
        raise RuntimeError(f"工作簿读回后与原数据不一致：新增 {plan.added}，修改 {plan.changed}")
    return {"year": year, "rows_read_back": plan.unchanged, "bytes": path.stat().st_size}


def _packet(folder: Path) -> dict[str, Any]:
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.render.pdf import write_report_pdf
    from gxjn_desktop.services.demo import demo_years
    from gxjn_desktop.services.packet.export import export_packet
    from gxjn_desktop.services.packet.verify import verify_packet

    year = demo_years(date.today())[0]  # the demo's first year is complete and signed: it passes the gate
    out = folder / "out"
    out.mkdir()
    service = _demo_service(folder)
    try:
        exported = export_packet(service, Period.parse(year, "Y"), out, write_pdf=write_report_pdf)
    finally:
        service.close()
    verified = verify_packet(exported.path)
    if not verified.ok:
        raise RuntimeError("导出的数据包未通过校验：" + "；".join(p.message for p in verified.problems))
    return {
        "period": exported.period,
        "bytes": exported.path.stat().st_size,
        "fingerprint": exported.fingerprint,
        "pdf_bytes": _member_size(exported.path, "data/report.pdf"),
    }


def _member_size(packet: Path, suffix: str) -> int:
    import zipfile

    with zipfile.ZipFile(packet) as z:
        return next(i.file_size for i in z.infolist() if i.filename.endswith(suffix))


PARTS: dict[str, Check] = {
    "qt_platform": _qt_platform,
    "qt_translation": _qt_translation,
    "reference_files": _reference_files,
    "database": _database,
    "workbook": _workbook,
    "packet": _packet,
}


def run_self_test() -> dict[str, Any]:
    parts: dict[str, Any] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="gxjn-self-test-") as tmp:
        for name, check in PARTS.items():
            t0 = time.perf_counter()
            folder = Path(tmp) / name
            folder.mkdir()
            try:
                part: dict[str, Any] = {"ok": True, **check(folder)}
            except Exception as exc:  # every failure is reported, none stops the other parts
                where = traceback.extract_tb(exc.__traceback__)[-1]
                part = {
                    "ok": False,
                    "error": f"{type(exc).__name__}: {exc}",
                    "at": f"{Path(where.filename).name}:{where.lineno}",
                }
            part["seconds"] = round(time.perf_counter() - t0, 3)
            parts[name] = part
    return {
        "ok": all(p["ok"] for p in parts.values()),
        "version": __version__,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": sys.version.split()[0],
        "seconds": round(time.perf_counter() - started, 3),
        "parts": parts,
    }
