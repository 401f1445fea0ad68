"""Excel export → import: lossless through the hidden data, faithful through the visible sheet."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exchange_helpers import drop_data_sheet, visible_fields, without_ids
from perfgui.exchange import outputs
from perfgui.exchange.files import load_form_file
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.model import Rule, Status, compute
from perfgui.model.serialize import to_dict


def _sheet(xlsx: bytes, data_only: bool = False):
    return load_workbook(io.BytesIO(xlsx), data_only=data_only)["自评表"]


def test_seed_xlsx_round_trip_is_identical(seed_form, tmp_path):
    path = tmp_path / "seed.xlsx"
    path.write_bytes(outputs.xlsx_bytes(seed_form))
    form, guesses = load_form_file(path)
    assert guesses == []
    assert to_dict(form) == to_dict(seed_form)


def test_rich_form_xlsx_round_trip_keeps_rules_reasons_signoff(rich_form):
    form, guesses = read_xlsx_bytes(outputs.xlsx_bytes(rich_form))
    assert guesses == []
    assert to_dict(form) == to_dict(rich_form)
    assert form.scored()[0].rule is Rule.MANUAL and form.status is Status.FINAL


@pytest.mark.parametrize("which", ["seed_form", "rich_form", "project_form"])
def test_visible_sheet_alone_gives_the_same_form_field_for_field(which, request):
    original = request.getfixturevalue(which)
    form, guesses = read_xlsx_bytes(drop_data_sheet(outputs.xlsx_bytes(original)))
    assert visible_fields(form) == visible_fields(original)
    a, b = compute(form), compute(original)
    # Grade bands are settings, kept only in the hidden data (docs/excel.md).
    assert (a.total_max, a.total_score, a.indicators) == (b.total_max, b.total_score, b.indicators)


def test_big_form_round_trips_both_ways():
    from bench.common import big_form

    big = big_form(1000)
    data = outputs.xlsx_bytes(big)
    assert to_dict(read_xlsx_bytes(data)[0]) == to_dict(big)
    assert visible_fields(read_xlsx_bytes(drop_data_sheet(data))[0]) == visible_fields(big)


def test_targets_that_start_with_equals_stay_text(seed_form):
    ws = _sheet(outputs.xlsx_bytes(seed_form))
    cells = [c for row in ws.iter_rows() for c in row if c.value == "=100.00(%)"]
    assert len(cells) > 10 and all(c.data_type == "s" for c in cells)


def test_totals_rates_and_grade_are_live_formulas(seed_form):
    ws = _sheet(outputs.xlsx_bytes(seed_form))
    formulas = {c.coordinate: c.value for row in ws.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=") and c.data_type == "f"}
    texts = " ".join(formulas.values())
    assert "ROUND(F5/D5*100,2)" in texts  # 执行率 of 财政拨款
    # 总分 sums the table's body directly: the official form has no 小计 rows.
    assert texts.count("SUM(G") == 1 and texts.count("SUM(H") == 1
    total_row = next(r for r in ws.iter_rows() if r[0].value == "总分")
    assert total_row[6].data_type == "f" and total_row[7].data_type == "f"
    assert any('"优"' in f and '"良"' in f for f in formulas.values())  # 自评等级


def test_official_layout_merges_borders_print_setup(seed_form):
    ws = _sheet(outputs.xlsx_bytes(seed_form))
    merged = {str(r) for r in ws.merged_cells.ranges}
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "一级指标")
    first = header + 1
    assert ws.cell(first, 1).value == "投入管理指标"
    block = next(r for r in ws.merged_cells.ranges if r.min_row == first and r.min_col == 1)
    assert block.max_row - block.min_row + 1 == 7  # the 7 二级 rows (no 小计 row)
    assert f"D{first}:F{first + 6}" in merged  # the 沪财绩 note merged over its rows
    assert ws.cell(first, 4).value.startswith("根据沪财绩")
    assert ws.cell(first + 2, 7).border.left.style == "thin"
    ps = ws.page_setup
    assert ps.paperSize == 9 and ps.fitToWidth in (None, 1) and ps.fitToHeight == 0  # 1 is the default
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == f"${header}:${header}"
    assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
    assert all(ws.column_dimensions[c].width > 0 for c in "ABCDEFGHI")
    assert load_workbook(io.BytesIO(outputs.xlsx_bytes(seed_form)))["perfgui_data"].sheet_state == "hidden"


def test_row_heights_grow_with_wrapped_text(seed_form):
    from perfgui.exchange.xlsx_write import MAX_ROW_PT

    leaf = seed_form.scored()[10]
    leaf.reason = "原因说明" * 60
    seed_form.goals.planned = "加强服务体系建设，优化居委办公服务环境。" * 80  # far over one row
    data = outputs.xlsx_bytes(seed_form)
    ws = _sheet(data)
    rows = {c.value: c.row for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    long_row = next(c.row for row in ws.iter_rows() for c in row if c.value == leaf.reason)
    short_row = rows["电梯加装完成率"]
    assert ws.row_dimensions[long_row].height > 3 * ws.row_dimensions[short_row].height
    heights = [d.height for d in ws.row_dimensions.values() if d.height]
    assert max(heights) <= MAX_ROW_PT
    # Long goals are spread over several rows and read back exactly.
    form, _ = read_xlsx_bytes(drop_data_sheet(data))
    assert form.goals.planned == seed_form.goals.planned
    assert form.scored()[10].reason == leaf.reason


def test_edited_visible_sheet_wins_and_hidden_details_are_kept(rich_form):
    data = outputs.xlsx_bytes(rich_form)
    wb = load_workbook(io.BytesIO(data))
    ws = wb["自评表"]
    row = next(c.row for r in ws.iter_rows() for c in r if c.value == "电梯加装完成率")
    ws.cell(row, 8).value = 0.5  # 得分 lowered in Excel
    ws.cell(row, 9).value = "电梯加装有一台延期"
    buf = io.BytesIO()
    wb.save(buf)
    form, guesses = read_xlsx_bytes(buf.getvalue())
    node = next(n for n in form.scored() if n.name == "电梯加装完成率")
    old = next(n for n in rich_form.scored() if n.name == "电梯加装完成率")
    assert node.score == Decimal("0.5") and node.reason == "电梯加装有一台延期"
    assert node.id == old.id
    assert form.scored()[0].rule is Rule.MANUAL  # rules come from the hidden data
    assert form.settings.lowest_grade == "不合格" and form.id == rich_form.id
    assert form.status is Status.DRAFT  # an edited final form must be checked again
    text = " ".join(str(g) for g in guesses)
    assert "修改" in text and "草稿" in text
    assert compute(form).total_score == compute(rich_form).total_score - Decimal("0.5")


def test_broken_hidden_data_falls_back_to_the_visible_sheet(seed_form):
    wb = load_workbook(io.BytesIO(outputs.xlsx_bytes(seed_form)))
    wb["perfgui_data"]["B5"].value = "{not json"
    buf = io.BytesIO()
    wb.save(buf)
    form, guesses = read_xlsx_bytes(buf.getvalue())
    assert visible_fields(form) == visible_fields(seed_form)
    assert any("损坏" in str(g) for g in guesses)


def test_saved_again_by_libreoffice_style_reorder_is_not_an_edit(seed_form):
    # openpyxl re-saving (new styles, shared strings instead of inline) changes no content.
    wb = load_workbook(io.BytesIO(outputs.xlsx_bytes(seed_form)))
    wb["自评表"].column_dimensions["D"].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    form, guesses = read_xlsx_bytes(buf.getvalue())
    assert guesses == [] and to_dict(form) == to_dict(seed_form)


def test_export_does_not_change_the_form(rich_form):
    before = to_dict(rich_form)
    outputs.xlsx_bytes(rich_form)
    outputs.json_bytes(rich_form)
    assert to_dict(rich_form) == before
    assert without_ids(before) == without_ids(to_dict(rich_form))
