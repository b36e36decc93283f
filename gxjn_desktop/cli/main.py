"""Argument parsing, output and exit codes of ``gxjn-cli`` (shared/cli.md).

Exit codes: 0 done; 1 the data says no (check/export/verify/merge); 2 the user asked for something
impossible; 3 an internal error (the message names the log file). Errors print one Chinese line.
"""

from __future__ import annotations

import sys

from gxjn_desktop import __version__

# typing.TYPE_CHECKING without importing typing (type checkers treat this name the same way): like
# cli.output's argparse and json, it would load before `--version` could answer.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from gxjn_desktop.cli.parsing import ChineseArgumentParser
    from gxjn_desktop.errors import Refusal

# Everything else is imported inside the functions: `gxjn-cli --version` answers before any of it
# loads (bench/bench_frozen.py compares it with a bare frozen program's `--version`).


def build_parser() -> ChineseArgumentParser:
    import argparse
    from pathlib import Path

    from gxjn_desktop.cli import cmd_packet, cmd_plan, cmd_progress, cmd_unit, commands
    from gxjn_desktop.cli.parsing import ChineseArgumentParser

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
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="检查本程序是否完整可用（Qt、中文翻译、数据库、工作簿、数据包、参考数据），输出一行 JSON；全部正常时退出码为 0",
    )
    sub = parser.add_subparsers(dest="command", metavar="子命令", parser_class=ChineseArgumentParser)
    commands.register(sub, common)
    cmd_unit.register(sub, common)
    cmd_packet.register(sub, common)
    cmd_plan.register(sub, common)
    cmd_progress.register(sub, common)  # last: it adds `progress` to `bureau`
    return parser


def _self_test() -> int:
    from gxjn_desktop.cli.output import EXIT_DATA_SAYS_NO, EXIT_OK, print_json
    from gxjn_desktop.selftest import run_self_test  # the composition root; pyproject.toml allows this one edge

    result = run_self_test()
    print_json(result)
    return EXIT_OK if result["ok"] else EXIT_DATA_SAYS_NO


def main(argv: Sequence[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8")
    if list(sys.argv[1:] if argv is None else argv) == ["--version"]:  # before the parser is built
        sys.stdout.write(f"gxjn {__version__}\n")
        return 0  # EXIT_OK
    import contextlib
    import os

    from gxjn_desktop.cli.output import EXIT_INTERNAL, EXIT_OK
    from gxjn_desktop.errors import Refusal, UserError, os_storage_error
    from gxjn_desktop.paths import default_data_dir

    parser = build_parser()
    args = parser.parse_args(argv)
    if len(given := _data_dirs_given(sys.argv[1:] if argv is None else argv)) > 1:
        parser.error(f"参数 --data-dir 给出了两次（{' 和 '.join(given)}），请只给一次")
    given_dir: Path | None = getattr(args, "data_dir", None)
    data_dir: Path = given_dir or default_data_dir()
    args.data_dir = data_dir
    args.data_dir_given = given_dir is not None
    if not getattr(args, "handler", None) and not args.self_test:
        parser.error("缺少子命令，如 gxjn-cli indicators --year 2025")
    try:
        if args.self_test:
            return _self_test()
        _check_data_dir(data_dir, given=given_dir is not None, creates=getattr(args, "creates_data_dir", False))
        code: int = args.handler(args)
        return code
    except Refusal as err:
        return _user_error(err)
    except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error of ours
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - silences the final flush
        return EXIT_OK
    except KeyboardInterrupt:
        sys.stderr.write("已中断；已保存的数据未受影响\n")
        return EXIT_INTERNAL
    except Exception as exc:  # the one boundary where anything unexpected is caught and logged
        if (left_out := _left_out_of_bundle(exc)) is not None:
            return _user_error(
                UserError(
                    f"这个安装包是单位版，不含“{args.command}”所需的组件 {left_out}",
                    "机关事务管理局请安装管理局版的 gxjn（见 docs/build-windows.md）",
                )
            )
        # The disk refusing (full, read-only, too long a name) is the user's to fix, not a bug.
        refused = os_storage_error(exc) if isinstance(exc, OSError) else None
        if refused is not None:
            return _user_error(refused)
        from gxjn_desktop.logs import write_crash

        path = write_crash(data_dir, exc)
        sys.stderr.write(f"程序内部错误：{exc.__class__.__name__}。详细信息已写入日志 {path}，请发给技术支持\n")
        return EXIT_INTERNAL


def _check_data_dir(data_dir: Path, *, given: bool, creates: bool) -> None:
    """The same answer for every subcommand: a data folder that is a file is refused, and one given
    with --data-dir that does not exist is refused unless the command creates it (demo, unit init,
    bureau merge) — a mistyped folder must not read as "no data", "no key" or an empty 汇总."""
    from gxjn_desktop.errors import UserError

    try:
        exists = data_dir.exists()
    except OSError:  # too long a name: the data folder's own checks say so in their words
        return
    if exists and not data_dir.is_dir():
        raise UserError(f"{data_dir} 是一个文件，不是文件夹", "--data-dir 应指向存放数据的文件夹")
    if given and not creates and not exists:
        raise UserError(
            f"数据文件夹 {data_dir} 不存在",
            "请检查 --data-dir 给出的路径；新建单位请用 gxjn-cli unit init 或 gxjn-cli demo",
        )


def _data_dirs_given(argv: Sequence[str]) -> list[str]:
    """The different folders given with ``--data-dir`` before and after the subcommand (argparse
    would silently keep the last one; within one level the parser itself refuses a second)."""
    found: list[str] = []
    for i, token in enumerate(argv):
        value = argv[i + 1] if token == "--data-dir" and i + 1 < len(argv) else None
        if token.startswith("--data-dir="):
            value = token.split("=", 1)[1]
        if value is not None and value not in found:
            found.append(value)
    return found


# What the unit's frozen bundle leaves out (packaging/freeze_rules.py BUREAU_ONLY): the bureau's.
_BUREAU_ONLY_MODULES = ("pandas", "numpy", "psycopg")


def _left_out_of_bundle(exc: Exception) -> str | None:
    """The bureau-only module a frozen unit bundle lacks, when that is what ``exc`` is about."""
    name = (getattr(exc, "name", None) or "").split(".")[0] if isinstance(exc, ImportError) else ""
    return name if getattr(sys, "frozen", False) and name in _BUREAU_ONLY_MODULES else None


def _user_error(err: Refusal) -> int:
    from gxjn_desktop.cli.output import EXIT_USER_ERROR, one_line

    sys.stderr.write(f"错误：{one_line(err.one_line())}\n")
    return EXIT_USER_ERROR
