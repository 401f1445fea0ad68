"""The window's import runs in the worker: a slow file does not freeze it, 取消 stops it."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from bench.bench_hostile import hostile_cases, seed_xlsx  # noqa: E402
from perfgui.ui import import_progress  # noqa: E402

HERE = Path(__file__).resolve().parent


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from perfgui.app import build_window

    monkeypatch.setenv("PERFGUI_SETTINGS_FILE", str(tmp_path / "settings.ini"))
    data_dir = tmp_path / "lib"
    w = build_window(argparse.Namespace(target=None, data_dir=str(data_dir), lang=None))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.data_dir = data_dir
    yield w
    w.close()
    if w.library is not None:
        w.library.close()


@pytest.fixture
def slow_reader(monkeypatch):
    """The real reader after 4 seconds, run by the real worker."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))
    monkeypatch.setenv("PERFGUI_TEST_SLOW_S", "4")
    monkeypatch.setattr(import_progress, "READER", "hostile_readers:slow_load")


def _library_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "lock" not in p.name}


def test_a_slow_import_leaves_the_window_responsive(window, slow_reader, tmp_path, qtbot):
    path = tmp_path / "慢.xlsx"
    path.write_bytes(seed_xlsx())
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(100)
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        seen["dialog"] = type(dialog).__name__
        seen["texts"] = [dialog.file_label.text(), dialog.stage_label.text(), dialog.cancel_button.text()]
        seen["window paints"] = not window.grab().isNull()

    QTimer.singleShot(2000, look)
    before = len(window.library.list())
    form_id = window.import_file(path, confirm=False)
    timer.stop()
    # 4 s of reading: the window's event loop ran the whole time (blocked, it would count ~1 tick).
    assert len(ticks) >= 25
    assert seen["dialog"] == "ImportProgressDialog" and seen["window paints"]
    assert "慢.xlsx" in seen["texts"][0] and seen["texts"][1] == "正在读取文件…" and seen["texts"][2] == "取消"
    assert form_id is not None and window.doc.form_id == form_id
    assert len(window.library.list()) == before + 1
    assert QApplication.activeModalWidget() is None


def test_cancel_stops_the_import_and_imports_nothing(window, slow_reader, tmp_path, qtbot):
    path = tmp_path / "取消.xlsx"
    path.write_bytes(seed_xlsx())
    window._flush()
    before = _library_files(window.data_dir)
    shown = window.doc.form_id
    clicked = {}

    def cancel():
        dialog = QApplication.activeModalWidget()
        clicked["proc"] = dialog.job._proc
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(1000, cancel)
    assert window.import_file(path, confirm=False) is None
    assert clicked["proc"].poll() is not None  # the worker was killed, not left running
    assert "已取消" in window.statusBar().currentMessage()
    assert window.doc.form_id == shown
    window._flush()
    assert _library_files(window.data_dir) == before


@pytest.mark.parametrize("name", ["merge single quotes", "dimension A1:XFD1048576 + far cell",
                                  "print area name 60,000 chars"])
def test_a_hostile_file_is_refused_in_the_window_and_leaves_no_trace(window, tmp_path, monkeypatch, name):
    file_name, data, words = hostile_cases("small", only={name})[name]
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    path = tmp_path / file_name
    path.write_bytes(data)
    window._flush()
    before = _library_files(window.data_dir)
    assert window.import_file(path) is None
    assert said and words in said[0] and "Traceback" not in said[0]
    window._flush()
    assert _library_files(window.data_dir) == before

