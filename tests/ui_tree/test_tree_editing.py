"""Editing cells through the real view: F2, typing, Enter and Tab, totals and findings."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication

from perfgui.model import compute
from perfgui.ui.tree import COL_NAME, COL_REASON, COL_SCORE


def sums(editor, name, find):
    node = find(name)
    m = editor.model
    return m.index_for(node.id, "max_points").data(), m.index_for(node.id, "score").data()


def test_score_edit_updates_every_total(editor, keys, find, qtbot):
    model = editor.model
    assert compute(editor.form).total_score == Decimal("94.00")
    assert sums(editor, "数量指标", find) == ("12.50", "12.50")
    changed = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a, b)))
    keys.select("电梯加装完成率", "score")
    with qtbot.waitSignal(editor.formChanged, timeout=2000):
        keys.type_into("0.8")
    assert find("电梯加装完成率").score == Decimal("0.80")
    assert keys.cell("电梯加装完成率", "score") == "0.80"
    # Every subtotal on the path follows, and the views were told about each of them.
    assert sums(editor, "数量指标", find) == ("12.50", "12.30")
    assert sums(editor, "产出指标", find) == ("25.00", "24.80")
    totals = compute(editor.form)
    assert totals.total_score == Decimal("93.80") and totals.grade == "优"
    told = {(model.node_at(a).name, c) for a, b in changed for c in range(a.column(), b.column() + 1)
            if model.node_at(a) is not None and a.parent() == b.parent() and a.row() == b.row()}
    assert ("数量指标", COL_SCORE) in told and ("产出指标", COL_SCORE) in told
    # The undo history names the change.
    assert editor.undo_stack.text(editor.undo_stack.index() - 1) == "修改得分：电梯加装完成率"
    # A large drop makes the grade follow.
    keys.select("社区居民满意度", "score")
    keys.type_into("0")
    keys.select("社区居民满意度", "reason")
    keys.type_into("满意度调查未开展")
    assert compute(editor.form).grade == "良"


def test_missing_reason_error_appears_and_disappears(editor, keys, find, qtbot):
    model = editor.model
    node = find("电梯加装完成率")

    def codes():
        return [f.code for f in editor.findings if f.node_id == node.id]

    assert codes() == []
    keys.select("电梯加装完成率", "score")
    keys.type_into("0.5")
    # The check runs right after the change is shown (the next turn of the event loop).
    qtbot.waitUntil(lambda: codes() == ["REASON_MISSING"], timeout=2000)
    reason = model.index_for(node.id, "reason")
    assert reason.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "偏差及原因分析" in reason.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_for(node.id).data(Qt.ItemDataRole.DecorationRole) is not None
    # Type the reason in its cell (Tab from 得分 lands on it: the next editable cell).
    keys.select("电梯加装完成率", "score")
    keys.press(Qt.Key.Key_Tab)
    assert editor.view.currentIndex().column() == COL_REASON
    keys.type_into("电梯加装受居民意见影响，年底才完成验收")
    assert node.reason == "电梯加装受居民意见影响，年底才完成验收"
    qtbot.waitUntil(lambda: codes() == [], timeout=2000)
    assert reason.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index_for(node.id).data(Qt.ItemDataRole.DecorationRole) is None


def test_bad_numbers_are_refused_with_a_message_and_the_editor_stays_open(editor, keys, find, qtbot):
    node = find("电梯加装完成率")
    messages = []
    editor.view.statusMessage.connect(messages.append)
    keys.select("电梯加装完成率", "score")
    widget = keys.type_into("abc")
    assert editor.view.state() == QAbstractItemView.State.EditingState
    assert node.score == Decimal("1.00")
    assert "不是数字" in messages[-1]
    widget.selectAll()
    qtbot.keyClicks(widget, "1.5")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert "超过分值" in messages[-1] and node.score == Decimal("1.00")
    widget.selectAll()
    qtbot.keyClicks(widget, "0.555")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert "两位小数" in messages[-1]
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert node.score == Decimal("1.00") and editor.undo_stack.count() == 0
    # Straight into the model (as focus leaving the editor does): refused, said, not stored.
    with qtbot.waitSignal(editor.model.editRejected) as blocker:
        ok = editor.model.setData(editor.model.index_for(node.id, "score"), "-1")
    assert not ok and "负数" in blocker.args[2] and node.score == Decimal("1.00")
    # PDF-damaged numbers are read as a person meant them.
    assert editor.model.setData(editor.model.index_for(node.id, "score"), "0. 90")
    assert node.score == Decimal("0.90")


def test_parent_sums_are_read_only_and_say_why(editor, keys, find):
    keys.select("数量指标", "score")
    messages = []
    editor.view.statusMessage.connect(messages.append)
    keys.press(Qt.Key.Key_F2)
    assert editor.view.state() != QAbstractItemView.State.EditingState
    keys.press(Qt.Key.Key_Return)
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert messages and "自动计算" in messages[-1]
    idx = editor.model.index_for(find("数量指标").id, "score")
    assert not idx.flags() & Qt.ItemFlag.ItemIsEditable
    assert idx.data(Qt.ItemDataRole.FontRole).bold()
    assert idx.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_weight_on_first_level_and_points_on_an_empty_second_level(editor, keys, find, typer):
    model = editor.model
    keys.select("效益指标", "weight")
    keys.type_into("35")
    assert find("效益指标").weight == Decimal("35.00")
    assert not model.index_for(find("数量指标").id, "weight").flags() & Qt.ItemFlag.ItemIsEditable
    # A new empty 二级 is not scored; typing a 分值 makes it scored (得分 editable afterwards).
    keys.select("社会效益指标")
    editor.add_sibling()
    widget = editor.view.open_editor()
    assert widget is not None, "adding a row opens its name for typing"
    typer(widget, "生态效益指标")
    keys.qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()
    eco = find("生态效益指标")
    assert not eco.is_scored
    score_idx = model.index_for(eco.id, "score")
    assert not score_idx.flags() & Qt.ItemFlag.ItemIsEditable
    keys.select("生态效益指标", "max_points")
    keys.type_into("2")
    assert eco.is_scored and eco.max_points == Decimal("2.00")
    assert model.index_for(eco.id, "score").flags() & Qt.ItemFlag.ItemIsEditable
    assert model.index_for(find("效益指标").id, "max_points").data() == "32.00"


def test_tab_and_backtab_walk_editable_cells_in_reading_order(editor, keys, find):
    view = editor.view
    keys.select("电梯加装完成率", "reason")
    keys.press(Qt.Key.Key_Tab)
    cur = view.currentIndex()
    assert editor.model.node_at(cur).name == "小区业委会换届工作完成率" and cur.column() == COL_NAME
    keys.press(Qt.Key.Key_Backtab)
    cur = view.currentIndex()
    assert editor.model.node_at(cur).name == "电梯加装完成率" and cur.column() == COL_REASON
    # While editing, Tab commits and opens the next editable cell.
    keys.select("电梯加装完成率", "target")
    keys.type_into("≥95%", commit=Qt.Key.Key_Tab)
    assert find("电梯加装完成率").target == "≥95%"
    assert view.state() == QAbstractItemView.State.EditingState
    assert view.currentIndex().column() == COL_NAME + 3  # 全年完成值


def test_multiline_reason_keeps_line_breaks(editor, keys, find, qtbot, typer):
    keys.select("市容市貌提升", "reason")
    widget = keys.open_editor()
    widget.selectAll()
    typer(widget, "第一行")
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    typer(widget, "第二行")
    assert editor.view.state() == QAbstractItemView.State.EditingState
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert find("市容市貌提升").reason == "第一行\n第二行"


def test_typing_on_a_cell_starts_editing_like_a_spreadsheet(editor, keys, find, qtbot):
    keys.select("电梯加装完成率", "score")
    qtbot.keyClick(editor.view, "0")  # the first key opens the editor and lands in it
    assert editor.view.state() == QAbstractItemView.State.EditingState
    widget = editor.view.open_editor()
    qtbot.keyClicks(widget, ".7")  # the next ones go where the focus now is
    assert widget.text() == "0.7"
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert find("电梯加装完成率").score == Decimal("0.70")


def test_delete_and_copy_keys_inside_an_open_editor_stay_in_the_editor(editor, keys, find, qtbot):
    keys.select("电梯加装完成率", "target")
    widget = keys.open_editor()
    widget.setCursorPosition(0)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    assert widget.text() == "100.00(%)"
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()
    node = find("电梯加装完成率")
    assert node.parent is not None and node.target == "100.00(%)"
    assert editor.undo_stack.count() == 1


def test_typing_in_one_cell_again_merges_and_typing_back_leaves_nothing_to_undo(editor, keys, find):
    stack = editor.undo_stack
    keys.select("电梯加装完成率", "score")
    keys.type_into("0.8")
    keys.type_into("0.6")
    assert stack.count() == 1 and find("电梯加装完成率").score == Decimal("0.60")
    stack.undo()
    assert find("电梯加装完成率").score == Decimal("1.00")
    stack.redo()
    keys.type_into("1")
    assert stack.count() == 0 and stack.isClean()
    # After a save (clean state) a new edit never merges into the saved one.
    keys.type_into("0.9")
    stack.setClean()
    keys.type_into("0.8")
    assert stack.count() == 2
    stack.undo()
    assert find("电梯加装完成率").score == Decimal("0.90") and stack.isClean()
