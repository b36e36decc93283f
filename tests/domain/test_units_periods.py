"""统一社会信用代码 (GB 32100-2015), 行政区划代码 (GB/T 2260, 广西), and reporting periods."""

import pytest

from gxjn_desktop.domain.periods import Period
from gxjn_desktop.domain.regions import guangxi_regions
from gxjn_desktop.domain.units import InstitutionType, Unit, admin_code_problem, uscc_check_character, uscc_problem
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


@pytest.mark.parametrize("code", ["450000", "450100", "450103", "450181", "451003", "451082", "451481"])
def test_codes_of_guangxi_are_accepted(code: str) -> None:
    assert admin_code_problem(code) is None


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("110101", "不是广西的代码"), ("450101", "不在广西的行政区划代码表中"), ("451500", "不在"), ("450199", "不在")],
)
def test_codes_outside_guangxi_are_refused(code: str, fragment: str) -> None:
    problem = admin_code_problem(code)
    assert problem is not None and fragment in problem and code in problem


def test_the_code_list_is_sourced_and_complete() -> None:
    regions = guangxi_regions()
    assert "GB/T 2260" in regions.version and "2023" in regions.version
    cities = [c for c in regions.names if c.endswith("00") and c != "450000"]
    assert len(cities) == 14  # 14 设区市
    assert len(regions.names) == 1 + 14 + 111  # 111 县级行政区 (41 区, 10 县级市, 48 县, 12 自治县)
    assert regions.name("450123") == "南宁市隆安县"


def test_unit_warns_when_its_uscc_was_registered_elsewhere() -> None:
    body = "12450123MB1965432"
    uscc = body + uscc_check_character(body)
    same = Unit("某局", uscc, "450123", InstitutionType.ORGAN)
    assert same.problems() == [] and same.warnings() == []
    other = Unit("某局", uscc, "450103", InstitutionType.ORGAN)
    assert other.problems() == []  # a warning, not a refusal
    (warning,) = other.warnings()
    assert "450123（南宁市隆安县）" in warning and "450103" in warning
    beijing = Unit("某局", uscc, "110101", InstitutionType.ORGAN)
    assert any("不是广西的代码" in p for p in beijing.problems())


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


def test_a_stored_period_key_names_its_period() -> None:
    from gxjn_desktop.domain.periods import Period
    from gxjn_desktop.errors import UserError

    assert Period.from_key("2025-Y") == Period.parse(2025, "Y")
    assert Period.from_key("2024-YTD-M06").months == tuple(range(1, 7))
    for bad in ("2025", "Y-2025", "2025-Q5"):
        with pytest.raises(UserError):
            Period.from_key(bad)
