"""Exporting a period (报送): the export gate, data.json, the reports, the signed bag, the lock.

A period is exported only when the export gate allows it (services.checks.ExportGate). The first
export is revision 1 and locks the period's months (已上报). Exporting a locked period again writes
the same revision from the data.json kept at export time (nothing changed, so nothing new to
report). A reopened period (``LedgerService.reopen_period``, with a reason) exports as the next
revision, carrying the reason and the field-by-field changes from the revision before.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from gxjn_desktop.domain.exports import ExportRecord, latest_exports
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import fen_to_yuan, format_fixed, plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.errors import GxjnError, UserError
from gxjn_desktop.services.checks import CheckResult, check_period
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet import bag, signing
from gxjn_desktop.services.packet.data import build_packet_data, period_name
from gxjn_desktop.services.packet.report_xlsx import write_report_xlsx

DATA_FINGERPRINT_CHARS = 12


class ExportRefused(GxjnError):
    """The export gate said no: the check result says why (exit 1, the blocking findings listed)."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(result.gate.summary())
        self.result = result


@dataclass(frozen=True)
class ExportResult:
    path: Path
    fingerprint: str  # printed on the PDF and the screens: key fingerprint + data.json hash
    key_fingerprint: str
    revision: int
    period: str  # 2025-Y
    data_sha256: str
    tag_manifest_sha256: str
    public_key: str  # minisign base64 line
    reused: bool  # an unchanged, locked period written again from its kept data.json


def packet_fingerprint(key_fingerprint: str, data_json: bytes) -> str:
    """What the PDF prints on every page: the key's fingerprint and the start of data.json's SHA-256.

    (The tag manifest's hash cannot be printed inside the bag it covers, so data.json's is used:
    data.json holds every figure of the report, and the tag manifest covers it through the payload
    manifest.)
    """
    return f"{key_fingerprint}-{bag.sha256_hex(data_json)[:DATA_FINGERPRINT_CHARS]}"


def data_json_bytes(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


# ---- the payload's other files ------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "计量器具编号", "计量器具名称", "品种", "单位", "年", "月", "本期示数", "用量", "金额（元）",
    "来源", "抄表日期", "确认翻转", "备注", "填报人", "填报时间",
)  # fmt: skip


def _text_cell(value: str) -> str:
    """A text cell that a spreadsheet never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def records_csv(ledger: Ledger, period: Period) -> bytes:
    """The period's month records, one per row (UTF-8 with BOM so Excel and WPS read it right)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    records = sorted(
        (r for r in ledger.records if r.year == period.year and r.month in period.months),
        key=lambda r: (r.meter_code, r.month),
    )
    for r in records:
        meter = ledger.meter(r.meter_code)
        w.writerow(
            [
                _text_cell(r.meter_code),
                _text_cell(meter.name),
                meter.carrier.label,
                meter.unit,
                r.year,
                r.month,
                "" if r.reading is None else plain(r.reading),
                "" if r.quantity is None else plain(r.quantity),
                "" if r.cost_fen is None else format_fixed(fen_to_yuan(r.cost_fen), 2),
                r.source.label,
                "" if r.reading_date is None else r.reading_date.isoformat(),
                "是" if r.rollover_confirmed else "",
                _text_cell(r.note),
                _text_cell(r.entered_by),
                "" if r.entered_at is None else r.entered_at.isoformat(timespec="minutes"),
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


Renderer = Callable[..., None]


def render_reports(data: dict[str, Any], fingerprint: str, write_pdf: Renderer) -> tuple[bytes, bytes]:
    """report.xlsx and report.pdf for ``data``, as bytes.

    The PDF writer is handed in by the front end (``gxjn_desktop.render.pdf.write_report_pdf``): the
    PDF printer sits above the services (it needs QtGui and prints the services' tables), so the
    services never import it.
    """
    with tempfile.TemporaryDirectory(prefix="gxjn-packet-") as tmp:
        xlsx_path, pdf_path = Path(tmp) / "report.xlsx", Path(tmp) / "report.pdf"
        write_report_xlsx(data, xlsx_path, fingerprint=fingerprint)
        write_pdf(data, pdf_path, fingerprint=fingerprint)
        return xlsx_path.read_bytes(), pdf_path.read_bytes()


# ---- export ---------------------------------------------------------------------------------------


def bag_info_labels(data: dict[str, Any], public_key: str) -> list[tuple[str, str]]:
    unit = data["unit"]
    contact: dict[str, Any] = next(iter(unit.get("contacts") or []), {})
    labels = [
        ("Bagging-Date", data["exported_at"][:10]),
        ("Source-Organization", unit["name"]),
        ("Gxjn-Unit-Name", unit["name"]),
        ("Gxjn-USCC", unit["uscc"]),
        ("Gxjn-Admin-Code", unit["admin_code"]),
        ("Gxjn-Period", data["period"]["name"]),
        ("Gxjn-Revision", str(data["revision"])),
        ("Gxjn-Program-Version", data["program_version"]),
        ("Gxjn-Schema-Version", data["schema_version"]),
        ("Gxjn-Exported-At", data["exported_at"]),
        ("Gxjn-Public-Key", public_key),
    ]
    if contact.get("name"):
        labels.append(("Contact-Name", str(contact["name"])))
    if contact.get("phone"):
        labels.append(("Contact-Phone", str(contact["phone"])))
    return labels


def export_packet(
    service: LedgerService,
    period: Period,
    out_dir: Path,
    *,
    today: date | None = None,
    now: datetime | None = None,
    write_pdf: Renderer,
) -> ExportResult:
    """Export ``period`` into ``out_dir``; raise ExportRefused when the gate says no.

    ``write_pdf(data, path, fingerprint=...)`` writes report.pdf (see :func:`render_reports`).
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise UserError(f"{out_dir} 是一个文件，不是文件夹", "请给出存放数据包的文件夹")
    if not out_dir.is_dir():
        raise UserError(f"输出文件夹 {out_dir} 不存在", "请先建立该文件夹，或换一个已有的文件夹")
    ledger = service.ledger()
    exports = service.exports()
    latest = latest_exports(exports).get((period.year, period.code))
    key = service.signing_key(signing.new_signing_key)
    assert key is not None
    key_fp = signing.key_fingerprint(key.public_key)
    reused = latest is not None and latest.locks
    if latest is not None and latest.locks:
        data: dict[str, Any] = json.loads(latest.data_json)
        data_bytes = latest.data_json.encode("utf-8")
    else:
        check = check_period(ledger, period, today)
        if not check.export_allowed:
            raise ExportRefused(check)
        data = build_packet_data(
            ledger,
            period,
            revision=1 if latest is None else latest.revision + 1,
            revision_reason=None if latest is None else latest.reopen_reason,
            previous_data=None if latest is None else json.loads(latest.data_json),
            today=today,
            exported_at=now,
            data_dir=service.db.path.parent,  # work plans the bureau issued later are kept there
        )
        data_bytes = data_json_bytes(data)
    fingerprint = packet_fingerprint(key_fp, data_bytes)
    xlsx, pdf = render_reports(data, fingerprint, write_pdf)
    payload = {
        "data/data.json": data_bytes,
        "data/report.xlsx": xlsx,
        "data/report.pdf": pdf,
        "data/records.csv": records_csv(ledger, period),
    }
    public = signing.public_key_base64(key)
    unit = data["unit"]
    name = period_name(period)
    revision = int(data["revision"])
    signed_at = (now or datetime.now().astimezone()).replace(microsecond=0)
    comment = bag.trusted_comment(unit["uscc"], name, revision, signed_at.isoformat())
    bag_files = bag.build_bag(payload, bag_info_labels(data, public), key, comment)
    stem = bag.packet_stem(unit["admin_code"], unit["uscc"], name, revision)
    path = bag.write_zip(out_dir / f"{stem}.zip", stem, bag_files.files, signed_at)
    data_sha = bag.sha256_hex(data_bytes)
    if not reused:
        service.record_export(
            ExportRecord(
                year=period.year,
                period_code=period.code,
                revision=revision,
                exported_at=str(data["exported_at"]),
                file_name=path.name,
                key_fingerprint=key_fp,
                packet_fingerprint=fingerprint,
                data_sha256=data_sha,
                data_json=data_bytes.decode("utf-8"),
                reason=data.get("revision_reason"),
            )
        )
    return ExportResult(
        path, fingerprint, key_fp, revision, name, data_sha, bag_files.tag_manifest_sha256, public, reused
    )
