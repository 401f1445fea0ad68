"""``python main.py`` as a person starts it: first frame painted, seed open, nothing heavy loaded."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Runs main.py's main() and, at exit, lists the heavy libraries that were imported.
WRAPPER = r"""
import atexit, runpy, sys
def report():
    heavy = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'pypdf', 'tinydb', 'multiprocessing'})
    print('HEAVY', ' '.join(heavy) or '-', flush=True)
atexit.register(report)
sys.argv = ['main.py'] + sys.argv[1:]
runpy.run_path('main.py', run_name='__main__')
"""


def start(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PERFGUI_EXIT_AFTER_FIRST_PAINT": "1",
           "PERFGUI_SETTINGS_FILE": str(tmp_path / "settings.ini")}
    return subprocess.run([sys.executable, "-c", WRAPPER, *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_main_paints_the_seed_without_loading_report_or_excel_libraries(tmp_path):
    data = tmp_path / "library"
    out = start(tmp_path, "--data-dir", str(data))
    assert out.returncode == 0, out.stderr[-2000:]
    assert "first-paint" in out.stdout
    heavy = out.stdout.split("HEAVY", 1)[1].split()
    # TinyDB is the library itself; ReportLab, openpyxl and pypdf wait until printing/exporting,
    # multiprocessing (the import worker, the 汇总) until a file is opened.
    assert set(heavy) <= {"tinydb"}, heavy
    from perfgui.store import open_library

    lib = open_library(data, read_only=True)
    try:
        forms = lib.list()
    finally:
        lib.close()
    assert [(f.year, f.unit) for f in forms] == [(2024, "上海市闵行区虹桥镇城市建设管理事务中心")]


def test_main_with_a_bad_option_says_so(tmp_path):
    out = start(tmp_path, "--lang", "fr")
    assert out.returncode == 2
    assert "--lang" in out.stderr
