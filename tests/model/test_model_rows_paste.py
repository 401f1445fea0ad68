"""Rows pasted from a person's own sheet, read by their content (issue 14, point 3)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from perfgui.model.rows_paste import RowsPasteError, is_official_layout, read_rows, split_cells


def fields(node):
    return (node.name, node.target, node.actual, node.max_points, node.score, node.reason)


def test_name_target_actual_points_score_reason_without_header():
    rows = read_rows("加装电梯居民满意度\t>=95%\t96%\t1\t1\t\n坡道改造数量\t≥15座\t15座\t2\t1.5\t两处施工延期\n")
    assert not rows.header
    assert rows.columns == {"name": 0, "target": 1, "actual": 2, "max_points": 3, "score": 4, "reason": 5}
    assert [fields(n) for n in rows.nodes] == [
        ("加装电梯居民满意度", ">=95%", "96%", D(1), D(1), ""),
        ("坡道改造数量", "≥15座", "15座", D(2), D("1.5"), "两处施工延期"),
    ]


def test_a_blank_column_and_a_serial_number_are_left_out():
    rows = read_rows("1\t电梯加装完成率\t\t=100%\t100%\t3\t3\n2\t绿化及时性\t\t及时\t达成指标\t0.5\t0.4\t一处延误\n")
    assert rows.columns["name"] == 1 and rows.columns["max_points"] == 5 and rows.columns["score"] == 6
    assert fields(rows.nodes[1]) == ("绿化及时性", "及时", "达成指标", D("0.5"), D("0.4"), "一处延误")


def test_score_is_the_column_never_above_the_other():
    rows = read_rows("甲完成率\t≥90%\t95%\t2\t3\n乙完成率\t≥90%\t80%\t1\t4\n")
    assert rows.columns["max_points"] == 4 and rows.columns["score"] == 3
    assert (rows.nodes[0].max_points, rows.nodes[0].score) == (D(3), D(2))


def test_header_names_the_columns_in_any_order():
    rows = read_rows("分值\t指标名称\t得分\t完成值\t目标值\t扣分原因\n2\t甲\t1\t部分达成\t及时\t延误\n")
    assert rows.header and fields(rows.nodes[0]) == ("甲", "及时", "部分达成", D(2), D(1), "延误")
    assert rows.column_note().startswith("第1列 分值、第2列 指标名称")


def test_what_cannot_be_taken_is_left_empty_and_said():
    rows = read_rows("甲完成率\t≥90%\t95%\t2\t5\n乙完成率\t≥90%\t95%\t3\t1\n")
    assert rows.nodes[1].score is None and any("超过分值" in n for n in rows.notes)
    rows = read_rows("指标名称\t分值\t得分\n甲\t二\t1\n")
    assert rows.nodes[0].max_points is None and rows.nodes[0].score is None
    assert any("“二”不是数字" in n for n in rows.notes) and any("有得分没有分值" in n for n in rows.notes)


def test_text_without_points_is_refused_with_a_message():
    with pytest.raises(RowsPasteError, match="分值"):
        read_rows("随便一段话，没有分值")


def test_the_official_nine_columns_are_left_to_the_official_reader():
    assert is_official_layout(split_cells("\t\t\t甲\t≥90%\t95%\t1\t1\t\n"))
    assert is_official_layout(split_cells("一级指标\t权重\t二级指标\t三级指标\t年度指标值\t全年完成值\t分值\t得分\t偏差\n"))
    assert not is_official_layout(split_cells("甲\t≥90%\t95%\t1\t1\t\n"))


def test_quoted_cells_keep_their_tabs_and_line_breaks():
    rows = read_rows('甲完成率\t≥90%\t95%\t2\t1\t"第一行\n第二行"\n')
    assert rows.nodes[0].reason == "第一行\n第二行"
