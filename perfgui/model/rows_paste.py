"""Rows of indicators pasted from a spreadsheet in any column order, read by their content.

Staff copy a few rows out of their own Excel sheets: name / target / actual / 分值 / 得分 /
reason, often without a header, sometimes with a blank 权重 column or one of their own. The
official nine-column table (一级 … 偏差及原因分析) has its own reader; this module is for the
rest. Each column is recognised by what its cells hold, or by its header when the first row
is one:

- 年度指标值: cells starting with a comparator (≥95%, <=5%, =100.00(%));
- 全年完成值: a number with a unit (15座, 96%) or an outcome word (达成指标, 及时);
- 分值 and 得分: plain numbers; of two such columns 得分 is the one never above the other;
- 指标名称: the first column of text; 偏差及原因分析: text after the numbers.

Every row becomes one indicator at a single level: where it goes is the caller's business.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from .form import Node
from .form_bounds import describe_problems
from .numbers import bound_problem, parse_decimal
from .scoring import parse_measure, qualitative_outcome

NAME, TARGET, ACTUAL, MAX, SCORE, REASON = "name", "target", "actual", "max_points", "score", "reason"
FIELDS = (NAME, TARGET, ACTUAL, MAX, SCORE, REASON)
LABELS = {NAME: "指标名称", TARGET: "年度指标值", ACTUAL: "全年完成值", MAX: "分值", SCORE: "得分",
          REASON: "偏差及原因分析"}

# Header words of each field (a cell is a header when it holds one of these, and nothing numeric).
_HEADER_WORDS = {
    NAME: ("三级指标", "二级指标", "指标名称", "绩效指标", "指标"),
    TARGET: ("年度指标值", "指标值", "目标值", "年度目标", "目标"),
    ACTUAL: ("全年完成值", "完成值", "实际完成", "完成情况", "实际值", "完成", "实际"),
    MAX: ("分值", "满分", "标准分", "权重分"),
    SCORE: ("得分", "自评得分", "评分"),
    REASON: ("偏差及原因分析", "偏差原因", "原因分析", "扣分原因", "原因", "说明", "备注"),
}
_COMPARATOR = re.compile(r"^\s*(?:≥|≤|>=|<=|＞=|＜=|>|<|＞|＜|=|＝|大于|小于|不低于|不高于|不少于|不超过|达到)")
_CJK = re.compile(r"[\u3400-\u9fff]")
# How indicator names end (完成率, 满意度, 及时性 …).
_NAME_ENDINGS = ("率", "度", "性", "量", "数", "额", "次数", "情况", "水平", "效益", "效果")
# Cells of an official table's level columns: such text goes to the official reader.
OFFICIAL_HEADER = re.compile(r"一级指标|二级指标")


class RowsPasteError(ValueError):
    """Nothing could be read as indicator rows (the message says what to fix, in Chinese)."""


@dataclass
class PastedRows:
    """Indicators read from pasted rows, and how the columns were recognised."""

    nodes: list[Node]
    columns: dict[str, int]  # field → column number (0-based) in the pasted text
    header: bool  # the first row was a header
    notes: list[str] = field(default_factory=list)

    def column_note(self) -> str:
        """"第1列 指标名称、第2列 年度指标值 …" for the dialog and the status bar."""
        parts = [f"第{col + 1}列 {LABELS[f]}" for f, col in sorted(self.columns.items(), key=lambda x: x[1])]
        return "、".join(parts)


def split_cells(text: str) -> list[list[str]]:
    """Tab-separated rows as Excel/WPS copy them (quoted cells may hold tabs and line breaks)."""
    rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter="\t")]
    rows = [r for r in rows if any(r)]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def is_official_layout(rows: list[list[str]]) -> bool:
    """The official nine columns (一级, 权重, 二级, 三级, …): a header naming the levels, or nine
    columns with the name in the fourth."""
    if not rows:
        return False
    first = rows[0]
    if any(OFFICIAL_HEADER.search(c) for c in first) and not any(parse_decimal(c) is not None for c in first):
        return True
    return len(first) >= 9 and all(not r[0] and not r[2] and r[3] for r in rows)


def _header_field(cell: str) -> str | None:
    s = re.sub(r"\s+", "", cell)
    if not s or parse_decimal(s) is not None:
        return None
    for fld, words in _HEADER_WORDS.items():
        if any(s == w or s.startswith(w) for w in words):
            return fld
    return None


def _header_map(first: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for col, cell in enumerate(first):
        fld = _header_field(cell)
        if fld is not None and fld not in found:
            found[fld] = col
    # A header names the indicator and at least one figure; a lone "目标" in a data row does not.
    return found if NAME in found and (MAX in found or SCORE in found or TARGET in found) else None


def _kind(cell: str) -> str:
    """"empty", "number", "target", "measure" or "text" for one cell."""
    if not cell:
        return "empty"
    if parse_decimal(cell) is not None:
        return "number"
    if _COMPARATOR.match(cell):
        return "target"
    if cell.endswith(_NAME_ENDINGS) and len(cell) > 3:
        return "text"  # 电梯加装完成率, 居民满意度: a name, though it holds 完成 or 满意
    m = parse_measure(cell)
    if m.is_numeric and (m.unit or len(cell) <= 12):
        return "measure"
    if qualitative_outcome(cell) is not None and len(cell) <= 8:
        return "measure"
    if len(cell) <= 4 and not _CJK.search(cell.replace("及时", "").replace("规范", "")):
        return "measure"
    return "text"


def _column_kinds(rows: list[list[str]]) -> list[str]:
    kinds: list[str] = []
    for col in range(len(rows[0])):
        cells = [_kind(r[col]) for r in rows]
        filled = [k for k in cells if k != "empty"]
        if not filled:
            kinds.append("empty")
            continue
        counts = {k: filled.count(k) for k in set(filled)}
        if counts.get("number", 0) == len(filled):
            kinds.append("number")
        elif counts.get("target", 0) * 2 >= len(filled):
            kinds.append("target")
        elif counts.get("measure", 0) + counts.get("target", 0) + counts.get("number", 0) >= len(filled) * 0.6:
            kinds.append("measure")
        else:
            kinds.append("text")
    return kinds


def _content_map(rows: list[list[str]]) -> dict[str, int]:
    kinds = _column_kinds(rows)
    found: dict[str, int] = {}
    numbers = [c for c, k in enumerate(kinds) if k == "number"]
    texts = [c for c, k in enumerate(kinds) if k == "text"]
    if texts:
        found[NAME] = texts[0]
    name_col = found.get(NAME, -1)
    # 分值 and 得分: the last two number columns after the name (a 权重 or 序号 before them is left out).
    after = [c for c in numbers if c > name_col] or numbers
    if len(after) >= 2:
        a, b = after[-2], after[-1]
        va = [parse_decimal(r[a]) for r in rows]
        vb = [parse_decimal(r[b]) for r in rows]
        if all(x is None or y is None or y <= x for x, y in zip(va, vb)):
            found[MAX], found[SCORE] = a, b
        else:
            found[MAX], found[SCORE] = b, a
    elif after:
        found[MAX] = after[0]
    measures = [c for c, k in enumerate(kinds) if k in ("target", "measure") and c > name_col]
    targets = [c for c in measures if kinds[c] == "target"]
    if targets:
        found[TARGET] = targets[0]
        rest = [c for c in measures if c != targets[0]]
        after_target = [c for c in rest if c > targets[0]]
        if after_target or rest:
            found[ACTUAL] = (after_target or rest)[0]
    elif len(measures) >= 2:
        found[TARGET], found[ACTUAL] = measures[0], measures[1]
    elif measures:
        found[ACTUAL] = measures[0]
    last_figure = max([found[f] for f in (MAX, SCORE, TARGET, ACTUAL) if f in found], default=name_col)
    reasons = [c for c in texts if c > last_figure and c != name_col]
    if reasons:
        found[REASON] = reasons[0]
    return found


def read_rows(text: str) -> PastedRows:
    """Indicators from pasted rows in any column order; raises ``RowsPasteError`` (Chinese).

    A 分值 or 得分 outside ``numbers.BOUNDS`` refuses the whole paste, naming its row: a figure
    left out quietly would be lost, one let in would make every later save fail.
    """
    rows = split_cells(text)
    if not rows:
        raise RowsPasteError("粘贴的内容是空的：请从 Excel/WPS 复制指标行。")
    columns = _header_map(rows[0])
    header = columns is not None
    body = rows[1:] if header else rows
    if not body:
        raise RowsPasteError("粘贴的内容只有表头，没有指标行。")
    if columns is None:
        columns = _content_map(body)
    if NAME not in columns:
        raise RowsPasteError("没有找到指标名称列：请连同指标名称一起复制。")
    if MAX not in columns and SCORE not in columns:
        raise RowsPasteError("没有找到分值列：请连同分值、得分一起复制，或在第一行加上表头（指标名称、分值、得分）。")
    nodes: list[Node] = []
    notes: list[str] = []
    out_of_bounds: list[str] = []  # refused, not left empty: a figure silently dropped is lost
    for number, row in enumerate(body, start=2 if header else 1):
        cells = {f: row[c] if c < len(row) else "" for f, c in columns.items()}
        name = re.sub(r"\s+", " ", cells.get(NAME, "")).strip()
        if not name:
            notes.append(f"第{number}行没有指标名称，已跳过。")
            continue
        node = Node(name)
        node.target = cells.get(TARGET, "")
        node.actual = cells.get(ACTUAL, "")
        node.reason = cells.get(REASON, "")
        for fld in (MAX, SCORE):
            raw = cells.get(fld, "")
            value = parse_decimal(raw) if raw else None
            if raw and value is None:
                notes.append(f"第{number}行“{name}”的{LABELS[fld]}“{raw}”不是数字，已留空。")
            elif problem := bound_problem("points", value, f"第{number}行“{name}”的{LABELS[fld]}"):
                out_of_bounds.append(problem)
            setattr(node, fld, value)
        if node.score is not None and node.max_points is not None and node.score > node.max_points:
            notes.append(f"第{number}行“{name}”的得分 {node.score} 超过分值 {node.max_points}，得分已留空。")
            node.score = None
        if node.score is not None and node.max_points is None:
            notes.append(f"第{number}行“{name}”有得分没有分值，得分已留空。")
            node.score = None
        nodes.append(node)
    if out_of_bounds:
        raise RowsPasteError(f"{describe_problems(out_of_bounds)}：请改正后再粘贴，表单未改动。")
    if not nodes:
        raise RowsPasteError("粘贴的行里没有指标名称：请连同指标名称一起复制。")
    return PastedRows(nodes, columns, header, notes)


def total_points(nodes: list[Node]) -> tuple[Decimal, Decimal]:
    """(Σ分值, Σ得分) of pasted rows, for the dialog's last line."""
    zero = Decimal(0)
    return (sum((n.max_points or zero for n in nodes), zero), sum((n.score or zero for n in nodes), zero))
