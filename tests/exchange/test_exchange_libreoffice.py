"""The exported workbook in LibreOffice: it opens, prints, and its formulas agree with the program."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from exchange_helpers import soffice_convert
from perfgui.model.totals import budget_score
from perfgui.exchange import outputs
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.model import compute, fmt2
from perfgui.model.serialize import fingerprint, to_dict

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def _values_match(form, ws):
    """Every computed cell LibreOffice filled in equals what the program computes."""
    rows = list(ws.iter_rows(values_only=True))
    total = next(r for r in rows if r[0] == "总分")
    values = [v for v in total[1:] if v not in (None, "")]
    t = compute(form)
    assert [Decimal(str(v)).quantize(Decimal("0.01")) for v in values] == [t.total_max, t.total_score]
    assert not any("小计" in str(v) for r in rows for v in r)  # the official form has no 小计 rows
    grade_row = next(r for r in rows if r[0] == "自评得分")
    assert fmt2(Decimal(str(grade_row[2]))) == fmt2(t.total_score)
    assert t.grade in grade_row
    return rows


def _computed(data: bytes) -> dict[str, object]:
    """The cached value of every formula cell, as a viewer that does not recalculate sees it."""
    formulas = load_workbook(io.BytesIO(data))["自评表"]
    values = load_workbook(io.BytesIO(data), data_only=True)["自评表"]
    return {c.coordinate: values[c.coordinate].value for row in formulas.iter_rows() for c in row
            if c.data_type == "f"}


def _pack_forms():
    """Forms under other rules: Sichuan's layout (truncated budget points), a total capped by
    执行率 with the budget full at 90 %, a department form whose budget carries points, a budget
    score at the edge of truncation."""
    from pack_samples import sample, sichuan_style
    from perfgui import packs
    from perfgui.model import FormKind

    capped = sample(sichuan_style(), execution=Decimal("65.67"))
    capped.settings.budget_full_at = Decimal(90)
    scored_department = sample(packs.default_for(FormKind.DEPARTMENT))
    scored_department.budget.points = Decimal(10)
    # 4.10 % of 10 points is 0.41, which binary floating point makes 0.40999…: ROUNDDOWN must not
    # truncate that to 0.40 (LibreOffice, like Excel, rounds away such noise first).
    low = sample(sichuan_style(), execution=Decimal("4.10"))
    return (("四川", sample(sichuan_style())), ("封顶", capped), ("部门计分", scored_department), ("截尾", low))


def test_every_total_is_stored_with_the_value_libreoffice_computes(rich_form, project_form, tmp_path):
    for name, form in (("部门", rich_form), ("项目", project_form)) + _pack_forms():
        src = tmp_path / f"{name}.xlsx"
        src.write_bytes(outputs.xlsx_bytes(form))
        ours = _computed(src.read_bytes())
        assert len(ours) >= 6 and all(v is not None for v in ours.values()), ours
        again = soffice_convert(src, "xlsx", tmp_path / name, tmp_path / "lo-profile")
        recalculated = load_workbook(again, data_only=True)["自评表"]
        for coord, value in ours.items():
            theirs = recalculated[coord].value
            if isinstance(value, (int, float)):
                assert abs(float(theirs) - float(value)) < 1e-9, (name, coord, value, theirs)
            else:
                assert theirs == value, (name, coord, value, theirs)


def test_department_form_opens_prints_and_computes(rich_form, tmp_path):
    src = tmp_path / "部门.xlsx"
    src.write_bytes(outputs.xlsx_bytes(rich_form))
    profile = tmp_path / "lo-profile"
    pdf = soffice_convert(src, "pdf", tmp_path / "pdf", profile)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    assert "部门（单位）整体支出绩效自评表" in text
    pages = text.count("\f")
    assert pages >= 2
    for n in range(1, pages + 1):  # page numbers and the fingerprint in the footer of every page
        assert f"第 {n} 页，共 {pages} 页" in text
    assert text.count(f"表单指纹：{fingerprint(rich_form)}") == pages
    assert text.count("一级指标") == pages  # the header row repeats on every page
    assert "总分" in text and fmt2(compute(rich_form).total_score) in text

    again = soffice_convert(src, "xlsx", tmp_path / "xlsx", profile)
    data = again.read_bytes()
    ws = load_workbook(io.BytesIO(data), data_only=True)["自评表"]
    rows = _values_match(rich_form, ws)
    for key, label in (("source_fiscal", "财政拨款"), ("struct_basic", "基本支出")):
        row = next(r for r in rows if isinstance(r[2], str) and r[2].endswith(label))
        assert fmt2(Decimal(str(row[7]))) == fmt2(rich_form.budget.row(key).rate)  # 执行率 in H
    # Saved by LibreOffice, it still imports losslessly: the visible sheet is unchanged.
    form, guesses = read_xlsx_bytes(data)
    assert guesses == [] and to_dict(form) == to_dict(rich_form)


def test_project_form_budget_score_in_the_total(project_form, tmp_path):
    src = tmp_path / "项目.xlsx"
    src.write_bytes(outputs.xlsx_bytes(project_form))
    again = soffice_convert(src, "xlsx", tmp_path / "out", tmp_path / "lo-profile")
    ws = load_workbook(again, data_only=True)["自评表"]
    rows = _values_match(project_form, ws)
    budget_total = next(r for r in rows if isinstance(r[1], str) and r[1].endswith("年度资金总额"))
    assert fmt2(Decimal(str(budget_total[6]))) == fmt2(project_form.budget.row("total").rate)
    assert fmt2(Decimal(str(budget_total[7]))) == fmt2(budget_score(project_form.budget, project_form.settings))


def test_a_capped_sichuan_style_form_opens_prints_and_computes(tmp_path):
    name, form = _pack_forms()[1]
    src = tmp_path / f"{name}.xlsx"
    src.write_bytes(outputs.xlsx_bytes(form))
    profile = tmp_path / "lo-profile"
    pdf = soffice_convert(src, "pdf", tmp_path / "pdf", profile)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True).stdout.decode()
    for label in ("《部门预算项目支出绩效自评表》", "预算执行情况（10分）（万元）", "指标性质", "度量单位", "未完成原因分析",
                  "项目负责人：", "财务负责人：", "总额", "7.29", "总分按 79.00 计"):
        assert label in text, label
    again = soffice_convert(src, "xlsx", tmp_path / "xlsx", profile)
    rows = _values_match(form, load_workbook(again, data_only=True)["自评表"])
    assert any(7.29 in r for r in rows)
    back, guesses = read_xlsx_bytes(again.read_bytes())
    assert guesses == [] and to_dict(back) == to_dict(form)
