"""The Excel file and the email follow the form's rule pack: the sheet is that pack's printed form
cell for cell, its formulas the pack's (budget points full at, truncation, total caps, grades),
and openpyxl still reads it back losslessly."""

from __future__ import annotations

import email
import email.policy
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from pack_samples import SICHUAN_STYLE, all_packs, header_rows, sample, sichuan_style
from perfgui import packs
from perfgui.exchange import outputs
from perfgui.exchange.mail import body_text
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.exchange.xlsx_write import nearest_columns, sheet_widths
from perfgui.model import FormKind, compute
from perfgui.model.serialize import to_dict

from test_exchange_xlsx_layout import pdf_texts, sheet_texts


def _formulas(data: bytes) -> dict[str, str]:
    ws = load_workbook(io.BytesIO(data))["自评表"]
    return {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.data_type == "f"}


@pytest.mark.parametrize("pack", all_packs(), ids=lambda p: p.name)
def test_the_sheet_is_the_packs_printed_form_cell_for_cell_and_reads_back_losslessly(pack):
    form = sample(pack)
    data = outputs.xlsx_bytes(form)
    stop = f"{pack.layout.signoff[0]}："
    assert sheet_texts(data, stop) == pdf_texts(form)
    ws = load_workbook(io.BytesIO(data))["自评表"]
    sheet = list(ws.iter_rows(values_only=True))
    at = next(i for i, r in enumerate(sheet) if r[0] == pack.layout.columns[0].label)
    rows = header_rows(pack.layout)
    assert [[h for h in sheet[at + i] if h] for i in range(len(rows))] == rows
    values = [c.value for row in ws.iter_rows() for c in row if c.value]
    for label in pack.layout.signoff:
        assert f"{label}：" in values
    back, guesses = read_xlsx_bytes(data)
    assert guesses == [] and to_dict(back) == to_dict(form)


def test_sichuan_style_formulas_truncate_cap_and_grade_by_the_pack():
    form = sample(sichuan_style(), execution=Decimal("65.67"))
    form.settings.budget_full_at = Decimal(90)
    data = outputs.xlsx_bytes(form)
    texts = " ".join(_formulas(data).values())
    assert "ROUNDDOWN(MIN(" in texts and ",90)/90*" in texts  # 执行率 against 90 %, truncated
    assert "MIN(ROUND(SUM(" in texts and ",79," in texts and ",59," in texts  # capped by 执行率
    values = load_workbook(io.BytesIO(data), data_only=True)["自评表"]
    rows = list(values.iter_rows(values_only=True))
    t = compute(form)
    total = next(r for r in rows if r[0] == "总分")
    assert [v for v in total[1:] if v not in (None, "")] == [float(t.total_max), float(t.total_score)]
    assert t.total_score == 79 and t.grade == "中"
    score = next(r for r in rows if r[0] == "自评得分")
    assert "中" in score
    budget = next(r for r in rows if "总额" in r)
    assert 7.29 in budget  # 65.67 / 90 × 10 = 7.296…, truncated
    assert form.budget.reason in [v for r in rows for v in r]


def test_nearest_columns_keep_every_grid_column_and_follow_the_boundaries():
    assert nearest_columns([1, 1], (1, 1, 1, 1)) == ((1, 2), (3, 4))
    assert nearest_columns([27, 153], (11, 6, 13, 24, 12, 12, 7.5, 7.5, 22)) == ((1, 2), (3, 9))
    cols = nearest_columns([1] * 5, (1, 1, 10, 1, 1))
    assert [b - a + 1 for a, b in cols] == [1, 1, 1, 1, 1]


def test_a_grid_wider_than_the_indicator_table_splits_the_widest_column():
    layout = sichuan_style().layout
    widths, spans, tuned = sheet_widths(layout, len(layout.columns) + 2)
    assert len(widths) == len(layout.columns) + 2 and tuned is None
    assert sum(widths) == pytest.approx(sum(sheet_widths(layout, 0)[0]))
    assert sum(b - a + 1 for a, b in spans) == len(widths)


def test_a_department_form_with_budget_points_and_no_total_line():
    """The headline 执行率 of the 资金来源 lines drives the budget points inside the total."""
    form = sample(packs.default_for(FormKind.DEPARTMENT))
    form.budget.points = Decimal(10)
    data = outputs.xlsx_bytes(form)
    texts = " ".join(_formulas(data).values())
    assert "SUM(" in texts and "COUNT(" in texts
    rows = list(load_workbook(io.BytesIO(data), data_only=True)["自评表"].iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "总分")
    t = compute(form)
    assert [v for v in total[1:] if v not in (None, "")] == [float(t.total_max), float(t.total_score)]


def _body(form, library_folder=None) -> str:
    raw = outputs.eml_bytes(form, b"%PDF", b"PK", library_folder)
    return email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",)).get_content()


def test_the_email_names_the_forms_pack(tmp_path):
    national = packs.default_for(FormKind.PROJECT)
    assert f"评分规则：{national.title}（national-project）" in _body(sample(national))
    form = sample(sichuan_style())
    # Not installed here: the form's own pack name and its form's title.
    assert "评分规则：规则包“test-sichuan-style”（表名《部门预算项目支出绩效自评表》）" in _body(form)
    src = tmp_path / "sichuan.toml"
    src.write_text(SICHUAN_STYLE, encoding="utf-8")
    library = tmp_path / "library"
    packs.import_pack(src, library)
    assert "评分规则：测试用 四川式 项目支出绩效自评表（test-sichuan-style）" in _body(form, library)
    assert body_text(form, library_folder=library).count("评分规则") == 1


def test_an_edited_sichuan_style_sheet_keeps_its_pack_and_reads_the_split_target_back():
    form = sample(sichuan_style())
    wb = load_workbook(io.BytesIO(outputs.xlsx_bytes(form)))
    ws = wb["自评表"]
    leaf = form.scored()[0]
    name = next(c for row in ws.iter_rows() for c in row if c.value == leaf.name)
    reason_col = [c.key for c in form.layout.columns].index("reason") + 1
    ws.cell(name.row, reason_col).value = "有一项延期"
    buf = io.BytesIO()
    wb.save(buf)
    back, guesses = read_xlsx_bytes(buf.getvalue())
    assert any("修改过" in g.message for g in guesses)
    node = back.scored()[0]
    assert (node.name, node.target, node.actual, node.reason) == (leaf.name, "≥95%", leaf.actual, "有一项延期")
    assert back.pack == "test-sichuan-style" and back.layout == form.layout
