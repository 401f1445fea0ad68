"""The rules a form must satisfy, as pure functions returning findings.

Each finding has a level (error / warning), a stable code, where it is (a readable path, the
node id and the field, so a window can select the cell) and a Chinese message that says what to
fix. Empty cells are warnings while a form is a draft and errors once it is marked final.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Callable

from .form import Form, FormKind, Node, Status
from .numbers import fmt2, fmt_money, fmt_weight, q2
from .scoring import (
    QUALITATIVE_LABEL, UNIT_CLASS_LABEL, Suggestion, parse_measure, qualitative_outcome, suggester,
)
from .totals import compute, node_max, score_cap, weight_sum

ERROR = "error"
WARNING = "warning"

# Template instructions that people forget in cells (seen in published forms).
_TEMPLATE_TEXT = re.compile(r"请填写|请输入|填写说明|（填写|\(填写|示例：|例：|XX|ＸＸ|xx单位")


@dataclass(frozen=True)
class Finding:
    level: str
    code: str
    where: str
    message: str
    node_id: str | None = None
    field: str | None = None  # name, weight, target, actual, max_points, score, reason, …

    def as_dict(self) -> dict:
        return {"level": self.level, "code": self.code, "where": self.where, "message": self.message}


def check(form: Form) -> list[Finding]:
    """Every finding for a form, errors and warnings, in display order."""
    findings: list[Finding] = []
    findings += check_header(form)
    findings += check_budget(form)
    findings += _too_long(form, form.goals.achieved, form.settings.conclusion_max,
                          form.layout.goals_labels[1] if form.layout else "全年完成情况",
                          "年度总体目标", None, "goals_achieved")
    findings += check_weights(form)
    # One walk that carries each node's level and readable path down the tree (asking every node
    # for them walks its ancestors again: a third of the time at 2,000 indicators).
    stack = [(child, 1, child.name or "（未命名）") for child in reversed(form.sections)]
    suggest_one = suggester(form.settings)
    while stack:
        node, level, where = stack.pop()
        findings += check_node(form, node, level, where, suggest_one)
        stack += [(c, level + 1, f"{where} › {c.name or '（未命名）'}") for c in reversed(node.children)]
    return findings


def _empty_level(form: Form) -> str:
    return ERROR if form.status is Status.FINAL else WARNING


def check_header(form: Form) -> list[Finding]:
    out = []
    lvl = _empty_level(form)
    if not form.header.unit.strip():
        label = "实施单位" if form.kind is FormKind.PROJECT else "单位名称"
        out.append(Finding(lvl, "HEADER_UNIT", f"基本信息 › {label}", f"{label}未填写：请填写单位全称。", field="unit"))
    if form.header.year is None:
        out.append(Finding(lvl, "HEADER_YEAR", "基本信息 › 年度", "年度未填写：请填写评价年度，如 2024。", field="year"))
    if form.kind is FormKind.PROJECT and not form.header.project_name.strip():
        out.append(Finding(lvl, "HEADER_PROJECT", "基本信息 › 项目名称", "项目名称未填写。", field="project_name"))
    return out


def _decimals_message(value: Decimal | None, label: str, shown: str | None = None) -> str:
    """Why a number with more than two decimals is wrong ("" when it has two at most): paper
    shows it rounded, totals do not."""
    if value is None or value == q2(value):
        return ""
    return (f"{label} {value:f} 超过两位小数：表上显示为 {shown or fmt2(value)}，合计却按 {value:f} 计算，"
            f"两者对不上：请改为两位小数。")


def _decimals(value: Decimal | None, label: str, where: str, node_id: str | None, fld: str,
              shown: str | None = None) -> list[Finding]:
    message = _decimals_message(value, label, shown)
    return [Finding(ERROR, "DECIMALS", where, message, node_id, fld)] if message else []


Problem = tuple[str, str, str, str]  # (level, code, message, field): a finding without its place


def _placed(problems: tuple[Problem, ...], where: str, node: Node) -> list[Finding]:
    return [Finding(lvl, code, where, message, node.id, fld) for lvl, code, message, fld in problems]


def check_budget(form: Form) -> list[Finding]:
    out: list[Finding] = []
    b = form.budget
    unit = b.unit
    title = form.layout.budget_title if form.layout else ("项目资金" if form.kind is FormKind.PROJECT else "整体支出规模")
    parts = [r for r in b.rows if r.group == "其中"]
    for attr, label in (("planned", "全年预算数"), ("actual", "全年执行数")):
        src = b.group_sum("资金来源", attr)
        struct = b.group_sum("资金结构", attr)
        if src is not None and struct is not None and src != struct:
            out.append(Finding(
                ERROR, "BUDGET_SPLIT", f"{title} › {label}",
                f"{label}按资金来源合计 {fmt_money(src)} {unit}，按资金结构合计 {fmt_money(struct)} {unit}，"
                f"两者应相等：请核对{'、'.join(r.label for r in b.rows if r.group in ('资金来源', '资金结构'))}这几个数。",
                field=attr))
        total = b.row("total")
        values = [getattr(r, attr) for r in parts if getattr(r, attr) is not None]
        if total is not None and getattr(total, attr) is not None and values:
            s = sum(values, Decimal(0))
            if s != getattr(total, attr):
                out.append(Finding(
                    ERROR, "BUDGET_TOTAL", f"{title} › {label}",
                    f"{label}：{total.label} {fmt_money(getattr(total, attr))} {unit}，"
                    f"但{'、'.join(r.label for r in parts)}合计 {fmt_money(s)} {unit}：请核对。",
                    field=attr))
    for row in b.rows:
        where = f"{title} › {row.label}"
        for attr, label in (("planned", "全年预算数"), ("actual", "全年执行数"), ("initial", "年初预算数")):
            v = getattr(row, attr)
            if v is not None and v < 0:
                out.append(Finding(ERROR, "BUDGET_NEGATIVE", where, f"{row.label}的{label}为负数：请填写不小于0的金额。", field=attr))
            if unit == "万元" and v is not None and -v.as_tuple().exponent <= 4:
                continue  # 万元 with 3–4 decimals is exact to the 元, as published forms print it
            out += _decimals(v, f"{row.label}的{label}", where, None, attr, shown=fmt_money(v) if v is not None else None)
        if row.planned is not None and row.actual is not None and row.actual > row.planned:
            out.append(Finding(
                WARNING, "BUDGET_OVER", where,
                f"{row.label}执行数 {fmt_money(row.actual)} 超过预算数 {fmt_money(row.planned)}（执行率 {fmt2(row.rate)}%）：请核对金额或单位（元/万元）。",
                field="actual"))
    st = form.settings
    r = b.execution_rate
    if "low_execution" in st.reason_when and r is not None and r < st.low_execution and not b.reason.strip():
        out.append(Finding(
            ERROR, "BUDGET_REASON_MISSING", f"{title} › 原因",
            f"预算执行率 {fmt2(r)}% 低于 {fmt_weight(st.low_execution)}%：请在预算执行的“原因”中说明。",
            field="budget_reason"))
    out += _too_long(form, b.reason, st.reason_max, "预算执行的原因", f"{title} › 原因", None, "budget_reason")
    cap = score_cap(form)
    if cap is not None:
        t = compute(form)
        if t.capped:
            out.append(Finding(
                WARNING, "TOTAL_CAPPED", "总分",
                f"预算执行率 {fmt2(r)}%：按本表的规则，总分最高 {fmt2(cap)} 分；各项得分合计 {fmt2(t.parts_score)}，"
                f"总分按 {fmt2(cap)} 计。", field="score"))
    return out


def _too_long(form: Form, text: str, limit: int | None, what: str, where: str, node_id: str | None,
              fld: str) -> list[Finding]:
    """A text longer than the pack allows: a warning in a draft, an error once final."""
    if limit is None or len(text) <= limit:
        return []
    return [Finding(_empty_level(form), "TEXT_TOO_LONG", where,
                    f"{what}有 {len(text)} 字，超过本表规定的 {limit} 字：请精简到 {limit} 字以内。", node_id, fld)]


def check_weights(form: Form) -> list[Finding]:
    out: list[Finding] = []
    if not form.sections:
        out.append(Finding(ERROR, "NO_INDICATORS", "绩效指标", "没有任何指标：请添加一级指标，或从模板新建。"))
        return out
    total = weight_sum(form)
    if total != 100:
        parts = " + ".join(fmt_weight(s.weight, "?") for s in form.sections)
        if form.budget.points is not None:
            parts = f"{fmt_weight(form.budget.points)}（预算执行率）+ " + parts
        out.append(Finding(
            ERROR, "WEIGHT_SUM", "绩效指标 › 一级指标权重",
            f"一级指标权重合计 {fmt2(total)}（{parts}），应为 100：请调整权重。", field="weight"))
    return out


def _where(node: Node) -> str:
    return node.path()


def check_node(form: Form, node: Node, level: int | None = None, where: str | None = None,
               suggest_one: Callable[[Node], Suggestion | None] | None = None) -> list[Finding]:
    """The findings of one node; ``level``, ``where`` (its path) and the assistant for the form's
    settings when the caller has them."""
    out: list[Finding] = []
    level = node.level if level is None else level
    where = _where(node) if where is None else where
    empty = _empty_level(form)
    if not node.name.strip():
        out.append(Finding(empty, "EMPTY_NAME", where, f"第{level}级指标名称为空：请填写指标名称。", node.id, "name"))
    # One search over the four texts (no pattern spans a line break) finds most rows clean.
    if _TEMPLATE_TEXT.search(f"{node.name}\n{node.target}\n{node.actual}\n{node.reason}"):
        for fld in ("name", "target", "actual", "reason"):
            text = getattr(node, fld)
            if text and _TEMPLATE_TEXT.search(text):
                out.append(Finding(WARNING, "TEMPLATE_TEXT", where, f"单元格中似乎仍是模板说明文字“{text[:20]}”：请替换为实际内容。", node.id, fld))
    if level == 1:
        if node.weight is None:
            out.append(Finding(ERROR, "WEIGHT_MISSING", where, f"一级指标“{node.name}”没有权重：请填写权重。", node.id, "weight"))
        elif node.weight < 0:
            out.append(Finding(ERROR, "WEIGHT_NEGATIVE", where, "权重不能为负数。", node.id, "weight"))
        out += _decimals(node.weight, "权重", where, node.id, "weight")
        if not node.children:
            out.append(Finding(WARNING, "EMPTY_GROUP", where, f"一级指标“{node.name}”下没有二级指标：请添加，或删除该一级指标。", node.id, "name"))
        elif node.weight is not None:
            m = node_max(node)
            if m != node.weight:
                out.append(Finding(
                    ERROR, "SECTION_POINTS", where,
                    f"“{node.name}”下各指标分值合计 {fmt2(m)}，与其权重 {fmt_weight(node.weight)} 不符：请调整分值或权重。",
                    node.id, "max_points"))
        return out
    if level == 2 and node.children and (node.max_points is not None or node.score is not None):
        # Typed on the 二级 before it got 三级 rows: its own points no longer count.
        out.append(Finding(
            WARNING, "GROUP_OWN_POINTS", where,
            f"二级指标“{node.name}”已有三级指标，它自身填写的分值/得分不计入合计：请清除，或把分值填在三级指标上。",
            node.id, "max_points"))
    if level == 2 and not node.children and node.max_points is None:
        out.append(Finding(WARNING, "EMPTY_GROUP", where, f"二级指标“{node.name}”下没有三级指标，也没有分值：请添加三级指标，或填写分值。", node.id, "max_points"))
        return out
    if level > 3:
        out.append(Finding(ERROR, "TOO_DEEP", where, "指标最多三级：请将该指标左移一级。", node.id, "name"))
    if not node.is_scored_at(level):
        return out
    out += _check_points(form, node, where, empty)
    out += _too_long(form, node.reason, form.settings.reason_max, "偏差原因", where, node.id, "reason")
    out += _check_measures(form, node, where, empty, level)
    out += _check_suggestion(form, node, where, suggest_one or suggester(form.settings))
    return out


def _check_points(form: Form, node: Node, where: str, empty: str) -> list[Finding]:
    w, s = node.max_points, node.score
    # str() in the key: 7.5050 and 7.505 are equal keys, but a message quotes them as typed.
    problems = _points_problems(w, s, None if w is None else str(w), None if s is None else str(s),
                                not node.reason.strip(), empty, "below_max" in form.settings.reason_when)
    return _placed(problems, where, node)


@lru_cache(maxsize=4096)
def _points_problems(w: Decimal | None, s: Decimal | None, _w_shown: str | None, _s_shown: str | None,
                     no_reason: bool, empty: str, reason_below_max: bool) -> tuple[Problem, ...]:
    """What is wrong with a 分值 and its 得分, as (level, code, message, field); cached like
    ``_measure_problems``."""
    out: list[Problem] = []
    if w is None:
        out.append((empty, "EMPTY_MAX", "分值未填写：请填写该指标的分值。", "max_points"))
    elif w < 0:
        out.append((ERROR, "MAX_NEGATIVE", "分值不能为负数。", "max_points"))
    for value, label, fld in ((w, "分值", "max_points"), (s, "得分", "score")):
        if message := _decimals_message(value, label):
            out.append((ERROR, "DECIMALS", message, fld))
    if s is None:
        out.append((empty, "EMPTY_SCORE", "得分未填写：请根据完成情况填写得分。", "score"))
        return tuple(out)
    if s < 0:
        out.append((ERROR, "SCORE_RANGE", f"得分 {fmt2(s)} 为负数：得分应在 0 到分值之间。", "score"))
    elif w is not None and s > w:
        out.append((ERROR, "SCORE_RANGE", f"得分 {fmt2(s)} 超过分值 {fmt2(w)}：得分应在 0 到 {fmt2(w)} 之间。", "score"))
    elif w is not None and s < w and no_reason and reason_below_max:
        out.append((ERROR, "REASON_MISSING", f"得分 {fmt2(s)} 低于分值 {fmt2(w)}：请在“偏差及原因分析”中说明扣分原因。", "reason"))
    return tuple(out)


def _check_measures(form: Form, node: Node, where: str, empty: str, level: int) -> list[Finding]:
    st = form.settings
    problems = _measure_problems(node.target, node.actual, not node.reason.strip(), level, empty,
                                 st.over_target_ratio, st.over_target_action)
    return _placed(problems, where, node)


@lru_cache(maxsize=4096)
def _measure_problems(target: str, actual: str, no_reason: bool, level: int, empty: str,
                      over_ratio: Decimal, over_action: str) -> tuple[Problem, ...]:
    """What is wrong with a target and its actual, as (level, code, message, field): a pure
    function of its arguments, cached (a form repeats the same few targets hundreds of times,
    and the rules run on every edit)."""
    out: list[Problem] = []
    # A 二级 scored directly (the 投入管理 block) is judged against a rule set, not a target.
    if level == 3:
        if not target.strip():
            out.append((empty, "EMPTY_TARGET", "年度指标值未填写：请填写目标值，如 ≥95%。", "target"))
        if not actual.strip():
            out.append((empty, "EMPTY_ACTUAL", "全年完成值未填写：请填写实际完成情况。", "actual"))
    t = parse_measure(target)
    a = parse_measure(actual)
    if t.is_numeric and a.is_numeric and t.unit and a.unit and t.unit != a.unit:
        tc, ac = t.unit_class, a.unit_class
        if tc != ac:
            out.append((
                WARNING, "UNIT_MISMATCH",
                f"目标单位为“{t.unit}”（{UNIT_CLASS_LABEL.get(tc, '数量')}），完成值单位为“{a.unit}”（{UNIT_CLASS_LABEL.get(ac, '数量')}）：请统一单位。",
                "actual"))
        else:
            out.append((
                WARNING, "UNIT_MIXED",
                f"目标以“{t.unit}”计，完成值以“{a.unit}”计：建议统一为同一单位，避免看错数量级。", "actual"))
    elif t.is_numeric and t.unit == "%" and a.is_numeric and not a.unit and a.number is not None and a.number > 1000:
        out.append((
            WARNING, "UNIT_MISMATCH",
            f"目标为百分比，完成值“{actual}”像是金额或数量：请填写完成的百分比。", "actual"))
    if (t.is_numeric and a.is_numeric and t.number and t.number > 0 and t.comparator not in ("<=", "<")
            and a.number is not None and a.unit_class == t.unit_class
            and a.number >= t.number * over_ratio and no_reason):
        pct = f"{((over_ratio - 1) * 100).normalize():f}"
        if over_action == "note":
            out.append((ERROR, "OVER_TARGET",
                        f"完成值超过目标{pct}%以上：按本表的规则须在“偏差及原因分析”中说明原因。", "reason"))
        else:
            out.append((WARNING, "OVER_TARGET",
                        f"完成值超过目标{pct}%以上，目标可能设置偏低：请在“偏差及原因分析”中说明。", "reason"))
    if a.text.strip() and not a.is_numeric and qualitative_outcome(a.text) is None and t.is_numeric and t.number != 0:
        out.append((
            WARNING, "ACTUAL_UNREADABLE",
            f"目标为数值“{target}”，完成值“{actual}”不是数值：请填写实际完成的数值。", "actual"))
    return tuple(out)


def _check_suggestion(form: Form, node: Node, where: str,
                      suggest_one: Callable[[Node], Suggestion | None]) -> list[Finding]:
    """得分 against what the scoring assistant suggests: the 定性 band, or a large gap."""
    w, s = node.max_points, node.score
    if w is None or s is None or w <= 0 or s < 0 or s > w:
        return []  # missing or out of range: _check_points says so
    sug = suggest_one(node)
    if sug is None:
        return []
    if sug.low is not None and sug.high is not None:
        if sug.low <= s <= sug.high:
            return []
        outcome = qualitative_outcome(parse_measure(node.actual).text)
        label = QUALITATIVE_LABEL.get(outcome or "", "")
        return [Finding(
            WARNING, "SCORE_OUT_OF_BAND", where,
            f"定性指标完成情况为“{label}”，得分应在 {fmt2(sug.low)}–{fmt2(sug.high)} 之间，现为 {fmt2(s)}："
            f"请核对得分或完成值。", node.id, "score")]
    share = form.settings.suggestion_share
    # Below 分值 without a reason is REASON_MISSING already; a written reason is the explanation
    # asked for. What is left: full points where the assistant would give much less.
    if abs(s - sug.points) > share * w and s == w and not node.reason.strip():
        return [Finding(
            WARNING, "SCORE_FAR_FROM_SUGGESTION", where,
            f"得分 {fmt2(s)} 与评分助手的建议 {fmt2(sug.points)} 相差超过分值的 {int(share * 100)}%："
            f"请核对得分，或在“偏差及原因分析”中说明。", node.id, "score")]
    return []


def counts(findings: list[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = sum(1 for f in findings if f.level == ERROR)
    return errors, len(findings) - errors
