"""Defects found by using the window as finance staff do (review of the window)."""

from __future__ import annotations

from perfgui.model import FormKind


def panel_lines(window) -> list[str]:
    m = window.library_panel.model
    return [m.data(m.index(r)) for r in range(m.rowCount())]


def test_a_new_form_without_a_name_is_listed_once_with_its_year(open_window):
    w = open_window()
    w.new_form(FormKind.PROJECT)
    w.library_panel.refresh()
    year = w.doc.form.header.year
    first = [line.split("\n")[0] for line in panel_lines(w) if "项目支出" in line]
    # Not "2025 2025年度 未命名单位 项目支出": the year once, and a project is not a 单位.
    assert first == [f"{year} 未命名项目"]
