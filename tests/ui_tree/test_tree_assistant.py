"""The scoring assistant: parses target and actual, names the rule, suggests, never overwrites."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfgui.model.form import Rule
from perfgui.model.serialize import to_dict

CTRL = Qt.KeyboardModifier.ControlModifier


def test_assistant_follows_the_current_row(editor, keys):
    a = editor.assistant
    keys.select("电梯加装完成率", "score")
    assert a.target_label.text() == "= 100.00 %"
    assert a.actual_label.text() == "100.00 %"
    assert a.rule_combo.currentText() == "自动"
    assert a.explanation.text().startswith("等于")
    assert a.suggestion.points == Decimal("1.00")
    assert not a.accept_button.isEnabled()  # the typed points already agree
    keys.select("数量指标")
    assert a.suggestion is None and not a.rule_combo.isEnabled()


def test_suggestion_is_only_taken_when_accepted(editor, keys, find, clean):
    node = find("小区整体管理水平")
    a = editor.assistant
    keys.select("小区整体管理水平", "score")
    assert a.explanation.text().startswith("定性")
    assert a.suggestion.points == Decimal("5.00") and (a.suggestion.low, a.suggestion.high) == (
        Decimal("4.00"), Decimal("5.00"))
    assert node.score == Decimal("4.50")  # shown, not written
    assert a.accept_button.isEnabled() and editor.actions["accept_suggestion"].isEnabled()
    # Changing the actual changes the suggestion, never the typed points.
    keys.select("小区整体管理水平", "actual")
    keys.type_into("部分达成")
    assert node.actual == "部分达成" and node.score == Decimal("4.50")
    assert a.suggestion.points == Decimal("3.50")
    # Ctrl+Enter (one key) accepts it, through the undo stack.
    keys.press(Qt.Key.Key_Return, CTRL)
    assert node.score == Decimal("3.50")
    stack = editor.undo_stack
    assert stack.text(stack.index() - 1) == "采用建议得分：小区整体管理水平"
    assert editor.model.index_of(find("社会效益指标"), 5).data() == "28.00"
    while stack.canUndo():
        stack.undo()
    assert to_dict(editor.form) == clean


def test_preview_while_typing_a_target(editor, keys, find, qtbot, typer):
    a = editor.assistant
    node = find("电梯加装完成率")
    keys.select("电梯加装完成率", "target")
    widget = keys.open_editor()
    widget.selectAll()
    typer(widget, "≥120%")
    # Not committed yet: the assistant shows what it would give, the node is unchanged.
    assert node.target == "=100.00(%)"
    assert a.target_label.text() == "≥ 120 %"
    assert a.explanation.text().startswith("正向")
    assert a.points_label.text().startswith("0.83")
    qtbot.keyClick(widget, Qt.Key.Key_Escape)
    QApplication.processEvents()
    assert a.target_label.text() == "= 100.00 %" and node.target == "=100.00(%)"
    # Ctrl+Enter while typing commits the value and accepts the suggestion it gives.
    widget = keys.open_editor()
    widget.selectAll()
    typer(widget, "≥120%")
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert node.target == "≥120%" and node.score == Decimal("0.83")
    assert editor.undo_stack.count() == 2


def test_rule_override_goes_through_the_undo_stack(editor, keys, find):
    node = find("社区居民满意度")
    a = editor.assistant
    keys.select("社区居民满意度", "score")
    i = a.rule_combo.findText("手动")
    a.rule_combo.setCurrentIndex(i)
    a.rule_combo.activated.emit(i)
    assert node.rule is Rule.MANUAL
    assert a.suggestion is None and a.points_label.text() == "—"
    stack = editor.undo_stack
    assert stack.text(stack.index() - 1) == "修改评分规则：社区居民满意度（手动）"
    stack.undo()
    assert node.rule is Rule.AUTO and a.rule_combo.currentText() == "自动"


def test_over_target_is_flagged(editor, keys, find):
    keys.select("社区居民满意度", "actual")
    keys.type_into("99%")
    keys.select("社区居民满意度", "target")
    keys.type_into("≥80%")
    a = editor.assistant
    assert a.suggestion.over_target
    assert not a.over_label.isHidden() and "目标" in a.over_label.text()
    editor.flush_check()
    assert any(f.code == "OVER_TARGET" for f in editor.findings if f.node_id == find("社区居民满意度").id)
