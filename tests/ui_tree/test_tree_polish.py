"""Alt+arrow where an indicator cannot move: nothing moves, nothing else happens, it is said."""

from __future__ import annotations

from PySide6.QtCore import Qt

from perfgui.model.serialize import to_dict

ALT = Qt.KeyboardModifier.AltModifier


def test_alt_up_on_the_very_first_indicator_does_nothing_and_says_so(editor, keys, find, clean):
    messages: list[str] = []
    editor.statusMessage.connect(messages.append)
    keys.select("预算编审管理")  # first indicator of the first group
    before = editor.view.currentIndex()
    assert not editor.actions["move_up"].isEnabled()
    keys.press(Qt.Key.Key_Up, ALT)
    # The cursor stays (it used to fall through to a plain Up and land on 投入管理指标).
    assert editor.view.currentIndex() == before
    assert editor.model.node_at(editor.view.currentIndex()) is find("预算编审管理")
    assert messages and "最上面" in messages[-1]
    assert to_dict(editor.form) == clean
    assert editor.undo_stack.count() == 0


def test_refused_alt_arrows_keep_the_cursor(editor, keys, find, clean):
    messages: list[str] = []
    editor.statusMessage.connect(messages.append)
    # The first 一级 can neither move up nor be outdented: the cursor stays, the row stays open.
    keys.select("投入管理指标")
    before = editor.view.currentIndex()
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Left):
        keys.press(key, ALT)
        assert editor.view.currentIndex() == before
        assert editor.view.isExpanded(before.siblingAtColumn(0))
    assert "一级指标不能再升级" in messages[-1]
    assert to_dict(editor.form) == clean
