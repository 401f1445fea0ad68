"""Defects found in review of the model code, each pinned by a test."""

from __future__ import annotations

from decimal import Decimal

from perfgui.model import read_pasted

HEAD = "一级指标\t权重\t二级指标\t三级指标\t年度指标值\t全年完成值\t分值\t得分\t偏差及原因分析"


def test_note_of_a_scored_second_level_run_is_recognised_when_the_run_has_targets():
    # As the PDF prints a run of 二级 scored directly whose first row has a target: the note
    # sits in the 三级 column beside the target, not under it.
    text = "\n".join([
        HEAD,
        "投入管理指标\t10\t预算编审管理\t根据沪财绩【2022】13号文的规定要求设置三级指标和指标值\t≥95%\t96%\t6\t6\t",
        "\t\t预算执行管理\t\t\t\t4\t4\t",
    ])
    form = read_pasted(text).form
    block = form.sections[0]
    assert block.note.startswith("根据沪财绩")
    assert [(g.name, g.target, g.actual, g.max_points, g.children) for g in block.children] == [
        ("预算编审管理", "≥95%", "96%", Decimal(6), []),
        ("预算执行管理", "", "", Decimal(4), []),
    ]
