"""Totals and grade, always computed from the leaves, never stored."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .form import Budget, Form, Node, Settings
from .numbers import round2

ZERO = Decimal(0)


def node_max(node: Node) -> Decimal:
    """Σ分值 of the scored leaves at or below this node (blank counts as 0)."""
    if node.is_scored:
        return node.max_points or ZERO
    total = ZERO
    for child in node.children:  # a loop, not sum() over a generator: asked of every block on every check
        total += node_max(child)
    return total


def node_score(node: Node) -> Decimal:
    """Σ得分 of the scored leaves at or below this node (blank counts as 0)."""
    if node.is_scored:
        return node.score or ZERO
    total = ZERO
    for child in node.children:
        total += node_score(child)
    return total


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


def budget_score(budget: Budget, settings: Settings) -> Decimal | None:
    """预算执行 points: 分值 × 执行率 / the rate that earns full points (100 % unless the pack
    says less), at most the 分值; None when the budget is not scored or has no 执行率."""
    if budget.points is None:
        return None
    r = budget.execution_rate
    if r is None:
        return None
    full = settings.budget_full_at
    return round2(min(r, full) / full * budget.points, settings.rounding)


def score_cap(form: Form) -> Decimal | None:
    """The highest total the pack allows at this form's 执行率 (None: no cap applies)."""
    r = form.budget.execution_rate
    if r is None:
        return None
    caps = [c.maximum for c in form.settings.total_caps if r < c.below]
    return min(caps) if caps else None


@dataclass(frozen=True)
class Totals:
    total_max: Decimal
    total_score: Decimal  # what the form scores: Σ得分 (+ budget points), capped by 执行率
    grade: str
    weight_sum: Decimal
    indicators: int
    parts_score: Decimal | None = None  # Σ得分 before a 执行率 cap, when a cap lowered it
    cap: Decimal | None = None

    @property
    def capped(self) -> bool:
        return self.parts_score is not None


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
        total_score += budget_score(form.budget, form.settings) or ZERO
    cap = score_cap(form)
    parts = None
    if cap is not None and total_score > cap:
        parts, total_score = total_score, cap
    return Totals(total_max, total_score, grade(total_score, form.settings), weight_sum(form), count,
                  parts, cap)
