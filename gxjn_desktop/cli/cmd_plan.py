"""``gxjn-cli plan``: the unit's work-plan tasks for a year and the plan that applies (cli.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gxjn_desktop.cli.output import EXIT_OK, print_json, year_arg
from gxjn_desktop.cli.session import load_ledger
from gxjn_desktop.errors import UserError


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("plan", parents=[common], help="本单位某年的工作任务及适用的工作安排（目标）")
    p.add_argument("--year", type=year_arg, default=None, help="年度，如 2025")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        default=None,
        metavar="FILE.json",
        help="导入机关事务管理局下发的以后年度工作安排文件（保存在数据文件夹中，原有的保留）",
    )
    p.set_defaults(handler=cmd_plan)


def cmd_plan(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.reference_data import load_reference
    from gxjn_desktop.services.workplan.plans import import_plan, plan_for
    from gxjn_desktop.services.workplan.summary import work_plan_json

    if args.import_file is not None:
        if not args.import_file.is_file():
            raise UserError(f"找不到文件 {args.import_file}", "请检查工作安排文件的路径")
        plan = import_plan(args.import_file, args.data_dir)
        if args.json:
            print_json({"imported": {"year": plan.year, "version": plan.version, "document": plan.document}})
        else:
            print(f"已导入 {plan.year} 年工作安排（{plan.document}，版本 {plan.version}）")
        return EXIT_OK
    if args.year is None:
        raise UserError("缺少 --year", "例如 gxjn-cli plan --year 2025")
    ledger = load_ledger(args)
    if args.year not in ledger.profiles and not ledger.tasks_of(args.year) and args.year not in ledger.years():
        raise UserError(f"{args.year} 年没有任何数据", "请先录入该年的基本信息或工作任务，或选择其他年度")
    data = work_plan_json(ledger, args.year, plan_for(args.year, args.data_dir), load_reference())
    if args.json:
        print_json({"year": args.year, **data})
        return EXIT_OK
    print_text(data)
    return EXIT_OK


def print_text(data: dict[str, Any]) -> None:
    plan, summary = data["plan"], data["summary"]
    print(f"{data['unit']['name']}  {plan['year']} 年工作任务")
    print(f"适用工作安排：{plan['label']}，版本 {plan['version']}")
    for t in data["tasks"]:
        parts = [t["kind_label"]]
        if t.get("quarter"):
            parts.append(f"第 {t['quarter']} 季度")
        if t.get("name"):
            parts.append(t["name"])
        if t["quantity"] is not None:
            parts.append(f"{t['quantity_label']} {t['quantity']} {t['quantity_unit']}".rstrip())
        if t.get("grade"):
            parts.append(t["grade"])
        if t["status_label"]:
            parts.append(t["status_label"])
        if t["date"]:
            parts.append(t["date"])
        if t["document_no"]:
            parts.append(t["document_no"])
        print("  " + "  ".join(parts))
    if not data["tasks"]:
        print("  （该年还没有录入工作任务）")
    yes = {True: "是", False: "否"}
    print(
        f"合计：节能改造（已完成）{summary['retrofit_area_m2']} m²；屋顶光伏 {summary['pv_projects']} 个、"
        f"{summary['pv_capacity_kw']} kW；合同能源管理 {summary['emc_projects']} 个；"
        f"废旧电子产品 {summary['ewaste_items']} 件；节约型机关 {yes[summary['saving_org']]}；"
        f"节水型单位 {yes[summary['water_saving_unit']]}"
    )
