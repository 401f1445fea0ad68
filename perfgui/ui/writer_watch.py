"""A window that opened read-only because another instance wrote the library: notice when the
other one lets go of the writer lock, and offer to become the writer.

The lock is polled every ``POLL_MS`` (taking and at once releasing it, ``Library.writer_lock_free``);
nothing changes until the person accepts, because the other instance may be starting again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from .handoff import listen_for_handoffs

POLL_MS = 2000


class WriterWatch(QObject):
    """Polls the writer lock for a read-only window and takes it when the person asks."""

    def __init__(self, window, poll_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.free = False  # the lock was free at the last poll
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        library = window.library
        if getattr(library, "read_only", False) and getattr(library, "locked_by_other", False):
            self.timer.start()

    def poll(self) -> None:
        library = self.window.library
        if not library.read_only:
            self.timer.stop()
            return
        free = library.writer_lock_free()
        if free != self.free:
            self.free = free
            self.window._refresh_banner()

    def offer(self) -> str:
        return self.tr("另一个程序已不再使用表单库：可以切换为可编辑，之后的修改会自动保存。")

    def take(self) -> None:
        """Become the writer and reopen the current form editable; say so when it failed."""
        window = self.window
        self.free = False
        if not window.library.become_writer():
            window.statusBar().showMessage(
                self.tr("未能切换为可编辑：表单库又被其他程序使用了，仍为只读。"), 8000)
            window._refresh_banner()
            return
        self.timer.stop()
        # The writer is who second starts hand their files to (perfgui/ui/handoff.py).
        listen_for_handoffs(window)
        form_id = window.doc.form_id if window.doc is not None else None
        if form_id is not None and window.close_document():
            window.open_form(form_id)
        window._refresh_banner()
        window._update_actions()
        window.statusBar().showMessage(self.tr("已切换为可编辑。"), 5000)
