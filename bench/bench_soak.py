"""The full soak run: 20,000 random steps through the real window, then the library reopened.

Run: ``QT_QPA_PLATFORM=offscreen python bench/bench_soak.py [STEPS] [SEED]`` (from the repository
root). Prints the operations done, the time per step and the verdict; exits non-zero on a failure,
with the seed and step count that replay it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from common import print_table  # noqa: E402


def main() -> int:
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 14
    from PySide6.QtWidgets import QApplication

    from bench.soak import Soak, SoakFailure, patch_questions
    from perfgui.app import build_window
    from perfgui.store import open_library

    app = QApplication.instance() or QApplication([])
    patch_questions()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PERFGUI_SETTINGS_FILE"] = str(Path(tmp) / "settings.ini")
        data = Path(tmp) / "lib"
        window = build_window(argparse.Namespace(target=None, data_dir=str(data), lang=None))
        window.show()
        app.processEvents()
        soak = Soak(window, seed)
        t0 = time.perf_counter()
        try:
            soak.run(steps)
            counts = soak.finish(lambda: open_library(data))
        except SoakFailure as exc:
            print(f"FAILED: {exc}")
            return 1
        elapsed = time.perf_counter() - t0
    rows = [[op, str(n)] for op, n in sorted(counts.items())]
    print_table(f"Soak: {steps} steps, seed {seed}", ["operation", "count"], rows)
    print(f"\n{elapsed:.1f} s, {elapsed / steps * 1000:.2f} ms per step; library reopened: every committed "
          f"edit there, no edit reached a closed or deleted form")
    return 0


if __name__ == "__main__":
    sys.exit(main())
