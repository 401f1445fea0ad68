"""The paper follows the form's rule pack: each pack's titles, columns, sign-off lines, read back
from the PDF bytes; Sichuan's split target columns; a total capped by 执行率 says so."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from pack_samples import all_packs, header_rows, sample, sichuan_style
from perfgui import packs
from perfgui.model import FormKind, Node, compute, fmt2
from perfgui.report import missing_glyphs, render_pdf
from perfgui.report import official as O

from report_pdfcheck import flat, needs_poppler, pages_text, pdftotext

ISSUED = datetime.date(2025, 3, 1)


def _texts(layout) -> list[str]:
    """Every title and label of a layout that must be on the paper."""
    out = [f"《{layout.title}》", layout.unit_label, layout.goals_title, *layout.goals_labels,
           layout.indicator_title, layout.seal]
    out += [c.label for c in layout.columns + layout.budget_columns]
    out += [f"{label}：" for label in layout.signoff]
    if layout.note:
        out.append(layout.note)
    return out


@pytest.mark.parametrize("pack", all_packs(), ids=lambda p: p.name)
def test_each_pack_prints_its_titles_columns_and_sign_off_lines(pack):
    form = sample(pack)
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    layout = pack.layout
    for label in _texts(layout):
        assert flat(label) in text, label
    assert flat(f"{layout.budget_title}（{form.budget.unit}）") in text
    # The indicator header row is the layout's labels, in its order, and nothing else.
    rows = header_rows(layout)
    if len(rows) == 1:
        assert flat("".join(rows[0])) in text
    else:  # labels merged down two rows come out of the PDF elsewhere in the text
        assert all(flat(label) in text for row in rows for label in row)
    # Sign-off lines are the pack's only: no default line of another place sneaks in.
    for other in ("单位负责人", "项目负责人", "财务负责人", "联系电话"):
        if other not in layout.signoff:
            assert flat(other + "：") not in text, other
    t = compute(form)
    assert flat(f"总分{fmt2(t.total_max)}{fmt2(t.total_score)}") in text
    assert missing_glyphs(form) == []


@pytest.mark.parametrize("pack", all_packs(), ids=lambda p: p.name)
def test_each_pack_prints_the_weight_column_only_when_its_layout_has_one(pack):
    form = sample(pack)
    grid = O.indicator_grid(form, compute(form), O.Geometry(False))
    rows = header_rows(pack.layout)
    assert [[c.text for c in grid.rows[1 + i]] for i in range(len(rows))] == rows
    first = grid.rows[1 + len(rows)]
    weights = [c for c in first if c.fmt == "weight"]
    assert bool(weights) == pack.layout.has("weight")
    if weights:
        assert weights[0].text == fmt2(form.sections[0].weight).rstrip("0").rstrip(".")


def test_landscape_pages_use_the_packs_landscape_widths():
    form = sample(sichuan_style())
    t = compute(form)
    for landscape, attr in ((False, "width"), (True, "landscape")):
        widths = O.indicator_grid(form, t, O.Geometry(landscape)).widths
        want = [getattr(c, attr) for c in form.layout.columns]
        assert [round(w / widths[0], 6) for w in widths] == [round(w / want[0], 6) for w in want]


@pytest.mark.parametrize("target, split", [
    ("≥95%", ("≥", "95", "%")),
    ("≤90万元", ("≤", "90", "万元")),
    ("=100.00(%)", ("=", "100.00", "%")),
    ("95%以上", ("≥", "95", "%")),
    ("10天以内", ("≤", "10", "天")),
    ("＞5万平方米", (">", "5", "万平方米")),
    ("及时", ("定性", "及时", "")),
    ("", ("", "", "")),
])
def test_a_target_splits_into_nature_value_and_unit(target, split):
    assert O.split_target(target) == split


@needs_poppler
def test_sichuan_style_split_columns_show_the_comparator_the_number_and_the_unit(tmp_path):
    form = sample(sichuan_style())
    leaf = next(n for n in form.scored() if n.target == "≥95%")
    path = tmp_path / "sichuan.pdf"
    path.write_bytes(render_pdf(form, issued=ISSUED))
    line = next(li for li in pdftotext(path, "-layout").splitlines() if leaf.name in li)
    # Four columns: 指标性质 · 指标值 · 度量单位 · 完成值, each its own cell on the line.
    assert re.search(rf"{re.escape(leaf.name)}\s+≥\s+95\s+%\s+{re.escape(leaf.actual)}\s+12\.50\s+12\.50", line), line
    text = flat("".join(pages_text(path.read_bytes())))
    assert "年度指标值" not in text and "偏差及原因分析" not in text  # the national labels are not there
    # 定性 targets: the words under 指标值, 定性 under 指标性质.
    words = next(n for n in form.scored() if n.target == "及时")
    assert flat(words.name + "定性及时" + words.actual) in text


def test_budget_reason_prints_in_the_budget_block_merged_over_its_lines():
    form = sample(sichuan_style(), execution=Decimal(65))
    grid = O.budget_grid(form, O.Geometry(False))
    reason = [c for row in grid.rows for c in row if c.text == form.budget.reason]
    assert len(reason) == 1 and reason[0].rowspan == len(form.budget.rows)
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    assert flat(form.budget.reason) in text
    assert flat("预算执行情况（10分）（万元）") in text
    # 分值 and 得分 on the 总额 line only; the parts show —.
    total = flat("总额120.00120.0078.0065.00%106.50")
    assert total in text, text[:400]


def test_a_total_capped_by_execution_says_so_under_the_table():
    form = sample(sichuan_style(), execution=Decimal("65.67"))
    t = compute(form)
    assert t.capped and t.total_score == 79
    note = O.note_text(form, t)
    assert "各项得分合计 96.56，执行率 65.67% 低于 70%，总分按 79.00 计。" in note
    assert form.layout.note in note
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    assert flat(note) in text
    assert flat("自评得分79.00自评等级中") in text
    assert flat("总分100.0079.00") in text
    # Truncated, as the pack says: 65.67% of 10 points is 6.56 (rounding would give 6.57).
    assert flat("10.6.56") not in text and flat("65.67%106.56") in text


def test_an_uncapped_form_has_no_cap_line():
    form = sample(sichuan_style())
    assert "低于" not in O.note_text(form)


def test_a_form_without_a_layout_prints_its_kinds_default_pack():
    form = sample(packs.default_for(FormKind.PROJECT))
    form.layout, form.pack = None, ""
    texts = [c.text for row in O.indicator_grid(form, compute(form), O.Geometry(False)).rows[1:2] for c in row]
    assert texts == [c.label for c in packs.default_for(FormKind.PROJECT).layout.columns]
    assert O.title_text(form) == "《项目支出绩效自评表》"


def test_a_section_without_indicators_and_a_group_without_leaves_keep_every_column():
    form = sample(sichuan_style())
    form.root.append(Node("其他指标", weight=Decimal(0)))
    form.sections[0].append(Node("空的二级"))
    grid = O.indicator_grid(form, compute(form), O.Geometry(False))
    ncol = len(form.layout.columns)
    occupied: dict[int, set[int]] = {}
    for r, row in enumerate(grid.rows[2:-1], 2):
        for c in row:
            for rr in range(r, r + c.rowspan):
                cols = occupied.setdefault(rr, set())
                span = set(range(c.col, c.col + c.colspan))
                assert not cols & span, (r, c.text)
                cols |= span
    assert all(cols == set(range(ncol)) for cols in occupied.values())
