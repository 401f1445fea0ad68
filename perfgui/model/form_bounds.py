"""Every number of a form held against ``numbers.BOUNDS``: the check before a form is stored.

Apart from ``numbers`` because it walks the form, and the form itself uses ``numbers``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from .form import Form
from .numbers import OutOfRange, bound_problem


def form_numbers(form: Form) -> Iterator[tuple[str, Decimal | int | None, str]]:
    """Every number of a form as (kind, value, label naming where it is)."""
    h = form.header
    yield "year", h.year, "年度"
    for row in form.budget.rows:
        for attr, what in (("planned", "全年预算数"), ("actual", "全年执行数"), ("initial", "年初预算数")):
            yield "money", getattr(row, attr), f"预算“{row.label}”的{what}"
    yield "points", form.budget.points, "预算执行率的分值"
    for node in form.root.walk():
        if node is form.root:
            continue
        name = node.name or "（未命名指标）"
        yield "weight", node.weight, f"指标“{name}”的权重"
        yield "points", node.max_points, f"指标“{name}”的分值"
        yield "points", node.score, f"指标“{name}”的得分"
    for band in form.settings.grade_bands:
        yield "points", band.minimum, f"等级“{band.label}”的分数线"
    yield "rate", form.settings.over_target_ratio, "超目标比例"


def form_number_problems(form: Form) -> list[str]:
    """What is out of bounds in a form, one Chinese sentence each (empty when all is well)."""
    return [p for kind, value, label in form_numbers(form) if (p := bound_problem(kind, value, label))]


def check_form_numbers(form: Form) -> None:
    """Raise ``OutOfRange`` naming the first number of the form that is out of bounds."""
    problems = form_number_problems(form)
    if problems:
        more = f"（另有 {len(problems) - 1} 处）" if len(problems) > 1 else ""
        raise OutOfRange(problems[0] + more)
