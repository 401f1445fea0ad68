"""Sample forms made from rule packs the way a person makes them: created from the pack, filled
with plausible figures and texts, checked. Also a Sichuan-style pack for tests (split target
columns, 原因 in the budget, totals capped by 执行率, truncation), whatever packs are shipped.
"""

from __future__ import annotations

from decimal import Decimal

from perfgui import packs
from perfgui.model import ERROR, Form, FormKind, Node, check
from perfgui.model.packs import Pack

SICHUAN_STYLE = """
format = 1
name = "test-sichuan-style"
version = "test"
title = "测试用 四川式 项目支出绩效自评表"
place = "测试"
kind = "project"
years = [2020, 2030]
source = "tests/pack_samples.py: the Sichuan layout described in DOMAIN.md"

[layout]
title = "部门预算项目支出绩效自评表"
unit_label = "实施单位"
budget_title = "预算执行情况（10分）"
goals_title = "年度总体目标"
goals = ["预期目标", "实际完成情况"]
indicator_title = "绩效指标（90分）"
signoff = ["项目负责人", "财务负责人", "填表人", "填报日期"]
seal = "单位（盖章）"
note = "指标性质：≥ 为正向指标，≤ 为反向指标，= 为等于指标，定性为定性指标。"
budget_columns = [
  { key = "initial", label = "年初预算", width = 17 },
  { key = "planned", label = "调整后预算数", width = 19 },
  { key = "actual", label = "预算执行数", width = 18 },
  { key = "rate", label = "预算执行率", width = 17 },
  { key = "points", label = "权重", width = 9 },
  { key = "score", label = "得分", width = 12 },
  { key = "reason", label = "原因", width = 28 },
]
columns = [
  { key = "level1", label = "一级指标", width = 14, landscape = 18 },
  { key = "level2", label = "二级指标", width = 16, landscape = 22 },
  { key = "level3", label = "三级指标", width = 30, landscape = 45 },
  { key = "nature", label = "指标性质", width = 11, landscape = 13 },
  { key = "value", label = "指标值", width = 13, landscape = 16 },
  { key = "measure_unit", label = "度量单位", width = 11, landscape = 13 },
  { key = "actual", label = "完成值", width = 17, landscape = 24 },
  { key = "max", label = "权重", width = 12, landscape = 14 },
  { key = "score", label = "得分", width = 12, landscape = 14 },
  { key = "reason", label = "未完成原因分析", width = 24, landscape = 48 },
]

[budget]
unit = "万元"
points = 10
rows = [
  { key = "total", label = "总额", group = "" },
  { key = "fiscal", label = "财政资金", group = "其中" },
  { key = "special", label = "财政专户管理资金", group = "其中" },
  { key = "own", label = "单位资金", group = "其中" },
  { key = "other", label = "其他资金", group = "其中" },
]

[[template.sections]]
name = "产出指标"
weight = 50
groups = ["数量指标", "质量指标", "时效指标", "成本指标"]

[[template.sections]]
name = "效益指标"
weight = 30
groups = ["社会效益指标", "可持续影响指标"]

[[template.sections]]
name = "满意度指标"
weight = 10
groups = ["服务对象满意度指标"]

[scoring]
rounding = "truncate"
budget_full_at = 100
total_caps = [
  { below = 80, max = 89 },
  { below = 70, max = 79 },
  { below = 60, max = 69 },
  { below = 50, max = 59 },
]

[rules]
grades = [
  { min = 90, label = "优" },
  { min = 80, label = "良" },
  { min = 60, label = "中" },
]
lowest = "差"
reason_when = ["below_max", "low_execution"]
low_execution = 90
reason_max = 100
conclusion_max = 200
"""

# (name, target, actual) of the indicators a sample form gets, in turn, under each 二级.
LEAVES = (
    ("任务完成率", "≥95%", "96%"),
    ("验收合格率", "=100%", "100%"),
    ("按期完成", "及时", "达成指标"),
    ("单位成本", "≤90万元", "88万元"),
    ("受益群众满意度", "≥90%", "93%"),
)


def sichuan_style() -> Pack:
    return packs.read_pack_text(SICHUAN_STYLE, "测试规则包")


def all_packs() -> list[Pack]:
    """Every shipped pack and the Sichuan-style test pack."""
    return list(packs.shipped()) + [sichuan_style()]


def _split(total: Decimal, n: int) -> list[Decimal]:
    """``total`` in ``n`` parts of two decimals that add up to it exactly."""
    cent = Decimal("0.01")
    part = (total / n).quantize(cent)
    return [part] * (n - 1) + [total - part * (n - 1)]


def _fill_budget(form: Form) -> None:
    """Figures that add up the way the pack's rows say: parts to the total, sources to uses."""
    b = form.budget
    project = any(r.key == "total" for r in b.rows)
    planned = Decimal("120.00") if b.unit == "万元" else Decimal("2751126.88")
    actual = Decimal("114.00") if b.unit == "万元" else Decimal("2740233.14")
    groups: dict[str, list] = {}
    for row in b.rows:
        groups.setdefault(row.group, []).append(row)
    for group, rows in groups.items():
        if group == "" and project:
            for row in rows:
                row.initial, row.planned, row.actual = planned, planned, actual
            continue
        for row, p, a in zip(rows, _split(planned, len(rows)), _split(actual, len(rows))):
            row.initial, row.planned, row.actual = p, p, a
    if project:
        b.reason = ""


def fill(form: Form, *, execution: Decimal | None = None) -> Form:
    """A form from a pack, filled in: header, budget, goals, indicators (full marks), sign-off.

    ``execution``: the 执行率 (%) the budget shows, e.g. 65 for a total capped by it.
    """
    h = form.header
    h.year = h.year or 2024
    h.unit = h.unit or "某街道城市建设管理事务中心"
    if form.kind is FormKind.PROJECT:
        h.project_name, h.department, h.implementer = "老旧小区综合改造", "某区住房和城乡建设管理委员会", h.unit
    _fill_budget(form)
    if execution is not None:
        for row in form.budget.rows:
            if row.planned is not None:
                row.actual = (row.planned * execution / 100).quantize(Decimal("0.01"))
        form.budget.reason = "部分工程款按合同约定于次年支付，资金未能在年内全部拨付。"
    form.goals.planned = "完成 3 个小区的综合改造，改善居住条件。"
    form.goals.achieved = "完成 3 个小区改造，居民满意度 93%。"
    k = 0
    for section in form.sections:
        fixed = sum((g.max_points for g in section.children if g.is_scored), Decimal(0))
        open_groups = [g for g in section.children if not g.is_scored]
        for g in section.children:
            if g.is_scored:
                g.score = g.max_points
        if not open_groups:
            continue
        for group, points in zip(open_groups, _split((section.weight or Decimal(0)) - fixed, len(open_groups))):
            if "满意" in section.name:
                name, target, actual = LEAVES[-1]
            else:
                name, target, actual = LEAVES[k % (len(LEAVES) - 1)]
                k += 1
            group.append(Node(f"{group.name[:2]}{name}", target=target, actual=actual, max_points=points,
                              score=points))
    for f in form.signoff.fields:
        f.value = {"填表人": "王五", "联系电话": "021-12345678", "填报日期": "2025年2月28日"}.get(f.label, "")
    return form


def sample(pack: Pack, **kw) -> Form:
    """A checked sample form of a pack (no errors; the scores as the assistant would give)."""
    form = fill(packs.new_form(pack, 2024, "某街道城市建设管理事务中心"), **kw)
    errors = [f for f in check(form) if f.level == ERROR]
    assert not errors, [f.message for f in errors]
    return form


def header_rows(layout) -> list[list[str]]:
    """The indicator table's column labels as printed: one row, or two under grouped labels
    (the group's label once in the first row, its columns' labels in the second)."""
    top, below = [], []
    for i, c in enumerate(layout.columns):
        if not c.group:
            top.append(c.label)
            continue
        if i == 0 or layout.columns[i - 1].group != c.group:
            top.append(c.group)
        below.append(c.label)
    return [top, below] if below else [top]
