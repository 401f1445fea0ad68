"""Structural edits from the keyboard: add, delete, move, indent/outdent, copy/cut/paste."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QMimeData, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from perfgui.model.serialize import to_dict
from perfgui.ui.tree import ACTION_KEYS
from perfgui.ui.tree.clipboard import new_mime

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def names(node):
    return [c.name for c in node.children]


def undo_all(stack):
    while stack.canUndo():
        stack.undo()


def test_every_action_has_chinese_text_a_shortcut_and_a_status_tip(editor):
    assert set(editor.actions) == set(ACTION_KEYS)
    for key, action in editor.actions.items():
        assert action.text() and not action.text().isascii(), key
        assert not action.shortcut().isEmpty(), key
        assert action.statusTip(), key
    # As in Excel (issue 14): Del empties cells, Ctrl+- removes rows.
    assert editor.actions["clear"].shortcut().toString() == "Del"
    assert editor.actions["delete"].shortcut().toString() == "Ctrl+-"
    assert editor.actions["move_up"].shortcut().toString() == "Alt+Up"
    assert editor.actions["accept_suggestion"].shortcut().toString() == "Ctrl+Return"


def test_add_delete_and_move_from_the_keyboard(editor, keys, find, clean, model_checked, typer, qtbot):
    view = editor.view
    quantity = find("数量指标")
    keys.select("电梯加装完成率")
    # Ctrl+Shift+N: a new sibling below, its name open for typing.
    keys.press(Qt.Key.Key_N, CTRL | SHIFT)
    widget = view.open_editor()
    assert widget is not None
    typer(widget, "加装坡道完成率")
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert names(quantity)[1:3] == ["电梯加装完成率", "加装坡道完成率"]
    new = find("加装坡道完成率")
    assert new.is_scored and editor.undo_stack.text(0) == "添加三级指标"
    # Points for it: the subtotal follows.
    keys.select("加装坡道完成率", "max_points")
    keys.type_into("1")
    assert editor.model.index_of(quantity, 4).data() == "13.50"
    # Alt+Up twice: above 社区工作者培训工作完成率, the first row.
    keys.select("加装坡道完成率")
    keys.press(Qt.Key.Key_Up, ALT)
    keys.press(Qt.Key.Key_Up, ALT)
    assert names(quantity)[0] == "加装坡道完成率"
    assert editor.model.node_at(view.currentIndex()) is new
    # Alt+Up at the top of a group moves into the end of the group above it (none here).
    assert not editor.actions["move_up"].isEnabled()
    keys.press(Qt.Key.Key_Down, ALT)
    assert names(quantity)[1] == "加装坡道完成率"
    # 删除指标 (Ctrl+-) removes it (and its points); a row without children is not asked about.
    keys.press(Qt.Key.Key_Minus, CTRL)
    assert "加装坡道完成率" not in names(quantity)
    assert editor.model.index_of(quantity, 4).data() == "12.50"
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


def test_alt_down_at_the_end_of_a_group_moves_into_the_next_group(editor, keys, find, clean, model_checked):
    keys.select("社区工作者培训完成及时性")  # last of 时效指标, the last group of 产出指标
    keys.press(Qt.Key.Key_Down, ALT)
    social = find("社会效益指标")
    assert names(social)[0] == "社区工作者培训完成及时性"
    assert editor.model.index_of(social, 4).data() == "31.00"
    keys.press(Qt.Key.Key_Up, ALT)
    assert find("社区工作者培训完成及时性").parent is find("时效指标")
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


def test_indent_and_outdent(editor, keys, find, clean, model_checked):
    model = editor.model
    # 质量指标 (二级) under 数量指标 would make its 三级 a fourth level: refused, and said.
    messages = []
    editor.statusMessage.connect(messages.append)
    keys.select("质量指标")
    assert not editor.actions["indent"].isEnabled()
    assert not editor.indent() and "第四级" in messages[-1]
    # A new empty 二级 after 时效指标 can be indented under it (it becomes a 三级).
    keys.select("时效指标")
    new_group = editor.add_sibling()
    keys.press(Qt.Key.Key_Escape)
    assert new_group.parent is find("产出指标")
    editor.view.select_index(model.index_of(new_group))
    keys.press(Qt.Key.Key_Right, ALT)
    assert new_group.parent is find("时效指标") and new_group.is_scored
    # A 三级 outdented becomes a scored 二级 beside its old group and keeps its points.
    keys.select("市容市貌提升")
    keys.press(Qt.Key.Key_Left, ALT)
    m = find("市容市貌提升")
    assert m.parent is find("效益指标") and m.is_scored
    assert model.index_of(find("社会效益指标"), 4).data() == "25.00"
    assert model.index_of(find("效益指标"), 4).data() == "30.00"
    # Outdenting a scored row once more would make it a 一级: refused.
    assert not editor.actions["outdent"].isEnabled()
    # Ctrl+] puts it back under 社会效益指标 (the sibling above).
    keys.press(Qt.Key.Key_BracketRight, CTRL)
    assert m.parent is find("社会效益指标") and names(find("社会效益指标"))[-1] == "市容市貌提升"
    assert editor.undo_stack.text(editor.undo_stack.index() - 1) == "降级指标：市容市貌提升"
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


def test_copy_paste_and_cut_subtrees(editor, keys, find, clean, model_checked):
    clip = QGuiApplication.clipboard()
    keys.select("时效指标")
    keys.press(Qt.Key.Key_C, CTRL)
    mime = clip.mimeData()
    assert mime.hasFormat("application/x-perfgui-nodes+json")
    text = mime.text()
    assert text.splitlines()[0].split("\t")[2] == "时效指标"
    assert text.splitlines()[1].split("\t")[3:8] == ["绿化设施养护完成及时性", "及时", "达成指标", "0.50", "0.50"]
    # Paste a 二级 while on a 二级: a copy right after it, with new ids.
    keys.select("质量指标")
    keys.press(Qt.Key.Key_V, CTRL)
    output = find("产出指标")
    assert names(output) == ["数量指标", "质量指标", "时效指标", "时效指标"]
    first, second = output.children[2], output.children[3]
    assert first == second and not {n.id for n in first.walk()} & {n.id for n in second.walk()}
    assert editor.model.index_of(output, 4).data() == "32.00"
    assert editor.undo_stack.text(editor.undo_stack.index() - 1) == "粘贴指标：时效指标"
    # Cut a 三级 and paste it into another group.
    keys.select("广告管理规范性")
    keys.press(Qt.Key.Key_X, CTRL)
    assert "广告管理规范性" not in names(find("社会效益指标"))
    keys.select("社区居民满意度")
    keys.press(Qt.Key.Key_V, CTRL)
    assert names(find("服务对象满意度指标")) == ["社区居民满意度", "广告管理规范性"]
    undo_all(editor.undo_stack)
    assert to_dict(editor.form) == clean


EXCEL_ROWS = (
    "\t\t\t加装电梯居民满意度\t≥90%\t95%\t1\t1\t\r\n"
    "\t\t\t坡道改造完成率\t=100.00(%)\t80. 00(%)\t1\t0. 8\t部分小区施工延期\r\n"
)


def test_paste_rows_copied_from_excel(editor, keys, find, clean, model_checked):
    messages = []
    editor.statusMessage.connect(messages.append)
    mime = new_mime()  # as Excel leaves it: text only
    mime.setText(EXCEL_ROWS)
    QGuiApplication.clipboard().setMimeData(mime)
    keys.select("电梯加装完成率")
    # Ctrl+V shows the rows first (issue 14): 插入 puts them in.
    shown = []

    def insert():
        dialog = editor.paste_dialog
        shown.append([dialog.table.item(r, 1).text().strip() for r in range(dialog.table.rowCount())])
        dialog.accept()

    QTimer.singleShot(0, insert)
    keys.press(Qt.Key.Key_V, CTRL)
    assert shown == [["加装电梯居民满意度", "坡道改造完成率"]]
    quantity = find("数量指标")
    assert names(quantity)[1:4] == ["电梯加装完成率", "加装电梯居民满意度", "坡道改造完成率"]
    ramp = find("坡道改造完成率")
    assert ramp.actual == "80.00(%)" and ramp.score == Decimal("0.8") and ramp.reason == "部分小区施工延期"
    assert editor.model.index_of(quantity, 4).data() == "14.50"
    assert editor.model.index_of(quantity, 5).data() == "14.30"
    # The header-less table was read in the official column order: the person is told, in the
    # status bar; the reader's stand-in groups for the missing columns are not mentioned.
    assert any("官方列顺序" in g for g in editor.last_paste_guesses)
    assert not any("未命名" in g for g in editor.last_paste_guesses)
    assert "按官方列顺序读取" in messages[-1]
    assert editor.undo_stack.count() == 1
    editor.undo_stack.undo()
    assert to_dict(editor.form) == clean


def test_paste_table_rows_with_group_names_folds_into_existing_groups(editor, keys, find, clean, model_checked):
    rows = ("一级指标\t权重\t二级指标\t三级指标\t年度指标值\t全年完成值\t分值\t得分\t偏差及原因分析\n"
            "产出指标\t\t质量指标\t新验收合格率\t≥95%\t96%\t0.5\t0.5\t\n")
    mime = QMimeData()
    mime.setText(rows)
    keys.select("效益指标")
    assert editor.paste_mime(mime)
    assert names(find("质量指标"))[-1] == "新验收合格率"
    assert [s.name for s in editor.form.root.children] == ["投入管理指标", "产出指标", "效益指标", "满意度指标"]
    editor.undo_stack.undo()
    assert to_dict(editor.form) == clean


def test_paste_of_something_that_is_not_a_table_is_refused_with_a_message(editor, keys, clean):
    messages = []
    editor.statusMessage.connect(messages.append)
    mime = QMimeData()
    mime.setText("随便一段话，没有分值")
    keys.select("电梯加装完成率")
    assert not editor.paste_mime(mime)
    assert messages and "分值" in messages[-1]
    assert editor.undo_stack.count() == 0 and to_dict(editor.form) == clean


def test_what_the_reader_guessed_is_shown_without_blocking(editor, keys, find, clean):
    # Copied out of a PDF: a name broken where the cell wrapped, numbers with stray spaces.
    mime = QMimeData()
    mime.setText("\t\t\t社区工作者培训 工作覆盖率\t=100. 00 (%)\t100. 00 (%)\t0. 50\t0. 50\t\n")
    keys.select("社区居民满意度")
    assert editor.paste_mime(mime)
    pasted = find("社区工作者培训工作覆盖率")
    assert pasted.parent is find("服务对象满意度指标")
    assert pasted.target == "=100.00(%)" and pasted.max_points == Decimal("0.50")
    assert any("断开的名称" in g for g in editor.last_paste_guesses)
    box = editor._guess_box
    assert box is not None and box.isVisible() and not box.isModal()
    assert "社区工作者培训 工作覆盖率" in box.detailedText()
    box.close()
    editor.undo_stack.undo()
    assert to_dict(editor.form) == clean
