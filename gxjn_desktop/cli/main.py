"""Argument parsing, output and exit codes of ``gxjn-cli`` (shared/cli.md).

Exit codes: 0 done; 1 the data says no (check/export/verify/merge); 2 the user asked for something
impossible; 3 an internal error (the message names the log file). Errors print one Chinese line.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from gxjn_desktop import __version__
from gxjn_desktop.cli.output import EXIT_INTERNAL, EXIT_OK, EXIT_USER_ERROR
from gxjn_desktop.errors import StorageError, UserError, os_storage_error
from gxjn_desktop.logs import write_crash
from gxjn_desktop.paths import default_data_dir

# argparse's own words in --help, in Chinese; its error templates stay English and are translated
# whole by translate_usage_error, which needs their fixed wording.
_HELP_WORDS = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "位置参数",
    "show this help message and exit": "显示本帮助并退出",
}
_english = argparse._  # type: ignore[attr-defined]


def _help_words(text: str) -> str:
    return _HELP_WORDS.get(text) or _english(text)


argparse._ = _help_words  # type: ignore[attr-defined]


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse that reports a usage error as one Chinese line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"gxjn-cli：{translate_usage_error(message)}（用 {self.prog} --help 查看用法）\n")


_INVALID_CHOICE = re.compile(
    r"argument (?P<arg>[^:]+): invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)"
)


def translate_usage_error(message: str) -> str:
    """argparse's English usage errors in Chinese."""
    if m := _INVALID_CHOICE.match(message):
        choices = "、".join(c.strip(" '") for c in m.group("choices").split(","))
        what = "子命令" if m.group("arg") in ("子命令", "操作") else f"参数 {m.group('arg')} 的取值"
        return f"未知的{what}“{m.group('value')}”，可选：{choices}"
    return (
        message.replace("unrecognized arguments", "无法识别的参数")
        .replace("the following arguments are required", "缺少必需的参数")
        .replace("expected one argument", "需要一个值")
        .replace("invalid int value", "不是整数")
        .replace("invalid year_arg value", "年度无效")
        .replace("argument", "参数")
    )


def build_parser() -> ChineseArgumentParser:
    from gxjn_desktop.cli import cmd_packet, cmd_unit, commands

    common = ChineseArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir", type=Path, default=argparse.SUPPRESS, help="数据文件夹（默认为本机用户数据文件夹）"
    )
    parser = ChineseArgumentParser(
        prog="gxjn-cli",
        description="广西公共机构能源资源统计 gxjn 的命令行。",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"gxjn {__version__}", help="显示版本")
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=ChineseArgumentParser)
    commands.register(sub, common)
    cmd_unit.register(sub, common)
    cmd_packet.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    data_dir: Path = getattr(args, "data_dir", None) or default_data_dir()
    args.data_dir = data_dir
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_USER_ERROR
    try:
        code: int = args.handler(args)
        return code
    except (UserError, StorageError) as err:
        return _user_error(err)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - silences the final flush
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("已中断；已保存的数据未受影响\n")
        return EXIT_INTERNAL
    except Exception as exc:  # the one boundary where anything unexpected is caught and logged
        # The disk refusing (full, read-only, too long a name) is the user's to fix, not a bug.
        refused = os_storage_error(exc) if isinstance(exc, OSError) else None
        if refused is not None:
            return _user_error(refused)
        path = write_crash(data_dir, exc)
        sys.stderr.write(f"程序内部错误：{exc.__class__.__name__}。详细信息已写入日志 {path}，请发给技术支持\n")
        return EXIT_INTERNAL


def _user_error(err: UserError | StorageError) -> int:
    sys.stderr.write(f"错误：{err.one_line()}\n")
    return EXIT_USER_ERROR
