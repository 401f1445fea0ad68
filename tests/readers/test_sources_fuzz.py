"""Mutated files of every source: grids (and a form or a message from the recogniser), never anything else.

Seeded mutations (derandomized, no example database) of one small real form in each format:
bytes flipped and files cut, XML edited inside the zipped documents and random tag soup for
the web-page reader. About 1,300 cases.
"""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from sources_helpers import REAL
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgui.exchange import outputs
from perfgui.exchange.errors import ImportFailed
from perfgui.readers.grid import Grid
from perfgui.readers.recognise import recognise
from perfgui.readers.sources import read_bytes, read_clipboard

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None or not REAL, reason="needs LibreOffice and the corpus")
SMALL = min(REAL, key=lambda p: p.stat().st_size).stem  # the smallest real form


def fuzz(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def expect_grids_or_failure(call) -> list[Grid] | None:
    try:
        grids = call()
    except ImportFailed as exc:
        assert str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        return None
    assert isinstance(grids, list) and grids
    for g in grids:
        assert isinstance(g, Grid) and all(isinstance(t, str) for row in g.rows for t in row)
        assert all(0 <= m.top <= m.bottom < g.nrows and 0 <= m.left <= m.right < g.ncols for m in g.merges)
        assert all(isinstance(n, str) and n for n in g.notes)
    # What the sources give, the recogniser takes: a form or a message.
    try:
        result = recognise(grids)
    except ImportFailed as exc:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
    else:
        outputs.json_bytes(result.form)
    return grids


@pytest.fixture(scope="module")
def samples(formats) -> dict[str, bytes]:
    return {fmt: formats.path(SMALL, fmt).read_bytes() for fmt in ("xlsx", "xls", "ods", "docx", "pdf", "html")}


def test_the_untouched_samples_read(samples):
    for fmt, data in samples.items():
        assert expect_grids_or_failure(lambda d=data, f=fmt: read_bytes(d, f"样本.{f}")) is not None, fmt


@fuzz(100)
@given(fmt=st.sampled_from(["xls", "ods", "docx", "html", "xlsx"]), data=st.data())
def test_flipped_and_cut_bytes(samples, fmt, data):
    body = samples[fmt]
    cut = data.draw(st.integers(8, len(body)))
    out = bytearray(body[:cut])
    for _ in range(data.draw(st.integers(0, 8))):
        out[data.draw(st.integers(0, len(out) - 1))] = data.draw(st.integers(0, 255))
    expect_grids_or_failure(lambda: read_bytes(bytes(out), f"变异.{fmt}"))


@fuzz(60)
@given(data=st.data())
def test_flipped_and_cut_pdf(samples, data):
    body = samples["pdf"]
    cut = data.draw(st.integers(8, len(body)))
    out = bytearray(body[:cut])
    for _ in range(data.draw(st.integers(0, 6))):
        out[data.draw(st.integers(0, len(out) - 1))] = data.draw(st.integers(0, 255))
    expect_grids_or_failure(lambda: read_bytes(bytes(out), "变异.pdf"))


_XML_NOISE = st.sampled_from([
    b"", b"<", b">", b'"', b"&amp;", b"&#0;", "一级指标".encode(), b"<w:tc>", b"</w:tr>", b"<w:gridSpan w:val=\"99999\"/>",
    b"<w:vMerge/>", b"<w:vMerge w:val=\"restart\"/>", b"<w:gridBefore w:val=\"-5\"/>",
    b'<table:table-row table:number-rows-repeated="1048576">', b'table:number-columns-spanned="16384"',
    b'table:number-rows-spanned="-1"', b'office:value-type="float" office:value="NaN"',
    b'office:value-type="percentage" office:value="1e400"', b'office:value-type="date" office:date-value="x"',
    b"<table:covered-table-cell/>", b"<text:s text:c=\"99999999\"/>", b"<table:table>",
])


def _rezip(body: bytes, part: str, edit) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(body))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            zf.writestr(info.filename, edit(data) if info.filename == part else data)
    return out.getvalue()


@fuzz(250)
@given(fmt=st.sampled_from(["ods", "docx"]), start=st.integers(0, 200000), length=st.integers(0, 300),
       noise=st.lists(_XML_NOISE, min_size=1, max_size=4))
def test_edited_document_xml(samples, fmt, start, length, noise):
    part = "content.xml" if fmt == "ods" else "word/document.xml"

    def edit(xml: bytes) -> bytes:
        at = start % (len(xml) + 1)
        return xml[:at] + b"".join(noise) + xml[at + length:]

    data = _rezip(samples[fmt], part, edit)
    expect_grids_or_failure(lambda: read_bytes(data, f"变异.{fmt}"))


_TAGS = st.sampled_from([
    "<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<td rowspan=3>", "<td colspan=0>",
    "<td colspan=99999 rowspan=99999>", "<td rowspan=-2>", "<br>", "<p>", "</p>", "<script>", "</script>",
    "<style>", "<!--", "-->", "<![if x]>", "<![endif]>", "&nbsp;", "&#0;", "&#x110000;", "一级指标", "三级指标",
    "分值", "7.50", "<td style='mso-ignore:colspan' colspan=4>", "<tr style='display:none'>", "<tbody>",
    "<meta charset=gbk>", "Version:0.9\r\nStartHTML:00000099\r\n", "<", ">", "\"", "'",
])


@fuzz(250)
@given(st.lists(_TAGS | st.text(max_size=6), max_size=80), st.booleans())
def test_tag_soup(parts, as_clipboard):
    html = "".join(parts)
    if as_clipboard:
        try:
            grids = read_clipboard(html=html, text="一级指标\t分值")
        except ImportFailed:
            return
        assert grids and all(isinstance(g, Grid) for g in grids)
    else:
        expect_grids_or_failure(lambda: read_bytes(html.encode("utf-8"), "网页.html"))


@fuzz(120)
@given(cells=st.lists(st.lists(st.text(max_size=10), max_size=8), max_size=30),
       sep=st.sampled_from(["\t", ","]), quotes=st.booleans())
def test_text_and_csv(cells, sep, quotes):
    rows = [sep.join(('"' + c + '"') if quotes else c for c in row) for row in cells]
    data = "\n".join(rows).encode("utf-8")
    expect_grids_or_failure(lambda: read_bytes(data, "表.csv" if sep == "," else "表.txt"))
