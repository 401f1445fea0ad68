"""The editor behaves like the spreadsheet staff know, and never edits a form that is gone.

Each test reproduces one problem of issue 14 in the real window (points 1, 2, 6 and 7) and
passes now that it is fixed.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMessageBox

from perfgui.model import compute
from perfgui.store import open_library
from perfgui.ui.tree.model import WARNING_BACKGROUND
from tests.ui.conftest import close_window

CTRL = Qt.KeyboardModifier.ControlModifier


def node_named(form, name):
    found = [n for n in form.root.walk() if n.name == name]
    assert len(found) == 1, name
    return found[0]


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


# -- 1. Del clears cells; 删除指标 removes rows and asks for a group ------------------------------
def test_del_on_a_first_level_row_removes_nothing(open_window, qtbot):
    w = open_window()
    view, form = w.editor.view, w.doc.form
    output = node_named(form, "产出指标")
    before = compute(form).total_score
    assert view.select_node(output.id, "score")  # a subtotal cell of the 一级
    press(qtbot, view, Qt.Key.Key_Delete)
    assert output.parent is form.root and len(output.children) == 3
    assert compute(form).total_score == before
    assert w.doc.undo_stack.count() == 0
    assert "合计" in w.statusBar().currentMessage()


def test_del_clears_the_selected_cells_in_one_undo_step(open_window, qtbot):
    w = open_window()
    view, form, stack = w.editor.view, w.doc.form, w.doc.undo_stack
    lift = node_named(form, "电梯加装完成率")
    model = w.editor.model
    view.select_node(lift.id, "actual")
    sm = view.selectionModel()
    for field in ("score", "reason"):
        sm.select(model.index_for(lift.id, field), sm.SelectionFlag.Select)
    press(qtbot, view, Qt.Key.Key_Delete)
    assert lift.parent is not None and lift.actual == "" and lift.score is None
    assert lift.target == "=100.00(%)" and lift.max_points == Decimal("1.00")
    # The reason was empty already: two cells were cleared, in one step that says so.
    assert stack.count() == 1 and stack.text(0) == "清除 2 个单元格"
    assert compute(form).total_score == Decimal("93.00")
    stack.undo()
    assert lift.actual == "100.00(%)" and lift.score == Decimal("1.00")


def test_removing_a_group_asks_first_naming_what_goes(open_window, qtbot, monkeypatch):
    w = open_window()
    view, form, stack = w.editor.view, w.doc.form, w.doc.undo_stack
    output = node_named(form, "产出指标")
    asked = []
    answer = {"button": QMessageBox.StandardButton.Cancel}

    def question(parent, title, text, *args):
        asked.append(text)
        return answer["button"]

    monkeypatch.setattr(QMessageBox, "question", question)
    view.select_node(output.id, "name")
    press(qtbot, view, Qt.Key.Key_Minus, CTRL)
    below = sum(1 for _ in output.walk()) - 1
    points, scored = w.editor.model.sums(output)
    assert points == Decimal("25.00")
    assert len(asked) == 1
    assert "产出指标" in asked[0] and f"{below} 个指标" in asked[0] and "25.00 分" in asked[0]
    assert output.parent is form.root and stack.count() == 0
    answer["button"] = QMessageBox.StandardButton.Yes
    press(qtbot, view, Qt.Key.Key_Minus, CTRL)
    assert output not in form.root.children
    assert compute(form).total_score == Decimal("94.00") - scored
    assert stack.text(0) == "删除指标：产出指标"
    # A single 三级 goes without a question.
    lift = node_named(form, "社区居民满意度")
    view.select_node(lift.id)
    press(qtbot, view, Qt.Key.Key_Minus, CTRL)
    assert len(asked) == 2 and lift.parent is None
    stack.undo()
    stack.undo()
    assert output.parent is form.root and compute(form).total_score == Decimal("94.00")


# -- 2. no ghost tree ------------------------------------------------------------------------
def test_deleting_the_open_form_closes_its_editor_and_refuses_late_edits(open_window, qtbot, data_dir):
    w = open_window()
    doc = w.doc
    form_id = doc.form_id
    lift = node_named(doc.form, "电梯加装完成率")
    view = w.editor.view
    # A cell being typed in when the form is deleted: taken first, then the form goes.
    view.select_node(lift.id, "reason")
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.setPlainText("删除前写的原因")
    assert w.delete_form(form_id, confirm=False)
    assert w.doc is None and w.editor.document is None and w.editor.model is None
    assert view.model() is None and view.state() != QAbstractItemView.State.EditingState
    assert not any(w.tree_actions[k].isEnabled() for k in ("add_sibling", "add_child", "delete", "clear", "paste"))
    # Keys on the empty tree do nothing (and raise nothing).
    for key in (Qt.Key.Key_Delete, Qt.Key.Key_Insert, Qt.Key.Key_F2):
        press(qtbot, view, key)
    assert w.editor.add_sibling() is None
    # An edit that still holds the gone document is refused with a message, not lost silently.
    refused = []
    doc.editRefused.connect(refused.append)
    assert not doc.edit_node(lift, "score", Decimal("0"))
    assert refused and "已关闭或已删除" in refused[0]
    assert lift.score == Decimal("1.00")
    close_window(w)
    lib = open_library(data_dir)
    try:
        assert form_id not in {s.id for s in lib.list()}
        lib.restore(form_id)
        stored = lib.load(form_id)
        assert node_named(stored, "电梯加装完成率").reason == "删除前写的原因"
        assert node_named(stored, "电梯加装完成率").score == Decimal("1.00")
    finally:
        lib.close()


def test_switching_forms_switches_the_editor(open_window, qtbot):
    w = open_window()
    first = w.doc
    other_id = w.duplicate_form(first.form_id)
    assert other_id and w.doc.form_id == other_id
    assert first.closed and w.editor.document is w.doc
    assert w.editor.model.form is w.doc.form
    refused = []
    first.editRefused.connect(refused.append)
    assert not first.add_nodes(first.form.root, 0, [])
    assert refused


# -- 6. live totals, Enter down, Tab right, arrows never collapse ------------------------------
def test_totals_follow_each_keystroke_and_enter_commits_and_moves_down(open_window, qtbot):
    w = open_window()
    view, form, stack = w.editor.view, w.doc.form, w.doc.undo_stack
    model = w.editor.model
    execution = node_named(form, "预算执行管理")  # a scored 二级 of 投入管理, 10.20 points
    section = execution.parent
    assert "94.00" in w.summary.score_label.text() and "优" in w.summary.grade_label.text()
    view.select_node(execution.id, "score")
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.selectAll()
    qtbot.keyClicks(editor, "0")
    # Not committed, yet every figure follows: the 一级 subtotal, 总分, grade, summary bar.
    assert view.open_editor() is editor and editor.text() == "0"
    assert model.index_of(section, 5).data() == "19.80"
    assert "83.80" in w.summary.score_label.text() and "良" in w.summary.grade_label.text()
    assert stack.count() == 0
    qtbot.keyClicks(editor, ".5")
    assert "84.30" in w.summary.score_label.text()
    press(qtbot, editor, Qt.Key.Key_Return)
    assert execution.score == Decimal("0.50") and stack.count() == 1
    assert stack.text(0) == "修改得分：预算执行管理"
    # Enter moved down one row, same column.
    below = node_named(form, "预算绩效管理")
    assert model.node_at(view.currentIndex()) is below and view.currentIndex().column() == 5
    # Esc takes a preview back.
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.selectAll()
    qtbot.keyClicks(editor, "0")
    assert "79.80" in w.summary.score_label.text()
    press(qtbot, editor, Qt.Key.Key_Escape)
    assert below.score == Decimal("4.50") and "84.30" in w.summary.score_label.text()
    assert stack.count() == 1
    # Tab moves right: from 分值 to 得分 of the same row.
    view.select_node(below.id, "max_points")
    press(qtbot, view, Qt.Key.Key_F2)
    press(qtbot, view.open_editor(), Qt.Key.Key_Tab)
    assert model.node_at(view.currentIndex()) is below and view.currentIndex().column() == 5


def test_left_in_the_first_column_never_collapses(open_window, qtbot):
    w = open_window()
    view, form = w.editor.view, w.doc.form
    model = w.editor.model
    output = node_named(form, "产出指标")
    quantity = node_named(form, "数量指标")
    for node in (output, quantity):
        view.select_node(node.id, "name")
        press(qtbot, view, Qt.Key.Key_Left)
        assert view.isExpanded(model.index_of(node)), node.name
        assert model.node_at(view.currentIndex()) is node and view.currentIndex().column() == 0
    # Right and Left move one cell sideways, never expand or collapse.
    press(qtbot, view, Qt.Key.Key_Right)
    assert view.currentIndex().column() == 1 and view.isExpanded(model.index_of(quantity))
    press(qtbot, view, Qt.Key.Key_Left)
    assert view.currentIndex().column() == 0 and view.isExpanded(model.index_of(quantity))
    # Inside an open cell, Left moves the text cursor and leaves the tree alone.
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.setCursorPosition(0)
    press(qtbot, editor, Qt.Key.Key_Left)
    assert view.isExpanded(model.index_of(quantity)) and view.open_editor() is editor


# -- 7. a 定性 score outside its band is a warning at the cell and in 检查结果 -----------------------
def test_qualitative_score_outside_its_band_is_in_the_findings_and_at_the_cell(open_window, qtbot):
    w = open_window()
    view, form = w.editor.view, w.doc.form
    model = w.editor.model
    node = node_named(form, "电梯加装完成及时性")  # 及时 / 达成指标, 1.00: band 0.80–1.00
    view.select_node(node.id, "score")
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.selectAll()
    qtbot.keyClicks(editor, "0.1")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "SCORE_OUT_OF_BAND" in [f.code for f in w.findings.findings()], timeout=3000)
    (f,) = [f for f in w.findings.findings() if f.code == "SCORE_OUT_OF_BAND"]
    assert f.node_id == node.id and "0.80–1.00" in f.message
    cell = model.index_for(node.id, "score")
    assert f.message in cell.data(Qt.ItemDataRole.ToolTipRole)
    brush = cell.data(Qt.ItemDataRole.BackgroundRole)
    # The cell also lacks a reason (an error): tinted at least; the score cell carries the band.
    assert brush is not None
    assert any(x.code == "SCORE_OUT_OF_BAND" for x in model.findings_for(node.id, "score"))
    node_reason = "验收推迟到次年"
    view.select_node(node.id, "reason")
    press(qtbot, view, Qt.Key.Key_F2)
    view.open_editor().setPlainText(node_reason)
    press(qtbot, view.open_editor(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "REASON_MISSING" not in [x.code for x in w.findings.findings()], timeout=3000)
    # With the reason written, the band warning alone tints the score cell as a warning.
    assert model.index_for(node.id, "score").data(Qt.ItemDataRole.BackgroundRole).color() == WARNING_BACKGROUND


# -- 3. pasting ordinary spreadsheet rows ---------------------------------------------------------
OWN_ROWS = ("加装电梯居民满意度\t>=95%\t96%\t1\t1\t\r\n"
            "坡道改造数量\t≥15座\t15座\t2\t1.5\t两处施工延期\r\n")
# The same rows with a blank 权重 column of the person's own sheet after the name.
OWN_ROWS_BLANK_WEIGHT = ("加装电梯居民满意度\t\t>=95%\t96%\t1\t1\t\r\n"
                         "坡道改造数量\t\t≥15座\t15座\t2\t1.5\t两处施工延期\r\n")


def _paste(qtbot, w, text, *, accept=True):
    from PySide6.QtCore import QTimer

    from perfgui.ui.tree.clipboard import new_mime

    mime = new_mime()
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    seen = {}

    def answer():
        dialog = w.editor.paste_dialog
        seen["where"] = dialog.where_label.text()
        seen["rows"] = [[dialog.table.item(r, c).text().strip() for c in range(dialog.table.columnCount())]
                        for r in range(dialog.table.rowCount())]
        seen["notes"] = dialog.notes_label.text()
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, answer)
    press(qtbot, w.editor.view, Qt.Key.Key_V, CTRL)
    return seen


def test_pasted_rows_are_read_by_content_and_go_in_as_siblings(open_window, qtbot):
    for text in (OWN_ROWS, OWN_ROWS_BLANK_WEIGHT):
        w = open_window()
        view, form, stack = w.editor.view, w.doc.form, w.doc.undo_stack
        quantity = node_named(form, "数量指标")
        lift = node_named(form, "电梯加装完成率")
        view.select_node(lift.id, "name")
        seen = _paste(qtbot, w, text)
        # The dialog showed them as they went in: two 三级 rows after 电梯加装完成率.
        assert seen["where"].startswith("在“数量指标”下、“电梯加装完成率”之后插入 2 个三级指标")
        assert seen["rows"][1] == ["三级", "坡道改造数量", "≥15座", "15座", "2.00", "1.50", "两处施工延期"]
        assert "没有表头，按内容识别列" in seen["notes"]
        names = [c.name for c in quantity.children]
        i = names.index("电梯加装完成率")
        assert names[i + 1:i + 3] == ["加装电梯居民满意度", "坡道改造数量"]
        ramp = node_named(form, "坡道改造数量")
        assert (ramp.target, ramp.actual, ramp.max_points, ramp.score, ramp.reason) == (
            "≥15座", "15座", Decimal("2"), Decimal("1.5"), "两处施工延期")
        assert not ramp.children and ramp.parent is quantity
        # Undo text, status bar and result agree: two indicators.
        assert stack.count() == 1 and stack.text(0) == "粘贴 2 个指标"
        assert "已从表格文本粘贴 2 个指标" in w.statusBar().currentMessage()
        assert compute(form).total_score == Decimal("96.50")
        stack.undo()
        assert [c.name for c in quantity.children] == names[:i + 1] + names[i + 3:]
        close_window(w)


def test_cancel_in_the_paste_dialog_changes_nothing(open_window, qtbot):
    w = open_window()
    view, form = w.editor.view, w.doc.form
    view.select_node(node_named(form, "电梯加装完成率").id)
    seen = _paste(qtbot, w, OWN_ROWS, accept=False)
    assert len(seen["rows"]) == 2
    assert w.doc.undo_stack.count() == 0 and compute(form).total_score == Decimal("94.00")


def test_ctrl_v_in_an_open_cell_pastes_the_first_cell_only(open_window, qtbot):
    from perfgui.ui.tree.clipboard import new_mime

    w = open_window()
    view, form = w.editor.view, w.doc.form
    lift = node_named(form, "电梯加装完成率")
    mime = new_mime()
    mime.setText(OWN_ROWS)
    QApplication.clipboard().setMimeData(mime)
    view.select_node(lift.id, "name")
    press(qtbot, view, Qt.Key.Key_F2)
    editor = view.open_editor()
    editor.selectAll()
    press(qtbot, editor, Qt.Key.Key_V, CTRL)
    assert editor.text() == "加装电梯居民满意度"
    press(qtbot, editor, Qt.Key.Key_Return)
    assert lift.name == "加装电梯居民满意度" and len(node_named(form, "数量指标").children) == 13
    assert w.doc.undo_stack.count() == 1
