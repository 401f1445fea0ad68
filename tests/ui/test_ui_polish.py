"""Small things a reviewer found: how a deleted form is named, a wrong year, narrow windows."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from perfgui.model import FormKind
from tests.ui.conftest import retype, type_chinese


def _ask_and_remember(monkeypatch, answer=QMessageBox.StandardButton.Cancel) -> list[str]:
    asked: list[str] = []

    def question(parent, title, text, *a, **k):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _library_first_line(window, form_id: str) -> str:
    m = window.library_panel.model
    return m.data(m.index(m.row_of(form_id))).split("\n")[0]


def test_delete_confirmation_names_the_form_as_the_library_does(open_window, qtbot, monkeypatch):
    w = open_window()
    asked = _ask_and_remember(monkeypatch)
    # An unnamed project form: the year once, not "2025 2025年度 未命名单位 项目支出".
    form_id = w.new_form(FormKind.PROJECT)
    assert form_id is not None
    line = _library_first_line(w, form_id)
    assert not w.delete_form(form_id)
    assert asked and f"“{line}”" in asked[-1]
    year = str(w.doc.form.header.year)
    assert asked[-1].count(year) == 1
    # A named project form is called by its project, not by its implementing unit.
    for key, text in (("header.project_name", "老旧小区电梯加装"), ("header.unit", "虹桥镇城建中心")):
        field = w.page.fields[key]
        field.setFocus()
        type_chinese(field, text)
    qtbot.waitUntil(lambda: w.doc.is_saved, timeout=5000)
    w.library_panel.refresh()
    assert not w.delete_form(form_id)
    assert "老旧小区电梯加装" in asked[-1] and "虹桥镇城建中心" not in asked[-1]
    assert f"“{_library_first_line(w, form_id)}”" in asked[-1]


def test_a_year_that_is_not_four_digits_is_told_not_silently_restored(open_window, qtbot):
    w = open_window()
    w.tabs.setCurrentIndex(0)
    field = w.page.fields["header.year"]
    retype(qtbot, field, "20")
    # While typing: the field is marked and says what a year looks like.
    assert field.property("problem") == "error"
    assert "年度应为四位数字" in field.toolTip()
    assert w.doc.form.header.year == 2024
    # Leaving the field puts the year back and says why, where the person looks.
    w.page.fields["header.unit"].setFocus()
    assert field.text() == "2024"
    assert field.property("problem") != "error"
    assert "年度应为四位数字" in w.statusBar().currentMessage()
    assert "2024" in w.statusBar().currentMessage()
    # A year out of range is told too.
    retype(qtbot, field, "1900")
    assert field.property("problem") == "error"
    assert "1990" in field.toolTip()
    w.page.fields["header.unit"].setFocus()
    assert field.text() == "2024" and "1990" in w.statusBar().currentMessage()
    # A good year is taken as typed, without a message.
    retype(qtbot, field, "2025")
    assert field.property("problem") != "error"
    assert w.doc.form.header.year == 2025
