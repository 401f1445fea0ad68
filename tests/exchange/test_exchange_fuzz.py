"""Random and mutated input for every reader: a form or ImportFailed, never anything else.

About 3,000 cases in all, derandomized so a failure reproduces; no example database is written.
"""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgui.exchange import outputs
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import load_form_file, read_form_json
from perfgui.exchange.xlsx import read_xlsx_bytes
from perfgui.model import Form

def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def _small_form():
    from bench.common import big_form

    form = big_form(8)
    form.goals.planned = "年初目标。\n第二段"
    form.signoff.fields[0].value = "张三"
    return form


SMALL_XLSX = outputs.xlsx_bytes(_small_form())
SMALL_JSON = outputs.json_bytes(_small_form())
with zipfile.ZipFile(io.BytesIO(SMALL_XLSX)) as _z:
    PARTS = {i.filename: _z.read(i) for i in _z.infolist()}


def _expect_form_or_failure(call):
    try:
        result = call()
    except ImportFailed as exc:
        assert str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        return None
    form, guesses = result if isinstance(result, tuple) else (result, [])
    assert isinstance(form, Form)
    assert all(str(g) for g in guesses)
    # Whatever was read can be exported again.
    outputs.json_bytes(form)
    return form


def _load(tmp_path_factory, suffix: str, data: bytes):
    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(data)
    return _expect_form_or_failure(lambda: load_form_file(path))


@fuzz(600)
@given(data=st.binary(max_size=4096), suffix=st.sampled_from([".xlsx", ".json", ".txt", ".tsv", ".csv", ".dat"]))
def test_random_bytes(tmp_path_factory, data, suffix):
    _load(tmp_path_factory, suffix, data)


@fuzz(500)
@given(st.lists(st.tuples(st.integers(0, len(SMALL_XLSX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(0, len(SMALL_XLSX)))
def test_mutated_xlsx_bytes(flips, cut):
    data = bytearray(SMALL_XLSX[:max(cut, 22)])
    for pos, value in flips:
        if pos < len(data):
            data[pos] = value
    _expect_form_or_failure(lambda: read_xlsx_bytes(bytes(data)))


_XML_NOISE = st.sampled_from([
    b"", b"<", b">", b"\"", b"&amp;", b"&#0;", b"<c r=\"A1\" t=\"s\"><v>99</v></c>", b"<row r=\"0\">",
    b"<mergeCell ref=\"A1:B2\"/>", b"<mergeCell ref=\"Z9:A1\"/>", b"t=\"e\"", b"t=\"b\"", b"<v>NaN</v>",
    b"<v>1e400</v>", "一级指标".encode(), "总分".encode(), b"\xff\xfe", b"<f>SUM(A1)</f>", b"s=\"999\"",
])


@fuzz(700)
@given(part=st.sampled_from(sorted(PARTS)), start=st.integers(0, 60000), length=st.integers(0, 200),
       noise=_XML_NOISE, drop=st.booleans())
def test_mutated_xlsx_parts(part, start, length, noise, drop):
    """Edit inside one XML part and zip it again: reaches openpyxl's parser and our reader."""
    body = PARTS[part]
    start = start % (len(body) + 1)
    parts = dict(PARTS)
    parts[part] = body[:start] + noise + body[start + length:]
    if drop and part != "xl/workbook.xml":
        del parts[part]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    _expect_form_or_failure(lambda: read_xlsx_bytes(buf.getvalue()))


@fuzz(400)
@given(st.data())
def test_mutated_seed_text(tmp_path_factory, data):
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "data" / "seed_2024.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    for _ in range(data.draw(st.integers(1, 6))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "dup", "cells", "noise", "swap"]))
        if action == "drop":
            del lines[i]
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "cells":
            cells = lines[i].split("\t")
            j = data.draw(st.integers(0, len(cells) - 1))
            cells[j] = data.draw(st.text(max_size=12))
            lines[i] = "\t".join(cells)
        elif action == "noise":
            lines[i] = data.draw(st.text(max_size=40))
        else:
            j = data.draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    suffix = data.draw(st.sampled_from([".txt", ".tsv"]))
    _load(tmp_path_factory, suffix, "\n".join(lines).encode("utf-8"))


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8)


@fuzz(600)
@given(st.data())
def test_mutated_form_file(data):
    obj = json.loads(SMALL_JSON)
    for _ in range(data.draw(st.integers(1, 4))):
        # Walk to a random place in the document and replace what is there.
        node, key = obj, None
        for _depth in range(data.draw(st.integers(0, 5))):
            if isinstance(node, dict) and node:
                k = data.draw(st.sampled_from(sorted(node)))
                if isinstance(node[k], (dict, list)) and node[k]:
                    node, key = node[k], None
                    continue
                key = k
                break
            if isinstance(node, list) and node:
                k = data.draw(st.integers(0, len(node) - 1))
                if isinstance(node[k], (dict, list)) and node[k]:
                    node = node[k]
                    continue
                key = k
                break
        value = data.draw(_JSON_VALUES)
        if key is not None:
            node[key] = value
        elif isinstance(node, dict):
            node[data.draw(st.text(max_size=6))] = value
    raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
    _expect_form_or_failure(lambda: read_form_json(raw))


def test_readers_agree_on_the_untouched_inputs():
    """The fuzz baselines really are readable: mutations start from good input."""
    assert _expect_form_or_failure(lambda: read_xlsx_bytes(SMALL_XLSX)) is not None
    assert _expect_form_or_failure(lambda: read_form_json(SMALL_JSON)) is not None


@pytest.mark.parametrize("noise", [b"\x00" * 10, "一级指标\t权重\n".encode() * 3])
def test_tiny_inputs(tmp_path_factory, noise):
    for suffix in (".xlsx", ".json", ".txt"):
        _load(tmp_path_factory, suffix, noise)
