"""Hostile files in a 汇总: each file has an import's time and memory budget, the batch goes on.

A folder of normal forms with hostile ones planted among them: the real hostile files of the
import tests (bench/bench_hostile.py, refused by the guard), a real form too large to read within
a tight time budget, a Word 97 file, and files on which the reader misbehaves as a library caught
by a hostile file would (tests/exchange/hostile_readers.py: never ends, spins, eats memory,
dies). Every hostile file is listed with its reason; everything else is exactly what a clean run
of the normal files gives.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from bench.bench_hostile import _visible_changed, hostile_cases
from bench.common import big_form
from perfgui.exchange.outputs import json_bytes, xlsx_bytes
from perfgui.exchange.sandbox import Limits
from perfgui.model import FormKind
from perfgui.review.collect import collect_files, find_files
from perfgui.review.summary import summarise
from review_helpers import clean_form, hostile_workers

GUARDED = ["merge single quotes", "too many shared strings", "deep nesting", "ods repeat beyond the sheet",
           "docx 200 columns"]
# Half an import's budget so the test is quicker; the guard refuses the hostile files in a small
# fraction of it even on a loaded machine, and normal forms read in milliseconds.
LIMITS = Limits(time_s=10.0, memory_bytes=400 * 1024 * 1024)
# Read through openpyxl's full load (its visible sheet edited): many seconds, far past TIGHT.
BIG_INDICATORS = 12_000
TIGHT = Limits(time_s=2.0)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text) and "Traceback" not in text


@pytest.fixture(scope="module")
def received(tmp_path_factory):
    """(folder, normal files, hostile file name → words its reason must contain)."""
    folder = tmp_path_factory.mktemp("received")
    normal = []
    for i in range(24):
        kind = FormKind.PROJECT if i % 3 else FormKind.DEPARTMENT
        form = clean_form(f"第{i:02d}街道", 2024, kind, project=f"项目{i:02d}" if kind is FormKind.PROJECT else "")
        path = folder / f"f{i:02d}.{'xlsx' if i % 2 else 'json'}"
        path.write_bytes(xlsx_bytes(form) if i % 2 else json_bytes(form))
        normal.append(path)
    hostile: dict[str, str] = {}
    for n, (name, (file_name, data, words)) in enumerate(hostile_cases("small", only=GUARDED).items()):
        stem, suffix = file_name.rsplit(".", 1)
        (folder / f"g{n}_{stem}.{suffix}").write_bytes(data)
        hostile[f"g{n}_{stem}.{suffix}"] = words
    (folder / "h_old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
                                       + "WordDocument".encode("utf-16-le"))
    hostile["h_old.doc"] = "另存为 .docx"
    # Read by a misbehaving reader (the hook), the files themselves are normal forms.
    for behaviour, words in (("endless", "超时"), ("spinning", "超时"), ("hungry", "内存"), ("dies", "意外退出")):
        (folder / f"{behaviour}_x.json").write_bytes(json_bytes(clean_form("某单位", 2024, project="x")))
        hostile[f"{behaviour}_x.json"] = words
    return folder, normal, hostile


@pytest.fixture(scope="module")
def clean_run(received):
    _, normal, _ = received
    return collect_files(normal, workers=2, limits=LIMITS)


def test_hostile_files_are_listed_with_their_reason_and_the_rest_is_as_a_clean_run(
        received, clean_run, tmp_path, monkeypatch):
    folder, normal, hostile = received
    hostile_workers(tmp_path, monkeypatch)
    t0 = time.monotonic()
    got = collect_files(find_files([folder]), workers=2, limits=LIMITS)
    seconds = time.monotonic() - t0
    listed = {Path(x.path).name: x.reason for x in got.unreadable}
    assert set(listed) == set(hostile)
    for name, words in hostile.items():
        assert words in listed[name] and _chinese(listed[name]), (name, listed[name])
    assert "超过 10 秒" in listed["endless_x.json"] and "400 MB" in listed["hungry_x.json"]
    assert not got.cancelled
    # Every normal form read, in the folder's order, each record exactly as without the hostile files.
    assert got.records == clean_run.records and len(got.records) == len(normal)
    assert summarise(got).rollup.forms == summarise(clean_run).rollup.forms
    # Two files held their worker for the whole budget, side by side: the batch was not held
    # longer (generous: workers start, the machine is shared).
    assert seconds < 2 * LIMITS.time_s + 60


def test_a_real_form_too_large_for_the_budget_is_stopped_and_the_rest_read(received, clean_run, tmp_path):
    """No stand-in reader: the real one on a real file that needs far longer than the budget."""
    _, normal, _ = received
    big = tmp_path / "大表.xlsx"
    big.write_bytes(_visible_changed(xlsx_bytes(big_form(BIG_INDICATORS))))
    got = collect_files(normal[:12] + [big] + normal[12:], workers=2, limits=TIGHT)
    assert [Path(x.path).name for x in got.unreadable] == ["大表.xlsx"]
    assert "超时（超过 2 秒仍未完成）" in got.unreadable[0].reason
    assert got.records == clean_run.records


def test_cancel_kills_a_worker_stuck_on_a_file(received, tmp_path, monkeypatch):
    folder, normal, _ = received
    hostile_workers(tmp_path, monkeypatch)
    stuck = [folder / "endless_x.json", folder / "spinning_x.json"] + normal
    seen = []
    t0 = time.monotonic()
    got = collect_files(stuck, workers=2, limits=Limits(time_s=600),
                        progress=lambda d, t, p: seen.append(p), cancelled=lambda: time.monotonic() - t0 > 8)
    assert got.cancelled and time.monotonic() - t0 < 30
    assert not got.unreadable and len(got.records) < len(stuck)
    assert _workers() == []  # both stuck workers are gone


def _workers() -> list:
    """This process's children but multiprocessing's resource tracker (one per process, for good)."""
    psutil = pytest.importorskip("psutil")
    return [p for p in psutil.Process().children(recursive=True) if "resource_tracker" not in " ".join(p.cmdline())]


def test_no_worker_outlives_the_batch(received):
    _, normal, _ = received
    collect_files(normal[:6], workers=2, limits=LIMITS)
    assert _workers() == []


@pytest.mark.skipif(sys.platform == "win32", reason="the command line's exit and stderr are checked as on POSIX")
def test_the_command_line_lists_a_file_past_its_budget(received, tmp_path, monkeypatch):
    import json
    import subprocess

    folder, _, _ = received
    hostile_workers(tmp_path, monkeypatch)
    sub = tmp_path / "in"
    sub.mkdir()
    for name in ("f00.json", "f01.xlsx", "dies_x.json"):
        (sub / name).write_bytes((folder / name).read_bytes())
    done = subprocess.run([sys.executable, "-m", "perfgui", "summary", str(sub), "--json"],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert result["forms"] == 2 and [Path(x["path"]).name for x in result["unreadable"]] == ["dies_x.json"]
    assert "意外退出" in result["unreadable"][0]["reason"]
