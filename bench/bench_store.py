"""Benchmark: save and list in libraries of 1, 100 and 1,000 seed-sized forms.

Run: python bench/bench_store.py [--sizes 1,100,1000]

Beside the library's own layout (one TinyDB file per form plus one index file whose entries are
re-serialised only when they change) it measures, in the same run, the obvious alternative the
layout replaces: every form as one document of a single TinyDB file with TinyDB's own
JSONStorage, which re-reads and rewrites the whole file on each change.
Targets (issue 3): save <= 20 ms and list <= 200 ms at 1,000 forms.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import measure, ms, print_table, seed_form  # noqa: E402
from perfgui.model.serialize import to_dict  # noqa: E402
from perfgui.store import open_library  # noqa: E402


def fill(folder: Path, n: int) -> list[str]:
    """A library of ``n`` seed-sized forms of different units and years."""
    base = seed_form()
    ids = []
    with open_library(folder) as lib:
        for i in range(n):
            form = copy.deepcopy(base)
            form.id = f"bench{i:07d}"
            form.header.unit = f"{base.header.unit}{i % 37}分中心"
            form.header.year = 2015 + i % 10
            ids.append(lib.create(form))
    return ids


def bench_library(folder: Path, ids: list[str]) -> dict[str, dict]:
    results = {}
    with open_library(folder) as lib:
        form = lib.load(ids[len(ids) // 2])
        leaf = form.scored()[3]
        flip = [Decimal("1.00"), Decimal("0.50")]
        state = {"i": 0}

        def save() -> None:
            state["i"] += 1
            leaf.score = flip[state["i"] % 2]
            leaf.reason = "" if state["i"] % 2 == 0 else f"第{state['i']}次修改"
            lib.save(form)

        results["save"] = measure(save, repeat=40, warmup=2)
        results["save (unchanged)"] = measure(lambda: lib.save(form), repeat=40)
        results["list"] = measure(lambda: lib.list(), repeat=20)
        results["search"] = measure(lambda: lib.list("分中心1", year=2020), repeat=20)
        results["load"] = measure(lambda: lib.load(ids[0]), repeat=20)

    def open_and_list(read_only: bool) -> None:
        with open_library(folder, read_only=read_only) as again:
            again.list()

    results["open (writer) + list"] = measure(lambda: open_and_list(False), repeat=7)
    results["open (read-only) + list"] = measure(lambda: open_and_list(True), repeat=7)
    return results


def bench_single_file(folder: Path, n: int) -> dict[str, dict]:
    """Baseline: all forms in one TinyDB file (TinyDB's JSONStorage, UTF-8, not crash-safe)."""
    from tinydb import TinyDB

    data = to_dict(seed_form())
    path = folder / "single.json"
    db = TinyDB(path, ensure_ascii=False, encoding="utf-8")
    table = db.table("forms")
    docs = []
    for i in range(n):
        d = copy.deepcopy(data)
        d["id"] = f"bench{i:07d}"
        d["header"]["unit"] = f"{d['header']['unit']}{i % 37}分中心"
        docs.append(d)
    table.insert_multiple(docs)
    target = n // 2 + 1
    state = {"i": 0}

    def save() -> None:
        state["i"] += 1
        d = docs[target - 1]
        d["goals"]["achieved"] = f"第{state['i']}次修改"
        table.update(d, doc_ids=[target])

    def list_all() -> None:
        rows = [(doc["id"], doc["header"]["unit"], doc["header"]["year"]) for doc in table.all()]
        rows.sort()

    repeat = 40 if n <= 100 else 7
    results = {"save": measure(save, repeat=repeat), "list": measure(list_all, repeat=repeat)}
    db.close()
    return results


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,100,1000")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    rows = []
    base_rows = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix="bench-store-"))
        try:
            t0 = time.perf_counter()
            ids = fill(tmp / "lib", n)
            fill_s = time.perf_counter() - t0
            res = bench_library(tmp / "lib", ids)
            index_kb = sum(p.stat().st_size for p in (tmp / "lib" / "index").iterdir()) / 1024
            for what, s in res.items():
                rows.append([f"{n:,}", what, ms(s["median"]), ms(s["p95"])])
            rows.append([f"{n:,}", f"create (mean of {n})", ms(fill_s / n), ""])
            rows.append([f"{n:,}", "index, all files (KB)", f"{index_kb:.0f}", ""])
            base = bench_single_file(tmp, n)
            size_kb = (tmp / "single.json").stat().st_size / 1024
            for what, s in base.items():
                base_rows.append([f"{n:,}", what, ms(s["median"]), ms(s["p95"])])
            base_rows.append([f"{n:,}", "file size (KB)", f"{size_kb:.0f}", ""])
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print_table("library: one TinyDB file per form + index (ms)", ["forms", "operation", "median", "p95"], rows)
    print_table("baseline: one TinyDB file for all forms (ms)", ["forms", "operation", "median", "p95"], base_rows)
    print("\nTargets at 1,000 forms: save <= 20 ms, list <= 200 ms.")


if __name__ == "__main__":
    main(sys.argv[1:])
