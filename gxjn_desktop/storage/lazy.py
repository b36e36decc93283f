"""Modules loaded on first use (the standard library's ``importlib.util.LazyLoader``).

The ORM modules import SQLAlchemy, which costs 0.3–0.4 s once Qt is loaded; the window shows the
unit's data from :mod:`gxjn_desktop.storage.plain_read` first and loads them with the first write.
Callers import the real module under ``TYPE_CHECKING`` so the type checker sees its names.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy_module(name: str) -> ModuleType:
    """``name``, imported on its first attribute access (at once if it is already imported)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


#: What the ORM modules stand on, imported the ordinary way (thread-safe, unlike a lazy module's
#: first use before Python 3.12): the window loads them in its background thread.
ORM_LIBRARIES = (
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.sqlite",
    "gxjn_desktop.storage.tables",
    "gxjn_desktop.storage.database",
)


def import_orm_libraries() -> None:
    for name in ORM_LIBRARIES:
        importlib.import_module(name)
