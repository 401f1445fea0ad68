"""The model under Qt's QAbstractItemModelTester, and a check that the checking can fail."""

from __future__ import annotations

from decimal import Decimal

import pytest

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QUndoStack

from bench.common import big_form
from perfgui.model.form import Node
from perfgui.ui.document import EditDocument
from perfgui.ui.tree import COL_MAX, COL_NAME, COL_SCORE, COL_WEIGHT, IndicatorModel


@pytest.mark.no_qt_log
def test_the_tester_reports_a_broken_model(qapp):
    """What pytest-qt fails a test on: Qt's tester logs "FAIL!" under qt.modeltest."""
    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtTest import QAbstractItemModelTester

    class Broken(QAbstractItemModel):
        def index(self, row, column, parent=QModelIndex()):
            if not self.hasIndex(row, column, parent):
                return QModelIndex()
            return self.createIndex(row, column, 1 if not parent.isValid() else 2)

        def parent(self, index=None):
            return QModelIndex()  # wrong for the child rows

        def rowCount(self, parent=QModelIndex()):
            if not parent.isValid():
                return 1
            return 1 if parent.internalId() == 1 and parent.column() == 0 else 0

        def columnCount(self, parent=QModelIndex()):
            return 1

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            return "x" if role == Qt.ItemDataRole.DisplayRole else None

    seen = []
    previous = qInstallMessageHandler(lambda mode, ctx, msg: seen.append((ctx.category, msg)))
    try:
        model = Broken()
        tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
        assert tester is not None
    finally:
        qInstallMessageHandler(previous)
    assert any(cat == "qt.modeltest" and msg.startswith("FAIL!") for cat, msg in seen)


def test_seed_model_passes(model_checked, editor):
    model = model_checked
    assert model.rowCount() == 4
    assert model.columnCount() == 7
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)] == [
        "指标", "权重", "年度指标值", "全年完成值", "分值", "得分", "偏差及原因分析"]


def test_big_form_passes_and_sums_are_right(qtmodeltester, qtlog):
    form = big_form(400)
    model = IndicatorModel(EditDocument(form, QUndoStack()))
    qtmodeltester.check(model)
    assert not [r for r in qtlog.records if "FAIL" in r.message]
    total_max = sum(Decimal(model.index(r, COL_MAX).data()) for r in range(model.rowCount()))
    assert total_max == Decimal(100)
    for r in range(model.rowCount()):
        section = form.root.children[r]
        assert model.index(r, COL_WEIGHT).data() == f"{section.weight:.2f}"
        assert model.index(r, COL_MAX).data() == f"{section.weight:.2f}"


def test_identical_siblings_keep_their_own_rows(editor, model_checked):
    """Two blank new rows are equal as values; the model must still tell them apart."""
    model = model_checked
    section = editor.form.root.children[0]
    editor.view.select_node(section.id)
    first = editor.add_sibling()
    editor.view.closePersistentEditor(editor.view.currentIndex())
    editor.view.select_node(section.id)
    second = editor.add_sibling()
    assert first == second and first is not second  # Node.__eq__ compares content
    assert model.index_of(first).row() == 2 and model.index_of(second).row() == 1
    assert model.node_at(model.index(1, COL_NAME)) is second
    assert model.parent(model.index(0, 0, model.index_of(first))) == QModelIndex()
    editor.undo_stack.undo()
    assert model.node_at(model.index(1, COL_NAME)) is first


def test_read_only_form_cannot_be_changed(editor, find):
    model = editor.model
    editor.set_read_only(True)
    idx = model.index_for(find("电梯加装完成率").id, "score")
    assert not idx.flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(idx, "0.5")
    assert "只读" in model.last_error
    assert not any(editor.actions[k].isEnabled() for k in ("add_sibling", "delete", "paste", "move_up"))
    assert editor.actions["copy"].isEnabled()
    editor.set_read_only(False)
    assert idx.flags() & Qt.ItemFlag.ItemIsEditable


def test_findings_are_mapped_to_cells(editor, find):
    from perfgui.model.rules import ERROR, WARNING, Finding

    model = editor.model
    node = find("电梯加装完成率")
    editor.auto_check = False
    model.set_findings([
        Finding(WARNING, "X", node.path(), "请核对完成值", node.id, "actual"),
        Finding(ERROR, "WEIGHT_SUM", "绩效指标", "权重合计不是 100", None, "weight"),
    ])
    actual = model.index_for(node.id, "actual")
    assert actual.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#ffecb8"
    assert actual.data(Qt.ItemDataRole.ToolTipRole) == "请核对完成值"
    assert model.index_for(node.id).data(Qt.ItemDataRole.DecorationRole) is not None
    for section in editor.form.root.children:
        cell = model.index_of(section, COL_WEIGHT)
        assert cell.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fad4d4"
    model.set_findings([])
    assert actual.data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index_for(node.id).data(Qt.ItemDataRole.DecorationRole) is None


def test_node_at_and_index_for(editor, find):
    model = editor.model
    node = find("社区居民满意度")
    idx = model.index_for(node.id, "reason")
    assert idx.column() == 6 and model.node_at(idx) is node
    assert model.index_for(node.id).column() == COL_NAME
    assert model.index_for(node.id, "rule").column() == COL_NAME
    assert not model.index_for("no-such-id").isValid()
    assert model.node_at(QModelIndex()) is None
    assert model.sums(find("满意度指标")) == (Decimal("10.00"), Decimal("10.00"))
    assert model.index_of(find("满意度指标"), COL_SCORE).data() == "10.00"
    # A stale index of a removed node is harmless.
    editor.view.select_node(node.id)
    editor.delete_selected()
    assert model.node_at(idx) is node and node.parent is None
    assert model.parent(idx) == QModelIndex()
    assert model.index_of(Node("外来")) == QModelIndex()


def test_showing_a_form_again_keeps_its_model_and_history(editor, find, qtbot):
    from perfgui.readers.pasted import read_pasted
    from perfgui.resources import sample_text

    first_form, first_stack = editor.form, editor.undo_stack
    node = find("电梯加装完成率")
    model = editor.model
    model.setData(model.index_for(node.id, "score"), "0.5")
    assert first_stack.count() == 1
    other = read_pasted(sample_text()).form
    other_stack = QUndoStack(editor)
    editor.set_form(other, other_stack)
    assert editor.model is not model and editor.model.form is other
    editor.set_form(first_form, first_stack)
    assert editor.model is model and first_stack.count() == 1
    first_stack.undo()
    assert node.score == Decimal("1.00")
    assert model.index_for(node.id, "score").data() == "1.00"
    assert model.index_for(find("数量指标").id, "score").data() == "12.50"
