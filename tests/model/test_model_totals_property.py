"""Totals are always the sum of the leaves, in any tree (hypothesis)."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings, strategies as st

from perfgui.model import Form, Node, compute, node_max, node_score
from perfgui.model.serialize import from_dict, to_dict

cents = st.integers(min_value=0, max_value=100_000).map(lambda c: Decimal(c) / 100)


@st.composite
def leaf(draw):
    w = draw(cents)
    s = draw(st.one_of(st.none(), cents))
    return Node(draw(st.text(max_size=8)), max_points=w, score=s,
                target=draw(st.sampled_from(["≥95%", "及时", "", "0发生"])),
                reason=draw(st.text(max_size=5)))


@st.composite
def tree(draw):
    root = Node()
    for _ in range(draw(st.integers(0, 4))):
        sec = root.append(Node(draw(st.text(max_size=6)), weight=draw(st.one_of(st.none(), cents))))
        for _ in range(draw(st.integers(0, 4))):
            grp = sec.append(Node(draw(st.text(max_size=6))))
            if draw(st.booleans()):
                grp.max_points, grp.score = draw(cents), draw(st.one_of(st.none(), cents))
            else:
                for _ in range(draw(st.integers(0, 5))):
                    grp.append(draw(leaf()))
    return root


@settings(max_examples=300, deadline=None)
@given(tree())
def test_total_is_sum_of_leaves(root):
    form = Form(root=root)
    leaves = [n for n in root.walk() if n.is_scored]
    t = compute(form)
    assert t.total_max == sum((n.max_points or 0 for n in leaves), Decimal(0))
    assert t.total_score == sum((n.score or 0 for n in leaves), Decimal(0))
    assert t.indicators == len(leaves)
    assert t.total_max == sum((node_max(s) for s in form.sections), Decimal(0))
    assert t.total_score == sum((node_score(s) for s in form.sections), Decimal(0))
    for node in root.walk():
        if node.children:
            assert node_max(node) == sum((node_max(c) for c in node.children), Decimal(0))


@settings(max_examples=150, deadline=None)
@given(tree())
def test_serialisation_round_trip(root):
    form = Form(root=root)
    back = from_dict(to_dict(form))
    assert back == form
    ids = [n.id for s in form.sections for n in s.walk()]
    assert [n.id for s in back.sections for n in s.walk()] == ids
