"""Reading pasted table text through the one recogniser: the seed's damage and worse."""

from __future__ import annotations

import random
import subprocess
import sys
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from perfgui.model.totals import budget_score
from perfgui.exchange.errors import ImportFailed
from perfgui.model import compute
from perfgui.readers.cells import join_broken
from perfgui.readers.pasted import read_pasted, read_pasted_bytes
from perfgui.model.serialize import from_dict, to_dict


def test_join_broken_names():
    assert join_broken("社区工作者培训 工作完成率") == "社区工作者培训工作完成率"
    assert join_broken("Wi-Fi 覆盖率") == "Wi-Fi 覆盖率"  # only spaces between Chinese characters


def test_extra_blank_lines_and_crlf(seed_text):
    damaged = seed_text.replace("\n", "\r\n\r\n")
    t = compute(read_pasted(damaged).form)
    assert (t.indicators, t.total_score, t.total_max) == (51, D("94.00"), D("95.00"))


def test_gbk_and_bom_encodings(seed_text):
    for data in (seed_text.encode("gb18030"), b"\xef\xbb\xbf" + seed_text.encode("utf-8"),
                 seed_text.encode("utf-16")):
        t = compute(read_pasted_bytes(data).form)
        assert (t.indicators, t.total_score) == (51, D("94.00"))


def test_rows_without_header():
    text = ("产出指标\t100\t数量指标\t道路修复率\t≥95%\t96%\t60\t60\t\n"
            "\t\t\t桥梁检测率\t=100%\t90%\t40\t36\t部分桥梁延期检测\n")
    result = read_pasted(text)
    t = compute(result.form)
    assert (t.indicators, t.total_max, t.total_score) == (2, D(100), D(96))
    assert any("按官方列顺序" in str(g) for g in result.guesses)
    assert result.form.sections[0].children[0].children[1].reason == "部分桥梁延期检测"


def test_garbage_cells_are_reported_not_fatal(seed_text):
    damaged = seed_text.replace("\t1. 00\t1. 00\t", "\t一分\t#REF!\t", 1)
    result = read_pasted(damaged)
    messages = " ".join(str(g) for g in result.guesses)
    assert "分值“一分”不是数字" in messages and "得分“#REF!”不是数字" in messages
    assert compute(result.form).indicators == 51


def test_printed_total_left_at_zero(seed_text):
    damaged = seed_text.replace("\t\t\t总分\t\t\t\t\t", "\t\t\t总分\t\t\t95.00\t0.00\t")
    result = read_pasted(damaged)
    assert any("印的总分为 0.00" in str(g) and "94.00" in str(g) for g in result.guesses)


def test_missing_required_column(seed_text):
    lines = seed_text.split("\n")
    damaged = "\n".join("\t".join(c for j, c in enumerate(line.split("\t")) if j != 7) for line in lines)
    with pytest.raises(ImportFailed, match="得分"):
        read_pasted(damaged)


@pytest.mark.parametrize("text", ["", "   \n\t\n", "hello world", "一级指标\t三级指标\t分值\t得分\n",
                                  "a\tb\tc\n1\t2\t3\n"])
def test_unreadable_text_raises_clear_error(text):
    with pytest.raises(ImportFailed) as info:
        read_pasted(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02" * 100, bytes(range(256)) * 40,
                                  b"\x89PNG\r\n\x1a\n" + bytes(500)])
def test_binary_junk(data):
    with pytest.raises(ImportFailed):
        read_pasted_bytes(data)


def test_huge_text_is_refused():
    with pytest.raises(ImportFailed, match="远超"):
        read_pasted("a" * 6_000_000)


def test_seed_survives_serialisation(seed_form):
    back = from_dict(to_dict(seed_form))
    assert back == seed_form
    assert back.sections[0].note == seed_form.sections[0].note


SEED_TEXT = (Path(__file__).resolve().parent.parent / "data" / "seed_2024.txt").read_text(encoding="utf-8")


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_mutated_seed_never_crashes(data):
    """Random damage to the seed gives a form or a ImportFailed, never anything else."""
    rnd = random.Random(data.draw(st.integers(0, 2**32)))
    lines = SEED_TEXT.split("\n")
    for _ in range(data.draw(st.integers(1, 12))):
        i = rnd.randrange(len(lines))
        op = rnd.randrange(6)
        cells = lines[i].split("\t")
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rnd.randrange(len(lines))])
        elif op == 2:
            cells[rnd.randrange(len(cells))] = data.draw(st.text(max_size=12))
            lines[i] = "\t".join(cells)
        elif op == 3:
            lines[i] = "\t".join(cells[rnd.randrange(1, 4):])
        elif op == 4:
            lines[i] = lines[i][: rnd.randrange(len(lines[i]) + 1)]
        else:
            lines[i] = "\t" * rnd.randrange(4) + lines[i]
    try:
        form = read_pasted("\n".join(lines)).form
    except ImportFailed:
        return
    compute(form)
    from perfgui.model import check
    check(form)
    assert from_dict(to_dict(form)) == form


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("\t\n 一级指标权重二级三级分值得分总分0123456789.,%≥=及时达成产出数量abc"), max_size=400))
def test_random_text_never_crashes(text):
    try:
        form = read_pasted(text).form
    except ImportFailed:
        return
    compute(form)


def test_model_imports_no_outer_layer():
    code = ("import sys, perfgui.model, perfgui.readers.recognise, perfgui.readers.pasted, perfgui.model.rules, perfgui.model.scoring;"
            "bad=[m for m in sys.modules if m.split('.')[0] in ('PySide6','tinydb','reportlab','openpyxl','shiboken6')];"
            "print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_project_form_layout():
    text = (Path(__file__).resolve().parent.parent / "data" / "project_2024.txt").read_text(encoding="utf-8")
    result = read_pasted(text)
    form = result.form
    assert form.kind.value == "project"
    assert (form.header.project_name, form.header.implementer) == ("老旧小区综合改造", "某街道城市建设管理事务中心")
    assert form.budget.unit == "万元"
    total = form.budget.row("total")
    assert (total.initial, total.planned, total.actual, total.rate) == (D(100), D(120), D(114), D("95.00"))
    assert budget_score(form.budget, form.settings) == D("9.50")
    t = compute(form)
    assert (t.total_max, t.total_score, t.weight_sum, t.indicators) == (D(100), D("98.97"), D(100), 7)
    assert [s.weight for s in form.sections] == [D(50), D(30), D(10)]
    assert result.guesses == []  # its printed total agrees
    from perfgui.model import check
    assert check(form) == []


def test_partial_header_from_a_selection_starting_at_the_third_level():
    text = ("三级指标\t年度指标值\t全年完成值\t分值\t得分\t偏差及原因分析\n"
            "旧楼改造完成率\t≥95%\t90%\t2\t1.5\t受疫情影响\n"
            "道路修复及时率\t=100%\t100%\t1\t1\t\n")
    form = read_pasted(text).form
    leaves = list(form.root.scored_leaves())
    assert [(n.name, n.target, n.actual, n.max_points, n.score, n.reason) for n in leaves] == [
        ("旧楼改造完成率", "≥95%", "90%", D(2), D("1.5"), "受疫情影响"),
        ("道路修复及时率", "=100%", "100%", D(1), D(1), "")]


def test_project_unit_finding_names_the_field_on_the_page():
    from perfgui.model import check
    from blanks import blank_project
    form = blank_project("道路养护", 2024)
    assert any(f.code == "HEADER_UNIT" and f.message.startswith("实施单位未填写") for f in check(form))
