"""Small builders for hand-made ledgers in tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gxjn_desktop.domain.carriers import Carrier, UseTag
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.meters import Meter, MeterKind, MultiplierChange
from gxjn_desktop.domain.records import MeterReplacement, MonthlyRecord
from gxjn_desktop.domain.units import InstitutionType, Unit, YearProfile

UNIT = Unit("测试单位", "91350100M000100Y43", "450103", InstitutionType.ORGAN)


def D(x: str | int) -> Decimal:
    return Decimal(str(x))


def register_meter(
    code: str = "E1",
    carrier: Carrier = Carrier.ELECTRICITY,
    *,
    multiplier: str = "1",
    digits: int | None = 6,
    initial: str | None = "0",
    use: UseTag = UseTag.BUILDING,
    changes: tuple[tuple[date, str], ...] = (),
) -> Meter:
    mults = (MultiplierChange(date(2000, 1, 1), D(multiplier)), *(MultiplierChange(d, D(v)) for d, v in changes))
    return Meter(
        code,
        f"{code} 表",
        carrier,
        MeterKind.REGISTER,
        use,
        register_digits=digits,
        initial_reading=None if initial is None else D(initial),
        multipliers=mults,
    )


def quantity_meter(code: str, carrier: Carrier, use: UseTag = UseTag.BUILDING) -> Meter:
    return Meter(code, f"{code} 表", carrier, MeterKind.QUANTITY, use)


def reading(
    code: str, year: int, month: int, value: str, *, rollover: bool = False, cost_fen: int | None = None
) -> MonthlyRecord:
    return MonthlyRecord(code, year, month, reading=D(value), rollover_confirmed=rollover, cost_fen=cost_fen)


def quantity(code: str, year: int, month: int, value: str, cost_fen: int | None = None) -> MonthlyRecord:
    return MonthlyRecord(code, year, month, quantity=D(value), cost_fen=cost_fen)


def ledger(
    meters: tuple[Meter, ...],
    records: tuple[MonthlyRecord, ...],
    replacements: tuple[MeterReplacement, ...] = (),
    profiles: dict[int, YearProfile] | None = None,
) -> Ledger:
    return Ledger(UNIT, profiles or {}, meters, records, replacements)
