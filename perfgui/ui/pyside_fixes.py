"""Work-arounds for defects of the PySide6 version we ship (6.12.0).

PySide6 6.12.0 hands some singletons back to Python without taking a reference to them:

- every call of a C++ function that returns nothing (``setText``, ``update``, ``start`` …) or a
  null object (``parent()`` of a top-level widget) gives back ``None`` and takes one reference
  away from it;
- ``SignalInstance.emit()`` does the same with ``True``, a failed ``disconnect()`` with ``False``.

CPython 3.11 frees an object whose count reaches zero, and freeing ``None`` or ``True`` aborts
the process ("Fatal Python error: none_dealloc" / "bool_dealloc"). ``None`` starts with about
5,000 references in this program: a few thousand Qt calls — minutes of typing, each keystroke
updates labels and repaints — and the window would abort, losing what autosave had not written.
``bench/bench_ui.py`` ran into both; ``tests/ui/test_ui_pyside_fixes.py`` checks the cure.

The cure gives these objects a reserve of references no session can use up, which is what
Python 3.12 does for them anyway (immortal objects). Only their counts change.
"""

from __future__ import annotations

import sys

# 2**40 lost references at a million per second would take twelve days.
RESERVE_64 = 1 << 40
RESERVE_32 = 1 << 28


def protect_singletons() -> bool:
    """Make ``None``, ``True`` and ``False`` immune to the lost references; True if anything was done."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False  # immortal there
    if hasattr(sys, "getobjects"):
        return False  # a Py_TRACE_REFS build: the count is not the first field
    import ctypes

    reserve = RESERVE_64 if sys.maxsize > 2**32 else RESERVE_32
    changed = False
    for obj in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(obj))
        if count.value < reserve:
            count.value += reserve
            changed = True
    return changed
