"""Bad files: each gets a clear Chinese message, nothing is imported, nothing crashes."""

from __future__ import annotations

import io
import zipfile

import pytest

from exchange_helpers import run_cli
from perfgui.exchange import outputs
from perfgui.exchange.errors import ImportFailed
from perfgui.exchange.files import load_form_file
from perfgui.exchange.xlsx import read_xlsx_bytes


def _rezip(xlsx: bytes, change) -> bytes:
    """The workbook with some parts rewritten by ``change(name, data) -> data``."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return buf.getvalue()


@pytest.fixture(scope="module")
def good_xlsx():
    from bench.common import seed_form

    return outputs.xlsx_bytes(seed_form())


def _bad_files(good: bytes) -> dict[str, tuple[str, bytes, str]]:
    xxe = _rezip(good, lambda name, data: _doctype(
        data, b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>').replace("自评表".encode(), b"&e;")
        if name == "xl/workbook.xml" else data)
    laughs = _rezip(good, lambda name, data: _doctype(
        data, b'<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>')
        if name.startswith("xl/worksheets/") else data)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    huge_merge = _rezip(good, lambda name, data: data.replace(
        b"<mergeCells", b'<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells><x', 1)
        if name.startswith("xl/worksheets/sheet1") else data)
    return {
        "truncated xlsx": ("bad.xlsx", good[: len(good) // 2], "损坏"),
        "truncated end": ("bad.xlsx", good[:-30], "损坏"),
        "zip bomb": ("bomb.xlsx", bomb.getvalue(), "压缩炸弹"),
        "external entity": ("xxe.xlsx", xxe, "外部实体"),
        "billion laughs": ("laughs.xlsx", laughs, "DTD"),
        "giant merged range": ("merge.xlsx", huge_merge, "合并单元格"),
        "old xls": ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        "xls named xlsx": ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, ".xls"),
        "not a zip": ("text.xlsx", "一级指标\t权重".encode(), "不是 Excel"),
        "zip without workbook": ("empty.xlsx", _zip_with({"a.txt": b"x"}), "不是 Excel"),
        "empty xlsx": ("empty.xlsx", b"", "空"),
        "empty json": ("empty.json", b"", "空"),
        "empty txt": ("empty.txt", b"", "空"),
        "blank tsv": ("blank.tsv", b" \n\t\n", "空"),
        "binary txt": ("bin.txt", bytes(range(256)) * 40, "二进制"),
        "zip as txt": ("z.txt", _zip_with({"a.txt": b"x"}), "压缩文件"),
        "text without points": ("notes.txt", "会议纪要\n今天开会。\n".encode(), "分值"),
    }


def _doctype(data: bytes, doctype: bytes) -> bytes:
    """``data`` (an XML part) with a document type declaration before its root element."""
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        return data[:end] + doctype + data[end:]
    return b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + data


def _zip_with(parts: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()



def pytest_generate_tests(metafunc):
    if "bad_case" in metafunc.fixturenames:
        from bench.common import seed_form

        files = _bad_files(outputs.xlsx_bytes(seed_form()))
        metafunc.parametrize("bad_case", list(files.values()), ids=list(files))


def test_bad_file_gets_a_clear_message(bad_case, tmp_path):
    name, data, words = bad_case
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as info:
        load_form_file(path)
    message = str(info.value)
    assert words in message
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message) and "Traceback" not in message


def test_fifty_megabyte_text_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportFailed) as info:
        load_form_file(path)
    assert "50 MB" in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ImportFailed, match="找不到"):
        load_form_file(tmp_path / "nope.xlsx")
    with pytest.raises(ImportFailed, match="文件夹"):
        load_form_file(tmp_path)


def test_entity_in_a_part_is_never_expanded(good_xlsx):
    # Even where openpyxl would resolve entities itself, the guard refuses first.
    data = _rezip(good_xlsx, lambda name, d: _doctype(d, b'<!DOCTYPE x [<!ENTITY e "boom">]>')
                  if name == "[Content_Types].xml" else d)
    with pytest.raises(ImportFailed, match="DTD"):
        read_xlsx_bytes(data)


def test_cli_check_reports_bad_files_with_exit_code_2(tmp_path, good_xlsx):
    for name, data in (("bad.xlsx", good_xlsx[:1000]), ("empty.tsv", b"")):
        path = tmp_path / name
        path.write_bytes(data)
        proc = run_cli("check", str(path))
        assert proc.returncode == 2
        err = proc.stderr.decode("utf-8")
        assert err.startswith("错误：") and "Traceback" not in err
        assert proc.stdout == b""


def test_cli_import_of_bad_files_leaves_the_library_unchanged(tmp_path, good_xlsx):
    lib = tmp_path / "lib"
    good = tmp_path / "good.xlsx"
    good.write_bytes(good_xlsx)
    first = run_cli("import", str(good), "--data-dir", str(lib))
    assert first.returncode == 0, first.stderr.decode("utf-8")
    before = sorted((p.relative_to(lib), p.read_bytes()) for p in lib.rglob("*") if p.is_file() and "lock" not in p.name)
    for name, data in (("t.xlsx", good_xlsx[:-50]), ("e.txt", b""), ("x.json", b"{")):
        path = tmp_path / name
        path.write_bytes(data)
        proc = run_cli("import", str(path), "--data-dir", str(lib))
        assert proc.returncode == 2 and "错误" in proc.stderr.decode("utf-8")
    after = sorted((p.relative_to(lib), p.read_bytes()) for p in lib.rglob("*") if p.is_file() and "lock" not in p.name)
    assert after == before
