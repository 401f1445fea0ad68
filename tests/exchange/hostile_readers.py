"""Readers that misbehave on purpose, run by the import worker in tests (``module:function``).

They stand for a reader library caught by a hostile file: one that never ends, one that eats
memory, one that dies, one that raises what no reader should. ``slow_load`` is the real reader
after a delay, for the window's "a slow import does not freeze it" test.
"""

from __future__ import annotations

import os
import time

SLOW_S = float(os.environ.get("PERFGUI_TEST_SLOW_S", "4"))


def endless(path):
    while True:
        time.sleep(0.05)


def spinning(path):
    n = 0
    while True:  # busy, not sleeping: a parser stuck in a quadratic loop
        n += 1


def hungry(path):
    hoard = []
    while True:
        hoard.append(bytearray(50 * 1024 * 1024))
        for i in range(0, len(hoard[-1]), 4096):  # touch every page so it is resident
            hoard[-1][i] = 1


def dies(path):
    os._exit(70)


def confused(path):
    raise AssertionError("a reader's internal check")


def slow_load(path):
    from perfgui.exchange.files import load_form_file

    time.sleep(SLOW_S)
    return load_form_file(path)
