"""Our own export read without a workbook gives exactly what openpyxl's read-only workbook gives.

``perfgui.exchange.xlsx.export_content`` reads the hidden data sheet and the visible sheet's
constant cells with openpyxl's sheet parser alone (no styles, fonts, borders, views); the
reference here is the way it was read before: ``load_workbook(read_only=True, data_only=True)``
and its cells. Same saved form, same (coordinate, value) pairs, on exports of several forms,
files re-saved by openpyxl and LibreOffice, an edited visible sheet and a number shown as a date.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import warnings

import pytest
from openpyxl import load_workbook

from bench.bench_hostile import _visible_changed, parts_of, zip_parts
from bench.common import big_form
from exchange_helpers import soffice_convert
from perfgui.exchange import outputs
from perfgui.exchange import xlsx_format as L
from perfgui.exchange.xlsx import _unchanged_export, export_content, read_saved, read_xlsx_bytes
from perfgui.model.serialize import to_dict


def reference(data: bytes):
    """(saved form as a dict, sorted entries) as the read-only workbook gives them, or None."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        if L.DATA_SHEET not in wb.sheetnames or L.VISIBLE_SHEET not in wb.sheetnames:
            return None
        saved = read_saved(wb)
        if saved is None or saved.form is None or not saved.digest:
            return None
        entries = [(c.coordinate, c.value) for row in wb[L.VISIBLE_SHEET].iter_rows() for c in row
                   if getattr(c, "value", None) is not None and c.coordinate not in saved.formulas]
        return to_dict(saved.form), saved.digest, sorted(entries, key=repr)
    finally:
        wb.close()


def fast(data: bytes):
    found = export_content(data)
    if found is None:
        return None
    saved, entries = found
    return to_dict(saved.form), saved.digest, sorted(entries, key=repr)


def _resaved(data: bytes) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    wb["自评表"].column_dimensions["D"].width = 40
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _as_date(data: bytes) -> bytes:
    """The first small number on the visible sheet given a date format (as a person might by mistake)."""
    parts = parts_of(data)
    styles = parts["xl/styles.xml"].decode()
    count = int(re.search(r'<cellXfs count="(\d+)"', styles)[1])
    styles = re.sub(r'<cellXfs count="\d+">(.*?)</cellXfs>',
                    lambda m: f'<cellXfs count="{count + 1}">{m[1]}<xf numFmtId="14" fontId="0" fillId="0" '
                              f'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>', styles, count=1, flags=re.S)
    parts["xl/styles.xml"] = styles.encode()
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    number = re.search(r'<c r="([A-Z]+\d+)"( s="\d+")?( t="n")?><v>[1-9]\d{0,4}(\.\d+)?</v>', sheet)
    assert number is not None
    start = number.start()
    cell = sheet[start:sheet.index(">", start) + 1]
    changed = re.sub(r' s="\d+"', "", cell).replace("<c ", f'<c s="{count}" ', 1)
    parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + changed + sheet[start + len(cell):]).encode()
    return zip_parts(parts)


@pytest.fixture(scope="module")
def files(seed_form, rich_form, project_form):
    out = {name: outputs.xlsx_bytes(form) for name, form in
           (("seed", seed_form), ("rich", rich_form), ("project", project_form),
            ("big", big_form(600, reason_chars=40)))}
    out["re-saved by openpyxl"] = _resaved(out["rich"])
    out["visible sheet edited"] = _visible_changed(out["seed"])
    out["a number shown as a date"] = _as_date(out["seed"])
    return out


@pytest.fixture(scope="module")
def seed_form():
    from exchange_helpers import DATA
    from perfgui.readers.pasted import read_pasted

    return read_pasted((DATA / "seed_2024.txt").read_text(encoding="utf-8")).form


@pytest.fixture(scope="module")
def rich_form(seed_form):
    from exchange_helpers import rich

    return rich(seed_form)


@pytest.fixture(scope="module")
def project_form():
    from exchange_helpers import DATA
    from perfgui.readers.pasted import read_pasted

    return read_pasted((DATA / "project_2024.txt").read_text(encoding="utf-8")).form


@pytest.mark.parametrize("name", ["seed", "rich", "project", "big", "re-saved by openpyxl", "visible sheet edited",
                                  "a number shown as a date"])
def test_the_same_content_as_the_read_only_workbook(files, name):
    data = files[name]
    assert fast(data) == reference(data)
    # And the same decision: the saved form when nothing visible changed, the long way otherwise.
    expect_saved = name not in ("visible sheet edited", "a number shown as a date")
    assert (_unchanged_export(data) is not None) is expect_saved


def test_a_number_shown_as_a_date_is_read_as_a_date(files):
    _, entries = export_content(files["a number shown as a date"])
    assert any(isinstance(v, datetime.datetime) for _, v in entries)


def test_what_is_not_our_export_goes_the_long_way(files):
    import zipfile

    parts = parts_of(files["seed"])
    del parts["xl/_rels/workbook.xml.rels"]
    assert _unchanged_export(zip_parts(parts)) is None
    parts = parts_of(files["seed"])
    parts["xl/sharedStrings.xml"] = b"<sst"  # broken XML: openpyxl's full load says what is wrong
    assert _unchanged_export(zip_parts(parts)) is None
    assert export_content(outputs.xlsx_bytes(big_form(20))) is not None
    with pytest.raises(zipfile.BadZipFile):
        export_content(b"PK not a zip")


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_saved_again_by_libreoffice(files, tmp_path, seed_form):
    src = tmp_path / "seed.xlsx"
    src.write_bytes(files["seed"])
    again = soffice_convert(src, "xlsx", tmp_path / "lo", tmp_path / "lo-profile").read_bytes()
    assert fast(again) == reference(again)
    form, _ = read_xlsx_bytes(again)
    assert form.header.unit == seed_form.header.unit
