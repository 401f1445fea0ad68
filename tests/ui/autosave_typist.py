"""Run the real program (``main.py``) and type into it, for the autosave kill test.

    python tests/ui/autosave_typist.py DATA_DIR INTERVAL_MS

Starts ``main.py``'s ``main()`` on DATA_DIR; once the window shows its form, it types one
character every INTERVAL_MS into 完成情况 (年度总体目标, the real ``QPlainTextEdit``, through
Qt's key events) and prints ``typed N MONOTONIC`` after each, flushed, until it is killed.
``kill_while_typing`` runs it and kills it (tests/ui/test_ui_autosave_kill.py, and 20 times in
bench/bench_faults.py).
"""

from __future__ import annotations

import copy
import os
import runpy
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHARS = "0123456789"
INTERVAL_MS = 300


def kill_while_typing(folder: Path, form, seconds: float,
                      interval_ms: int = INTERVAL_MS) -> tuple[int, int, float]:
    """(characters typed, characters on disk, seconds of typing lost) of one killed run.

    The library in ``folder`` gets ``form`` with an empty 完成情况; the program types into it for
    ``seconds`` and is killed (SIGKILL; TerminateProcess on Windows). The lost characters are
    those typed after the last one on disk; the time lost runs from the first of them to the kill.
    """
    from perfgui.store import open_library

    with open_library(folder) as lib:
        form = copy.deepcopy(form)
        form.goals.achieved = ""
        fid = lib.create(form)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, str(Path(__file__)), str(folder), str(interval_ms)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    typed: dict[int, float] = {}
    try:
        start = None
        for line in proc.stdout:
            parts = line.split()
            if parts and parts[0] == "typed":
                typed[int(parts[1])] = float(parts[2])
                start = start or time.monotonic()
                if time.monotonic() - start >= seconds:
                    break
        killed_at = time.monotonic()
        proc.kill()
    finally:
        proc.kill()
        proc.wait()
    with open_library(folder, read_only=True) as lib:
        on_disk = lib.load(fid).goals.achieved
    expected = "".join(CHARS[n % 10] for n in sorted(typed))
    if not expected.startswith(on_disk):
        raise AssertionError(f"on disk {on_disk!r} is not what was typed {expected!r}")
    lost = [typed[n] for n in sorted(typed) if n > len(on_disk)]
    return len(typed), len(on_disk), (killed_at - lost[0]) if lost else 0.0


def main() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    data_dir, interval = sys.argv[1], int(sys.argv[2])
    app = QApplication([sys.argv[0]])
    state = {"n": 0, "field": None}

    def window():
        from perfgui.ui.main_window import MainWindow

        return next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.doc), None)

    def type_one() -> None:
        field = state["field"]
        if field is None:
            w = window()
            if w is None:
                return
            field = state["field"] = w.page.fields["goals.achieved"]
            field.setFocus()
            field.moveCursor(field.textCursor().MoveOperation.End)
            print(f"ready {len(field.toPlainText())}", flush=True)
        state["n"] += 1
        QTest.keyClicks(field, CHARS[state["n"] % 10])
        print(f"typed {state['n']} {time.monotonic():.4f}", flush=True)

    timer = QTimer()
    timer.timeout.connect(type_one)
    timer.start(interval)
    sys.argv = [str(ROOT / "main.py"), "--data-dir", data_dir]
    runpy.run_path(str(ROOT / "main.py"), run_name="__main__")


if __name__ == "__main__":
    main()
