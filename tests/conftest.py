"""Test set-up: Qt offscreen, a private data folder, and the sample form at hand."""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path

# Qt aborts the whole process without a display unless told to draw offscreen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# As in the program (perfgui/ui/gc_guard.py): cycles are collected on the main thread only, never
# inside a worker thread where freeing a Qt wrapper of the GUI thread crashes the process.
gc.disable()


@pytest.fixture(autouse=True)
def _collect_on_the_main_thread():
    yield
    from perfgui.ui.gc_guard import collect_if_due

    collect_if_due()


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory, monkeypatch):
    """No test ever touches the real user's library."""
    monkeypatch.setenv("PERFGUI_DATA_DIR", str(tmp_path_factory.mktemp("library")))


@pytest.fixture
def seed_text() -> str:
    return (DATA / "seed_2024.txt").read_text(encoding="utf-8")


@pytest.fixture
def seed_form(seed_text):
    from perfgui.readers.pasted import read_pasted

    return read_pasted(seed_text).form
