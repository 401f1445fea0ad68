"""The one layout recogniser: any grid of cells → a form, and what was guessed on the way.

Every source (a sheet, a Word or PDF table, an HTML table, pasted text) becomes a ``Grid``;
this module finds the indicator table by its labels, reads the columns it has (the Shanghai nine
columns, the MOF 项目支出 table, Sichuan's 指标性质 | 指标值 | 度量单位 | 完成值 | 权重 | 得分, a
two-row header), builds the 一级 → 二级 → 三级 tree and reads the parts around it (``frame``).
It repairs the damage of text copied out of a PDF (page breaks that cost a page its first
columns, rows continued across a page) and compares every figure the file prints with the
figure the program computes.

Merged ranges are read as their sources store them, the text in the first cell: a 一级 label
merged down its block, written on each row, or written once in the middle of its block (a copy
out of a PDF) all mean the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..exchange.errors import ImportFailed
from ..model.form import Budget, Form, FormKind, Node, SignField, SignOff
from ..model.numbers import fmt2, fmt_weight, q2
from ..model.templates import PARENT_OF
from ..model.totals import budget_score, compute, node_max, node_score
from . import frame as F
from . import guesses as G
from .cells import (
    clean_measure, clean_name, combine_target, is_placeholder, join_broken, number, points_in_label,
    squash, strip_numbering,
)
from .grid import Grid, Merge
from .guesses import Guess, Notes, ReadResult

OFFICIAL_COLUMNS = ("l1", "weight", "l2", "l3", "target", "actual", "max", "score", "reason")
_HEADER_LABELS = (
    ("l1", ("一级指标",)), ("l2", ("二级指标",)), ("l3", ("三级指标",)),
    ("nature", ("指标性质",)),
    ("target", ("年度指标值", "年度目标值", "指标值", "目标值", "预期指标值", "年度目标")),
    ("munit", ("度量单位", "计量单位")),
    ("actual", ("全年完成值", "全年实际完成值", "实际完成值", "全年实际值", "完成值", "实际值")),
    ("weight", ("权重",)), ("max", ("分值",)), ("score", ("得分", "自评得分")),
    ("reason", ("偏差及原因分析", "偏差原因分析及改进措施", "偏差原因分析", "原因分析", "未完成原因分析",
                "偏差原因", "未完成原因", "偏差情况及原因")),
)
_SUB_HEADER = {lb for _, labels in _HEADER_LABELS for lb in labels}
_TOTAL_WORDS = ("总分", "合计", "总计", "得分合计", "综合得分")
_PAGED_SOURCES = ("text", "pdf")
_CHINESE_NUMBERED = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_ARABIC_NUMBERED = re.compile(r"^\d+\s*[、.．](?!\d)")


# -- the indicator header ----------------------------------------------------------------------
def _label_key(name: str, used: set[str]) -> str | None:
    for key, labels in _HEADER_LABELS:
        if key in used:
            continue
        if any(name == lb or name.startswith(lb) for lb in labels):
            return key
    return None


def _header_names(g: Grid, r: int) -> list[str]:
    """The labels of row ``r``; a label merged down from the row above counts in this row too."""
    names = []
    for c in range(len(g.rows[r])):
        m = g.merge_at(r, c)
        if m is None or (m.top, m.left) == (r, c):
            names.append(squash(g.raw(r, c)))
        elif m.left == c and m.top < r:
            names.append(squash(g.raw(m.top, c)))
        else:
            names.append("")
    return names


def _is_label(name: str) -> bool:
    return any(name == lb or name.startswith(lb) for lb in _SUB_HEADER)


def is_header_row(g: Grid, r: int) -> bool:
    if not g.merges:  # then the names are the row's own cells: a row without 二级/三级指标 is none
        joined = squash("".join(g.rows[r]))
        if "三级指标" not in joined and "二级指标" not in joined:
            return False
    names = _header_names(g, r)
    has_level = any("三级指标" in n or "二级指标" in n for n in names)
    has_points = any(n.startswith(("分值", "得分", "权重")) for n in names)
    return has_level and (any("一级指标" in n for n in names) or has_points)


@dataclass
class Header:
    row: int
    body: int  # first row of the table body
    columns: dict[str, list[int]]
    two_rows: bool = False


def _spans(g: Grid, r: int, c: int) -> list[int]:
    m = g.merge_at(r, c)
    return list(range(m.left, m.right + 1)) if m else [c]


def find_header(g: Grid) -> Header | None:
    """The indicator table's column labels, over one or two rows."""
    for r in range(g.nrows):
        if not is_header_row(g, r):
            continue
        names = _header_names(g, r)
        cells: dict[int, tuple[str, list[int]]] = {}
        top = r
        two = False
        # 一级 | 二级 | 三级 under a first row that holds 分值, 得分 … (年度指标值 over 指标性质 …).
        if r > 0:
            upper = _header_names(g, r - 1)
            if sum(1 for n in upper if n and _is_label(n)) >= 2:
                for c, n in enumerate(upper):
                    if n and _is_label(n) and not (c < len(names) and names[c]):
                        cells[c] = (n, _spans(g, r - 1, c))
                top, two = r - 1, True
        for c, n in enumerate(names):
            if n:
                cells[c] = (n, _spans(g, r, c))
        body = r + 1
        if body < g.nrows:
            # Only labels that start in that row: those merged down from above are the first row's.
            sub = [squash(g.raw(body, c)) if g.is_first(body, c) else "" for c in range(len(g.rows[body]))]
            filled = [n for n in sub if n]
            if filled and all(_is_label(n) for n in filled):
                for c, n in enumerate(sub):
                    if n:
                        cells[c] = (n, _spans(g, body, c))
                body += 1
                two = True
        columns: dict[str, list[int]] = {}
        for c in sorted(cells):
            n, span = cells[c]
            key = _label_key(n, set(columns))
            if key is not None:
                columns[key] = span
        return Header(top, body, columns, two)
    return None


# -- the rows of the table -----------------------------------------------------------------------
@dataclass
class _Row:
    index: int  # 0-based grid row
    cells: dict[str, str]
    page_start: bool = False  # first row after a page break
    shift: int = 0

    def get(self, key: str) -> str:
        return self.cells.get(key, "")

    def number(self, key: str) -> Decimal | None:
        return number(self.get(key))

    @property
    def has_points(self) -> bool:
        return self.number("max") is not None or self.number("score") is not None


class _Tree:
    """The indicator tree being built, its nodes found by name without walking it.

    Nodes are only ever appended while the tree is built, so the positions a node is appended
    at (its path) stay its place: the first node of a name in the tree's order is the one with
    the smallest path. Every lookup is then a dictionary lookup, and building stays linear in
    the rows however many 一级, 二级 or 小计 rows a file has.
    """

    def __init__(self) -> None:
        self.root = Node()
        self._path: dict[int, tuple[int, ...]] = {id(self.root): ()}
        self._child: dict[tuple[int, str], Node] = {}  # (parent, name) → its first child of the name
        self._first: dict[str, tuple[tuple[int, ...], Node]] = {}  # name → first node in tree order

    def append(self, parent: Node, node: Node) -> Node:
        parent.append(node)
        path = self._path[id(parent)] + (len(parent.children) - 1,)
        self._path[id(node)] = path
        self._child.setdefault((id(parent), node.name), node)
        first = self._first.get(node.name)
        if first is None or path < first[0]:
            self._first[node.name] = (path, node)
        return node

    def child_named(self, parent: Node, name: str) -> Node | None:
        """``parent``'s first child called ``name``."""
        return self._child.get((id(parent), name))

    def first_named(self, name: str) -> Node | None:
        """The first node called ``name`` in the tree's order (the order of ``walk``)."""
        first = self._first.get(name)
        return first[1] if first is not None else None


@dataclass
class _Printed:
    row: int
    label: str
    max: Decimal | None
    score: Decimal | None
    node: Node | None = None


class Recogniser:
    """One grid → one form."""

    def __init__(self, grid: Grid) -> None:
        self.g = grid
        self.paged = grid.source in _PAGED_SOURCES
        self.notes = Notes(grid.name if grid.source not in ("text",) else "")
        self.printed_total: _Printed | None = None
        self.total_grade: tuple[int, int, str] | None = None
        self.subtotals: list[_Printed] = []
        self.placeholders: list[int] = []
        self.remarks: list[int] = []  # rows inside the table that are text fields (其他需要说明事项)
        self.details: list[int] = []  # 其中… rows that detail the indicator above them
        self.parent_rows: list[tuple[_Row | None, list[Node]]] = []  # numbered rows and their children
        for note in grid.notes:
            self.notes.add(note, kind=G.NOTE)

    def guess(self, message: str, row: int = -1, col: int = -1, kind: str = G.NOTE) -> None:
        self.notes.add(message, row, col, kind)

    def col(self, key: str) -> int:
        cols = self.columns.get(key)
        return cols[0] if cols else -1

    # -- the whole form ---------------------------------------------------------------------
    def read(self) -> ReadResult:
        g = self.g
        header = find_header(g)
        if header is None:
            if not self.paged:
                raise ImportFailed("没有找到指标表表头（一级指标、二级指标、三级指标、分值、得分…）："
                                   "请确认选对了文件，表头文字与官方表样一致。")
            header = Header(-1, 0, {key: [j] for j, key in enumerate(OFFICIAL_COLUMNS)})
            self.guess("没有找到“一级指标…”表头，按官方列顺序（一级指标、权重、二级指标、三级指标、年度指标值、"
                       "全年完成值、分值、得分、偏差及原因分析）读取。", kind=G.HEADER_ROW)
        self.columns = header.columns
        self.has_points_column = "max" in self.columns or "score" in self.columns
        self._column_meanings(header)
        self.block_points = self._block_points(header)
        missing = [label for key, label in (("score", "得分"), ("l3", "三级指标")) if key not in self.columns]
        if missing and not (missing == ["l3"] and "l2" in self.columns):
            raise ImportFailed(f"指标表表头缺少“{'”“'.join(missing)}”列：请连同完整的表头一起复制。")
        if header.two_rows:
            self.guess("表头占两行，已按第二行的列名读取。", header.row, kind=G.HEADER_ROW)
        upto = max(header.row, 0)
        title = F.read_title(g, upto)
        fields, seal_unit = F.read_header_fields(g, upto, self.notes)
        kind = self._kind(title, fields, upto)
        form = Form(kind=kind, header=fields)
        self._year(form, title, upto)
        budget = F.read_budget(g, upto, kind, self.notes)
        form.budget = budget.budget if budget else Budget.for_kind(kind)
        goals_from = budget.header_row if budget else 0
        form.goals.planned, form.goals.achieved = F.read_goals(g, goals_from, upto)
        rows, end = self.read_rows(header.body)
        rows = [r for r in rows if any(r.cells.values())]
        if not any(r.has_points for r in rows):
            raise ImportFailed("没有找到任何带分值或得分的指标行：请确认复制的是绩效自评表的指标部分"
                               "（按“一级指标、权重、二级指标、三级指标、年度指标值、全年完成值、分值、得分、"
                               "偏差及原因分析”排列）。")
        form.root = self.build_tree(rows)
        closing = F.read_closing(g, end, self.remarks)
        self._signoff(form, closing)
        if not form.header.unit and seal_unit:
            form.header.unit = seal_unit
            self.guess(f"单位名称按“单位（盖章）”取“{seal_unit}”。", kind=G.UNIT)
        self._weights(form)
        if self.details:
            self.guess(f"{len(self.details)} 行“其中……”是上一行指标的明细（没有分值和得分），不计为指标。",
                       self.details[0], self.col("l3"), G.SKIPPED)
        for prow, children in self.parent_rows:
            if prow is None or not children:
                continue
            name = clean_name(prow.get("l3"))
            self.guess(f"“{name}”是编号父行，其分数是下面 {len(children)} 行之和，不重复计分。", prow.index,
                       self.col("l3"), G.SKIPPED)
            for key, total, label in (("max", sum((c.max_points or 0 for c in children), Decimal(0)), "分值"),
                                      ("score", sum((c.score or 0 for c in children), Decimal(0)), "得分")):
                printed = prow.number(key)
                if printed is not None and not F.same_as_printed(printed, total):
                    self.guess(f"表上印的“{name}”{label} {format(printed, 'f')}，按其下各行合计应为 {fmt2(total)}。",
                               prow.index, self.col(key), G.PRINTED)
        if self.placeholders:
            self.guess(f"忽略了 {len(self.placeholders)} 行模板占位行（“指标1”“……”或只有二级指标名称、没有指标的行）。",
                       self.placeholders[0], kind=G.SKIPPED)
        self._printed(form, budget, closing)
        if kind is FormKind.PROJECT and form.header.implementer:
            form.header.unit = form.header.implementer
        if not form.header.unit and kind is FormKind.DEPARTMENT:
            self.guess("没有找到单位名称，请在基本信息中补填。", kind=G.UNIT)
        if form.header.year is None:
            self.guess("没有找到年度，请在基本信息中补填。", kind=G.YEAR)
        return ReadResult(form, self.notes.items, g, header.row if header.row >= 0 else None,
                          list(self.placeholders))

    def _block_points(self, header: Header) -> list[tuple[int, int, str, Decimal]]:
        """Block weights printed beside the table: 绩效指标（90分）, 年度绩效目标（80分）."""
        g, found = self.g, []
        mapped = {c for cols in self.columns.values() for c in cols}
        for r in range(max(header.row, 0), min(header.body + 1, g.nrows)):
            for c in range(len(g.rows[r])):
                if c in mapped or not g.is_first(r, c):
                    continue
                name, pts = points_in_label(clean_name(F.cell(g, r, c)))
                if pts is not None and ("指标" in name or "目标" in name):
                    found.append((r, c, name, pts))
        return found

    def _column_meanings(self, header: Header) -> None:
        cols = self.columns
        # Sichuan: 权重 after the measures is each indicator's points (there is no 分值 column).
        if "max" not in cols and "weight" in cols:
            after = max((cols[k][0] for k in ("target", "actual", "l3") if k in cols), default=-1)
            if cols["weight"][0] > after:
                cols["max"] = cols.pop("weight")
                self.guess("指标表的“权重”列在完成值之后，是各指标的分值：按分值读取。", header.row,
                           cols["max"][0], G.HEADER_ROW)
        if "max" not in cols and "score" in cols:
            self.guess("指标表没有分值列：各指标分值留空，一级指标权重按表上所印读取。", header.row,
                       kind=G.HEADER_ROW)

    def _kind(self, title: F.Title, fields, upto: int) -> FormKind:
        if title.kind is not None:
            return title.kind
        project = bool(fields.project_name) or any(
            "项目资金" in F.row_joined(self.g, r) for r in range(upto))
        kind = FormKind.PROJECT if project else FormKind.DEPARTMENT
        why = "“项目名称/项目资金”" if project else "表格内容"
        self.guess(f"表中没有表名，按{why}判断为《{kind.title}》。", kind=G.KIND)
        return kind

    def _year(self, form: Form, title: F.Title, upto: int) -> None:
        if title.year is not None:
            form.header.year = title.year
            return
        year, r, text = F.read_year_loosely(self.g, upto)
        if year is not None:
            form.header.year = year
            self.guess(f"年度按“{text}”取 {year}。", r, kind=G.YEAR)

    # -- collecting the table's rows -----------------------------------------------------------
    def _values(self, r: int, shift: int) -> dict[str, str]:
        """Each column's text in row ``r`` (the first non-empty of its cells), the row read
        ``shift`` cells to the right; only the cells the columns name are looked at."""
        row = self.g.rows[r]
        out: dict[str, str] = {}
        for key, cols in self.columns.items():
            text = ""
            for c in cols:
                if 0 <= c - shift < len(row) and (text := F.cell(self.g, r, c - shift)):
                    break
            out[key] = text
        return out

    def _total_words(self, cells: list[str]) -> str | None:
        for c in cells:
            if not c:
                continue
            s = squash(c)
            if s in _TOTAL_WORDS or s in ("小计",) or (s.endswith("小计") and len(s) <= 12):
                return s
        return None

    def _more_points_after(self, row: int) -> bool:
        for r in range(row + 1, min(self.g.nrows, row + 40)):
            cells = [t for t in F.row_cells(self.g, r) if t]
            if sum(1 for t in cells if number(t) is not None) >= 2 and len(cells) >= 3:
                return True
        return False

    def _printed_numbers(self, r: int) -> tuple[Decimal | None, Decimal | None]:
        vals = self._values(r, 0)
        pmax, pscore = number(vals.get("max")), number(vals.get("score"))
        if pmax is None and pscore is None:
            nums = [number(t) for t in F.row_cells(self.g, r) if number(t) is not None]
            pmax = nums[0] if nums else None
            pscore = nums[1] if len(nums) > 1 else None
            if len(nums) == 1:
                pmax, pscore = None, nums[0]
        return pmax, pscore

    def read_rows(self, start: int) -> tuple[list[_Row], int]:
        """The body of the table, up to the 总分 row or the block below it; and where it ended."""
        g = self.g
        rows: list[_Row] = []
        page_shift = 0
        after_blank = False
        imax, iscore = self.col("max"), self.col("score")
        for i in range(start, g.nrows):
            raw = F.row_cells(g, i)
            if not any(raw):
                if self.paged:
                    after_blank = True
                    page_shift = 0
                continue
            if is_header_row(g, i):
                self.guess("这一行重复了表头，已跳过。", i, kind=G.SKIPPED)
                continue
            word = self._total_words(raw)
            if word is not None:
                pmax, pscore = self._printed_numbers(i)
                if word == "总分" or (word in _TOTAL_WORDS and not self._more_points_after(i)):
                    self.printed_total = _Printed(i, word, pmax, pscore)
                    self.total_grade = next(((i, c, t) for c, t in enumerate(raw) if c > 0 and t
                                             and number(t) is None and squash(t) != word and len(squash(t)) <= 3), None)
                    return rows, i + 1
                label = next((join_broken(t) for t in raw if t and squash(t) != word and number(t) is None), "")
                rows.append(_Row(i, {"subtotal": word, "label": label,
                                     "max": "" if pmax is None else str(pmax),
                                     "score": "" if pscore is None else str(pscore)}))
                continue
            if F.is_remark_row(raw):
                self.remarks.append(i)
                continue
            if F.is_closing_row(raw):
                return rows, i
            shift = 0
            if self.paged and imax >= 0 and iscore >= 0:
                shift = self._shift(raw, imax, iscore, page_shift)
                if shift and shift != page_shift:
                    lost = "、".join(("一级指标", "权重", "二级指标")[:shift])
                    self.guess(f"从这一行起缺少前{shift}列（{lost}），内容整体左移：已右移{shift}列读取。",
                               i, kind=G.SHIFT)
                    after_blank = True  # columns lost from here on mark a new page
                page_shift = shift
            rows.append(_Row(i, self._values(i, shift), after_blank, shift))
            after_blank = False
        return rows, g.nrows

    @staticmethod
    def _shift(raw: list[str], imax: int, iscore: int, page_shift: int) -> int:
        def numeric_at(k: int) -> bool:
            j = imax - k
            return 0 <= j < len(raw) and number(raw[j]) is not None

        if numeric_at(0):
            return 0
        for k in (2, 1, 3):
            if numeric_at(k) and (iscore - k >= len(raw) or not raw[iscore - k]
                                  or number(raw[iscore - k]) is not None):
                return k
        return page_shift

    # -- the tree ------------------------------------------------------------------------------
    def _measures(self, row: _Row) -> tuple[str, str]:
        target, actual = row.get("target"), row.get("actual")
        if "nature" in self.columns or "munit" in self.columns:
            unit = row.get("munit")
            target = combine_target(row.get("nature"), target, unit)
            actual = clean_measure(actual)
            if unit and number(actual) is not None:
                actual += squash(unit)
            return target, actual
        return clean_measure(target), clean_measure(actual)

    def _name(self, text: str, row: _Row, key: str) -> tuple[str, Decimal | None]:
        """A label without its numbering and the points written inside it."""
        name = clean_name(text)
        name, _ = strip_numbering(name)
        name, pts = points_in_label(name)
        if pts is not None:
            self.guess(f"“{name}”的分数写在名称里（{fmt_weight(pts)}分），已分开读取。", row.index, self.col(key),
                       G.LABEL_POINTS)
        return name, pts

    def _is_parent_row(self, rows: list[_Row], i: int, level_key: str) -> bool:
        """A row that repeats the sum of the rows under it (一、产出指标 | 50 | 48)."""
        row = rows[i]
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        if nxt is None or row.get("l3") or not row.has_points:
            return False
        if level_key == "l1":
            return not row.get("l2") and bool(nxt.get("l2") or nxt.get("l3")) and not nxt.get("l1")
        return bool(nxt.get("l3")) and not nxt.get("l2") and not nxt.get("l1")

    def build_tree(self, rows: list[_Row]) -> Node:
        tree = self.tree = _Tree()
        root = tree.root
        cur1: Node | None = None
        cur2: Node | None = None
        inferred: dict[str, int] = {}  # id of a 一级 created from its 二级 → row
        broken: list[str] = []
        i = 0
        while i < len(rows):
            row = rows[i]
            if "subtotal" in row.cells:
                node = None
                if row.get("label"):
                    node = tree.first_named(row.get("label"))
                self.subtotals.append(_Printed(row.index, row.get("subtotal"), row.number("max"),
                                               row.number("score"), node or cur1))
                i += 1
                continue
            l1_raw, l2_raw, l3_raw = row.get("l1"), row.get("l2"), row.get("l3")
            l1, l1_pts = self._name(l1_raw, row, "l1") if l1_raw else ("", None)
            l2, l2_pts = self._name(l2_raw, row, "l2") if l2_raw else ("", None)
            l3 = clean_name(l3_raw)
            for raw_name in (l2_raw, l3_raw):
                if raw_name and raw_name.strip() != clean_name(raw_name) and "\n" not in raw_name:
                    broken.append(f"第{row.index + 1}行“{raw_name.strip()}”→“{clean_name(raw_name)}”")
            if l3 and is_placeholder(l3) and not row.get("score") and not row.get("actual"):
                self.placeholders.append(row.index)
                l3 = ""
                row.cells.update({"l3": "", "max": "", "target": ""})
            elif l2 and not l3 and not any(row.get(k) for k in ("target", "actual", "max", "score", "reason")):
                self.placeholders.append(row.index)  # a 二级 of the template left without indicators
            weight_cell = row.get("weight")
            weight = number(weight_cell)
            if weight_cell and weight is None:
                self.guess(f"权重“{weight_cell}”不是数字，已留空。", row.index, self.col("weight"), G.VALUE)
            if weight is None:
                weight = l1_pts
            parent_of_l1 = l1 and self._is_parent_row(rows, i, "l1")
            if l1:
                if cur1 is not None and cur1.id in inferred and cur1.name == l1:
                    self.guess(f"一级指标“{l1}”写在其合并区域的中间（第{inferred.pop(cur1.id) + 1}行起属于它）。",
                               row.index, self.col("l1"), G.MERGED)
                    if weight is not None:
                        cur1.weight = weight
                elif cur1 is not None and cur1.name == l1:
                    if weight is not None and cur1.weight is None:
                        cur1.weight = weight
                else:
                    # A 一级 written again further down (效益指标 in two blocks) is the same one.
                    cur1 = tree.child_named(root, l1) or tree.append(root, Node(l1, weight=weight))
                    if weight is not None and cur1.weight is None:
                        cur1.weight = weight
                    cur2 = None
            elif weight is not None and cur1 is not None and cur1.weight is None:
                cur1.weight = weight
            if parent_of_l1:
                self.subtotals.append(_Printed(row.index, l1, row.number("max"), row.number("score"), cur1))
                i += 1
                continue

            if l2:
                parent_name = PARENT_OF.get(l2)
                # A page that starts inside a group whose points are still short of its weight:
                # its first rows may continue the previous 二级 across the break.
                if (row.page_start and not l1 and cur1 is not None and cur2 is not None
                        and parent_name and parent_name != cur1.name and cur1.weight is not None):
                    k = self._continuation(rows, i, node_max(cur1), cur1.weight)
                    if k:
                        names = "、".join(join_broken(r.get("l3")) for r in rows[i:i + k])
                        self.guess(f"跨页续接：{names} 属于上页的“{cur2.name}”（加上后“{cur1.name}”分值合计等于权重 "
                                   f"{fmt2(cur1.weight)}），“{l2}”从其后开始。", row.index, kind=G.STRUCTURE)
                        for r in rows[i:i + k]:
                            self._leaf(cur2, r)
                        rows[i + k].cells["l2"] = row.cells["l2"]
                        i += k
                        continue
                if parent_name and (cur1 is None or (cur1.name != parent_name and not l1)):
                    existing = tree.child_named(root, parent_name)
                    if existing is not None:
                        cur1 = existing
                    else:
                        cur1 = tree.append(root, Node(parent_name))
                        inferred[cur1.id] = row.index
                        self.guess(f"二级指标“{l2}”所在行没有一级指标，按指标体系归入“{parent_name}”。",
                                   row.index, self.col("l2"), G.STRUCTURE)
                    cur2 = None
                elif cur1 is None:
                    cur1 = tree.append(root, Node("（未命名一级指标）"))
                    self.guess(f"二级指标“{l2}”之前没有一级指标，已新建未命名的一级指标，请补填名称。",
                               row.index, self.col("l2"), G.STRUCTURE)
                if cur2 is None or cur2.name != l2 or cur2.parent is not cur1:
                    cur2 = tree.child_named(cur1, l2) or tree.append(cur1, Node(l2))
                if l2_pts is not None:
                    self.subtotals.append(_Printed(row.index, l2, l2_pts, None, cur2))
                if self._is_parent_row(rows, i, "l2"):
                    self.subtotals.append(_Printed(row.index, l2, row.number("max"), row.number("score"), cur2))
                    i += 1
                    continue

            if cur1 is None:
                cur1 = tree.append(root, Node("（未命名一级指标）"))
                self.guess("表格开头的行没有一级指标，已新建未命名的一级指标，请补填名称。", row.index,
                           kind=G.STRUCTURE)

            target, actual = self._measures(row)
            nxt = rows[i + 1] if i + 1 < len(rows) else None
            run_follows = nxt is not None and bool(nxt.get("l2")) and not nxt.get("l3") and nxt.has_points
            says_rule = re.match(r"^(根据|按照|依据)", l3) is not None
            # A run whose 二级 carry targets prints them beside the note, on its first row too.
            is_note = bool(l3) and bool(l2) and (
                (not target and not actual and (run_follows or says_rule))
                or (run_follows and says_rule))
            if is_note:
                cur1.note = l3
                self.guess(f"“{l3[:24]}”是合并在三级指标列的说明，“{cur1.name}”的二级指标直接计分。",
                           row.index, self.col("l3"), G.MERGED)
                l3 = ""
            if l3 and not row.has_points and l3.startswith("其中") and self.has_points_column:
                self.details.append(row.index)  # 其中… under a scored row: a detail, not an indicator
                l3 = ""
            elif l3 and _CHINESE_NUMBERED.match(l3) and row.has_points and self._numbered_children(rows, i):
                self.parent_rows.append((row, []))  # 一、… repeating the sum of its 1、2、… rows
                i += 1
                continue
            if l3:
                if cur2 is None:
                    cur2 = tree.append(cur1, Node("（未命名二级指标）"))
                    self.guess(f"三级指标“{l3}”没有所属二级指标，已新建未命名的二级指标，请补填名称。",
                               row.index, self.col("l3"), G.STRUCTURE)
                leaf = self._leaf(cur2, row, name=l3)
                if self.parent_rows and _ARABIC_NUMBERED.match(l3) and not l2 and not l1:
                    self.parent_rows[-1][1].append(leaf)
                elif self.parent_rows and self.parent_rows[-1][1] and self.parent_rows[-1][0] is not None:
                    self.parent_rows.append((None, []))  # the numbered run ended
            elif l2 and cur2 is not None and (row.has_points or target or actual):
                self._fill(cur2, row)
            elif not l1 and not l2 and not l3:
                self._continue_text(cur2 or cur1, row)
            i += 1
        if broken:
            self.guess("已合并被换行空格断开的名称：" + "；".join(broken), kind=G.MERGED)
        return root

    @staticmethod
    def _numbered_children(rows: list[_Row], i: int) -> bool:
        nxt = rows[i + 1] if i + 1 < len(rows) else None
        return nxt is not None and not nxt.get("l1") and not nxt.get("l2") \
            and bool(_ARABIC_NUMBERED.match(clean_name(nxt.get("l3"))))

    def _continuation(self, rows: list[_Row], start: int, have: Decimal, weight: Decimal) -> int:
        need = weight - have
        if need <= 0:
            return 0
        total = Decimal(0)
        for k, r in enumerate(rows[start:], start=1):
            if "subtotal" in r.cells or r.get("l1") or (k > 1 and r.get("l2")) or not r.get("l3") \
                    or r.number("max") is None:
                return 0
            total += r.number("max") or 0
            if total == need:
                return k if start + k < len(rows) else 0
            if total > need:
                return 0
        return 0

    def _leaf(self, parent: Node, row: _Row, name: str | None = None) -> Node:
        node = self.tree.append(parent, Node(name if name is not None else join_broken(row.get("l3"))))
        self._fill(node, row)
        return node

    def _fill(self, node: Node, row: _Row) -> None:
        node.target, node.actual = self._measures(row)
        node.reason = join_broken(row.get("reason"))
        for key, attr, label in (("max", "max_points", "分值"), ("score", "score", "得分")):
            text = row.get(key)
            value = number(text)
            if text and value is None:
                self.guess(f"{label}“{text}”不是数字，已留空，请补填。", row.index, self.col(key), G.VALUE)
            setattr(node, attr, value)

    def _continue_text(self, node: Node | None, row: _Row) -> None:
        """A row with text but no labels: the rest of a cell that wrapped onto a new line."""
        text = " ".join(v for k, v in row.cells.items() if v)
        if node is None or not text:
            return
        reason = row.get("reason")
        if reason and node.children:
            last = node.children[-1]
            last.reason = (last.reason + reason).strip()
            self.guess(f"这一行只有偏差说明，已接在“{last.name}”的说明之后。", row.index, self.col("reason"),
                       G.MERGED)
        else:
            self.guess(f"这一行无法归入任何指标，已忽略：“{text[:30]}”。", row.index, kind=G.SKIPPED)

    # -- after the tree ------------------------------------------------------------------------
    def _signoff(self, form: Form, closing: F.Closing) -> None:
        if closing.fields or closing.seal:
            fields = [SignField(label, value) for label, value in closing.fields]
            form.signoff = SignOff(fields=fields or SignOff().fields,
                                   seal_label=closing.seal or form.signoff.seal_label)
        if closing.seal_value and not form.header.unit:
            form.header.unit = closing.seal_value
            self.guess(f"单位名称按“{closing.seal}”取“{closing.seal_value}”。", kind=G.UNIT)

    def _split_block_weights(self, form: Form) -> None:
        """No 分值 column: each 一级's printed weight shared equally among its indicators (a guess)."""
        for section in form.sections:
            leaves = list(section.scored_leaves()) or [n for n in section.walk() if n.level == 3]
            if section.weight is None or not leaves or any(n.max_points is not None for n in leaves):
                continue
            share = q2(section.weight / len(leaves))
            for n in leaves:
                n.max_points = share
            leaves[-1].max_points = section.weight - share * (len(leaves) - 1)
            self.guess(f"表中没有分值列：“{section.name}”的权重 {fmt_weight(section.weight)} 平均分给其 {len(leaves)} 个指标"
                       f"（各 {fmt2(share)} 分），请按原表核对。", kind=G.STRUCTURE)

    def _weights(self, form: Form) -> None:
        if "max" not in self.columns:
            self._split_block_weights(form)
        no_column = "weight" not in self.columns
        filled = []
        for section in form.sections:
            if section.weight is None and section.children:
                section.weight = node_max(section)
                filled.append(section)
        if not filled or form.kind is FormKind.PROJECT:
            return
        if no_column:
            names = "、".join(f"“{s.name}”" for s in filled)
            self.guess(f"表中没有权重列：一级指标{names}的权重按其分值合计取。", kind=G.STRUCTURE)
            return
        for s in filled:
            self.guess(f"一级指标“{s.name}”没有印出权重，已按其分值合计取 {fmt2(s.weight)}。", kind=G.STRUCTURE)

    def _printed_total_score(self, form: Form, t: _Printed, budget: F.BudgetRead | None, total: Decimal) -> None:
        """The printed 总分 against the sum of what the rows print, and against the computed total."""
        printed_budget = budget.printed_score[2] if budget is not None and budget.printed_score else None
        computed_budget = budget_score(form.budget, form.settings)
        parts = total
        if printed_budget is not None and computed_budget is not None:
            parts = total - computed_budget + printed_budget
        if F.same_as_printed(t.score, parts) and F.same_as_printed(t.score, total):
            return
        if parts != total:
            self.guess(f"表中印的总分为 {fmt2(t.score)}，按表上各项得分合计（预算执行按印的 {format(printed_budget, 'f')} 分）"
                       f"应为 {fmt2(parts)}；按计算的预算执行得分 {fmt2(computed_budget)} 计为 {fmt2(total)}：以计算值为准。",
                       t.row, self.col("score"), G.PRINTED)
        else:
            self.guess(f"表中印的总分为 {fmt2(t.score)}，按各项得分合计应为 {fmt2(total)}：以计算值为准。",
                       t.row, self.col("score"), G.PRINTED)

    def _printed(self, form: Form, budget: F.BudgetRead | None, closing: F.Closing) -> None:
        """Every printed figure the program also computes, compared with the computed one."""
        totals = compute(form)
        t = self.printed_total
        if t is not None:
            if t.score is not None:
                self._printed_total_score(form, t, budget, totals.total_score)
            if t.max is not None and not F.same_as_printed(t.max, totals.total_max):
                self.guess(f"表中印的分值合计为 {fmt2(t.max)}，按各项分值合计应为 {fmt2(totals.total_max)}：以计算值为准。",
                           t.row, self.col("max"), G.PRINTED)
        sums: dict[int, tuple[Decimal, Decimal]] = {}  # a node's sums once, however many rows print them
        for s in self.subtotals:
            node = s.node
            if node is None or node.parent is None:
                continue
            if id(node) not in sums:
                sums[id(node)] = (node_max(node), node_score(node))
            has_max, has_score = sums[id(node)]
            if s.max is not None and s.max != has_max and has_max != 0:
                self.guess(f"表上印的“{node.name}”分值小计 {fmt2(s.max)}，按各项分值合计应为 {fmt2(has_max)}。",
                           s.row, self.col("max"), G.PRINTED)
            if s.score is not None and s.score != has_score:
                self.guess(f"表上印的“{node.name}”得分小计 {fmt2(s.score)}，按各项得分合计应为 {fmt2(has_score)}。",
                           s.row, self.col("score"), G.PRINTED)
        points = form.budget.points
        if budget is not None and points is not None:
            for row, r, c, printed in budget.row_scores:
                if row.rate is None:
                    continue
                should = q2(min(row.rate, Decimal(100)) / Decimal(100) * points)
                if not F.same_as_printed(printed, should):
                    self.guess(f"表上印的{row.label}预算执行得分 {format(printed, 'f')}，按执行率 {fmt2(row.rate)}% × 分值 "
                               f"{fmt_weight(points)} 应为 {fmt2(should)}：以计算值为准。", r, c, G.PRINTED)
        have = sum((s.weight if s.weight is not None else node_max(s) for s in form.sections), Decimal(0))
        for r, c, name, pts in self.block_points:
            if have and pts != have:
                self.guess(f"表上印的“{name}”{fmt_weight(pts)}分，其下各一级指标合计应为 {fmt_weight(have)}。", r, c,
                           G.PRINTED)
        if closing.printed_score is not None:
            r, c, printed = closing.printed_score
            if printed != totals.total_score:
                self.guess(f"表上印的自评得分 {fmt2(printed)}，按各项得分合计应为 {fmt2(totals.total_score)}。",
                           r, c, G.PRINTED)
        grade = closing.printed_grade or self.total_grade
        if grade is not None:
            r, c, printed = grade
            if squash(printed) != totals.grade and squash(printed) in {b.label for b in form.settings.grade_bands} | {
                    form.settings.lowest_grade}:
                self.guess(f"表上印的自评等级“{printed}”，按总分 {fmt2(totals.total_score)} 应为“{totals.grade}”。",
                           r, c, G.PRINTED)


# -- choosing and joining grids ------------------------------------------------------------------
_FLOWING = ("text", "pdf", "docx", "html")


def join_grids(grids: list[Grid]) -> Grid:
    """Tables of one document in order, as one grid; a page or table break is a blank row."""
    rows: list[list[str]] = []
    merges: list[Merge] = []
    for k, g in enumerate(grids):
        if k and g.source in _PAGED_SOURCES:
            rows.append([])
        base = len(rows)
        rows.extend(list(r) for r in g.rows)
        merges.extend(Merge(m.top + base, m.left, m.bottom + base, m.right) for m in g.merges)
    first = grids[0]
    return Grid(rows, merges, first.source, first.name)


def _has_title(g: Grid) -> bool:
    return any("自评表" in F.row_joined(g, r) for r in range(min(g.nrows, 6)))


def choose_grid(grids: list[Grid]) -> Grid:
    """The grid that holds the form: a sheet of its own, or a document's tables joined."""
    if not grids:
        raise ImportFailed("文件中没有表格：请确认选对了文件。")
    if len(grids) == 1:
        return grids[0]  # the recogniser looks for its header; no need to look twice
    # The first grid with the indicator header, else the first grid.
    at = next((i for i, g in enumerate(grids) if find_header(g) is not None), 0)
    if grids[0].source not in _FLOWING:
        return grids[at]
    # A flowing document: the tables before the indicator header (title, budget) and those
    # after it up to the next form's title belong together.
    start = at
    while start > 0 and not _has_title(grids[start]):
        start -= 1
    end = at + 1
    while end < len(grids) and not _has_title(grids[end]):
        end += 1
    return join_grids(grids[start:end])


def recognise(grids: list[Grid]) -> ReadResult:
    """The form in these grids and what was guessed; ``ImportFailed`` (Chinese) if none."""
    return Recogniser(choose_grid(grids)).read()


__all__ = ["Guess", "ReadResult", "Recogniser", "recognise", "find_header", "choose_grid"]
