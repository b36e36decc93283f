"""The subcommands. Each handler returns an exit code; user errors are raised as UserError.

Handlers import the data layers themselves, so ``--help`` and ``--version`` never load SQLAlchemy
(tests/cli/test_light_start.py keeps that true for every subcommand module).
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gxjn_desktop.cli.output import EXIT_DATA_SAYS_NO, EXIT_OK, print_json, year_arg
from gxjn_desktop.cli.session import load_ledger, opened_store
from gxjn_desktop.domain.numbers import INDICATOR_PLACES, PERCENT_PLACES, format_fixed, plain
from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.records import EXPLANATION_CAUSES
from gxjn_desktop.errors import UserError

if TYPE_CHECKING:
    pass

PERIOD_HELP = "期间：Y（全年，默认）、Q1…Q4、M01…M12、YTD-M01…YTD-M12"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", parents=[common], help="创建示例单位（两个完整年度的数据）")
    p.add_argument("--force", action="store_true", help="即使文件夹中已有单位也重新创建（原数据会被替换）")
    p.set_defaults(handler=cmd_demo, creates_data_dir=True)

    p = sub.add_parser("indicators", parents=[common], help="能源资源消费总量、综合能耗、碳排放和四项指标")
    p.add_argument("--year", type=year_arg, required=True, help="年度，如 2025")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_indicators)

    p = sub.add_parser("check", parents=[common], help="按审核规则检查数据；退出码 0 表示允许导出")
    p.add_argument("--year", type=year_arg, required=True, help="年度，如 2025")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("explain", parents=[common], help="为一条警告填写说明（用 check --json 中的 fingerprint 指定）")
    p.add_argument("--year", type=year_arg, required=True, help="年度")
    p.add_argument("--period", default="Y", help=PERIOD_HELP)
    p.add_argument("--fingerprint", required=True, help="check --json 输出中该条警告的 fingerprint")
    p.add_argument("--cause", required=True, help="原因：" + "、".join(EXPLANATION_CAUSES))
    p.add_argument("--text", default="", help="具体说明")
    p.add_argument("--by", default="", help="填写人")
    p.set_defaults(handler=cmd_explain)

    p = sub.add_parser("rules", parents=[common], help="审核规则目录（编号、级别、阈值及来源）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_rules)

    p = sub.add_parser("template", parents=[common], help="生成本单位的填报工作簿（Excel）")
    p.add_argument("--out", type=Path, required=True, help="输出文件，如 填报.xlsx")
    p.add_argument("--year", type=year_arg, default=None, help="年度（默认为去年）")
    p.set_defaults(handler=cmd_template)

    q = sub.add_parser("quota", parents=[common], help="能耗定额：查看、录入、导入机关事务管理局下达的定额，查看进度")
    qsub = q.add_subparsers(dest="quota_command", metavar="操作", parser_class=type(q), required=True)
    p = qsub.add_parser("list", parents=[common], help="列出某年的定额")
    p.add_argument("--year", type=year_arg, required=True, help="年度")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_quota_list)
    p = qsub.add_parser("set", parents=[common], help="录入或修改一项定额（按下达文件填写）")
    p.add_argument("--year", type=year_arg, required=True, help="年度")
    p.add_argument(
        "--indicator", required=True, help="指标：" + "、".join(f"{i.value}（{i.label}）" for i in QuotaIndicator)
    )
    p.add_argument("--value", required=True, help="定额数值（单位见指标）")
    p.add_argument(
        "--level",
        default="issued",
        help="级别：issued 下达指标（默认）、constraint 约束值、benchmark 基准值、guide 引导值",
    )
    p.add_argument("--basis", default="equivalent", help="口径：equivalent 当量值（默认）或 equal_value 等价值")
    p.add_argument("--document", default="", help="下达文件文号或标准编号")
    p.set_defaults(handler=cmd_quota_set)
    p = qsub.add_parser(
        "import", parents=[common], help="导入机关事务管理局的定额工作簿（工作表“能耗定额”，每行一项定额）"
    )
    p.add_argument("file", type=Path, metavar="定额工作簿", help="定额工作簿 .xlsx")
    p.add_argument("--dry-run", action="store_true", help="只列出将导入的定额，不写入")
    p.set_defaults(handler=cmd_quota_import)
    p = qsub.add_parser("status", parents=[common], help="年初至今与定额、目标的对比及全年预计")
    p.add_argument("--year", type=year_arg, required=True, help="年度")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_quota_status)

    p = sub.add_parser("import", parents=[common], help="导入填好的填报工作簿（全部成功或全部不改）")
    p.add_argument("file", type=Path, metavar="填报工作簿", help="填报工作簿 .xlsx")
    p.add_argument("--dry-run", action="store_true", help="只列出将要发生的变更，不写入")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_import)

    from gxjn_desktop.cli import cmd_backup

    cmd_backup.register(sub, common)

    from gxjn_desktop.cli import cmd_bureau

    cmd_bureau.register(sub, common)


def _period(args: argparse.Namespace) -> Period:
    return Period.parse(args.year, args.period)


def cmd_demo(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.demo import build_demo_ledger, demo_years

    with opened_store(args, create=True, writes=True) as service:
        if service.has_unit() and not args.force:
            raise UserError(
                f"文件夹 {args.data_dir} 中已有单位数据，未创建示例单位",
                "如确实要用示例单位替换现有数据，请加 --force（原数据会先备份）",
            )
        if service.has_unit():
            from gxjn_desktop.services.backups import window_pid

            if (pid := window_pid(args.data_dir)) is not None:  # its snapshot would write over the demo
                raise UserError(
                    f"本单位的数据正在程序窗口中打开（进程 {pid}），未创建示例单位",
                    "请先关闭程序窗口再运行 demo --force",
                )
            service.backup("before-demo-force")
        ledger = build_demo_ledger()
        service.replace_everything(ledger)
    y1, y2 = demo_years(date.today())
    print(f"已创建示例单位“{ledger.unit.name}”：{y1} 年和 {y2} 年的月度数据，数据文件夹 {args.data_dir}")
    return EXIT_OK


def cmd_indicators(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.reports import build_indicator_report, indicators_json

    period = _period(args)
    ledger = load_ledger(args)
    report = build_indicator_report(ledger, period)
    data = indicators_json(ledger, report)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{data['unit']['name']}  {report.requested.label}")
    if not report.complete:
        months = f"{report.covered[0]}—{report.covered[-1]} 月" if report.covered else ""
        part = f"以下为 {months}的数据，同比与上年同月比较" if months else "没有可计算的月份"
        print(f"{report.coverage_label}：本期间尚未填完，{part}")
    people = "未填写" if data["people"] is None else f"{data['people']} 人"
    area = "未填写" if data["area_m2"] is None else f"{data['area_m2']} m²"
    print(f"用能人数 {people}，建筑面积 {area}")
    print("品种            用量              单位    金额(元)        折标系数      折标准煤(tce)")
    for t in data["totals"]:
        label = t["carrier"] + ("（其中）" if t.get("of") else "")
        print(
            f"{label:<10}{t['quantity']:>18}  {t['unit']:<6}{t['cost_yuan']:>14}  {t['kgce_coefficient'] or '-':>12}  {t['tce'] or '-':>12}"
        )
    print(
        f"综合能耗 {data['comprehensive_energy_tce'] or '-'} tce（不含公务车辆：{data['building_energy_tce'] or '-'} tce）"
    )
    print(f"二氧化碳排放 {data['co2_t'] or '-'} tCO2")
    for ind in report.indicators:
        change = format_fixed(ind.change_pct, PERCENT_PLACES)
        target = "" if ind.target_pct is None else f"，目标 {ind.target_pct}%"
        ytd = ""
        if ind.carries_ytd:
            last = (report.covered or report.requested.months)[-1]
            ytd = f"，1—{last} 月累计同比 {_pct(format_fixed(ind.ytd_change_pct, PERCENT_PLACES))}"
        print(
            f"{ind.kind.label}：{format_fixed(ind.value, INDICATOR_PLACES) or '—'} {ind.kind.unit}"
            f"（上年同期 {format_fixed(ind.previous, INDICATOR_PLACES) or '—'}，同比 {_pct(change)}{ytd}{target}，{ind.status.label}）"
        )
    for gap in data["incomplete"]:
        print(f"注意：{gap['meter']} {gap['month']} 的用量无法计算（{gap['problem']}），未计入合计")
    if data["incomplete_previous"]:
        months = "、".join(f"{g['meter']} {g['month']}" for g in data["incomplete_previous"][:6])
        print(f"注意：上年同期有 {len(data['incomplete_previous'])} 个表月缺数据（{months}……），同比仅供参考")
    versions = data["reference_versions"]
    print(f"参考数据：{versions['coefficients']}；{versions['emission_factors']}；{versions['targets']}")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.checks import check_json, check_period
    from gxjn_desktop.services.finding_words import location_text, meter_names

    period = _period(args)
    ledger = load_ledger(args)
    if period.year not in ledger.years() and period.year not in ledger.profiles:
        raise UserError(f"{period.year} 年没有数据", f"已有数据的年份：{'、'.join(map(str, ledger.years())) or '无'}")
    result = check_period(ledger, period)
    if args.json:
        print_json(check_json(ledger, result))
    else:
        counts = result.counts()
        print(
            f"{period.label}：错误 {counts['error']} 条，警告 {counts['warning']} 条"
            f"（未说明 {counts['unexplained']} 条），提示 {counts['info']} 条"
        )
        names = meter_names(ledger.meters)
        for f in result.findings:
            where = location_text(f.location, names)
            note = f"  〔已说明：{f.explanation.cause}，{f.explanation.text}〕" if f.explanation else ""
            print(f"[{f.severity.label}] {f.rule_id} {where}：{f.message}。{f.hint}{note}")
        print("可以导出。" if result.export_allowed else "不能导出：请先改正错误，并为每条警告填写说明。")
    return EXIT_OK if result.export_allowed else EXIT_DATA_SAYS_NO


def cmd_explain(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.checks import check_period
    from gxjn_desktop.services.explanations import explain

    period = _period(args)
    with opened_store(args, writes=True) as service:
        findings = check_period(service.ledger(), period).findings
        finding = next((f for f in findings if f.fingerprint == args.fingerprint), None)
        if finding is None:
            raise UserError(
                f"{period.label}没有 fingerprint 为 {args.fingerprint} 的检查结果",
                "数据改动后 fingerprint 会变化；请重新运行 check --json 取得当前的 fingerprint",
            )
        explain(service, finding, args.cause, args.text, args.by)
    print(f"已为 {finding.rule_id}（{finding.message}）填写说明：{args.cause}，{args.text}")
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.checks import rules_json
    from gxjn_desktop.services.finding_words import threshold_text

    data = rules_json()
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"审核规则版本 {data['rules_version']}，共 {len(data['rules'])} 条")
    for r in data["rules"]:
        th = threshold_text(r["thresholds"])
        print(
            f"{r['id']:<22}[{r['severity_label']}] {r['checks']}{'（' + th + '）' if th else ''}  来源：{r['source']}"
        )
    return EXIT_OK


def cmd_template(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.workbook.template import write_template

    ledger = load_ledger(args)
    year = args.year or date.today().year - 1
    path = write_template(ledger, year, args.out)
    print(f"已生成 {year} 年填报工作簿：{path}")
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.safe_zip import check_input_file
    from gxjn_desktop.services.workbook.importer import apply_import, read_workbook

    check_input_file(args.file, "填报工作簿")
    with opened_store(args, writes=not args.dry_run) as service:
        ledger = service.ledger()
        plan = read_workbook(args.file, ledger)
        if not args.dry_run:
            apply_import(service, plan, args.file)
    if args.json:
        print_json(plan.as_json(applied=not args.dry_run))
        return EXIT_OK
    for line in plan.describe():
        print(line)
    verb = "将" if args.dry_run else "已"
    print(
        f"{verb}新增 {plan.added} 条、修改 {plan.changed} 条、不变 {plan.unchanged} 条"
        + ("（试运行，未写入）" if args.dry_run else "")
    )
    return EXIT_OK


def _quota_line(q: Quota) -> str:
    basis = f"，{q.basis.label}" if q.indicator.is_energy else ""
    return f"{q.year} 年 {q.indicator.label} {q.level.label} {plain(q.value)} {q.indicator.unit}{basis}  {q.document}"


def cmd_quota_list(args: argparse.Namespace) -> int:
    with opened_store(args) as service:
        quotas = [q for q in service.ledger().quotas if q.year == args.year]
    if args.json:
        print_json(
            {
                "year": args.year,
                "quotas": [
                    {
                        "indicator": q.indicator.value,
                        "label": q.indicator.label,
                        "level": q.level.value,
                        "value": plain(q.value),
                        "unit": q.indicator.unit,
                        "basis": q.basis.value,
                        "document": q.document,
                    }
                    for q in quotas
                ],
            }
        )
        return EXIT_OK
    for q in quotas:
        print(_quota_line(q))
    if not quotas:
        print(f"{args.year} 年还没有录入定额")
    return EXIT_OK


def _choice(enum_type: Any, text: str, what: str) -> Any:
    try:
        return enum_type.from_text(text)
    except ValueError:
        options = "、".join(f"{e.value}（{e.label}）" for e in enum_type)
        raise UserError(f"无法识别的{what}“{text}”", f"可选：{options}") from None


def cmd_quota_set(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.quotas import parse_quota_value

    value = parse_quota_value(args.value)
    quota = Quota(
        args.year,
        _choice(QuotaIndicator, args.indicator, "指标"),
        _choice(QuotaLevel, args.level, "级别"),
        value,
        _choice(Basis, args.basis, "口径"),
        args.document,
    )
    with opened_store(args, writes=True) as service:
        service.ledger()  # a unit must exist
        service.save_quotas([quota])
    print(f"已保存：{_quota_line(quota)}")
    return EXIT_OK


def cmd_quota_import(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.quotas import read_quota_workbook

    with opened_store(args, writes=not args.dry_run) as service:
        quotas, others = read_quota_workbook(args.file, service.ledger())
        if not args.dry_run:
            service.save_quotas(quotas)
    for q in quotas:
        print(("将导入：" if args.dry_run else "已导入：") + _quota_line(q))
    if others:
        print(f"（跳过其他单位的 {others} 行）")
    return EXIT_OK


def cmd_quota_status(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.quotas import quota_status_json

    ledger = load_ledger(args)
    if args.year not in ledger.years():  # cli.md: a year with no data is exit 2, in text and JSON alike
        known = "、".join(map(str, ledger.years())) or "无"
        raise UserError(f"{args.year} 年没有数据", f"请先录入该年的月度数据，或选择有数据的年份（{known}）")
    data = quota_status_json(ledger, args.year, date.today())
    if args.json:
        print_json(data)
        return EXIT_OK
    if not data["months_counted"]:
        print(f"{args.year} 年还没有过完并已填数据的月份：年初至今的进度从第一个这样的月份起计算")
        return EXIT_OK
    print(f"{args.year} 年 1—{data['months_counted']} 月")
    for q in data["quotas"]:
        state = q["state"]
        remaining = f"，余下每月可用 {q['remaining_per_month']}" if q["remaining_per_month"] else ""
        print(
            f"{q['label']}（{q['level_label']} {q['quota']} {q['unit']}）：至今 {q['actual_to_date']}，"
            f"按进度应不超过 {q['allowed_to_date']}（{q['share_pct']}%），预计全年 {q['projected_year_end']}{remaining}；{state}"
        )
    for t in data["targets"]:
        print(
            f"{t['label']}：至今同比 {_pct(t['ytd_change_pct'])}，预计全年同比 {_pct(t['projected_change_pct'])}"
            f"（目标 {_pct(t['target_pct'])}，{t['projected_status_label']}）"
        )
    return EXIT_OK


def _pct(text: str | None) -> str:
    """A percentage as printed: ``-3.88%``, or ``—`` when it cannot be computed (not ``-%``)."""
    return "—" if text is None else f"{text}%"
