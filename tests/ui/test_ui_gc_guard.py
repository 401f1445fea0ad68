"""Cycles are collected on the GUI thread only (a worker freeing Qt wrappers crashed the process)."""

from __future__ import annotations

import gc
import threading

from perfgui.ui.gc_guard import MainThreadCollector, collect_if_due


class Cycle:
    def __init__(self):
        self.me = self


def test_workers_never_collect_and_the_gui_thread_does(qtbot):
    gc.enable()  # as a fresh program starts
    seen: list[str] = []

    def note(phase, info):
        if phase == "start":
            seen.append(threading.current_thread().name)

    collector = MainThreadCollector(interval_ms=20)
    gc.callbacks.append(note)
    try:
        assert not gc.isenabled()
        worker = threading.Thread(target=lambda: [Cycle() for _ in range(50_000)], name="worker")
        worker.start()
        worker.join()
        assert "worker" not in seen
        qtbot.waitUntil(lambda: threading.main_thread().name in seen, timeout=3000)
        assert gc.get_count()[0] <= gc.get_threshold()[0]
    finally:
        gc.callbacks.remove(note)
        collector.stop()
        gc.disable()  # the test session's own setting (tests/conftest.py)


def test_collect_if_due_follows_the_thresholds():
    def runs():
        return sum(s["collections"] for s in gc.get_stats())

    gc.collect()
    before = runs()
    collect_if_due()  # nothing allocated since: nothing due
    assert runs() == before
    junk = [Cycle() for _ in range(gc.get_threshold()[0] + 10)]
    del junk
    collect_if_due()
    assert runs() == before + 1
