"""Exact numbers for money, points and rates: parsing damaged text and formatting at the edge."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Digits, grouping commas (ASCII or fullwidth), a decimal point and the stray spaces that
# copying out of a PDF leaves between them: "275, 112, 698. 88", "7. 50".
_NUMBER_RE = re.compile(r"^[+\-－]?\s*[\d,，\s]*\d(?:\s*[.．]\s*\d+)?$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


def parse_decimal(text: str | None) -> Decimal | None:
    """Read a number typed by a person or copied from a PDF; None when it is not a number."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    s = str(text).strip().translate(_FULLWIDTH)
    if not s or not _NUMBER_RE.match(s):
        return None
    s = re.sub(r"[\s,]", "", s)
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def q2(value: Decimal) -> Decimal:
    """Round to two decimals, half up, as the official tables do."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def fmt2(value: Decimal | None, empty: str = "") -> str:
    """Two decimals, no grouping: "94.00"."""
    if value is None:
        return empty
    return f"{q2(value):.2f}"


def fmt_money(value: Decimal | None, empty: str = "") -> str:
    """Two decimals with thousands separators, as money is printed: "275,112,698.88"."""
    if value is None:
        return empty
    return f"{q2(value):,.2f}"


def fmt_weight(value: Decimal | None, empty: str = "") -> str:
    """A weight without needless decimals: 30, 12.5."""
    if value is None:
        return empty
    v = q2(value)
    if v == v.to_integral_value():
        return f"{int(v)}"
    return f"{v.normalize():f}"


def rate(actual: Decimal | None, planned: Decimal | None) -> Decimal | None:
    """执行率 in percent, two decimals; None when it cannot be computed (no or zero budget)."""
    if actual is None or planned is None or planned == 0:
        return None
    return q2(actual / planned * HUNDRED)
