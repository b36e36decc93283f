"""Reading numbers as people type them, and rounding them the one documented way.

Facility managers type on Chinese input methods: full-width digits (１２３．５), the ideographic
full stop (。), Chinese commas as thousands separators. Exactly those are translated to ASCII and
parsed with :class:`decimal.Decimal`; anything else is refused, never guessed at, and floats never
touch a figure the bureau checks.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from gxjn_desktop.errors import InvalidNumber

# Places shown or written (cli.md §Figures): quantities and 元 2, tce/tCO2/indicators 4, percent 2.
QUANTITY_PLACES = 2
MONEY_PLACES = 2
TCE_PLACES = 4
INDICATOR_PLACES = 4
PERCENT_PLACES = 2

#: What a reader sees where a figure does not apply or cannot be computed (the report, the month
#: grid): never an empty cell, which would read as "not filled in yet".
NOT_APPLICABLE = "—"

# Input limits: far beyond any real reading, quantity or cost, but small enough that every figure
# stays exact in Decimal arithmetic and fits SQLite's integers (as 分).
MAX_INTEGER_DIGITS = 15
MAX_DECIMAL_PLACES = 6
_WIDE = Context(prec=80)  # rounding never runs out of precision, whatever the size of a figure

# What an office user types, and nothing else (cli.md; issue #10): ASCII and full-width digits,
# one decimal point (. ． 。), thousands separators (, ，) only between groups of three, a leading
# minus, surrounding spaces. NFKC is deliberately not used: it turns 10² into 102 and ①②③ into
# 123, and Decimal() itself reads Arabic-Indic digits.
_TRANSLATE = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},  # full-width digits
    **{str(i): str(i) for i in range(10)},
    ".": ".",
    "．": ".",
    "。": ".",
    ",": ",",
    "，": ",",
    "-": "-",
    "－": "-",  # full-width hyphen-minus
    "−": "-",  # U+2212 minus sign
}
_SPACES = " \t\u3000\u00a0"  # surrounding spaces only; the ideographic space of a Chinese IME
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?$")


def normalize_number_text(text: str) -> str | None:
    """The typed number in ASCII (``１，２３４。５`` → ``1,234.5``); ``None`` if a character is not allowed."""
    out = []
    for ch in text.strip(_SPACES):
        ascii_ch = _TRANSLATE.get(ch)
        if ascii_ch is None:
            return None
        out.append(ascii_ch)
    return "".join(out)


def _refusal(text: str, what: str) -> InvalidNumber:
    bad = next((ch for ch in text.strip(_SPACES) if ch not in _TRANSLATE), None)
    if bad is not None and bad in _SPACES:
        detail = "，数字中间不能有空格"
    elif bad is not None:
        detail = f"，其中的“{bad}”不是可以输入的字符"
    else:
        detail = ""
    return InvalidNumber(
        f"{what}“{text}”不是有效的数字{detail}",
        "只能输入数字、一个小数点和按三位一组的千位分隔符，例如 1234.5 或 1,234.5",
    )


def parse_decimal(text: str, what: str = "数值", *, allow_negative: bool = True) -> Decimal:
    """Parse a typed number; raise :class:`InvalidNumber` with a Chinese message if it is not one.

    The one parser of the grid, the workbook, quotas, the wizard and the command line. Thousands
    separators are accepted only in their proper place (``12,345.6``), so that a comma typed for a
    decimal point (``12,5``) is refused rather than read as 125.
    """
    if not text.strip(_SPACES):
        raise InvalidNumber(f"{what}为空", "请输入数字")  # not "填 0": many callers (定额, 件数, 人数) refuse 0
    s = normalize_number_text(text)
    if s is None or not _NUMBER.match(s) or not any(ch.isdigit() for ch in s):
        raise _refusal(text, what)
    if s.startswith("-") and not allow_negative:
        raise InvalidNumber(f"{what}“{text}”不能为负数", "请输入大于或等于 0 的数")
    try:
        value = Decimal(s.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise _refusal(text, what) from exc
    return check_size(value, what)


def parse_integer(text: str, what: str = "数值", *, allow_negative: bool = False) -> int:
    """A whole number typed as :func:`parse_decimal` reads it (``2,025`` → 2025, ``12.5`` refused)."""
    value = parse_decimal(text, what, allow_negative=allow_negative)
    if value != value.to_integral_value():
        raise InvalidNumber(f"{what}应为整数，“{text}”带有小数", "请填写整数")
    return int(value)


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
            # the digits counted, not the value: 1.2E+22 means nothing to the person who typed it
            f"{what}过大（整数部分有 {integer_digits} 位，最多 {MAX_INTEGER_DIGITS} 位）",
            "请核对是否多输了数字或单位是否有误",
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
