"""What a finding can be about, and the meter codes that would be mistaken for one of those places."""

from __future__ import annotations

from enum import Enum


class Place(Enum):
    """What a finding is about. For the places that are not a meter or a carrier, ``value`` is the
    word that stands in ``location.meter`` of ``check --json`` and in the keys of stored 说明."""

    METER = "meter"  # a meter's month (the location's ``code`` is the meter's code)
    CARRIER = "carrier"  # an energy carrier over the period (``code`` is the carrier's value)
    CANTEEN = "canteen"
    GARBAGE = "garbage"
    PROFILE = "profile"  # the year's 基本情况
    INDICATOR = "indicator"
    QUOTA = "quota"
    TASK = "task"  # a work-plan task (field ``<kind>#<id>.<field>``)


#: The words of the places that are not a meter: no meter may be coded like one of them.
RESERVED_PLACES = frozenset(p.value for p in Place if p not in (Place.METER, Place.CARRIER))


#: What to do about a reserved meter code (the hint beside ``reserved_code_problem``).
RESERVED_CODE_HINT = "请换一个编号，如 E1、W1、G1"


def reserved_code_problem(code: str) -> str | None:
    """Why ``code`` cannot name a meter because a finding's place is called so (in any case), in
    Chinese; ``None`` when it can. A meter coded ``canteen`` would read like the canteen's findings."""
    text = code.strip()
    if text.lower() not in RESERVED_PLACES:
        return None
    return f"计量器具编号“{text}”是程序保留的名称（{'、'.join(sorted(RESERVED_PLACES))}），不能用作表计编号"
