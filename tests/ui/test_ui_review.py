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


def _type_in_cell_without_enter(w, qtbot, name: str, field: str, text: str) -> None:
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import type_in_cell

    w.tabs.setCurrentIndex(1)
    node = next(n for n in w.doc.form.root.walk() if n.name == name)
    type_in_cell(qtbot, w.editor.view, node, field, text)
    QApplication.processEvents()


def test_closing_the_window_keeps_a_score_still_being_typed(open_window, qtbot, data_dir):
    # Typed into a cell, then closed the window without Enter: a spreadsheet keeps the value.
    from decimal import Decimal

    from perfgui.store import open_library
    from tests.ui.conftest import close_window

    w = open_window()
    form_id = w.doc.form_id
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "score", "0.5")
    close_window(w)
    lib = open_library(data_dir)
    try:
        node = next(n for n in lib.load(form_id).root.walk() if n.name == "电梯加装完成率")
        assert node.score == Decimal("0.50")
    finally:
        lib.close()


def test_print_export_and_switching_forms_take_the_cell_being_typed(open_window, qtbot):
    from decimal import Decimal

    w = open_window()
    seed_id = w.doc.form_id
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "score", "0.8")
    printed = w._current_form()  # what print, preview, export and e-mail work on
    assert next(n for n in printed.root.walk() if n.name == "电梯加装完成率").score == Decimal("0.80")
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "score", "0.6")
    w.new_form(FormKind.PROJECT)
    stored = w.library.load(seed_id)
    assert next(n for n in stored.root.walk() if n.name == "电梯加装完成率").score == Decimal("0.60")


def test_closing_with_a_refused_number_in_a_cell_keeps_the_window_and_says_why(open_window, qtbot):
    w = open_window()
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "score", "abc")
    messages = []
    w.editor.view.statusMessage.connect(messages.append)
    assert not w.close()
    assert w.isVisible() and w.doc is not None
    assert messages and "abc" in messages[-1]
    from PySide6.QtCore import Qt
    qtbot.keyClick(w.editor.view.open_editor(), Qt.Key.Key_Escape)
    assert w.close()


def test_copy_to_next_year_takes_the_cell_being_typed_and_a_refused_one_creates_nothing(open_window, qtbot):
    from decimal import Decimal

    w = open_window()
    seed_id = w.doc.form_id
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "target", "≥90%")
    new_id = w.duplicate_form(seed_id)
    copied = w.library.load(new_id)
    assert next(n for n in copied.root.walk() if n.name == "电梯加装完成率").target == "≥90%"
    before = len(w.library.list())
    _type_in_cell_without_enter(w, qtbot, "电梯加装完成率", "max_points", "x1")
    assert w.new_form(FormKind.PROJECT) is None
    assert len(w.library.list()) == before and w.doc.form_id == new_id
    assert w.editor.view.open_editor() is not None
    assert Decimal("1") == next(n for n in w.doc.form.root.walk() if n.name == "电梯加装完成率").max_points
    from PySide6.QtCore import Qt
    qtbot.keyClick(w.editor.view.open_editor(), Qt.Key.Key_Escape)
    assert w.close()
