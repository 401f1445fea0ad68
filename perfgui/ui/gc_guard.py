"""Python's cycle collector runs on the GUI thread only.

CPython runs the collector in whichever thread happens to allocate past the threshold. When that
is a worker (the PDF render in the print preview, the autosave writer, the batch export) it may
free the last reference to a Qt wrapper created on the GUI thread, and Qt objects destroyed from
the wrong thread crash the process (seen: a segfault "Garbage-collecting" inside the render
worker). So the automatic collector is switched off and the GUI thread collects instead, by the
same generation thresholds, from a timer. Reference counting still frees everything that is not
in a cycle at once; only cycles wait for the next tick.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


def collect_if_due() -> None:
    """What the automatic collector would have done by now, on the calling (GUI) thread."""
    t0, t1, t2 = gc.get_threshold()
    c0, c1, c2 = gc.get_count()
    if c2 > t2:
        gc.collect(2)
    elif c1 > t1:
        gc.collect(1)
    elif c0 > t0:
        gc.collect(0)


class MainThreadCollector(QObject):
    """Owns the collection timer; create it once, on the GUI thread, after the QApplication."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_if_due)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
