"""Window tests: a private settings file beside the private library, and the real window."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _private_settings(tmp_path, monkeypatch):
    """No test reads or writes the real user's preferences."""
    monkeypatch.setenv("PERFGUI_SETTINGS_FILE", str(tmp_path / "settings.ini"))


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["PERFGUI_DATA_DIR"])


@pytest.fixture
def open_window(qtbot, data_dir):
    """A function that starts the real window as ``python main.py [target]`` would."""
    from perfgui.app import build_window

    windows = []

    def start(target: str | None = None, data: Path | None = None):
        args = argparse.Namespace(target=target, data_dir=str(data or data_dir), lang=None)
        window = build_window(args)
        assert window is not None
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        if target:
            window.open_target(target)
        windows.append(window)
        return window

    yield start
    for w in windows:
        if w.isVisible() or w.doc is not None:
            w.close()
        lib = w.library
        if lib is not None:
            lib.close()


def close_window(window) -> None:
    """Close as a person would (saves), then release the library as the process exit would."""
    assert window.close()
    window.library.close()


def type_chinese(widget, text: str) -> None:
    """Type text as a Chinese input method does: one committed string per phrase."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_in_cell(qtbot, view, node, field: str, text: str) -> None:
    """Select a tree cell, open its editor with F2 and replace its text (no Enter)."""
    from PySide6.QtCore import Qt

    assert view.select_node(node.id, field)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.open_editor()
    assert editor is not None, f"no editor for {node.name}.{field}"
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        type_chinese(editor, text)


def retype(qtbot, field, text: str) -> None:
    """Focus a field of 基本信息, select what it holds and type ``text`` over it."""
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, text)
