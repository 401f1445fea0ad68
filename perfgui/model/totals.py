"""Totals and grade, always computed from the leaves, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .form import Form, Node, Settings

ZERO = Decimal(0)


def node_max(node: Node) -> Decimal:
    """Σ分值 of the scored leaves at or below this node (blank counts as 0)."""
    if node.is_scored:
        return node.max_points or ZERO
    return sum((node_max(c) for c in node.children), ZERO)


def node_score(node: Node) -> Decimal:
    """Σ得分 of the scored leaves at or below this node (blank counts as 0)."""
    if node.is_scored:
        return node.score or ZERO
    return sum((node_score(c) for c in node.children), ZERO)


def weight_sum(form: Form) -> Decimal:
    """Σ一级权重, plus the budget-execution points of a 项目支出 form."""
    total = sum((s.weight or ZERO for s in form.sections), ZERO)
    if form.budget.points is not None:
        total += form.budget.points
    return total


def grade(score: Decimal, settings: Settings) -> str:
    """The grade for a total score under the form's bands (default 优 ≥ 90, 良 ≥ 80, 中 ≥ 60)."""
    for band in sorted(settings.grade_bands, key=lambda b: b.minimum, reverse=True):
        if score >= band.minimum:
            return band.label
    return settings.lowest_grade


@dataclass(frozen=True)
class Totals:
    total_max: Decimal
    total_score: Decimal
    grade: str
    weight_sum: Decimal
    indicators: int


def compute(form: Form) -> Totals:
    """The form's headline figures in one pass over the tree."""
    total_max = ZERO
    total_score = ZERO
    count = 0
    for leaf in form.root.scored_leaves():
        total_max += leaf.max_points or ZERO
        total_score += leaf.score or ZERO
        count += 1
    if form.budget.points is not None:
        total_max += form.budget.points
        total_score += form.budget.score or ZERO
    return Totals(total_max, total_score, grade(total_score, form.settings), weight_sum(form), count)
