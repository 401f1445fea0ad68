"""The indicator tree's columns, the node field each one shows, and how typed numbers are judged.

Kept apart from the Qt model so commands, delegates and tests share one definition of the
official table's columns and of the bounds a typed number must respect.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from ...model.form import Node
from ...model.numbers import BOUNDS, bound_problem, fmt2, parse_decimal
from ...model.pack_layout import INDICATOR_COLUMNS, Layout

COL_NAME, COL_WEIGHT, COL_TARGET, COL_ACTUAL, COL_MAX, COL_SCORE, COL_REASON = range(7)
COLUMN_COUNT = 7

# Column → the Node attribute it edits (parent rows show sums in COL_MAX / COL_SCORE instead).
FIELD_OF_COLUMN = ("name", "weight", "target", "actual", "max_points", "score", "reason")
COLUMN_OF_FIELD = {field: col for col, field in enumerate(FIELD_OF_COLUMN)}

NUMBER_FIELDS = frozenset({"weight", "max_points", "score"})
TEXT_FIELDS = frozenset({"name", "target", "actual", "reason"})
NUMBER_COLUMNS = frozenset({COL_WEIGHT, COL_MAX, COL_SCORE})

# The largest value a weight or a 分值 may take: a form is out of 100.
MAX_POINTS = Decimal(100)

# Code that is not a QObject translates in the "IndicatorTree" context, always written out as
# translate("IndicatorTree", "…") so pyside6-lupdate collects the string with its context.
translate = QCoreApplication.translate


# The layout column (``model.pack_layout``) each tree column shows, for its printed label.
LAYOUT_KEY_OF_COLUMN = (None, "weight", "target", "actual", "max", "score", "reason")


def header_labels(layout: Layout | None = None) -> list[str]:
    """The column headers; where the form's layout prints a column under another label
    (实际完成值, 偏差原因分析及改进措施), that label, as on the form's paper."""
    usual = [translate("IndicatorTree", "指标"), translate("IndicatorTree", "权重"), translate("IndicatorTree", "年度指标值"), translate("IndicatorTree", "全年完成值"), translate("IndicatorTree", "分值"), translate("IndicatorTree", "得分"),
             translate("IndicatorTree", "偏差及原因分析")]
    if layout is None:
        return usual
    out = []
    for label, key in zip(usual, LAYOUT_KEY_OF_COLUMN):
        printed = layout.label(key) if key is not None and layout.has(key) else None
        out.append(printed if printed and printed != INDICATOR_COLUMNS[key] else label)
    return out


def field_label(field: str) -> str:
    """The Chinese name of a node field, as the official table calls it."""
    return {
        "name": translate("IndicatorTree", "指标名称"), "weight": translate("IndicatorTree", "权重"), "target": translate("IndicatorTree", "年度指标值"),
        "actual": translate("IndicatorTree", "全年完成值"), "max_points": translate("IndicatorTree", "分值"), "score": translate("IndicatorTree", "得分"),
        "reason": translate("IndicatorTree", "偏差及原因分析"), "rule": translate("IndicatorTree", "评分规则"), "note": translate("IndicatorTree", "说明"),
    }[field]


def level_of(node: Node) -> int:
    """Depth below the invisible root: 1 for 一级 (cheaper than building ancestor lists)."""
    n, p = 0, node.parent
    while p is not None:
        n += 1
        p = p.parent
    return n


def height_of(node: Node) -> int:
    """Levels a subtree spans: 1 for a leaf, 2 for a group of leaves, …"""
    if not node.children:
        return 1
    return 1 + max(height_of(c) for c in node.children)


def row_of(node: Node) -> int:
    """A node's index among its siblings, by identity.

    ``Node.row`` uses ``list.index``, which compares with ``==``; two siblings with equal
    content (two blank new rows, a subtree pasted twice) would then share a row number.
    """
    parent = node.parent
    if parent is None:
        return 0
    for i, child in enumerate(parent.children):
        if child is node:
            return i
    raise ValueError("node is not among its parent's children")


def is_potential_score_leaf(node: Node, level: int | None = None) -> bool:
    """A leaf that carries, or may be given, points: any 三级, and a 二级 without children."""
    if node.children:
        return False
    return (level if level is not None else level_of(node)) >= 2


def editable_fields(node: Node) -> frozenset[str]:
    """The fields a person may type into for this node."""
    level = level_of(node)
    fields = {"name"}
    if level == 1:
        fields.add("weight")
    if is_potential_score_leaf(node, level):
        fields.update(("target", "actual", "max_points", "reason"))
        if node.is_scored:
            fields.add("score")
    return frozenset(fields)


def parse_field(node: Node, field: str, value: object) -> tuple[object, str]:
    """(the value to store, "") or (None, a Chinese message saying what to fix).

    Numbers: blank clears the cell; otherwise a number with at most two decimals, not negative,
    weight and 分值 at most 100, 得分 at most the indicator's 分值.
    """
    label = field_label(field)
    if field in NUMBER_FIELDS:
        if value is None:
            return None, ""
        if isinstance(value, float):
            # Never let a binary float in: go through its shortest text form.
            value = repr(value)
        text = str(value).strip()
        if not text:
            return None, ""
        number = parse_decimal(text)
        if number is None:
            return None, translate("IndicatorTree", "“{text}”不是数字：{label}请填写数字，如 2.50。").format(text=text, label=label)
        if abs(number) > BOUNDS["money"].high:  # larger than any number: say so before rounding
            return None, bound_problem("weight" if field == "weight" else "points", number, label) + "。"
        if number.as_tuple().exponent < -2 and number != number.quantize(Decimal("0.01")):
            return None, translate("IndicatorTree", "{label}最多两位小数：请填写如 {example} 的数字。").format(
                label=label, example=fmt2(number))
        number = number.quantize(Decimal("0.01"))
        if number < 0:
            return None, translate("IndicatorTree", "{label}不能为负数：请填写 0 或更大的数字。").format(label=label)
        if field in ("weight", "max_points") and number > MAX_POINTS:
            return None, translate("IndicatorTree", "{label} {value} 超过 100：总分为 100 分，请核对。").format(
                label=label, value=fmt2(number))
        if field == "score":
            limit = node.max_points
            if limit is not None and number > limit:
                return None, translate("IndicatorTree", "得分 {score} 超过分值 {limit}：得分应在 0 到 {limit} 之间。").format(
                    score=fmt2(number), limit=fmt2(limit))
            if number > MAX_POINTS:
                return None, translate("IndicatorTree", "得分 {score} 超过 100：请核对。").format(score=fmt2(number))
        return number, ""
    if field in TEXT_FIELDS:
        text = "" if value is None else str(value)
        if field == "name":
            # A name is one line: a pasted line break is a wrapped cell, not meaning.
            text = " ".join(text.split())
            if not text:
                return None, translate("IndicatorTree", "指标名称不能为空：请填写名称，或删除该指标。")
        elif field in ("target", "actual"):
            text = text.strip()
        else:
            text = text.strip("\n").rstrip()
        return text, ""
    return None, translate("IndicatorTree", "该列不能编辑。")
