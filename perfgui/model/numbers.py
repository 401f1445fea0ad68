"""Exact numbers for money, points and rates: parsing, their bounds, formatting at the edge.

Every number that enters the program (typed, pasted, imported, read by the command line) is
checked against ``BOUNDS`` where it enters, by ``bound_problem`` / ``check_bounds``, and the
library refuses to save a form with a number out of bounds (``form_bounds.check_form_numbers``). The
bounds keep every figure within 18 significant digits, so the sums and quotients of
``Decimal``'s default 28-digit context stay exact and nothing raises ``InvalidOperation``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Context, Decimal, InvalidOperation

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
MAX_PLACES = 4  # decimals any number may have
# Formatting must never raise, whatever reached it: quantize in a context wide enough for any
# number ``parse_decimal`` can return.
_WIDE = Context(prec=4000, Emax=10**6, Emin=-10**6)
_MAX_TEXT_DIGITS = 1000  # longer digit strings are not numbers a person means


class OutOfRange(ValueError):
    """A number outside its bounds; ``str(exc)`` is a Chinese sentence naming the field."""


@dataclass(frozen=True)
class Bound:
    """The range of one kind of number and what it is called in a message."""

    kind: str
    low: Decimal
    high: Decimal
    places: int = MAX_PLACES
    integer: bool = False

    def describe(self) -> str:
        if self.integer:
            return f"{self.low} 到 {self.high} 之间的整数"
        return f"{_plain(self.low)} 到 {_plain(self.high)} 之间，最多 {self.places} 位小数"


def _plain(value: Decimal) -> str:
    return f"{value:,f}" if abs(value) >= 10000 else f"{value:f}"


BOUNDS: dict[str, Bound] = {
    # Money in the budget's unit (元 or 万元): up to a hundred trillion, refunds may be negative.
    "money": Bound("money", Decimal("-99999999999999.9999"), Decimal("99999999999999.9999")),
    # 分值、得分 and a section's 权重: a form scores 100 points in all.
    "points": Bound("points", Decimal(0), Decimal(100)),
    "weight": Bound("weight", Decimal(0), Decimal(100)),
    # Rates and ratios in percent or as a factor (执行率, the over-target ratio).
    "rate": Bound("rate", Decimal(0), Decimal(10000)),
    "year": Bound("year", Decimal(1990), Decimal(2100), places=0, integer=True),
}

# Digits, grouping commas (ASCII or fullwidth), a decimal point and the stray spaces that
# copying out of a PDF leaves between them: "275, 112, 698. 88", "7. 50".
_NUMBER_RE = re.compile(r"^[+\-－]?\s*[\d,，\s]*\d(?:\s*[.．]\s*\d+)?$")
_PLAIN_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_SEPARATORS_RE = re.compile(r"[\s,]")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


def parse_decimal(text: str | None) -> Decimal | None:
    """Read a number typed by a person or copied from a PDF; None when it is not a number."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    s = str(text).strip()
    if _PLAIN_RE.match(s) and len(s) <= _MAX_TEXT_DIGITS:
        return Decimal(s)  # "12.50", as every stored number and most typed ones are
    s = s.translate(_FULLWIDTH)
    if not s or not _NUMBER_RE.match(s):
        return None
    s = _SEPARATORS_RE.sub("", s)
    if len(s) > _MAX_TEXT_DIGITS:
        return None
    try:
        value = Decimal(s)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def bound_problem(kind: str, value: Decimal | int | None, label: str = "") -> str:
    """Why ``value`` is outside the bounds of ``kind`` ("" when it is inside, or None).

    ``kind`` is a key of ``BOUNDS``; ``label`` names the field in the message (“得分”).
    """
    if value is None:
        return ""
    bound = BOUNDS[kind]
    what = label or _NAMES[kind]
    try:
        number = value if isinstance(value, Decimal) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return f"{what}“{value}”不是数字"
    if not number.is_finite():
        return f"{what}“{_short(number)}”不是数字"
    if not bound.low <= number <= bound.high:
        return f"{what} {_short(number)} 超出范围：应在 {bound.describe()}"
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -bound.places and number != number.quantize(
            Decimal(1).scaleb(-bound.places), context=_WIDE):
        if bound.integer:
            return f"{what} {_short(number)} 不是整数：应为 {bound.describe()}"
        return f"{what} {_short(number)} 的小数位太多：应在 {bound.describe()}"
    return ""


_NAMES = {"money": "金额", "points": "分值", "weight": "权重", "rate": "比率", "year": "年度"}


def check_bounds(kind: str, value: Decimal | int | None, label: str = "") -> None:
    """Raise ``OutOfRange`` when ``value`` is outside the bounds of ``kind``."""
    problem = bound_problem(kind, value, label)
    if problem:
        raise OutOfRange(problem)


def _short(number: Decimal) -> str:
    """A number for a message: at most 30 characters (a 40-digit paste stays readable)."""
    text = f"{number:f}" if number.is_finite() and abs(number.adjusted()) < 40 else str(number)
    return text if len(text) <= 30 else f"{text[:12]}…（共 {len(text)} 位）"


def q2(value: Decimal) -> Decimal:
    """Round to two decimals, half up, as the official tables do (never raises)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP, context=_WIDE)


def round2(value: Decimal, mode: str = "round") -> Decimal:
    """Two decimals the way a rule pack says: "round" (half up) or "truncate" (towards zero)."""
    if mode == "truncate":
        return value.quantize(CENT, rounding=ROUND_DOWN, context=_WIDE)
    return q2(value)


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
