"""Every rule of DOMAIN.md, one finding at a time."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfgui.model import Node, Status, check, compute
from perfgui.model.form import Form, FormKind, GradeBand, Settings
from perfgui.model.rules import ERROR, WARNING, counts
from blanks import blank_department, blank_project
from perfgui.model.totals import budget_score, grade


def codes(form):
    return sorted(f.code for f in check(form))


def valid_form() -> Form:
    """A small department form that breaks no rule."""
    form = blank_department("测试单位", 2024)
    im, out, eff, sat = form.sections
    # 投入管理 keeps its seven scored 二级 (30 points); fill the rest.
    for group in out.children[1:]:
        out.remove(group)
    out.weight = D(30)
    out.children[0].append(Node("完成率", target="≥95%", actual="96%", max_points=D(30), score=D(30)))
    for group in eff.children[:1] + eff.children[2:]:
        eff.remove(group)
    eff.children[0].append(Node("群众获得感", target="提升", actual="达成指标", max_points=D(30), score=D(30)))
    sat.children[0].append(Node("满意度", target="≥90%", actual="92%", max_points=D(10), score=D(10)))
    for leaf in im.children:
        leaf.score = leaf.max_points
    for row, (p, a) in zip(form.budget.rows, [("100", "90"), ("0", "0"), ("40", "40"), ("60", "50")]):
        row.planned, row.actual = D(p), D(a)
    return form


def test_valid_form_has_no_findings():
    form = valid_form()
    assert check(form) == []
    t = compute(form)
    assert (t.total_max, t.total_score, t.grade) == (D(100), D(100), "优")


def test_weight_sum_must_be_100():
    form = valid_form()
    form.sections[3].weight = D(15)
    found = [f for f in check(form) if f.code == "WEIGHT_SUM"]
    assert len(found) == 1 and found[0].level == ERROR and "105.00" in found[0].message


def test_section_points_must_equal_weight():
    form = valid_form()
    form.sections[1].children[0].children[0].max_points = D(29)
    form.sections[1].children[0].children[0].score = D(29)
    found = [f for f in check(form) if f.code == "SECTION_POINTS"]
    assert len(found) == 1 and found[0].node_id == form.sections[1].id and "29.00" in found[0].message


def test_missing_weight():
    form = valid_form()
    form.sections[0].weight = None
    assert "WEIGHT_MISSING" in codes(form)


@pytest.mark.parametrize("score, code", [(D("-1"), "SCORE_RANGE"), (D("31"), "SCORE_RANGE"),
                                         (D("29"), "REASON_MISSING")])
def test_score_bounds_and_reason(score, code):
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.score = score
    found = [f for f in check(form) if f.node_id == leaf.id]
    assert [f.code for f in found] == [code]
    assert found[0].level == ERROR
    assert found[0].field == ("reason" if code == "REASON_MISSING" else "score")


def test_reason_clears_missing_reason():
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.score = D(29)
    leaf.reason = "部分工作延期"
    assert check(form) == []


def test_budget_splits_must_agree():
    form = valid_form()
    form.budget.row("struct_basic").planned = D(41)
    found = [f for f in check(form) if f.code == "BUDGET_SPLIT"]
    assert len(found) == 1 and "全年预算数" in found[0].message and "101.00" in found[0].message
    form.budget.row("struct_basic").planned = D(40)
    form.budget.row("source_fiscal").actual = D(91)
    assert [f.message for f in check(form) if f.code == "BUDGET_SPLIT"][0].startswith("全年执行数")


def test_project_budget_total():
    form = blank_project("道路养护", 2024)
    form.header.unit = "某局"
    total, fiscal, carry, other = form.budget.rows
    total.planned, fiscal.planned, carry.planned, other.planned = D(100), D(80), D(10), D(5)
    assert "BUDGET_TOTAL" in codes(form)
    other.planned = D(10)
    assert "BUDGET_TOTAL" not in codes(form)


def test_empty_cells_are_warnings_in_draft_and_errors_when_final():
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.actual = ""
    leaf.score = None
    found = {f.code: f.level for f in check(form)}
    assert found["EMPTY_ACTUAL"] == WARNING and found["EMPTY_SCORE"] == WARNING
    form.status = Status.FINAL
    found = {f.code: f.level for f in check(form)}
    assert found["EMPTY_ACTUAL"] == ERROR and found["EMPTY_SCORE"] == ERROR


def test_header_required():
    form = valid_form()
    form.header.unit = " "
    form.header.year = None
    assert {"HEADER_UNIT", "HEADER_YEAR"} <= set(codes(form))


def test_empty_groups_warn():
    form = valid_form()
    form.sections[1].append(Node("成本指标"))
    found = [f for f in check(form) if f.code == "EMPTY_GROUP"]
    assert len(found) == 1 and found[0].level == WARNING and "成本指标" in found[0].message


@pytest.mark.parametrize("target, actual, code", [
    ("≤90万元", "850000元", "UNIT_MIXED"),
    ("≥95%", "12个", "UNIT_MISMATCH"),
    ("=100%", "2750000", "UNIT_MISMATCH"),
    ("≥10个", "13个", "OVER_TARGET"),
    ("≥10个", "见附件", "ACTUAL_UNREADABLE"),
])
def test_unit_and_target_warnings(target, actual, code):
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.target, leaf.actual = target, actual
    found = [f for f in check(form) if f.node_id == leaf.id]
    assert [f.code for f in found] == [code]
    assert found[0].level == WARNING


def test_matching_units_are_fine():
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    for target, actual in [("≤90万元", "85万元"), ("0发生", "达成指标"), ("及时", "达成指标"),
                           ("=100.00(%)", "100.00(%)"), ("≥10个", "11个")]:
        leaf.target, leaf.actual = target, actual
        assert check(form) == [], (target, actual)


def test_over_target_with_reason_is_fine():
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.target, leaf.actual, leaf.reason = "≥10个", "20个", "年中追加任务"
    assert check(form) == []


def test_template_text_left_in_cells():
    form = valid_form()
    form.sections[1].children[0].children[0].reason = "请填写偏差原因"
    assert "TEMPLATE_TEXT" in codes(form)


def test_too_deep_and_empty_name():
    form = valid_form()
    leaf = form.sections[1].children[0].children[0]
    leaf.append(Node("", max_points=D(1), score=D(1), target="1", actual="1"))
    got = codes(form)
    assert "TOO_DEEP" in got and "EMPTY_NAME" in got


def test_no_indicators():
    form = Form()
    assert "NO_INDICATORS" in codes(form)


def test_grade_bands_are_settings():
    s = Settings()
    assert [grade(D(x), s) for x in (100, 90, "89.99", 80, 79, 60, "59.99", 0)] == [
        "优", "优", "良", "良", "中", "中", "差", "差"]
    s.grade_bands = [GradeBand(D(80), "优"), GradeBand(D(70), "良"), GradeBand(D(60), "中")]
    assert [grade(D(x), s) for x in (85, 75, 65, 55)] == ["优", "良", "中", "差"]


def test_project_totals_include_budget_execution():
    form = blank_project("项目", 2024)
    total = form.budget.row("total")
    total.planned, total.actual = D(200), D(180)
    assert form.budget.execution_rate == D("90.00")
    assert budget_score(form.budget, form.settings) == D("9.00")
    t = compute(form)
    assert t.total_max == D(10) and t.total_score == D("9.00") and t.weight_sum == D(100)
    total.actual = D(250)  # over budget: points are capped at 100 %
    assert budget_score(form.budget, form.settings) == D(10)


def test_counts():
    form = valid_form()
    form.sections[3].weight = D(11)
    form.sections[1].append(Node("空"))
    assert counts(check(form)) == (2, 1)


def test_kind_labels():
    assert FormKind.PROJECT.title == "项目支出绩效自评表"
    assert FormKind.DEPARTMENT.label == "部门整体"


def test_structure_uses_identity_not_equal_content():
    parent = Node("组")
    a, b = parent.append(Node("")), parent.append(Node(""))
    assert a == b and (a.row, b.row) == (0, 1)
    assert parent.remove(b) == 1 and parent.children[0] is a
    other = Node("另一组")
    parent.append(b)
    other.append(b)  # moves b, not its equal twin a
    assert parent.children == [a] and parent.children[0] is a and b.parent is other


def test_points_left_on_a_group_that_got_children_are_flagged():
    form = valid_form()
    group = form.sections[1].children[0]
    group.max_points = D(5)
    found = [f for f in check(form) if f.node_id == group.id]
    assert [(f.level, f.code) for f in found] == [(WARNING, "GROUP_OWN_POINTS")]
    assert compute(form).total_max == D(100)  # not counted
