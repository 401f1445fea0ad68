"""Defects found by using the tree as a person does (review of the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication


def test_typing_a_number_on_a_sum_cell_says_why_and_edits_no_other_row(editor, keys, find, qtbot):
    # A person on the 得分 sum of 时效指标 types "0.5" and Enter, as in a spreadsheet. The sum is
    # computed: nothing may change, and the first digit must not jump the cursor to some other
    # row whose score starts with "0" (Qt's type-to-search) where ".5" would then be typed.
    before = {n.id: n.score for n in editor.form.root.walk()}
    keys.select("时效指标", "score")
    start = editor.view.currentIndex()
    messages = []
    editor.view.statusMessage.connect(messages.append)
    for ch in "0.5":
        qtbot.keyClick(QApplication.focusWidget(), ch)
        QApplication.processEvents()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    QApplication.processEvents()
    assert editor.view.state() != QAbstractItemView.State.EditingState
    assert editor.view.currentIndex() == start
    assert {n.id: n.score for n in editor.form.root.walk()} == before
    assert editor.undo_stack.count() == 0
    assert messages and "自动计算" in messages[-1]
