"""Page breaks: header repeated, merged labels repeated and fitting, rows kept whole, big forms."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal

import pytest
from pypdf import PdfReader

from perfgui.model import Node, Status
from perfgui.model.stamp import stamp
from perfgui.report import render_pdf
from perfgui.report.fonts import BUNDLED, chain
from perfgui.report.layout import PrintGridSlice
from perfgui.report.pdf import Renderer

from report_pdfcheck import flat, pages_text

ISSUED = datetime.date(2025, 3, 1)


def layout(form, landscape=False):
    r = Renderer(form, chain(BUNDLED), landscape=landscape, stamp=stamp(form), issued=ISSUED)
    return r, r.layout()


def indicator_slices(pages):
    """(page number, slice) for the indicator grid (the one with a repeated header)."""
    out = []
    for n, page in enumerate(pages):
        for item in page.items:
            if isinstance(item, PrintGridSlice) and item.grid.repeat:
                out.append((n, item))
    return out


def check_invariants(renderer, pages):
    slices = indicator_slices(pages)
    grid = slices[0][1].grid
    body = renderer.geo.body_height
    a, b = grid.repeat
    header_h = sum(grid.heights[a:b])
    seen: dict[int, list] = {}
    for n, sl in slices:
        rows = [pr.row for pr in sl.rows]
        # The column header opens every page of the table, never alone at a page's foot.
        assert a in rows[:2], (n, rows[:3])
        assert any(r >= b for r in rows), f"header without rows on page {n + 1}"
        assert sl.rows[-1].y + sl.rows[-1].height <= body + 1e-6, "row runs off the page"
        for pr in sl.rows:
            if pr.row >= b:
                seen.setdefault(pr.row, []).append(pr)
        # Each merged cell on this page is at least as tall as its label.
        by_row = {}
        for pr in sl.rows:
            by_row.setdefault(pr.row, []).append(pr)
        for span in grid.spans:
            parts = [pr for r in range(span.first, span.last + 1) for pr in by_row.get(r, ())]
            if parts:
                h = sum(pr.height for pr in parts)
                room = body - header_h - sum(grid.heights[:a])  # the least room a page gives
                assert h + 1e-6 >= min(span.label_height, room), (n, span.cell.text)
    # Every body row is printed, whole unless it alone is taller than a page.
    assert sorted(seen) == list(range(b, len(grid.rows)))
    for r, placed in seen.items():
        if len(placed) > 1 or placed[0].pieces is not None:
            assert grid.heights[r] > body - header_h, f"row {r} cut though it fits on a page"
    return grid, seen


def test_seed_pages_keep_rows_whole_and_repeat_labels(seed_form):
    r, pages = layout(seed_form)
    grid, seen = check_invariants(r, pages)
    assert all(len(v) == 1 and v[0].pieces is None for v in seen.values())
    for landscape in (True,):
        check_invariants(*layout(seed_form, landscape))


def test_merged_group_crossing_a_page_repeats_its_label(seed_form):
    data = render_pdf(seed_form, issued=ISSUED)
    pages = [flat(t) for t in pages_text(data)]
    assert len(pages) == 3
    # 产出指标 (weight 25) starts on page 1 and runs over pages 2 and 3: its label, weight
    # and the current 二级 appear again at the top of each continuation page.
    for page in pages[1:]:
        assert "一级指标权重二级指标三级指标年度指标值全年完成值分值得分偏差及原因分析" in page
        assert "产出指标" in page
    assert "时效指标" in pages[2] and "数量指标" in pages[1]


def test_500_indicators(tmp_path):
    from bench.common import big_form

    form = big_form(500)
    r, pages = layout(form)
    check_invariants(r, pages)
    form.status = Status.FINAL
    data = render_pdf(form, issued=ISSUED)
    texts = pages_text(data)
    n = len(texts)
    assert n == len(pages) > 10
    everything = flat("".join(texts))
    for leaf in form.scored():
        assert flat(leaf.name + leaf.target + leaf.actual) in everything
    names = {s.name for s in form.sections}
    for i, text in enumerate(texts, 1):
        assert re.search(rf"第\s*{i}\s*页\s*共\s*{n}\s*页", text)
        if i > 1:
            # Every continuation page names the 一级 of the rows on it.
            rows = re.findall(r"第(\d)类第\d+项指标", flat(text))
            for s in set(rows):
                assert form.sections[int(s) - 1].name in flat(text), (i, s)
            assert names & set(re.findall("|".join(names), flat(text)))
    assert "总分100.00" in everything


def test_2000_character_reasons_print_in_full():
    from bench.common import big_form

    form = big_form(30, reason_chars=2000)
    reasons = [leaf.reason for leaf in form.scored() if leaf.reason]
    assert reasons and all(len(x) == 2000 for x in reasons)
    r, pages = layout(form)
    grid, seen = check_invariants(r, pages)
    assert any(len(v) > 1 for v in seen.values()), "a 2,000-character reason is taller than a page"
    data = render_pdf(form, issued=ISSUED)
    everything = flat("".join(pages_text(data)))
    # A reason cut across pages has the footer and the repeated header between its pieces:
    # count its words instead, none lost and none printed twice.
    assert everything.count("部分完成") == sum(x.count("部分完成") for x in reasons)
    n = len(PdfReader(io.BytesIO(data)).pages)
    assert n == len(pages)


def test_long_labels_get_room_on_every_page():
    from bench.common import big_form

    form = big_form(60)
    for s in form.sections:
        s.name = s.name + "（" + "很长的一级指标名称" * 6 + "）"
        for g in s.children:
            g.name = g.name + "，" + "二级指标说明文字" * 5
    # One single-row group: its label is taller than its one row.
    lone = form.sections[0].append(Node("只有一行的二级指标" * 4))
    lone.append(Node("单项", target="≥1", actual="1", max_points=Decimal(0), score=Decimal(0)))
    r, pages = layout(form)
    check_invariants(r, pages)
    text = flat("".join(pages_text(render_pdf(form, issued=ISSUED))))
    assert flat("只有一行的二级指标" * 4) in text


@pytest.mark.parametrize("landscape", [False, True])
def test_1000_indicators_lay_out(landscape):
    from bench.common import big_form

    r, pages = layout(big_form(1000), landscape)
    check_invariants(r, pages)


def test_absurdly_long_texts_still_lay_out():
    from blanks import blank_department

    form = blank_department("单位" * 300, 2024)
    form.goals.planned = "目标，" * 4000
    form.sections[0].name = "很长" * 400  # a merged label taller than a page
    r, pages = layout(form)
    check_invariants(r, pages)
    texts = pages_text(render_pdf(form, issued=ISSUED))
    assert len(texts) == len(pages)
    assert flat("".join(texts)).count("目标，") == 4000
