"""The scoring assistant: parsing targets/actuals and suggesting points with their rule."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfgui.model import Node, Rule, parse_measure, suggest
from perfgui.model.form import Settings


@pytest.mark.parametrize("text, comparator, number, unit, word", [
    ("=100. 00 (%)", "=", D("100.00"), "%", ""),
    ("≥95%", ">=", D(95), "%", ""),
    ("≤90万元", "<=", D(90), "万元", ""),
    ("0发生", None, D(0), "", "发生"),
    ("及时", None, None, "", "及时"),
    ("达成指标", None, None, "", "达成指标"),
    ("100.00(%)", None, D("100.00"), "%", ""),
    ("＞＝98％", ">=", D(98), "%", ""),
    ("不低于 3 个", ">=", D(3), "个", ""),
    ("<5个工作日", "<", D(5), "个工作日", ""),
    ("1,200台", None, D(1200), "台", ""),
])
def test_parse_measure(text, comparator, number, unit, word):
    m = parse_measure(text)
    assert (m.comparator, m.number, m.unit, m.word) == (comparator, number, unit, word)


def leaf(target, actual, w="10", rule=Rule.AUTO):
    parent = Node("g", children=[Node("x", target=target, actual=actual, max_points=D(w), rule=rule)])
    Node("一级").append(parent)
    return parent.children[0]


@pytest.mark.parametrize("target, actual, points, rule", [
    ("≥95%", "96%", "10.00", Rule.POSITIVE),
    ("≥95%", "76%", "8.00", Rule.POSITIVE),  # 76/95 × 10
    (">100个", "50个", "5.00", Rule.POSITIVE),
    ("=100%", "100%", "10.00", Rule.EQUAL),
    ("=100.00(%)", "90.00(%)", "9.00", Rule.EQUAL),
    ("0发生", "0", "10.00", Rule.EQUAL),
    ("0发生", "2", "0.00", Rule.EQUAL),
    ("≤90万元", "80万元", "10.00", Rule.NEGATIVE),
    ("≤90万元", "99万元", "9.00", Rule.NEGATIVE),  # linear: (180-99)/90 × 10
    ("≤90万元", "200万元", "0.00", Rule.NEGATIVE),
    ("≤90万元", "850000元", "10.00", Rule.NEGATIVE),  # converted to 85万元
    ("及时", "达成指标", "10.00", Rule.QUALITATIVE),
    ("提升", "部分达成", "7.00", Rule.QUALITATIVE),
    ("规范", "未达成", "0.00", Rule.QUALITATIVE),
    ("0发生", "达成指标", "10.00", Rule.QUALITATIVE),
])
def test_suggestions(target, actual, points, rule):
    s = suggest(leaf(target, actual))
    assert s is not None and (s.points, s.rule) == (D(points), rule)
    assert s.explanation  # says which rule gave it


def test_negative_ratio_mode():
    settings = Settings(negative_mode="ratio")
    s = suggest(leaf("≤90万元", "100万元"), settings)
    assert s.points == D("9.00") and s.rule is Rule.NEGATIVE


def test_over_target_flag():
    s = suggest(leaf("≥10个", "13个"))
    assert s.over_target and s.points == D(10) and "目标可能偏低" in s.explanation
    assert not suggest(leaf("≥10个", "11个")).over_target


def test_qualitative_band():
    s = suggest(leaf("提升", "达成指标", w="5"))
    assert (s.low, s.high, s.points) == (D("4.00"), D("5.00"), D("5.00"))


def test_manual_and_unreadable_give_no_suggestion():
    assert suggest(leaf("≥95%", "96%", rule=Rule.MANUAL)) is None
    assert suggest(leaf("≥95%", "见附件")) is None
    assert suggest(leaf("", "")) is None
    n = leaf("≥95%", "96%")
    n.max_points = None
    assert suggest(n) is None


def test_rule_override():
    s = suggest(leaf("100%", "80%", rule=Rule.POSITIVE))
    assert s.rule is Rule.POSITIVE and s.points == D("8.00")


def test_suggestion_never_overwrites():
    n = leaf("≥95%", "76%")
    n.score = D("9.50")
    s = suggest(n)
    assert s.points == D("8.00") and n.score == D("9.50")


def test_seed_suggestions_agree_with_published_points(seed_form):
    """On the real form, the assistant suggests what the unit gave wherever no points were lost."""
    for n in seed_form.root.scored_leaves():
        s = suggest(n, seed_form.settings)
        if n.level == 3:
            assert s is not None, n.name
            if n.score == n.max_points:
                assert s.points == n.max_points, n.name
