"""Diagnostics of the windowed program (issue 14, point 8): a log, a crash file, and a message.

``perfgui.exe`` has no console: an error on a staff PC must leave a log in the data folder, save
what autosave had not yet written, and tell the person in Chinese where the log is.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from perfgui.ui import diagnostics
from tests.ui.conftest import type_chinese

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def logging_to(data_dir):
    folder = diagnostics.start_logging(data_dir)
    yield folder
    diagnostics.stop_logging()
    diagnostics.uninstall_hooks()


def log_text(folder: Path) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (folder / diagnostics.LOG_FILE).read_text(encoding="utf-8")


def test_the_program_logs_to_a_rotating_file_in_the_data_folder(data_dir, monkeypatch):
    from perfgui.store import open_library

    monkeypatch.setattr(diagnostics, "LOG_BYTES", 4000)
    folder = diagnostics.start_logging(data_dir)
    try:
        assert folder == data_dir / "logs"
        lib = open_library(data_dir)  # the store logs what it does through logging.getLogger(__name__)
        lib.close()
        text = log_text(folder)
        assert "perfgui.store.library" in text and str(data_dir) in text
        for i in range(200):
            logging.getLogger("perfgui.test").info("line %d of a long day", i)
        assert (folder / "perfgui.log.1").is_file()  # rotated, not grown without end
        assert len(list(folder.glob("perfgui.log*"))) <= diagnostics.LOG_BACKUPS + 1
    finally:
        diagnostics.stop_logging()


@pytest.mark.qt_no_exception_capture
def test_an_uncaught_error_saves_the_form_then_says_where_the_log_is(open_window, logging_to, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: said.append(text))
    w = open_window()
    form_id = w.doc.form_id
    diagnostics.install_hooks(lambda: w)
    type_chinese(w.page.fields["header.unit"], "出错前刚填的单位")
    assert not w.doc.is_saved  # autosave has not written it yet

    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(said))

    assert "意外错误" in said[0] and "ZeroDivisionError" in said[0]
    assert str(logging_to / "perfgui.log") in said[0]
    assert "已保存正在填写的表单" in said[0]
    assert w.library.load(form_id).header.unit.endswith("出错前刚填的单位")
    text = log_text(logging_to)
    assert "uncaught exception" in text and "Traceback" in text and "ZeroDivisionError" in text


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_worker_thread_is_reported_on_the_window(open_window, logging_to, qtbot, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: said.append(text))
    w = open_window()
    diagnostics.install_hooks(lambda: w)

    def work():
        raise OSError("磁盘已满")

    t = threading.Thread(target=work, name="perfgui-test-worker")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(said))  # shown on the GUI thread, not in the worker
    assert "磁盘已满" in said[0] and str(logging_to / "perfgui.log") in said[0]
    assert "perfgui-test-worker" in log_text(logging_to)


def test_a_hard_crash_leaves_its_stacks_in_the_crash_file(tmp_path):
    code = ("import sys, faulthandler; from perfgui.ui import diagnostics; "
            "diagnostics.start_logging(sys.argv[1]); faulthandler._sigsegv()")
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path)], cwd=ROOT, capture_output=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert proc.returncode != 0
    crash = (tmp_path / "logs" / diagnostics.CRASH_FILE).read_text(encoding="utf-8")
    assert "Fatal Python error" in crash and "<string>" in crash


def test_help_menu_opens_the_log_folder(open_window, logging_to, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    w = open_window()
    help_menu = w.menus["help"]
    action = next(a for a in help_menu.actions() if a.text() == "打开日志文件夹")
    action.trigger()
    assert opened == [str(logging_to)]
