"""得分 against the scoring assistant: the 定性 band and a large gap are warnings (issue 14, 7)."""

from __future__ import annotations

from decimal import Decimal as D

from perfgui.model import check
from perfgui.model.rules import WARNING
from perfgui.model.serialize import from_dict, to_dict


def node_named(form, name):
    return next(n for n in form.root.walk() if n.name == name)


def by_code(form, code):
    return [f for f in check(form) if f.code == code]


def test_qualitative_score_far_below_its_band_is_a_warning_at_the_score(seed_form):
    node = node_named(seed_form, "电梯加装完成及时性")  # 及时 / 达成指标, 分值 1.00: band 0.80–1.00
    assert not by_code(seed_form, "SCORE_OUT_OF_BAND")
    node.score = D("0.10")
    node.reason = "验收推迟"  # a reason does not make a score outside its band right
    found = by_code(seed_form, "SCORE_OUT_OF_BAND")
    assert len(found) == 1
    f = found[0]
    assert f.level == WARNING and f.node_id == node.id and f.field == "score"
    assert "达成" in f.message and "0.80–1.00" in f.message and "0.10" in f.message
    node.score = D("0.80")
    assert not by_code(seed_form, "SCORE_OUT_OF_BAND")


def test_the_issue_example_five_points_scored_half_a_point(seed_form):
    node = node_named(seed_form, "电梯加装完成及时性")
    node.max_points, node.score = D("5.00"), D("0.50")
    (f,) = by_code(seed_form, "SCORE_OUT_OF_BAND")
    assert "4.00–5.00" in f.message and "0.50" in f.message


def test_full_points_the_assistant_would_cut_by_more_than_the_share_is_a_warning(seed_form):
    node = node_named(seed_form, "电梯加装完成率")  # =100.00(%), 分值 1.00, 得分 1.00
    node.actual = "80.00(%)"  # the assistant suggests 0.80: within 30 % of 1.00
    assert not by_code(seed_form, "SCORE_FAR_FROM_SUGGESTION")
    node.actual = "50.00(%)"  # suggests 0.50, the form keeps 1.00
    (f,) = by_code(seed_form, "SCORE_FAR_FROM_SUGGESTION")
    assert f.level == WARNING and f.node_id == node.id and f.field == "score"
    assert "1.00" in f.message and "0.50" in f.message and "30%" in f.message
    # The share is a setting of the form, kept in its file.
    seed_form.settings.suggestion_share = D("0.6")
    assert not by_code(seed_form, "SCORE_FAR_FROM_SUGGESTION")
    back = from_dict(to_dict(seed_form))
    assert back.settings.suggestion_share == D("0.6")
    back.settings.suggestion_share = D("0.3")
    assert by_code(back, "SCORE_FAR_FROM_SUGGESTION")
    # A written reason is the explanation the warning asks for.
    node.reason = "超额完成的部分由区里统一验收"
    seed_form.settings.suggestion_share = D("0.3")
    assert not by_code(seed_form, "SCORE_FAR_FROM_SUGGESTION")


def test_a_deduction_without_reason_is_said_once_as_reason_missing(seed_form):
    node = node_named(seed_form, "电梯加装完成率")
    node.score = D("0.20")  # the assistant suggests 1.00: REASON_MISSING already says it
    codes = [f.code for f in check(seed_form) if f.node_id == node.id]
    assert codes == ["REASON_MISSING"]


def test_share_outside_zero_to_one_is_refused_with_a_message(seed_form):
    import pytest

    from perfgui.model.serialize import FormatError

    data = to_dict(seed_form)
    data["settings"]["suggestion_share"] = "3"
    with pytest.raises(FormatError, match="0 到 1"):
        from_dict(data)
