"""Saving off the GUI thread: one writer at a time, the newest version of each form wins.

The GUI thread hands over a snapshot (the form as plain data: cheap to make, and nothing the
GUI will change afterwards); a single worker thread writes snapshots to the library in order.
If several snapshots of one form queue up while a write is running, only the newest is written.
The library serialises its own public methods with a lock, so the GUI thread may list forms
while a save runs; it waits at most for one form file to be written.

``AutosaveTimer`` decides when a snapshot is taken: after a pause in typing, and never later than
``AUTOSAVE_MAX_MS`` after the first edit not yet saved, however fast a person types — a crash
then loses at most that much work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

AUTOSAVE_MS = 800  # the pause in typing after which the form is saved
# The longest an edit waits to be handed to the saver; the write itself adds milliseconds, so
# an edit is on disk within 2 s (tests/ui/test_ui_autosave_kill.py kills the program to check).
AUTOSAVE_MAX_MS = 1500


class AutosaveTimer(QObject):
    """A debounce with a ceiling: ``timeout`` fires ``delay_ms`` after the last ``poke``, but no
    later than ``max_wait_ms`` after the first ``poke`` since it last fired or was stopped."""

    timeout = Signal()

    def __init__(self, delay_ms: int = AUTOSAVE_MS, max_wait_ms: int = AUTOSAVE_MAX_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.delay_ms = delay_ms
        self.max_wait_ms = max_wait_ms
        self._first: float | None = None  # monotonic time of the first edit waiting
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._fire)

    def poke(self, delay_ms: int | None = None) -> None:
        """An edit: restart the pause (``delay_ms``, default the timer's), within the ceiling."""
        now = time.monotonic()
        if self._first is None:
            self._first = now
        left_ms = int((self._first - now) * 1000) + self.max_wait_ms
        delay = self.delay_ms if delay_ms is None else delay_ms
        self._timer.start(max(0, min(delay, left_ms)))

    def start(self, ms: int) -> None:
        """Fire after ``ms`` (a retry after a failed write), unless an edit comes sooner."""
        self._timer.start(ms)

    def stop(self) -> None:
        self._timer.stop()
        self._first = None

    def isActive(self) -> bool:
        return self._timer.isActive()

    def remainingTime(self) -> int:
        return self._timer.remainingTime()

    def _fire(self) -> None:
        self._first = None
        self.timeout.emit()

log = logging.getLogger(__name__)


class Saver(QObject):
    """A worker thread that writes form snapshots; reports back with queued Qt signals."""

    # form id, token given with the snapshot
    saved = Signal(str, object)
    # form id, token, Chinese message
    failed = Signal(str, object, str)

    def __init__(self, write: Callable[[dict], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._write = write
        self._pending: OrderedDict[str, tuple[dict, object]] = OrderedDict()
        self._cond = threading.Condition()
        self._busy = False
        self._stopped = False
        # form id → (token, error message or "") of the last write, readable at once.
        self._results: dict[str, tuple[object, str]] = {}
        self._thread = threading.Thread(target=self._run, name="perfgui-saver", daemon=True)
        self._thread.start()

    def submit(self, form_id: str, data: dict, token: object) -> None:
        """Queue a snapshot; replaces a snapshot of the same form that was not written yet."""
        with self._cond:
            if self._stopped:
                raise RuntimeError("saver stopped")
            self._pending.pop(form_id, None)
            self._pending[form_id] = (data, token)
            self._cond.notify_all()

    def result(self, form_id: str) -> tuple[object, str] | None:
        """(token, error) of the last finished write of a form; error is "" on success."""
        with self._cond:
            return self._results.get(form_id)

    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def flush(self, timeout: float = 30.0) -> bool:
        """Wait until every queued snapshot is written; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    def stop(self, timeout: float = 30.0) -> bool:
        """Write what is queued, then end the thread."""
        done = self.flush(timeout)
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        self._thread.join(timeout)
        return done

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._stopped)
                if not self._pending:
                    return
                form_id, (data, token) = self._pending.popitem(last=False)
                self._busy = True
            try:
                self._write(data)
            except Exception as exc:  # reported to the window, which says what to do
                log.warning("saving form %s failed", form_id, exc_info=True)
                message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                with self._cond:
                    self._results[form_id] = (token, message)
                self.failed.emit(form_id, token, message)
            else:
                with self._cond:
                    self._results[form_id] = (token, "")
                self.saved.emit(form_id, token)
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
