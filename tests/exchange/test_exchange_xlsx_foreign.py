"""Official-layout sheets made by other people (no hidden data): read from the cells."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment

from exchange_helpers import DATA, visible_fields
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import load_form_file
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.model import FormKind, compute, parse_decimal


def _save(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _typed(text: str):
    """A cell as a person would type it: numbers as numbers, rates as percentages."""
    if text.startswith("="):
        return text, "@"  # typed as text (a leading apostrophe in Excel)
    places = len(text.rstrip("%").partition(".")[2])
    fmt = "0" + ("." + "0" * places if places else "")
    if text.endswith("%") and parse_decimal(text[:-1]) is not None:
        return float(parse_decimal(text[:-1])) / 100, fmt + "%"
    d = parse_decimal(text)
    if d is not None:
        return (int(d) if places == 0 else float(d)), ("General" if places == 0 else fmt)
    return text, None


def _sheet_from_text(text: str, merge_cols=(1, 2)):
    """The pasted text typed into Excel, with 一级/二级 merged over their rows as officials do."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    rows = [line.split("\t") for line in text.splitlines()]
    for r, cells in enumerate(rows, start=1):
        for c, t in enumerate(cells, start=1):
            if t:
                value, fmt = _typed(t)
                cell = ws.cell(r, c, value)
                if fmt == "@":
                    cell.data_type = "s"
                if fmt:
                    cell.number_format = fmt
    header = next(i for i, cells in enumerate(rows, start=1) if "一级指标" in cells)
    total = next(i for i, cells in enumerate(rows, start=1) if any(c.strip() == "总分" for c in cells))
    for col in merge_cols:
        start = None
        for r in range(header + 1, total + 1):
            filled = bool(ws.cell(r, col + 1).value) or r == total
            if filled:
                if start is not None and r - 1 > start:
                    ws.merge_cells(start_row=start, start_column=col + 1, end_row=r - 1, end_column=col + 1)
                start = r
    return wb, ws


def test_project_layout_sheet_reads_like_the_text(project_form):
    text = (DATA / "project_2024.txt").read_text(encoding="utf-8")
    wb, ws = _sheet_from_text(text)
    ws.merge_cells("A12:A19")  # 绩效指标 down the side of the table
    form, guesses = read_xlsx_bytes(_save(wb))
    assert form.kind is FormKind.PROJECT
    assert visible_fields(form) == visible_fields(project_form)
    assert form.budget.unit == "万元" and form.budget.points == Decimal(10)
    assert compute(form).total_score == Decimal("98.97")


def test_project_budget_with_blank_initial_and_text_numbers():
    text = (DATA / "project_2024.txt").read_text(encoding="utf-8")
    wb, ws = _sheet_from_text(text)
    ws["C9"] = None  # 其他资金: 年初预算数 left blank
    ws["D7"] = "110.00"  # typed as text
    form, _ = read_xlsx_bytes(_save(wb))
    other = form.budget.row("other")
    assert other.initial is None and other.planned == Decimal("0.00")
    assert form.budget.row("fiscal").planned == Decimal("110.00")


def _department_sheet() -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "2023自评"
    ws["A1"] = "附件2"
    ws["A2"] = "2023年度部门（单位）整体支出绩效自评表"
    ws.merge_cells("A2:I2")
    ws["A3"] = "填报单位：某某镇社区事务受理服务中心"
    ws.merge_cells("A3:F3")
    ws["A4"] = "整体支出规模（万元）"
    ws.merge_cells("A4:B8")
    for c, label in (("D", "全年预算数"), ("F", "全年执行数"), ("H", "执行率")):
        ws[f"{c}4"] = label
    ws.merge_cells("D4:E4")
    ws.merge_cells("F4:G4")
    ws.merge_cells("H4:I4")
    budget = [("资金来源：（1）财政拨款", 1234.56, "1,200.00"), ("（2）其他资金", 0, 0),
              ("资金结构：（1）基本支出", 234.56, 230), ("（2）项目支出", 1000, 970)]
    for i, (label, planned, actual) in enumerate(budget, start=5):
        ws[f"C{i}"], ws[f"D{i}"], ws[f"F{i}"] = label, planned, actual
        ws[f"H{i}"] = "=IF(D{0}=0,\"\",F{0}/D{0})".format(i)
    ws["A9"] = "年度总体目标"
    ws.merge_cells("A9:A10")
    ws["B9"], ws["F9"] = "年初设定目标", "全年完成情况"
    ws.merge_cells("B9:E9")
    ws.merge_cells("F9:I9")
    ws["B10"] = "1. 做好社区事务受理。\n2. 提升服务满意度。"
    ws["F10"] = "全年受理事项 12,000 件。"
    ws.merge_cells("B10:E10")
    ws.merge_cells("F10:I10")
    ws["B10"].alignment = Alignment(wrap_text=True)
    # A two-row header: 指标值 over 年度指标值 | 全年完成值.
    for c, label in zip("ABCD", ("一级指标", "权重", "二级指标", "三级指标")):
        ws[f"{c}11"] = label
        ws.merge_cells(f"{c}11:{c}12")
    ws["E11"] = "指标值"
    ws.merge_cells("E11:F11")
    ws["E12"], ws["F12"] = "年度指标值", "全年完成值"
    for c, label in zip("GHI", ("分值", "得分", "偏差及原因分析")):
        ws[f"{c}11"] = label
        ws.merge_cells(f"{c}11:{c}12")
    rows = [
        ("产出指标", 60, "数量指标", "受理事项数", "≥10000件", "12000件", 30, 30, None),
        (None, None, None, "窗口开放天数", "≥250天", "250天", 10, 10, None),
        (None, None, "质量指标", "办结率", "≥98%", "97.5%", 20, "19.5", "个别事项材料不全"),
        ("效益指标", 30, "社会效益指标", "群众办事便利度", "提升", "达成指标", 30, 30, None),
        ("满意度指标", 10, "服务对象满意度指标", "群众满意度", "≥90%", "95%", 10, 9.8, "仍有改进空间"),
    ]
    for r, values in enumerate(rows, start=13):
        for c, v in enumerate(values, start=1):
            if v is not None:
                ws.cell(r, c, v)
    ws.merge_cells("A13:A15")
    ws.merge_cells("B13:B15")
    ws.merge_cells("C13:C14")
    ws["A18"] = "总分"
    ws.merge_cells("A18:F18")
    ws["G18"], ws["H18"] = "=SUM(G13:G17)", "=SUM(H13:H17)"
    ws["A20"] = "单位负责人：赵六"
    ws["E20"] = "填表人：王五"
    ws["A21"] = "联系电话："
    ws["C21"] = "021-87654321"
    ws["E21"] = "填报日期："
    ws["G21"] = dt.datetime(2024, 2, 28)
    return wb


def test_department_sheet_by_others_header_found_by_labels():
    form, guesses = read_xlsx_bytes(_save(_department_sheet()))
    assert form.kind is FormKind.DEPARTMENT
    assert form.header.unit == "某某镇社区事务受理服务中心" and form.header.year == 2023
    assert form.budget.unit == "万元"
    fiscal = form.budget.row("source_fiscal")
    assert fiscal.planned == Decimal("1234.56") and fiscal.actual == Decimal("1200.00")
    assert form.goals.planned == "1. 做好社区事务受理。\n2. 提升服务满意度。"
    assert [s.name for s in form.sections] == ["产出指标", "效益指标", "满意度指标"]
    assert [s.weight for s in form.sections] == [60, 30, 10]
    out = form.sections[0]
    assert [g.name for g in out.children] == ["数量指标", "质量指标"]
    assert [n.name for n in out.children[0].children] == ["受理事项数", "窗口开放天数"]
    rate = out.children[1].children[0]
    assert (rate.target, rate.actual, rate.score, rate.reason) == ("≥98%", "97.5%", Decimal("19.5"), "个别事项材料不全")
    assert compute(form).total_score == Decimal("99.3")
    assert form.signoff.get("单位负责人") == "赵六" and form.signoff.get("填表人") == "王五"
    assert form.signoff.get("联系电话") == "021-87654321"
    assert form.signoff.get("填报日期") == "2024年2月28日"
    assert any("两行" in str(g) for g in guesses)  # what was guessed is reported


def test_sheet_is_found_among_others_and_yuan_unit_detected():
    wb = _department_sheet()
    ws = wb["2023自评"]
    ws["A4"] = "整体支出规模（元）"
    cover = wb.create_sheet("封面", 0)
    cover["A1"] = "2023年度绩效自评材料"
    form, _ = read_xlsx_bytes(_save(wb))
    assert form.budget.unit == "元" and len(form.scored()) == 5


def test_unit_not_stated_is_reported():
    wb = _department_sheet()
    wb.active["A4"] = "整体支出规模"
    form, guesses = read_xlsx_bytes(_save(wb))
    assert form.budget.unit == "元"
    assert any("金额单位" in str(g) for g in guesses)


def test_sheet_without_header_is_refused(tmp_path):
    wb = Workbook()
    ws = wb.active
    for r in range(1, 10):
        ws.cell(r, 1, f"第{r}行")
        ws.cell(r, 2, r * 1.5)
    path = tmp_path / "noheader.xlsx"
    path.write_bytes(_save(wb))
    with pytest.raises(ImportFailed) as info:
        load_form_file(path)
    assert "表头" in str(info.value)


def test_cells_of_every_wrong_type_are_refused():
    from openpyxl.cell.cell import MergedCell

    wb = _department_sheet()
    ws = wb.active
    not_numbers = [dt.datetime(2024, 1, 1), True, "#DIV/0!", dt.time(12, 30), "abc", "=1/0", "七点五"]
    not_text = [3.5, dt.date(2024, 5, 6), False, -1e308, 1e-12, dt.timedelta(days=2)]
    for r in range(13, 18):
        for c in range(1, 10):
            if isinstance(ws.cell(r, c), MergedCell):
                continue
            pool = not_numbers if c in (2, 7, 8) else not_text
            ws.cell(r, c).value = pool[(r + c) % len(pool)]
    with pytest.raises(ImportFailed) as info:
        read_xlsx_bytes(_save(wb))
    assert "分值" in str(info.value)


def test_wrong_types_in_score_cells_become_blanks_with_a_note():
    wb = _department_sheet()
    ws = wb.active
    ws["H13"] = dt.datetime(2024, 1, 1)
    ws["H14"] = True
    form, guesses = read_xlsx_bytes(_save(wb))
    n = form.sections[0].children[0].children
    assert n[0].score is None and n[1].score is None
    assert sum("得分" in str(g) and "不是数字" in str(g) for g in guesses) == 2


def test_row_with_blank_points_and_numeric_actual_is_not_taken_for_a_shifted_row():
    wb = Workbook()
    ws = wb.active
    ws.append(["部门（单位）整体支出绩效自评表"])
    ws.append(["（2024年度）"])
    ws.append(["单位名称", "某单位"])
    ws.append(["一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"])
    ws.append(["产出指标", 100, "数量指标", "甲", "≥95", "98", 50, 50])
    ws.append([None, None, None, "乙", 95, 98, None, None])  # 分值 not filled in yet
    ws.append([None, None, None, "丙", "≥95", "98", 50, 49, "原因"])
    ws.append(["总分"])
    form, guesses = read_xlsx_bytes(_save(wb))
    leaves = form.scored()
    assert [(n.name, n.target, n.actual, n.max_points) for n in leaves] == [
        ("甲", "≥95", "98", 50), ("乙", "95", "98", None), ("丙", "≥95", "98", 50)]
    assert not any("左移" in str(g) for g in guesses)
