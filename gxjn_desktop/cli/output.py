"""What every subcommand shares: the exit codes of cli.md and the one way to print JSON.

Kept apart from ``main`` (argument parsing) so that subcommand modules never import the entry
point that imports them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

EXIT_OK = 0
EXIT_DATA_SAYS_NO = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL = 3


# A file or folder name may hold a line break; an error stays one line on stderr (cli.md).
_CONTROL = {c: f"\\x{c:02x}" for c in range(32)} | {10: "\\n", 13: "\\r", 9: "\\t"}


def one_line(text: str) -> str:
    """``text`` with control characters written out (``\\n``), so it prints as one line."""
    return text.translate(_CONTROL)


def print_json(data: dict[str, Any]) -> None:
    """One UTF-8 JSON object on one line of stdout (cli.md §JSON)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None) + "\n")


def year_arg(text: str) -> int:
    """argparse ``type=`` for every ``--year``: a whole number, nothing else, in the range
    :func:`check_year` allows. Full-width digits and surrounding spaces (a Chinese input method)
    are read; separators, decimal points, signs and leading zeros (``2,025``, ``2025.0``, ``+2025``,
    ``02025``) are refused rather than guessed at."""
    import re

    from gxjn_desktop.domain.numbers import normalize_number_text
    from gxjn_desktop.domain.periods import check_year
    from gxjn_desktop.errors import UserError

    digits = normalize_number_text(text)  # the one translation of typed digits (not int(): "٢٠٢٥", "2_025")
    if digits is None or not re.fullmatch(r"-?(0|[1-9][0-9]*)", digits):
        raise argparse.ArgumentTypeError(f"年度“{text}”不是年份的写法（应为四位数字，如 2025，不加分隔符或小数点）")
    try:
        return check_year(int(digits))
    except UserError as err:
        raise argparse.ArgumentTypeError(err.one_line()) from None
