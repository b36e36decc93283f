"""``gxjn-cli backup list`` / ``backup restore FILE``: the data folder's backups."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from gxjn_desktop.cli.output import EXIT_OK, print_json
from gxjn_desktop.paths import backup_dir


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser("backup", parents=[common], help="数据备份：列出备份、从备份恢复")
    bsub = b.add_subparsers(dest="backup_command", metavar="操作", parser_class=type(b), required=True)
    p = bsub.add_parser("list", parents=[common], help="列出数据文件夹中的备份（最新的在前）")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(handler=cmd_backup_list)
    p = bsub.add_parser(
        "restore", parents=[common], help="用一个备份替换当前数据（当前数据先自动备份；请先关闭程序窗口）"
    )
    p.add_argument("file", type=Path, metavar="备份文件", help="backup list 中的文件名或完整路径")
    p.set_defaults(handler=cmd_backup_restore)


def cmd_backup_list(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.backups import backups

    found = backups(args.data_dir)
    if args.json:
        print_json({"data_dir": str(args.data_dir), "backups": [b.as_json() for b in found]})
        return EXIT_OK
    for b in found:
        print(f"{b.label}  {b.path.name}  {b.size // 1024} KB")
    print(f"共 {len(found)} 个备份，位于 {backup_dir(args.data_dir)}" if found else "还没有备份")
    return EXIT_OK


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from gxjn_desktop.services.backups import find_backup, restore_from_outside

    backup = find_backup(args.data_dir, args.file)
    before = restore_from_outside(args.data_dir, backup)
    print(f"已从备份 {backup.name} 恢复数据；恢复前的数据已备份为 {before.name}")
    return EXIT_OK
