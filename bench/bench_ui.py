"""Benchmark: the window. Opening a form, one edit to all totals updated, and start-up.

For the seed and a generated 2,000-indicator form:
- open: ``MainWindow.open_form(id)`` (load from the library, build the document, the tree model,
  the 基本信息 page, totals and findings) until the window has processed the resulting events;
- edit → totals: one 得分 committed through the tree model (what the cell editor does on Enter)
  until every subtotal, the summary bar's 总分 and grade are updated (all synchronous); the rules
  and fingerprint that follow shortly after are timed separately ("findings");
- start-up: ``python main.py`` (on a fresh library, so the seed is imported and open) to the first
  painted frame, beside a bare PySide6 window started the same way in the same run.

Targets (issue 4): edit → totals ≤ 16 ms at 2,000 indicators; start-up ≤ 3 × the bare window.
Issue 14: also per keystroke while a number is typed (the live preview of totals).
Run: python bench/bench_ui.py   (QT_QPA_PLATFORM defaults to offscreen)
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, big_form, measure, ms, print_table, seed_form  # noqa: E402

STARTS = 9

BARE = r'''
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("hello"))
w.resize(1400, 900)
class F(QObject):
    done = False
    def eventFilter(self, o, e):
        if e.type() == QEvent.Type.Paint and not F.done:
            F.done = True
            QTimer.singleShot(0, lambda: (print(f"first-paint 0 epoch {time.time():.4f}", flush=True), app.quit()))
        return False
f = F()
app.installEventFilter(f)
w.show()
app.exec()
'''


def start_time(cmd: list[str], env: dict) -> float:
    """Seconds from launching ``cmd`` to the first painted frame it reports."""
    t0 = time.time()
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("first-paint"):
            return float(line.split("epoch")[1]) - t0
    raise RuntimeError(f"no first-paint line from {cmd}: {out.stdout}\n{out.stderr}")


def bench_startup(rows: list) -> tuple[float, float]:
    bare_times, app_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PERFGUI_EXIT_AFTER_FIRST_PAINT="1",
                   PERFGUI_SETTINGS_FILE=str(Path(tmp) / "settings.ini"),
                   # Compiled bytecode, as an installed or frozen program has (this machine
                   # sets PYTHONDONTWRITEBYTECODE, which would recompile every module each run).
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        # Warm the file cache for both so neither pays for the first read from disk.
        start_time([sys.executable, str(bare)], env)
        start_time([sys.executable, "main.py", "--data-dir", str(Path(tmp) / "warm")], env)
        for i in range(STARTS):
            bare_times.append(start_time([sys.executable, str(bare)], env))
            # A fresh library each time: the first run, which imports and opens the seed.
            app_times.append(start_time([sys.executable, "main.py", "--data-dir", str(Path(tmp) / f"lib{i}")], env))
        # For comparison: every module compiled from source on each start (PYTHONDONTWRITEBYTECODE,
        # as this machine is set up), which no installed or frozen program does.
        cold_bare, cold_app = [], []
        cold_env = dict(env, PYTHONDONTWRITEBYTECODE="1")
        cold_env.pop("PYTHONPYCACHEPREFIX")
        for i in range(5):
            cold_bare.append(start_time([sys.executable, str(bare)], cold_env))
            cold_app.append(start_time([sys.executable, "main.py", "--data-dir", str(Path(tmp) / f"cold{i}")], cold_env))
    b, a = statistics.median(bare_times), statistics.median(app_times)
    rows.append(["start-up: bare PySide6 window", f"{b * 1000:.0f}", f"{max(bare_times) * 1000:.0f}"])
    rows.append(["start-up: python main.py, seed open (first run)", f"{a * 1000:.0f}", f"{max(app_times) * 1000:.0f}"])
    cb, ca = statistics.median(cold_bare), statistics.median(cold_app)
    rows.append(["start-up without bytecode cache: bare window", f"{cb * 1000:.0f}", f"{max(cold_bare) * 1000:.0f}"])
    rows.append(["start-up without bytecode cache: main.py", f"{ca * 1000:.0f}", f"{max(cold_app) * 1000:.0f}"])
    return b, a


def heavy_modules_loaded() -> list[str]:
    code = ("import os, sys; os.environ['PERFGUI_EXIT_AFTER_FIRST_PAINT']='1';"
            "import perfgui.app as a;"
            "import atexit; atexit.register(lambda: print('MODULES', ' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('reportlab','openpyxl','pypdf','PySide6')))));"
            "a.main(['--data-dir', sys.argv[1]])")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PERFGUI_SETTINGS_FILE=str(Path(tmp) / "s.ini"))
        out = subprocess.run([sys.executable, "-c", code, str(Path(tmp) / "lib")], env=env, cwd=ROOT,
                             capture_output=True, text=True, timeout=120)
    for line in out.stdout.splitlines():
        if line.startswith("MODULES"):
            return line.split()[1:]
    return []


def bench_window(rows: list) -> float:
    from PySide6.QtWidgets import QApplication

    from perfgui.app import build_window

    app = QApplication.instance() or QApplication([])
    edit_2000 = keystroke_2000 = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PERFGUI_SETTINGS_FILE"] = str(Path(tmp) / "settings.ini")
        import argparse

        window = build_window(argparse.Namespace(target=None, data_dir=str(Path(tmp) / "lib"), lang=None))
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        lib = window.library
        for label, form in (("seed", seed_form()), ("2,000 indicators", big_form(2000))):
            form_id = lib.create(form)

            def open_it():
                window.close_document()
                window.open_form(form_id)
                app.processEvents()

            s = measure(open_it, repeat=7)
            rows.append([f"{label}: open the form", ms(s["median"]), ms(s["p95"])])

            doc = window.doc
            model = window.editor.model
            leaves = [n for n in doc.form.root.walk() if n.is_scored and n.max_points]
            leaf = leaves[len(leaves) // 2]
            index = model.index_for(leaf.id, "score")
            values = [leaf.max_points, Decimal(0)]
            state = {"i": 0}

            def edit():
                state["i"] += 1
                model.setData(index, str(values[state["i"] % 2]))

            def edit_and_paint():
                edit()
                window.editor.view.viewport().repaint()
                window.summary.repaint()

            s = measure(edit, repeat=41, warmup=3)
            # The last edit really reached the summary bar and the subtotal above it.
            expected = doc.totals.total_score
            assert f"{expected:.2f}" in window.summary.score_label.text()
            rows.append([f"{label}: one edit → all totals updated", ms(s["median"]), ms(s["p95"])])
            if label.startswith("2,000"):
                edit_2000 = s["median"]

            def keystroke():
                # What the open cell editor sends on each key: totals follow as a preview.
                state["i"] += 1
                window.editor.view.delegate.textEdited.emit(index, "score", str(values[state["i"] % 2]))

            s = measure(keystroke, repeat=41, warmup=3)
            assert f"{doc.totals.total_score:.2f}" in window.summary.score_label.text() and doc.previewing
            doc.end_preview()
            rows.append([f"{label}: one keystroke → totals previewed (not an undo step)", ms(s["median"]), ms(s["p95"])])
            if label.startswith("2,000"):
                keystroke_2000 = s["median"]
            s = measure(edit_and_paint, repeat=21, warmup=2)
            rows.append([f"{label}: one edit → totals updated and repainted", ms(s["median"]), ms(s["p95"])])
            s = measure(doc.refresh_findings, repeat=11)
            rows.append([f"{label}: findings after an edit (rules, fingerprint, lists)", ms(s["median"]), ms(s["p95"])])
            gui_times = []

            def save_once():
                edit()
                t0 = time.perf_counter()
                doc.save_now()
                gui_times.append(time.perf_counter() - t0)
                doc.saver.flush()

            s = measure(save_once, repeat=7)
            rows.append([f"{label}: autosave, snapshot + write (worker thread)", ms(s["median"]), ms(s["p95"])])
            rows.append([f"{label}: autosave, GUI thread share (snapshot)", ms(statistics.median(gui_times)), ""])
        window.close()
        lib.close()
    return edit_2000, keystroke_2000


def main() -> None:
    rows: list = []
    edit_2000, keystroke_2000 = bench_window(rows)
    bare, app = bench_startup(rows)
    print_table("Window (ms; medians, p95/max)", ["what", "median ms", "p95/max ms"], rows)
    print(f"\nedit → totals at 2,000 indicators: {edit_2000 * 1000:.2f} ms (target ≤ 16 ms)")
    print(f"keystroke → totals at 2,000 indicators: {keystroke_2000 * 1000:.2f} ms (target ≤ 16 ms)")
    print(f"start-up: {app * 1000:.0f} ms vs bare {bare * 1000:.0f} ms = {app / bare:.2f} × (target ≤ 3 ×)")
    heavy = [m for m in heavy_modules_loaded() if m.split(".")[0] in ("reportlab", "openpyxl", "pypdf")]
    print(f"heavy modules loaded by the first frame: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
