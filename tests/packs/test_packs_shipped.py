"""The packs that ship with the program: each loads, says where it comes from and what is not
verified, makes a form that adds up to 100, and its own rules behave as its source says."""

from __future__ import annotations

from decimal import Decimal

import pytest

from perfgui import packs
from perfgui.model import FormKind, Node, check, compute
from perfgui.model.packs import apply_pack
from perfgui.model.totals import budget_score
from perfgui.resources import resource_path

NEW_PACKS = {
    "shanghai-project": FormKind.PROJECT,
    "sichuan-project": FormKind.PROJECT,
    "yunnan-project": FormKind.PROJECT,
    "mof-department": FormKind.DEPARTMENT,
    "national-project-80-70-60": FormKind.PROJECT,
}
ALL = sorted(set(NEW_PACKS) | {"shanghai-department", "national-project"})


def codes(form) -> list[str]:
    return [f.code for f in check(form)]


def filled(name: str, year: int = 2023):
    """A form from the pack, one indicator per 一级 worth its whole weight, all met; the budget
    fully spent."""
    pack = packs.find(name)
    form = pack.new_form(year, "测试单位")
    form.header.project_name = "测试项目"
    form.header.department = "测试主管部门"
    for section in form.sections:
        group = section.children[0]
        if group.max_points is not None:  # a 二级 scored directly (Shanghai 投入管理)
            for g in section.children:
                g.score = g.max_points
            continue
        group.append(Node("完成率", target="≥95%", actual="100%", max_points=section.weight,
                          score=section.weight))
    for row in form.budget.rows:
        if row.group != "资金结构" or row.key.endswith("basic"):
            row.planned = row.actual = Decimal("100.00")
    if form.budget.row("total") is not None:  # the total is the sum of its 其中 rows
        for row in form.budget.rows:
            if row.group == "其中" and row.key != "fiscal":
                row.planned = row.actual = None
    if any(r.group == "资金结构" for r in form.budget.rows):
        form.budget.row("source_other").planned = form.budget.row("source_other").actual = None
    return form


def spend(form, amount: str) -> None:
    """Set what was spent of the 100.00 budgeted, in the total and the one part that holds it."""
    for key in ("total", "fiscal", "source_fiscal", "struct_basic"):
        row = form.budget.row(key)
        if row is not None:
            row.actual = Decimal(amount)


@pytest.mark.parametrize("name", ALL)
def test_every_shipped_pack_loads_and_names_its_source(name):
    pack = packs.find(name)
    assert pack.name == name
    assert pack.source.strip()
    assert pack.unverified, "every shipped pack lists what was not checked against an official text"
    text = (resource_path("packs") / f"{name}.toml").read_text(encoding="utf-8")
    if name in NEW_PACKS:
        assert pack.kind is NEW_PACKS[name]
        assert "http" in pack.source or "财预〔2020〕10号" in pack.source
        assert "Verified" in text  # the file says which parts were checked against the published form


@pytest.mark.parametrize("name", ALL)
def test_a_form_from_each_pack_adds_up_to_100(name):
    pack = packs.find(name)
    weights = sum((s.weight for s in pack.sections), Decimal(0)) + (pack.budget.points or 0)
    assert weights == 100
    form = filled(name)
    assert form.pack == name and form.layout == pack.layout
    totals = compute(form)
    assert totals.total_max == 100
    assert totals.total_score == 100
    assert totals.grade == pack.settings.grade_bands[0].label == "优"
    assert "WEIGHT_SUM" not in codes(form)


def test_sichuan_prints_its_own_columns_and_sign_off_lines():
    lay = packs.find("sichuan-project").layout
    assert [c.label for c in lay.columns] == [
        "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"]
    assert not lay.has("target") and lay.has("nature") and lay.has("measure_unit")
    assert [c.label for c in lay.budget_columns] == [
        "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"]
    assert lay.budget_title == "预算执行情况（10分）" and lay.indicator_title == "绩效指标（90分）"
    assert lay.signoff == ("项目负责人", "财务负责人")
    pack = packs.find("sichuan-project")
    assert [label for _, label, _ in pack.budget.rows] == ["总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    assert sum(s.weight for s in pack.sections) == 90 and pack.budget.points == 10


def test_sichuan_requires_a_reason_below_90_percent_execution():
    form = filled("sichuan-project")
    spend(form, "89.99")
    assert form.budget.execution_rate == Decimal("89.99")
    assert "BUDGET_REASON_MISSING" in codes(form)
    assert budget_score(form.budget, form.settings) == Decimal("9.00")
    form.budget.reason = "项目合同年底签订，部分款项次年支付。"
    assert "BUDGET_REASON_MISSING" not in codes(form)
    form.budget.reason = ""
    spend(form, "90.00")
    assert "BUDGET_REASON_MISSING" not in codes(form)
    # The same execution under the national pack asks for no reason.
    national = apply_pack(form, packs.find("national-project"))
    spend(national, "50.00")
    assert "BUDGET_REASON_MISSING" not in codes(national)


def test_sichuan_limits_reasons_to_100_and_conclusions_to_200_characters():
    form = filled("sichuan-project")
    spend(form, "80.00")
    form.budget.reason = "字" * 101
    assert "TEXT_TOO_LONG" in codes(form)
    form.budget.reason = "字" * 100
    assert "TEXT_TOO_LONG" not in codes(form)
    leaf = next(form.root.scored_leaves())
    leaf.score = leaf.max_points - 1
    leaf.reason = "因" * 101
    assert "TEXT_TOO_LONG" in codes(form)
    leaf.reason = "因" * 100
    assert "TEXT_TOO_LONG" not in codes(form)
    form.goals.achieved = "成" * 201
    assert "TEXT_TOO_LONG" in codes(form)
    form.goals.achieved = "成" * 200
    assert "TEXT_TOO_LONG" not in codes(form)
    # The national pack has no such limits.
    other = apply_pack(form, packs.find("national-project"))
    other.goals.achieved = "成" * 2000
    assert "TEXT_TOO_LONG" not in codes(other)


def test_yunnan_splits_the_target_into_nature_value_and_unit():
    lay = packs.find("yunnan-project").layout
    keys = [c.key for c in lay.columns]
    assert keys.index("nature") + 1 == keys.index("value") == keys.index("measure_unit") - 1
    assert "target" not in keys
    assert [c.label for c in lay.columns][keys.index("actual"):] == ["实际完成值", "分值", "得分", "偏差原因分析及改进措施"]


def test_the_mof_department_form_scores_its_budget_with_10_points():
    pack = packs.find("mof-department")
    assert pack.kind is FormKind.DEPARTMENT and pack.budget.points == 10
    assert [s.name for s in pack.sections] == ["产出指标", "效益指标", "满意度指标"]
    assert sum(s.weight for s in pack.sections) == 90
    form = filled("mof-department")
    spend(form, "85.00")
    assert budget_score(form.budget, form.settings) == Decimal("8.50")
    assert compute(form).total_score == Decimal("98.50")
    # The Shanghai 部门整体 form does not score its budget.
    seed_like = filled("shanghai-department")
    assert budget_score(seed_like.budget, seed_like.settings) is None


def test_shanghai_project_is_printed_in_yuan_with_its_title():
    pack = packs.find("shanghai-project")
    assert pack.budget.unit == "元" and pack.layout.title == "财政项目支出绩效自评表"
    assert packs.find("national-project").budget.unit == "万元"


@pytest.mark.parametrize("total, national, banded", [
    ("95", "优", "优"), ("85", "良", "优"), ("75", "中", "良"), ("65", "中", "中"), ("59.99", "差", "差"),
])
def test_the_80_70_60_bands_grade_differently_from_the_national_ones(total, national, banded):
    form = filled("national-project")
    leaf = next(form.root.scored_leaves())
    leaf.score = leaf.max_points - (Decimal(100) - Decimal(total))
    leaf.reason = "未完成"
    assert compute(form).total_score == Decimal(total)
    assert compute(form).grade == national
    moved = apply_pack(form, packs.find("national-project-80-70-60"))
    assert compute(moved).total_score == Decimal(total)
    assert compute(moved).grade == banded
    # Same layout and formulas: only the bands differ.
    a, b = packs.find("national-project"), packs.find("national-project-80-70-60")
    assert a.layout == b.layout and a.sections == b.sections
    assert [(g.minimum, g.label) for g in b.settings.grade_bands] == [
        (Decimal(80), "优"), (Decimal(70), "良"), (Decimal(60), "中")]


def test_the_two_default_packs_are_still_the_defaults():
    assert packs.default_for(FormKind.DEPARTMENT).name == "shanghai-department"
    assert packs.default_for(FormKind.PROJECT).name == "national-project"
