"""What moving a form to another rule pack changes (``model.packs.apply_pack``), shown before
the move is applied: each indicator whose 得分 or findings differ, the total and the grade.

Apart from ``model.packs`` because only the window's preview needs it; reading a pack, on every
import and every ``check``, does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .form import Form


@dataclass(frozen=True)
class LeafChange:
    node_id: str
    path: str
    score_before: Decimal | None
    score_after: Decimal | None
    findings_added: tuple[str, ...]
    findings_removed: tuple[str, ...]


@dataclass(frozen=True)
class PackChange:
    """What moving a form to another pack changes, shown before it is applied."""

    leaves: tuple[LeafChange, ...]
    total_before: Decimal
    total_after: Decimal
    grade_before: str
    grade_after: str
    form_findings_added: tuple[str, ...] = ()  # findings not about one indicator
    form_findings_removed: tuple[str, ...] = ()

    @property
    def changes_anything(self) -> bool:
        return bool(self.leaves or self.form_findings_added or self.form_findings_removed
                    or self.total_before != self.total_after or self.grade_before != self.grade_after)


def compare(before: Form, after: Form) -> PackChange:
    """Each indicator whose points or findings differ between two versions of a form, the total
    and the grade before and after."""
    from .rules import check
    from .totals import compute

    def by_node(form: Form) -> dict[str | None, set[str]]:
        out: dict[str | None, set[str]] = {}
        for f in check(form):
            out.setdefault(f.node_id, set()).add(f.message)
        return out

    fb, fa = by_node(before), by_node(after)
    leaves = []
    after_nodes = {n.id: n for n in after.root.walk()}
    for node in before.root.walk():
        if node is before.root:
            continue
        other = after_nodes.get(node.id)
        if other is None:
            continue
        added = tuple(sorted(fa.get(node.id, set()) - fb.get(node.id, set())))
        removed = tuple(sorted(fb.get(node.id, set()) - fa.get(node.id, set())))
        if node.score != other.score or added or removed:
            leaves.append(LeafChange(node.id, node.path(), node.score, other.score, added, removed))
    tb, ta = compute(before), compute(after)
    return PackChange(
        tuple(leaves), tb.total_score, ta.total_score, tb.grade, ta.grade,
        tuple(sorted(fa.get(None, set()) - fb.get(None, set()))),
        tuple(sorted(fb.get(None, set()) - fa.get(None, set()))),
    )
