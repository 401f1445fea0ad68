"""Benchmark: 汇总 of 100 and 1,000 forms (.xlsx) beside checking them one process per file.

Run: python bench/bench_summary.py [--sizes 100,1000] [--alone N]

``summary`` reads the files in worker processes (both cores); the baseline, measured in the same
run, is what a person does today with a command line: ``python -m perfgui check FILE`` once per
file. The baseline is timed on the first ``--alone`` files (default 100) and, for larger sizes,
scaled by the number of files (it is one independent process per file). Peak memory is the
largest resident size of the summary process and of any one worker (getrusage).
Targets (issue 16): 1,000 forms in ≤ 60 s on this 2-core machine, peak memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import copy
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import print_table, seed_form  # noqa: E402
from perfgui.exchange.outputs import xlsx_bytes  # noqa: E402


def make_folder(folder: Path, n: int) -> list[Path]:
    base = seed_form()
    data = []
    for i in range(n):
        form = copy.deepcopy(base)
        form.header.unit = f"{base.header.unit}{i:04d}分中心"
        form.header.year = 2020 + i % 5
        path = folder / f"d{i // 100:02d}" / f"form{i:04d}.xlsx"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(xlsx_bytes(form))
        data.append(path)
    return data


def run_summary(folder: Path, out: Path) -> tuple[float, float, float]:
    t = time.perf_counter()
    code = (
        "import resource, sys\n"
        "from perfgui.cli import main\n"
        "rc = main(['summary', sys.argv[1], '--out', sys.argv[2]])\n"
        "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(me, kids, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(out)], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    seconds = time.perf_counter() - t
    me, kids = (int(x) for x in done.stderr.strip().splitlines()[-1].split())
    return seconds, me / 1024, kids / 1024


def run_alone(paths: list[Path]) -> float:
    t = time.perf_counter()
    for p in paths:
        subprocess.run([sys.executable, "-m", "perfgui", "check", str(p)], cwd=ROOT,
                       capture_output=True)
    return time.perf_counter() - t


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--alone", type=int, default=100)
    args = ap.parse_args(argv)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"n{n}"
            paths = make_folder(folder, n)
            secs, me_mb, worker_mb = run_summary(folder, Path(tmp) / f"s{n}.xlsx")
            k = min(args.alone, n)
            alone = run_alone(paths[:k]) * n / k
            rows.append((f"{n} forms (xlsx)", f"{secs:.1f} s", f"{alone:.1f} s" + ("" if k == n else f" (from {k})"),
                         f"{alone / secs:.1f}×", f"{me_mb:.0f} MB", f"{worker_mb:.0f} MB"))
    print_table("汇总 vs one check process per file (medians not repeated: each is one long run)",
                ["what", "summary", "one process per file", "speed-up", "peak: summary", "peak: a worker"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
