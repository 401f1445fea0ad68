"""Every scoring variant a pack can choose, applied to real forms, and moving a form between packs."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given, settings, strategies as st

from perfgui import packs
from perfgui.model import Node, check, compute, suggest
from perfgui.model.numbers import round2
from perfgui.model.pack_change import compare
from perfgui.model.packs import apply_pack
from perfgui.model.totals import budget_score
from perfgui.resources import resource_path

GOOD = (resource_path("packs") / "national-project.toml").read_text(encoding="utf-8")


def pack_with(*pairs: tuple[str, str]):
    text = GOOD.replace('name = "national-project"', 'name = "variant"')
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new)
    return packs.read_pack_text(text, "测试包")


def filled(pack, target: str, actual: str, w: str = "10"):
    form = packs.new_form(pack, 2024, "单位")
    form.header.project_name = "项目"
    leaf = form.sections[0].children[0].append(Node("指标", target=target, actual=actual, max_points=D(w)))
    return form, leaf


def test_negative_beyond_target_linear_or_ratio():
    linear = pack_with()
    ratio = pack_with(('negative = "linear"', 'negative = "ratio"'))
    for pack, want in ((linear, D("5.00")), (ratio, D("6.67"))):
        form, leaf = filled(pack, "≤10天", "15天")
        assert suggest(leaf, form.settings).points == want


def test_rounding_round_or_truncate():
    for mode, want in (("round", D("6.67")), ("truncate", D("6.66"))):
        pack = pack_with(('rounding = "round"', f'rounding = "{mode}"'))
        form, leaf = filled(pack, "≥3个", "2个")
        assert suggest(leaf, form.settings).points == want
        assert round2(D("6.666"), mode) == want


def test_over_target_flag_note_or_deduct():
    flag = pack_with()
    note = pack_with(('over_target = { ratio = 1.2, action = "flag" }', 'over_target = { ratio = 1.3, action = "note" }'))
    deduct = pack_with(('over_target = { ratio = 1.2, action = "flag" }',
                        'over_target = { ratio = 1.3, action = "deduct", deduct = 2 }'))
    form, leaf = filled(flag, "≥100个", "125个")
    assert suggest(leaf, form.settings).over_target
    assert [f.level for f in check(form) if f.code == "OVER_TARGET"] == ["warning"]
    form, leaf = filled(note, "≥100个", "125个")  # 125 % is not over 130 %
    assert not [f for f in check(form) if f.code == "OVER_TARGET"]
    form, leaf = filled(note, "≥100个", "140个")
    assert [f.level for f in check(form) if f.code == "OVER_TARGET"] == ["error"]
    form, leaf = filled(deduct, "≥100个", "140个")
    s = suggest(leaf, form.settings)
    assert s.points == D("8.00") and "扣 2 分" in s.explanation


def test_qualitative_bands_from_the_pack():
    pack = pack_with(('partial = [0.6, 0.8, 0.7]', 'partial = [0.5, 0.9, 0.6]'))
    form, leaf = filled(pack, "及时", "基本及时")
    s = suggest(leaf, form.settings)
    assert (s.low, s.high, s.points) == (D("5.00"), D("9.00"), D("6.00"))


def test_budget_full_at_and_total_caps_by_execution_rate():
    caps = ('[rules]', 'budget_full_at = 90\ntotal_caps = [{ below = 80, max = 89 }, { below = 70, max = 79 }, '
            '{ below = 60, max = 69 }]\n\n[rules]')
    pack = pack_with(caps)
    form, leaf = filled(pack, "≥1个", "1个", "50")
    for section in form.sections[1:]:
        section.children[0].append(Node("x", target="≥1个", actual="1个", max_points=section.weight, score=section.weight))
    leaf.score = D(50)
    total = form.budget.row("total")
    total.planned, total.actual = D(100), D(65)
    assert budget_score(form.budget, form.settings) == D("7.22")  # 65 / 90 × 10
    t = compute(form)
    assert t.parts_score == D("97.22") and t.total_score == D(79) and t.grade == "中"
    assert [f.code for f in check(form) if f.code == "TOTAL_CAPPED"] == ["TOTAL_CAPPED"]
    total.actual = D(95)
    t = compute(form)
    assert t.parts_score is None and t.total_score == D(100)


def test_grade_bands_and_reason_rules():
    bands = pack_with(('{ min = 90, label = "优" }', '{ min = 80, label = "优" }'),
                      ('{ min = 80, label = "良" }', '{ min = 70, label = "良" }'),
                      ('reason_when = ["below_max"]', 'reason_when = ["below_max", "low_execution"]\nreason_max = 10'))
    form, leaf = filled(bands, "≥1个", "1个", "50")
    leaf.score = D(40)
    leaf.reason = "一二三四五六七八九十十一"
    total = form.budget.row("total")
    total.planned, total.actual = D(100), D(85)
    codes = {f.code for f in check(form)}
    assert "TEXT_TOO_LONG" in codes and "BUDGET_REASON_MISSING" in codes
    form.budget.reason = "项目延期"
    assert "BUDGET_REASON_MISSING" not in {f.code for f in check(form)}
    from perfgui.model import grade
    assert grade(D(85), bands.settings) == "优" and grade(D(85), pack_with().settings) == "良"


def test_moving_a_form_rescores_what_the_assistant_gave_and_keeps_what_a_person_chose():
    linear, ratio = pack_with(), pack_with(('negative = "linear"', 'negative = "ratio"'))
    form, leaf = filled(linear, "≤10天", "15天")
    person = form.sections[0].children[1].append(Node("人工", target="≤10天", actual="15天", max_points=D(10), score=D(4)))
    leaf.score = suggest(leaf, form.settings).points  # 5.00, the assistant's
    moved = apply_pack(form, ratio)
    assert moved.find(leaf.id).score == D("6.67") and moved.find(person.id).score == D(4)
    assert form.find(leaf.id).score == D("5.00")  # the original is untouched
    change = compare(form, moved)
    assert [c.node_id for c in change.leaves if c.score_before != c.score_after] == [leaf.id]
    assert change.total_after - change.total_before == D("1.67")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.decimals(min_value=0, max_value=10, places=2), min_size=1, max_size=12),
       st.decimals(min_value=0, max_value=150, places=2), st.sampled_from(["round", "truncate"]),
       st.booleans())
def test_the_total_is_the_sum_of_its_parts_after_the_packs_rounding(scores, executed, mode, capped):
    extra = ('[rules]', 'total_caps = [{ below = 80, max = 89 }]\n\n[rules]') if capped else ('[rules]', '[rules]')
    pack = pack_with(('rounding = "round"', f'rounding = "{mode}"'), extra)
    form = packs.new_form(pack, 2024)
    group = form.sections[0].children[0]
    for s in scores:
        group.append(Node("x", max_points=D(10), score=s))
    total = form.budget.row("total")
    total.planned, total.actual = D(100), executed
    b = budget_score(form.budget, form.settings)
    assert b == round2(b, mode)
    parts = sum(scores, D(0)) + b
    t = compute(form)
    cap = D(89) if capped and total.rate < 80 else None
    assert t.total_score == (min(parts, cap) if cap is not None else parts)
