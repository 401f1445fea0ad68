"""The official table as grids: header, budget, goals, indicators, score; sizes as named constants.

Built from the model alone. Column widths are in millimetres for the usable width of an A4
page; the indicator table has its own widths for landscape, the other grids scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Form, FormKind, Node, fmt2, fmt_money, fmt_weight
from ..model.totals import Totals, budget_score
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

DEPARTMENT_COLUMNS = ("一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析")
DEPARTMENT_WIDTHS_PORTRAIT = (18.5, 10, 22, 31, 20, 20, 12, 12, 34.5)
DEPARTMENT_WIDTHS_LANDSCAPE = (22, 12, 28, 50, 30, 30, 15, 15, 65)
PROJECT_COLUMNS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
PROJECT_WIDTHS_PORTRAIT = (19, 22, 36, 23, 23, 12, 12, 33)
PROJECT_WIDTHS_LANDSCAPE = (24, 28, 55, 33, 33, 15, 15, 64)

LABEL_MM = 27.0  # the left label column of the header, budget and goals grids


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
    return f"《{form.title}》"


# -- header -----------------------------------------------------------------------------------
def header_grid(form: Form, geo: Geometry) -> PrintGrid:
    h = form.header
    if form.kind is FormKind.PROJECT:
        rest = (PORTRAIT_WIDTH_MM - 2 * LABEL_MM) / 2
        widths = geo.widths([LABEL_MM, rest, LABEL_MM, rest])
        rows = [
            [_c("项目名称", 0, bold=True), _c(h.project_name, 1, colspan=3, align="left")],
            [_c("主管部门", 0, bold=True), _c(h.department, 1, align="left"),
             _c("实施单位", 2, bold=True), _c(h.implementer or h.unit, 3, align="left")],
        ]
    else:
        widths = geo.widths([LABEL_MM, PORTRAIT_WIDTH_MM - LABEL_MM])
        rows = [[_c("单位名称", 0, bold=True), _c(h.unit, 1, align="left")]]
    return PrintGrid(widths, rows, keep=True, name="header")


# -- budget -----------------------------------------------------------------------------------
NO_RATE = "—"  # a budget row whose 执行率 is undefined (nothing budgeted)


def rate_text(rate, suffix: str = "") -> str:
    """A 执行率 as printed (PDF and Excel alike): ``99.60``, or ``—`` when nothing was budgeted."""
    return f"{fmt2(rate)}{suffix}" if rate is not None else NO_RATE


# --------------------------------------------------------------------------------
def _budget_labels(form: Form) -> list[str]:
    labels = []
    counters: dict[str, int] = {}
    for row in form.budget.rows:
        group = row.group
        if form.kind is FormKind.PROJECT:
            first = group and counters.get(group, 0) == 0
            counters[group] = counters.get(group, 0) + 1
            labels.append(f"{group}：{row.label}" if first else row.label)
            continue
        if not group:
            labels.append(row.label)
            continue
        n = counters.get(group, 0) + 1
        counters[group] = n
        labels.append(f"{group}：（{n}）{row.label}" if n == 1 else f"（{n}）{row.label}")
    return labels


def budget_grid(form: Form, geo: Geometry) -> PrintGrid:
    b = form.budget
    n = len(b.rows)
    labels = _budget_labels(form)
    if form.kind is FormKind.PROJECT:
        widths = geo.widths([LABEL_MM, 33, 22, 22, 22, 14, 18, 22])
        head = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
        rows = [[_c(f"项目资金（{b.unit}）", 0, rowspan=n + 1, bold=True), _c("", 1)]
                + [_c(t, i + 2, bold=True) for i, t in enumerate(head)]]
        for i, (row, label) in enumerate(zip(b.rows, labels)):
            cells = [_c(label, 1, align="left"), _money(row.initial, 2, "initial"),
                     _money(row.planned, 3, "planned"), _money(row.actual, 4, "actual")]
            rate = _c(rate_text(row.rate, "%"), 6, value=row.rate, fmt="rate%", calc="rate")
            if row.key == "total" or (i == 0 and b.row("total") is None):
                cells += [_c(fmt_weight(b.points), 5, value=b.points, fmt="weight", key="budget_points"), rate,
                          _c(fmt2(budget_score(b, form.settings)), 7, value=budget_score(b, form.settings), fmt="points",
                             calc="budget_score")]
            else:
                cells += [_c("—", 5), rate, _c("—", 7)]
            rows.append(cells)
        return PrintGrid(widths, rows, keep=True, name="budget")
    widths = geo.widths([LABEL_MM, 52, 36, 36, 29])
    rows = [[_c(f"整体支出规模（{b.unit}）", 0, rowspan=n + 1, bold=True), _c("", 1),
             _c("全年预算数", 2, bold=True), _c("全年执行数", 3, bold=True), _c("执行率(%)", 4, bold=True)]]
    for row, label in zip(b.rows, labels):
        rows.append([_c(label, 1, align="left"), _money(row.planned, 2, "planned"), _money(row.actual, 3, "actual"),
                     _c(rate_text(row.rate), 4, align="right", value=row.rate, fmt="rate", calc="rate")])
    return PrintGrid(widths, rows, keep=True, name="budget")


def _money(value, col: int, key: str) -> Cell:
    return _c(fmt_money(value), col, align="right", value=value, fmt="money", key=key)


# -- goals ------------------------------------------------------------------------------------
def goals_grid(form: Form, geo: Geometry) -> PrintGrid:
    half = (PORTRAIT_WIDTH_MM - LABEL_MM) / 2
    widths = geo.widths([LABEL_MM, half, half])
    planned, achieved = ("预期目标", "实际完成情况") if form.kind is FormKind.PROJECT else ("年初设定目标", "全年完成情况")
    rows = [
        [_c("年度总体目标", 0, rowspan=2, bold=True), _c(planned, 1, bold=True), _c(achieved, 2, bold=True)],
        [_c(form.goals.planned, 1, align="left", valign="top"),
         _c(form.goals.achieved, 2, align="left", valign="top")],
    ]
    return PrintGrid(widths, rows, name="goals")


# -- indicators -------------------------------------------------------------------------------
def _leaf_rows(group: Node) -> list[Node]:
    """The nodes printed as rows under a 二级: its scored leaves (and empty sub-groups)."""
    return [n for n in group.walk() if n is not group and (n.is_scored or not n.children)]


def indicator_grid(form: Form, totals: Totals, geo: Geometry) -> PrintGrid:
    """The 分解目标自评 table: merged 一级/权重/二级 cells, the 投入管理 note, the 总分 row."""
    project = form.kind is FormKind.PROJECT
    if project:
        names, mm = PROJECT_COLUMNS, (PROJECT_WIDTHS_LANDSCAPE if geo.landscape else PROJECT_WIDTHS_PORTRAIT)
    else:
        names, mm = DEPARTMENT_COLUMNS, (DEPARTMENT_WIDTHS_LANDSCAPE if geo.landscape else DEPARTMENT_WIDTHS_PORTRAIT)
    ncol = len(names)
    # Column positions by meaning; the project table has no 权重 column.
    c1, c2 = 0, (1 if project else 2)
    c3 = c2 + 1
    tgt, act, pts, got, why = c3 + 1, c3 + 2, c3 + 3, c3 + 4, c3 + 5
    rows: list[list[Cell]] = [
        [_c("绩效指标" if project else "分解目标自评", 0, colspan=ncol, align="left", bold=True)],
        [_c(name, i, bold=True) for i, name in enumerate(names)],
    ]

    def measures(node: Node, with_name: bool) -> list[Cell]:
        cells = [_c(node.name, c3, align="left", continued=f"{node.name}（续）")] if with_name else []
        return cells + [
            _c(node.target, tgt), _c(node.actual, act),
            _c(fmt2(node.max_points), pts, value=node.max_points, fmt="points", key="max"),
            _c(fmt2(node.score), got, value=node.score, fmt="points", key="score"),
            _c(node.reason, why, align="left"),
        ]

    for section in form.sections:
        sec_start = len(rows)
        sec_cells = [_c(section.name, c1)]
        if not project:
            sec_cells.append(_c(fmt_weight(section.weight), 1, value=section.weight, fmt="weight"))
        if not section.children:
            rows.append([_c("", c2)] + [_c("", c) for c in range(c3, ncol)])
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
                for k, g in enumerate(run):
                    row = [_c(g.name, c2)]
                    if section.note:
                        if k == 0:
                            span = 1 if has_measures else 3
                            row.append(_c(section.note, c3, colspan=span, rowspan=len(run), align="left"))
                        row += [c for c in measures(g, False) if not (not has_measures and c.col in (tgt, act))]
                    else:
                        row.append(_c("", c3))
                        row += measures(g, False)
                    rows.append(row)
            else:
                leaves = _leaf_rows(group)
                if not leaves:
                    rows.append([_c(group.name, c2)] + [_c("", c) for c in range(c3, ncol)])
                else:
                    for k, leaf in enumerate(leaves):
                        row = [_c(group.name, c2, rowspan=len(leaves))] if k == 0 else []
                        if leaf.is_scored:
                            row += measures(leaf, True)
                        else:
                            row += [_c(leaf.name, c3, align="left")] + [_c("", c) for c in range(tgt, ncol)]
                        rows.append(row)
            i += 1
        count = len(rows) - sec_start
        for cell in sec_cells:
            cell.rowspan = count
        rows[sec_start][:0] = sec_cells
    rows.append([_c("总分", 0, colspan=pts, bold=True),
                 _c(fmt2(totals.total_max), pts, bold=True, value=totals.total_max, fmt="points", calc="total_max"),
                 _c(fmt2(totals.total_score), got, bold=True, value=totals.total_score, fmt="points",
                    calc="total_score"),
                 _c("", why)])
    return PrintGrid(geo.widths(mm), rows, repeat=(1, 2), name="indicators")


# -- score ------------------------------------------------------------------------------------
def score_grid(form: Form, totals: Totals, geo: Geometry) -> PrintGrid:
    rest = (PORTRAIT_WIDTH_MM - 2 * LABEL_MM) / 2
    widths = geo.widths([LABEL_MM, rest, LABEL_MM, rest])
    rows = [[_c("自评得分", 0, bold=True),
             _c(fmt2(totals.total_score), 1, bold=True, value=totals.total_score, fmt="points", calc="score"),
             _c("自评等级", 2, bold=True), _c(totals.grade, 3, bold=True, calc="grade")]]
    note = note_text(form)
    if note:
        rows.append([_c("说明", 0, bold=True), _c(note, 1, colspan=3, align="left")])
    return PrintGrid(widths, rows, keep=True, name="score")


def note_text(form: Form) -> str:
    """The 说明 line under the table: why a form with errors was finalised (empty otherwise)."""
    from ..model import Status

    reason = form.final_reason.strip()
    if form.status is not Status.FINAL or not reason:
        return ""
    return f"本表定稿时仍有未通过的检查项，定稿说明：{reason}"
