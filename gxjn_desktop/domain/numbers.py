"""Reading numbers as people type them, and rounding them the one documented way.

Facility managers type on Chinese input methods: full-width digits (１２３．５), the ideographic
full stop (。), Chinese commas as thousands separators. Everything is normalised to ASCII and
parsed with :class:`decimal.Decimal`; floats never touch a figure the bureau checks.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from gxjn_desktop.errors import InvalidNumber

# Places shown or written (cli.md §Figures): quantities and 元 2, tce/tCO2/indicators 4, percent 2.
QUANTITY_PLACES = 2
MONEY_PLACES = 2
TCE_PLACES = 4
INDICATOR_PLACES = 4
PERCENT_PLACES = 2

# Input limits: far beyond any real reading, quantity or cost, but small enough that every figure
# stays exact in Decimal arithmetic and fits SQLite's integers (as 分).
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 6
_WIDE = Context(prec=80)  # rounding never runs out of precision, whatever the size of a figure

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_PLAIN = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def normalize_number_text(text: str) -> str:
    """Full-width and Chinese punctuation to ASCII; spaces removed. Does not validate."""
    s = unicodedata.normalize("NFKC", text).strip()
    s = s.replace("。", ".").replace("、", ",").replace("，", ",")
    s = s.replace("−", "-").replace("—", "-")  # minus sign, em dash typed as minus
    return re.sub(r"\s+", "", s)


def parse_decimal(text: str, what: str = "数值") -> Decimal:
    """Parse a typed number; raise :class:`InvalidNumber` with a Chinese message if it is not one.

    Thousands separators are accepted only in their proper place (``12,345.6``), so that a comma
    typed for a decimal point (``12,5``) is refused rather than read as 125.
    """
    s = normalize_number_text(text)
    if s.endswith("元"):
        s = s[:-1]
    if not s:
        raise InvalidNumber(f"{what}为空", "请输入数字")  # not "填 0": many callers (定额, 件数, 人数) refuse 0
    if _GROUPED.match(s):
        s = s.replace(",", "")
    if not _PLAIN.match(s):
        raise InvalidNumber(
            f"{what}“{text}”不是有效的数字",
            "只能输入数字和小数点，例如 1234.5（千位分隔符须按三位一组）",
        )
    try:
        value = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise InvalidNumber(f"{what}“{text}”不是有效的数字", "请输入数字") from exc
    return check_size(value, what)


def check_size(value: Decimal, what: str = "数值") -> Decimal:
    """Refuse numbers too long to be real (a slip of the keyboard, or a hostile file)."""
    if not value.is_finite():
        raise InvalidNumber(f"{what}不是有效的数字", "请输入数字")
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    integer_digits = len(digits) + exponent
    places = -exponent if exponent < 0 else 0
    if integer_digits > MAX_INTEGER_DIGITS:
        raise InvalidNumber(
            f"{what} {value:E} 过大（整数部分超过 {MAX_INTEGER_DIGITS} 位）", "请核对是否多输了数字或单位是否有误"
        )
    if places > MAX_DECIMAL_PLACES:
        raise InvalidNumber(f"{what}的小数超过 {MAX_DECIMAL_PLACES} 位", f"请保留不超过 {MAX_DECIMAL_PLACES} 位小数")
    return value + Decimal(0)  # normalises -0 to 0


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round once, half up, to ``places`` decimals (the only rounding the program does)."""
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)
    return abs(rounded) if rounded == 0 else rounded  # never show "-0.00"


def format_fixed(value: Decimal | None, places: int) -> str | None:
    """Plain decimal text with exactly ``places`` decimals (never exponent notation)."""
    if value is None:
        return None
    return f"{round_half_up(value, places):f}"


def plain(value: Decimal) -> str:
    """Exact plain text of a stored value, trailing zeros after the point removed."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def yuan_to_fen(value: Decimal) -> int:
    """元 to integer 分; more than two decimals is refused rather than rounded away."""
    fen = value * 100
    if fen != fen.to_integral_value():
        raise InvalidNumber(f"金额 {plain(value)} 元超过两位小数", "金额只能精确到分（两位小数）")
    return int(fen)


def fen_to_yuan(fen: int) -> Decimal:
    return Decimal(fen) / 100
