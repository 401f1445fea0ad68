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


def _right_edge(view, col: int) -> int:
    return view.header().sectionPosition(col) + view.columnWidth(col)


def test_narrow_view_keeps_name_points_and_score_in_sight(editor, qtbot):
    from perfgui.ui.tree.columns import COL_MAX, COL_NAME, COL_REASON, COL_SCORE

    view = editor.view
    fm = view.fontMetrics()
    # Wide (the editor fixture is 1300 px): a 13-character name column, as before.
    wide_name = view.columnWidth(COL_NAME)
    assert wide_name >= fm.horizontalAdvance("中" * 13)
    wide_reason = view.columnWidth(COL_REASON)
    # The tree's share of a 1024 px window (its side panels take the rest): about 585 px.
    editor.resize(600, 600)
    qtbot.waitUntil(lambda: view.viewport().width() < 600)
    width = view.viewport().width()
    assert _right_edge(view, COL_SCORE) <= width, "得分 is cut off: a sideways scroll is needed"
    assert view.header().length() <= width
    assert not view.horizontalScrollBar().isVisible()
    assert view.columnWidth(COL_MAX) >= fm.horizontalAdvance("100.00")
    assert view.columnWidth(COL_NAME) >= fm.horizontalAdvance("中" * 7)
    assert 0 < view.columnWidth(COL_REASON) < wide_reason
    # Wide again: the wide layout comes back.
    editor.resize(1300, 900)
    qtbot.waitUntil(lambda: view.columnWidth(COL_NAME) == wide_name)
    # A border the person dragged stays where they put it.
    view.setColumnWidth(COL_NAME, 300)
    editor.resize(700, 600)
    qtbot.waitUntil(lambda: view.viewport().width() < 700)
    assert view.columnWidth(COL_NAME) == 300
