"""``gxjn-cli bureau merge | summary | keys | forward``: the bureau's side (docs/bureau.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gxjn_desktop.cli.output import EXIT_DATA_SAYS_NO, EXIT_OK, print_json, year_arg
from gxjn_desktop.domain.periods import Period

DB_HELP = "汇总库地址：默认为数据文件夹中的 bureau.db；PostgreSQL 写作 postgresql+psycopg://用户:密码@主机:端口/库名"
PERIOD_HELP = "期间：Y（全年，默认）、Q1…Q4、M01…M12"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("bureau", parents=[common], help="机关事务管理局：合并各单位报送包、汇总、密钥、向上级转报")
    bsub = b.add_subparsers(dest="bureau_command", metavar="操作", parser_class=type(b), required=True)

    p = bsub.add_parser("merge", parents=[common], help="校验并合并文件夹中的全部报送包（含下级转报的包）")
    p.add_argument("folder", type=Path, metavar="文件夹", help="存放报送包（.zip）的文件夹")
    p.add_argument("--roster", type=Path, help="应报单位名录 .xlsx（列见 docs/bureau.md）")
    p.add_argument("--out", type=Path, help="写出汇总工作簿 .xlsx")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_merge, creates_data_dir=True)

    p = bsub.add_parser("summary", parents=[common], help="已合并数据的汇总：按行政区域或按机构类型")
    p.add_argument("--year", type=year_arg, required=True, help="年度，如 2025")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument(
        "--by", choices=["region", "type"], default="region", help="region 按行政区域（默认），type 按机构类型"
    )
    p.add_argument("--out", type=Path, help="同时写出汇总工作簿 .xlsx")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_summary)

    k = bsub.add_parser("keys", parents=[common], help="各单位和转报机关的签名密钥：查看、确认更换")
    ksub = k.add_subparsers(dest="keys_command", metavar="操作", parser_class=type(k), required=True)
    p = ksub.add_parser("list", parents=[common], help="列出登记的和待确认的密钥")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_keys_list)
    p = ksub.add_parser(
        "accept", parents=[common], help="电话核实后，登记单位或转报机关的新密钥（之后重新合并即可采用其报送包）"
    )
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--uscc", help="单位的统一社会信用代码")
    who.add_argument("--bureau", help="转报机关的名称（与其转报清单中的名称一致）")
    p.add_argument("--fingerprint", required=True, help="新密钥的指纹（keys list 或合并报告中显示）")
    p.add_argument(
        "--replaces", metavar="FP", help="仅用于 --bureau：该机关原来登记的密钥指纹（同一机关更换了密钥时，停用旧密钥）"
    )
    p.add_argument("--db", help=DB_HELP)
    p.set_defaults(handler=cmd_keys_accept)

    p = bsub.add_parser("forward", parents=[common], help="把本局采用的报送包原样转报上级，附本局签名的清单")
    p.add_argument("--period", required=True, help="期间，如 2025-Y、2025-Q2；给了 --year 时也可只写 Y、Q2")
    p.add_argument("--year", type=year_arg, help="年度，如 2025（与 --period Y、Q2 等合用，同 bureau summary）")
    p.add_argument("--out", type=Path, required=True, help="输出文件夹")
    p.add_argument("--name", default="", help="本局名称（写入转报清单，如 南宁市机关事务管理局）")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_forward)


def _store(args: argparse.Namespace, *, read_only: bool = False) -> Any:
    from gxjn_desktop.services.bureau.store import open_store

    return open_store(args.data_dir, args.db, read_only=read_only)


def _progress(done: int, total: int, outcome: Any) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r已处理 {done}/{total} 个报送包")
        if done == total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def cmd_merge(args: argparse.Namespace) -> int:
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.services.bureau.merge import OUTCOME_LABELS, merge_folder, report_json_text

    if not args.folder.is_dir():
        raise UserError(f"文件夹 {args.folder} 不存在", "请指定存放各单位报送包（.zip）的文件夹")
    roster = None
    if args.roster is not None:
        from gxjn_desktop.services.bureau.roster import read_roster

        roster = read_roster(args.roster)  # read first: a bad roster must not cost a merge
    store = _store(args)
    try:
        report = merge_folder(store, args.folder, progress=_progress)
        extra = _after_merge(store, report, roster, args.out)
    finally:
        store.close()
    if args.json:  # one JSON line as print_json writes it, the files read back one by one
        sys.stdout.writelines(report_json_text(report, extra))
        sys.stdout.write("\n")
    else:
        for f in report.files:
            print(f"{Path(f.file).name}：{OUTCOME_LABELS[f.outcome]}。{f.detail}")
        c = report.counts()
        print(
            f"共 {len(report.files)} 个文件：采用 {c['accepted']}，存档 {c['superseded']}，重复 {c['duplicate']}，拒收 {c['refused']}"
        )
        if "roster" in extra:
            r = extra["roster"]
            print(
                f"名录：应报 {r['expected']} 家，已收到 {r['arrived']} 家，未报 {len(r['missing'])} 家，不在名录 {len(r['not_on_roster'])} 家，信息不一致 {len(r['differences'])} 家"
            )
        if extra.get("workbook"):
            print(f"汇总工作簿：{extra['workbook']}")
    return EXIT_DATA_SAYS_NO if report.counts()["refused"] else EXIT_OK


def _after_merge(store: Any, report: Any, roster: Any, out: Path | None) -> dict[str, Any]:
    """The roster comparison and the workbook for the latest period this folder brought."""
    from gxjn_desktop.services.bureau.store import transaction

    periods = sorted({f.period for f in report.files if f.period and f.status == "accepted"})
    if not periods:
        with transaction(store) as repo:
            periods = sorted(repo.periods())
    extra: dict[str, Any] = {}
    if not periods:
        if out is not None:
            extra["workbook"] = str(_write(store, None, report, None, out))
        return extra
    period = periods[-1]
    chosen = Period.from_key(period)
    year, code = chosen.year, chosen.code
    extra["period"] = period
    cmp = None
    if roster is not None:
        from gxjn_desktop.services.bureau.roster import compare_roster

        with transaction(store) as repo:
            units = repo.current_facts(period)
        cmp = compare_roster(roster, units)
        extra["roster"] = cmp.as_json()
    if out is not None:
        extra["workbook"] = str(_write(store, (year, code), report, cmp, out))
    return extra


def _write(store: Any, period: tuple[int, str] | None, report: Any, cmp: Any, out: Path) -> Path:
    from gxjn_desktop.services.bureau.checks import cross_unit_flags
    from gxjn_desktop.services.bureau.queries import unit_details
    from gxjn_desktop.services.bureau.summary import BY_REGION, BY_TYPE, compute_summary, load_summary
    from gxjn_desktop.services.bureau.workbook import write_summary_workbook

    if period is None:
        empty = compute_summary([], [], year=0, period="", by=BY_REGION)
        return write_summary_workbook(
            out, empty, compute_summary([], [], year=0, period="", by=BY_TYPE), [], report=report
        )
    year, code = period
    return write_summary_workbook(
        out,
        load_summary(store, year, code, BY_REGION),
        load_summary(store, year, code, BY_TYPE),
        unit_details(store, year, code),
        report=report,
        roster=cmp,
        flags=cross_unit_flags(store, year, code),
        extra_sheets=_work_plan_sheet(store, year) if code == "Y" else (),
    )


def _work_plan_sheet(store: Any, year: int) -> list[Any]:
    """The year's 工作安排进度 sheet (none before the first work plan)."""
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.services.bureau.queries import accepted_packets
    from gxjn_desktop.services.workplan.progress import progress_for
    from gxjn_desktop.services.workplan.progress_sheet import write_progress_sheet

    try:
        progress = progress_for(accepted_packets(store, year), year, None)
    except UserError:
        return []
    return [lambda wb: write_progress_sheet(wb, progress)]


def cmd_summary(args: argparse.Namespace) -> int:
    from gxjn_desktop.domain.numbers import INDICATOR_PLACES, format_fixed
    from gxjn_desktop.services.bureau.summary import INDICATORS, load_summary, summary_json

    store = _store(args, read_only=True)
    try:
        summary = load_summary(store, args.year, args.period, args.by)
        if args.out is not None:
            _write(store, (args.year, args.period), None, None, args.out)
    finally:
        store.close()
    data = summary_json(summary)
    if args.json:
        print_json(data)
        return EXIT_OK
    if not summary.units:
        print(f"{data['period']} 还没有采用任何单位的报送包")
        return EXIT_OK
    print(
        f"{data['period']} 汇总（{'按行政区域' if args.by == 'region' else '按机构类型'}），共 {data['units']} 家单位"
    )
    print("地区/类型                单位数     用能人数      综合能耗(tce)     二氧化碳(tCO2)   人均综合能耗(kgce/人)")
    for g in [*summary.groups, summary.total]:
        indent = {"city": "  ", "county": "    "}.get(g.level, "")
        j = next(x for x in data["groups"] + [data["total"]] if x["key"] == g.key and x["level"] == g.level)
        per = format_fixed(g.indicators[INDICATORS[0][0]].value, INDICATOR_PLACES) or "-"
        print(
            f"{indent + g.label:<20}{g.units:>8}{j['people']['value'] or '-':>12}"
            f"{j['comprehensive_energy_tce']['value'] or '-':>18}{j['co2_t']['value'] or '-':>18}{per:>16}"
        )
    print("说明：各合计只加报告了该项的单位（缺项不按 0 计）；地区指标为合计之比，不是各单位指标的平均。")
    return EXIT_OK


def cmd_keys_list(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.bureau.keys import list_forwarder_keys, list_keys

    store = _store(args, read_only=True)
    try:
        keys, forwarders = list_keys(store), list_forwarder_keys(store)
    finally:
        store.close()
    labels = {"registered": "已登记", "pending": "待确认", "retired": "已停用"}
    if args.json:
        print_json(
            {
                "keys": [
                    {
                        "uscc": k.uscc,
                        "fingerprint": k.fingerprint,
                        "status": k.status,
                        "first_seen": k.first_seen.isoformat(timespec="seconds"),
                    }
                    for k in keys
                ],
                "bureau_keys": [
                    {
                        "bureau": k.name,
                        "fingerprint": k.fingerprint,
                        "status": k.status,
                        "first_seen": k.first_seen.isoformat(timespec="seconds"),
                    }
                    for k in forwarders
                ],
            }
        )
        return EXIT_OK
    for k in keys:
        print(f"{k.uscc}  {k.fingerprint}  {labels.get(k.status, k.status)}  首次收到 {k.first_seen:%Y-%m-%d %H:%M}")
    for f in forwarders:
        print(
            f"转报机关 {f.name or '（未署名）'}  {f.fingerprint}  {labels.get(f.status, f.status)}"
            f"  首次收到 {f.first_seen:%Y-%m-%d %H:%M}"
        )
    print(f"共 {len(keys) + len(forwarders)} 个密钥" if keys or forwarders else "还没有收到任何单位的报送包")
    return EXIT_OK


def cmd_keys_accept(args: argparse.Namespace) -> int:
    from gxjn_desktop.errors import UserError
    from gxjn_desktop.services.bureau.keys import accept_forwarder_key, accept_key

    if args.replaces is not None and args.bureau is None:
        raise UserError("--replaces 只用于转报机关（--bureau）", "单位更换密钥时，登记新密钥即自动停用旧密钥")
    store = _store(args)
    try:
        if args.bureau is not None:
            fkey = accept_forwarder_key(store, args.bureau, args.fingerprint, args.replaces)
            after = f"原密钥 {args.replaces.strip().lower()} 已停用" if args.replaces else "同名机关的其他密钥不受影响"
            print(f"已登记转报机关“{fkey.name}”的密钥 {fkey.fingerprint}；{after}。请重新合并其转报的文件夹。")
            return EXIT_OK
        key = accept_key(store, args.uscc, args.fingerprint)
    finally:
        store.close()
    print(f"已登记单位 {key.uscc} 的新密钥 {key.fingerprint}；原密钥已停用。请重新合并该单位的报送包。")
    return EXIT_OK


def _period_key(args: argparse.Namespace) -> str:
    """``--period 2025-Y`` as it stands, or ``--year 2025 --period Y`` (cli.md's P) joined into it."""
    if args.year is None:
        return str(args.period)
    period = Period.parse(args.year, args.period)
    return f"{period.year}-{period.code}"


def cmd_forward(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.bureau.forward import forward

    store = _store(args)
    try:
        result = forward(store, args.data_dir, _period_key(args), args.out, args.name)
    finally:
        store.close()
    if args.json:
        print_json(result)
    else:
        print(
            f"已把 {result['packets']} 个报送包及签名清单写入 {result['out']}（本局密钥指纹 {result['key_fingerprint']}）"
        )
    return EXIT_OK
