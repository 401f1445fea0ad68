"""Work-arounds for defects of the PySide6 version we ship (6.12.0).

``SignalInstance.emit()`` returns ``True`` without taking a new reference to it (and a failed
``disconnect()`` does the same with ``False``): every signal emitted from Python code takes one
reference away from the ``True`` object. CPython 3.11 frees an object whose count reaches zero,
and freeing ``True`` aborts the process ("Fatal Python error: bool_dealloc"). ``True`` starts
with a count of about 1,400, so a session that emits a few thousand signals from Python — a
morning of typing — would abort. ``bench/bench_ui.py`` ran into it; ``tests/ui`` has a test.

The fix gives ``True`` and ``False`` a reserve of references no session can use up, which is
what Python 3.12 does for them anyway (immortal objects). It changes the counts only.
"""

from __future__ import annotations

import sys

# 2**40 emits at a million per second would take twelve days.
RESERVE_64 = 1 << 40
RESERVE_32 = 1 << 28


def protect_bool_singletons() -> bool:
    """Make ``True``/``False`` immune to PySide's missing references; True if anything was done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    if hasattr(sys, "getobjects"):
        return False  # a Py_TRACE_REFS build: the count is not the first field
    import ctypes

    reserve = RESERVE_64 if sys.maxsize > 2**32 else RESERVE_32
    changed = False
    for obj in (True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        if count.value < reserve:
            count.value += reserve
            changed = True
    return changed
