"""A meter's monthly use: multiplier, rollover and replacement (domain.md §6), hand-worked."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.consumption import UseProblem, month_use
from gxjn_desktop.domain.records import MeterReplacement, ReplacementReason
from tests.domain.builders import D, ledger, quantity, quantity_meter, reading, register_meter


def test_ct_multiplier_worked_example() -> None:
    """(1147.27 − 816.82) × 150 = 49,567.5 kWh, exact, never rounded before summing."""
    m = register_meter(multiplier="150", initial="816.82")
    lg = ledger((m,), (reading("E1", 2025, 1, "1147.27"),))
    use = month_use(lg, m, 2025, 1)
    assert use.quantity == Decimal("49567.5")
    assert use.previous_reading == Decimal("816.82")


def test_previous_reading_is_last_month() -> None:
    m = register_meter(initial="100")
    lg = ledger((m,), (reading("E1", 2025, 1, "150"), reading("E1", 2025, 2, "175.5")))
    assert month_use(lg, m, 2025, 2).quantity == Decimal("25.5")


def test_confirmed_rollover_month() -> None:
    """5-digit register: 99,850 → 120 confirmed as 满码翻转 is (100,000 − 99,850 + 120) × 1 = 270."""
    m = register_meter(digits=5, initial="99850")
    lg = ledger((m,), (reading("E1", 2025, 3, "120", rollover=True),))
    use = month_use(lg, m, 2025, 3)
    assert use.quantity == Decimal(270)
    assert use.segments[0].rollover


def test_decrease_is_never_silently_a_rollover() -> None:
    m = register_meter(digits=5, initial="99850")
    lg = ledger((m,), (reading("E1", 2025, 3, "120"),))
    use = month_use(lg, m, 2025, 3)
    assert use.quantity is None and use.problem is UseProblem.DECREASE


def test_rollover_of_more_than_half_a_register_is_refused() -> None:
    m = register_meter(digits=5, initial="50000")
    lg = ledger((m,), (reading("E1", 2025, 3, "100", rollover=True),))
    assert month_use(lg, m, 2025, 3).problem is UseProblem.ROLLOVER_IMPLAUSIBLE


def test_rollover_needs_register_digits() -> None:
    m = register_meter(digits=None, initial="950")
    lg = ledger((m,), (reading("E1", 2025, 3, "10", rollover=True),))
    assert month_use(lg, m, 2025, 3).problem is UseProblem.ROLLOVER_NO_DIGITS


def test_replacement_month_splits_into_segments() -> None:
    """(1,250 − 1,200) × 1 on the old meter + (30 − 0) × 1 on the new one = 80."""
    m = register_meter("W1", Carrier.WATER, initial="1000")
    lg = ledger(
        (m,),
        (reading("W1", 2025, 5, "1200"), reading("W1", 2025, 6, "30")),
        (MeterReplacement("W1", date(2025, 6, 16), D("1250"), D("0"), ReplacementReason.FAULT),),
    )
    use = month_use(lg, m, 2025, 6)
    assert use.quantity == Decimal(80)
    assert len(use.segments) == 2


def test_ct_change_is_a_virtual_replacement_with_both_multipliers() -> None:
    """CT changed on 10 June from ×30 to ×40: (500 − 400) × 30 + (520 − 500) × 40 = 3,800."""
    m = register_meter(multiplier="30", initial="0", changes=((date(2025, 6, 10), "40"),))
    lg = ledger(
        (m,),
        (reading("E1", 2025, 5, "400"), reading("E1", 2025, 6, "520")),
        (MeterReplacement("E1", date(2025, 6, 10), D("500"), D("500"), ReplacementReason.MULTIPLIER),),
    )
    assert month_use(lg, m, 2025, 6).quantity == Decimal(3800)


def test_new_initial_reading_is_used_not_the_old_final() -> None:
    """A refurbished meter that starts at 7 is not assumed to start at 0 or at the old final."""
    m = register_meter("W1", Carrier.WATER, initial="1000")
    lg = ledger(
        (m,),
        (reading("W1", 2025, 6, "37"),),
        (MeterReplacement("W1", date(2025, 6, 1), D("1010"), D("7"), ReplacementReason.FAULT),),
    )
    assert month_use(lg, m, 2025, 6).quantity == Decimal(40)


def test_first_reading_without_initial_has_no_use() -> None:
    m = register_meter(initial=None)
    lg = ledger((m,), (reading("E1", 2025, 1, "10"),))
    assert month_use(lg, m, 2025, 1).problem is UseProblem.NO_PREVIOUS


def test_quantity_meter_and_missing_month() -> None:
    m = quantity_meter("V1", Carrier.GASOLINE)
    lg = ledger((m,), (quantity("V1", 2025, 1, "520.35"),))
    assert month_use(lg, m, 2025, 1).quantity == Decimal("520.35")
    assert month_use(lg, m, 2025, 2).problem is UseProblem.NO_RECORD


readings_st = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False, allow_infinity=False)
multiplier_st = st.sampled_from(["1", "30", "40", "150", "3000", "0.5"])


@given(prev=readings_st, cur=readings_st, mult=multiplier_st)
def test_property_use_is_difference_times_multiplier(prev: Decimal, cur: Decimal, mult: str) -> None:
    m = register_meter(digits=5, multiplier=mult, initial=str(prev))
    lg = ledger((m,), (reading("E1", 2025, 1, str(cur)),))
    use = month_use(lg, m, 2025, 1)
    if cur >= prev:
        assert use.quantity == (cur - prev) * Decimal(mult)
    else:
        assert use.quantity is None and use.problem is UseProblem.DECREASE


@given(prev=readings_st, cur=readings_st, mult=multiplier_st)
def test_property_confirmed_rollover_adds_one_register(prev: Decimal, cur: Decimal, mult: str) -> None:
    m = register_meter(digits=5, multiplier=mult, initial=str(prev))
    lg = ledger((m,), (reading("E1", 2025, 1, str(cur), rollover=True),))
    use = month_use(lg, m, 2025, 1)
    if cur >= prev:
        assert use.quantity == (cur - prev) * Decimal(mult)
    elif Decimal(100000) - prev + cur <= Decimal(50000):
        assert use.quantity == (Decimal(100000) - prev + cur) * Decimal(mult)
        assert use.quantity >= 0
    else:
        assert use.problem is UseProblem.ROLLOVER_IMPLAUSIBLE


@given(steps=st.lists(st.decimals(min_value=0, max_value=5000, places=2), min_size=12, max_size=12), mult=multiplier_st)
def test_property_months_telescope_to_the_year(steps: list[Decimal], mult: str) -> None:
    """Σ monthly uses = (December reading − initial reading) × multiplier, exactly."""
    m = register_meter(digits=7, multiplier=mult, initial="1000")
    value = Decimal(1000)
    records = []
    for i, step in enumerate(steps, start=1):
        value += step
        records.append(reading("E1", 2025, i, str(value)))
    lg = ledger((m,), tuple(records))
    total = sum((month_use(lg, m, 2025, i).quantity or Decimal(0) for i in range(1, 13)), Decimal(0))
    assert total == (value - 1000) * Decimal(mult)


@given(
    before=st.decimals(min_value=0, max_value=1000, places=1),
    old_advance=st.decimals(min_value=0, max_value=1000, places=1),
    new_initial=st.decimals(min_value=0, max_value=100, places=1),
    new_advance=st.decimals(min_value=0, max_value=1000, places=1),
)
def test_property_replacement_is_sum_of_segments(
    before: Decimal, old_advance: Decimal, new_initial: Decimal, new_advance: Decimal
) -> None:
    m = register_meter("W1", Carrier.WATER, digits=6, initial=str(before))
    lg = ledger(
        (m,),
        (reading("W1", 2025, 6, str(new_initial + new_advance)),),
        (MeterReplacement("W1", date(2025, 6, 15), before + old_advance, new_initial),),
    )
    assert month_use(lg, m, 2025, 6).quantity == old_advance + new_advance


def test_a_cost_only_month_does_not_reset_the_previous_reading() -> None:
    """January has only a bill amount: February's 上期示数 is December's reading, not the initial one."""
    from gxjn_desktop.domain.records import MonthlyRecord

    m = register_meter(initial="100")
    lg = ledger(
        (m,),
        (reading("E1", 2025, 12, "15000"), MonthlyRecord("E1", 2026, 1, cost_fen=500), reading("E1", 2026, 2, "30000")),
    )
    use = month_use(lg, m, 2026, 2)
    assert use.previous_reading == Decimal(15000) and use.quantity == Decimal(15000)
    lower = ledger(
        (m,),
        (reading("E1", 2025, 12, "62854.1"), MonthlyRecord("E1", 2026, 1, cost_fen=1), reading("E1", 2026, 2, "40000")),
    )
    assert month_use(lower, m, 2026, 2).problem is UseProblem.DECREASE
