"""What is left to diagnose on a staff PC: a log, the last crash, and a message instead of silence.

``perfgui.exe`` runs without a console, so an uncaught exception or a crash inside Qt would leave
nothing behind. At start-up ``app.py`` calls ``start_logging`` and ``install_hooks``:

* every module that does I/O logs through ``logging.getLogger(__name__)``; the records go to
  ``logs/perfgui.log`` in the data folder (rotated at ``LOG_BYTES``, ``LOG_BACKUPS`` kept);
* ``faulthandler`` writes the Python stacks of a hard crash (a segfault in a C library) to
  ``logs/crash.log`` in the same folder;
* an uncaught exception, on the GUI thread (``sys.excepthook``) or in a worker
  (``threading.excepthook``), is logged with its traceback; then the open form is saved (what
  autosave had not yet written) and a Chinese message says so and where the log is.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_TITLE, __version__

LOG_DIR = "logs"
LOG_FILE = "perfgui.log"
CRASH_FILE = "crash.log"
LOG_BYTES = 1024 * 1024
LOG_BACKUPS = 3
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger(__name__)

_state: dict = {}  # the handler and crash file of this process (kept open for its lifetime)


def log_folder(data_dir: str | os.PathLike) -> Path:
    """``logs/`` inside the data (library) folder."""
    return Path(data_dir) / LOG_DIR


def start_logging(data_dir: str | os.PathLike) -> Path | None:
    """Log to ``logs/perfgui.log`` and record hard crashes in ``logs/crash.log``; the folder, or
    None when it cannot be written (the program then runs without a log, as before)."""
    folder = log_folder(data_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_FILE, maxBytes=LOG_BYTES,
                                                       backupCount=LOG_BACKUPS, encoding="utf-8")
    except OSError:
        return None
    stop_logging()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    _state["handler"] = handler
    try:
        crash = open(folder / CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115 - open for the run
        _state["faulthandler_was_on"] = faulthandler.is_enabled()
        faulthandler.enable(crash, all_threads=True)
        _state["crash"] = crash
    except OSError:
        pass
    _state["folder"] = folder
    log.info("%s %s started (Python %s, pid %d)", APP_TITLE, __version__, sys.version.split()[0], os.getpid())
    return folder


def stop_logging() -> None:
    """Undo ``start_logging`` (tests start it once per library)."""
    handler = _state.pop("handler", None)
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
    crash = _state.pop("crash", None)
    if crash is not None:
        faulthandler.disable()
        if _state.pop("faulthandler_was_on", False) and sys.__stderr__ is not None:
            faulthandler.enable(sys.__stderr__, all_threads=True)
        crash.close()
    _state.pop("folder", None)


def current_log_folder() -> Path | None:
    return _state.get("folder")


def open_log_folder() -> bool:
    """帮助 → 打开日志文件夹."""
    folder = current_log_folder()
    if folder is None:
        return False
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class CrashReporter(QObject):
    """Turns an uncaught exception into a log record, a save of the open form and a message."""

    # Emitted from any thread; delivered on the GUI thread, where windows may be touched.
    failed = Signal(str)

    def __init__(self, window_getter: Callable[[], object]) -> None:
        super().__init__()
        self.window_getter = window_getter
        self.shown: list[str] = []  # what was said (for tests and the log)
        self._showing = False
        self.failed.connect(self._report)

    def excepthook(self, exc_type, exc, tb) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
        self.failed.emit("".join(traceback.format_exception_only(exc_type, exc)).strip())

    def thread_excepthook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log.critical("uncaught exception in thread %s", name,
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
        self.failed.emit("".join(traceback.format_exception_only(args.exc_type, args.exc_value)).strip())

    def rescue(self) -> bool | None:
        """Save the open form now; None when there is none, else whether it was saved."""
        window = self.window_getter()
        doc = getattr(window, "doc", None)
        if doc is None:
            return None
        try:
            saved = bool(doc.save_and_wait(10.0))
        except Exception:  # the form itself may be what failed: say so, do not fail again
            log.exception("saving after the error failed")
            return False
        log.info("after the error, the open form %s was %s", doc.form_id, "saved" if saved else "NOT saved")
        return saved

    def _report(self, summary: str) -> None:
        saved = self.rescue()
        folder = current_log_folder()
        where = str(folder / LOG_FILE) if folder is not None else self.tr("（日志无法写入）")
        if saved is None:
            kept = ""
        elif saved:
            kept = self.tr("已保存正在填写的表单。")
        else:
            kept = self.tr("正在填写的表单未能保存：请不要关闭窗口，先用“另存为/导出”把表单导出一份。")
        text = (self.tr("程序出现了意外错误：%1\n%2\n\n详细情况已记入日志：\n%3\n请把这个文件发给负责本程序的同事。")
                .replace("%1", summary).replace("%2", kept).replace("%3", where))
        self.shown.append(text)
        if self._showing or QApplication.instance() is None:
            return  # one message at a time: a second error while it is open is only logged
        self._showing = True
        try:
            QMessageBox.critical(self.window_getter(), APP_TITLE, text)
        finally:
            self._showing = False


def install_hooks(window_getter: Callable[[], object]) -> CrashReporter:
    """Route uncaught exceptions of every thread to a ``CrashReporter`` (kept by the caller)."""
    reporter = CrashReporter(window_getter)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook
    return reporter


def uninstall_hooks() -> None:
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
