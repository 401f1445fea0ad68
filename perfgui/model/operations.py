"""Forms made from other forms: next year's from this year's."""

from __future__ import annotations

from datetime import date

from .form import Form, Status, new_id
from .serialize import from_dict, to_dict

# Sign-off fields whose value belongs to one year only (the others name people and phones).
DATE_WORDS = ("日期", "时间")


def default_year() -> int:
    """The year a form is usually filled in for: last year (2024's form is written in 2025)."""
    return date.today().year - 1


def next_year_copy(form: Form) -> Form:
    """Next year's form from this one.

    Keeps the structure, targets, weights, 分值, rules, notes, budget plan and the people in the
    sign-off block; clears what belongs to the year that was evaluated: actuals, points given,
    reasons for lost points, budget execution, 全年完成情况 and sign-off dates. A draft with new
    ids throughout.
    """
    copy = from_dict(to_dict(form))
    copy.id = new_id()
    copy.root = form.root.copy(keep_ids=False)
    copy.status = Status.DRAFT
    if copy.header.year is not None:
        copy.header.year += 1
    for node in copy.root.walk():
        node.actual = ""
        node.score = None
        node.reason = ""
    for row in copy.budget.rows:
        row.actual = None
    copy.goals.achieved = ""
    for f in copy.signoff.fields:
        if any(word in f.label for word in DATE_WORDS):
            f.value = ""
    return copy
