"""``gxjn`` / ``python -m gxjn_desktop``: the desktop window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import NoReturn

from gxjn_desktop import __version__
from gxjn_desktop.paths import default_data_dir


def main(argv: list[str] | None = None) -> int:
    given = argv if argv is not None else sys.argv[1:]
    quick = plain_start(given)
    qt_args: list[str] = []
    if quick is not None:
        data_dir = quick[0]
    else:
        from gxjn_desktop.cli.parsing import ChineseArgumentParser  # argparse's help and errors in Chinese

        parser = ChineseArgumentParser(prog="gxjn", description="公共机构能源资源消费统计（桌面程序）")
        parser.add_argument("--data-dir", type=Path, default=None, help="数据文件夹（默认为本机用户数据目录）")
        parser.add_argument("--version", action="version", version=f"gxjn {__version__}", help="显示版本")
        args, qt_args = parser.parse_known_args(given)
        data_dir = args.data_dir
    from gxjn_desktop.gui import plain_import  # noqa: F401  Qt loads only once the arguments are fine; this first
    from gxjn_desktop.gui.app import run

    return run(data_dir or default_data_dir(), [sys.argv[0], *qt_args])


def plain_start(argv: list[str]) -> tuple[Path | None] | None:
    """The data folder of the two ways the window is started (from its shortcut: nothing; from a
    script: ``--data-dir X`` or ``--data-dir=X``), read without argparse, whose parser, help
    formatter and message catalogues cost ~7 ms before the first paint. ``None`` for anything
    else (help, version, Qt's own options, a mistake): the parser reads those."""
    if not argv:
        return (None,)
    if len(argv) == 2 and argv[0] == "--data-dir" and not argv[1].startswith("-"):
        return (Path(argv[1]),)
    if len(argv) == 1 and argv[0].startswith("--data-dir="):
        return (Path(argv[0].removeprefix("--data-dir=")),)
    return None


def program() -> NoReturn:
    """The installed ``gxjn`` command. Once the window has closed, everything is saved (each edit
    is its own transaction, the window state is synced, the stores are closed and the lock is
    released), so the process ends at once: Python's own clean-up of Qt, pandas and SQLAlchemy
    objects took 1–3 s on an office PC, during which the closed program still seemed to run."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    program()
