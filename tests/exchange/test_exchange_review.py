"""Defects found in review of the exchange code, each pinned by a test."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from exchange_helpers import drop_data_sheet, visible_fields
from perfgui.exchange import outputs
from perfgui.exchange import names
from perfgui.exchange.xlsx import read_xlsx_bytes
from blanks import blank_department


def _scored_second_level_with_measures():
    form = blank_department(unit="测试单位", year=2024)
    block = form.sections[0]  # 投入管理指标: seven 二级 scored directly under one note
    for g in block.children:
        g.score = g.max_points
    block.children[0].target = "≥95%"
    block.children[0].actual = "96%"
    block.children[2].target = "及时"
    block.children[2].actual = "达成指标"
    return form


def test_scored_second_level_targets_and_actuals_are_on_the_visible_sheet():
    form = _scored_second_level_with_measures()
    ws = load_workbook(io.BytesIO(outputs.xlsx_bytes(form)))["自评表"]
    rows = {ws.cell(r, 3).value: r for r in range(1, ws.max_row + 1)}
    first, third = rows["预算编审管理"], rows["预算绩效管理"]
    assert (ws.cell(first, 5).value, ws.cell(first, 6).value) == ("≥95%", "96%")
    assert (ws.cell(third, 5).value, ws.cell(third, 6).value) == ("及时", "达成指标")
    # Rows of the run without measures still get bordered cells in those columns.
    second = rows["预算执行管理"]
    assert ws.cell(second, 5).border.left.style == "thin"
    assert ws.cell(second, 6).border.right.style == "thin"


def test_scored_second_level_measures_survive_the_visible_sheet_alone():
    form = _scored_second_level_with_measures()
    back, _ = read_xlsx_bytes(drop_data_sheet(outputs.xlsx_bytes(form)))
    assert visible_fields(back) == visible_fields(form)


def test_safe_name_avoids_every_windows_device_name():
    # Windows also reserves CONIN$/CONOUT$ and COM/LPT with superscript digits ¹²³
    # (os.path.isreserved in Python 3.13 lists them); "$" is a legal file-name character.
    for name in ("CONIN$", "conout$.pdf", "COM¹", "LPT³.xlsx", "CON", "nul.txt"):
        safe = names.safe_name(name)
        assert safe.split(".")[0].upper() not in {"CONIN$", "CONOUT$", "COM¹", "LPT³", "CON", "NUL"}, safe
    assert names.safe_name("COM10") == "COM10"
