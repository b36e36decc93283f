"""统一社会信用代码 (GB 32100-2015), 行政区划代码, and reporting periods."""

import pytest

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.units import admin_code_problem, uscc_check_character, uscc_problem
from gxjn_desktop.errors import UserError


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "911100001000044477"])
def test_published_codes_are_valid(code: str) -> None:
    assert uscc_problem(code) is None


def test_wrong_check_character_names_the_right_one() -> None:
    problem = uscc_problem("91350100M000100Y44")
    assert problem is not None and "第 18 位应为 3" in problem


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("9135010", "应为 18 位"), ("91350100M000100YI3", "不允许的字符：I")],
)
def test_malformed_codes(code: str, fragment: str) -> None:
    problem = uscc_problem(code)
    assert problem is not None and fragment in problem


def test_check_character_round_trip() -> None:
    body = "12450123MB1965432"
    assert uscc_problem(body + uscc_check_character(body)) is None


def test_admin_code() -> None:
    assert admin_code_problem("450123") is None
    assert admin_code_problem("45012") is not None
    assert admin_code_problem("4501AB") is not None


@pytest.mark.parametrize(
    ("code", "months"),
    [("Y", tuple(range(1, 13))), ("Q2", (4, 5, 6)), ("M03", (3,)), ("YTD-M05", (1, 2, 3, 4, 5)), ("q4", (10, 11, 12))],
)
def test_periods(code: str, months: tuple[int, ...]) -> None:
    assert Period.parse(2025, code).months == months


@pytest.mark.parametrize("code", ["Q5", "M13", "M3", "H1", "YTD-M00"])
def test_bad_period(code: str) -> None:
    with pytest.raises(UserError):
        Period.parse(2025, code)
