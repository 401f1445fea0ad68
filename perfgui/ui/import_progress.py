"""Importing a file in the window: the worker process reads it while a dialog shows progress.

``read_file(parent, path)`` starts ``perfgui.exchange.sandbox.ImportJob`` and waits in a local
event loop, so the window keeps repainting and answering while a slow or hostile file is read.
The modal dialog says what the worker is doing and for how long, and 取消 (or Esc, or closing
the dialog) kills the worker at once. The worker itself is stopped past its time and memory
budget, and the file is refused with the reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QHBoxLayout

from ..exchange.sandbox import DEFAULT_READER, POLL_S, ImportJob

# The reader the worker runs ("module:function"); tests point it at a deliberately slow one.
READER = DEFAULT_READER


class ImportProgressDialog(QDialog):
    """What the import worker is doing, for how long, and a 取消 button that stops it."""

    def __init__(self, job: ImportJob, parent=None) -> None:
        super().__init__(parent)
        self.job = job
        self.setWindowTitle(self.tr("正在导入"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        self.file_label = QLabel(self.tr("正在导入“%1”").replace("%1", job.path.name))
        self.file_label.setWordWrap(True)
        self.stage_label = QLabel(job.stage)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # the readers cannot say how far they are: a busy indicator
        self.bar.setTextVisible(False)
        self.time_label = QLabel()
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        for w in (self.file_label, self.stage_label, self.bar, self.time_label):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.setInterval(int(POLL_S * 1000))
        self._timer.timeout.connect(self._poll)
        self._update()

    def start(self) -> None:
        self._timer.start()
        self.show()

    def _update(self) -> None:
        self.stage_label.setText(self.job.stage or self.tr("正在读取文件…"))
        self.time_label.setText(self.tr("已用时 %1 秒（超过 %2 秒将自动停止）")
                                .replace("%1", str(int(self.job.elapsed)))
                                .replace("%2", f"{self.job.limits.time_s:g}"))

    def _poll(self) -> None:
        if self.job.poll():
            self._timer.stop()
            self.accept()
        else:
            self._update()

    def reject(self) -> None:
        """取消, Esc or the close button: the worker is killed, nothing is imported."""
        self._timer.stop()
        self.job.cancel()
        super().reject()


def read_file(parent, path: str | os.PathLike):
    """The ``ReadResult`` of a file read in the worker; ``ImportFailed`` (``ImportCancelled`` if 取消)."""
    job = ImportJob(Path(path), reader=READER).start()
    if not job.poll():
        dialog = ImportProgressDialog(job, parent)
        loop = QEventLoop()
        dialog.finished.connect(loop.quit)
        dialog.start()
        if dialog.isVisible():
            loop.exec()
        dialog.deleteLater()
    return job.reading()
