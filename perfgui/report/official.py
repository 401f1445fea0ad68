"""The official table as grids: header, budget, goals, indicators, score; sizes as named constants.

Built from the model and the form's layout (its rule pack's ``[layout]``, ``packs.layout_of``):
the title, the labels, the budget and indicator columns by key in the pack's order and relative
widths (the indicator table has its own widths for landscape; the other grids scale), the
sign-off lines and the seal the form carries. The Excel sheet copies these grids cell for cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import packs
from ..model import Form, FormKind, Node, fmt2, fmt_money, fmt_weight
from ..model.pack_layout import Column, Layout
from ..model.scoring import parse_measure
from ..model.totals import Totals, budget_score, compute
from .layout import Cell, PrintGrid

MM = 72.0 / 25.4

# Type sizes in points.
TITLE_SIZE = 16.0
YEAR_SIZE = 12.0
BODY_SIZE = 9.0
FOOTER_SIZE = 8.0
RUNNING_HEAD_SIZE = 8.0
WATERMARK_SIZE = 120.0

# Page margins in millimetres (A4: 210 × 297).
MARGIN_LEFT = 15.0
MARGIN_RIGHT = 15.0
MARGIN_TOP = 16.0
MARGIN_BOTTOM = 16.0
FOOTER_BASELINE = 8.0  # footer text baseline above the paper's bottom edge
RUNNING_HEAD_BASELINE = 9.0  # running head baseline below the paper's top edge

# The usable width the millimetre widths below add up to: 210 − 15 − 15.
PORTRAIT_WIDTH_MM = 180.0

LABEL_MM = 27.0  # the left label column of the header, budget and goals grids
# The budget's row labels take the width its columns leave of the page, at least this much.
BUDGET_ROW_LABEL_MM = 30.0


@dataclass(frozen=True)
class Geometry:
    """The paper and the body area in points."""

    landscape: bool

    @property
    def page_width(self) -> float:
        return (297.0 if self.landscape else 210.0) * MM

    @property
    def page_height(self) -> float:
        return (210.0 if self.landscape else 297.0) * MM

    @property
    def left(self) -> float:
        return MARGIN_LEFT * MM

    @property
    def top(self) -> float:
        return MARGIN_TOP * MM

    @property
    def body_width(self) -> float:
        return self.page_width - (MARGIN_LEFT + MARGIN_RIGHT) * MM

    @property
    def body_height(self) -> float:
        return self.page_height - (MARGIN_TOP + MARGIN_BOTTOM) * MM

    def widths(self, mm: tuple[float, ...] | list[float]) -> list[float]:
        """Millimetre widths scaled to exactly fill the body width."""
        total = sum(mm)
        return [w / total * self.body_width for w in mm]


def _c(text: str, col: int, **kw) -> Cell:
    return Cell(text, col, size=kw.pop("size", BODY_SIZE), **kw)


def year_text(form: Form) -> str:
    return f"（{form.header.year}年度）" if form.header.year else "（    年度）"


def title_text(form: Form) -> str:
    return f"《{packs.layout_of(form).title}》"


# -- header -----------------------------------------------------------------------------------
def header_grid(form: Form, geo: Geometry) -> PrintGrid:
    h = form.header
    unit_label = packs.layout_of(form).unit_label
    if form.kind is FormKind.PROJECT:
        rest = (PORTRAIT_WIDTH_MM - 2 * LABEL_MM) / 2
        widths = geo.widths([LABEL_MM, rest, LABEL_MM, rest])
        rows = [
            [_c("项目名称", 0, bold=True), _c(h.project_name, 1, colspan=3, align="left")],
            [_c("主管部门", 0, bold=True), _c(h.department, 1, align="left"),
             _c(unit_label, 2, bold=True), _c(h.implementer or h.unit, 3, align="left")],
        ]
    else:
        widths = geo.widths([LABEL_MM, PORTRAIT_WIDTH_MM - LABEL_MM])
        rows = [[_c(unit_label, 0, bold=True), _c(h.unit, 1, align="left")]]
    return PrintGrid(widths, rows, keep=True, name="header")


# -- budget -----------------------------------------------------------------------------------
NO_RATE = "—"  # a budget row whose 执行率 is undefined (nothing budgeted)
PARTS_GROUP = "其中"  # rows that break the total line down: "其中：当年财政拨款", then plain labels
SOURCES_GROUP = "资金来源"  # without a total line, these rows give the headline 执行率


def rate_text(rate, suffix: str = "") -> str:
    """A 执行率 as printed (PDF and Excel alike): ``99.60``, or ``—`` when nothing was budgeted."""
    return f"{fmt2(rate)}{suffix}" if rate is not None else NO_RATE


def _budget_labels(form: Form) -> list[str]:
    """Row labels: ``其中：`` before the first part of a total, ``资金来源：（1）`` numbered groups."""
    labels = []
    counters: dict[str, int] = {}
    for row in form.budget.rows:
        group = row.group
        n = counters.get(group, 0) + 1
        counters[group] = n
        if not group:
            labels.append(row.label)
        elif group == PARTS_GROUP:
            labels.append(f"{group}：{row.label}" if n == 1 else row.label)
        else:
            labels.append(f"{group}：（{n}）{row.label}" if n == 1 else f"（{n}）{row.label}")
    return labels


def _percent_in_label(column: Column) -> bool:
    """A 执行率 column labelled 执行率(%) prints bare numbers; one labelled 执行率 prints 95.00%."""
    return "%" in column.label or "％" in column.label


def budget_grid(form: Form, geo: Geometry) -> PrintGrid:
    """The budget block: its title and unit merged down the left, the pack's columns by key.

    分值, 得分 and 原因 belong to the budget as a whole: they print on its total line (the first
    line when there is none), the other lines show — (原因 is merged over all lines).
    """
    b = form.budget
    columns = packs.layout_of(form).budget_columns
    n = len(b.rows)
    labels = _budget_labels(form)
    mm = [c.width for c in columns]
    row_label = max(PORTRAIT_WIDTH_MM - LABEL_MM - sum(mm), BUDGET_ROW_LABEL_MM)
    widths = geo.widths([LABEL_MM, row_label] + mm)
    rows = [[_c(f"{packs.layout_of(form).budget_title}（{b.unit}）", 0, rowspan=n + 1, bold=True), _c("", 1)]
            + [_c(c.label, i + 2, bold=True) for i, c in enumerate(columns)]]
    has_total = b.row("total") is not None
    score = budget_score(b, form.settings)
    for i, (row, label) in enumerate(zip(b.rows, labels)):
        whole = row.key == "total" or (i == 0 and not has_total)  # the line the budget's points go on
        cells = [_c(label, 1, align="left")]
        for j, column in enumerate(columns):
            at, key = j + 2, column.key
            if key in ("initial", "planned", "actual"):
                cells.append(_money(getattr(row, key), at, key))
            elif key == "rate":
                # Named for the Excel formulas: the headline 执行率 is the total line's, or that of
                # the 资金来源 lines together when there is no total line.
                name = "execution_rate" if row.key == "total" else (
                    "source_rate" if not has_total and row.group == SOURCES_GROUP else "")
                if _percent_in_label(column):
                    cells.append(_c(rate_text(row.rate), at, align="right", value=row.rate, fmt="rate", calc="rate",
                                    key=name))
                else:
                    cells.append(_c(rate_text(row.rate, "%"), at, value=row.rate, fmt="rate%", calc="rate", key=name))
            elif key == "points":
                cells.append(_c(fmt_weight(b.points), at, value=b.points, fmt="weight", key="budget_points")
                             if whole else _c("—", at))
            elif key == "score":
                cells.append(_c(fmt2(score), at, value=score, fmt="points", calc="budget_score")
                             if whole else _c("—", at))
            elif key == "reason" and i == 0:
                cells.append(_c(b.reason, at, rowspan=n, align="left"))
        rows.append(cells)
    return PrintGrid(widths, rows, keep=True, name="budget")


def _money(value, col: int, key: str) -> Cell:
    return _c(fmt_money(value), col, align="right", value=value, fmt="money", key=key)


# -- goals ------------------------------------------------------------------------------------
def goals_grid(form: Form, geo: Geometry) -> PrintGrid:
    half = (PORTRAIT_WIDTH_MM - LABEL_MM) / 2
    widths = geo.widths([LABEL_MM, half, half])
    layout = packs.layout_of(form)
    planned, achieved = layout.goals_labels
    rows = [
        [_c(layout.goals_title, 0, rowspan=2, bold=True), _c(planned, 1, bold=True), _c(achieved, 2, bold=True)],
        [_c(form.goals.planned, 1, align="left", valign="top"),
         _c(form.goals.achieved, 2, align="left", valign="top")],
    ]
    return PrintGrid(widths, rows, name="goals")


# -- indicators -------------------------------------------------------------------------------
# Columns that show what was aimed at and what was done (a 二级 block's note may span them).
MEASURE_KEYS = ("target", "nature", "value", "measure_unit", "actual")
# A comparator as printed in a 指标性质 column.
NATURE_SIGNS = {">=": "≥", "<=": "≤", "=": "=", ">": ">", "<": "<"}
QUALITATIVE_NATURE = "定性"  # a target in words (及时, 提升): no comparator, no number


def split_target(text: str) -> tuple[str, str, str]:
    """A target as 指标性质 · 指标值 · 度量单位: ``≥95%`` → ``("≥", "95", "%")``."""
    if not text.strip():
        return "", "", ""
    m = parse_measure(text)
    nature = NATURE_SIGNS.get(m.comparator or "", "")
    if m.number is None:
        return nature or QUALITATIVE_NATURE, m.word or text.strip(), ""
    # The unit read, else the words after the number (万平方米, 发生).
    return nature, format(m.number, "f"), m.unit or m.word


def column_widths(layout: Layout, landscape: bool) -> list[float]:
    """The indicator table's relative widths: the pack's ``landscape`` widths across the page."""
    return [c.landscape if landscape and c.landscape is not None else c.width for c in layout.columns]


def _leaf_rows(group: Node) -> list[Node]:
    """The nodes printed as rows under a 二级: its scored leaves (and empty sub-groups)."""
    return [n for n in group.walk() if n is not group and (n.is_scored or not n.children)]


def indicator_grid(form: Form, totals: Totals, geo: Geometry) -> PrintGrid:
    """The 分解目标自评 table: merged 一级/权重/二级 cells, the 投入管理 note, the 总分 row.

    Columns by key in the layout's order: every row is built as cells by column key and printed
    in the layout's column order; a column the layout lacks is not printed.
    """
    layout = packs.layout_of(form)
    keys = [c.key for c in layout.columns]
    at = {k: i for i, k in enumerate(keys)}
    ncol = len(keys)
    split = "value" in at

    def put(row: dict[int, Cell], column: str, text: str, **kw) -> None:
        if column in at:
            row[at[column]] = _c(text, at[column], **kw)

    def blanks(row: dict[int, Cell], skip: tuple[str, ...]) -> dict[int, Cell]:
        for key in keys:
            if key not in skip and at[key] not in row:
                row[at[key]] = _c("", at[key])
        return row

    def measures(node: Node, with_name: bool) -> dict[int, Cell]:
        row: dict[int, Cell] = {}
        if with_name:
            put(row, "level3", node.name, align="left", continued=f"{node.name}（续）")
        put(row, "target", node.target)
        if split:
            nature, value, unit = split_target(node.target)
            put(row, "nature", nature)
            put(row, "value", value)
            put(row, "measure_unit", unit)
        put(row, "actual", node.actual)
        put(row, "max", fmt2(node.max_points), value=node.max_points, fmt="points", key="max")
        put(row, "score", fmt2(node.score), value=node.score, fmt="points", key="score")
        put(row, "reason", node.reason, align="left")
        return row

    # How many columns a 二级 block's note covers when the block has no targets: 三级 and the
    # measure columns right after it.
    note_span = 1
    while at["level3"] + note_span < ncol and keys[at["level3"] + note_span] in MEASURE_KEYS:
        note_span += 1

    rows: list[dict[int, Cell]] = [{0: _c(layout.indicator_title, 0, colspan=ncol, align="left", bold=True)}]
    rows += header_rows(layout.columns)
    header_end = len(rows)
    level23 = ("level1", "weight", "level2", "level3")
    for section in form.sections:
        sec_start = len(rows)
        sec_cells = {at["level1"]: _c(section.name, at["level1"])}
        if "weight" in at:
            sec_cells[at["weight"]] = _c(fmt_weight(section.weight), at["weight"], value=section.weight, fmt="weight")
        if not section.children:
            rows.append(blanks({}, ("level1", "weight")))
        groups = section.children
        i = 0
        while i < len(groups):
            group = groups[i]
            if group.is_scored:
                # A run of 二级 scored directly (the 投入管理 block), under the section's note.
                run = [group]
                while i + 1 < len(groups) and groups[i + 1].is_scored:
                    i += 1
                    run.append(groups[i])
                has_measures = any(g.target or g.actual for g in run)
                span = 1 if has_measures else note_span
                covered = set(range(at["level3"], at["level3"] + span))
                for k, g in enumerate(run):
                    row: dict[int, Cell] = {}
                    put(row, "level2", g.name)
                    if section.note:
                        if k == 0:
                            put(row, "level3", section.note, colspan=span, rowspan=len(run), align="left")
                        row.update((c, cell) for c, cell in measures(g, False).items() if c not in covered)
                    else:
                        put(row, "level3", "")
                        row.update(measures(g, False))
                    rows.append(row)
            else:
                leaves = _leaf_rows(group)
                if not leaves:
                    row = {}
                    put(row, "level2", group.name)
                    rows.append(blanks(row, ("level1", "weight")))
                else:
                    for k, leaf in enumerate(leaves):
                        row = {}
                        if k == 0:
                            put(row, "level2", group.name, rowspan=len(leaves))
                        if leaf.is_scored:
                            row.update(measures(leaf, True))
                        else:
                            put(row, "level3", leaf.name, align="left")
                            blanks(row, level23)
                        rows.append(row)
            i += 1
        count = len(rows) - sec_start
        for cell in sec_cells.values():
            cell.rowspan = count
        rows[sec_start].update(sec_cells)
    rows.append(_total_row(keys, totals))
    grid_rows = [[row[c] for c in sorted(row)] for row in rows]
    return PrintGrid(geo.widths(column_widths(layout, geo.landscape)), grid_rows, repeat=(1, header_end),
                     name="indicators")


def header_rows(columns) -> list[dict[int, Cell]]:
    """The column labels: one row, or two where columns share a group label over them (the
    group merged across its columns; the other labels merged down both rows)."""
    if not any(c.group for c in columns):
        return [{i: _c(c.label, i, bold=True) for i, c in enumerate(columns)}]
    top: dict[int, Cell] = {}
    below: dict[int, Cell] = {}
    for i, c in enumerate(columns):
        if not c.group:
            top[i] = _c(c.label, i, rowspan=2, bold=True)
            continue
        below[i] = _c(c.label, i, bold=True)
        if i == 0 or columns[i - 1].group != c.group:
            span = 1
            while i + span < len(columns) and columns[i + span].group == c.group:
                span += 1
            top[i] = _c(c.group, i, colspan=span, bold=True)
    return [top, below]


def _total_row(keys: list[str], totals: Totals) -> dict[int, Cell]:
    """总分 merged over the columns before 分值/得分; the other columns blank."""
    row: dict[int, Cell] = {}
    first = next(i for i, k in enumerate(keys) if k in ("max", "score"))
    if first:
        row[0] = _c("总分", 0, colspan=first, bold=True)
    for i, key in enumerate(keys[first:], first):
        if key == "max":
            row[i] = _c(fmt2(totals.total_max), i, bold=True, value=totals.total_max, fmt="points", calc="total_max")
        elif key == "score":
            row[i] = _c(fmt2(totals.total_score), i, bold=True, value=totals.total_score, fmt="points",
                        calc="total_score")
        else:
            row[i] = _c("", i)
    return row


# -- score ------------------------------------------------------------------------------------
def score_grid(form: Form, totals: Totals, geo: Geometry) -> PrintGrid:
    rest = (PORTRAIT_WIDTH_MM - 2 * LABEL_MM) / 2
    widths = geo.widths([LABEL_MM, rest, LABEL_MM, rest])
    rows = [[_c("自评得分", 0, bold=True),
             _c(fmt2(totals.total_score), 1, bold=True, value=totals.total_score, fmt="points", calc="score"),
             _c("自评等级", 2, bold=True), _c(totals.grade, 3, bold=True, calc="grade")]]
    note = note_text(form, totals)
    if note:
        rows.append([_c("说明", 0, bold=True), _c(note, 1, colspan=3, align="left")])
    return PrintGrid(widths, rows, keep=True, name="score")


def cap_text(form: Form, totals: Totals) -> str:
    """Why the total is lower than its parts: the pack caps it at this 执行率 ("" when it does not)."""
    if not totals.capped:
        return ""
    r = form.budget.execution_rate
    below = min(c.below for c in form.settings.total_caps if r is not None and r < c.below and c.maximum == totals.cap)
    return (f"各项得分合计 {fmt2(totals.parts_score)}，执行率 {fmt2(r)}% 低于 {fmt_weight(below)}%，"
            f"总分按 {fmt2(totals.cap)} 计。")


def note_text(form: Form, totals: Totals | None = None) -> str:
    """The 说明 under the table: the layout's fixed note, a total capped by 执行率, and why a form
    with errors was finalised (each on its own line; empty when there is none of them)."""
    from ..model import Status

    if totals is None:
        totals = compute(form)
    lines = [packs.layout_of(form).note.strip(), cap_text(form, totals)]
    reason = form.final_reason.strip()
    if form.status is Status.FINAL and reason:
        lines.append(f"本表定稿时仍有未通过的检查项，定稿说明：{reason}")
    return "\n".join(line for line in lines if line)
