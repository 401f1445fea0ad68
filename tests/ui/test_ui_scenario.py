"""What a person does with the seed in the real window, from the keyboard and the mouse.

Open the seed, change a 得分 and watch every total and the grade follow; lower a 得分 below its
分值 and watch the missing-reason error appear, then go when a reason is typed; drag the two
及时性 rows into another group and watch both subtotals follow; undo everything back to the
saved state; redo, close, reopen and find the edits saved.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from perfgui.model.serialize import to_dict
from perfgui.ui.tree import COL_MAX, COL_NAME, COL_SCORE
from tests.ui.conftest import close_window, type_in_cell

MOVED = ("生活垃圾减量及时性", "社区工作者培训完成及时性")


def node(form, name):
    found = [n for n in form.root.walk() if n.name == name]
    assert len(found) == 1, name
    return found[0]


def cell_text(window, n, column):
    model = window.editor.model
    return model.data(model.index_of(n, column), Qt.ItemDataRole.DisplayRole)


def edit_cell(qtbot, window, n, field, text):
    """Select a cell, open its editor with F2, replace the text and press Enter."""
    view = window.editor.view
    type_in_cell(qtbot, view, n, field, text)
    qtbot.keyClick(view.open_editor(), Qt.Key.Key_Return)
    # Qt commits a line editor's text on Return through a queued call.
    qtbot.waitUntil(lambda: view.open_editor() is None, timeout=2000)


def codes_at(window, n):
    return {f.code for f in window.doc.findings if f.node_id == n.id}


def drag_rows_onto(qtbot, window, nodes, target):
    """Drag the rows of ``nodes`` and drop them on ``target``'s 指标 cell."""
    view = window.editor.view
    model = window.editor.model
    view.select_node(nodes[0].id, None)
    sm = view.selectionModel()
    for n in nodes[1:]:
        sm.select(model.index_of(n, COL_NAME), sm.SelectionFlag.Select)
    # What the view's startDrag hands to the drag: the model's data for the selected cells.
    mime = model.mimeData([i for i in view.selectedIndexes()])
    target_index = model.index_of(target, COL_NAME)
    view.scrollTo(target_index)
    rect = view.visualRect(target_index)
    pos = rect.center().toPointF()
    vp = view.viewport()
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(vp, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(vp, move)
    assert move.isAccepted(), "the view refuses the drop"
    drop = QDropEvent(pos, Qt.DropAction.MoveAction, mime, buttons, mods)
    QApplication.sendEvent(vp, drop)
    assert drop.isAccepted()


def test_seed_scenario(open_window, qtbot, data_dir):
    w = open_window()
    w.tabs.setCurrentIndex(1)
    doc = w.doc
    form = doc.form
    form_id = form.id
    original = to_dict(form)
    original_fp = doc.fingerprint
    summary = w.summary
    assert "94.00" in summary.score_label.text() and "优" in summary.grade_label.text()

    # -- change a 得分: every total and the grade follow ------------------------------------
    budget_exec = node(form, "预算执行管理")  # a 二级 scored directly, 10.20 points
    section = budget_exec.parent
    assert cell_text(w, section, COL_SCORE) == "30.00"
    edit_cell(qtbot, w, budget_exec, "score", "5")
    assert budget_exec.score == Decimal("5")
    # The totals changed at once: no waiting for a timer.
    assert cell_text(w, budget_exec, COL_SCORE) == "5.00"
    assert cell_text(w, section, COL_SCORE) == "24.80"
    assert "88.80" in summary.score_label.text() and "95.00" in summary.score_label.text()
    assert "良" in summary.grade_label.text()
    w.tabs.setCurrentIndex(0)
    assert w.page.computed["signoff.score"].text() == "88.80"
    assert w.page.computed["signoff.grade"].text() == "良"
    w.tabs.setCurrentIndex(1)

    # -- 得分 below 分值 without a reason: the error appears where the problem is ------------
    qtbot.waitUntil(lambda: "REASON_MISSING" in codes_at(w, budget_exec))
    assert summary.counts_label.text() == "2 个错误 · 0 个警告"
    listed = [f for f in w.findings.findings() if f.code == "REASON_MISSING"]
    assert listed and listed[0].node_id == budget_exec.id
    model = w.editor.model
    reason_index = model.index_for(budget_exec.id, "reason")
    assert "偏差及原因分析" in (model.data(reason_index, Qt.ItemDataRole.ToolTipRole) or "")
    # Activating the finding selects its cell.
    w.editor.view.select_node(form.sections[-1].id, None)
    w.findings.activate_row([f.code for f in w.findings.findings()].index("REASON_MISSING"))
    assert w.editor.view.currentIndex() == reason_index
    # Typing a reason makes it go away.
    edit_cell(qtbot, w, budget_exec, "reason", "部分预算调整未及时执行")
    assert budget_exec.reason == "部分预算调整未及时执行"
    qtbot.waitUntil(lambda: "REASON_MISSING" not in codes_at(w, budget_exec))
    assert summary.counts_label.text() == "1 个错误 · 0 个警告"
    assert not (model.data(reason_index, Qt.ItemDataRole.ToolTipRole) or "").count("扣分原因")

    # -- drag the two 及时性 rows into another group: both subtotals follow -----------------
    moved = [node(form, name) for name in MOVED]
    timely = moved[0].parent
    assert timely.name == "时效指标" and moved[1].parent is timely
    social = node(form, "社会效益指标")
    output, benefit = timely.parent, social.parent
    assert (cell_text(w, timely, COL_MAX), cell_text(w, social, COL_MAX)) == ("7.00", "30.00")
    drag_rows_onto(qtbot, w, moved, social)
    assert all(n.parent is social for n in moved)
    assert cell_text(w, timely, COL_MAX) == "5.50" and cell_text(w, timely, COL_SCORE) == "5.50"
    assert cell_text(w, social, COL_MAX) == "31.50" and cell_text(w, social, COL_SCORE) == "30.50"
    assert cell_text(w, output, COL_MAX) == "23.50"
    assert cell_text(w, benefit, COL_MAX) == "31.50"
    # Moving points between sections leaves the total but breaks both sections' weights.
    assert "88.80" in summary.score_label.text()
    qtbot.waitUntil(lambda: "SECTION_POINTS" in codes_at(w, output) and "SECTION_POINTS" in codes_at(w, benefit))
    edited = to_dict(form)

    # -- undo everything back to the saved state --------------------------------------------
    steps = 0
    while doc.undo_stack.canUndo():
        w.undo_action.trigger()
        steps += 1
    assert steps == 3  # one 得分, one reason, one drag of two rows
    assert to_dict(form) == original
    assert all(n.parent is timely for n in moved)
    assert cell_text(w, timely, COL_MAX) == "7.00" and cell_text(w, social, COL_SCORE) == "29.00"
    assert "94.00" in summary.score_label.text() and "优" in summary.grade_label.text()
    qtbot.waitUntil(lambda: doc.fingerprint == original_fp)
    assert summary.counts_label.text() == "1 个错误 · 0 个警告"

    # -- redo, close, reopen: the edits were saved ------------------------------------------
    while doc.undo_stack.canRedo():
        w.redo_action.trigger()
    assert to_dict(form) == edited
    close_window(w)
    w2 = open_window()
    assert w2.doc is not None and w2.doc.form_id == form_id
    again = w2.doc.form
    assert to_dict(again) == edited
    assert node(again, "预算执行管理").reason == "部分预算调整未及时执行"
    assert [n.parent.name for n in (node(again, m) for m in MOVED)] == ["社会效益指标"] * 2
    assert "88.80" in w2.summary.score_label.text() and "良" in w2.summary.grade_label.text()


def test_tree_model_passes_qt_model_tester(open_window, qtmodeltester):
    w = open_window()
    qtmodeltester.check(w.editor.model, force_py=True)
    qtmodeltester.check(w.editor.model)


def test_undo_history_view_lists_every_change(open_window, qtbot):
    w = open_window()
    doc = w.doc
    budget_exec = node(doc.form, "预算执行管理")
    edit_cell(qtbot, w, budget_exec, "score", "9")
    w.doc.set_attr(doc.form.header, "unit", "某单位", "修改单位名称", "header")
    w.findings_dock.toggleViewAction()
    w.history_dock.toggleViewAction().trigger()
    assert w.history_dock.isVisible()
    view = w.undo_view
    texts = [view.model().data(view.model().index(r, 0)) for r in range(view.model().rowCount())]
    assert len(texts) == 3  # the empty state, then the two changes
    assert "修改单位名称" in texts[-1]
    # Clicking the first line goes back to the form as it was opened.
    view.setCurrentIndex(view.model().index(0, 0))
    assert budget_exec.score == Decimal("10.20")
    assert doc.form.header.unit != "某单位"
