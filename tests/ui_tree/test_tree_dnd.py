"""Drag and drop: real QMimeData from the model, dropped through dropMimeData and the view."""

from __future__ import annotations

import warnings
from decimal import Decimal

from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from perfgui.model import compute
from perfgui.model.serialize import to_dict

TIMELY = ("生活垃圾减量及时性", "社区工作者培训完成及时性")


def sums(editor, find, name):
    node = find(name)
    return (editor.model.index_for(node.id, "max_points").data(),
            editor.model.index_for(node.id, "score").data())


def undo_all(stack):
    while stack.canUndo():
        stack.undo()


def test_move_the_two_timeliness_rows_between_groups_and_back(editor, find, clean, py_model_checked):
    model = py_model_checked
    stack = editor.undo_stack
    before = {g: sums(editor, find, g) for g in ("时效指标", "产出指标", "社会效益指标", "效益指标")}
    assert before == {"时效指标": ("7.00", "7.00"), "产出指标": ("25.00", "25.00"),
                      "社会效益指标": ("30.00", "29.00"), "效益指标": ("30.00", "29.00")}
    indexes = [model.index_for(find(n).id, f) for n in TIMELY for f in ("name", "score")]
    mime = model.mimeData(indexes)
    assert isinstance(mime, QMimeData) and mime.hasFormat(model.mimeTypes()[0])
    target = model.index_for(find("社会效益指标").id)
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)

    social = find("社会效益指标")
    assert [c.name for c in social.children[-2:]] == list(TIMELY)
    assert find("生活垃圾减量及时性").parent is social
    assert sums(editor, find, "时效指标") == ("5.50", "5.50")
    assert sums(editor, find, "产出指标") == ("23.50", "23.50")
    assert sums(editor, find, "社会效益指标") == ("31.50", "30.50")
    assert sums(editor, find, "效益指标") == ("31.50", "30.50")
    assert compute(editor.form).total_score == Decimal("94.00")
    assert stack.count() == 1 and stack.text(0) == "移动 2 个指标"
    # The 产出指标 block no longer adds up to its weight: the finding says so.
    editor.flush_check()
    assert any(f.code == "SECTION_POINTS" and f.node_id == find("产出指标").id for f in editor.findings)

    stack.undo()
    assert sums(editor, find, "时效指标") == before["时效指标"]
    assert sums(editor, find, "社会效益指标") == before["社会效益指标"]
    assert stack.isClean() and to_dict(editor.form) == clean
    stack.redo()
    assert sums(editor, find, "社会效益指标") == ("31.50", "30.50")
    undo_all(stack)
    assert to_dict(editor.form) == clean


def _drop_at(view, index, mime, action=Qt.DropAction.MoveAction):
    """Send the drag-move and drop events a person's mouse would cause over a row."""
    rect = view.visualRect(index)
    pos = QPointF(rect.center())
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():
        # PySide marks these constructors deprecated; they are what Qt's drag manager sends.
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos.toPoint(), action, mime, buttons, mods)
        move = QDragMoveEvent(pos.toPoint(), action, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), enter)
    QApplication.sendEvent(view.viewport(), move)
    if not move.isAccepted():
        return False
    drop = QDropEvent(pos, action, mime, buttons, mods)
    QApplication.sendEvent(view.viewport(), drop)
    QApplication.processEvents()
    return drop.isAccepted()


def test_drop_event_on_a_group_row_through_the_view(editor, find, clean, model_checked):
    model = model_checked
    view = editor.view
    sel = view.selectionModel()
    view.select_node(find(TIMELY[0]).id)
    sel.select(model.index_for(find(TIMELY[1]).id), sel.SelectionFlag.Select)
    mime = model.mimeData(sel.selectedIndexes())
    target = model.index_for(find("社会效益指标").id)
    view.scrollTo(target)
    assert _drop_at(view, target, mime)
    assert [c.name for c in find("社会效益指标").children[-2:]] == list(TIMELY)
    assert sums(editor, find, "社会效益指标") == ("31.50", "30.50")
    assert sums(editor, find, "时效指标") == ("5.50", "5.50")
    # Dropping a 一级 onto a 二级 is refused by the view as well (the drag shows "no").
    mime = model.mimeData([model.index_of(find("满意度指标"))])
    target = model.index_for(find("数量指标").id)
    view.scrollTo(target)
    count = editor.undo_stack.count()
    assert not _drop_at(view, target, mime)
    assert editor.undo_stack.count() == count
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


def test_drops_that_would_break_the_levels_are_refused(editor, find, clean, model_checked):
    model = model_checked
    output = find("产出指标")
    # A whole 一级 (three levels) onto a 二级 would make a fourth level.
    mime = model.mimeData([model.index_of(output)])
    target = model.index_for(find("社会效益指标").id)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert not model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert "第四级" in model.last_error
    # Onto a scored row: it cannot take children.
    leaf = model.index_for(find("电梯加装完成率").id)
    mime = model.mimeData([model.index_for(find(TIMELY[0]).id)])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, leaf)
    assert not leaf.flags() & Qt.ItemFlag.ItemIsDropEnabled
    # A scored 三级 cannot become a 一级.
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    # Nor a 二级 beside the groups of a 一级 organised in groups (it belongs in one of them) …
    output = model.index_of(find("产出指标"))
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, output)
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, 1, 0, output)
    assert "二级指标" in model.drop_error(mime, Qt.DropAction.MoveAction, -1, output)
    # … but it may join a block scored directly at 二级 (投入管理指标).
    assert model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index_of(find("投入管理指标")))
    # A group into its own child.
    mime = model.mimeData([model.index_of(find("数量指标"))])
    assert not model.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, model.index_of(find("数量指标")))
    assert editor.undo_stack.count() == 0 and to_dict(editor.form) == clean


def test_drop_between_rows_and_copy_drop(editor, find, clean, model_checked):
    model = model_checked
    quantity = find("数量指标")
    elevator = find("电梯加装完成率")
    # Move 电梯加装完成率 to the top of its own group (drop "above" row 0).
    mime = model.mimeData([model.index_of(elevator)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, model.index_of(quantity))
    assert quantity.children[0] is elevator
    # Ctrl+drag copies: a new indicator with a new id, the totals count it.
    mime = model.mimeData([model.index_of(elevator)])
    quality = find("质量指标")
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, 1, 0, model.index_of(quality))
    copy = quality.children[1]
    assert copy.name == elevator.name and copy.id != elevator.id and copy is not elevator
    assert sums(editor, find, "质量指标") == ("6.50", "6.50")
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


def test_mime_from_another_form_is_copied_not_moved(editor, find, seed_form, qtbot):
    from PySide6.QtGui import QUndoStack

    from perfgui.readers.pasted import read_pasted
    from perfgui.resources import sample_text
    from perfgui.ui.document import EditDocument
    from perfgui.ui.tree import IndicatorModel

    other_form = read_pasted(sample_text()).form
    other = IndicatorModel(EditDocument(other_form, QUndoStack()))
    node = next(n for n in other_form.root.walk() if n.name == "社区居民满意度")
    mime = other.mimeData([other.index_of(node)])
    model = editor.model
    target = model.index_for(find("服务对象满意度指标").id)
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, 0, target)
    assert node.parent is not None  # still in the other form
    assert [c.name for c in find("服务对象满意度指标").children] == ["社区居民满意度"] * 2
    assert len({c.id for c in find("服务对象满意度指标").children}) == 2
