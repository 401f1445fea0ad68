"""Find and replace, the right-click menus, hidden columns and zoom of the indicator table."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from tests.ui.conftest import close_window, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def test_ctrl_f_finds_in_the_tree_and_ctrl_h_replaces_in_one_undo_step(open_window, qtbot):
    w = open_window()
    view, form, stack = w.editor.view, w.doc.form, w.doc.undo_stack
    bar = w.editor.find_bar
    model = w.editor.model
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_F, CTRL)
    assert bar.isVisible() and not bar.replace_row.isVisible() and bar.find_edit.hasFocus()
    type_chinese(bar.find_edit, "电梯加装")
    hits = [(n.name, f) for n, f in bar.matches]
    assert hits and all("电梯加装" in getattr(n, f) for n, f in bar.matches)
    assert bar.count_label.text() == f"第 1/{len(hits)} 处"
    first = model.node_at(view.currentIndex())
    assert first is bar.matches[0][0] and bar.find_edit.hasFocus()
    press(qtbot, bar.find_edit, Qt.Key.Key_Return)
    assert model.node_at(view.currentIndex()) is bar.matches[1][0]
    assert bar.count_label.text() == f"第 2/{len(hits)} 处"
    press(qtbot, bar.find_edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    # Ctrl+H: replace every match in one step, undone in one step.
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_H, CTRL)
    assert bar.isVisible() and bar.replace_row.isVisible()
    bar.find_edit.setText("电梯加装")
    bar.replace_edit.setText("加装电梯")
    qtbot.mouseClick(bar.replace_all_button, Qt.MouseButton.LeftButton)
    names = [n.name for n in form.root.walk()]
    assert not any("电梯加装" in x for x in names) and "加装电梯完成率" in names
    assert stack.count() == 1 and stack.text(0).startswith("全部替换“电梯加装”为“加装电梯”")
    assert bar.count_label.text() == "没有找到"
    stack.undo()
    assert "电梯加装完成率" in [n.name for n in form.root.walk()]
    # 替换 changes one match and moves on to the next.
    bar.search()
    total = len(bar.matches)
    qtbot.mouseClick(bar.replace_button, Qt.MouseButton.LeftButton)
    assert len(bar.matches) == total - 1 and stack.count() == 1


def test_right_click_menu_on_a_cell_acts_on_that_row(open_window, qtbot):
    w = open_window()
    view, form = w.editor.view, w.doc.form
    model = w.editor.model
    lift = next(n for n in form.root.walk() if n.name == "电梯加装完成率")
    index = model.index_for(lift.id, "score")
    view.scrollTo(index)
    shown = {}

    def look():
        menu = QApplication.activePopupWidget()
        shown["texts"] = [a.text() for a in menu.actions() if not a.isSeparator()]
        shown["current"] = model.node_at(view.currentIndex())
        menu.close()

    QTimer.singleShot(50, look)
    view.customContextMenuRequested.emit(view.visualRect(index).center())
    assert shown["current"] is lift
    for text in ("清除内容", "删除指标", "添加同级指标", "上移", "复制", "粘贴", "查找…"):
        assert text in shown["texts"]


def test_columns_hide_from_the_header_menu_and_are_remembered(open_window, qtbot, data_dir):
    w = open_window()
    view = w.editor.view
    menu = w.editor.columns_menu()
    labels = [a.text() for a in menu.actions()]
    assert labels[0] == "指标" and not menu.actions()[0].isEnabled()
    reason = labels.index("偏差及原因分析")
    menu.actions()[reason].setChecked(False)
    assert view.isColumnHidden(reason)
    # Tab skips the hidden column; 指标 can never be hidden.
    w.editor.set_column_hidden(0, True)
    assert not view.isColumnHidden(0)
    close_window(w)
    w2 = open_window()
    assert w2.editor.view.isColumnHidden(reason)
    w2.editor.columns_menu().actions()[reason].setChecked(True)
    assert not w2.editor.view.isColumnHidden(reason)


def test_zoom_keys_change_the_table_text_and_are_remembered(open_window, qtbot):
    w = open_window()
    view = w.editor.view
    base = view.font().pointSizeF()
    view.setFocus()
    press(qtbot, view, Qt.Key.Key_Equal, CTRL)
    assert w.editor.zoom == 110 and view.font().pointSizeF() > base
    press(qtbot, view, Qt.Key.Key_Equal, CTRL)
    assert w.editor.zoom == 125
    w.editor.actions["zoom_out"].trigger()
    assert w.editor.zoom == 110
    # Ctrl+- is 删除指标, not zoom.
    assert w.editor.actions["delete"].shortcut().toString() == "Ctrl+-"
    assert "Ctrl+Shift+-" in [s.toString() for s in w.editor.actions["zoom_out"].shortcuts()]
    close_window(w)
    w2 = open_window()
    assert w2.editor.zoom == 110 and w2.editor.view.font().pointSizeF() > base
    w2.editor.actions["zoom_reset"].trigger()
    assert w2.editor.zoom == 100 and w2.editor.view.font().pointSizeF() == base
