"""The confirm view before an import: the source beside what was read, each guess on its cell."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog

from perfgui.exchange.files import read_form_file
from perfgui.ui.import_preview import GUESS_TINT, PRINTED_TINT, ImportPreviewDialog

REAL = Path(__file__).resolve().parent.parent / "data" / "real"


def test_guesses_are_marked_on_their_cells_and_found_from_the_list(qtbot):
    result = read_form_file(REAL / "06_shanxi_project_jishan_medical.xlsx")
    dialog = ImportPreviewDialog("06.xlsx", result)
    qtbot.addWidget(dialog)
    table = dialog.table
    assert (table.rowCount(), table.columnCount()) == (result.grid.nrows, result.grid.ncols)
    assert table.item(0, 0).text() == "稷山县项目支出绩效自评表" and table.columnSpan(0, 0) == 9
    # The budget 得分 printed 9 (row 6, column 得分) disagrees with 9.91: red, with the reason.
    budget_score = table.item(5, 8)
    assert budget_score.text() == "9" and budget_score.background().color() == PRINTED_TINT
    assert "9.91" in budget_score.toolTip()
    # 产出指标(50分): the points read out of the label, marked as a guess.
    label = table.item(12, 1)
    assert label.background().color() == GUESS_TINT and "50分" in label.toolTip()
    assert dialog.list.count() == len(result.guesses)
    row = next(i for i, g in enumerate(result.guesses) if g.kind == "printed" and g.row == 18)
    dialog.list.setCurrentRow(row)
    assert table.currentRow() == 18  # the 总分 row


def test_corrections_are_applied_when_importing(qtbot):
    result = read_form_file(REAL / "07_unknown_project_service_trade.xlsx")
    dialog = ImportPreviewDialog("07.xlsx", result)
    qtbot.addWidget(dialog)
    assert dialog.kind.currentData() == "project" and dialog.year.value() == 2020
    dialog.kind.setCurrentIndex(0)  # 部门整体
    dialog.money_unit.setCurrentText("元")
    dialog.year.setValue(2021)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    form = result.form
    assert (form.kind.value, form.budget.unit, form.header.year) == ("department", "元", 2021)


def test_cancel_changes_nothing(qtbot):
    result = read_form_file(REAL / "07_unknown_project_service_trade.xlsx")
    dialog = ImportPreviewDialog("07.xlsx", result)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2030)
    dialog.reject()
    assert result.form.header.year == 2020
