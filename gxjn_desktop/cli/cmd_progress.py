"""``gxjn-cli bureau progress``: every goal of the year's work plan against the merged packets (cli.md)."""

from __future__ import annotations

import argparse
from typing import Any

from gxjn_desktop.cli.output import EXIT_OK, print_json, year_arg


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add ``progress`` under ``bureau`` (creating ``bureau`` when no other module has): call it
    after every module that registers ``bureau`` subcommands."""
    bureau = sub.choices.get("bureau")
    if bureau is None:
        bureau = sub.add_parser("bureau", parents=[common], help="机关事务管理局：汇总各单位报送的数据包")
    # argparse keeps a parser's sub-commands only in its (stable, long-standing) private _actions
    actions = [a for a in bureau._actions if isinstance(a, argparse._SubParsersAction)]
    bsub = (
        actions[0]
        if actions
        else bureau.add_subparsers(dest="bureau_command", metavar="操作", parser_class=type(bureau), required=True)
    )
    p = bsub.add_parser("progress", parents=[common], help="全区工作安排各项目标的完成情况（按已采用的数据包）")
    p.add_argument("--year", type=year_arg, required=True, help="年度，如 2025")
    p.add_argument(
        "--db", default=None, help="机关事务管理局数据库的 SQLAlchemy 地址（默认为数据文件夹中的 bureau.db）"
    )
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_progress)


def cmd_progress(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.bureau.queries import accepted_packets
    from gxjn_desktop.services.bureau.store import open_store
    from gxjn_desktop.services.workplan.progress import progress_for

    store = open_store(args.data_dir, args.db, read_only=True)
    try:
        data = progress_for(accepted_packets(store, args.year), args.year, args.data_dir)
    finally:
        store.close()
    if args.json:
        print_json(data)
        return EXIT_OK
    print_text(data)
    return EXIT_OK


def print_text(data: dict[str, Any]) -> None:
    plan = data["plan"]
    print(f"{data['year']} 年全区工作安排进度（{plan['label']}）")
    print(f"已采用数据包 {data['units']} 个单位，其中 {data['units_with_work_plan']} 个报送了工作任务")
    for g in data["goals"]:
        unit = {"m2": " m²", "projects": " 个", "kW": " kW", "items": " 件", "pct": "%"}[g["unit"]]
        target = f"目标 {g['target']}{unit}" if g["target"] is not None else "无目标"
        share = f"，完成 {g['share_pct']}%" if g["share_pct"] is not None and g["unit"] != "pct" else ""
        counted = (
            f"（{g['count']}/{g['units_counted']} 个单位）" if "count" in g else f"（{g['units_counted']} 个单位）"
        )
        achieved = f"{g['achieved']}{unit}" if g["achieved"] is not None else "-"
        print(f"  {g['label']}：{achieved}，{target}{share}{counted}，{g['status_label']}")
    for ind in data["indicators"]:
        print(
            f"  {ind['label']}：{ind['value'] or '-'}，同比 {ind['change_pct'] + '%' if ind['change_pct'] else '-'}，"
            f"目标 {ind['target_pct']}%"
            f"，{ind['status_label']}（{ind['units_counted']} 个单位合计）"
        )
    if data["units_reporting_nothing"]:
        names = "、".join(u["name"] for u in data["units_reporting_nothing"][:10])
        print(f"未报送工作任务的单位（{len(data['units_reporting_nothing'])} 个）：{names}")
