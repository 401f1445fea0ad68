"""The figures of issue 10 for the original code and this tree, interleaved in one run.

    python bench/compare.py [--rounds N] [--side NAME=REF_OR_FOLDER ...] [--store-forms N] [--no-window]

Each side is a folder with a ``perfgui`` package, or a git ref of this repository exported to a
temporary folder (``git archive``). By default: ``base`` = 079caa0 (the code before issue 10) and
``this`` = the tree this script is in. Every round runs every case once per side, the sides in
turn (their order reversed each round), so a shared machine's load shifts all of them alike; the
tables give medians over all rounds, and the last side against the first: wall-clock time, and
CPU time (the process's own, or a command's with its children), which waiting for a busy
machine's cores does not inflate and which is what a quiet PC sees.

Measured per side: the in-process cases of bench_check (bench/compare_probe.py, on the same
generated forms), one save in a library of ``--store-forms`` forms (bench_store), the processes
``python -m perfgui check`` on the seed and on a 2,000-indicator form file (written by that side),
and the window's start-up to its first frame (bench_ui) beside a bare PySide6 window.
Every process runs with compiled bytecode (one cache folder per side, warmed first), as an
installed or frozen program does.
"""

from __future__ import annotations

import argparse
import io
import json
import os
try:
    import resource
except ImportError:  # Windows: wall-clock time only
    resource = None
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_ui import BARE, start_time  # noqa: E402
from bench.common import ROOT, SEED, print_table  # noqa: E402

PROBE = Path(__file__).resolve().parent / "compare_probe.py"
BASE_REF = "079caa0"


class Side:
    def __init__(self, name: str, root: Path, work: Path) -> None:
        self.name = name
        self.root = root
        self.work = work / name
        self.work.mkdir(parents=True)
        self.env = dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(self.work / "pycache"),
                        PERFGUI_SETTINGS_FILE=str(self.work / "settings.ini"), PERFGUI_EXIT_AFTER_FIRST_PAINT="1")
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.big = self.work / "2000.json"
        self.starts = 0

    def probe(self, *args: str) -> dict[str, dict[str, list[float]]]:
        out = subprocess.run([sys.executable, str(PROBE), *args], env=self.env, cwd=self.work,
                             capture_output=True, text=True, timeout=1800)
        if out.returncode != 0:
            raise RuntimeError(f"{self.name}: probe {args[0]} failed:\n{out.stderr}")
        data = json.loads(out.stdout.strip().splitlines()[-1])
        if not Path(data["perfgui"]).resolve().is_relative_to(self.root.resolve()):
            raise RuntimeError(f"{self.name}: measured {data['perfgui']}, not {self.root}")
        return data["times"]

    def run(self, args: list[str]) -> dict[str, list[float]]:
        return timed(lambda: subprocess.run([sys.executable, *args], env=self.env, cwd=self.work,
                                            capture_output=True, timeout=300))

    def start_window(self) -> dict[str, list[float]]:
        self.starts += 1
        cmd = [sys.executable, str(self.root / "main.py"), "--data-dir", str(self.work / f"lib{self.starts}")]
        return timed(lambda: start_time(cmd, self.env))


def _children_cpu() -> float:
    if resource is None:
        return 0.0
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(fn) -> dict[str, list[float]]:
    """A child process's wall time (what ``fn`` returns if a number: start-up to the first frame)
    and the CPU time of it and its own children (the import worker)."""
    c0, t0 = _children_cpu(), time.perf_counter()
    out = fn()
    wall = out if isinstance(out, float) else time.perf_counter() - t0
    return {"wall": [wall], "cpu": [_children_cpu() - c0] if resource is not None else []}


def export_ref(ref: str, folder: Path) -> Path:
    """The tree of ``ref`` in ``folder`` (git archive, no checkout needed)."""
    data = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True,
                          check=True).stdout
    folder.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5, help="in-process repeats per round")
    parser.add_argument("--side", action="append", default=[], metavar="NAME=REF_OR_FOLDER")
    parser.add_argument("--store-forms", type=int, default=1000)
    parser.add_argument("--no-window", action="store_true", help="leave out the window's start-up")
    args = parser.parse_args(argv)
    specs = [s.split("=", 1) for s in (args.side or [f"base={BASE_REF}"])] + [["this", str(ROOT)]]
    work = Path(tempfile.mkdtemp(prefix="perfgui-compare-"))
    try:
        sides = []
        for name, where in specs:
            root = Path(where) if Path(where).is_dir() else export_ref(where, work / "trees" / name)
            sides.append(Side(name, root, work))
        results: dict[str, dict[str, dict[str, list[float]]]] = {}  # case → side → wall/cpu → seconds

        def add(case: str, side: Side, times: dict[str, list[float]]) -> None:
            for clock, values in times.items():
                results.setdefault(case, {}).setdefault(side.name, {}).setdefault(clock, []).extend(values)

        check_seed = ["-m", "perfgui", "check", str(SEED)]
        print(f"sides: {', '.join(f'{s.name} = {s.root}' for s in sides)}", flush=True)
        for side in sides:  # warm the bytecode caches and the file cache; fill the libraries
            side.probe("big-json", str(side.big))
            side.run(check_seed)
            side.run(["-m", "perfgui", "check", str(side.big)])
            side.probe("store", str(side.work / "store"), str(args.store_forms), "1")
            if not args.no_window:
                side.start_window()
        bare = work / "bare.py"
        bare.write_text(BARE, encoding="utf-8")
        bare_cmd = [sys.executable, str(bare)]
        if not args.no_window:
            start_time(bare_cmd, sides[0].env)
        for r in range(args.rounds):
            order = sides if r % 2 == 0 else sides[::-1]
            print(f"round {r + 1}/{args.rounds}", flush=True)
            for side in order:
                for case, times in side.probe("inproc", str(args.repeat)).items():
                    add(case, side, times)
                for case, times in side.probe("store", str(side.work / "store"), str(args.store_forms),
                                              str(args.repeat * 2)).items():
                    add(case, side, times)
                add("process: python -c pass", side, side.run(["-c", "pass"]))
                add("process: check seed", side, side.run(check_seed))
                add("process: check 2,000.json", side, side.run(["-m", "perfgui", "check", str(side.big)]))
                if not args.no_window:
                    add("start-up: bare PySide6 window", side, timed(lambda: start_time(bare_cmd, side.env)))
                    add("start-up: python main.py, seed open", side, side.start_window())
        names = [s.name for s in sides]
        for clock, what in (("wall", "wall-clock"), ("cpu", "CPU")):
            rows = []
            for case, per_side in results.items():
                if not all(per_side[n].get(clock) for n in names):
                    continue
                medians = [statistics.median(per_side[n][clock]) for n in names]
                ratio = f"{medians[-1] / medians[0]:.2f}" if medians[0] else ""
                rows.append([case, *(f"{m * 1000:.2f}" for m in medians), ratio])
            print_table(f"issue 10: {what} medians in ms over {args.rounds} rounds, interleaved",
                        ["what", *names, f"{names[-1]} / {names[0]}"], rows)
        if not args.no_window:
            for n in names:
                app = statistics.median(results["start-up: python main.py, seed open"][n]["wall"])
                b = statistics.median(results["start-up: bare PySide6 window"][n]["wall"])
                print(f"start-up {n}: {app / b:.2f} × the bare window (target ≤ 3 ×)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
