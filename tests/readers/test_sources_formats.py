"""One form, every format: .xls, .ods, .html, .docx and .pdf give the grid the .xlsx gives.

The files are made from the reference workbooks with LibreOffice (see conftest.py): the seed
exported by our writer and every real form of tests/data/real/. Texts are compared without
whitespace and thousands separators (a web page and a PDF print 275,112,698.88, a sheet holds
the number), merged ranges exactly.
"""

from __future__ import annotations

import re
import shutil

import pytest
from sources_helpers import FORMS
from openpyxl import load_workbook

from perfgui.exchange.errors import ImportFailed
from perfgui.readers.grid import Grid
from perfgui.readers.sources import read_grids

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def norm(text: str) -> str:
    t = re.sub(r"\s+", "", text)
    return t.replace(",", "") if re.fullmatch(r"[-\d,.%]+", t) else t


def differences(a: Grid, b: Grid, skip: set[tuple[int, int]] = frozenset()) -> list:
    out = []
    for r in range(max(a.nrows, b.nrows)):
        for c in range(max(a.ncols, b.ncols)):
            if (r, c) not in skip and norm(a.raw(r, c)) != norm(b.raw(r, c)):
                out.append((r, c, a.raw(r, c)[:30], b.raw(r, c)[:30]))
    return out


def text_formulas(path) -> set[tuple[int, int]]:
    """Cells whose formula gives text (an empty 执行率, the grade): LibreOffice's .xls stores 0."""
    ws = load_workbook(path).worksheets[0]
    values = load_workbook(path, data_only=True).worksheets[0]
    return {(c.row - 1, c.column - 1) for row in ws.iter_rows() for c in row
            if c.data_type == "f" and not isinstance(values[c.coordinate].value, (int, float))}


@pytest.fixture(scope="module")
def reference(formats):
    return {name: read_grids(formats.path(name, "xlsx")) for name in FORMS}


@pytest.mark.parametrize("fmt", ["xls", "ods", "html", "docx"])
@pytest.mark.parametrize("name", FORMS)
def test_the_same_grid_from_every_spreadsheet_and_document_format(formats, reference, name, fmt):
    (ref,) = reference[name]
    grids = read_grids(formats.path(name, fmt))
    assert len(grids) == 1, [g.name for g in grids]
    (g,) = grids
    assert g.source == fmt
    skip = text_formulas(formats.path(name, "xlsx")) if fmt == "xls" else set()
    if fmt == "docx":
        # Writer, importing the web page, turns a spreadsheet error (#NAME?) into 0.
        skip = {(r, c) for r in range(ref.nrows) for c in range(ref.ncols) if ref.raw(r, c).startswith("#")}
    assert differences(ref, g, skip) == []
    assert set(g.merges) == set(ref.merges) and len(g.merges) == len(ref.merges)


@pytest.mark.parametrize("name", FORMS)
def test_a_printed_pdf_gives_the_ruled_table_and_the_text_around_it(formats, reference, name):
    (ref,) = reference[name]
    grids = read_grids(formats.path(name, "pdf"))
    assert len(grids) == 1
    (g,) = grids
    assert g.source == "pdf"
    assert differences(ref, g) == []
    # Every merged range of the ruled table survives the page breaks; only rows printed without
    # lines (the seed's title above the table, its sign-off below 总分) cannot show theirs.
    assert set(g.merges) <= set(ref.merges)
    total = next((r for r in range(ref.nrows) if ref.raw(r, 0) == "总分"), ref.nrows)
    unruled = {0, 1} | set(range(total + 1, ref.nrows)) if name == "seed" else set()
    assert all(m.top in unruled for m in set(ref.merges) - set(g.merges))


def test_the_seed_pdf_is_joined_over_its_pages(formats, reference):
    (g,) = read_grids(formats.path("seed", "pdf"))
    assert "跨页" in " ".join(g.notes)
    (ref,) = reference["seed"]
    # 产出指标 is merged over 36 rows across the page break, its label back in its first cell.
    produce = next(m for m in ref.merges if ref.raw(m.top, m.left) == "产出指标")
    assert g.merge_at(produce.top, 0) == produce and g.raw(produce.top, 0) == "产出指标"


def test_word_97_is_refused_with_what_to_do(formats):
    with pytest.raises(ImportFailed) as exc:
        read_grids(formats.path("seed", "doc"))
    assert ".docx" in str(exc.value) and "另存为" in str(exc.value)


def test_wps_et_and_a_misnamed_file_are_read_by_their_content(formats, reference, tmp_path):
    (ref,) = reference["seed"]
    for fmt in ("xls", "xlsx", "html"):
        et = tmp_path / f"表格{fmt}.et"
        et.write_bytes(formats.path("seed", fmt).read_bytes())
        (g,) = read_grids(et)
        assert g.source == fmt and not differences(ref, g, text_formulas(formats.path("seed", "xlsx")))
    # Systems that "export to Excel" often write a web page named .xls.
    disguised = tmp_path / "导出.xls"
    disguised.write_bytes(formats.path("seed", "html").read_bytes())
    assert read_grids(disguised)[0].source == "html"


def numbers(grids) -> tuple:
    """What the recogniser reads from grids: kind, year, budget, every scored indicator, total."""
    from perfgui.model import compute
    from perfgui.readers.recognise import recognise

    form = recognise(grids).form
    t = compute(form)
    leaves = [(norm(n.name), norm(n.target), norm(n.actual), n.max_points, n.score) for n in form.scored()]
    budget = [(r.key, r.initial, r.planned, r.actual) for r in form.budget.rows] if form.budget else []
    return form.kind, form.header.year, budget, leaves, t.total_max, t.total_score, t.grade


@pytest.mark.parametrize("fmt", ["xls", "ods", "html", "docx", "pdf"])
@pytest.mark.parametrize("name", FORMS)
def test_every_format_gives_the_same_numbers(formats, reference, name, fmt):
    try:
        expected = numbers(reference[name])
    except ImportFailed as exc:
        pytest.skip(f"the reference itself is refused: {exc}")
    got = numbers(read_grids(formats.path(name, fmt)))
    if fmt == "docx":
        # Writer, importing the web page, turns a spreadsheet error (#NAME?) into 0.
        kind, year, budget, leaves, *rest = expected
        leaves = [tuple("0" if isinstance(v, str) and v.startswith("#") else v for v in leaf) for leaf in leaves]
        expected = (kind, year, budget, leaves, *rest)
    assert got == expected


@pytest.mark.parametrize("fmt", ["xls", "ods", "docx"])
def test_truncated_files_of_each_kind_get_a_message(formats, fmt):
    data = formats.path("seed", fmt).read_bytes()
    for cut in (0.25, 0.5, 0.9):
        with pytest.raises(ImportFailed) as exc:
            read_grids(data[: int(len(data) * cut)], f"截断.{fmt}")
        assert "损坏" in str(exc.value), (cut, str(exc.value))
