"""Typed numbers: full-width digits, Chinese punctuation, thousands separators, nothing else; one rounding rule."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gxjn_desktop.domain.numbers import format_fixed, parse_decimal, parse_integer, plain, round_half_up, yuan_to_fen
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
        ("  1234\u3000", "1234"),
        ("1，234．5", "1234.5"),
        ("−3", "-3"),
        (".5", "0.5"),
        ("5.", "5"),
        ("-0", "0"),
    ],
)
def test_parse_decimal_accepts_what_people_type(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text",
    [
        *("", "   ", "12,5", "1,23,456", "abc", "1.2.3", "1e5", "NaN", "∞", "12-3", "-", "."),
        # Each of these was once read as a different number (issue #10): 102, 50, 123, 123, 12 …
        *("10²", "5⁰", "①②③", "١٢٣", "1 2", "12 345.6", "1、234", "88.00元", "+5", "—5", "1,234,56", "12,345,6"),
    ],
)
def test_parse_decimal_refuses_with_a_chinese_message(text: str) -> None:
    with pytest.raises(InvalidNumber) as err:
        parse_decimal(text, "本期示数")
    assert "本期示数" in err.value.message
    if text.strip():
        assert f"“{text}”" in err.value.message  # the message shows what was typed
    assert err.value.hint


def test_negative_is_refused_where_negatives_are_not_allowed() -> None:
    assert parse_decimal("-1.5") == Decimal("-1.5")
    with pytest.raises(InvalidNumber, match="不能为负数"):
        parse_decimal("－1.5", "用量", allow_negative=False)


def test_parse_integer_reads_whole_numbers_only() -> None:
    assert parse_integer("２，０２５", "年度") == 2025
    assert parse_integer("2025.0", "年度") == 2025
    for text in ("12.5", "٢٠٢٥", "2_025", "-3"):
        with pytest.raises(InvalidNumber):
            parse_integer(text, "年度")


_DIGIT_FORMS = [(str(i), chr(0xFF10 + i)) for i in range(10)]


@st.composite
def typed_numbers(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A value and one way a person may type it: digit forms, point, grouping, spaces."""
    integer = draw(st.integers(min_value=0, max_value=10**15 - 1))
    places = draw(st.integers(min_value=0, max_value=6))
    fraction = draw(st.integers(min_value=0, max_value=10**places - 1)) if places else 0
    negative = draw(st.booleans())
    int_text = str(integer)
    if draw(st.booleans()):
        int_text = f"{integer:,}".replace(",", draw(st.sampled_from([",", "，"])))
    text = int_text + (draw(st.sampled_from([".", "．", "。"])) + str(fraction).zfill(places) if places else "")
    text = "".join(_DIGIT_FORMS[int(ch)][draw(st.integers(0, 1))] if ch.isdigit() else ch for ch in text)
    if negative:
        text = draw(st.sampled_from(["-", "－", "−"])) + text
    text = draw(st.sampled_from(["", " ", "\u3000"])) + text + draw(st.sampled_from(["", " "]))
    value = Decimal(integer) + (Decimal(fraction).scaleb(-places) if places else 0)
    return text, -value if negative else value


@given(typed_numbers())
def test_every_way_of_typing_a_number_reads_as_that_number(case: tuple[str, Decimal]) -> None:
    text, value = case
    assert parse_decimal(text) == value


# Characters a person may type next to digits; many of them are "digits" to Unicode or to NFKC.
_TRICKY = "0123456789０１２３４５６７８９.．。,，、-－−—+ \u3000²⁰①②١٢۳०१e_元"


def _as_read(text: str) -> Decimal:
    """What a person reads: the digits, the point, the sign; separators between groups of three."""
    s = text.strip(" \u3000")
    digits = {d: a for a, d in _DIGIT_FORMS} | {a: a for a, _ in _DIGIT_FORMS}
    out = ""
    for ch in s:
        if ch in digits:
            out += digits[ch]
        elif ch in ".．。":
            out += "."
        elif ch in "-－−" and not out:
            out += "-"
        elif ch in ",，":
            out += ","
        else:
            raise AssertionError(f"accepted a character a person would not read as part of a number: {ch!r}")
    whole = out.lstrip("-").split(".")[0]
    if "," in whole:
        groups = whole.split(",")
        assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]), text
    assert "," not in out.partition(".")[2], text
    return Decimal(out.replace(",", "") or "0")


@given(st.text(alphabet=_TRICKY, max_size=12))
def test_whatever_is_accepted_is_what_a_person_reads(text: str) -> None:
    try:
        value = parse_decimal(text)
    except InvalidNumber:
        return
    assert value == _as_read(text)


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


def test_a_number_too_long_is_refused_in_words_not_in_scientific_notation() -> None:
    with pytest.raises(InvalidNumber) as err:
        parse_decimal("12345678901234567890123", "用能人数")
    assert err.value.message == "用能人数过大（整数部分有 23 位，最多 15 位）"
    assert "E+" not in err.value.one_line()
