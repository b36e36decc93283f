"""argparse in Chinese: help headings, the help option, and usage errors as one line with exit code 2.

Only argparse's public surface is used (a subclass and ``format_help``/``format_usage``/``error``);
nothing of argparse's module is patched, so other parsers in the same process stay English.
"""

from __future__ import annotations

import argparse
import re
from typing import Any, NoReturn

from gxjn_desktop.cli.output import EXIT_USER_ERROR

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


class ChineseArgumentParser(argparse.ArgumentParser):
    """argparse with Chinese help and one-line Chinese usage errors (exit code 2, cli.md)."""

    def __init__(self, **kwargs: Any) -> None:
        add_help = kwargs.pop("add_help", True)
        super().__init__(add_help=False, **kwargs)
        if add_help:  # our own -h, so its description is Chinese too
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP_TEXT)

    def format_usage(self) -> str:
        return chinese_headings(super().format_usage())

    def format_help(self) -> str:
        return chinese_headings(super().format_help())

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USER_ERROR, f"gxjn-cli：{translate_usage_error(message)}（用 {self.prog} --help 查看用法）\n")


_INVALID_CHOICE = re.compile(
    r"argument (?P<arg>[^:]+): invalid choice: '(?P<value>[^']*)' \(choose from (?P<choices>.*)\)"
)


def translate_usage_error(message: str) -> str:
    """argparse's English usage errors in Chinese (their wording is fixed by argparse)."""
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
