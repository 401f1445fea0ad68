"""Which files the command line reads itself and which go to the import worker (files.load_guarded).

Our form file and plain text below ``IN_PROCESS_MAX_BYTES`` are read in the process (reading
them is linear in their size); every zip, OLE, PDF and HTML file, whatever its name says, and
every larger file still goes to the worker with its time and memory budget.
"""

from __future__ import annotations

import json

import pytest

from bench.bench_hostile import hostile_cases, in_process_cases
from exchange_helpers import run_cli
from perfgui.exchange import files, sandbox
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import IN_PROCESS_MAX_BYTES, load_form_file, load_guarded
from perfgui.model.serialize import to_dict
from perfgui.readers import recognise as recognise_module

HOSTILE = hostile_cases("small", only={"merge single quotes", "ods spanned over the sheet", "docx 200 columns"})


@pytest.fixture
def worker_calls(monkeypatch):
    """The files the real worker was started on."""
    calls = []
    real = sandbox.load_in_worker

    def spy(path, **kw):
        calls.append(path.name)
        return real(path, **kw)

    monkeypatch.setattr(sandbox, "load_in_worker", spy)
    return calls


def _content(form) -> dict:
    """The form's data without its ids (a text read twice gives new ones)."""
    def strip(obj):
        if isinstance(obj, dict):
            return {k: strip(v) for k, v in obj.items() if k != "id"}
        return [strip(v) for v in obj] if isinstance(obj, list) else obj

    return strip(to_dict(form))


def _text_of_size(seed_text: str, size: int) -> bytes:
    """The seed's text, its last reason padded so the file has exactly ``size`` bytes."""
    data = seed_text.rstrip("\n").encode("utf-8")
    return data + b"x" * (size - len(data))


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_hostile_file_goes_to_the_worker_and_is_refused_there(name, tmp_path, worker_calls):
    file_name, data, words = HOSTILE[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    with pytest.raises(ImportFailed, match=words):
        load_guarded(path)
    assert worker_calls == [file_name]


def _disguised(seed_form) -> dict[str, bytes]:
    from perfgui.exchange import outputs

    html = b"<html><body><table><tr><td>" + b"1</td><td>" * 50 + b"</td></tr></table></body></html>"
    return {
        "workbook named text.txt": outputs.xlsx_bytes(seed_form),
        "pdf named text.txt": outputs.pdf_bytes(seed_form),
        "page named text.txt": html,
        "page named text.csv": html,
        "old office file.txt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
        "zip named form.txt": b"PK\x03\x04" + b"\0" * 100,
    }


def test_files_whose_name_says_text_but_are_not_go_to_the_worker(tmp_path, seed_form, worker_calls):
    cases = _disguised(seed_form)
    for label, data in cases.items():
        path = tmp_path / label.split()[-1]
        path.write_bytes(data)
        try:
            load_guarded(path)
        except ImportFailed:
            pass
        assert worker_calls[-1] == path.name, label
    assert len(worker_calls) == len(cases)


def test_text_and_form_files_past_their_size_go_to_the_worker(tmp_path, seed_text, seed_form, worker_calls):
    limit = IN_PROCESS_MAX_BYTES["text"]
    at, past = tmp_path / "at.txt", tmp_path / "past.txt"
    at.write_bytes(_text_of_size(seed_text, limit))
    past.write_bytes(_text_of_size(seed_text, limit + 1))
    here, _ = load_guarded(at)
    assert worker_calls == []
    there, _ = load_guarded(past)
    assert worker_calls == ["past.txt"]
    assert here.root.scored_leaves() and there.root.scored_leaves()

    data = to_dict(seed_form)
    data["goals"]["achieved"] = "x" * IN_PROCESS_MAX_BYTES["json"]  # past the limit by the rest of the file
    big = tmp_path / "big.json"
    big.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    form, _ = load_guarded(big)
    assert worker_calls == ["past.txt", "big.json"]
    assert form.goals.achieved == data["goals"]["achieved"]


def test_our_form_file_and_pasted_text_are_read_here_as_the_worker_reads_them(
        tmp_path, seed_text, seed_form, worker_calls):
    text = tmp_path / "seed.txt"
    text.write_text(seed_text, encoding="utf-8")
    form_file = tmp_path / "seed.json"
    form_file.write_text(json.dumps(to_dict(seed_form), ensure_ascii=False), encoding="utf-8")
    renamed = tmp_path / "seed.form"  # our file under another name: known by its content
    renamed.write_bytes(form_file.read_bytes())
    for path in (text, form_file, renamed):
        here, here_guesses = load_guarded(path)
        there, there_guesses = sandbox.load_in_worker(path)
        assert _content(here) == _content(there)
        assert here_guesses == there_guesses
    assert worker_calls == ["seed.txt", "seed.json", "seed.form"]  # only the direct calls above


def test_bad_files_read_here_fail_with_the_readers_message(tmp_path, worker_calls):
    for name, data, words in (("empty.txt", b"  \n", "是空的"), ("broken.json", b'{"format": "perfgui-form", ', "JSON"),
                              ("other.json", b'{"hello": [1, 2, 3]}', "format"),
                              ("no table.txt", "只是一段文字".encode(), "指标")):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFailed, match=words):
            load_guarded(path)
    with pytest.raises(ImportFailed, match="找不到"):
        load_guarded(tmp_path / "missing.txt")
    assert worker_calls == ["missing.txt"]  # a file that is not there: the worker says so, as before


def test_a_failure_no_reader_foresaw_is_read_again_by_the_worker(tmp_path, seed_text, monkeypatch, worker_calls):
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    expected, _ = load_form_file(path)

    def broken(grids):
        raise RuntimeError("a bug in the recogniser")

    monkeypatch.setattr(recognise_module, "recognise", broken)  # in this process only: the worker imports its own
    form, _ = load_guarded(path)
    assert worker_calls == ["seed.txt"]
    assert _content(form) == _content(expected)


@pytest.mark.parametrize("name", list(in_process_cases()))
def test_the_worst_files_read_here_end_in_a_form_or_a_message(name, tmp_path, worker_calls):
    """bench_hostile --in-process times them; here: read in this process, and no traceback."""
    file_name, data = in_process_cases()[name]
    path = tmp_path / file_name
    path.write_bytes(data)
    try:
        form, _ = load_guarded(path)
        assert form.sections
    except ImportFailed as exc:
        assert "Traceback" not in str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
    assert worker_calls == []


def test_a_form_file_of_too_many_objects_goes_to_the_worker(tmp_path, seed_form, worker_calls):
    data = to_dict(seed_form)
    data["indicators"] = [{"name": "空"}] * (files.IN_PROCESS_MAX_OBJECTS + 1)
    path = tmp_path / "many.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size < IN_PROCESS_MAX_BYTES["json"]
    form, _ = load_guarded(path)
    assert worker_calls == ["many.json"] and len(form.sections) == files.IN_PROCESS_MAX_OBJECTS + 1


def test_the_command_line_refuses_a_hostile_file_with_the_guards_message(tmp_path):
    file_name, data, words = HOSTILE["merge single quotes"]
    path = tmp_path / file_name
    path.write_bytes(data)
    proc = run_cli("check", str(path))
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and words in err and "Traceback" not in err
