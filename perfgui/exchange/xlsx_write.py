"""The form as an Excel workbook laid out as the printed form, with live formulas and their values.

The visible sheet copies the printed form's grids cell for cell (``perfgui.report.official``
builds both, following the form's layout): the title in 《》, the year, the header, the budget
table, 年度总体目标 side by side, the indicator table with 一级/二级 merged over their rows and the
总分 row, 自评得分/自评等级 (and the 说明 line), then the sign-off lines and the seal. The sheet's
columns are the indicator table's; the other grids lie on the column boundaries nearest theirs.
执行率, the budget score, 总分, 自评得分 and the grade are formulas written by XlsxWriter together
with the values the program computed, so every viewer shows the totals, also those that never
recalculate (mail previews, phones, import tools), and Excel, WPS and LibreOffice keep them live.
The formulas follow the form's rules: the budget's points full at ``budget_full_at``, rounded or
truncated (ROUNDDOWN) as the pack says, the total capped by 执行率, the pack's grade bands.

Rows are as tall as their text; a cell whose text would pass Excel's 409-point row limit
continues in the rows below (the row's other cells merged over them), so nothing is cut on
paper. A hidden sheet carries our lossless JSON, a digest of the visible constants and the
fingerprint (see ``xlsx_format`` and ``docs/excel.md``); openpyxl reads it all back.
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from .. import packs
from ..model import Form, FormKind
from ..model.pack_layout import Layout
from ..model.serialize import to_dict
from ..model.stamp import Saved, stamp
from . import xlsx_format as L

# Column widths in Excel character units, hand-tuned for the two default layouts (Excel wraps
# text differently from the PDF). They add up to what fits A4 portrait once the sheet is scaled
# to one page wide. Any other layout shares SHEET_UNITS by its pack's relative widths.
WIDTHS_DEPARTMENT = (11, 6, 13, 24, 12, 12, 7.5, 7.5, 22)
WIDTHS_PROJECT = (11, 13, 26, 12, 12, 7.5, 7.5, 24)
SHEET_UNITS = 115.0
FONT_NAME = "宋体"
FONT_SIZE = 10
LINE_PT = 14.0  # one line of 10 pt text, with leading
PAD_PT = 5.0
MIN_ROW_PT = 20.0
MAX_ROW_PT = 409.0  # Excel's limit for a row height
# A column of width w is about 7 w + 5 px wide (a unit is the width of "0" in Calibri 11); a
# Chinese character of 10 pt text is about 13.3 px, i.e. two half-width units of 6.67 px.
PX_PER_WIDTH = 7.0
PX_PER_UNIT = 6.67
CELL_PADDING_PX = 8.0
MAX_LINES = int((MAX_ROW_PT - PAD_PT) // LINE_PT) - 1  # lines one row may hold
# Printed page height for rows, in sheet points: A4 (842 pt) less the margins and footer, over
# the fit-to-width scale (the sheet's width in points over the page's 523 pt), with room to spare
# for the viewer's own measuring. Used to place page breaks between 二级 groups.
PAGE_BODY_PT = 842 - (0.6 + 0.7) * 72 - 20
PAGE_WIDTH_PT = 523.0
BREAK_SLACK = 0.9

NUMBER_FORMATS = {"money": "#,##0.00", "points": "0.00", "weight": "General", "rate": "0.00",
                  "rate%": '0.00"%"'}
NO_RATE = "—"

# Each grid's columns on the sheet's columns (1-based, inclusive), for the two default layouts;
# other grids (and layouts) go to the nearest column boundaries (``nearest_columns``).
_TUNED = {
    FormKind.DEPARTMENT: {"header:2": ((1, 1), (2, 9)), "budget:5": ((1, 2), (3, 3), (4, 5), (6, 7), (8, 9)),
        "goals:3": ((1, 1), (2, 5), (6, 9)), "score:4": ((1, 2), (3, 4), (5, 6), (7, 9))},
    FormKind.PROJECT: {"header:4": ((1, 1), (2, 4), (5, 5), (6, 8)), "budget:8": tuple((c, c) for c in range(1, 9)),
        "goals:3": ((1, 1), (2, 4), (5, 8)), "score:4": ((1, 2), (3, 4), (5, 6), (7, 8))},
}


def sheet_widths(layout: Layout, most: int) -> tuple[tuple[float, ...], list[tuple[int, int]], FormKind | None]:
    """The sheet's column widths, each indicator column's sheet columns, and which default layout's
    hand-tuned widths these are (None for others).

    The sheet has the indicator table's columns; when another grid has more columns than that
    (``most``), the widest sheet columns are split in two until it fits.
    """
    tuned = None
    shape = [(c.key, c.width) for c in layout.columns]
    for kind, widths in ((FormKind.DEPARTMENT, WIDTHS_DEPARTMENT), (FormKind.PROJECT, WIDTHS_PROJECT)):
        if shape == [(c.key, c.width) for c in packs.default_for(kind).layout.columns]:
            tuned, base = kind, list(widths)
            break
    else:
        total = sum(c.width for c in layout.columns)
        base = [round(c.width / total * SHEET_UNITS, 1) for c in layout.columns]
    parts = [[w] for w in base]
    while sum(len(p) for p in parts) < most:
        j = max(range(len(parts)), key=lambda i: max(parts[i]))
        k = parts[j].index(max(parts[j]))
        half = parts[j][k] / 2
        parts[j][k:k + 1] = [half, half]
        tuned = None
    spans, first = [], 1
    for p in parts:
        spans.append((first, first + len(p) - 1))
        first += len(p)
    return tuple(w for p in parts for w in p), spans, tuned


def nearest_columns(grid_widths: list[float], sheet: tuple[float, ...]) -> tuple[tuple[int, int], ...]:
    """Each grid column's sheet columns (1-based, inclusive): its boundaries moved to the nearest
    sheet column boundaries, every grid column at least one sheet column wide."""
    k, m = len(grid_widths), len(sheet)
    if k > m:
        raise ValueError("grid wider than the sheet")
    g = [sum(grid_widths[:j]) / sum(grid_widths) for j in range(k + 1)]
    s = [sum(sheet[:i]) / sum(sheet) for i in range(m + 1)]
    # cost[j][i]: the least total distance with grid boundary j on sheet boundary i.
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(k + 1)]
    back = [[0] * (m + 1) for _ in range(k + 1)]
    cost[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(j, m - (k - j) + 1):
            if j == k and i != m:
                continue
            best, arg = inf, 0
            for h in range(j - 1, i):
                if cost[j - 1][h] < best:
                    best, arg = cost[j - 1][h], h
            cost[j][i] = best + abs(g[j] - s[i])
            back[j][i] = arg
    bounds, i = [m], m
    for j in range(k, 0, -1):
        i = back[j][i]
        bounds.append(i)
    bounds.reverse()
    return tuple((bounds[j] + 1, bounds[j + 1]) for j in range(k))


def col(c: int) -> str:
    return get_column_letter(c)


def ref(r: int, c: int) -> str:
    return f"{col(c)}{r}"


def clean(text: str) -> str:
    """Text Excel accepts: no control characters, at most 32,767 characters."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text or "")
    return text[:32767]


def _capacity(width: float) -> float:
    """Half-width units that fit on one line of a cell ``width`` Excel units wide."""
    return max(1.0, (width * PX_PER_WIDTH + 5 - CELL_PADDING_PX) / PX_PER_UNIT)


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes when wrapped in a cell ``width`` units wide."""
    if not text:
        return 1
    cap = _capacity(width)
    return sum(max(1, math.ceil(L.text_units(p) / cap)) for p in text.split("\n"))


def _height(lines: int) -> float:
    return min(MAX_ROW_PT, max(MIN_ROW_PT, lines * LINE_PT + PAD_PT))


def split_text(text: str, width: float, max_lines: int) -> list[str]:
    """Split long prose into pieces that each fit one row; ``"".join(pieces) == text``."""
    if _lines(text, width) <= max_lines:
        return [text]
    # Sentence-sized pieces, each ending after 。；！？ or a line break.
    pieces = re.findall(r"[^。；！？!?\n]*(?:[。；！？!?]+|\n|$)", text)
    pieces = [p for p in pieces if p]
    cap_units = int(_capacity(width) * (max_lines - 1))
    parts: list[str] = []
    for p in pieces:
        while _lines(p, width) > max_lines:
            # One sentence longer than a row: cut it by width.
            units, cut = 0, 0
            for i, ch in enumerate(p):
                units += L.text_units(ch)
                if units > cap_units:
                    break
                cut = i + 1
            cut = max(cut, 1)
            parts.append(p[:cut])
            p = p[cut:]
        if p:
            parts.append(p)
    chunks: list[str] = []
    cur = ""
    for p in parts:
        if cur and _lines(cur + p, width) > max_lines:
            chunks.append(cur)
            cur = p
        else:
            cur += p
    if cur:
        chunks.append(cur)
    return chunks


def fit_heights(heights: dict[int, float], tall: list[tuple[int, int, float]], end_row: int) -> None:
    """Give rows 1..end_row-1 a height and share what merged text needs over its rows, in place."""
    for r in range(1, end_row):
        heights.setdefault(r, MIN_ROW_PT)
    for first, last, need in tall:
        have = sum(heights[r] for r in range(first, last + 1))
        if have < need:
            extra = (need - have) / (last - first + 1)
            for r in range(first, last + 1):
                heights[r] = min(MAX_ROW_PT, heights[r] + extra)


def _number(value: Decimal) -> str:
    """A number as a formula constant: ``100``, ``89.5``."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


def _float(value) -> float:
    return float(value) if isinstance(value, Decimal) else value


@dataclass
class _Sheet:
    """Writes cells through XlsxWriter and remembers what row heights and the digest need."""

    wb: object
    ws: object
    widths: tuple[float, ...]
    row: int = 1
    constants: list[tuple[str, object]] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    tall: list[tuple[int, int, float]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)
    _formats: dict[tuple, object] = field(default_factory=dict)

    def fmt(self, *, bold=False, size=FONT_SIZE, align="center", valign="vcenter", border=True, num="",
            wrap=True, bottom_only=False):
        key = (bold, size, align, valign, border, num, wrap, bottom_only)
        f = self._formats.get(key)
        if f is None:
            props = {"font_name": FONT_NAME, "font_size": size, "bold": bold, "align": align,
                     "valign": valign, "text_wrap": wrap}
            if border:
                props["border"] = 1
            if bottom_only:
                props["bottom"] = 1
            if num:
                props["num_format"] = num
            f = self._formats[key] = self.wb.add_format(props)
        return f

    def put(self, r: int, c: int, value, fmt, *, span: int = 1, rows: int = 1, formula: str = "",
            height_text: bool = True) -> None:
        """Write one (possibly merged) cell at 1-based (r, c): text, a number or a formula."""
        r0, c0 = r - 1, c - 1
        if span > 1 or rows > 1:
            self.ws.merge_range(r0, c0, r0 + rows - 1, c0 + span - 1, None, fmt)
        coord = ref(r, c)
        if formula:
            self.ws.write_formula(r0, c0, formula, fmt, _float(value) if value is not None else "")
            self.formulas.append(coord)
        elif isinstance(value, str):
            text = clean(value)
            if text:
                self.ws.write_string(r0, c0, text, fmt)  # "=100.00(%)" is a target, not a formula
                self.constants.append((coord, text))
            else:
                self.ws.write_blank(r0, c0, None, fmt)
        elif value is not None:
            self.ws.write_number(r0, c0, _float(value), fmt)
            self.constants.append((coord, value))
        else:
            self.ws.write_blank(r0, c0, None, fmt)
        if isinstance(value, str) and value and height_text:
            need = _height(_lines(value, sum(self.widths[c0:c0 + span])))
            if rows == 1:
                self.heights[r] = max(self.heights.get(r, MIN_ROW_PT), need)
            else:
                self.tall.append((r, r + rows - 1, need))

    def fit_rows(self) -> None:
        fit_heights(self.heights, self.tall, self.row)
        for r, h in self.heights.items():
            self.ws.set_row(r - 1, round(h, 1))


class _Writer:
    def __init__(self, form: Form, saved: Saved | None = None, buffer: io.BytesIO | None = None) -> None:
        import xlsxwriter

        from ..report import official as O
        from ..model.totals import compute

        self.form = form
        self.stamp = stamp(form, saved)
        self.O = O
        self.totals = compute(form)
        self.layout = packs.layout_of(form)
        geo = O.Geometry(False)
        self.grids = (O.header_grid(form, geo), O.budget_grid(form, geo), O.goals_grid(form, geo),
                      O.indicator_grid(form, self.totals, geo), O.score_grid(form, self.totals, geo))
        most = max(len(g.widths) for g in self.grids)
        self.widths, self.indicator_columns, self.tuned = sheet_widths(self.layout, most)
        self.ncols = len(self.widths)
        self.level2 = [c.key for c in self.layout.columns].index("level2")
        self.buffer = buffer or io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_numbers": False,
                                                    "strings_to_formulas": False, "strings_to_urls": False})
        ws = self.wb.add_worksheet(L.VISIBLE_SHEET)
        self.s = _Sheet(self.wb, ws, self.widths)
        self.header_row = 0
        self.header_first = 0  # the first sheet row of the column header (two rows in some packs)
        self.keys: dict[str, str] = {}  # "budget_points" … → coordinate
        self.body_rows: tuple[int, int] | None = None  # first and last sheet row of the indicators
        self.total_cell = ""
        self.groups: list[tuple[int, int]] = []  # sheet rows of each 二级 merged over its rows
        self.source_rows: list[int] = []  # sheet rows of the 资金来源 lines (no total line)

    # -- the grids of the printed form, cell for cell ---------------------------------------
    def title(self) -> None:
        s = self.s
        s.put(s.row, 1, self.O.title_text(self.form), s.fmt(bold=True, size=16, border=False), span=self.ncols,
              height_text=False)
        s.heights[s.row] = 30
        s.row += 1
        s.put(s.row, 1, self.O.year_text(self.form), s.fmt(size=12, border=False), span=self.ncols,
              height_text=False)
        s.row += 1

    def grid(self, grid) -> None:
        """One of the printed form's grids, placed on the sheet's columns."""
        tuned = _TUNED.get(self.tuned, {}).get(f"{grid.name}:{len(grid.widths)}")
        if grid.name == "indicators":
            columns = tuple(self.indicator_columns)
        elif tuned:
            columns = tuned
        else:
            columns = nearest_columns(grid.widths, self.widths)
        widths = [sum(self.widths[a - 1:b]) for a, b in columns]
        # Sheet rows of each grid row: more than one where a cell's text passes 409 points.
        pieces: list[dict[int, list[str]]] = []
        counts: list[int] = []
        for cells in grid.rows:
            split: dict[int, list[str]] = {}
            for k, cell in enumerate(cells):
                if cell.rowspan == 1 and cell.text and not cell.calc and cell.value is None:
                    width = sum(widths[cell.col:cell.col + cell.colspan])
                    parts = split_text(clean(cell.text), width, MAX_LINES)
                    if len(parts) > 1:
                        split[k] = parts
            pieces.append(split)
            counts.append(max([1] + [len(p) for p in split.values()]))
        body = grid.repeat[1] if grid.repeat else 0  # the first row below the column header
        first = [self.s.row]
        for n in counts:
            first.append(first[-1] + n)
        for r, cells in enumerate(grid.rows):
            if grid.name == "indicators" and grid.repeat and r == grid.repeat[1] - 1:
                self.header_row = first[r]  # the last row of the column header
                self.header_first = first[grid.repeat[0]]
            for k, cell in enumerate(cells):
                a = columns[cell.col][0]
                b = columns[min(cell.col + cell.colspan, len(columns)) - 1][1]
                top = first[r]
                last_row = min(r + cell.rowspan, len(grid.rows))
                bottom = first[last_row] - 1
                if k in pieces[r]:
                    parts = pieces[r][k]
                    for i, part in enumerate(parts):
                        rows = 1 if i < len(parts) - 1 else bottom - (top + i) + 1
                        self.cell(top + i, a, b - a + 1, rows, cell, part)
                    continue
                self.cell(top, a, b - a + 1, bottom - top + 1, cell, cell.text)
                if grid.name == "indicators" and r >= body and bottom > top and cell.col == self.level2:
                    self.groups.append((top, bottom))
        if grid.name == "indicators":
            self.body_rows = (first[body], first[len(grid.rows) - 1] - 1)
        self.s.row = first[-1]

    def cell(self, r: int, c: int, span: int, rows: int, cell, text: str) -> None:
        s = self.s
        align = {"left": "left", "right": "right"}.get(cell.align, "center")
        valign = "top" if cell.valign == "top" else "vcenter"
        if cell.key == "execution_rate":
            self.keys["execution_rate"] = ref(r, c)
        elif cell.key == "source_rate":
            self.source_rows.append(r)
        if cell.calc:
            formula, value = self.formula(cell, r, c)
            num = NUMBER_FORMATS.get(cell.fmt, "")
            s.put(r, c, value, s.fmt(bold=cell.bold, align=align, valign=valign, num=num), span=span, rows=rows,
                  formula=formula)
            if cell.calc == "total_score":
                self.total_cell = ref(r, c)
            return
        if cell.value is not None and cell.fmt:
            value = cell.value
            s.put(r, c, value, s.fmt(bold=cell.bold, align=align, valign=valign, num=NUMBER_FORMATS[cell.fmt]),
                  span=span, rows=rows)
        else:
            s.put(r, c, text, s.fmt(bold=cell.bold, align=align, valign=valign), span=span, rows=rows)
        if cell.key:
            self.keys[f"{cell.key}@{r}"] = ref(r, c)
            if cell.key == "budget_points":
                self.keys["budget_points"] = ref(r, c)
            if cell.key in ("max", "score"):
                self.keys.setdefault(f"col:{cell.key}", col(c))

    def formula(self, cell, r: int, c: int) -> tuple[str, object]:
        """The Excel formula of a computed cell, and the value the program computed for it."""
        calc = cell.calc
        if calc == "rate":
            p, a = self.keys.get(f"planned@{r}"), self.keys.get(f"actual@{r}")
            value = cell.value if cell.value is not None else NO_RATE
            return f'=IF(OR({p}="",{a}="",N({p})=0),"{NO_RATE}",ROUND({a}/{p}*100,2))', value
        if calc == "budget_score":
            self.keys["budget_score"] = ref(r, c)
            value = cell.value if cell.value is not None else ""
            return f"={self.budget_score_expr()}", value
        if calc in ("total_max", "total_score"):
            key = "max" if calc == "total_max" else "score"
            letter = self.keys.get(f"col:{key}", col(c))
            first, last = self.body_rows_so_far(r)
            terms = [f"SUM({letter}{first}:{letter}{last})"] if last >= first else []
            budget = self.form.budget
            if calc == "total_max":
                if "budget_points" in self.keys:
                    terms.append(f"N({self.keys['budget_points']})")
                elif budget.points is not None:
                    terms.append(_number(budget.points))
            elif "budget_score" in self.keys:
                terms.append(f"N({self.keys['budget_score']})")
            elif budget.points is not None:
                terms.append(f"N({self.budget_score_expr()})")
            total = f"ROUND({'+'.join(terms) or '0'},2)"
            if calc == "total_score" and self.form.settings.total_caps:
                total = f"MIN({total},{self.cap_expr()})"
            return f"={total}", cell.value
        if calc == "score":
            return f"={self.total_cell}", cell.value
        if calc == "grade":
            f = self.form
            bands = sorted(f.settings.grade_bands, key=lambda b: b.minimum, reverse=True)
            expr = '"' + f.settings.lowest_grade.replace('"', '""') + '"'
            for band in reversed(bands):
                label = band.label.replace('"', '""')
                expr = f'IF({self.total_cell}>={format(band.minimum, "f")},"{label}",{expr})'
            return f"={expr}", self.totals.grade
        raise ValueError(calc)

    def execution_rate_expr(self) -> str:
        """The headline 执行率 (``Budget.execution_rate``): the total line's 执行率 cell, or the
        资金来源 lines' 执行数 over their 预算数; "—" when it cannot be computed."""
        if "execution_rate" in self.keys:
            return self.keys["execution_rate"]
        planned = [self.keys[f"planned@{r}"] for r in self.source_rows if f"planned@{r}" in self.keys]
        actual = [self.keys[f"actual@{r}"] for r in self.source_rows if f"actual@{r}" in self.keys]
        if not planned or not actual:
            return f'"{NO_RATE}"'
        p, a = ",".join(planned), ",".join(actual)
        return (f'IF(OR(COUNT({p})=0,COUNT({a})=0,SUM({p})=0),"{NO_RATE}",'
                f'ROUND(SUM({a})/SUM({p})*100,2))')

    def budget_score_expr(self) -> str:
        """预算执行 points as ``totals.budget_score`` gives them: min(执行率, full) / full × 分值,
        rounded (ROUND) or truncated (ROUNDDOWN) to two decimals; "" without a 执行率."""
        settings = self.form.settings
        pts = self.keys.get("budget_points") or _number(self.form.budget.points or 0)
        rate = self.execution_rate_expr()
        full = _number(settings.budget_full_at)
        fn = "ROUNDDOWN" if settings.rounding == "truncate" else "ROUND"
        return f'IF(OR({pts}="",NOT(ISNUMBER({rate}))),"",{fn}(MIN({rate},{full})/{full}*{pts},2))'

    def cap_expr(self) -> str:
        """The highest total the pack allows at this 执行率 (``totals.score_cap``); no cap: 9E+307."""
        rate = self.execution_rate_expr()
        expr = "9E+307"
        # The lowest applicable cap counts: test them from the lowest maximum up.
        for cap in sorted(self.form.settings.total_caps, key=lambda c: c.maximum, reverse=True):
            expr = f"IF({rate}<{_number(cap.below)},{_number(cap.maximum)},{expr})"
        return f"IF(ISNUMBER({rate}),{expr},9E+307)"

    def body_rows_so_far(self, total_row: int) -> tuple[int, int]:
        """The indicator rows above the 总分 row (the table's body)."""
        return self.header_row + 1, total_row - 1

    def signoff(self) -> None:
        s, f = self.s, self.form
        fields = f.signoff.fields
        half = self.ncols // 2
        # Bottom-aligned on rows taller than their text: the space above parts them from the table.
        label_fmt = s.fmt(align="left", valign="bottom", border=False, wrap=False)
        line_fmt = s.fmt(align="left", valign="bottom", border=False, bottom_only=True)
        # Two fields a line, as on paper: label (two columns) and a line to write on (the rest).
        places = ((1, 3, half), (half + 1, half + 3, self.ncols))
        for i in range(0, len(fields), 2):
            r = s.row
            s.heights[r] = 36
            for sf, (label_col, value_col, end) in zip(fields[i:i + 2], places):
                s.put(r, label_col, f"{sf.label}：", label_fmt, span=2, height_text=False)
                s.put(r, value_col, sf.value, line_fmt, span=end - value_col + 1, height_text=False)
            s.row += 1
        r = s.row
        s.heights[r] = 48
        if f.signoff.seal_label:
            # Left-aligned in the last columns: where the text starts is the cell it belongs to.
            s.put(r, self.ncols - 2, f.signoff.seal_label, s.fmt(align="left", valign="bottom", border=False,
                                                                   wrap=False), span=3, height_text=False)
        s.row += 1

    # -- the whole workbook ------------------------------------------------------------------
    def build(self) -> bytes:
        self.title()
        for grid in self.grids:
            self.grid(grid)
        self.signoff()
        self.s.fit_rows()
        self._page_setup()
        self._data_sheet()
        self.wb.set_properties({
            "title": f"{self.form.display_name()} {self.layout.title}", "author": "perfgui",
            "subject": f"表单指纹 {self.stamp.fingerprint}",
            "keywords": self.stamp.qr_text().replace("\n", "; "),
        })
        self.wb.close()
        return self.buffer.getvalue()

    def page_breaks(self) -> list[int]:
        """Sheet rows that start a new printed page: never inside a 二级 group that fits a page.

        A spreadsheet prints a merged cell's label centred on its whole range, so a range cut by
        a page break shows its label on one page only, and programs reading the printout back
        lose the rows' grouping; breaking before the group keeps it whole, as the PDF does.
        """
        heights = self.s.heights
        scale = min(1.0, PAGE_WIDTH_PT / (sum(w * PX_PER_WIDTH + 5 for w in self.widths) * 0.75))
        room = PAGE_BODY_PT / scale * BREAK_SLACK
        header = sum(heights.get(r, MIN_ROW_PT) for r in range(self.header_first, self.header_row + 1))
        start_of = {}
        for top, bottom in self.groups:
            for r in range(top + 1, bottom + 1):
                start_of[r] = max(start_of.get(r, top), top)
        breaks: list[int] = []
        used = 0.0
        last = self.s.row - 1
        r = 1
        while r <= last:
            h = heights.get(r, MIN_ROW_PT)
            if used + h > room and used > header + 1:
                b = start_of.get(r, r)
                size = sum(heights.get(x, MIN_ROW_PT) for x in range(b, r + 1))
                if b <= (breaks[-1] if breaks else 1) or header + size > room:
                    b = r  # the group alone is taller than a page: break inside it
                breaks.append(b)
                used = header + sum(heights.get(x, MIN_ROW_PT) for x in range(b, r + 1))
            else:
                used += h
            r += 1
        return breaks

    def _page_setup(self) -> None:
        ws = self.s.ws
        for i, w in enumerate(self.widths):
            ws.set_column(i, i, w)
        ws.hide_gridlines(2)
        ws.set_paper(9)  # A4
        ws.set_portrait()
        ws.fit_to_pages(1, 0)
        ws.center_horizontally()
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        # One footer line with the page number: programs that read the printed table back take
        # such a line for page furniture, not for a row of the table.
        ws.set_footer(f"&C&9第 &P 页，共 &N 页　　表单指纹：{self.stamp.fingerprint}", {"margin": 0.3})
        if self.header_row:
            ws.repeat_rows(self.header_first - 1, self.header_row - 1)
            ws.set_h_pagebreaks([b - 1 for b in self.page_breaks()])
        ws.print_area(0, 0, self.s.row - 2, self.ncols - 1)

    def _data_sheet(self) -> None:
        ws = self.wb.add_worksheet(L.DATA_SHEET)
        ws.hide()
        text = json.dumps(to_dict(self.form), ensure_ascii=False, separators=(",", ":"))
        rows: list[tuple[str, str]] = [
            ("format", L.DATA_MARKER), ("version", str(L.DATA_VERSION)),
            ("digest", L.digest(self.s.constants)), ("formulas", ",".join(self.s.formulas)),
        ]
        rows += [("json", text[i:i + L.CHUNK_CHARS]) for i in range(0, len(text), L.CHUNK_CHARS)]
        rows += [("fingerprint", self.stamp.fingerprint),
                 ("revision", "" if self.stamp.revision is None else str(self.stamp.revision))]
        for r, (key, value) in enumerate(rows):
            ws.write_string(r, 0, key)
            ws.write_string(r, 1, value)


def xlsx_bytes(form: Form, saved: Saved | None = None) -> bytes:
    """The form as the bytes of an .xlsx file; the fingerprint in its footer and data sheet."""
    return _Writer(form, saved).build()


def stored_fingerprint(wb) -> str:
    """The fingerprint an exported workbook (opened with openpyxl) was written with, or ""."""
    if L.DATA_SHEET not in wb.sheetnames:
        return ""
    for key, value in wb[L.DATA_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
        if key == "fingerprint":
            return str(value or "")
    return ""
