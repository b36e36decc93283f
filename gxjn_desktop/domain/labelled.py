"""Enums whose members carry a Chinese label beside their stable code."""

from __future__ import annotations

from enum import Enum
from typing import Self


class LabelledEnum(Enum):
    """Members are written ``NAME = "code", "标签"``: ``value`` stays the code stored in databases
    and files, ``label`` is what screens and workbooks show, and ``from_text`` reads either."""

    _value_: str
    label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = object.__new__(cls)
        member._value_ = value
        member.label = label
        return member

    @property
    def value(self) -> str:
        return self._value_

    @classmethod
    def from_text(cls, text: str) -> Self:
        """The member whose code or label is ``text`` (surrounding spaces ignored); ValueError if none."""
        t = text.strip()
        for member in cls:
            if t in (member.value, member.label):
                return member
        raise ValueError(t)
