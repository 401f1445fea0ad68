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


# -- the fuzz suite's worker (a multiprocessing pool runs it; see test_exchange_fuzz_hostile.py) --
def limit_memory(memory_bytes: int) -> None:
    """Pool initializer: the worker's own memory cap, as in the import worker."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, resource.getrlimit(resource.RLIMIT_AS)[1]))
    except (ImportError, ValueError, OSError):
        pass


def fuzz_case(case):
    """(index, outcome, detail, seconds, peak KiB) of one file read as the import worker reads it.

    outcome: "form", "refused" (ImportFailed; detail is the message) or "failure" (anything else).
    """
    import tempfile
    from pathlib import Path

    from perfgui.exchange.errors import ImportFailed
    from perfgui.exchange.sandbox import DEFAULT_READER, _read

    index, suffix, data = case
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"case{suffix}"
        path.write_bytes(data)
        try:
            _read(DEFAULT_READER, path, Path(tmp))
            outcome, detail = "form", ""
        except ImportFailed as exc:
            outcome, detail = "refused", str(exc)
        except Exception as exc:  # what the worker would turn into a generic message: a finding
            outcome, detail = "failure", f"{type(exc).__name__}: {exc}"[:300]
    return index, outcome, detail, time.perf_counter() - t0, _peak_kib()


def _peak_kib() -> int:
    try:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    except ImportError:
        return 0
