"""Undo/redo of every kind of edit, in a long mixed sequence, back to the saved form and forward."""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication

from perfgui.model.serialize import to_dict


@pytest.mark.parametrize("seed", [1, 3])
def test_random_edits_undo_to_clean_and_redo_to_the_end(editor, clean, model_checked, seed):
    rng = random.Random(seed)
    model = editor.model
    stack = editor.undo_stack
    form = editor.form

    def pick():
        nodes = [n for n in form.root.walk() if n is not form.root]
        return rng.choice(nodes)

    def paste_table():
        mime = QMimeData()
        mime.setText(f"\t\t\t随机新增指标{rng.randint(1, 999)}\t≥90%\t92%\t0.5\t0.4\t未全部完成\n")
        editor.paste_mime(mime)

    def set_value():
        node = pick()
        field = rng.choice(["name", "target", "actual", "max_points", "score", "reason", "weight"])
        value = {"name": f"改名{rng.randint(1, 99)}", "target": "≥80%", "actual": "85%",
                 "max_points": "2.5", "score": "1.25", "reason": "说明\n第二行", "weight": "20"}[field]
        index = model.index_for(node.id, field)
        if index.flags() & index.flags().ItemIsEditable:
            model.setData(index, value)

    actions = [
        editor.add_sibling, editor.add_child, editor.delete_selected, editor.move_up,
        editor.move_down, editor.indent, editor.outdent, editor.copy, editor.paste, editor.cut,
        paste_table, set_value, set_value, editor.accept_suggestion,
    ]
    for _ in range(40):
        editor.view.select_node(pick().id)
        rng.choice(actions)()
        editor.view.finish_editing()
        QApplication.processEvents()
    editor.view.select_node(form.root.children[0].id) if form.root.children else None
    final = to_dict(form)
    done = stack.index()
    assert done > 10
    while stack.canUndo():
        stack.undo()
    assert to_dict(form) == clean
    while stack.canRedo():
        stack.redo()
    assert stack.index() == done and to_dict(form) == final
    # Every step has a Chinese description for the history view.
    assert all(stack.text(i) and not stack.text(i).isascii() for i in range(stack.count()))
