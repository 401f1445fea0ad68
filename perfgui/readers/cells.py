"""What one cell's text means, whatever source it came from.

Cells copied out of a PDF or typed by hand carry damage and habits: stray spaces in numbers
(``7. 50``, ``275, 112, 698. 88``), names broken where the cell wrapped, amounts typed with their
unit (``150万``, ``125.25万元``), weights written inside a label (``产出指标(50分)``), comparators
typed as look-alikes (``≧``, ``═``, ``＞＝``) and template rows left in (``指标1``, ``……``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..model.numbers import parse_decimal

# Runs of spaces; those between two Chinese characters go (a class of the CJK ranges themselves
# takes the regular expression compiler milliseconds to build, at every start of the program).
_SPACE_RUN = re.compile("[ \u3000]+")


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def squash(text: str) -> str:
    """A label without any whitespace, for comparing with the labels a layout prints."""
    # str.split() splits on exactly what the pattern \s matches, and is several times faster.
    return "".join(text.split()) if text else ""


def join_broken(text: str) -> str:
    """Join a name broken by spaces between Chinese characters where the cell wrapped."""
    text = (text or "").strip()
    if " " not in text and "\u3000" not in text:
        return text

    def gap(m: re.Match) -> str:
        start, end = m.span()
        inside = start > 0 and end < len(text) and _is_cjk(text[start - 1]) and _is_cjk(text[end])
        return "" if inside else m.group()

    return _SPACE_RUN.sub(gap, text)


_LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
_LATIN_BREAK = re.compile(r"(?<=[A-Za-z0-9])\n(?=[A-Za-z])|(?<=[A-Za-z])\n(?=[A-Za-z0-9])")
_DIGIT = re.compile(r"\d")


def clean_name(text: str) -> str:
    """An indicator's name on one line: ``产出\n指标\n(50分)`` (a narrow wrapped cell) → ``产出指标(50分)``."""
    s = (text or "").strip()
    if "\n" in s:
        s = _LATIN_BREAK.sub(" ", _LINE_BREAK.sub("\n", s)).replace("\n", "")
    return join_broken(s)


def clean_measure(text: str) -> str:
    """A target or actual without the stray spaces of a PDF copy: ``=100. 00 (%)`` → ``=100.00(%)``."""
    s = (text or "").strip()
    if _DIGIT.search(s):
        s = squash(s)
    return join_broken(s)


@lru_cache(maxsize=4096)
def number(text: str | None) -> Decimal | None:
    """A plain number (points, weights); None when the cell holds anything else."""
    # Cached: the recogniser asks about the same cells several times (a Decimal is immutable).
    return parse_decimal(text)


def percent(text: str | None) -> Decimal | None:
    """A rate printed as ``95.00%``, ``95.00(%)`` or ``95``."""
    if text is None:
        return None
    s = squash(text).replace("（", "(").replace("）", ")")
    s = s.replace("(%)", "").rstrip("%％")
    return parse_decimal(s)


_AMOUNT = re.compile(r"^(?P<num>.*?\d.*?)(?P<unit>亿元|万元|万|元)?$")


def amount(text: str | None, unit: str) -> tuple[Decimal | None, str]:
    """Money in ``unit`` (元 or 万元) from a cell; a cell typed with its own unit is converted.

    Returns the value and the unit the cell itself was typed with ("" when none).
    """
    if text is None:
        return None, ""
    s = squash(text)
    m = _AMOUNT.match(s)
    if not m:
        return None, ""
    value = parse_decimal(m.group("num"))
    typed = m.group("unit") or ""
    if value is None:
        return None, ""
    if typed == "万":
        typed = "万元"
    if typed and typed != unit:
        in_yuan = value * {"亿元": Decimal(100000000), "万元": Decimal(10000), "元": Decimal(1)}[typed]
        value = in_yuan / Decimal(10000) if unit == "万元" else in_yuan
        value = value.normalize() if value == value.to_integral_value() else value
    return value, typed


# -- weights written into labels ------------------------------------------------------------------
_POINTS_IN_LABEL = re.compile(r"^(?P<name>.*?)\s*[（(]\s*(?:权重|分值)?\s*[:：]?\s*(?P<pts>\d+(?:\.\d+)?)\s*分?\s*[）)]\s*$")
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|\d+\s*[、．]|\d+\.(?!\d))\s*")


def points_in_label(text: str) -> tuple[str, Decimal | None]:
    """``产出指标(50分)`` → (``产出指标``, 50); a label without points is returned as it is."""
    m = _POINTS_IN_LABEL.match(text or "")
    if not m or not m.group("name").strip():
        return text, None
    return m.group("name").strip(), Decimal(m.group("pts"))


def strip_numbering(text: str) -> tuple[str, bool]:
    """``一、产出指标`` → (``产出指标``, True): the numbering of a parent row."""
    m = _NUMBERING.match(text or "")
    if not m:
        return text, False
    return text[m.end():].strip(), True


# -- template rows ---------------------------------------------------------------------------------
_PLACEHOLDER = re.compile(r"^(?:指标\s*\d+|[…\.。·]{2,}|\.\.\.|—+|-+|/|无|略)$")


def is_placeholder(name: str) -> bool:
    """A template row left in the form: ``指标1``, ``指标2``, ``……``."""
    return bool(_PLACEHOLDER.match(squash(name)))


# -- comparators -----------------------------------------------------------------------------------
# The 指标性质 column of a two-column target (≥ | 95 | %): what people type for each meaning.
_NATURE = {
    "≥": "≥", "≧": "≥", ">=": "≥", "＞＝": "≥", "＞=": "≥", ">＝": "≥", "大于等于": "≥", "不低于": "≥",
    "正向": "≥", "正向指标": "≥",
    "≤": "≤", "≦": "≤", "<=": "≤", "＜＝": "≤", "＜=": "≤", "<＝": "≤", "小于等于": "≤", "不高于": "≤",
    "反向": "≤", "反向指标": "≤",
    "=": "=", "═": "=", "﹦": "=", "＝": "=", "等于": "=",
    ">": ">", "＞": ">", "大于": ">", "<": "<", "＜": "<", "小于": "<",
}
_SUFFIX_NATURE = {"以上": "≥", "以下": "≤", "以内": "≤"}
_QUALITATIVE_NATURE = ("定性", "定性指标")


def combine_target(nature: str, value: str, unit: str) -> str:
    """指标性质 + 指标值 + 度量单位 kept together as one target: (≧, 95, %) → ``≧95%``.

    The comparator is kept as printed (the scoring reads the look-alikes); ``以上/以下/以内``
    written as the 性质 follow the value as people write them (``95%以上``).
    """
    n, v, u = squash(nature), clean_measure(value), squash(unit)
    if u and v.endswith(u):
        u = ""
    if n in _SUFFIX_NATURE:
        return f"{v}{u}{n}"
    if n in _QUALITATIVE_NATURE or n in ("定量", "定量指标"):
        n = ""
    if n and v.startswith(tuple(_NATURE)):
        n = ""
    return f"{n}{v}{u}"


def nature_of(text: str) -> str | None:
    """The comparator a 指标性质 cell means (≥, ≤, =, >, <), None when it is none of them."""
    s = squash(text)
    if s in _NATURE:
        return _NATURE[s]
    return _SUFFIX_NATURE.get(s)
