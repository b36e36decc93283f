"""argparse in Chinese: help headings, the help option, and usage errors as one line with exit code 2.

Only argparse's public surface is used (a subclass and ``format_help``/``format_usage``/``error``);
nothing of argparse's module is patched, so other parsers in the same process stay English.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any, NoReturn

from gxjn_desktop.cli.output import EXIT_USER_ERROR, one_line

# argparse's headings as they start a line of its help text, and their Chinese.
_HEADINGS = (
    (re.compile(r"^usage: ", re.MULTILINE), "用法："),
    (re.compile(r"^options:$", re.MULTILINE), "选项："),
    (re.compile(r"^positional arguments:$", re.MULTILINE), "位置参数："),
)
HELP_TEXT = "显示本帮助并退出"


def chinese_headings(text: str) -> str:
    for pattern, chinese in _HEADINGS:
        text = pattern.sub(chinese, text)
    return text


class _StoreOnce(argparse.Action):
    """argparse's plain ``store``, except that an option given twice with different values
    (``--year 2025 --year 2024``) is a usage error instead of silently taking the last one."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, Any] = namespace.__dict__.setdefault("_given_once", {})
        if self.dest in given and given[self.dest] != values:
            parser.error(f"参数 {option_string} 给出了两次（{given[self.dest]} 和 {values}），请只给一次")
        given[self.dest] = values
        setattr(namespace, self.dest, values)


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese help and one-line Chinese usage errors (exit code 2, cli.md)."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        if add_help:  # our own -h, so its description is Chinese too
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        if args and str(args[0]).startswith("-") and kwargs.get("action", "store") == "store" and "nargs" not in kwargs:
            kwargs["action"] = _StoreOnce
        return super().add_argument(*args, **kwargs)

    def format_usage(self) -> str:
        return chinese_headings(super().format_usage())

    def format_help(self) -> str:
        return chinese_headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        program = self.prog.split()[0]  # gxjn-cli (also for a subcommand's parser) or gxjn
        line = one_line(translate_usage_error(message))
        self.exit(EXIT_USER_ERROR, f"{program}：{line}（用 {self.prog} --help 查看用法）\n")


_INVALID_CHOICE = re.compile(
    r"argument (?P<arg>[^:]+): invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)"
)


# argparse's other fixed wordings (Python 3.11's argparse.py), as whole patterns.
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"ambiguous option: (?P<opt>\S+?)(?:=\S*)? could match (?P<matches>.*)"),
        lambda m: (
            f"选项 {m.group('opt')} 不完整，可能是 {'、'.join(x.strip() for x in m.group('matches').split(','))}；"
            "请写出完整的选项名"
        ),
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): ignored explicit argument '(?P<value>.*)'"),
        lambda m: f"参数 {m.group('arg')} 不带取值（多了“{m.group('value')}”）",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): not allowed with argument (?P<other>.*)"),
        lambda m: f"参数 {m.group('arg')} 不能与 {m.group('other')} 同时使用",
    ),
    (
        re.compile(r"one of the arguments (?P<args>.*) is required"),
        lambda m: f"缺少必需的参数：{'、'.join(m.group('args').split())} 之一",
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): invalid (?P<type>\S+) value: '(?P<value>.*)'"),
        lambda m: (
            f"参数 {m.group('arg')} 的取值“{m.group('value')}”" + ("不是整数" if m.group("type") == "int" else "无效")
        ),
    ),
    (
        re.compile(r"argument (?P<arg>[^:]+): expected (?:at most|at least) one argument"),
        lambda m: f"参数 {m.group('arg')} 的取值个数不对",
    ),
)


def translate_usage_error(message: str) -> str:
    """argparse's English usage errors in Chinese (their wording is fixed by argparse)."""
    if m := _INVALID_CHOICE.match(message):
        choices = "、".join(c.strip(" '") for c in m.group("choices").split(","))
        what = "子命令" if m.group("arg") in ("子命令", "操作") else f"参数 {m.group('arg')} 的取值"
        return f"未知的{what}“{m.group('value')}”，可选：{choices}"
    for pattern, chinese in _PATTERNS:
        if m := pattern.fullmatch(message):
            return chinese(m)
    text = (
        message.replace("unrecognized arguments: ", "无法识别的参数：")
        .replace("unrecognized arguments", "无法识别的参数")
        .replace("the following arguments are required: ", "缺少必需的参数：")
        .replace("the following arguments are required", "缺少必需的参数")
        .replace("expected one argument", "需要一个值")
        .replace("invalid int value", "不是整数")
        .replace("invalid year_arg value", "年度无效")
        .replace("argument", "参数")
    )
    return re.sub(r"^参数 (\S+): ", r"参数 \1：", text)  # the Chinese colon after the option's name
