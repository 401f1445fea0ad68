"""The soak test (issue 14): the real window through random edits, moves, undos, saves, form
switches and deletions, then the library reopened: no crash, every committed edit there, no edit
on a form that was gone. A few hundred steps here; 20,000 with PERFGUI_SOAK_FULL=1 or bench/bench_soak.py.
Replay a failure with the seed and step count it prints (PERFGUI_SOAK_SEED, PERFGUI_SOAK_STEPS).
"""

from __future__ import annotations

import os

import pytest
from PySide6.QtWidgets import QMessageBox

from bench.soak import Soak
from perfgui.store import open_library


def _soak(open_window, data_dir, monkeypatch, seed: int, steps: int) -> dict:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = open_window()
    soak = Soak(w, int(os.environ.get("PERFGUI_SOAK_SEED", seed)))
    soak.run(int(os.environ.get("PERFGUI_SOAK_STEPS", steps)))
    return soak.finish(lambda: open_library(data_dir))


@pytest.mark.parametrize("seed", [1, 2])
def test_soak_short(open_window, data_dir, monkeypatch, seed):
    counts = _soak(open_window, data_dir, monkeypatch, seed, 300)
    assert counts.get("edit", 0) > 100 and counts.get("undo", 0) > 10


@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("PERFGUI_SOAK_FULL"), reason="20,000 steps take minutes: PERFGUI_SOAK_FULL=1")
def test_soak_twenty_thousand_steps(open_window, data_dir, monkeypatch):
    counts = _soak(open_window, data_dir, monkeypatch, 14, 20_000)
    assert counts.get("delete_form", 0) > 50 and counts.get("switch", 0) > 200
