"""The Excel sheet is the printed form: the same cells in the same order, rows that fit, no cut text."""

from __future__ import annotations

import io
from decimal import Decimal

from openpyxl import load_workbook

from exchange_helpers import drop_data_sheet
from perfgui.exchange import outputs
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.exchange.xlsx_write import MAX_ROW_PT
from perfgui import packs
from perfgui.model import FormKind, Status, compute, fmt_weight
from perfgui.model.serialize import fingerprint
from perfgui.report import official as O

SHOWN = {"#,##0.00": "{:,.2f}", "0.00": "{:.2f}", '0.00"%"': "{:.2f}%"}


def shown(cell) -> str:
    """A cell's value as Excel displays it with its number format."""
    v = cell.value
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        pattern = SHOWN.get(cell.number_format)
        return pattern.format(v) if pattern else fmt_weight(Decimal(str(v)))
    return str(v)


def sheet_texts(xlsx: bytes, stop: str = "单位负责人：") -> list[str]:
    ws = load_workbook(io.BytesIO(xlsx), data_only=True)["自评表"]
    out = []
    for row in ws.iter_rows():
        for cell in row:
            text = shown(cell)
            if text == stop:
                return out
            if text:
                out.append(text)
    return out


def pdf_texts(form) -> list[str]:
    geo = O.Geometry(False)
    totals = compute(form)
    out = [O.title_text(form), O.year_text(form)]
    for grid in (O.header_grid(form, geo), O.budget_grid(form, geo), O.goals_grid(form, geo),
                 O.indicator_grid(form, totals, geo), O.score_grid(form, totals, geo)):
        out += [cell.text for row in grid.rows for cell in row if cell.text]
    return out


def test_excel_and_pdf_agree_cell_for_cell(rich_form, project_form):
    for form in (rich_form, project_form):
        assert sheet_texts(outputs.xlsx_bytes(form)) == pdf_texts(form)


def test_the_project_sheet_is_the_official_project_table(project_form):
    ws = load_workbook(io.BytesIO(outputs.xlsx_bytes(project_form)), data_only=True)["自评表"]
    header = next(r for r in ws.iter_rows(values_only=True) if r[0] == "一级指标")
    labels = [c.label for c in packs.default_for(FormKind.PROJECT).layout.columns]
    assert [h for h in header if h] == labels and "权重" not in labels
    assert ws["A1"].value == "《项目支出绩效自评表》"
    texts = [shown(c) for row in ws.iter_rows() for c in row]
    for row in project_form.budget.rows:  # every budget row shows its 执行率, as the PDF does
        assert O.rate_text(row.rate, "%") in texts


def test_signoff_lines_and_seal_and_fingerprint_footer(seed_form):
    seed_form.status = Status.FINAL
    seed_form.final_reason = "按上级下发原表报送"
    data = outputs.xlsx_bytes(seed_form)
    ws = load_workbook(io.BytesIO(data))["自评表"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    for label in ("单位负责人：", "填表人：", "联系电话：", "填报日期：", "单位（盖章）", "说明"):
        assert label in values
    assert O.note_text(seed_form) in values
    line = next(c for row in ws.iter_rows() for c in row if c.value == "单位负责人：")
    assert ws.cell(line.row, line.column + 2).border.bottom.style == "thin"  # a line to sign on
    assert fingerprint(seed_form) in ws.oddFooter.center.text and "&P" in ws.oddFooter.center.text


def test_long_text_is_never_cut_it_continues_in_the_next_row(seed_form):
    leaf = seed_form.scored()[10]
    leaf.reason = "因疫情后续影响，部分居民区工作推进滞后，已于次年一季度完成整改并建立长效机制。" * 55  # ~2,000 字
    leaf.score = leaf.max_points / 2
    seed_form.goals.achieved = "全年完成情况良好。" * 400
    data = outputs.xlsx_bytes(seed_form)
    ws = load_workbook(io.BytesIO(data))["自评表"]
    heights = [d.height for d in ws.row_dimensions.values() if d.height]
    assert max(heights) <= MAX_ROW_PT
    col_i = [ws.cell(r, 9).value or "" for r in range(1, ws.max_row + 1)]
    pieces = [t for t in col_i if t and t in leaf.reason]
    assert len(pieces) > 1 and "".join(pieces) == leaf.reason
    # The row's other cells are merged over the continuation rows: the indicator stays one row.
    name = next(c for row in ws.iter_rows() for c in row if c.value == leaf.name)
    merged = next(r for r in ws.merged_cells.ranges if r.min_row == name.row and r.min_col == name.column)
    assert merged.max_row - merged.min_row + 1 == len(pieces)
    # The hidden data keeps the form exact; the visible sheet alone still gives the reason whole.
    form, _ = read_xlsx_bytes(data)
    assert form.scored()[10].reason == leaf.reason and form.goals.achieved == seed_form.goals.achieved
    plain, _ = read_xlsx_bytes(drop_data_sheet(data))
    assert plain.goals.achieved == seed_form.goals.achieved


def test_every_total_carries_its_value_for_viewers_that_do_not_recalculate(seed_form):
    ws = load_workbook(io.BytesIO(outputs.xlsx_bytes(seed_form)), data_only=True)["自评表"]
    rows = list(ws.iter_rows(values_only=True))
    t = compute(seed_form)
    total = next(r for r in rows if r[0] == "总分")
    assert [v for v in total[1:] if v is not None] == [float(t.total_max), float(t.total_score)]
    score = next(r for r in rows if r[0] == "自评得分")
    assert score[2] == float(t.total_score) and t.grade in score
    fiscal = next(r for r in rows if r[2] == "资金来源：（1）财政拨款")
    assert fiscal[7] == 99.6
    other = next(r for r in rows if r[2] == "（2）其他资金")
    assert other[7] == "—"
