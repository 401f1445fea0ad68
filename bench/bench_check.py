"""Benchmark: check (read + totals + rules) on the seed and on a generated 2,000-indicator form.

Run: python bench/bench_check.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, SEED, big_form, measure, ms, print_table  # noqa: E402
from perfgui.cli.check import report  # noqa: E402
from perfgui.model import check, compute  # noqa: E402
from perfgui.readers.pasted import read_pasted  # noqa: E402
from perfgui.model.serialize import to_dict  # noqa: E402


def main() -> None:
    seed_text = SEED.read_text(encoding="utf-8")
    seed = read_pasted(seed_text).form
    big = big_form(2000)
    rows = []
    for label, fn in [
        ("seed: read pasted text", lambda: read_pasted(seed_text)),
        ("seed: totals", lambda: compute(seed)),
        ("seed: rules", lambda: check(seed)),
        ("seed: whole check report", lambda: report(seed)),
        ("2,000: totals", lambda: compute(big)),
        ("2,000: rules", lambda: check(big)),
        ("2,000: whole check report", lambda: report(big)),
    ]:
        s = measure(fn, repeat=15)
        rows.append([label, ms(s["median"]), ms(s["p95"])])
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / "big.json"
        big_path.write_text(json.dumps(to_dict(big), ensure_ascii=False), encoding="utf-8")
        for label, args in [
            ("process: python -c pass (baseline)", [sys.executable, "-c", "pass"]),
            ("process: check seed", [sys.executable, "-m", "perfgui", "check", str(SEED)]),
            ("process: check 2,000 (json)", [sys.executable, "-m", "perfgui", "check", str(big_path)]),
        ]:
            s = measure(lambda: subprocess.run(args, capture_output=True, cwd=ROOT), repeat=7)
            rows.append([label, ms(s["median"]), ms(s["p95"])])
    print_table("check (ms)", ["what", "median", "p95"], rows)


if __name__ == "__main__":
    main()
