"""Typed numbers: full-width digits, Chinese punctuation, thousands separators; one rounding rule."""

from decimal import Decimal

import pytest

from gxjn_desktop.domain.numbers import format_fixed, parse_decimal, plain, round_half_up, yuan_to_fen
from gxjn_desktop.errors import InvalidNumber


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("123.5", "123.5"),
        ("１２３．５", "123.5"),
        ("１，２３４．５", "1234.5"),
        ("123。5", "123.5"),
        ("－１２", "-12"),
        ("1,234,567.89", "1234567.89"),
        (" 1 234 ", "1234"),
        ("88.00元", "88.00"),
        (".5", "0.5"),
        ("-0", "0"),
    ],
)
def test_parse_decimal_accepts_what_people_type(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["", "   ", "12,5", "1,23,456", "abc", "1.2.3", "1e5", "NaN", "∞", "12-3"])
def test_parse_decimal_refuses_with_a_chinese_message(text: str) -> None:
    with pytest.raises(InvalidNumber) as err:
        parse_decimal(text, "本期示数")
    assert "本期示数" in err.value.message
    assert err.value.hint


def test_round_half_up_not_bankers() -> None:
    assert round_half_up(Decimal("2.345"), 2) == Decimal("2.35")
    assert round_half_up(Decimal("2.335"), 2) == Decimal("2.34")
    assert round_half_up(Decimal("-2.345"), 2) == Decimal("-2.35")
    assert format_fixed(Decimal("49567.5"), 2) == "49567.50"
    assert format_fixed(Decimal("1E+3"), 2) == "1000.00"
    assert format_fixed(None, 2) is None


def test_money_is_kept_in_fen_and_more_decimals_are_refused() -> None:
    assert yuan_to_fen(Decimal("368908.54")) == 36890854
    with pytest.raises(InvalidNumber):
        yuan_to_fen(Decimal("1.005"))
    assert plain(Decimal("12.500")) == "12.5"
    assert plain(Decimal("0E-8")) == "0"


@pytest.mark.parametrize("text", ["1234567890123456", "１２３４５６７８９０１２３４５６", "1.1234567"])
def test_numbers_too_long_to_be_real_are_refused(text: str) -> None:
    with pytest.raises(InvalidNumber):
        parse_decimal(text, "用量")


def test_rounding_never_fails_or_shows_negative_zero() -> None:
    assert format_fixed(Decimal("1E+30"), 2) == "1000000000000000000000000000000.00"
    assert format_fixed(Decimal("-0.001"), 2) == "0.00"
    assert parse_decimal("999999999999999.999999") == Decimal("999999999999999.999999")
