"""BENCHMARK BASELINE ONLY: the Excel writer as it was before XlsxWriter (openpyxl, formulas without values).

Kept verbatim (imports made absolute) so bench/bench_exchange.py can time the old writer beside
the new one in the same run. Not used by the program.

The form as an Excel workbook in the official printed layout, with live formulas.

One visible sheet looks like the paper form: title, year, unit, the budget table (执行率 as a
formula), 年度总体目标 side by side, the nine-column indicator table with 一级/二级 merged over
their rows, a 小计 row per 一级, the 总分 row, 自评得分/自评等级 and the sign-off lines. Subtotals,
总分, 执行率 and the grade are formulas, so the sheet stays right when someone edits it in Excel or
WPS. A hidden sheet carries our lossless JSON (see ``layout`` and ``docs/excel.md``).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.properties import PageSetupProperties

from perfgui.exchange import xlsx_format as L
from perfgui.model import Form, FormKind, Node
from perfgui.model.serialize import to_dict
from perfgui.model.stamp import Saved, stamp

# Column widths in Excel character units, A…I. They add up to what fits A4 portrait after the
# page is scaled to one page wide.
WIDTHS = (11, 6, 13, 24, 12, 12, 7.5, 7.5, 22)
NCOLS = len(WIDTHS)
from perfgui.exchange.xlsx_write import FONT_NAME, FONT_SIZE, LINE_PT, MAX_ROW_PT, MIN_ROW_PT, PAD_PT  # noqa: E402, F401

MONEY_FORMAT = "#,##0.00"
POINTS_FORMAT = "0.00"

_thin = Side(style="thin", color="000000")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
NO_BORDER = Border()
FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center", shrink_to_fit=True)


# The text measuring is the new writer's (unchanged by the switch to XlsxWriter).
from perfgui.exchange.xlsx_write import _height, _lines, clean, fit_heights, split_text  # noqa: E402


def col(c: int) -> str:
    return get_column_letter(c)


@dataclass
class _Sheet:
    """Writes cells and remembers what the row heights and the digest need."""

    ws: object
    row: int = 1
    constants: list[tuple[str, object]] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    # (first row, last row, needed points) for text in cells merged over several rows.
    tall: list[tuple[int, int, float]] = field(default_factory=list)
    heights: dict[int, float] = field(default_factory=dict)

    def put(self, r: int, c: int, value, *, font=FONT, align=CENTER, border=BORDER, fmt=None,
            span: int = 1, rows: int = 1):
        """Write one (possibly merged) cell: text stays text, formulas start with '='."""
        cell = self.ws.cell(row=r, column=c)
        coord = cell.coordinate
        if isinstance(value, Formula):
            cell.value = value.text
            self.formulas.append(coord)
        elif isinstance(value, str):
            text = clean(value)
            cell.value = text if text else None
            if text:
                cell.data_type = "s"  # "=100.00(%)" is a target, not a formula
                self.constants.append((coord, text))
        elif value is not None:
            cell.value = value
            self.constants.append((coord, value))
        cell.font = font
        cell.alignment = align
        if fmt:
            cell.number_format = fmt
        if border is not None:
            for rr in range(r, r + rows):
                for cc in range(c, c + span):
                    self.ws.cell(row=rr, column=cc).border = border
        if span > 1 or rows > 1:
            # Every cell of the range already has its border, so the range is registered
            # directly: ``ws.merge_cells`` would recompute edge borders cell by cell (slow).
            ref = f"{col(c)}{r}:{col(c + span - 1)}{r + rows - 1}"
            self.ws.merged_cells.add(MergedCellRange(self.ws, ref))
        if isinstance(value, str) and value and getattr(align, "wrap_text", False):
            width = sum(WIDTHS[c - 1:c - 1 + span])
            need = _height(_lines(value, width))
            if rows == 1:
                self.heights[r] = max(self.heights.get(r, MIN_ROW_PT), need)
            else:
                self.tall.append((r, r + rows - 1, need))
        return cell

    def fit_rows(self) -> None:
        fit_heights(self.heights, self.tall, self.row)
        for r, h in self.heights.items():
            self.ws.row_dimensions[r].height = round(h, 1)


@dataclass(frozen=True)
class Formula:
    text: str


def _num(value: Decimal | None):
    return value if value is not None else None


def _leaf_rows(node: Node, prefix: str = "") -> list[tuple[str, Node]]:
    """The scored leaves under a 二级, named as printed; deeper levels joined by " / "."""
    out: list[tuple[str, Node]] = []
    for child in node.children:
        name = f"{prefix}{child.name}"
        if child.children:
            out += _leaf_rows(child, prefix=f"{name} / ")
        else:
            out.append((name, child))
    return out


class _Writer:
    def __init__(self, form: Form, saved: Saved | None = None) -> None:
        self.form = form
        self.stamp = stamp(form, saved)
        self.wb = Workbook()
        ws = self.wb.active
        ws.title = L.VISIBLE_SHEET
        self.s = _Sheet(ws)
        self.project = form.kind is FormKind.PROJECT
        self.budget_points_cell: str | None = None
        self.budget_score_cell: str | None = None
        self.header_row = 0

    # -- sections of the sheet ---------------------------------------------------------------
    def title(self) -> None:
        s, f = self.s, self.form
        s.put(s.row, 1, f"《{f.title}》", font=TITLE_FONT, border=None, span=NCOLS)
        s.heights[s.row] = 30
        s.row += 1
        year = f"（{f.header.year}年度）" if f.header.year else "（　　年度）"
        s.put(s.row, 1, year, font=BOLD, border=None, span=NCOLS)
        s.row += 1
        if self.project:
            s.put(s.row, 1, "项目名称", font=BOLD)
            s.put(s.row, 2, f.header.project_name, align=LEFT, span=NCOLS - 1)
            s.row += 1
            s.put(s.row, 1, "主管部门", font=BOLD)
            s.put(s.row, 2, f.header.department, align=LEFT, span=3)
            s.put(s.row, 5, "实施单位", font=BOLD)
            s.put(s.row, 6, f.header.implementer or f.header.unit, align=LEFT, span=4)
            s.row += 1
        else:
            s.put(s.row, 1, "单位名称", font=BOLD)
            s.put(s.row, 2, f.header.unit, align=LEFT, span=NCOLS - 1)
            s.row += 1

    def budget_department(self) -> None:
        s, b = self.s, self.form.budget
        top = s.row
        n = len(b.rows)
        s.put(top, 1, f"整体支出规模（{b.unit}）", font=BOLD, span=2, rows=n + 1)
        s.put(top, 3, "")
        s.put(top, 4, "全年预算数", font=BOLD, span=2)
        s.put(top, 6, "全年执行数", font=BOLD, span=2)
        s.put(top, 8, "执行率(%)", font=BOLD, span=2)
        counters: dict[str, int] = {}
        for i, r in enumerate(b.rows, start=1):
            row = top + i
            counters[r.group] = counters.get(r.group, 0) + 1
            k = counters[r.group]
            if r.group:
                label = f"{r.group}：（{k}）{r.label}" if k == 1 else f"（{k}）{r.label}"
            else:
                label = r.label
            s.put(row, 3, label, align=LEFT)
            s.put(row, 4, _num(r.planned), align=RIGHT, fmt=MONEY_FORMAT, span=2)
            s.put(row, 6, _num(r.actual), align=RIGHT, fmt=MONEY_FORMAT, span=2)
            d, a = f"D{row}", f"F{row}"
            s.put(row, 8, Formula(f'=IF(OR({d}="",{a}="",N({d})=0),"",ROUND({a}/{d}*100,2))'),
                  align=RIGHT, fmt=POINTS_FORMAT, span=2)
        s.row = top + n + 1

    def budget_project(self) -> None:
        s, b = self.s, self.form.budget
        top = s.row
        s.put(top, 1, f"项目资金（{b.unit}）", font=BOLD, span=2)
        for c, label in ((3, "年初预算数"), (4, "全年预算数"), (5, "全年执行数"), (7, "分值"),
                         (8, "执行率(%)"), (9, "得分")):
            s.put(top, c, label, font=BOLD, span=2 if c == 5 else 1)
        for i, r in enumerate(b.rows, start=1):
            row = top + i
            label = f"其中：{r.label}" if r.group == "其中" and i == 2 else r.label
            s.put(row, 1, label, align=LEFT, span=2)
            s.put(row, 3, _num(r.initial), align=RIGHT, fmt=MONEY_FORMAT)
            s.put(row, 4, _num(r.planned), align=RIGHT, fmt=MONEY_FORMAT)
            s.put(row, 5, _num(r.actual), align=RIGHT, fmt=MONEY_FORMAT, span=2)
            d, e = f"D{row}", f"E{row}"
            rate_cell = f"H{row}"
            s.put(row, 8, Formula(f'=IF(OR({d}="",{e}="",N({d})=0),"",ROUND({e}/{d}*100,2))'),
                  align=RIGHT, fmt=POINTS_FORMAT)
            if r.key == "total" and b.points is not None:
                s.put(row, 7, b.points, align=RIGHT, fmt=POINTS_FORMAT)
                s.put(row, 9, Formula(f'=IF({rate_cell}="","",ROUND(MIN({rate_cell},100)/100*G{row},2))'),
                      align=RIGHT, fmt=POINTS_FORMAT)
                self.budget_points_cell, self.budget_score_cell = f"G{row}", f"I{row}"
            else:
                s.put(row, 7, None)
                s.put(row, 9, None)
        s.row = top + len(b.rows) + 1

    def goals(self) -> None:
        s, g = self.s, self.form.goals
        planned_label, achieved_label = (("预期目标", "实际完成情况") if self.project
                                         else ("年初设定目标", "全年完成情况"))
        w_planned, w_achieved = sum(WIDTHS[1:5]), sum(WIDTHS[5:9])
        max_lines = int((MAX_ROW_PT - PAD_PT) // LINE_PT) - 2
        planned = split_text(g.planned, w_planned, max_lines)
        achieved = split_text(g.achieved, w_achieved, max_lines)
        n = max(len(planned), len(achieved), 1)
        top = s.row
        s.put(top, 1, "年度总体目标", font=BOLD, rows=n + 1)
        s.put(top, 2, planned_label, font=BOLD, span=4)
        s.put(top, 6, achieved_label, font=BOLD, span=4)
        for i in range(n):
            row = top + 1 + i
            s.put(row, 2, planned[i] if i < len(planned) else "", align=LEFT_TOP, span=4)
            s.put(row, 6, achieved[i] if i < len(achieved) else "", align=LEFT_TOP, span=4)
        s.row = top + n + 1

    def indicators(self) -> list[tuple[str, str]]:
        """The indicator table; returns the (分值, 得分) cells of each 小计 row."""
        s = self.s
        s.put(s.row, 1, "绩效指标" if self.project else "分解目标自评", font=BOLD, span=NCOLS)
        s.row += 1
        self.header_row = s.row
        for c, label in enumerate(L.INDICATOR_LABELS, start=1):
            s.put(s.row, c, label, font=BOLD)
        s.row += 1
        subtotals: list[tuple[str, str]] = []
        for sec in self.form.sections:
            subtotals.append(self._section(sec))
        return subtotals

    def _section(self, sec: Node) -> tuple[str, str]:
        s = self.s
        top = s.row
        # The 二级 children scored directly form runs that share the merged note cell.
        groups = sec.children or [None]
        run_start: int | None = None
        run_plain = True
        for i, g in enumerate(groups):
            if g is None:
                self._row(s.row, "", "", None)
                s.row += 1
                continue
            if g.is_scored:
                if run_start is None:
                    # The whole run decides whether the note spans the 年度指标值/全年完成值 columns.
                    run = [g]
                    for h in groups[i + 1:]:
                        if not h.is_scored:
                            break
                        run.append(h)
                    run_start, run_plain = s.row, not any(h.target or h.actual for h in run)
                self._row(s.row, g.name, None, g, note_run=True, measures=not run_plain)
                s.row += 1
                continue
            if run_start is not None:
                self._note(sec, run_start, s.row - 1, run_plain)
                run_start = None
            leaves = _leaf_rows(g) or [("", None)]
            first = s.row
            for name, leaf in leaves:
                self._row(s.row, None, name, leaf)
                s.row += 1
            s.put(first, 3, g.name, align=CENTER, rows=s.row - first)
        if run_start is not None:
            self._note(sec, run_start, s.row - 1, run_plain)
        last = s.row - 1
        sub = s.row
        s.put(sub, 3, L.SUBTOTAL_LABEL, font=BOLD, span=4)
        s.put(sub, 7, Formula(f"=ROUND(SUM(G{top}:G{last}),2)"), font=BOLD, align=RIGHT, fmt=POINTS_FORMAT)
        s.put(sub, 8, Formula(f"=ROUND(SUM(H{top}:H{last}),2)"), font=BOLD, align=RIGHT, fmt=POINTS_FORMAT)
        s.put(sub, 9, "")
        s.row += 1
        s.put(top, 1, sec.name, font=BOLD, rows=s.row - top)
        weight = sec.weight
        s.put(top, 2, weight if weight is not None else None, font=BOLD, rows=s.row - top, fmt="General")
        return f"G{sub}", f"H{sub}"

    def _note(self, sec: Node, first: int, last: int, plain: bool) -> None:
        span = 3 if plain else 1
        self.s.put(first, 4, sec.note, align=LEFT, span=span, rows=last - first + 1)

    def _row(self, r: int, l2: str | None, l3: str | None, leaf: Node | None, note_run: bool = False,
             measures: bool = False) -> None:
        s = self.s
        if l2 is not None:
            s.put(r, 3, l2)
        if not note_run:
            s.put(r, 4, l3 or "", align=LEFT)
        if leaf is None:
            for c in range(5, 10):
                s.put(r, c, None)
            return
        # A scored 二级 row: target/actual sit under the merged note unless the run has them.
        if not note_run or measures:
            s.put(r, 5, leaf.target)
            s.put(r, 6, leaf.actual)
        s.put(r, 7, _num(leaf.max_points), align=RIGHT, fmt=POINTS_FORMAT)
        s.put(r, 8, _num(leaf.score), align=RIGHT, fmt=POINTS_FORMAT)
        s.put(r, 9, leaf.reason, align=LEFT)

    def totals(self, subtotals: list[tuple[str, str]]) -> str:
        s = self.s
        r = s.row
        g_terms = [g for g, _ in subtotals]
        h_terms = [h for _, h in subtotals]
        if self.budget_points_cell:
            g_terms.insert(0, f"N({self.budget_points_cell})")
            h_terms.insert(0, f"N({self.budget_score_cell})")
        g_expr = "+".join(g_terms) or "0"
        h_expr = "+".join(h_terms) or "0"
        s.put(r, 1, L.TOTAL_LABEL, font=BOLD, span=6)
        s.put(r, 7, Formula(f"=ROUND({g_expr},2)"), font=BOLD, align=RIGHT, fmt=POINTS_FORMAT)
        s.put(r, 8, Formula(f"=ROUND({h_expr},2)"), font=BOLD, align=RIGHT, fmt=POINTS_FORMAT)
        s.put(r, 9, "")
        s.row += 1
        return f"H{r}"

    def signoff(self, total_cell: str) -> None:
        s, f = self.s, self.form
        r = s.row
        s.heights[r] = 24
        s.put(r, 1, L.SCORE_LABEL, font=BOLD, align=LEFT, border=None, span=2)
        s.put(r, 3, Formula(f"={total_cell}"), font=BOLD, align=LEFT, border=None, fmt=POINTS_FORMAT, span=2)
        s.put(r, 5, L.GRADE_LABEL, font=BOLD, align=LEFT, border=None, span=2)
        bands = sorted(f.settings.grade_bands, key=lambda b: b.minimum, reverse=True)
        expr = '"' + f.settings.lowest_grade.replace('"', '""') + '"'
        for band in reversed(bands):
            label = band.label.replace('"', '""')
            expr = f'IF({total_cell}>={format(band.minimum, "f")},"{label}",{expr})'
        s.put(r, 7, Formula(f"={expr}"), font=BOLD, align=LEFT, border=None, span=3)
        s.row += 1
        fields = f.signoff.fields
        for i in range(0, len(fields), 2):
            r = s.row
            s.heights[r] = 26
            for j, sf in enumerate(fields[i:i + 2]):
                c = 1 + 4 * j
                s.put(r, c, f"{sf.label}：", align=LEFT, border=None, span=2)
                s.put(r, c + 2, sf.value, align=LEFT, border=None, span=2 if j == 0 else 3)
            s.row += 1
        r = s.row
        s.heights[r] = 48
        s.put(r, 5, f"{f.signoff.seal_label}：" if f.signoff.seal_label else "", align=LEFT, border=None, span=2)
        s.row += 1

    # -- the whole workbook ------------------------------------------------------------------
    def build(self) -> Workbook:
        self.title()
        if self.project:
            self.budget_project()
        else:
            self.budget_department()
        self.goals()
        subtotals = self.indicators()
        total_cell = self.totals(subtotals)
        self.signoff(total_cell)
        self.s.fit_rows()
        self._page_setup()
        self._data_sheet()
        props = self.wb.properties
        props.title = f"{self.form.display_name()} {self.form.title}"
        props.creator = "perfgui"
        props.subject = f"表单指纹 {self.stamp.fingerprint}"
        props.keywords = self.stamp.qr_text().replace("\n", "; ")
        return self.wb

    def _page_setup(self) -> None:
        ws = self.s.ws
        for i, w in enumerate(WIDTHS, start=1):
            ws.column_dimensions[col(i)].width = w
        ws.sheet_view.showGridLines = False
        ps = ws.page_setup
        ps.paperSize = ws.PAPERSIZE_A4
        ps.orientation = "portrait"
        ps.fitToWidth = 1
        ps.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.print_options.horizontalCentered = True
        m = ws.page_margins
        m.left = m.right = 0.5
        m.top = 0.6
        m.bottom = 0.7
        m.footer = 0.3
        ws.print_title_rows = f"{self.header_row}:{self.header_row}"
        ws.print_area = f"A1:{col(NCOLS)}{self.s.row - 1}"
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 9
        ws.oddFooter.right.text = f"表单指纹：{self.stamp.fingerprint}"
        ws.oddFooter.right.size = 9

    def _data_sheet(self) -> None:
        ws = self.wb.create_sheet(L.DATA_SHEET)
        ws.sheet_state = "hidden"
        text = json.dumps(to_dict(self.form), ensure_ascii=False, separators=(",", ":"))
        rows: list[tuple[str, str]] = [
            ("format", L.DATA_MARKER), ("version", str(L.DATA_VERSION)),
            ("digest", L.digest(self.s.constants)), ("formulas", ",".join(self.s.formulas)),
        ]
        rows += [("json", text[i:i + L.CHUNK_CHARS]) for i in range(0, len(text), L.CHUNK_CHARS)]
        rows += [("fingerprint", self.stamp.fingerprint),
                 ("revision", "" if self.stamp.revision is None else str(self.stamp.revision))]
        for r, (key, value) in enumerate(rows, start=1):
            ws.cell(row=r, column=1, value=key)
            c = ws.cell(row=r, column=2, value=value)
            c.data_type = "s"


def build_workbook(form: Form, saved: Saved | None = None) -> Workbook:
    """The form as an openpyxl workbook (visible official sheet + hidden data sheet)."""
    return _Writer(form, saved).build()


def xlsx_bytes(form: Form, saved: Saved | None = None) -> bytes:
    """The form as the bytes of an .xlsx file; the fingerprint in its footer and data sheet."""
    buf = io.BytesIO()
    build_workbook(form, saved).save(buf)
    return buf.getvalue()


def stored_fingerprint(wb) -> str:
    """The fingerprint an exported workbook was written with ("" if it carries none)."""
    if L.DATA_SHEET not in wb.sheetnames:
        return ""
    for key, value in wb[L.DATA_SHEET].iter_rows(min_row=1, max_col=2, values_only=True):
        if key == "fingerprint":
            return str(value or "")
    return ""
