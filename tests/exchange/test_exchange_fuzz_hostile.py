"""Seeded mutations of a real export and the hand-made hostile files, read as the worker reads.

Every case must end in a form or a Chinese refusal, within the time budget, without a
memory blow-up (the pool's workers are capped at the import worker's budget). The zip-level
mutations truncate, flip bits, overwrite spans, corrupt a member's compressed data and change
declared sizes; the XML-level ones respell attributes (quotes, spaces around ``=``, line
breaks, ``$`` signs, lower case), inject merged ranges, hyperlinks, dimensions, far cells and
long defined names in those spellings, change numbers and cut or repeat pieces. A normal run
is about 1,500 cases; ``-m slow`` adds a run ten times larger. The summary line (cases,
outcomes, failures, slowest case) is printed to the terminal.
"""

from __future__ import annotations

import io
import multiprocessing
import random
import re
import struct
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from bench.bench_hostile import hostile_cases, seed_xlsx
from exchange_helpers import run_cli
from perfgui.exchange.sandbox import MEMORY_BUDGET_BYTES, TIME_BUDGET_S

HERE = Path(__file__).resolve().parent
NORMAL = {"zip": 700, "xml": 800}
SLOW_FACTOR = 10

BASE = seed_xlsx()
with zipfile.ZipFile(io.BytesIO(BASE)) as _z:
    PARTS = {i.filename: _z.read(i) for i in _z.infolist()}
    INFOS = _z.infolist()
XML_PARTS = sorted(n for n in PARTS if n.endswith((".xml", ".rels")))


# -- zip level ----------------------------------------------------------------------------------
def _central_entries(data: bytes) -> list[int]:
    out, pos = [], data.find(b"PK\x01\x02")
    while pos >= 0:
        out.append(pos)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return out


def zip_mutation(rng: random.Random) -> bytes:
    data = bytearray(BASE)
    action = rng.choice(["truncate", "bits", "span", "member", "declared", "local", "insert", "members"])
    if action == "truncate":
        return bytes(data[:rng.randrange(len(data))])
    if action == "bits":
        for _ in range(rng.randint(1, 16)):
            pos = rng.randrange(len(data))
            data[pos] ^= 1 << rng.randrange(8)
    elif action == "span":
        pos = rng.randrange(len(data))
        data[pos:pos + rng.randint(1, 64)] = rng.randbytes(rng.randint(1, 64))
    elif action == "member":
        # Corrupt the compressed bytes of one member (its CRC or its deflate stream breaks).
        info = rng.choice(INFOS)
        start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
        for _ in range(rng.randint(1, 4)):
            pos = start + rng.randrange(max(info.compress_size, 1))
            if pos < len(data):
                data[pos] = rng.randrange(256)
    elif action == "declared":
        # Central directory: uncompressed / compressed size of one member.
        entry = rng.choice(_central_entries(bytes(data)))
        field = rng.choice([20, 24])
        value = rng.choice([0, 1, 100, 0x7FFFFFFF, 0xFFFFFFFF, rng.randrange(2**32)])
        struct.pack_into("<I", data, entry + field, value)
    elif action == "local":
        info = rng.choice(INFOS)
        struct.pack_into("<I", data, info.header_offset + rng.choice([18, 22]),
                         rng.choice([0, 0xFFFFFFFF, rng.randrange(2**32)]))
    elif action == "insert":
        pos = rng.randrange(len(data))
        data[pos:pos] = rng.randbytes(rng.randint(1, 200))
    else:
        parts = dict(PARTS)
        for name in rng.sample(sorted(parts), rng.randint(1, 3)):
            if rng.random() < 0.5:
                del parts[name]
            else:
                parts[name + rng.choice(["", "x", "/"])] = parts[name]
        return _zip(parts, rng)
    return bytes(data)


def _zip(parts: dict[str, bytes], rng: random.Random) -> bytes:
    buf = io.BytesIO()
    method = rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return buf.getvalue()


# -- XML level ----------------------------------------------------------------------------------
_ATTR = re.compile(rb'(\s)([\w:]+)="([^"<]*)"')
_REF_VALUE = re.compile(rb"^[A-Z]{1,3}[0-9]+(:[A-Z]{1,3}[0-9]+)?$")


def _spell(rng: random.Random, name: bytes, value: bytes) -> bytes:
    """One attribute written another legal way: quotes, spaces and line breaks around =, and for
    references ``$`` signs and lower case."""
    if _REF_VALUE.match(value):
        if rng.random() < 0.4:
            value = re.sub(rb"([A-Z]+)([0-9]+)", rb"$\1$\2", value)
        if rng.random() < 0.4:
            value = value.lower()
    quote = b"'" if rng.random() < 0.5 and b"'" not in value else b'"'
    eq = rng.choice([b"=", b" = ", b"\n=\n", b"\t=", b"= "])
    return name + eq + quote + value + quote


def _ref(rng: random.Random, big: bool) -> bytes:
    def cell(max_col: int, max_row: int) -> str:
        n, letters = rng.randint(1, max_col), ""
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        return f"{letters}{rng.randint(1, max_row)}"

    if big:
        return rng.choice([b"A1:XFD1048576", b"A100:XFD1048576", b"A:XFD", b"1:1048576",
                           f"{cell(50, 50)}:{cell(16384, 1048576)}".encode()])
    return f"{cell(12, 80)}:{cell(12, 80)}".encode()


def _inject(rng: random.Random, part: str, body: bytes) -> bytes:
    big = rng.random() < 0.5
    if part.startswith("xl/worksheets/"):
        choice = rng.choice(["merge", "merges", "hyperlink", "dimension", "far", "cells"])
        if choice == "merge" and b"</mergeCells>" in body:
            return body.replace(b"</mergeCells>", b"<mergeCell " + _spell(rng, b"ref", _ref(rng, big)) + b"/></mergeCells>")
        if choice == "merges" and b"</mergeCells>" in body:
            many = b"".join(b"<mergeCell " + _spell(rng, b"ref", _ref(rng, False)) + b"/>"
                            for _ in range(rng.choice([10, 500, 21000 if big else 2000])))
            return body.replace(b"</mergeCells>", many + b"</mergeCells>")
        if choice == "hyperlink":
            link = b"<hyperlinks><hyperlink " + _spell(rng, b"ref", _ref(rng, big)) + b"/></hyperlinks>"
            return body.replace(b"</sheetData>", b"</sheetData>" + link, 1) if b"</mergeCells>" not in body else \
                body.replace(b"</mergeCells>", b"</mergeCells>" + link, 1)
        if choice == "dimension":
            return re.sub(rb"<dimension [^>]*/>", b"<dimension " + _spell(rng, b"ref", _ref(rng, big)) + b"/>", body)
        if choice == "far":
            r, c = (rng.randint(2000, 1048576), rng.choice(["ZZ", "XFD", "AB"])) if big else (rng.randint(80, 200), "J")
            return body.replace(b"</sheetData>", f'<row r="{r}"><c r="{c}{r}"><v>1</v></c></row></sheetData>'.encode(), 1)
        rows = b"".join(f'<row r="{100 + i}"><c r="A{100 + i}" t="inlineStr"><is><t>{i}</t></is></c></row>'.encode()
                        for i in range(rng.choice([5, 50, 400])))
        return body.replace(b"</sheetData>", rows + b"</sheetData>", 1)
    if part == "xl/workbook.xml":
        chars = rng.choice([10, 500, 9000 if big else 3000, 60000 if big else 8000])
        text = ",".join(["'自评表'!$A$1:$B$2"] * (chars // 17 + 1))[:chars].rstrip(",!'$:")
        name = b"<definedName " + _spell(rng, b"name", b"_xlnm.Print_Area") + b' localSheetId="0">'
        return body.replace(b"<definedNames>", b"<definedNames>" + name + text.encode() + b"</definedName>", 1)
    return body


_NOISE = [b"", b"<", b">", b'"', b"'", b"&amp;", b"&#0;", b"<!DOCTYPE x>", b"<c/>", b"<row/>", b"\xff\xfe",
          b"<mergeCell ref='A1:B2'/>", b'<v>1e400</v>', "一级指标".encode(), b"</", b"\x00"]


def xml_mutation(rng: random.Random) -> bytes:
    parts = dict(PARTS)
    for _ in range(rng.randint(1, 3)):
        part = rng.choice(XML_PARTS + ["xl/worksheets/sheet1.xml"] * 4 + ["xl/workbook.xml"] * 2)
        body = parts.get(part)
        if body is None:
            continue
        action = rng.choice(["respell", "respell", "inject", "inject", "inject", "numbers", "cut", "repeat", "noise"])
        if action == "respell":
            # Every attribute of the part, each spelled in its own way: still well-formed XML.
            p = rng.random()
            body = _ATTR.sub(lambda m: m[1] + (_spell(rng, m[2], m[3]) if rng.random() < p else m[0][1:]), body)
        elif action == "inject":
            body = _inject(rng, part, body)
        elif action == "numbers":
            matches = list(re.finditer(rb"[0-9]+", body))
            for m in rng.sample(matches, min(len(matches), rng.randint(1, 5))):
                value = rng.choice([b"0", b"-1", b"1048577", b"99999999999", b"16385", b"2"])
                body = body[:m.start()] + value + body[m.end():]
                break
        elif action == "cut":
            start = rng.randrange(len(body) + 1)
            body = body[:start] + body[start + rng.randint(1, 300):]
        elif action == "repeat":
            start = rng.randrange(len(body) + 1)
            piece = body[start:start + rng.randint(1, 400)]
            body = body[:start] + piece * rng.randint(2, 50) + body[start:]
        else:
            start = rng.randrange(len(body) + 1)
            body = body[:start] + rng.choice(_NOISE) + body[start:]
        parts[part] = body
    return _zip(parts, rng)


# -- running ------------------------------------------------------------------------------------
def _cases(seed: int, counts: dict[str, int]) -> list[tuple[int, str, bytes]]:
    rng = random.Random(seed)
    cases = []
    for kind, n in counts.items():
        make = zip_mutation if kind == "zip" else xml_mutation
        for _ in range(n):
            cases.append((len(cases), ".xlsx", make(rng)))
    for file_name, data, _words in hostile_cases("small").values():
        cases.append((len(cases), Path(file_name).suffix, data))
    return cases


def _run(cases: list[tuple[int, str, bytes]]) -> dict:
    """Run the cases in a pool capped like the import worker; a case past the budget fails the run."""
    sys.path.insert(0, str(HERE))
    import hostile_readers

    ctx = multiprocessing.get_context("spawn")
    outcomes: Counter = Counter()
    failures, slowest, peak = [], (0.0, -1), 0
    with ctx.Pool(2, initializer=hostile_readers.limit_memory, initargs=(MEMORY_BUDGET_BYTES,)) as pool:
        results = pool.imap_unordered(hostile_readers.fuzz_case, cases)
        for _ in cases:
            try:
                index, outcome, detail, seconds, peak_kib = results.next(timeout=TIME_BUDGET_S * 4 * 2)
            except multiprocessing.TimeoutError:
                pool.terminate()
                pytest.fail(f"a case ran past the time budget ({TIME_BUDGET_S} s) — the pool stopped answering")
            outcomes[outcome] += 1
            peak = max(peak, peak_kib)
            slowest = max(slowest, (seconds, index))
            chinese = any("\u4e00" <= ch <= "\u9fff" for ch in detail)
            if outcome == "failure" or (outcome == "refused" and (not chinese or "内存不足" in detail)) \
                    or seconds > TIME_BUDGET_S:
                failures.append((index, outcome, detail, round(seconds, 2)))
    return {"cases": len(cases), "outcomes": dict(outcomes), "failures": failures,
            "slowest_s": round(slowest[0], 2), "slowest_case": slowest[1], "peak_mib": peak // 1024}


def _report(name: str, summary: dict, capsys) -> None:
    with capsys.disabled():
        print(f"\n[{name}] {summary['cases']} cases: {summary['outcomes']}; failures: {len(summary['failures'])}; "
              f"slowest {summary['slowest_s']} s (case {summary['slowest_case']}); peak {summary['peak_mib']} MiB")
        for failure in summary["failures"][:20]:
            print("  ", failure)


def test_fuzz_mutated_exports_and_hostile_files(capsys):
    summary = _run(_cases(12, NORMAL))
    _report("fuzz", summary, capsys)
    assert summary["failures"] == []
    # Both ends are reached: some mutations still read as forms, most are refused.
    assert summary["outcomes"].get("form", 0) > 20 and summary["outcomes"].get("refused", 0) > 500


@pytest.mark.slow
def test_fuzz_ten_times_larger(capsys):
    summary = _run(_cases(1212, {k: v * SLOW_FACTOR for k, v in NORMAL.items()}))
    _report("fuzz slow", summary, capsys)
    assert summary["failures"] == []


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and "lock" not in p.name}


def test_refused_mutations_leave_the_library_unchanged(tmp_path, seed_text):
    """A sample of the fuzz cases through ``perfgui import`` (the worker, the library)."""
    data_dir = tmp_path / "lib"
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    assert run_cli("import", str(seed), "--data-dir", str(data_dir)).returncode == 0
    before = _snapshot(data_dir)
    rng = random.Random(5)
    tried = 0
    while tried < 6:
        data = (zip_mutation if tried % 2 else xml_mutation)(rng)
        path = tmp_path / f"m{tried}.xlsx"
        path.write_bytes(data)
        proc = run_cli("import", str(path), "--data-dir", str(data_dir))
        err = proc.stderr.decode("utf-8")
        if proc.returncode == 0:  # a mutation that still reads as a form is imported: start over
            before = _snapshot(data_dir)
            continue
        tried += 1
        assert proc.returncode == 2 and err.startswith("错误：") and "Traceback" not in err
        assert _snapshot(data_dir) == before
