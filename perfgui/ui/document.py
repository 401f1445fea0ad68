"""One open form: the model object, its undo stack, its live figures and its save state.

Every change goes through a command on ``undo_stack``; whatever changed the form, the document
recomputes the totals at once (a single pass over the leaves: well under a millisecond for
2,000 indicators), re-checks the rules shortly after (they take a few milliseconds more, so they
are coalesced while a person types), and saves after a pause of ``AUTOSAVE_MS`` through the
shared ``Saver`` — the GUI thread only takes a snapshot.
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..model import Form, Status, check, compute
from ..model.rules import counts
from ..model.serialize import fingerprint, to_dict
from .commands import SetAttrCommand
from .saver import Saver

AUTOSAVE_MS = 800
RETRY_MS = 5000
# Rules that ran faster than this are re-run at once; slower ones wait for a pause in typing.
FAST_CHECK_S = 0.004
FINDINGS_DELAY_MS = 120

SAVED, UNSAVED, SAVING, FAILED = "saved", "unsaved", "saving", "failed"


class FormDocument(QObject):
    """The open form and everything derived from it."""

    # A part of the form changed: "header", "budget", "goals", "signoff", "status", "tree".
    changed = Signal(str)
    totalsChanged = Signal(object)
    findingsChanged = Signal(list)
    saveStateChanged = Signal(str)
    # Written to the library (the library panel refreshes its line).
    stored = Signal(str)
    saveFailed = Signal(str)
    editableChanged = Signal(bool)

    def __init__(self, form: Form, saver: Saver | None, *, read_only: bool = False,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.saver = saver
        self.library_read_only = read_only
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(0)
        self.version = 0
        self.saved_version = 0
        self.in_flight: int | None = None  # the version being written
        self.last_error = ""
        self._attempt = 0
        self._handled: set[tuple[int, int]] = set()
        self._closed = False
        self._state = SAVED
        self._editable = self._compute_editable()

        self.totals = compute(form)
        self.findings = check(form)
        self.errors, self.warnings = counts(self.findings)
        self.fingerprint = fingerprint(form)
        self._check_seconds = 0.0

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_now)
        self._findings_timer = QTimer(self)
        self._findings_timer.setSingleShot(True)
        self._findings_timer.timeout.connect(self.refresh_findings)

        self.undo_stack.indexChanged.connect(self._on_index_changed)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_state())
        if saver is not None:
            saver.saved.connect(self._on_saved)
            saver.failed.connect(self._on_failed)

    # -- identity ----------------------------------------------------------------------------
    @property
    def form_id(self) -> str:
        return self.form.id

    def title_parts(self) -> tuple[str, str]:
        """(who, year) for the window title."""
        h = self.form.header
        who = h.project_name if self.form.kind.value == "project" and h.project_name else h.unit
        year = f"{h.year}年度" if h.year else ""
        return who, year

    # -- editing -----------------------------------------------------------------------------
    @property
    def editable(self) -> bool:
        return self._editable

    def _compute_editable(self) -> bool:
        return not self.library_read_only and self.form.status is not Status.FINAL

    def push(self, command) -> None:
        """Push an undo command, never merging it into the saved state."""
        if isinstance(command, SetAttrCommand) and self.undo_stack.isClean():
            command.barrier = True
        self.undo_stack.push(command)

    def set_attr(self, target: Any, attr: str, value: Any, text: str, section: str,
                 *, mergeable: bool = True, also: tuple = ()) -> bool:
        """Change one field through the undo stack; False if nothing changed or not allowed."""
        if getattr(target, attr) == value:
            return False
        if not self._editable and not (section == "status" and not self.library_read_only):
            return False
        self.push(SetAttrCommand(self, target, attr, value, text, section, mergeable=mergeable,
                                 also=also))
        return True

    def notify(self, section: str) -> None:
        """Called by commands (and by the tree) after the form changed."""
        self.version += 1
        if section == "status":
            self._set_editable(self._compute_editable())
        self.refresh_totals()
        self.changed.emit(section)
        self._schedule_findings()
        self._schedule_save()

    def tree_changed(self) -> None:
        self.notify("tree")

    def _on_index_changed(self, _index: int) -> None:
        # Structural tree commands and merges all pass here; a second count costs nothing.
        self.version += 1
        self._schedule_save()

    def _set_editable(self, editable: bool) -> None:
        if editable != self._editable:
            self._editable = editable
            self.editableChanged.emit(editable)

    def set_library_read_only(self, read_only: bool) -> None:
        self.library_read_only = read_only
        self._set_editable(self._compute_editable())

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
        self._autosave.start(AUTOSAVE_MS)
        self._update_state()

    def save_now(self) -> None:
        """Hand a snapshot of the form to the saver (returns at once)."""
        self._autosave.stop()
        if self.saver is None or self.library_read_only or self.version == self.saved_version:
            self._update_state()
            return
        self.in_flight = self.version
        self._attempt += 1
        # The token names the version written and this attempt (a retry writes the same version).
        self.saver.submit(self.form_id, to_dict(self.form), (self.version, self._attempt))
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
        ok = self.library_read_only or self.save_and_wait()
        if not ok and not force:
            return False
        self._closed = True
        self._autosave.stop()
        if self.saver is not None:
            self.saver.saved.disconnect(self._on_saved)
            self.saver.failed.disconnect(self._on_failed)
        return ok
