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


def test_money_on_the_basic_page_is_shown_whole_on_a_small_laptop_screen(open_window, qtbot):
    # 1024×700: the amounts must not lose their leading digits ("12,698.88" for 275,112,698.88).
    from PySide6.QtWidgets import QApplication

    w = open_window()
    w.resize(1024, 700)
    w.tabs.setCurrentIndex(0)
    QApplication.processEvents()
    page = w.page
    cells = {k: f for k, f in page.fields.items() if k.startswith("budget.")}
    cells.update({k: c for k, c in page.computed.items() if k.startswith("sum.") and not k.endswith(".rate")})
    assert "budget.source_fiscal.planned" in cells and cells["budget.source_fiscal.planned"].text() == "275,112,698.88"
    clipped = {k: c.text() for k, c in cells.items()
               if c.fontMetrics().horizontalAdvance(c.text()) + 8 > c.width()}
    assert clipped == {}


def test_first_start_on_a_small_screen_leaves_most_of_the_width_to_the_form(open_window, qtbot):
    # The offscreen screen is 800 px wide, a small laptop's 1024 or less: the side panels must
    # not take the room the indicator table needs (they used to take 610 px of it).
    from PySide6.QtWidgets import QApplication

    w = open_window()
    QApplication.processEvents()
    assert w.width() <= 1024
    assert w.centralWidget().width() >= w.width() * 0.45
    assert w.library_dock.width() >= 180 and w.findings_dock.width() >= 160
    # The narrower list elides its lines instead of scrolling sideways.
    assert not w.library_panel.view.horizontalScrollBar().isVisible()
