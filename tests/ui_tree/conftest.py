"""Fixtures for the indicator tree tests: a real editor on the seed form, shown offscreen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QPlainTextEdit

from perfgui.model.serialize import to_dict
from perfgui.ui.tree import IndicatorEditor


def node_named(form, name: str):
    found = [n for n in form.root.walk() if n.name == name]
    assert len(found) == 1, f"expected one node named {name!r}, found {len(found)}"
    return found[0]


@pytest.fixture(autouse=True)
def _empty_clipboard(qapp):
    """Leave the clipboard as found: data left on it outlives the test (and the interpreter)."""
    yield
    qapp.clipboard().clear()


@pytest.fixture
def editor(qtbot, seed_form):
    ed = IndicatorEditor()
    qtbot.addWidget(ed)
    stack = QUndoStack(ed)
    ed.set_form(seed_form, stack)
    ed.resize(1300, 900)
    ed.show()
    qtbot.waitExposed(ed)
    ed.activateWindow()
    ed.view.setFocus()
    QApplication.processEvents()
    return ed


@pytest.fixture
def clean(editor):
    """The seed form as saved, to compare with after undoing everything."""
    return to_dict(editor.form)


def type_text(qtbot, widget, text: str) -> None:
    """Type as a person does: ASCII as key presses, Chinese as an input method commits it."""
    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClicks(widget, ch)
        else:
            event = QInputMethodEvent()
            event.setCommitString(ch)
            QApplication.sendEvent(widget, event)


class Keys:
    """Drive the view as a person does: select a cell, F2, type, Enter/Tab."""

    def __init__(self, qtbot, editor) -> None:
        self.qtbot = qtbot
        self.editor = editor
        self.view = editor.view

    def select(self, name: str, field: str | None = None) -> None:
        node = node_named(self.editor.form, name)
        assert self.view.select_node(node.id, field)

    def open_editor(self):
        self.qtbot.keyClick(self.view, Qt.Key.Key_F2)
        widget = self.view.open_editor()
        assert widget is not None, "F2 did not open an editor"
        assert self.view.state() == QAbstractItemView.State.EditingState
        return widget

    def type_into(self, text: str, commit=Qt.Key.Key_Return):
        widget = self.open_editor()
        if isinstance(widget, QLineEdit):
            widget.selectAll()
        elif isinstance(widget, QPlainTextEdit):
            widget.selectAll()
        cell = QPersistentModelIndex(self.view.currentIndex())
        type_text(self.qtbot, widget, text)
        if commit is not None:
            self.qtbot.keyClick(widget, commit)
        QApplication.processEvents()
        if commit == Qt.Key.Key_Return and cell.isValid() and self.view.state() != QAbstractItemView.State.EditingState:
            # Enter moved down a row, as in a spreadsheet; the tests go on from the cell they
            # typed in, as a person pressing Up would.
            self.view.select_index(QModelIndex(cell))
        return widget

    def press(self, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.view, key, modifier)
        QApplication.processEvents()

    def cell(self, name: str, field: str, role=Qt.ItemDataRole.DisplayRole):
        node = node_named(self.editor.form, name)
        return self.editor.model.index_for(node.id, field).data(role)


@pytest.fixture
def keys(qtbot, editor):
    return Keys(qtbot, editor)


@pytest.fixture
def model_checked(editor, qtmodeltester, qtlog):
    """The editor's model under Qt's QAbstractItemModelTester for the whole test.

    The tester re-checks the model at every signal (inserts, removals, moves, data changes) and
    reports failures as "FAIL!" warnings of category qt.modeltest; pytest-qt fails such a test,
    and so does this fixture, in case that behaviour of pytest-qt ever changes.
    """
    qtmodeltester.check(editor.model)
    yield editor.model
    failures = [r.message for r in qtlog.records if "FAIL" in r.message or "modeltest" in r.message]
    assert not failures, failures


@pytest.fixture
def py_model_checked(model_checked):
    """Also pytest-qt's Python model tester, which raises at the first inconsistency (slower)."""
    from pytestqt.modeltest import ModelTester

    tester = ModelTester(None)
    tester._debug = lambda text: None
    tester.check(model_checked, force_py=True)
    yield model_checked
    tester._cleanup()


D = Decimal


@pytest.fixture
def find(editor):
    """The seed node with this name (exactly one must exist)."""
    return lambda name: node_named(editor.form, name)


@pytest.fixture
def typer(qtbot):
    return lambda widget, text: type_text(qtbot, widget, text)
