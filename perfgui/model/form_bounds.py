"""Every number of a form held against ``numbers.BOUNDS``: the check before a form is stored.

Apart from ``numbers`` because it walks the form, and the form itself uses ``numbers``. The
same walk checks what is about to enter an open form (pasted or dropped indicators, an imported
file), so nothing out of bounds gets as far as the undo stack or the library.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from .form import Form, Node
from .numbers import OutOfRange, bound_problem

Number = tuple[str, Decimal | int | None, str]  # (kind, value, label naming where it is)


def _node_problems(nodes: Iterable[Node]) -> list[str]:
    """What is out of bounds in these indicators' own numbers (not their sub-rows'); the label
    naming the indicator is made for a number out of bounds only (a form has thousands)."""
    out = []
    for node in nodes:
        for kind, value, what in (("weight", node.weight, "权重"), ("points", node.max_points, "分值"),
                                  ("points", node.score, "得分")):
            if value is not None and bound_problem(kind, value):
                out.append(bound_problem(kind, value, f"指标“{node.name or '（未命名指标）'}”的{what}"))
    return out


def _problems(numbers: Iterable[Number]) -> list[str]:
    return [p for kind, value, label in numbers if (p := bound_problem(kind, value, label))]


def _header_and_budget(form: Form) -> Iterator[Number]:
    h = form.header
    yield "year", h.year, "年度"
    for row in form.budget.rows:
        for attr, what in (("planned", "全年预算数"), ("actual", "全年执行数"), ("initial", "年初预算数")):
            yield "money", getattr(row, attr), f"预算“{row.label}”的{what}"
    yield "points", form.budget.points, "预算执行率的分值"


def _settings(form: Form) -> Iterator[Number]:
    for band in form.settings.grade_bands:
        yield "points", band.minimum, f"等级“{band.label}”的分数线"
    yield "rate", form.settings.over_target_ratio, "超目标比例"


def form_number_problems(form: Form) -> list[str]:
    """What is out of bounds in a form, one Chinese sentence each (empty when all is well), in
    the order of the form: header, budget, indicators, settings."""
    return (_problems(_header_and_budget(form))
            + _node_problems(n for n in form.root.walk() if n is not form.root)
            + _problems(_settings(form)))


def nodes_number_problems(nodes: Iterable[Node]) -> list[str]:
    """What is out of bounds in indicators and all their sub-rows (pasted, dropped), one sentence each."""
    return _node_problems(node for top in nodes for node in top.walk())


def describe_problems(problems: list[str], shown: int = 1, sep: str = "；") -> str:
    """The first ``shown`` problems joined by ``sep``, and how many more there are."""
    text = sep.join(problems[:shown])
    rest = len(problems) - shown
    return f"{text}（另有 {rest} 处）" if rest > 0 else text


def check_form_numbers(form: Form) -> None:
    """Raise ``OutOfRange`` naming the first number of the form that is out of bounds."""
    problems = form_number_problems(form)
    if problems:
        raise OutOfRange(describe_problems(problems))
