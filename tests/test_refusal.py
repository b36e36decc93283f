"""A refusal the user reads is caught as :class:`Refusal`, the one base of UserError and StorageError:
naming both (a tuple in ``except``, a union in a signature) is the duplicate this test keeps out."""

from __future__ import annotations

import ast
from pathlib import Path

import gxjn_desktop

PACKAGE = Path(gxjn_desktop.__file__).parent
BOTH = {"UserError", "StorageError"}


def _names(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def test_both_refusals_are_never_named_together() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            together = isinstance(node, ast.Tuple) or (isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr))
            if together and _names(node) >= BOTH:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not found, "请改用 Refusal：" + "、".join(found)


def test_refusal_is_their_common_base() -> None:
    from gxjn_desktop.errors import Refusal, StorageError, UserError

    assert issubclass(UserError, Refusal) and issubclass(StorageError, Refusal)
