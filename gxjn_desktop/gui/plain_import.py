"""Python's own ``import`` back once PySide6 is loaded.

PySide6 replaces ``builtins.__import__`` with its ``__feature__`` hook, which after every later
import reads the new module's whole source (``inspect.getsource``) to see whether it names PySide6:
1–3 ms for each of our modules before the first paint, ~70 ms for SQLAlchemy's. The hook serves
only ``from __feature__ import snake_case`` / ``true_property``, which this program never uses (a
module without an entry in PySide's feature table keeps the default, no feature), so the import
PySide6 kept underneath (``builtins.__orig_import__``, its lazy loader of Qt modules) is put back.
Imported first by the composition roots that load Qt (``gui/app.py``).
"""

from __future__ import annotations

import builtins

import PySide6.QtCore  # noqa: F401  (installs the hook this module takes out again)


def restore_import() -> bool:
    """Whether PySide6's hook was there and is now out of the way."""
    hook = builtins.__import__
    original = getattr(builtins, "__orig_import__", None)
    if original is None or getattr(hook, "__name__", "") != "__feature_import__":
        return False
    builtins.__import__ = original
    return True


restored = restore_import()
