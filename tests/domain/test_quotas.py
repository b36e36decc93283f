"""Quota pacing against hand-worked examples; bases are never mixed."""

from decimal import Decimal

import pytest

from gxjn_desktop.domain.carriers import Carrier
from gxjn_desktop.domain.ledger import Ledger
from gxjn_desktop.domain.numbers import round_half_up
from gxjn_desktop.domain.quota_pacing import pacing
from gxjn_desktop.domain.quotas import Basis, Quota, QuotaIndicator, QuotaLevel
from gxjn_desktop.domain.reference import ReferenceData
from gxjn_desktop.domain.units import YearProfile
from gxjn_desktop.services.reference_data import load_reference
from tests.domain.builders import ledger, reading, register_meter


@pytest.fixture(scope="module")
def ref() -> ReferenceData:
    return load_reference()


def _two_years(this_year_months: int) -> Ledger:
    """Last year 100 kWh a month in January–June and 200 in July–December (1,800 kWh); this year 100 a month."""
    m = register_meter("E1", Carrier.ELECTRICITY, initial="0")
    value = Decimal(0)
    records = []
    for month in range(1, 13):
        value += 100 if month <= 6 else 200
        records.append(reading("E1", 2024, month, str(value)))
    for month in range(1, this_year_months + 1):
        value += 100
        records.append(reading("E1", 2025, month, str(value)))
    profiles = {y: YearProfile(y, 10, Decimal(100)) for y in (2024, 2025)}
    return ledger((m,), tuple(records), profiles=profiles)


def test_pacing_by_last_years_seasonal_profile(ref: ReferenceData) -> None:
    """Q1 used 300 kWh = 36.87 kgce = 0.03687 tce; last year Q1 was 300 of 1,800 kWh, so 1/6 of the
    0.2 tce quota (0.0333…) is allowed by now: over pace; projected 0.03687 × 6 = 0.22122 tce."""
    quota = Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal("0.2"))
    p = pacing(_two_years(3), ref, quota, 3)
    assert p.seasonal
    assert p.share == Decimal(300) / Decimal(1800)
    assert p.actual == Decimal("0.03687")
    sixth = Decimal(300) / Decimal(1800)
    assert p.allowed_to_date == Decimal("0.2") * sixth
    assert p.over_pace
    assert p.projected is not None and round_half_up(p.projected, 4) == Decimal("0.2212")
    assert p.remaining_per_month == (Decimal("0.2") - Decimal("0.03687")) / 9


def test_pacing_evenly_without_last_year(ref: ReferenceData) -> None:
    m = register_meter("E1", initial="0")
    lg = ledger(
        (m,),
        (reading("E1", 2025, 1, "100"), reading("E1", 2025, 2, "200")),
        profiles={2025: YearProfile(2025, 10, Decimal(100))},
    )
    p = pacing(lg, ref, Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(1)), 2)
    assert not p.seasonal and p.share == Decimal(2) / 12 and not p.over_pace


def test_equal_value_quota_is_compared_on_its_own_basis(ref: ReferenceData) -> None:
    """A 等价值 quota sees electricity at 0.3055 kgce/kWh: 300 kWh = 0.09165 tce, not 0.03687."""
    quota = Quota(2025, QuotaIndicator.TOTAL_ENERGY_TCE, QuotaLevel.ISSUED, Decimal(1), Basis.EQUAL_VALUE)
    p = pacing(_two_years(3), ref, quota, 3)
    assert p.comparable and p.actual == Decimal("0.09165")


def test_per_capita_water_and_per_area_energy(ref: ReferenceData) -> None:
    m = register_meter("W1", Carrier.WATER, initial="0")
    lg = ledger(
        (m,),
        tuple(reading("W1", 2025, i, str(10 * i)) for i in range(1, 13)),
        profiles={2025: YearProfile(2025, 4, Decimal(100))},
    )
    p = pacing(lg, ref, Quota(2025, QuotaIndicator.WATER_PER_CAPITA, QuotaLevel.ISSUED, Decimal(25)), 12)
    assert p.share == 1 and p.actual == Decimal(30) and p.over_pace  # 120 t / 4 people
