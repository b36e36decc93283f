"""Reporting periods: the year, a quarter, a month, or the year to the end of a month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from gxjn_desktop.errors import UserError

#: The first year the program accepts (cli.md: years 2000 … next year; earlier ones are typos).
FIRST_YEAR = 2000


def check_year(year: int, today: date | None = None) -> int:
    """The one year validator of every front end and service: 2000 … next year, else a user error."""
    last = (today or date.today()).year + 1
    if not FIRST_YEAR <= year <= last:
        raise UserError(f"年度 {year} 超出范围（应为 {FIRST_YEAR}—{last} 年）", "请输入四位年份，如 2025")
    return year


_MONTH = re.compile(r"^M(0[1-9]|1[0-2])$")
_YTD = re.compile(r"^YTD-M(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^Q([1-4])$")


@dataclass(frozen=True)
class Period:
    """A set of calendar months of one year, named as cli.md fixes (Y, Q1…Q4, M01…M12, YTD-M01…)."""

    year: int
    code: str
    months: tuple[int, ...]

    @classmethod
    def parse(cls, year: int, code: str = "Y") -> Period:
        c = code.strip().upper()
        if c == "Y":
            return cls(year, "Y", tuple(range(1, 13)))
        if m := _QUARTER.match(c):
            q = int(m.group(1))
            return cls(year, c, tuple(range(3 * q - 2, 3 * q + 1)))
        if m := _MONTH.match(c):
            return cls(year, c, (int(m.group(1)),))
        if m := _YTD.match(c):
            return cls(year, c, tuple(range(1, int(m.group(1)) + 1)))
        raise UserError(f"无法识别的期间“{code}”", "期间可为 Y（全年）、Q1…Q4、M01…M12 或 YTD-M01…YTD-M12")

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The period a stored key names (``2025-Y``, ``2025-Q2``, as packets and the bureau key them)."""
        year, sep, code = key.partition("-")
        if not sep or not year.isdigit():
            raise UserError(f"无法识别的期间“{key}”", "期间应写成“年份-期间”，如 2025-Y 或 2025-Q2")
        return cls.parse(int(year), code)

    def previous_year(self) -> Period:
        """The same period one year earlier (the year-on-year base)."""
        return Period(self.year - 1, self.code, self.months)

    @property
    def label(self) -> str:
        if self.code == "Y":
            return f"{self.year}年全年"
        if self.code.startswith("Q"):
            return f"{self.year}年第{self.code[1]}季度"
        if self.code.startswith("YTD"):
            return f"{self.year}年1—{self.months[-1]}月"
        return f"{self.year}年{self.months[0]}月"

    @property
    def is_full_year(self) -> bool:
        return len(self.months) == 12


def month_key(year: int, month: int) -> str:
    """``2025-06``: how a month is named in locations and files."""
    return f"{year:04d}-{month:02d}"


def previous_month(year: int, month: int) -> tuple[int, int]:
    return (year - 1, 12) if month == 1 else (year, month - 1)


def next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)
