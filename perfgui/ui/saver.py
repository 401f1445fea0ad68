"""Saving off the GUI thread: one writer at a time, the newest version of each form wins.

The GUI thread hands over a snapshot (the form as plain data: cheap to make, and nothing the
GUI will change afterwards); a single worker thread writes snapshots to the library in order.
If several snapshots of one form queue up while a write is running, only the newest is written.
The library serialises its own public methods with a lock, so the GUI thread may list forms
while a save runs; it waits at most for one form file to be written.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Callable

from PySide6.QtCore import QObject, Signal

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
