"""``gxjn-cli unit init`` and ``unit show``: a unit without the window's wizard, for scripts."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from gxjn_desktop.cli.output import EXIT_OK, print_json, year_arg
from gxjn_desktop.cli.session import load_ledger
from gxjn_desktop.errors import UserError

TYPE_HELP = "机构类型：国家机关（01）、事业单位-教育（021）、-科技（022）、-文化（023）、-卫生（024）、-体育（025）、-其他（026）、社会团体（03），名称或代码均可"


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    u = sub.add_parser("unit", parents=[common], help="单位：不用窗口新建单位（unit init），查看单位信息（unit show）")
    usub = u.add_subparsers(dest="unit_command", metavar="操作", parser_class=type(u), required=True)

    p = usub.add_parser(
        "init",
        parents=[common],
        help="新建单位（与新建向导相同的检查）；数据文件夹中已有单位时拒绝",
        description="用选项逐项给出，或用 --from 读取填好的填报工作簿的“单位信息”和“年度基本情况”工作表。",
    )
    p.add_argument(
        "--from",
        metavar="文件",
        dest="source",
        type=Path,
        help="填好的填报工作簿 .xlsx（读“单位信息”和“年度基本情况”）",
    )
    p.add_argument("--name", metavar="名称", help="单位名称")
    p.add_argument("--uscc", metavar="代码", help="统一社会信用代码（18 位，见法人证书）")
    p.add_argument("--admin-code", metavar="代码", help="行政区划代码（6 位，如 450103）")
    p.add_argument("--type", metavar="类型", dest="kind", help=TYPE_HELP)
    p.add_argument(
        "--admin-level", metavar="层级", default="", help="行政层级：区直、市直 或 县级及以下（工作安排的目标按它统计）"
    )
    p.add_argument(
        "--party-organ",
        action="store_true",
        help="是党政机关（节约型机关创建按县级及以上党政机关统计；机构类型须为国家机关）",
    )
    p.add_argument("--climate-zone", metavar="气候区", default="", help="气候区：夏热冬暖（默认）或 夏热冬冷")
    p.add_argument("--address", metavar="地址", default="", help="地址")
    p.add_argument("--manager", metavar="姓名", default="", help="节能管理员姓名")
    p.add_argument("--phone", metavar="电话", default="", help="节能管理员联系电话")
    p.add_argument("--year", metavar="年度", type=year_arg, help="首个年度（默认为今年；--from 时默认取工作簿的年度）")
    p.add_argument("--people", metavar="人数", help="首个年度的用能人数（人，含编外人员）")
    p.add_argument("--area", metavar="面积", help="首个年度的建筑面积（m²，办公区，不含宿舍）")
    p.add_argument("--head", metavar="姓名", default="", help="单位负责人（报表表尾签署）")
    p.add_argument("--statistician", metavar="姓名", default="", help="统计负责人")
    p.add_argument("--preparer", metavar="姓名", default="", help="填表人")
    p.set_defaults(handler=cmd_unit_init, creates_data_dir=True)

    p = usub.add_parser("show", parents=[common], help="显示单位信息和各年度基本情况")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_unit_show)


_OPTIONS = (("name", "--name"), ("uscc", "--uscc"), ("admin_code", "--admin-code"), ("kind", "--type"))
_PROFILE_OPTIONS = (("people", "--people"), ("area", "--area"))
_UNIT_EXTRAS = (("admin_level", "--admin-level"), ("party_organ", "--party-organ"))  # the sheet has them too


def _check_year(year: int) -> None:
    if not 2000 <= year <= date.today().year + 1:
        raise UserError(f"年度 {year} 不合理", f"请填写 2000 至 {date.today().year + 1} 之间的四位年份")


def _from_options(args: argparse.Namespace) -> tuple[Any, Any]:
    from gxjn_desktop.domain.numbers import parse_decimal
    from gxjn_desktop.domain.units import YearProfile
    from gxjn_desktop.services.unit_setup import admin_level, build_unit, climate_zone, institution_type

    missing = [flag for key, flag in _OPTIONS + _PROFILE_OPTIONS if not (getattr(args, key) or "").strip()]
    if missing:
        raise UserError(f"缺少 {'、'.join(missing)}，未创建单位", "请给出这些选项，或用 --from 读取填好的填报工作簿")
    unit = build_unit(
        name=args.name,
        uscc=args.uscc,
        admin_code=args.admin_code,
        kind=institution_type(args.kind),
        zone=climate_zone(args.climate_zone),
        address=args.address,
        manager=args.manager,
        phone=args.phone,
        level=admin_level(args.admin_level),
        party_organ=args.party_organ,
    )
    people = parse_decimal(args.people, "用能人数")
    if people != people.to_integral_value():
        raise UserError(f"用能人数应为整数，而不是 {args.people}", "请填写人数")
    area: Decimal = parse_decimal(args.area, "建筑面积")
    year = args.year or date.today().year
    return unit, YearProfile(year, int(people), area)


def cmd_unit_init(args: argparse.Namespace) -> int:
    from gxjn_desktop.domain.numbers import plain
    from gxjn_desktop.services.unit_setup import create_unit, with_signatories

    if args.year is not None:
        _check_year(args.year)
    if args.source is not None:
        given = [flag for key, flag in _OPTIONS + _PROFILE_OPTIONS + _UNIT_EXTRAS if getattr(args, key)]
        if given:
            raise UserError(
                f"--from 与 {'、'.join(given)} 不能同时使用", "单位信息请全部写在工作簿中，或全部用选项给出"
            )
        if not args.source.is_file():
            raise UserError(f"找不到文件 {args.source}", "请检查路径")
        from gxjn_desktop.services.workbook.unit_sheet import read_new_unit

        unit, profile = read_new_unit(args.source, args.year)
        _check_year(profile.year)
    else:
        unit, profile = _from_options(args)
    if args.head or args.statistician or args.preparer:
        profile = with_signatories(profile, args.head, args.statistician, args.preparer)
    create_unit(args.data_dir, unit, profile)
    print(
        f"已新建单位“{unit.name}”（{unit.uscc}），{profile.year} 年用能人数 {profile.people} 人、"
        f"建筑面积 {plain(profile.building_area_m2)} m²，数据文件夹 {args.data_dir}"
    )
    for warning in unit.warnings():  # the wizard's warnings too (e.g. the USCC registered elsewhere)
        print(f"注意：{warning}")
    return EXIT_OK


def cmd_unit_show(args: argparse.Namespace) -> int:
    from gxjn_desktop.domain.numbers import plain
    from gxjn_desktop.services.unit_setup import unit_json

    ledger = load_ledger(args)
    if args.json:
        print_json(unit_json(ledger))
        return EXIT_OK
    u = ledger.unit
    print(u.name)
    print(
        f"统一社会信用代码 {u.uscc}  行政区划代码 {u.admin_code}  机构类型 {u.institution_type.label}  气候区 {u.climate_zone.label}"
    )
    level = u.admin_level.label if u.admin_level else "未填"
    print(f"行政层级 {level}  党政机关 {'是' if u.party_government_organ else '否'}")
    if u.address:
        print(f"地址 {u.address}")
    for c in u.contacts:
        print(f"{c.role} {c.name} {c.phone}".rstrip())
    for year in sorted(ledger.profiles):
        p = ledger.profiles[year]
        s = p.signatories
        signed = "、".join(
            f"{label} {v}"
            for label, v in (("单位负责人", s.head), ("统计负责人", s.statistician), ("填表人", s.preparer))
            if v
        )
        print(
            f"{year} 年：用能人数 {p.people} 人，建筑面积 {plain(p.building_area_m2)} m²"
            + (f"；{signed}" if signed else "")
        )
    print(f"计量器具 {len(ledger.meters)} 个")
    return EXIT_OK
