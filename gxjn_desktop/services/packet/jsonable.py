"""Turning the domain's dataclasses into JSON values the way cli.md wants them.

Generic on purpose: a field added to a dataclass later appears in data.json without a change here.
Decimals become plain decimal strings (exact, never floats), integers stay numbers, dates ISO
text, enums their stored value with a ``<field>_label`` beside them when the enum has a label.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from gxjn_desktop.domain.numbers import plain


def to_jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            out[f.name] = to_jsonable(v)
            label = getattr(v, "label", None) if isinstance(v, Enum) else None
            if isinstance(label, str):
                out[f"{f.name}_label"] = label
        return out
    if isinstance(value, dict):
        return {str(to_jsonable(k)): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, float):  # never produced by the domain; refuse rather than lose exactness
        raise TypeError("floats have no place in data.json")
    raise TypeError(f"cannot put {type(value).__name__} into data.json")
