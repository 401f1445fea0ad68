"""A long session emits many signals from Python: the process must survive it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
from PySide6.QtCore import QObject, Signal
import perfgui.ui  # applies the work-around on import

class Source(QObject):
    changed = Signal(object)

s = Source()
s.changed.connect(lambda _v: None)
for i in range(50_000):
    s.changed.emit(i)
print("survived", sys.getrefcount(True) > 1000)
"""


def test_fifty_thousand_emits_do_not_abort_the_process():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True,
                         timeout=120, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert "survived True" in out.stdout
