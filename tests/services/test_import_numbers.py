"""The importer's fast paths for number cells give exactly what the general path gives: the same
Decimal (digits and exponent), the same int, or the same refusal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxjn_desktop.domain.numbers import check_size
from gxjn_desktop.errors import InvalidNumber
from gxjn_desktop.services.workbook.importer import _integer, _number


def _slow_number(v: float) -> Decimal | str:
    """The float branch as it was written before the fast path: the value, or the refusal's text."""
    try:
        return check_size(Decimal(format(v, ".15g")), "读数")
    except InvalidNumber as exc:
        return exc.one_line()


def _fast_number(v: float) -> Decimal | str | None:
    try:
        return _number(v, "读数")
    except InvalidNumber as exc:
        return exc.one_line()


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a.as_tuple() == b.as_tuple()  # 1.50 is not 1.5, -0 is not 0
    return a == b


ODD = [
    0.0, -0.0, 1.0, -1.0, 0.1 + 0.2, 19758.67, 20321.93, 1e-4, 1e-5, 1.5e-7, 0.000001, 0.0000015, 123.456789,
    123.4567891, 99999999999999.98, 99999999999999.99, -99999999999999.99, 1e14 - 1, 12345678901234.5,
    1234567890123.456, 0.3333333333333333, 2.5e-6, 7.000001, 7.0000001, 45685.0, 2025.0, 1e13,
]  # fmt: skip


@pytest.mark.parametrize("v", ODD)
def test_a_number_cell_reads_as_the_general_path_reads_it(v: float) -> None:
    assert _same(_fast_number(v), _slow_number(v))


@given(
    st.one_of(
        st.floats(min_value=-1e15, max_value=1e15, allow_nan=False),
        st.floats(min_value=-1, max_value=1, allow_nan=False),
        st.integers(min_value=-(10**14), max_value=10**14).map(lambda n: n / 100),
        st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: n / 10**7),
    )
)
def test_any_float_reads_as_the_general_path_reads_it(v: float) -> None:
    assert _same(_fast_number(v), _slow_number(v))


def _slow_integer(v: float) -> int | str | None:
    try:
        d = check_size(Decimal(format(v, ".15g")), "月")
    except InvalidNumber as exc:
        return exc.one_line()
    if d != d.to_integral_value():
        return "not whole"
    return int(d)


def _fast_integer(v: float) -> int | str | None:
    try:
        return _integer(v, "月")
    except InvalidNumber as exc:
        return "not whole" if "应为整数" in exc.message else exc.one_line()


@given(
    st.one_of(
        st.integers(min_value=-(10**16), max_value=10**16).map(float),
        st.floats(min_value=-1e16, max_value=1e16, allow_nan=False),
        st.sampled_from([-0.0, 0.0, 1e14, -1e14, 99999999999999.0, 2025.0, 12.0, 12.5]),
    )
)
def test_a_whole_number_cell_reads_as_the_general_path_reads_it(v: float) -> None:
    assert _fast_integer(v) == _slow_integer(v)
