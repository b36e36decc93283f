#!/usr/bin/env python3
"""Make the hostile and broken packets that every packet reader must refuse, from a real packet.

Usage (from the project root):
    .venv/bin/python scripts/make_hostile_packets.py [PACKET.zip] [--out tests/packet/hostile]
Without PACKET it exports the demo unit's complete year into a temporary folder first. Prints each
variant with the problem code `gxjn-cli verify` must give, and checks that it does (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gxjn_desktop.domain.periods import Period  # noqa: E402
from gxjn_desktop.render.pdf import write_report_pdf  # noqa: E402
from gxjn_desktop.services.demo import build_demo_ledger, demo_years  # noqa: E402
from gxjn_desktop.services.ledger_service import LedgerService  # noqa: E402
from gxjn_desktop.services.packet.export import export_packet  # noqa: E402
from gxjn_desktop.services.packet.verify import verify_packet  # noqa: E402
from tests.packet.hostile import make_hostile  # noqa: E402


def demo_packet(folder: Path) -> Path:
    service = LedgerService.open(folder / "unit")
    try:
        service.replace_everything(build_demo_ledger())
        (folder / "out").mkdir()
        return export_packet(
            service, Period.parse(demo_years(date.today())[0]), folder / "out", write_pdf=write_report_pdf
        ).path
    finally:
        service.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("packet", nargs="?", type=Path, help="a valid packet (default: export the demo's year)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "packet" / "hostile", help="where to write them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        packet = args.packet or demo_packet(Path(tmp))
        made = make_hostile(packet, args.out)
        failed = 0
        for _name, (path, code) in sorted(made.items()):
            codes = verify_packet(path).codes()
            ok = code in codes
            failed += not ok
            print(
                f"{'ok  ' if ok else 'FAIL'} {code:<24} {path.name}  ({', '.join(sorted(codes)) or 'no problem found'})"
            )
    print(f"{len(made)} hostile packets in {args.out}, {failed} not refused with their code")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
