"""The frozen program: bundle size, and its start time beside the source start in the same run.

    python bench/bench_build.py [--runs N] [--build] [--dist DIR]

Builds ``dist/perfgui`` with build.spec first if it is missing (or with ``--build``). Start time
is the window's first painted frame (``PERFGUI_EXIT_AFTER_FIRST_PAINT=1``: the program prints
the seconds since its process started, then quits), offscreen, on a library seeded by a warm-up
run; the command line's start is ``--version``. Source and frozen runs alternate, so load on the
shared machine shifts both alike. Targets: bundle <= 150 MB, frozen start <= 1.5 x source start.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import print_table  # noqa: E402

EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
SIZE_TARGET_MB = 150
START_RATIO_TARGET = 1.5
FIRST_PAINT = re.compile(r"first-paint\s+([0-9.]+)")


def build(dist: Path, work: Path) -> float:
    """Run PyInstaller on build.spec; returns the seconds it took."""
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(ROOT / "build.spec")],
                   cwd=ROOT, check=True)
    return time.perf_counter() - t0


def bundle_size(folder: Path) -> tuple[int, int, dict[str, int]]:
    """Bytes of the regular files in the bundle (symlinks not followed), file count, biggest parts."""
    total = count = 0
    parts: dict[str, int] = {}
    for dirpath, _dirnames, filenames in os.walk(folder):
        for name in filenames:
            path = Path(dirpath) / name
            if path.is_symlink():
                continue
            size = path.stat().st_size
            total += size
            count += 1
            rel = path.relative_to(folder).parts
            if rel[0] == "_internal":
                key = f"_internal/{rel[1]}" if len(rel) > 2 else "_internal/* (Python, libraries)"
            else:
                key = rel[0]
            parts[key] = parts.get(key, 0) + size
    return total, count, parts


def run_once(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float | None]:
    """Wall seconds to exit, and the first-paint seconds the program reported (if any)."""
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120)
    wall = time.perf_counter() - t0
    if done.returncode != 0:
        raise RuntimeError(f"{cmd} exited {done.returncode}:\n{done.stderr[-2000:]}")
    match = FIRST_PAINT.search(done.stdout)
    return wall, float(match.group(1)) if match else None


def compare(source_cmd: list[str], frozen_cmd: list[str], env: dict[str, str],
            runs: int, cwd: Path) -> dict[str, list[float]]:
    """Alternate source and frozen runs after one warm-up each; all timings by kind."""
    run_once(source_cmd, env, cwd)
    run_once(frozen_cmd, env, cwd)
    out: dict[str, list[float]] = {"source_wall": [], "frozen_wall": [], "source_paint": [], "frozen_paint": []}
    for _ in range(runs):
        for kind, cmd in (("source", source_cmd), ("frozen", frozen_cmd)):
            wall, paint = run_once(cmd, env, cwd)
            out[f"{kind}_wall"].append(wall)
            if paint is not None:
                out[f"{kind}_paint"].append(paint)
    return out


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "-"


def ratio(frozen: list[float], source: list[float]) -> str:
    if not frozen or not source:
        return "-"
    return f"{statistics.median(frozen) / statistics.median(source):.2f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each kind (default 7)")
    parser.add_argument("--build", action="store_true", help="rebuild dist/perfgui first")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="PyInstaller's dist folder")
    args = parser.parse_args(argv)

    bundle = args.dist / "perfgui"
    gui_exe = bundle / f"perfgui{EXE_SUFFIX}"
    cli_exe = bundle / f"perfgui-cli{EXE_SUFFIX}"
    build_seconds = None
    if args.build or not gui_exe.exists():
        build_seconds = build(args.dist, ROOT / "build")

    total, count, parts = bundle_size(bundle)
    size_mb = total / 2**20
    rows = [["bundle", f"{size_mb:.1f} MiB = {total / 1e6:.1f} MB", f"{count} files", f"<= {SIZE_TARGET_MB}",
             "ok" if total / 1e6 <= SIZE_TARGET_MB else "OVER"]]
    for name, size in sorted(parts.items(), key=lambda kv: -kv[1])[:6]:
        rows.append([f"  {name}", f"{size / 2**20:.1f} MiB", "", "", ""])
    if build_seconds is not None:
        rows.append(["build (pyinstaller)", f"{build_seconds:.1f} s", "", "", ""])
    print_table(f"Bundle {bundle}", ["what", "size", "files", "target MB", ""], rows)

    with tempfile.TemporaryDirectory(prefix="perfgui-bench-") as tmp:
        tmp_path = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env.update({
            "QT_QPA_PLATFORM": "offscreen",
            "PERFGUI_DATA_DIR": str(tmp_path / "data"),
            "HOME": str(tmp_path / "home"),
            "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
            "APPDATA": str(tmp_path / "home" / "AppData"),
        })
        (tmp_path / "home").mkdir()
        gui_env = {**env, "PERFGUI_EXIT_AFTER_FIRST_PAINT": "1"}
        gui = compare([sys.executable, str(ROOT / "main.py")], [str(gui_exe)], gui_env,
                      args.runs, tmp_path)
        cli = compare([sys.executable, "-m", "perfgui", "--version"], [str(cli_exe), "--version"],
                      {**env, "PYTHONPATH": str(ROOT)}, args.runs, tmp_path)

    paint_ratio = ratio(gui["frozen_paint"], gui["source_paint"])
    rows = [
        ["window: first paint (reported)", median_ms(gui["source_paint"]), median_ms(gui["frozen_paint"]),
         paint_ratio, f"<= {START_RATIO_TARGET}"],
        ["window: start to exit (wall)", median_ms(gui["source_wall"]), median_ms(gui["frozen_wall"]),
         ratio(gui["frozen_wall"], gui["source_wall"]), ""],
        ["command line: --version (wall)", median_ms(cli["source_wall"]), median_ms(cli["frozen_wall"]),
         ratio(cli["frozen_wall"], cli["source_wall"]), ""],
    ]
    print_table(f"Start time, medians of {args.runs} alternating runs (ms)",
                ["what", "source", "frozen", "frozen/source", "target"], rows)
    ok = total / 1e6 <= SIZE_TARGET_MB and (paint_ratio == "-" or float(paint_ratio) <= START_RATIO_TARGET)
    print(f"\nverdict: {'within targets' if ok else 'OUTSIDE TARGETS'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
