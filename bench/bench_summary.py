"""Benchmark: 汇总 of 100 and 1,000 forms (.xlsx) beside checking them one process per file.

Run: python bench/bench_summary.py [--sizes 100,1000] [--alone N] [--repeat R] [--before DIR]

``summary`` reads the files in worker processes (both cores); the baseline, measured in the same
run, is what a person does today with a command line: ``python -m perfgui check FILE`` once per
file. The baseline is timed on the first ``--alone`` files (default 100) and, for larger sizes,
scaled by the number of files (it is one independent process per file). Each measurement is
repeated ``--repeat`` times (default 3) and the median printed. ``--before DIR`` also times the
summary of another checkout (e.g. the code before a change, unpacked with ``git archive``) on
the same files, interleaved with this one so both see the same load. Peak memory is the largest
resident size of the summary process and of any one worker (getrusage). The machine's load
average (1 minute) is printed at each measurement: other programs on the same cores slow
every figure.
Targets (issue 16): 1,000 forms in ≤ 60 s on this 2-core machine, peak memory ≤ 500 MB.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import statistics
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


def run_summary(folder: Path, out: Path, root: Path = ROOT) -> tuple[float, float, float]:
    t = time.perf_counter()
    code = (
        "import resource, sys\n"
        "from perfgui.cli import main\n"
        "rc = main(['summary', sys.argv[1], '--out', sys.argv[2]])\n"
        "me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "print(me, kids, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code, str(folder), str(out)], cwd=root, env=env,
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


def _load() -> float:
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100,1000")
    ap.add_argument("--alone", type=int, default=100)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--before", type=Path, default=None, help="another checkout to time beside this one")
    args = ap.parse_args(argv)
    sides = [("this", ROOT)] + ([("before", args.before.resolve())] if args.before else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(s) for s in args.sizes.split(",")):
            folder = Path(tmp) / f"n{n}"
            paths = make_folder(folder, n)
            runs: dict[str, list[tuple[float, float, float]]] = {name: [] for name, _ in sides}
            loads = []
            for i in range(args.repeat):
                for name, root in sides:
                    loads.append(_load())
                    runs[name].append(run_summary(folder, Path(tmp) / f"s{n}.xlsx", root))
                    print(f"  {n} forms, {name} #{i + 1}: {runs[name][-1][0]:.1f} s (load {loads[-1]:.1f})",
                          file=sys.stderr, flush=True)
            k = min(args.alone, n)
            alone_runs = []
            for _ in range(args.repeat):
                loads.append(_load())
                alone_runs.append(run_alone(paths[:k]) * n / k)
            alone = statistics.median(alone_runs)
            for name, _ in sides:
                secs = statistics.median(r[0] for r in runs[name])
                me_mb = max(r[1] for r in runs[name])
                worker_mb = max(r[2] for r in runs[name])
                rows.append((f"{n} forms (xlsx), {name}", f"{secs:.1f} s", f"{alone:.1f} s" + ("" if k == n else f" (from {k})"),
                             f"{alone / secs:.1f}×", f"{me_mb:.0f} MB", f"{worker_mb:.0f} MB",
                             f"{min(loads):.1f}–{max(loads):.1f}"))
    print_table(f"汇总 vs one check process per file (medians of {args.repeat})",
                ["what", "summary", "one process per file", "speed-up", "peak: summary", "peak: a worker",
                 "load avg (1 min)"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
