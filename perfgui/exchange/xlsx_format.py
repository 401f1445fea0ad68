"""What the Excel writer and reader agree on: sheet names, the hidden data sheet, cell text.

The visible sheet follows the printed official form; the hidden sheet carries our lossless JSON
and a digest of every constant cell of the visible sheet as written, so the reader can tell
whether someone edited the visible sheet after the export (see ``docs/excel.md``).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import unicodedata
from decimal import Decimal

VISIBLE_SHEET = "自评表"
DATA_SHEET = "perfgui_data"
DATA_MARKER = "perfgui-xlsx"
DATA_VERSION = 1
# Excel refuses more than 32,767 characters in a cell.
CHUNK_CHARS = 30000

INDICATOR_LABELS = ("一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分",
                    "偏差及原因分析")
SUBTOTAL_LABEL = "小计"
TOTAL_LABEL = "总分"
SCORE_LABEL = "自评得分："
GRADE_LABEL = "自评等级："


def cell_text(value) -> str:
    """A cell value as the text a person sees (numbers exactly, dates in Chinese)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return ""
        if abs(value) >= 1e15:
            # No money or points on a form are this large: show it, but not as a number.
            return repr(value)
        d = Decimal(repr(value))
        # Binary noise from a spreadsheet's own arithmetic (0.30000000000000004).
        if d.as_tuple().exponent < -8:
            d = round(d, 8)
        text = format(d.normalize(), "f")
        return text
    if isinstance(value, (int, Decimal)):
        if abs(value) >= 10 ** 15:
            return repr(value)
        return format(Decimal(value), "f")
    if isinstance(value, _dt.datetime):
        if value.time() == _dt.time(0, 0):
            return f"{value.year}年{value.month}月{value.day}日"
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, _dt.date):
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, _dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, _dt.timedelta):
        return str(value)
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def digest_value(value) -> str | None:
    """A cell value in a form that survives a save by Excel, WPS or LibreOffice."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return f"b:{int(value)}"
    if isinstance(value, (int, float, Decimal)):
        return f"n:{float(value)!r}"
    return "s:" + cell_text(value)


def digest(entries: list[tuple[str, object]]) -> str:
    """SHA-256 over ``(coordinate, value)`` pairs of the constant cells of the visible sheet."""
    from openpyxl.utils.cell import coordinate_to_tuple

    h = hashlib.sha256()
    for coord, value in sorted(entries, key=lambda e: coordinate_to_tuple(e[0])):
        v = digest_value(value)
        if v is None:
            continue
        h.update(coord.encode("ascii"))
        h.update(b"\x00")
        h.update(v.encode("utf-8"))
        h.update(b"\x01")
    return h.hexdigest()


def text_units(text: str) -> int:
    """Display width in half-width units: Chinese characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
