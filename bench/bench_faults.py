"""Benchmark: the long fault runs issue 12 asks for, too slow for the test suite.

Run: python bench/bench_faults.py [--kills 20] [--seconds 15] [--imports 80]

- The window killed while a person types: 20 runs of the real program typing a character every
  300 ms for 15 s, then SIGKILL; the seconds of typing lost (at most 2 s allowed).
- 80 imports started at once on one library: all must succeed (each waits for the lock).
The exit code is 1 when a run breaks its limit.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_table, seed_form  # noqa: E402
from tests.store.test_store_cli_exit import parallel_imports, stored  # noqa: E402
from tests.ui.autosave_typist import kill_while_typing  # noqa: E402

MAX_LOST_S = 2.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--imports", type=int, default=80)
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-faults-"))
    ok = True
    try:
        rows = []
        for run in range(args.kills):
            typed, saved, lost = kill_while_typing(tmp / f"kill{run}", seed_form(), args.seconds)
            ok &= lost <= MAX_LOST_S and saved > 0
            rows.append([str(run + 1), str(typed), str(saved), f"{lost:.2f}"])
        if rows:
            print_table(f"window killed while typing every 300 ms for {args.seconds:g} s",
                        ["run", "typed", "on disk", "seconds lost"], rows)
            print(f"worst: {max(float(r[3]) for r in rows):.2f} s (limit {MAX_LOST_S} s)")
        if args.imports:
            folder = tmp / "imports"
            t0 = time.perf_counter()
            results = parallel_imports(folder, args.imports)
            took = time.perf_counter() - t0
            done = sum(p.returncode == 0 for p in results)
            ok &= done == args.imports and len(set(stored(folder))) == args.imports
            print_table(f"{args.imports} imports started at once", ["succeeded", "stored", "seconds"],
                        [[str(done), str(len(stored(folder))), f"{took:.1f}"]])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
