"""Indicator tree: building the model and view, and one edit until every total is updated.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_tree.py`` (from the repository root).

Cases: the seed (51 indicators) and ``big_form(2000)``.
- build: ``IndicatorModel`` + ``IndicatorView`` + expand all + first layout and paint.
- edit → totals: ``setData`` on a 得分 (through its undo command) until the ancestors' Σ cells,
  总分 and grade (``totals.compute``) are up to date — what the summary bar and the tree show.
- + repaint: the same, plus a synchronous repaint of the visible rows.
- editor edit→shown: the whole ``IndicatorEditor`` path (totals, assistant, action states) and
  the repaint; then check+tint: its rule check (``rules.check``) and the tinting of the
  findings, which runs on the next turn of the event loop, after the new values are on screen.
Target: edit → totals ≤ 16 ms at 2,000 indicators (one frame).
"""

from __future__ import annotations

import os
import sys
from decimal import Decimal

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import big_form, measure, ms, print_table, seed_form  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from perfgui.model import compute  # noqa: E402
from perfgui.ui.document import EditDocument  # noqa: E402
from perfgui.ui.tree import COL_MAX, COL_SCORE, IndicatorEditor, IndicatorModel, IndicatorView  # noqa: E402


def deepest_leaf(form):
    """The last scored leaf: its edit walks the longest path of subtotals."""
    leaves = form.scored()
    return leaves[-1]


def build(form_factory):
    form = form_factory()
    stack = QUndoStack()

    def run():
        model = IndicatorModel(EditDocument(form, stack))
        view = IndicatorView()
        view.resize(1200, 800)
        view.setModel(model)
        view.show()
        QApplication.processEvents()
        view.viewport().repaint()
        view.close()
        view.deleteLater()
        QApplication.processEvents()

    return run


def edit_until_totals(form, model, leaf, view=None):
    index = model.index_of(leaf, COL_SCORE)
    half, full = leaf.max_points / 2, leaf.max_points
    state = {"totals": None}
    ancestors = leaf.ancestors()

    def on_changed(_section):
        state["totals"] = compute(form)

    model.document.changed.connect(on_changed)

    def run():
        state["totals"] = None
        value = half if leaf.score == full else full
        assert model.setData(index, f"{value:.2f}", Qt.ItemDataRole.EditRole)
        # What the tree shows: every subtotal on the path, read through the model.
        for node in ancestors:
            model.index_of(node, COL_MAX).data()
            model.index_of(node, COL_SCORE).data()
        assert state["totals"] is not None
        if view is not None:
            view.viewport().repaint()

    return run


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    rows = []
    for label, factory, repeat in (("seed", seed_form, 20), ("2,000", lambda: big_form(2000), 5)):
        form = factory()
        n = len(form.scored())
        build_t = measure(build(factory), repeat=repeat)

        model = IndicatorModel(EditDocument(form, QUndoStack()))
        leaf = deepest_leaf(form)
        edit_t = measure(edit_until_totals(form, model, leaf), repeat=50)

        form2 = factory()
        model2 = IndicatorModel(EditDocument(form2, QUndoStack()))
        view = IndicatorView()
        view.resize(1200, 800)
        view.setModel(model2)
        view.show()
        leaf2 = deepest_leaf(form2)
        view.scrollTo(model2.index_of(leaf2))
        QApplication.processEvents()
        paint_t = measure(edit_until_totals(form2, model2, leaf2, view), repeat=50)
        view.close()

        form3 = factory()
        editor = IndicatorEditor()
        editor.resize(1200, 800)
        editor.set_form(form3, QUndoStack())
        editor.show()
        leaf3 = deepest_leaf(form3)
        editor.view.scrollTo(editor.model.index_of(leaf3))
        QApplication.processEvents()
        full_t = measure(edit_until_totals(form3, editor.model, leaf3, editor.view), repeat=30)
        editor.flush_check()
        check_t = measure(lambda: (editor._check_timer.start(), editor.flush_check()), repeat=20)
        editor.close()

        total = compute(form3)
        assert total.total_max == sum((x.max_points or Decimal(0) for x in form3.scored()), Decimal(0))
        rows.append([label, str(n), ms(build_t["median"]), ms(edit_t["median"]), ms(edit_t["p95"]),
                     ms(paint_t["median"]), ms(full_t["median"]), ms(full_t["p95"]),
                     ms(check_t["median"])])
    print_table(
        "Indicator tree (ms, median unless p95)",
        ["form", "indicators", "build model+view", "edit→totals", "edit→totals p95",
         "+ repaint", "editor edit→shown", "editor p95", "then check+tint"],
        rows,
    )
    app.processEvents()


if __name__ == "__main__":
    main()
