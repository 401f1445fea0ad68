"""Layouts and habits of real forms, each as the smallest grid that shows it.

The real forms in tests/data/real/ cover these too; here each habit is alone, so a failure names
it: the Sichuan columns, a MOF-style 部门整体 with budget points, 年初(A)/执行(B), amounts typed
with their unit, template rows, text fields that are not indicators, printed figures that
disagree with the computed ones.
"""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfgui.model.totals import budget_score
from perfgui.exchange.errors import ImportFailed
from perfgui.model import check, compute, node_max, node_score
from perfgui.readers import guesses as G
from perfgui.readers.cells import amount, combine_target, points_in_label
from perfgui.readers.grid import Grid, Merge
from perfgui.readers.pasted import read_pasted
from perfgui.readers.recognise import recognise


def sheet(text: str, merges=()) -> Grid:
    """A spreadsheet grid from ``|``-separated rows (cells stripped)."""
    rows = [[c.strip() for c in line.split("|")] for line in text.strip("\n").split("\n")]
    width = max(len(r) for r in rows)
    return Grid([r + [""] * (width - len(r)) for r in rows], [Merge(*m) for m in merges], "xlsx", "Sheet1")


def kinds(result, kind):
    return [g for g in result.guesses if g.kind == kind]


SICHUAN = """
部门预算项目支出绩效自评表（2023年度）
项目名称|某某县道路养护
主管部门|某某县交通运输局|||||实施单位 (盖章)|某某县公路养护中心
预算执行情况（10分）|年度预算数（万元）|年初预算|调整后预算数|预算执行数|预算执行率|权重|得分|原因
|总额|100|120|103.42|86.19%|10|8.62|
|其中：财政资金|100|120|103.42|86.18%|/|/|
|财政专户管理资金|0|0|0|0|/|/|
|单位资金|0|0|0|0|/|/|
|其他资金||||||/|/|
绩效指标（90分）|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|完成值|权重|得分|未完成原因分析
|产出指标|数量指标|养护里程|≧|95|公里|96|40|40|
||质量指标|路面合格率|＞＝|98|%|97|20|19.8|个别路段雨季返修
||时效指标|指标1||||||
||……|||||||||
|效益指标|社会效益指标|群众出行便利度|定性|提升||提升|20|20|
|满意度指标|服务对象满意度指标|群众满意度|≥|90|%|95|10|10|
合计||||||||100|98.42
评价结论|道路养护任务全面完成。
存在问题|个别路段雨季返修。
改进措施|加强雨季巡查。
项目负责人：张三|||||财务负责人：李四
"""


def test_sichuan_layout():
    result = recognise([sheet(SICHUAN)])
    form = result.form
    assert form.kind.value == "project" and form.header.year == 2023
    assert form.header.unit == "某某县公路养护中心" and form.header.department == "某某县交通运输局"
    b = form.budget
    assert (b.unit, b.points) == ("万元", D(10))
    total = b.row("total")
    assert (total.initial, total.planned, total.actual, total.rate) == (D(100), D(120), D("103.42"), D("86.18"))
    assert {r.label for r in b.rows} >= {"财政专户管理资金", "单位资金"}
    leaves = form.scored()
    # 指标性质 + 指标值 + 度量单位 kept together as the target; 权重 after 完成值 is the 分值.
    assert [(n.name, n.target, n.actual, n.max_points, n.score) for n in leaves] == [
        ("养护里程", "≧95公里", "96公里", D(40), D(40)),
        ("路面合格率", "＞＝98%", "97%", D(20), D("19.8")),
        ("群众出行便利度", "提升", "提升", D(20), D(20)),
        ("群众满意度", "≥90%", "95%", D(10), D(10)),
    ]
    assert leaves[1].reason == "个别路段雨季返修"
    assert len(result.template_rows) == 2 and len(kinds(result, G.SKIPPED)) == 1
    t = compute(form)
    assert (t.total_max, t.total_score) == (D(100), D("98.42"))
    # Rows under the table are the fields they are, never indicators.
    assert form.signoff.get("评价结论") == "道路养护任务全面完成。"
    assert form.signoff.get("改进措施") == "加强雨季巡查。"
    assert [f.label for f in form.signoff.fields][-2:] == ["项目负责人", "财务负责人"]
    assert form.signoff.get("项目负责人") == "张三"
    printed = [g.message for g in result.printed]
    assert any("表上印的年度资金总额执行率 86.19%，按执行数/预算数应为 86.18%" in m for m in printed)
    # The sub-row's 86.18% is right; the total's 得分 8.62 is too (8618 × 10).
    assert len(printed) == 1, printed
    where = result.printed[0]
    assert (where.grid, where.row, where.col) == ("Sheet1", 4, 5)


MOF_DEPARTMENT = """
部门整体支出绩效自评表
（2023年度）
部门（单位）名称|某某县教育局
预算资金（万元）|||年初预算数|全年预算数|全年执行数|分值|执行率|得分
|年度资金总额||1,000.5|1,000.5|950.475|10|95.00%|9.50
|其中：当年财政拨款||1000.5|1000.5|950.475|—|95.00%|—
|上年结转资金||||||—||—
|其他资金||||||—||—
年度总体目标|预期目标||||实际完成情况
|办好人民满意的教育。||||全年完成。
绩效指标|一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析及改进措施
|产出指标(50分)|数量指标|在校生人数|≥5000人|5100人|50|50|
|效益指标(30分)|社会效益指标|入学率|≥99%|99.5%|30|30|
|满意度指标(10分)|服务对象满意度指标|家长满意度|≥90%|92%|10|10|
总分||||||100|99.5
"""


def test_mof_style_department_with_budget_points():
    result = recognise([sheet(MOF_DEPARTMENT)])
    form = result.form
    assert form.kind.value == "department" and form.header.unit == "某某县教育局"
    assert form.budget.points == D(10) and form.budget.unit == "万元"
    assert form.budget.row("total").planned == D("1000.5")  # thousands separator
    assert budget_score(form.budget, form.settings) == D("9.50")
    assert [(s.name, s.weight) for s in form.sections] == [("产出指标", D(50)), ("效益指标", D(30)), ("满意度指标", D(10))]
    assert any(g.kind == G.LABEL_POINTS for g in result.guesses)
    t = compute(form)
    assert (t.total_max, t.total_score, t.weight_sum) == (D(100), D("99.50"), D(100))
    assert result.printed == []
    assert form.goals.planned == "办好人民满意的教育。" and form.goals.achieved == "全年完成。"
    # 950.475 万元 (three decimals) is exact to the 元: no finding about decimals.
    assert not any(f.code == "DECIMALS" for f in check(form))


def test_budget_with_initial_a_and_executed_b_only():
    text = """
项目支出绩效自评表（2022年度）
项目名称|水渠修复
资金情况（万元）|||年初(A)|执行(B)|分值|执行率(B/A)|得分
|年度资金总额：||20|19|10|95%|9.5
绩效指标|一级指标|二级指标|三级指标|分值|年度指标值|全年实际值|得分|未完成原因
|产出指标(90分)|数量指标|修复长度|90|≥10公里|10公里|90|
总分||||100|||99.5
"""
    form = recognise([sheet(text)]).form
    total = form.budget.row("total")
    assert (total.planned, total.actual, total.rate) == (D(20), D(19), D("95.00"))
    assert compute(form).total_score == D("99.50")


def test_budget_total_printed_as_zero_is_computed_from_its_parts_and_flagged():
    text = MOF_DEPARTMENT.replace("|年度资金总额||1,000.5|1,000.5|950.475|10|95.00%|9.50",
                                  "|年度资金总额||0|0|0|10|0|0")
    result = recognise([sheet(text)])
    total = result.form.budget.row("total")
    assert (total.initial, total.planned, total.actual) == (D("1000.5"), D("1000.5"), D("950.475"))
    printed = [g.message for g in result.printed]
    assert any("年度资金总额的年初预算数、全年预算数、全年执行数印为 0" in m and "1000.5 / 1000.5 / 950.475" in m
               for m in printed), printed
    assert any("执行率 0%" in m for m in printed) and any("预算执行得分 0" in m for m in printed)


@pytest.mark.parametrize("typed, unit, value", [
    ("150万", "元", D(1500000)), ("125.25万元", "元", D(1252500)), ("150万", "万元", D(150)),
    ("215,457.6", "元", D("215457.6")), ("1500元", "万元", D("0.15")), ("278.4449", "万元", D("278.4449")),
])
def test_amounts_typed_with_units(typed, unit, value):
    assert amount(typed, unit)[0] == value


def test_amounts_with_units_in_a_budget_that_names_no_unit():
    text = MOF_DEPARTMENT.replace("预算资金（万元）", "预算资金").replace("1,000.5|1,000.5|950.475", "1000.5万|1000.5万|950.475万")
    result = recognise([sheet(text)])
    assert result.form.budget.unit == "万元"
    assert result.form.budget.row("total").planned == D("1000.5")
    assert any(g.kind == G.MONEY_UNIT and "万元" in g.message for g in result.guesses)


@pytest.mark.parametrize("nature, value, unit, target", [
    ("≧", "95", "%", "≧95%"), ("═", "100", "%", "═100%"), ("﹦", "100", "%", "﹦100%"),
    ("以上", "95", "%", "95%以上"), ("以内", "10", "天", "10天以内"), ("定性", "提升", "", "提升"),
    ("≥", "≥95", "%", "≥95%"),
])
def test_target_kept_together_with_its_comparator_and_unit(nature, value, unit, target):
    assert combine_target(nature, value, unit) == target


def test_weights_in_labels():
    assert points_in_label("产出指标(50分)") == ("产出指标", D(50))
    assert points_in_label("绩效指标（90分）") == ("绩效指标", D(90))
    assert points_in_label("预算执行率（权重10分）") == ("预算执行率", D(10))
    assert points_in_label("数量指标") == ("数量指标", None)


def test_kind_comes_from_the_title_never_from_a_project_name():
    text = """
2020年度项目支出绩效自评表
项目名称|2020年省级卫片执法补助经费支出绩效自评表
主管部门|某某局|实施单位|某某所
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析
产出指标|数量指标|图斑核查|≥100个|100个|90|90|
总分|||||90|90|
"""
    form = recognise([sheet(text)]).form
    assert form.kind.value == "project"
    assert form.header.project_name == "2020年省级卫片执法补助经费支出绩效自评表"
    department = text.replace("2020年度项目支出绩效自评表", "2020年度部门整体支出绩效自评表")
    assert recognise([sheet(department)]).form.kind.value == "department"


@pytest.mark.parametrize("label", ["单位名称", "部门", "部门（单位）名称", "填报单位"])
def test_unit_from_its_labels(label):
    text = f"""
部门整体支出绩效自评表（2024年度）
{label}：某某镇人民政府
一级指标|权重|二级指标|三级指标|年度指标值|全年完成值|分值|得分|偏差及原因分析
产出指标|100|数量指标|甲|≥1个|1个|100|100|
"""
    assert recognise([sheet(text)]).form.header.unit == "某某镇人民政府"


def test_unit_from_the_seal_line():
    text = """
部门整体支出绩效自评表（2024年度）
一级指标|权重|二级指标|三级指标|年度指标值|全年完成值|分值|得分|偏差及原因分析
产出指标|100|数量指标|甲|≥1个|1个|100|100|
总分||||||100|100|
单位（盖章）：某某镇人民政府|||填表人：王五
"""
    result = recognise([sheet(text)])
    assert result.form.header.unit == "某某镇人民政府"
    assert result.form.signoff.get("填表人") == "王五"
    assert any(g.kind == G.UNIT for g in result.guesses)


def test_numbered_parent_rows_are_never_counted_twice():
    text = """
项目支出绩效自评表（2022年度）
一级指标|二级指标|三级指标|年初目标值(A)|实际完成值(B)|得分
产出指标(60分)|数量指标|一、示范区建立|≧20000亩|20000亩|15.0
||1、水稻|≧500亩|500亩|5.0
||2、玉米|≧1000亩|1000亩|5.0
||3、配方肥|≧18500亩|18500亩|4.0
||二、土样化验|≧60个|105个|45.0
"""
    result = recognise([sheet(text)])
    form = result.form
    assert [n.name for n in form.scored()] == ["1、水稻", "2、玉米", "3、配方肥", "二、土样化验"]
    assert compute(form).total_score == D("59.0")
    # The parent row prints 15.0 over children worth 14.0: said, not counted.
    assert any("一、示范区建立" in g.message and "15.0" in g.message and "14.00" in g.message for g in result.printed)
    # No 分值 column: the block weight is shared out (and said so).
    assert node_max(form.sections[0]) == D(60)
    assert any("平均分给" in g.message for g in result.guesses)


def test_printed_subtotal_total_and_grade_that_disagree():
    text = """
部门（单位）整体支出绩效自评表（2024年度）
单位名称|某单位
一级指标|权重|二级指标|三级指标|年度指标值|全年完成值|分值|得分|偏差及原因分析
产出指标|60|数量指标|甲|≥1个|1个|30|30|
|||乙|≥1个|1个|30|25|少做一项
||小计||||60|56|
效益指标|40|社会效益指标|丙|提升|提升|40|40|
总分||||||100|96|
自评得分：96|||自评等级：良
"""
    result = recognise([sheet(text)])
    assert node_score(result.form.sections[0]) == D(55)
    messages = [g.message for g in result.printed]
    assert any("“产出指标”得分小计 56" in m and "55.00" in m for m in messages), messages
    assert any("印的总分为 96.00" in m and "95.00" in m for m in messages)
    assert any("自评得分 96" in m for m in messages)
    assert any("自评等级“良”" in m and "“优”" in m for m in messages)
    assert all(g.row >= 0 for g in result.printed)


def test_other_matters_inside_the_table_is_a_field_not_an_indicator():
    text = """
项目支出绩效自评表（2022年度）
一级指标|二级指标|三级指标|年度指标值|实际完成值|分值|得分|偏差原因分析
产出指标|数量指标|甲|≥1个|1个|90|90|
其他需要说明事项|||无
总分|||||90|90|
"""
    form = recognise([sheet(text)]).form
    assert compute(form).indicators == 1
    assert form.signoff.get("其他需要说明事项") == "无"


def test_pasted_text_and_the_sheet_read_alike():
    text = SICHUAN.replace("|", "\t")
    a, b = recognise([sheet(SICHUAN)]).form, read_pasted(text).form
    assert compute(a) == compute(b)
    assert [(n.name, n.target, n.actual) for n in a.scored()] == [(n.name, n.target, n.actual) for n in b.scored()]


def test_a_sheet_without_an_indicator_header_is_refused_in_chinese():
    with pytest.raises(ImportFailed, match="表头"):
        recognise([sheet("预算表|||\n|总额|100|90")])
