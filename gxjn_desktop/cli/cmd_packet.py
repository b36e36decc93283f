"""报送 from the command line: ``export``, ``verify`` and ``reopen`` (cli.md §The packet)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gxjn_desktop.cli.output import EXIT_DATA_SAYS_NO, EXIT_OK, print_json, year_arg
from gxjn_desktop.cli.session import opened_store
from gxjn_desktop.errors import UserError

PERIOD_HELP = "期间：Y（全年，默认）、Q1…Q4、M01…M12、YTD-M01…YTD-M12"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("export", parents=[common], help="导出报送数据包（须通过导出检查；导出后该期间锁定为已上报）")
    p.add_argument("--year", type=year_arg, required=True, help="年度，如 2025")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument("--out", type=Path, required=True, help="数据包存放的文件夹")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("verify", parents=[common], help="校验报送数据包（不解压到磁盘）；退出码 0 表示有效")
    p.add_argument("packet", type=Path, metavar="数据包", help="数据包 .zip")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser(
        "reopen", parents=[common], help="重新打开已上报的期间以更正数据（须写明原因；下次导出为下一版）"
    )
    p.add_argument("--year", type=year_arg, required=True, help="年度")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument("--reason", required=True, help="更正原因（写入下一版数据包）")
    p.add_argument("--by", default="", help="操作人")
    p.set_defaults(handler=cmd_reopen)


def _period(args: argparse.Namespace) -> Any:
    from gxjn_desktop.domain.periods import Period

    return Period.parse(args.year, args.period)


def cmd_export(args: argparse.Namespace) -> int:
    from gxjn_desktop.render.pdf import write_report_pdf  # QtGui: only when exporting
    from gxjn_desktop.services.checks import finding_json
    from gxjn_desktop.services.finding_words import location_text, meter_names
    from gxjn_desktop.services.packet.export import ExportRefused, export_packet

    period = _period(args)
    with opened_store(args, writes=True) as service:
        try:
            if period.year not in service.ledger().years():
                raise UserError(f"{period.year} 年没有数据", "请选择已录入数据的年度")
            result = export_packet(service, period, args.out, write_pdf=write_report_pdf)
        except ExportRefused as refused:
            check = refused.result
            if args.json:
                print_json(
                    {
                        "packet": None,
                        "export_allowed": False,
                        "message": check.gate.summary(),
                        "missing_months": list(check.missing_months),
                        "findings": [finding_json(f) for f in check.blocking],
                    }
                )
            else:
                print(f"{period.label}{check.gate.summary()}")
                names = meter_names(service.ledger().meters)
                for f in check.blocking:
                    where = location_text(f.location, names)
                    print(f"[{f.severity.label}] {f.rule_id} {where}：{f.message}。{f.hint}")
                print("请改正错误、为警告填写说明并填完各月数据后再导出（gxjn-cli check 可查看全部检查结果）。")
            return EXIT_DATA_SAYS_NO
    if args.json:
        print_json(
            {
                "packet": str(result.path),
                "period": result.period,
                "revision": result.revision,
                "fingerprint": result.fingerprint,
                "key_fingerprint": result.key_fingerprint,
                "public_key": result.public_key,
                "data_sha256": result.data_sha256,
                "tag_manifest_sha256": result.tag_manifest_sha256,
                "reused": result.reused,
            }
        )
        return EXIT_OK
    again = "（期间未改动，按已上报的内容重新生成）" if result.reused else ""
    print(f"已导出 {period.label} 第 {result.revision} 版数据包{again}：{result.path}")
    print(f"数据包指纹：{result.fingerprint}（密钥指纹 {result.key_fingerprint}）")
    print(f"签名公钥：{result.public_key}")
    print(f"{period.label}已锁定为已上报；如需更正，请用 gxjn-cli reopen 写明原因后修改，再导出下一版。")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.packet.keys import unit_public_key
    from gxjn_desktop.services.packet.verify import verify_packet

    result = verify_packet(args.packet)
    # cli.md: "with --data-dir of a unit, the key is compared with the unit's own" — a unit that
    # happens to live in the default folder (the demo's USCC is everyone's) is not asked unless named.
    own = unit_public_key(args.data_dir, result.uscc) if args.data_dir_given else None
    if own is None:  # a bureau's data folder: the key it registered for the unit (docs/bureau.md)
        from gxjn_desktop.services.bureau.keys import registered_key_in

        own = registered_key_in(args.data_dir, result.uscc)
    if own is not None:
        result = verify_packet(args.packet, registered_key=own)
    if args.json:
        print_json(result.to_json())
    elif result.ok:
        name = result.bag_info.get("Gxjn-Unit-Name", "")
        known = "，与本单位登记的密钥一致" if result.key_known else "（密钥未经登记核对）"
        print(f"数据包有效：{name} {result.period} 第 {result.revision} 版，密钥指纹 {result.key_fingerprint}{known}")
    else:
        print(f"数据包无效：{args.packet}（{len(result.problems)} 个问题）")
        for p in result.problems:
            print(f"[{p.code}] {p.file or '-'}：{p.message}")
    sys.stdout.flush()
    return EXIT_OK if result.ok else EXIT_DATA_SAYS_NO


def cmd_reopen(args: argparse.Namespace) -> int:

    period = _period(args)
    with opened_store(args, writes=True) as service:
        latest = service.reopen_period(period.year, period.code, args.reason, args.by)
    print(
        f"已重新打开 {period.label}（已上报第 {latest.revision} 版）：改正数据后导出即为第 {latest.revision + 1} 版，更正原因：{args.reason.strip()}"
    )
    return EXIT_OK
