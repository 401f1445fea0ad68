"""One side of bench/compare.py: in-process timings of the ``perfgui`` found first on PYTHONPATH.

    PYTHONPATH=TREE python bench/compare_probe.py inproc REPEAT
    PYTHONPATH=TREE python bench/compare_probe.py store FOLDER FORMS REPEAT
    PYTHONPATH=TREE python bench/compare_probe.py big-json PATH

The form generators and the library filler are this tree's (bench/common.py, bench/bench_store.py),
so every side is measured on the same forms; the code measured is the side's. Prints one JSON
object: the ``perfgui`` package measured and, per case, the lists of seconds (wall and CPU).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
THIS_ROOT = HERE.parent

# perfgui must come from the side (PYTHONPATH, ahead of this entry); bench from this tree, even
# when the side has a bench/ of its own. Appending the root keeps bench/common.py from putting
# it first.
sys.path.append(str(THIS_ROOT))
_spec = importlib.util.spec_from_file_location("bench", HERE / "__init__.py", submodule_search_locations=[str(HERE)])
_bench = importlib.util.module_from_spec(_spec)
sys.modules["bench"] = _bench
_spec.loader.exec_module(_bench)

import perfgui  # noqa: E402

from bench.common import SEED, big_form, measure, seed_form  # noqa: E402


def _report():
    try:
        from perfgui.cli.check import report
    except ImportError:  # the original layout
        from perfgui.commands.check import report
    return report


def _read_pasted():
    try:
        from perfgui.readers.pasted import read_pasted
    except ImportError:  # the original layout
        from perfgui.model import read_pasted
    return read_pasted


def _both(stats: dict) -> dict[str, dict[str, list[float]]]:
    return {"wall": stats["times"], "cpu": stats["cpu"]}


def inproc(repeat: int) -> dict[str, dict[str, list[float]]]:
    from perfgui.model import check, compute

    report, read_pasted = _report(), _read_pasted()
    text = SEED.read_text(encoding="utf-8")
    seed, big = seed_form(), big_form(2000)
    cases = {
        "seed: read pasted text": lambda: read_pasted(text),
        "seed: rules": lambda: check(seed),
        "seed: whole check report": lambda: report(seed),
        "2,000: totals": lambda: compute(big),
        "2,000: rules": lambda: check(big),
        "2,000: whole check report": lambda: report(big),
    }
    return {name: _both(measure(fn, repeat)) for name, fn in cases.items()}


def store(folder: Path, forms: int, repeat: int) -> dict[str, dict[str, list[float]]]:
    """``bench_store``'s save: one form of a library of ``forms`` saved with one score changed."""
    from decimal import Decimal

    from bench.bench_store import fill
    from perfgui.store import open_library

    ids_file = folder / "ids.json"
    if not ids_file.exists():
        ids_file.write_text(json.dumps(fill(folder / "lib", forms)), encoding="utf-8")
    ids = json.loads(ids_file.read_text(encoding="utf-8"))
    with open_library(folder / "lib") as lib:
        form = lib.load(ids[len(ids) // 2])
        leaf = form.scored()[3]
        state = {"i": 0}

        def save() -> None:
            state["i"] += 1
            leaf.score = Decimal("1.00") if state["i"] % 2 else Decimal("0.50")
            leaf.reason = "" if state["i"] % 2 == 0 else f"第{state['i']}次修改"
            lib.save(form)

        return {f"store: save at {forms:,} forms": _both(measure(save, repeat, warmup=2))}


def big_json(path: Path) -> dict:
    from perfgui.model.serialize import to_dict

    path.write_text(json.dumps(to_dict(big_form(2000)), ensure_ascii=False), encoding="utf-8")
    return {}


def main(argv: list[str]) -> int:
    what = argv[0]
    if what == "inproc":
        times = inproc(int(argv[1]))
    elif what == "store":
        times = store(Path(argv[1]), int(argv[2]), int(argv[3]))
    elif what == "big-json":
        times = big_json(Path(argv[1]))
    else:
        raise SystemExit(f"unknown probe {what!r}")
    print(json.dumps({"perfgui": perfgui.__file__, "times": times}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
