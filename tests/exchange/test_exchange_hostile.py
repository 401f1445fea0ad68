"""Hostile files and misbehaving readers: refused with a reason, stopped within the budget.

The files are those of issue 12 (points 5 and 6) at test size, built by bench/bench_hostile.py;
the readers that never end, swell or die are in hostile_readers.py and run in the real worker.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from bench.bench_hostile import KIND_OF, docx_with_table, hostile_cases, ods_like_libreoffice, seed_xlsx
from exchange_helpers import run_cli
from perfgui.exchange import sandbox
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import load_form_file
from perfgui.exchange.zipguard import check_xlsx, check_zip_document, parse_ref
from perfgui.model.serialize import to_dict

HERE = Path(__file__).resolve().parent
CASES = hostile_cases("small")


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text) and "Traceback" not in text


@pytest.fixture
def helpers_importable(monkeypatch):
    """The worker can import hostile_readers (it inherits PYTHONPATH)."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))


@pytest.mark.parametrize("name", list(CASES))
def test_the_guard_refuses_each_hostile_file_with_its_reason(name):
    file_name, data, words = CASES[name]
    with pytest.raises(ImportFailed) as info:
        check_zip_document(data, KIND_OF[Path(file_name).suffix])
    assert words in str(info.value) and _chinese(str(info.value))


@pytest.mark.parametrize("name", [n for n in CASES if CASES[n][0].endswith(".xlsx")])
def test_reading_a_hostile_xlsx_ends_in_the_guards_message(name, tmp_path):
    """The whole reader, not just the guard: openpyxl never sees the file."""
    file_name, data, words = CASES[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as info:
        load_form_file(path)
    assert words in str(info.value)


def test_what_real_programs_write_passes():
    check_xlsx(seed_xlsx())
    check_zip_document(ods_like_libreoffice(), "ods")  # a million empty repeated rows cost nothing
    check_zip_document(docx_with_table(12), "docx")
    from bench.common import big_form
    from perfgui.exchange import outputs

    check_xlsx(outputs.xlsx_bytes(big_form(2000, reason_chars=100)))


def test_a_python_docx_document_passes(tmp_path):
    import io

    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=30, cols=9)
    table.cell(0, 0).merge(table.cell(0, 8))
    table.cell(1, 0).text = "一级指标"
    buf = io.BytesIO()
    document.save(buf)
    check_zip_document(buf.getvalue(), "docx")


@pytest.mark.parametrize("text, box", [
    ("A1", (1, 1, 1, 1)), (" $a$100 : $XFD$1048576 ", (1, 100, 16384, 1048576)), ("B:D", (2, 1, 4, 1048576)),
    ("3:5", (1, 3, 16384, 5)), ("'自评表'!$A$1:$I$41", (1, 1, 9, 41)), ("XFD1048576:A100", (1, 100, 16384, 1048576)),
])
def test_references_are_read_as_readers_read_them(text, box):
    assert parse_ref(text) == box


@pytest.mark.parametrize("text", ["", "A1:B2:C3", "1A", "ABCD1", "A1:B", "$"])
def test_what_is_no_reference(text):
    assert parse_ref(text) is None


# -- the worker ---------------------------------------------------------------------------------
def test_the_worker_reads_a_good_file_as_the_reader_does(tmp_path):
    path = tmp_path / "seed.xlsx"
    path.write_bytes(seed_xlsx())
    form, guesses = sandbox.load_in_worker(path)
    direct, direct_guesses = load_form_file(path)
    assert to_dict(form) == to_dict(direct)
    assert guesses == direct_guesses


def test_the_worker_passes_the_readers_message(tmp_path):
    path = tmp_path / "merge.xlsx"
    path.write_bytes(CASES["merge single quotes"][1])
    with pytest.raises(ImportFailed, match="合并单元格"):
        sandbox.load_in_worker(path)


@pytest.mark.parametrize("reader", ["endless", "spinning"])
def test_a_reader_past_the_time_budget_is_stopped(reader, tmp_path, helpers_importable):
    path = tmp_path / "slow.xlsx"
    path.write_bytes(seed_xlsx())
    job = sandbox.ImportJob(path, reader=f"hostile_readers:{reader}", limits=sandbox.Limits(time_s=2)).start()
    proc = job._proc
    job.wait()
    assert proc.poll() is not None  # the worker is gone
    with pytest.raises(ImportFailed) as info:
        job.result()
    assert "超过 2 秒" in str(info.value) and "slow.xlsx" in str(info.value) and _chinese(str(info.value))


def test_a_reader_past_the_memory_budget_is_stopped(tmp_path, helpers_importable):
    path = tmp_path / "hungry.xlsx"
    path.write_bytes(seed_xlsx())
    limits = sandbox.Limits(time_s=30, memory_bytes=400 * 1024 * 1024)
    with pytest.raises(ImportFailed) as info:
        sandbox.load_in_worker(path, reader="hostile_readers:hungry", limits=limits)
    assert "内存" in str(info.value) and "hungry.xlsx" in str(info.value) and _chinese(str(info.value))


def test_a_reader_that_dies_or_breaks_is_a_message(tmp_path, helpers_importable):
    path = tmp_path / "x.xlsx"
    path.write_bytes(seed_xlsx())
    with pytest.raises(ImportFailed, match="意外退出（代码 70）"):
        sandbox.load_in_worker(path, reader="hostile_readers:dies")
    with pytest.raises(ImportFailed) as info:
        sandbox.load_in_worker(path, reader="hostile_readers:confused")
    assert "AssertionError" in str(info.value) and _chinese(str(info.value))


def test_cancel_kills_the_worker_at_once(tmp_path, helpers_importable):
    path = tmp_path / "x.xlsx"
    path.write_bytes(seed_xlsx())
    job = sandbox.ImportJob(path, reader="hostile_readers:endless").start()
    proc = job._proc
    assert not job.poll()
    job.cancel()
    assert proc.poll() is not None
    with pytest.raises(sandbox.ImportCancelled):
        job.result()


def test_the_worker_leaves_no_temporary_files(tmp_path, monkeypatch):
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    path = tmp_path / "seed.xlsx"
    path.write_bytes(seed_xlsx())
    sandbox.load_in_worker(path)
    path.write_bytes(CASES["merge lower case"][1])
    with pytest.raises(ImportFailed):
        sandbox.load_in_worker(path)
    assert list((tmp_path / "tmp").iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in executable is a shell script")
def test_a_frozen_program_runs_itself_as_the_worker(tmp_path, monkeypatch):
    """As PyInstaller's perfgui.exe would: sys.executable is the program, main.py dispatches."""
    root = HERE.parent.parent
    exe = tmp_path / "perfgui"
    exe.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{root / "main.py"}" "$@"\n', encoding="utf-8")
    exe.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.setenv("PYTHONPATH", str(root))
    assert sandbox.worker_command(["a"])[:2] == [str(exe), sandbox.WORKER_FLAG]
    path = tmp_path / "seed.xlsx"
    path.write_bytes(seed_xlsx())
    form, _ = sandbox.load_in_worker(path)
    assert form.header.unit


def test_the_command_line_takes_the_worker_flag(tmp_path):
    """perfgui-cli.exe started as the worker (the frozen command line)."""
    path = tmp_path / "seed.xlsx"
    path.write_bytes(seed_xlsx())
    out = tmp_path / "out"
    out.mkdir()
    proc = run_cli(sandbox.WORKER_FLAG, sandbox.DEFAULT_READER, str(path), str(out), str(2**30), "20")
    assert proc.returncode == 0, proc.stderr
    assert '"form"' in (out / "result.json").read_text(encoding="utf-8")


# -- the command line and the library ----------------------------------------------------------
def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else b"<dir>")
            for p in sorted(folder.rglob("*")) if p.name != "lock" and not p.name.endswith(".lock")}


@pytest.mark.parametrize("name", ["merge spaces around =", "one far cell", "print area name 60,000 chars",
                                  "declared size too small"])
def test_a_refused_import_leaves_the_library_as_it_was(name, tmp_path, seed_text):
    data_dir = tmp_path / "lib"
    seed = tmp_path / "seed.txt"
    seed.write_text(seed_text, encoding="utf-8")
    first = run_cli("import", str(seed), "--data-dir", str(data_dir))
    assert first.returncode == 0, first.stderr.decode("utf-8")
    before = _snapshot(data_dir)
    path = tmp_path / CASES[name][0]
    path.write_bytes(CASES[name][1])
    for command in ("import", "check"):
        proc = run_cli(command, str(path), "--data-dir", str(data_dir))
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2 and err.startswith("错误：") and CASES[name][2] in err and _chinese(err)
        assert proc.stdout == b""
    assert _snapshot(data_dir) == before


def test_libreoffice_documents_with_an_empty_part_pass():
    """LibreOffice writes an empty Configurations2/accelerator/current.xml into every file."""
    from bench.bench_hostile import ODS_HEAD, ODS_TAIL, zip_parts

    content = ODS_HEAD + b'<table:table-row><table:table-cell office:value-type="string"><text:p>x</text:p>' \
        b"</table:table-cell></table:table-row>" + ODS_TAIL
    check_zip_document(zip_parts({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                  "content.xml": content, "Configurations2/accelerator/current.xml": b"",
                                  "settings.xml": b"<broken"}), "ods")
    with pytest.raises(ImportFailed, match="损坏"):
        check_zip_document(zip_parts({"content.xml": content[:-20]}), "ods")
    shipped = [p for p in (Path("/usr/lib/libreoffice/program/opencl/cl-test.ods"),
                           Path("/usr/lib/libreoffice/share/template/common/internal/idxexample.odt")) if p.is_file()]
    for path in shipped:
        check_zip_document(path.read_bytes(), "ods")
