"""A pack's grouped column header (Yunnan: 年度指标值 over 指标性质 | 指标值 | 度量单位) prints in two
rows on paper and in the Excel sheet, and is refused when its columns are not neighbours."""

from __future__ import annotations

import io
import subprocess

import pytest
from openpyxl import load_workbook

from pack_samples import sample
from perfgui import packs
from perfgui.exchange.outputs import pdf_bytes, xlsx_bytes
from perfgui.resources import resource_path

UNIT_COLUMN = '  { key = "measure_unit", label = "度量单位", width = 10, landscape = 12, group = "年度指标值" },\n'


def test_yunnan_prints_the_target_group_over_its_three_columns(tmp_path):
    form = sample(packs.find("yunnan-project"))
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(pdf_bytes(form))
    lines = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                           encoding="utf-8").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if "年度指标值" in line)
    below = "\n".join(lines[at + 1:at + 6])
    assert "指标值" in below and "度量" in below and "性质" in below
    sheet = load_workbook(io.BytesIO(xlsx_bytes(form))).worksheets[0]
    group = [m for m in sheet.merged_cells.ranges if sheet.cell(m.min_row, m.min_col).value == "年度指标值"]
    assert len(group) == 1
    g = group[0]
    assert (g.max_col - g.min_col, g.max_row - g.min_row) == (2, 0)
    assert [sheet.cell(g.min_row + 1, c).value for c in range(g.min_col, g.max_col + 1)] == ["指标性质", "指标值", "度量单位"]
    level1 = [m for m in sheet.merged_cells.ranges if sheet.cell(m.min_row, m.min_col).value == "一级指标"]
    assert [(m.min_row, m.max_row) for m in level1] == [(g.min_row, g.min_row + 1)]  # down both rows


def test_a_group_split_by_another_column_is_refused():
    text = (resource_path("packs") / "yunnan-project.toml").read_text(encoding="utf-8")
    assert UNIT_COLUMN in text
    text = text.replace('name = "yunnan-project"', 'name = "split-group"').replace(UNIT_COLUMN, "")
    actual = next(line for line in text.splitlines() if '{ key = "actual", label = "实际完成值"' in line)
    text = text.replace(actual + "\n", actual + "\n" + UNIT_COLUMN)
    with pytest.raises(packs.PackFileError, match="应相邻"):
        packs.read_pack_text(text, "测试包")
