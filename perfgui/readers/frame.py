"""The parts of a form around its indicator table, read by their labels from any grid.

Above the table: the title (which gives the kind and the year), the labelled header fields
(单位名称, 部门（单位）名称, 项目名称, 主管部门, 实施单位 …), the budget block in any of its
layouts (整体支出规模, 项目资金, 预算执行情况) and the year's goals. Below it: the sign-off lines,
the printed 自评得分/自评等级 and the text blocks that are not indicators (评价结论, 存在问题 …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..model.form import DEPARTMENT_BUDGET_ROWS, PROJECT_BUDGET_ROWS, Budget, BudgetRow, FormKind, Header
from ..model.numbers import fmt2
from . import guesses as G
from .cells import amount, clean_name, join_broken, number, percent, points_in_label, squash
from .grid import Grid
from .guesses import Notes

YEAR_RANGE = range(2000, 2101)


_PADDING = " \u3000\t"  # the spaces a layout pads cells with


def cell(g: Grid, r: int, c: int) -> str:
    """The text stored at (r, c), without the spaces a layout pads with."""
    return g.raw(r, c).strip(_PADDING)


def row_cells(g: Grid, r: int) -> list[str]:
    """``cell`` of every column of row ``r`` (asked of most rows several times: no call per cell)."""
    return [text.strip(_PADDING) for text in g.rows[r]] if 0 <= r < len(g.rows) else []


def row_joined(g: Grid, r: int) -> str:
    return squash("".join(row_cells(g, r)))


def _ascii_brackets(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("：", ":")


# -- title, kind, year -------------------------------------------------------------------------
@dataclass
class Title:
    text: str = ""
    row: int = -1
    kind: FormKind | None = None
    year: int | None = None
    year_row: int = -1


_FIELD_LABELS = (
    # label → header attribute; the unit of a department is named in several ways.
    ("部门（单位）名称", "unit"), ("部门(单位)名称", "unit"), ("单位名称", "unit"), ("部门名称", "unit"),
    ("填报单位", "unit"), ("预算单位", "unit"), ("单位（盖章）", "seal"), ("单位(盖章)", "seal"),
    ("部门", "unit"), ("项目名称", "project_name"), ("主管部门", "department"),
    ("主管部门及代码", "department"), ("实施单位", "implementer"),
)
_LABEL_RE = re.compile(
    r"^(?P<label>" + "|".join(re.escape(lb) for lb, _ in sorted(_FIELD_LABELS, key=lambda x: -len(x[0])))
    + r")(?:[:：](?P<rest>.*))?$", re.S)


_SEAL_SUFFIX = re.compile(r"[（(]盖章[）)]")


def _field_label(text: str) -> tuple[str, str] | None:
    s = squash(text)
    sealed = _SEAL_SUFFIX.search(s)
    if sealed and s[:sealed.start()] in ("实施单位", "单位名称", "部门名称", "项目单位"):
        s = s[:sealed.start()] + s[sealed.end():]  # 实施单位（盖章）: the unit that stamps it
    m = _LABEL_RE.match(s)
    if not m:
        return None
    attr = dict(_FIELD_LABELS)[m.group("label")]
    return attr, (m.group("rest") or "")


def read_title(g: Grid, upto: int) -> Title:
    """The title row (《…自评表》) and the year printed with it."""
    t = Title()
    for r in range(min(upto, g.nrows)):
        cells = row_cells(g, r)
        if any(_field_label(c) for c in cells if c):
            continue  # 项目名称 | …自评表 is a project's name, not the title
        joined = squash("".join(cells))
        if t.row < 0 and "自评表" in joined and len(joined) <= 60:
            t.text, t.row = joined, r
            if "整体" in joined or "部门（单位）" in joined or "部门(单位)" in joined:
                t.kind = FormKind.DEPARTMENT
            elif "项目" in joined:
                t.kind = FormKind.PROJECT
            else:
                t.kind = FormKind.DEPARTMENT if "部门" in joined else None
        m = re.search(r"(\d{4})\s*年度", joined)
        if m and t.year is None and int(m.group(1)) in YEAR_RANGE and (t.row < 0 or r <= t.row + 2):
            t.year, t.year_row = int(m.group(1)), r
    return t


def read_header_fields(g: Grid, upto: int, notes: Notes) -> tuple[Header, str]:
    """The labelled fields above the table; also returns a unit named only by 单位（盖章）."""
    h = Header()
    seal = ""
    for r in range(min(upto, g.nrows)):
        cells = row_cells(g, r)
        for j, c in enumerate(cells):
            if not c:
                continue
            found = _field_label(c)
            if found is None:
                continue
            attr, value = found
            if not value:
                value = next((x for x in cells[j + 1:] if x and _field_label(x) is None), "")
                if value and _field_label(value) is not None:
                    value = ""
            value = join_broken(value)
            if not value or number(value) is not None:
                continue
            if attr == "seal":
                seal = seal or value
            elif not getattr(h, attr):
                setattr(h, attr, value)
    return h, seal


def read_year_loosely(g: Grid, upto: int) -> tuple[int | None, int, str]:
    """A year printed without 年度 (“2023年部门整体…”), for a guess."""
    for r in range(min(upto, g.nrows)):
        m = re.search(r"(\d{4})\s*年", row_joined(g, r))
        if m and int(m.group(1)) in YEAR_RANGE:
            return int(m.group(1)), r, m.group(0)
    return None, -1, ""


# -- the budget block ----------------------------------------------------------------------------
_BUDGET_LABELS = (
    ("rate", ("执行率", "预算执行率")),
    ("actual", ("全年执行数", "预算执行数", "实际执行数", "执行数", "实际支出数", "全年实际支出", "执行(B)")),
    ("initial", ("年初预算数", "年初预算", "年初(A)", "年初数")),
    ("planned", ("全年预算数", "调整后预算数", "调整后预算", "预算数", "全年预算")),
    ("points", ("分值", "权重")),
    ("score", ("得分",)),
    ("reason", ("原因", "偏差原因", "未完成原因")),
)
_COLUMN_NAME = {"initial": "年初预算数", "planned": "全年预算数", "actual": "全年执行数"}
_EXTRA_PROJECT_ROWS = {"special": "财政专户管理资金", "unit_funds": "单位资金"}


_BUDGET_PREFIXES = tuple((key, tuple(_ascii_brackets(lb) for lb in labels)) for key, labels in _BUDGET_LABELS)


def _budget_columns(g: Grid, r: int) -> dict[str, int]:
    found: dict[str, int] = {}
    for c in range(len(g.rows[r])):
        if not g.is_first(r, c):
            continue
        t = _ascii_brackets(squash(cell(g, r, c)))
        if not t:
            continue
        for key, prefixes in _BUDGET_PREFIXES:
            if t.startswith(prefixes):
                if key not in found:
                    found[key] = c
                break
    return found


def _department_key(label: str) -> str | None:
    for key, name in (("source_fiscal", "财政拨款"), ("source_other", "其他资金"),
                      ("struct_basic", "基本支出"), ("struct_project", "项目支出")):
        if label.endswith(name):
            return key
    return None


def _project_key(label: str) -> str | None:
    if any(k in label for k in ("资金总额", "总额", "合计", "总计")):
        return "total"
    if "财政专户" in label:
        return "special"
    if "上年结转" in label:
        return "carryover"
    if any(k in label for k in ("财政拨款", "财政资金", "当年财政")):
        return "fiscal"
    if "单位资金" in label or "单位自有" in label:
        return "unit_funds"
    if "其他资金" in label or label.endswith("其他"):
        return "other"
    return None


@dataclass
class BudgetRead:
    budget: Budget
    header_row: int
    printed_score: tuple[int, int, Decimal] | None = None  # row, col, value (the first printed)
    row_scores: list[tuple[BudgetRow, int, int, Decimal]] = field(default_factory=list)
    rows_read: list[int] = field(default_factory=list)


def _money_unit(g: Grid, head: int, rows: list[int], first_col: int, kind: FormKind,
                typed: set[str], notes: Notes) -> str:
    texts = [cell(g, head, c) for c in range(len(g.rows[head]))]
    if head > 0:
        texts += row_cells(g, head - 1)
    for r in rows:
        texts += [cell(g, r, c) for c in range(min(first_col, len(g.rows[r])))]
    area = squash("".join(texts))
    if "万元" in area:
        return "万元"
    if re.search(r"[（(]元[）)]|单位[：:]元|金额单位[：:]元", area):
        return "元"
    if typed:
        unit = "万元" if "万元" in typed else "元"
        notes.add(f"预算表没有注明金额单位，金额带有“{unit}”字样，按{unit}读取。", head, kind=G.MONEY_UNIT)
        return unit
    unit = Budget.for_kind(kind).unit
    notes.add(f"预算表没有注明金额单位，按{unit}读取。", head, kind=G.MONEY_UNIT)
    return unit


def read_budget(g: Grid, upto: int, kind: FormKind, notes: Notes) -> BudgetRead | None:
    """The budget block above the indicator table, in the layout it was printed in."""
    head = None
    cols: dict[str, int] = {}
    for r in range(min(upto, g.nrows)):
        found = _budget_columns(g, r)
        if "actual" in found and ("planned" in found or "initial" in found):
            head, cols = r, found
            break
    if head is None:
        return None
    if "planned" not in cols:
        # 年初(A) | 执行(B) only: the rate is B / A.
        cols["planned"] = cols.pop("initial")
    first_col = min(cols.values())
    block_rows: list[tuple[int, str]] = []
    for r in range(head + 1, min(upto, g.nrows)):
        cells = row_cells(g, r)
        if not any(cells):
            continue
        label = squash("".join(c for j, c in enumerate(cells) if j < first_col and c and number(c) is None))
        if "目标" in label or "绩效指标" in label or "一级指标" in label:
            break
        if _budget_columns(g, r).keys() >= {"actual"}:
            break
        if label:
            block_rows.append((r, label))
    if not block_rows:
        return None
    labels = "".join(lb for _, lb in block_rows)
    department_scheme = any(k in labels for k in ("资金来源", "资金结构", "基本支出"))
    typed: set[str] = set()
    for r, _ in block_rows:
        for key in ("initial", "planned", "actual"):
            if key in cols:
                typed.add(amount(cell(g, r, cols[key]), "元")[1])
    typed.discard("")
    unit = _money_unit(g, head, [r for r, _ in block_rows], first_col, kind, typed, notes)
    if department_scheme:
        rows = [BudgetRow(k, lb, grp) for k, lb, grp in DEPARTMENT_BUDGET_ROWS]
    else:
        rows = [BudgetRow(k, lb, grp) for k, lb, grp in PROJECT_BUDGET_ROWS]
    budget = Budget(unit=unit, rows=rows)
    result = BudgetRead(budget, head)
    printed_rates: list[tuple[BudgetRow, int, int, Decimal]] = []
    label_points = None
    for c in range(len(g.rows[head])):
        text = clean_name(cell(g, head, c))
        _, pts = points_in_label(text)
        if pts is not None and label_points is None and "指标" not in text and "得分" not in text:
            label_points = pts
    if head > 0 and label_points is None:
        for c in range(len(g.rows[head - 1])):
            text = clean_name(cell(g, head - 1, c))
            _, pts = points_in_label(text)
            if pts is not None and "预算" in text:
                label_points = pts
    points_value = None
    for r, label in block_rows:
        key = _department_key(label) if department_scheme else _project_key(label)
        if key is None:
            _, pts = points_in_label(label)
            if pts is not None and label_points is None:
                label_points = pts
            continue
        row = budget.row(key)
        if row is None:
            row = BudgetRow(key, _EXTRA_PROJECT_ROWS.get(key, label), "其中")
            budget.rows.append(row)
        result.rows_read.append(r)
        for attr in ("initial", "planned", "actual"):
            if attr not in cols:
                continue
            text = cell(g, r, cols[attr])
            value, _ = amount(text, unit)
            if text and value is None and not re.fullmatch(r"[—\-–/]*", squash(text)):
                notes.add(f"{row.label}的{_COLUMN_NAME[attr]}“{text}”不是数字，已留空。", r, cols[attr], G.VALUE)
            setattr(row, attr, value)
        if "points" in cols:
            pts = number(cell(g, r, cols["points"]))
            if pts is not None and points_value is None:
                points_value = pts
        if "rate" in cols:
            p = percent(cell(g, r, cols["rate"]))
            if p is not None:
                printed_rates.append((row, r, cols["rate"], p))
        if "score" in cols:
            s = number(cell(g, r, cols["score"]))
            if s is not None:
                result.row_scores.append((row, r, cols["score"], s))
                if result.printed_score is None:
                    result.printed_score = (r, cols["score"], s)
    if not result.rows_read:
        return None
    if not department_scheme:
        _fill_total(budget, block_rows, notes)
    if points_value is not None or label_points is not None:
        budget.points = points_value if points_value is not None else label_points
    for row, r, c, printed in printed_rates:
        if row.rate is not None and not same_as_printed(printed, row.rate):
            notes.add(f"表上印的{row.label}执行率 {format(printed, 'f')}%，按执行数/预算数应为 {fmt2(row.rate)}%：以计算值为准。",
                      r, c, G.PRINTED)
    return result


def same_as_printed(printed: Decimal, computed: Decimal) -> bool:
    """Whether a figure printed with fewer decimals (``99%``) is the computed one (99.10) as printed."""
    places = max(0, -printed.as_tuple().exponent)
    return computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) == printed


def _fill_total(budget: Budget, block_rows: list[tuple[int, str]], notes: Notes) -> None:
    """A 年度资金总额 printed as 0 (a broken formula) or left blank over filled parts."""
    total = budget.row("total")
    if total is None:
        return
    parts = [r for r in budget.rows if r.group == "其中"]
    total_row = next((r for r, lb in block_rows if _project_key(lb) == "total"), -1)
    zero: list[tuple[str, Decimal]] = []
    blank: list[tuple[str, Decimal]] = []
    for attr in ("initial", "planned", "actual"):
        values = [getattr(p, attr) for p in parts if getattr(p, attr) is not None]
        if not values:
            continue
        s = sum(values, Decimal(0))
        have = getattr(total, attr)
        if s != 0 and (have is None or have == 0):
            setattr(total, attr, s)
            (zero if have == 0 else blank).append((_COLUMN_NAME[attr], s))
    for found, printed, kind in ((zero, "印为 0", G.PRINTED), (blank, "没有填写", G.NOTE)):
        if found:
            names = "、".join(n for n, _ in found)
            sums = " / ".join(format(s, "f") for _, s in found)
            notes.add(f"年度资金总额的{names}{printed}，按其中各项合计应为 {sums} {budget.unit}：已按合计读取。",
                      total_row, kind=kind)


# -- the year's goals ----------------------------------------------------------------------------
_PLANNED_LABELS = ("年初设定目标", "预期目标", "年度目标", "年初目标", "项目年度目标", "年度绩效目标")
_ACHIEVED_LABELS = ("全年完成情况", "实际完成情况", "全年实际完成情况", "完成情况", "年度目标完成情况",
                    "年度总体目标完成情况综述", "年度总体目标完成情况", "目标完成情况")
_GOALS_ROW = "年度总体目标"


def _join_chunks(chunks: list[str]) -> str:
    """Goal text split over several rows: our export splits after a sentence or a line break."""
    out = ""
    for ch in chunks:
        if out and not out.endswith(("\n", "。", "；", "！", "？", "!", "?")):
            out += "\n"
        out += ch
    return out


def read_goals(g: Grid, start: int, upto: int) -> tuple[str, str]:
    """年初设定目标 / 全年完成情况 (or 预期目标 / 实际完成情况), by the columns of their labels."""
    for r in range(start, min(upto, g.nrows)):
        cells = row_cells(g, r)
        names = [squash(c) for c in cells]
        p = next((j for j, n in enumerate(names) if n in _PLANNED_LABELS), None)
        a = next((j for j, n in enumerate(names) if n in _ACHIEVED_LABELS), None)
        if p is None and a is None:
            if _GOALS_ROW in "".join(names):
                texts = [c for c in cells if c and squash(c) not in (_GOALS_ROW,) and len(c) > 1]
                if texts:
                    return texts[0], texts[-1] if len(texts) > 1 else ""
            continue
        p = p if p is not None else 0
        planned: list[str] = []
        achieved: list[str] = []
        # Text may sit on the label row itself, beside its label.
        rows = [r] + list(range(r + 1, min(upto, g.nrows)))
        for rr in rows:
            rc = row_cells(g, rr)
            joined = squash("".join(rc))
            if rr != r and any(k in joined for k in ("分解目标", "绩效指标", "一级指标")):
                break
            for j, t in enumerate(rc):
                s = squash(t)
                if not s or j < p or s == _GOALS_ROW or s in _PLANNED_LABELS + _ACHIEVED_LABELS:
                    continue
                (achieved if a is not None and j >= a else planned).append(t)
        return _join_chunks(planned), _join_chunks(achieved)
    return "", ""


# -- below the table -----------------------------------------------------------------------------
SIGN_LABELS = ("单位负责人", "填表人", "联系电话", "填报日期", "项目负责人", "财务负责人", "审核人", "负责人",
               "经办人", "填报人")
REMARK_LABELS = ("其他需要说明事项", "其他需要说明的事项", "评价结论", "存在问题", "存在的问题", "改进措施",
                 "整改措施", "改进意见", "说明", "备注")
PRINTED_LABELS = ("自评得分", "自评等级", "自评结果", "总分", "综合得分", "等级")


def is_remark_row(cells: list[str]) -> bool:
    """A text field printed inside the table (其他需要说明事项 | 无): not an indicator."""
    first = next((squash(c) for c in cells if c), "")
    return re.split(r"[:：]", first, maxsplit=1)[0] in REMARK_LABELS


def is_closing_row(cells: list[str]) -> bool:
    """A row of the block under the table: sign-off, printed score, a text field."""
    first = next((squash(c) for c in cells if c), "")
    label = re.split(r"[:：]", first, maxsplit=1)[0]
    return label.startswith(SIGN_LABELS + PRINTED_LABELS[:3]) or label in REMARK_LABELS


@dataclass
class Closing:
    fields: list[tuple[str, str]] = field(default_factory=list)
    seal: str = ""
    seal_value: str = ""
    printed_score: tuple[int, int, Decimal] | None = None
    printed_grade: tuple[int, int, str] | None = None


def read_closing(g: Grid, start: int, remarks: list[int] = ()) -> Closing:
    """Sign-off lines, the printed 自评得分/自评等级 and the text fields under the table."""
    out = Closing()
    label_re = re.compile(r"^([^：:]{1,14})[：:]\s*(.*)$", re.S)
    for r in list(remarks) + list(range(start, g.nrows)):
        cells = [(c, t) for c, t in enumerate(row_cells(g, r)) if t]
        i = 0
        while i < len(cells):
            col, t = cells[i]
            i += 1
            m = label_re.match(t)
            known = squash(t)
            if m:
                label, value = m.group(1).strip(), m.group(2).strip()
            elif known.startswith(SIGN_LABELS + PRINTED_LABELS) or known in REMARK_LABELS or "盖章" in known:
                label, value = known, ""
                for lb in SIGN_LABELS + PRINTED_LABELS:
                    if known.startswith(lb) and known != lb:
                        label, value = lb, t.strip()[len(lb):].strip()
                        break
            else:
                continue
            if not value and i < len(cells) and not label_re.match(cells[i][1]) \
                    and not squash(cells[i][1]).startswith(SIGN_LABELS + PRINTED_LABELS):
                value = cells[i][1].strip()
                i += 1
            if label.startswith(("自评得分", "总分", "综合得分")):
                v = number(value)
                if v is not None and out.printed_score is None:
                    out.printed_score = (r, col, v)
                continue
            if label.startswith(("自评等级", "自评结果", "等级")):
                if value:
                    out.printed_grade = (r, col, value)
                continue
            if "盖章" in label:
                out.seal = label
                out.seal_value = out.seal_value or value
                continue
            out.fields.append((label, value))
    return out
