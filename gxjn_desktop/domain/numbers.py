"""Reading numbers as people type them, and rounding them the one documented way.

Facility managers type on Chinese input methods: full-width digits (１２３．５), the ideographic
full stop (。), Chinese commas as thousands separators. Everything is normalised to ASCII and
parsed with :class:`decimal.Decimal`; floats never touch a figure the bureau checks.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from gxjn_desktop.errors import InvalidNumber

# Places shown or written (cli.md §Figures): quantities and 元 2, tce/tCO2/indicators 4, percent 2.
QUANTITY_PLACES = 2
MONEY_PLACES = 2
TCE_PLACES = 4
INDICATOR_PLACES = 4
PERCENT_PLACES = 2

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
        raise InvalidNumber(f"{what}为空", "请输入数字；没有发生量时填 0")
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
    return value + Decimal(0)  # normalises -0 to 0


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round once, half up, to ``places`` decimals (the only rounding the program does)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


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
