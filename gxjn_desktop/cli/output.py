"""What every subcommand shares: the exit codes of cli.md and the one way to print JSON.

Kept apart from ``main`` (argument parsing) so that subcommand modules never import the entry
point that imports them.
"""

from __future__ import annotations

import json
import sys
from typing import Any

EXIT_OK = 0
EXIT_DATA_SAYS_NO = 1
EXIT_USER_ERROR = 2
EXIT_INTERNAL = 3


def print_json(data: dict[str, Any]) -> None:
    """One UTF-8 JSON object on one line of stdout (cli.md §JSON)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=None) + "\n")
