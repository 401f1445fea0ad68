"""The soak run: the real window driven through random edits, moves, undos, saves, switches and
deletions, seeded, then the library reopened and compared with what was committed.

Used by ``tests/ui/test_ui_soak.py`` (a few hundred steps in every run, 20,000 when marked slow)
and by ``bench/bench_soak.py``. Everything random comes from ``random.Random(seed)`` and the
window is driven synchronously, so a seed and a step count replay a run exactly: a failure
names both (``PERFGUI_SOAK_SEED=… PERFGUI_SOAK_STEPS=…`` reruns it).
"""

from __future__ import annotations

import random
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from perfgui.model.serialize import from_dict, to_dict
from perfgui.ui.tree.columns import editable_fields

WORDS = ("及时", "达成指标", "部分达成", "≥95%", "=100.00(%)", "96%", "15座", "施工延期", "资金未到位",
         "社区", "验收", "满意度")
# (operation, weight)
OPERATIONS = (("edit", 50), ("typed_edit", 4), ("clear", 4), ("add", 4), ("delete_rows", 3),
              ("move", 8), ("undo", 9), ("redo", 5), ("save", 4), ("switch", 3), ("new_form", 1),
              ("delete_form", 1))


class SoakFailure(AssertionError):
    pass


class Soak:
    """Drives ``window`` (a ``MainWindow`` on a real library) with the operations above."""

    def __init__(self, window, seed: int) -> None:
        self.w = window
        self.seed = seed
        self.rng = random.Random(seed)
        self.log: list[str] = []
        # form id → (the form object that was open, its state when it was closed or deleted)
        self.closed: dict[str, tuple[object, dict]] = {}
        self.deleted: set[str] = set()
        self.counts: dict[str, int] = {}
        self._units = 0

    # -- running -------------------------------------------------------------------------------
    def run(self, steps: int) -> None:
        ops, weights = zip(*OPERATIONS)
        for step in range(steps):
            op = self.rng.choices(ops, weights)[0]
            self.log.append(f"{step}:{op}")
            try:
                getattr(self, op)()
            except SoakFailure:
                raise
            except Exception as exc:  # a crash in the window is what the soak looks for
                raise self.failure(f"step {step} ({op}) raised {exc!r}") from exc
            self.counts[op] = self.counts.get(op, 0) + 1
            if step % 20 == 0:
                QApplication.processEvents()
            doc = self.w.doc
            if doc is not None and self.w.editor.document is not doc:
                raise self.failure(f"step {step}: the editor shows another document than the open one")

    def failure(self, message: str) -> SoakFailure:
        tail = " ".join(self.log[-12:])
        return SoakFailure(f"{message}\nreplay: PERFGUI_SOAK_SEED={self.seed} PERFGUI_SOAK_STEPS={len(self.log)}"
                           f"\nlast steps: {tail}")

    # -- helpers -------------------------------------------------------------------------------
    def _nodes(self):
        doc = self.w.doc
        return [n for n in doc.form.root.walk() if n is not doc.form.root] if doc is not None else []

    def _pick(self):
        nodes = self._nodes()
        return self.rng.choice(nodes) if nodes else None

    def _value(self, node, field: str) -> str:
        r = self.rng
        if field == "score":
            top = node.max_points if node.max_points is not None else Decimal(5)
            return f"{Decimal(r.randint(0, int(top * 100))) / 100:.2f}"
        if field in ("max_points", "weight"):
            return f"{Decimal(r.randint(0, 3000)) / 100:.2f}"
        if field == "name":
            return r.choice(WORDS) + str(r.randint(1, 99))
        return r.choice(WORDS) if r.random() < 0.8 else ""

    def _select(self, node, field: str = "name") -> bool:
        return self.w.editor.view.select_node(node.id, field)

    # -- operations ----------------------------------------------------------------------------
    def edit(self) -> None:
        node = self._pick()
        if node is None:
            return
        fields = sorted(editable_fields(node))
        field = self.rng.choice(fields)
        model = self.w.editor.model
        model.setData(model.index_for(node.id, field), self._value(node, field), Qt.ItemDataRole.EditRole)

    def typed_edit(self) -> None:
        """Through the cell editor: open, type (the live preview runs), Enter or Esc."""
        node = self._pick()
        if node is None or "max_points" not in editable_fields(node):
            return
        view = self.w.editor.view
        self._select(node, "max_points")
        view.edit(view.currentIndex())
        editor = view.open_editor()
        if editor is None:
            return
        editor.selectAll()
        editor.insert(self._value(node, "max_points"))
        editor.textEdited.emit(editor.text())
        if self.rng.random() < 0.8:
            view.finish_editing()
        else:
            view.discard_editing()

    def clear(self) -> None:
        node = self._pick()
        if node is not None and self._select(node, self.rng.choice(("actual", "score", "reason", "name"))):
            self.w.editor.clear_selected()

    def add(self) -> None:
        node = self._pick()
        if node is None:
            return
        self._select(node)
        ed = self.w.editor
        new = ed.add_child() if self.rng.random() < 0.3 else ed.add_sibling()
        ed.view.discard_editing()
        if new is not None and self.rng.random() < 0.7:
            ed.model.setData(ed.model.index_of(new, 0), self._value(new, "name"))

    def delete_rows(self) -> None:
        node = self._pick()
        if node is not None and self._select(node):
            self.w.editor.delete_selected()

    def move(self) -> None:
        node = self._pick()
        if node is None or not self._select(node):
            return
        ed = self.w.editor
        action = self.rng.choice(("move_up", "move_down", "indent", "outdent"))
        if ed.actions[action].isEnabled():
            getattr(ed, action)()

    def undo(self) -> None:
        if self.w.undo_action.isEnabled():
            self.w.undo_action.trigger()

    def redo(self) -> None:
        if self.w.redo_action.isEnabled():
            self.w.redo_action.trigger()

    def save(self) -> None:
        doc = self.w.doc
        if doc is not None and not doc.save_and_wait():
            raise self.failure(f"save failed: {doc.last_error}")

    def _leaving(self) -> None:
        """Remember the state of the open form as it is closed."""
        doc = self.w.doc
        if doc is not None:
            self.closed[doc.form_id] = (doc.form, to_dict(doc.form))

    def switch(self) -> None:
        others = [s.id for s in self.w.library.list() if self.w.doc is None or s.id != self.w.doc.form_id]
        if not others:
            return
        target = self.rng.choice(others)
        self._leaving()
        if not self.w.open_form(target):
            raise self.failure(f"could not open {target}")

    def new_form(self) -> None:
        self._units += 1
        base = self.w.doc.form if self.w.doc is not None else None
        if base is None:
            return
        form = from_dict(to_dict(base))
        form.id = f"soak{self.seed % 1000:03d}{self._units:05d}"
        form.header.unit = f"浸泡测试单位{self._units}"
        self._leaving()
        form_id = self.w.library.create(form)
        self.w.library_panel.refresh()
        self.w.open_form(form_id)

    def delete_form(self) -> None:
        doc = self.w.doc
        if doc is None or len(self.w.library.list()) < 2:
            return
        form_id = doc.form_id
        form = doc.form
        if not self.w.delete_form(form_id, confirm=False):
            raise self.failure(f"could not delete {form_id}")
        self.closed[form_id] = (form, to_dict(form))
        self.deleted.add(form_id)
        if self.w.doc is not None or self.w.editor.model is not None:
            raise self.failure("the editor still shows the deleted form")
        self.switch()

    # -- the end -------------------------------------------------------------------------------
    def finish(self, reopen) -> dict[str, int]:
        """Close the window (it saves), reopen the library with ``reopen()`` and compare."""
        self._leaving()
        if not self.w.close():
            raise self.failure("the window refused to close")
        self.w.library.close()
        for form_id, (form, state) in self.closed.items():
            if to_dict(form) != state:
                raise self.failure(f"an edit reached form {form_id} after it was closed or deleted")
        lib = reopen()
        try:
            listed = {s.id for s in lib.list()}
            for form_id in self.deleted:
                if form_id in listed:
                    raise self.failure(f"deleted form {form_id} is listed again")
            for form_id, (_form, state) in self.closed.items():
                if form_id in self.deleted:
                    continue
                if form_id not in listed:
                    raise self.failure(f"form {form_id} is missing from the library")
                stored = to_dict(lib.load(form_id))
                if stored != state:
                    raise self.failure(f"form {form_id} as stored differs from what was committed")
        finally:
            lib.close()
        return dict(self.counts)


def patch_questions() -> None:
    """Every question the soak meets (删除指标 of a group) is answered Yes."""
    QMessageBox.question = staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes)
