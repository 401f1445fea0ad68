"""A 30-digit number typed into the window is a message at the cell, never a traceback."""

from __future__ import annotations

from decimal import Decimal

from perfgui.model.form_bounds import form_number_problems

HUGE = "1" * 30


def test_a_huge_score_typed_into_the_tree_is_refused_with_a_message(open_window, qtbot):
    w = open_window()
    model = w.editor.model
    node = w.doc.form.scored()[0]
    before = node.score
    with qtbot.waitSignal(model.editRejected) as blocker:
        ok = model.setData(model.index_for(node.id, "score"), HUGE)
    assert not ok and "超出范围" in blocker.args[2] and node.score == before
    with qtbot.waitSignal(model.editRejected) as blocker:
        ok = model.setData(model.index_for(w.doc.form.sections[0].id, "weight"), "9" * 40)
    assert not ok and "权重" in blocker.args[2] and "超出范围" in blocker.args[2]


def test_a_huge_budget_figure_is_marked_at_the_field_and_never_reaches_the_form(open_window, qtbot):
    w = open_window()
    row = w.doc.form.budget.rows[0]
    field = w.page.fields[f"budget.{row.key}.planned"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, HUGE)
    assert not field.valid and "超出范围" in field.toolTip()
    # Each keystroke commits while the figure is in range: the form keeps the last one that was.
    assert row.planned == Decimal("1" * 14) and form_number_problems(w.doc.form) == []
    field.selectAll()
    qtbot.keyClicks(field, "1234.5")
    assert field.valid and row.planned == Decimal("1234.5")
