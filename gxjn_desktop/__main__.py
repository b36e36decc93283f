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
    from gxjn_desktop.cli.parsing import ChineseArgumentParser  # argparse's help and errors in Chinese

    parser = ChineseArgumentParser(prog="gxjn", description="公共机构能源资源消费统计（桌面程序）")
    parser.add_argument("--data-dir", type=Path, default=None, help="数据文件夹（默认为本机用户数据目录）")
    parser.add_argument("--version", action="version", version=f"gxjn {__version__}", help="显示版本")
    args, qt_args = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    from gxjn_desktop.gui.app import run  # Qt loads only once the arguments are fine

    return run(args.data_dir or default_data_dir(), [sys.argv[0], *qt_args])


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
