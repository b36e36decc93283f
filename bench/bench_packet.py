"""How long exporting and verifying one unit-year's packet takes (the demo's complete year).

Export is shown by part (data.json, report.xlsx, report.pdf, hashing and signing, writing the zip)
and as a ratio to a baseline measured in the same run: openpyxl alone writing the same cells as
report.xlsx (no styles, no print set-up). Verify is shown as a ratio to reading the zip's members
and parsing data.json, the least any reader must do.
Run: .venv/bin/python bench/bench_packet.py
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from openpyxl import Workbook, load_workbook

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.render.pdf import write_report_pdf as write_pdf
from gxjn_desktop.services.demo import build_demo_ledger
from gxjn_desktop.services.ledger_service import LedgerService
from gxjn_desktop.services.packet import bag, signing
from gxjn_desktop.services.packet.data import build_packet_data
from gxjn_desktop.services.packet.export import (
    data_json_bytes,
    export_packet,
    records_csv,
    render_reports,
)
from gxjn_desktop.services.packet.report_xlsx import write_report_xlsx as write_xlsx
from gxjn_desktop.services.packet.verify import verify_packet

TODAY = date(2026, 11, 24)
PERIOD = Period.parse(2024, "Y")


def best_of(n: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ledger = build_demo_ledger(TODAY)
    key = signing.new_signing_key()
    data = build_packet_data(ledger, PERIOD, revision=1, today=TODAY)
    data_bytes = data_json_bytes(data)
    xlsx, pdf = render_reports(data, "0" * 16, write_pdf)
    cells = [
        [c for c in row] for ws in load_workbook(io.BytesIO(xlsx)).worksheets for row in ws.iter_rows(values_only=True)
    ]
    payload = {"data/data.json": data_bytes, "data/report.xlsx": xlsx, "data/report.pdf": pdf,
               "data/records.csv": records_csv(ledger, PERIOD)}  # fmt: skip
    comment = bag.trusted_comment(ledger.unit.uscc, "2024-Y", 1, "2026-11-24T00:00:00+08:00")

    def baseline_xlsx() -> None:
        wb = Workbook()
        ws = wb.active
        for row in cells:
            ws.append(list(row))
        wb.save(io.BytesIO())

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        parts = {
            "data.json (figures, checks, inputs)": lambda: data_json_bytes(
                build_packet_data(ledger, PERIOD, revision=1, today=TODAY)
            ),
            "report.xlsx": lambda: write_xlsx(data, folder / "r.xlsx", fingerprint="0" * 16),
            "report.pdf": lambda: write_pdf(data, folder / "r.pdf", fingerprint="0" * 16),
            "hashing (SHA-256 manifests)": lambda: bag.manifest(payload),
            "signing (minisign ED)": lambda: signing.sign(bag.manifest(payload), key, comment),
            "writing the zip (fsync, rename)": lambda: bag.write_zip(
                folder / "p.zip",
                "p",
                bag.build_bag(payload, [], key, comment).files,
                datetime.now(),
            ),
        }
        base = best_of(5, baseline_xlsx)
        print(f"demo unit-year: {len(ledger.meters)} meters, report.xlsx {len(cells)} rows, "
              f"data.json {len(data_bytes) // 1024} KiB, report.pdf {len(pdf) // 1024} KiB")  # fmt: skip
        print(f"baseline: openpyxl alone writing the same {len(cells)} rows: {base * 1000:.1f} ms")
        for name, fn in parts.items():
            t = best_of(3, fn)
            print(f"  {name:<36} {t * 1000:8.2f} ms  ({t / base:6.2f} × baseline)")

        def full_export(i: list[int] = [0]) -> Path:  # noqa: B006 - a counter across calls
            i[0] += 1
            unit = folder / f"unit{i[0]}"
            service = LedgerService.open(unit)
            try:
                service.replace_everything(ledger)
                out = folder / f"out{i[0]}"
                out.mkdir()
                t0 = time.perf_counter()
                path = export_packet(service, PERIOD, out, today=TODAY, write_pdf=write_pdf).path
                timings.append(time.perf_counter() - t0)
                return path
            finally:
                service.close()

        timings: list[float] = []
        packet = full_export()
        full_export()
        full = min(timings)
        print(
            f"whole export (gate, all parts, recording the revision): {full * 1000:.1f} ms ({full / base:.1f} × baseline)"
        )

        def plain_read() -> None:
            with zipfile.ZipFile(packet) as z:
                for n in z.namelist():
                    b = z.read(n)
                    if n.endswith("data.json"):
                        json.loads(b)

        vbase = best_of(5, plain_read)
        vt = best_of(5, lambda: verify_packet(packet))
        print(f"baseline: unzip every member in memory + parse data.json: {vbase * 1000:.1f} ms")
        print(
            f"verify (limits, bag, hashes, signature, schema, xlsx parts): {vt * 1000:.1f} ms ({vt / vbase:.1f} × baseline)"
        )


if __name__ == "__main__":
    main()
