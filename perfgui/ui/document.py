"""One open form: the editing document (public operations + notifications) and its live state.

``EditDocument`` is the form being edited, in the manner of Orange's canvas ``Scheme``: the
plain model object, its undo stack, and the only operations that change it —
``set_field``, ``insert_nodes``, ``remove_nodes``, ``move_node``, ``replace_parts`` — each of which changes the
form and then says what changed through a signal. Undo commands (``commands.py``,
``tree/commands.py``) call only these operations; the Qt item model over the tree listens to
the notifications and wraps them in its begin/end calls. The ``edit_*`` / ``add_nodes`` / … methods
are the undoable entry points: each pushes one command (or a macro) onto ``undo_stack``.

``FormDocument`` adds what follows from every change: the totals at once (a single pass over
the leaves: well under a millisecond for 2,000 indicators), the rules shortly after (they take a
few milliseconds more, so they are coalesced while a person types), and a save after a pause of
``AUTOSAVE_MS`` through the shared ``Saver`` (at most ``AUTOSAVE_MAX_MS`` after the first unsaved
edit, however fast the typing) — the GUI thread only takes a snapshot.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Any, Iterator

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..model import Form, Status, check, compute
from ..model.form import Node
from ..model.rules import counts
from ..model.serialize import fingerprint, to_dict
from .commands import ChangePackCommand, SetFieldCommand, same_value
from .saver import AUTOSAVE_MAX_MS, AUTOSAVE_MS, AutosaveTimer, Saver
from .tree.commands import (
    ClearCellsCommand, InsertNodesCommand, MoveNodesCommand, PasteCommand, RemoveNodesCommand,
    SetFieldsCommand, field_text,
)

RETRY_MS = 5000
# Rules that ran faster than this are re-run at once; slower ones wait for a pause in typing.
FAST_CHECK_S = 0.004
FINDINGS_DELAY_MS = 120

SAVED, UNSAVED, SAVING, FAILED = "saved", "unsaved", "saving", "failed"


def _row_of(node: Node) -> int:
    siblings = node.parent.children
    for i, child in enumerate(siblings):
        if child is node:
            return i
    raise ValueError("node is not among its parent's children")


class EditDocument(QObject):
    """A form being edited: its public operations, their notifications and the undo stack."""

    # A part of the form changed: "header", "budget", "goals", "signoff", "status", "tree",
    # "pack" (whole parts replaced: rules, layout, budget table, sign-off; widgets bound to the
    # old objects must be rebuilt).
    # Emitted once per operation, or once at the end of a ``batch``.
    changed = Signal(str)
    # (target, attribute) after ``set_field``: the target is a Node of the tree or a header object.
    fieldChanged = Signal(object, str)
    # (parent node, first row, last row), before and after rows appear or go.
    nodesAboutToBeInserted = Signal(object, int, int)
    nodesInserted = Signal(object, int, int)
    nodesAboutToBeRemoved = Signal(object, int, int)
    nodesRemoved = Signal(object, int, int)
    # (node, new parent, final row) before; (node, old parent, new parent) after.
    nodeAboutToBeMoved = Signal(object, object, int)
    nodeMoved = Signal(object, object, object)
    # (target, attribute) when a value being typed is shown, or taken back: figures follow it,
    # the cell being typed in does not (its editor holds the text).
    previewChanged = Signal(object, str)
    # A change was asked for that cannot happen (the form is closed): the Chinese reason.
    editRefused = Signal(str)

    def __init__(self, form: Form, undo_stack: QUndoStack | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.version = 0
        self._closed = False
        self._batch = 0
        self._batch_sections: list[str] = []
        # (target, attribute, stored value, section) of the field shown with a typed value.
        self._preview: tuple[Any, str, Any, str] | None = None

    # -- identity ----------------------------------------------------------------------------
    @property
    def form_id(self) -> str:
        return self.form.id

    @property
    def root(self) -> Node:
        return self.form.root

    @property
    def closed(self) -> bool:
        """True once the form is closed (deleted, switched away): it takes no more edits."""
        return self._closed

    @property
    def editable(self) -> bool:
        return not self._closed

    # -- public operations (called by the undo commands) --------------------------------------
    def set_field(self, target: Any, attr: str, value: Any, section: str = "tree",
                  also: tuple[tuple[Any, str, Any], ...] = ()) -> None:
        """Set ``target.attr`` (and the (object, attribute, value) that mirror it) and notify."""
        setattr(target, attr, value)
        for obj, name, mirror in also:
            setattr(obj, name, mirror)
        self.fieldChanged.emit(target, attr)
        self._changed(section)

    def insert_nodes(self, parent: Node, row: int, nodes: list[Node]) -> None:
        """Put ``nodes`` among ``parent``'s children from ``row`` on."""
        if not nodes:
            return
        self.nodesAboutToBeInserted.emit(parent, row, row + len(nodes) - 1)
        for i, node in enumerate(nodes):
            node.parent = None
            parent.insert(row + i, node)
        self.nodesInserted.emit(parent, row, row + len(nodes) - 1)
        self._changed("tree")

    def remove_nodes(self, parent: Node, row: int, count: int) -> list[Node]:
        """Take ``count`` children of ``parent`` out from ``row`` on; returns them."""
        if count <= 0:
            return []
        self.nodesAboutToBeRemoved.emit(parent, row, row + count - 1)
        removed = parent.children[row:row + count]
        del parent.children[row:row + count]
        for node in removed:
            node.parent = None
        self.nodesRemoved.emit(parent, row, row + count - 1)
        self._changed("tree")
        return removed

    def move_node(self, node: Node, new_parent: Node, final_row: int) -> None:
        """Move a node so that it ends up at ``final_row`` among ``new_parent``'s children."""
        old_parent = node.parent
        if old_parent is None:
            raise ValueError("the root cannot move")
        old_row = _row_of(node)
        if old_parent is new_parent and final_row == old_row:
            return
        self.nodeAboutToBeMoved.emit(node, new_parent, final_row)
        del old_parent.children[old_row]
        node.parent = None
        new_parent.insert(final_row, node)
        self.nodeMoved.emit(node, old_parent, new_parent)
        self._changed("tree")

    def replace_parts(self, parts: dict[str, Any]) -> None:
        """Put whole parts of the form in place (``{"settings": …, "budget": …}``) and notify."""
        if not parts:
            return
        for name, value in parts.items():
            setattr(self.form, name, value)
        self._changed("pack")

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several operations: ``changed`` is emitted once per section, at the end."""
        self._batch += 1
        try:
            yield
        finally:
            self._batch -= 1
            if self._batch == 0 and self._batch_sections:
                sections, self._batch_sections = self._batch_sections, []
                for section in sections:
                    self.notify(section)

    def _changed(self, section: str) -> None:
        if self._batch:
            if section not in self._batch_sections:
                self._batch_sections.append(section)
        else:
            self.notify(section)

    def notify(self, section: str) -> None:
        """The form changed in ``section`` (after an operation, or at the end of a batch)."""
        self.version += 1
        self.changed.emit(section)

    # -- undoable edits (each pushes one command) ----------------------------------------------
    def push(self, command: QUndoCommand) -> bool:
        """Push an undo command, never merging it into the saved state; False if refused."""
        self.end_preview()
        if self._closed:
            self.editRefused.emit(self.tr("这张表单已关闭或已删除：修改没有保存。请重新打开表单后再改。"))
            return False
        if self.undo_stack.isClean():
            command.barrier = True
        self.undo_stack.push(command)
        return True

    def set_attr(self, target: Any, attr: str, value: Any, text: str, section: str,
                 *, mergeable: bool = True, also: tuple = ()) -> bool:
        """Change one field through the undo stack; False if nothing changed or not allowed."""
        self.end_preview()
        if same_value(getattr(target, attr), value):
            return False
        if not self._may_change(section):
            return False
        return self.push(SetFieldCommand(self, target, attr, value, text, section,
                                         mergeable=mergeable, also=also))

    def _may_change(self, section: str) -> bool:
        if self._closed:
            self.editRefused.emit(self.tr("这张表单已关闭或已删除：修改没有保存。请重新打开表单后再改。"))
            return False
        return True

    def edit_node(self, node: Node, field: str, value: Any, text: str | None = None) -> bool:
        """Change one field of an indicator (the value is final: parsed and checked)."""
        return self.set_attr(node, field, value, text or field_text(node, field, value), "tree")

    def clear_cells(self, cells: list[tuple[Node, str]]) -> bool:
        """Empty the given (indicator, field) cells in one undo step (Del, as in Excel)."""
        command = ClearCellsCommand(self, cells)
        if not command.cells:
            return False
        return self._may_change("tree") and self.push(command)

    def edit_nodes(self, changes: list[tuple[Node, str, Any]], text: str) -> bool:
        """Set several (indicator, field, value) in one undo step (全部替换)."""
        command = SetFieldsCommand(self, changes, text)
        if not command.cells:
            return False
        return self._may_change("tree") and self.push(command)

    def add_nodes(self, parent: Node, row: int, nodes: list[Node], text: str | None = None) -> bool:
        return self._may_change("tree") and self.push(InsertNodesCommand(self, parent, row, nodes, text))

    def delete_nodes(self, nodes: list[Node], text: str | None = None) -> bool:
        return self._may_change("tree") and self.push(RemoveNodesCommand(self, nodes, text))

    def move_nodes(self, nodes: list[Node], dest: Node, anchor: Node | None,
                   text: str | None = None) -> bool:
        """Move subtrees under ``dest`` before ``anchor`` (at the end when None), in one step."""
        return self._may_change("tree") and self.push(MoveNodesCommand(self, nodes, dest, anchor, text))

    def change_pack(self, new: Form, text: str) -> bool:
        """Take what ``model.packs.apply_pack`` made of this form, in one undo step."""
        self.end_preview()
        command = ChangePackCommand(self, new, text)
        if not command.changes_anything:
            return False
        return self._may_change("pack") and self.push(command)

    def paste(self, items, current: Node | None) -> PasteCommand | None:
        """Insert pasted subtrees near ``current``; the command says what went where."""
        command = PasteCommand(self, items, current)
        if not (self._may_change("tree") and self.push(command)):
            return None
        return command

    # -- preview while typing --------------------------------------------------------------
    def preview_field(self, target: Any, attr: str, value: Any, section: str = "tree") -> None:
        """Show a value still being typed wherever figures go: no undo step, no save.

        The form holds the typed value until ``end_preview`` (the cell editor closes) puts the
        stored one back; a commit then goes through the undo stack like any other edit.
        """
        if self._preview is not None and (self._preview[0] is not target or self._preview[1] != attr):
            self.end_preview()
        if self._preview is None:
            self._preview = (target, attr, getattr(target, attr), section)
        if same_value(getattr(target, attr), value):
            return
        setattr(target, attr, value)
        self.previewChanged.emit(target, attr)
        self._previewed(section)

    def end_preview(self) -> None:
        """Put back the stored value of the field being previewed, if any."""
        if self._preview is None:
            return
        target, attr, old, section = self._preview
        self._preview = None
        if getattr(target, attr) is old:
            return
        setattr(target, attr, old)
        self.previewChanged.emit(target, attr)
        self._previewed(section)

    @property
    def previewing(self) -> bool:
        return self._preview is not None

    @contextmanager
    def stored_values(self) -> Iterator[None]:
        """The form as stored (without a preview) for the duration: snapshots for saving."""
        preview = self._preview
        if preview is None:
            yield
            return
        target, attr, old, _section = preview
        typed = getattr(target, attr)
        setattr(target, attr, old)
        try:
            yield
        finally:
            setattr(target, attr, typed)

    def _previewed(self, section: str) -> None:
        """Hook: a previewed value changed the figures (``FormDocument`` recomputes totals)."""


class FormDocument(EditDocument):
    """The open form and everything derived from it: totals, findings, save state."""

    totalsChanged = Signal(object)
    findingsChanged = Signal(list)
    saveStateChanged = Signal(str)
    # Written to the library (the library panel refreshes its line).
    stored = Signal(str)
    saveFailed = Signal(str)
    editableChanged = Signal(bool)

    def __init__(self, form: Form, saver: Saver | None, *, read_only: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(form, None, parent)
        self.saver = saver
        self.library_read_only = read_only
        self.undo_stack.setUndoLimit(0)
        self.saved_version = 0
        self.in_flight: int | None = None  # the version being written
        self.last_error = ""
        self._attempt = 0
        self._handled: set[tuple[int, int]] = set()
        self._state = SAVED
        self._editable = self._compute_editable()

        self.totals = compute(form)
        self.findings = check(form)
        self.errors, self.warnings = counts(self.findings)
        self.fingerprint = fingerprint(form)
        self._check_seconds = 0.0

        self._autosave = AutosaveTimer(AUTOSAVE_MS, AUTOSAVE_MAX_MS, self)
        self._autosave.timeout.connect(self.save_now)
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.timeout.connect(self.refresh_findings)

        self.undo_stack.indexChanged.connect(self._on_index_changed)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_state())
        if saver is not None:
            saver.saved.connect(self._on_saved)
            saver.failed.connect(self._on_failed)

    def title_parts(self) -> tuple[str, str]:
        """(who, year) for the window title."""
        h = self.form.header
        who = h.project_name if self.form.kind.value == "project" and h.project_name else h.unit
        year = f"{h.year}年度" if h.year else ""
        return who, year

    # -- editing -----------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self._editable and not self._closed

    def _compute_editable(self) -> bool:
        return not self.library_read_only and self.form.status is not Status.FINAL

    def _may_change(self, section: str) -> bool:
        if not super()._may_change(section):
            return False
        # 撤销定稿 is the one change a final form takes.
        return self._editable or (section == "status" and not self.library_read_only)

    def notify(self, section: str) -> None:
        if section == "status":
            self._set_editable(self._compute_editable())
        self.refresh_totals()
        super().notify(section)
        self._schedule_findings()
        self._schedule_save()

    def _previewed(self, section: str) -> None:
        self.refresh_totals()
        self._schedule_findings()

    def _on_index_changed(self, _index: int) -> None:
        # Structural tree commands and merges all pass here; a second count costs nothing.
        self.version += 1
        self._schedule_save()

    def _set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self._editable = editable
            self.editableChanged.emit(editable)

    # -- figures -----------------------------------------------------------------------------
    def refresh_totals(self) -> None:
        self.totals = compute(self.form)
        self.totalsChanged.emit(self.totals)

    def _schedule_findings(self) -> None:
        if self._check_seconds < FAST_CHECK_S:
            self._findings_timer.start(0)
        else:
            self._findings_timer.start(FINDINGS_DELAY_MS)

    def refresh_findings(self) -> None:
        t0 = time.perf_counter()
        findings = check(self.form)
        self._check_seconds = time.perf_counter() - t0
        self.fingerprint = fingerprint(self.form)
        self.findings = findings
        self.errors, self.warnings = counts(findings)
        self.findingsChanged.emit(findings)

    def flush_findings(self) -> None:
        """Bring the findings up to date now (before printing, marking final, tests)."""
        if self._findings_timer.isActive():
            self._findings_timer.stop()
            self.refresh_findings()

    # -- saving ------------------------------------------------------------------------------
    @property
    def save_state(self) -> str:
        return self._state

    @property
    def is_saved(self) -> bool:
        return self.version == self.saved_version and self.in_flight is None

    def _update_state(self) -> None:
        if self.in_flight is not None:
            state = SAVING
        elif self.version == self.saved_version:
            state = SAVED
        elif self.last_error:
            state = FAILED
        else:
            state = UNSAVED
        if state != self._state:
            self._state = state
            self.saveStateChanged.emit(state)

    def _schedule_save(self) -> None:
        if self._closed or self.saver is None or self.library_read_only:
            self._update_state()
            return
        self._autosave.poke(AUTOSAVE_MS)
        self._update_state()

    def save_now(self) -> None:
        """Hand a snapshot of the form to the saver (returns at once)."""
        self._autosave.stop()
        if self.saver is None or self.library_read_only or self.version == self.saved_version:
            self._update_state()
            return
        self.in_flight = self.version
        self._attempt += 1
        with self.stored_values():
            data = to_dict(self.form)
        # The token names the version written and this attempt (a retry writes the same version).
        self.saver.submit(self.form_id, data, (self.version, self._attempt))
        self._update_state()

    def save_and_wait(self, timeout: float = 30.0) -> bool:
        """Save now and wait for the write (closing the window, switching forms)."""
        self.save_now()
        if self.saver is None:
            return True
        done = self.saver.flush(timeout)
        # The queued signal has not been delivered yet: take the result directly.
        result = self.saver.result(self.form_id)
        if done and result is not None and self.in_flight is not None:
            token, error = result
            if error:
                self._on_failed(self.form_id, token, error)
            else:
                self._on_saved(self.form_id, token)
        return done and self.is_saved

    def _fresh(self, form_id: str, token: object) -> bool:
        """A result for this form not handled yet (``save_and_wait`` may have taken it first)."""
        if form_id != self.form_id or not isinstance(token, tuple) or token in self._handled:
            return False
        self._handled.add(token)
        return True

    def _on_saved(self, form_id: str, token: object) -> None:
        if not self._fresh(form_id, token):
            return
        version = token[0]
        if version > self.saved_version:
            self.saved_version = version
        if self.in_flight is not None and version >= self.in_flight:
            self.in_flight = None
        self.last_error = ""
        if version == self.version:
            self.undo_stack.setClean()
        self._update_state()
        self.stored.emit(form_id)

    def _on_failed(self, form_id: str, token: object, message: str) -> None:
        if not self._fresh(form_id, token):
            return
        if self.in_flight is not None and token[0] >= self.in_flight:
            self.in_flight = None
        self.last_error = message
        self._update_state()
        self.saveFailed.emit(message)
        if not self._closed:
            self._autosave.start(RETRY_MS)

    def close(self, *, force: bool = False) -> bool:
        """Save what is left and stop; False (and still open) if the save failed, unless forced."""
        self._findings_timer.stop()
        self.end_preview()
        ok = self.library_read_only or self.save_and_wait()
        if not ok and not force:
            return False
        self._closed = True
        self._autosave.stop()
        if self.saver is not None:
            self.saver.saved.disconnect(self._on_saved)
            self.saver.failed.disconnect(self._on_failed)
        return ok
