"""Excel workbooks and text as grids: texts as shown, merged ranges, bounded sizes, clear refusals."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from perfgui.exchange import outputs
from perfgui.exchange.errors import ImportFailed
from perfgui.readers.grid import MAX_COLS, MAX_ROWS, Merge
from perfgui.readers.sources import read_clipboard, read_grids, sniff

DATA = Path(__file__).resolve().parent.parent / "data"


def _chinese(exc: pytest.ExceptionInfo) -> str:
    text = str(exc.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text
    return text


def _xlsx(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_our_export_is_one_grid_with_the_merged_title(seed_form):
    grids = read_grids(outputs.xlsx_bytes(seed_form), "自评表.xlsx")
    assert len(grids) == 1  # the hidden data sheet is not a table of the form
    g = grids[0]
    assert (g.source, g.name) == ("xlsx", "自评表")
    assert g.raw(0, 0) == "《部门（单位）整体支出绩效自评表》"  # titled as the official form is
    assert Merge(0, 0, 0, 8) in g.merges and g.text(0, 8) == g.raw(0, 0) and g.raw(0, 8) == ""
    header = next(r for r in range(g.nrows) if g.raw(r, 0) == "一级指标")
    assert g.rows[header] == ["一级指标", "权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分",
                              "偏差及原因分析"]
    first = g.rows[header + 1]
    assert first[0] == "投入管理指标" and first[6:8] == ["7.50", "7.50"]  # 7.5 formatted 0.00
    # 投入管理指标 is merged down over its seven 二级 rows (the official form has no 小计 row).
    m = g.merge_at(header + 1, 0)
    assert m is not None and (m.top, m.bottom) == (header + 1, header + 7)


def test_numbers_dates_and_percentages_as_shown(tmp_path):
    import datetime as dt

    wb = Workbook()
    ws = wb.active
    ws.title = "表一"
    cells = {"A1": (0.92, "0%"), "B1": (0.9567, "0.00%"), "C1": (7.5, "0.00"), "D1": (275112698.88, "#,##0.00"),
             "E1": (3, "General"), "F1": (dt.datetime(2025, 3, 1), "yyyy-mm-dd"), "G1": (0.5, '0.0"%"')}
    for ref, (value, fmt) in cells.items():
        ws[ref] = value
        ws[ref].number_format = fmt
    ws["A2"] = "  第一行\n第二行  "
    ws.merge_cells("A3:C4")
    ws["A3"] = "合并"
    hidden = wb.create_sheet("隐藏")
    hidden["A1"] = "不该读到"
    hidden.sheet_state = "hidden"
    path = tmp_path / "表.xlsx"
    path.write_bytes(_xlsx(wb))
    (g,) = read_grids(path)
    assert g.rows[0] == ["92%", "95.67%", "7.50", "275112698.88", "3", "2025年3月1日", "0.5"]
    assert g.raw(1, 0) == "第一行\n第二行"
    assert g.merges == [Merge(2, 0, 3, 2)] and g.text(3, 2) == "合并"


def test_a_sheet_beyond_the_row_limit_is_cut_and_says_so():
    wb = Workbook()
    ws = wb.active
    ws["A1"] = "一级指标"
    ws.cell(row=MAX_ROWS + 5, column=1, value="太远")
    (g,) = read_grids(_xlsx(wb), "大.xlsx")
    assert g.nrows == 1 and g.notes and "只读取了前" in g.notes[0]


def test_a_truncated_workbook_gets_a_message(seed_form):
    data = outputs.xlsx_bytes(seed_form)
    with pytest.raises(ImportFailed) as exc:
        read_grids(data[: len(data) // 2], "截断.xlsx")
    assert "损坏" in _chinese(exc)


def test_an_encrypted_office_file_is_refused_with_what_to_do():
    # An encrypted .xlsx is an OLE compound file whose streams are EncryptionInfo and
    # EncryptedPackage; the stream names are what tells it from an old .xls.
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64
    assert sniff(fake, "加密.xlsx") == "encrypted"
    with pytest.raises(ImportFailed) as exc:
        read_grids(fake, "加密.xlsx")
    assert "密码" in _chinese(exc)


def test_an_xlsx_that_is_an_image_or_archive_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("照片.jpg", b"\xff\xd8\xff" + b"0" * 100)
    with pytest.raises(ImportFailed) as exc:
        read_grids(buf.getvalue(), "打包.xlsx")
    assert "解压" in _chinese(exc)


# -- text ------------------------------------------------------------------------------------------
def test_the_seed_text_is_its_lines_split_by_tabs():
    raw = (DATA / "seed_2024.txt").read_text(encoding="utf-8")
    (g,) = read_grids(DATA / "seed_2024.txt")
    assert g.source == "text" and g.merges == []
    lines = raw.rstrip("\n").split("\n")
    assert g.nrows == len(lines)
    for r, line in enumerate(lines):
        assert [t for t in g.rows[r] if t] == [c.strip(" \u3000") for c in line.split("\t") if c.strip(" \u3000")]


def test_text_in_chinese_encodings_reads_alike():
    text = "一级指标\t分值\n产出指标\t25\n"
    for encoded in (text.encode("gb18030"), text.encode("utf-16"), b"\xef\xbb\xbf" + text.encode("utf-8")):
        (g,) = read_grids(encoded, "表.txt")
        assert g.rows == [["一级指标", "分值"], ["产出指标", "25"]]


def test_an_excel_copy_quotes_cells_with_line_breaks_and_quotes():
    pasted = '三级指标\t偏差及原因分析\n电梯加装完成率\t"第一行\n第二行"\n说明\t"""家门口""服务"\n'
    (g,) = read_clipboard(text=pasted)
    assert g.rows == [["三级指标", "偏差及原因分析"], ["电梯加装完成率", "第一行\n第二行"], ["说明", '"家门口"服务']]


def test_a_stray_quote_from_a_pdf_copy_is_text():
    pasted = '三级指标\t年度指标值\n"家门口服务站建设\t≥95%\n电梯加装\t100%\n'
    (g,) = read_clipboard(text=pasted)
    assert g.rows == [["三级指标", "年度指标值"], ['"家门口服务站建设', "≥95%"], ["电梯加装", "100%"]]


def test_csv_with_quoted_commas():
    data = '一级指标,三级指标,分值\n产出指标,"数量, 质量",1.00\n'.encode("gb18030")
    (g,) = read_grids(data, "表.csv")
    assert g.rows == [["一级指标", "三级指标", "分值"], ["产出指标", "数量, 质量", "1.00"]]


@pytest.mark.parametrize("data", [b"", b"   \n\t\n", b"\x00\x01\x02" * 100])
def test_empty_or_binary_text_gets_a_message(data):
    with pytest.raises(ImportFailed) as exc:
        read_grids(data, "空.txt")
    _chinese(exc)


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(ImportFailed) as exc:
        read_grids(tmp_path / "没有.xlsx")
    assert "找不到" in _chinese(exc)
    big = tmp_path / "大.txt"
    with big.open("wb") as fh:
        fh.truncate(21 * 1024 * 1024)
    with pytest.raises(ImportFailed) as exc:
        read_grids(big)
    assert "MB" in _chinese(exc)


def _ods(rows_xml: str) -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="表一">{rows_xml}</table:table></office:spreadsheet></office:body>'
               '</office:document-content>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content.encode("utf-8"))
    return buf.getvalue()


def test_ods_repeats_are_followed_only_within_the_limits():
    head = ('<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="2">'
            '<text:p>一级<text:s text:c="2"/>指标</text:p></table:table-cell><table:covered-table-cell/>'
            '<table:table-cell office:value-type="percentage" office:value="0.925"><text:p>92.50%</text:p>'
            '</table:table-cell></table:table-row><table:table-row table:number-rows-repeated="10"/>')
    wide = ('<table:table-row><table:table-cell table:number-columns-repeated="70"><text:p>宽</text:p>'
            '</table:table-cell></table:table-row>')
    long = ('<table:table-row table:number-rows-repeated="21000"><table:table-cell office:value-type="float" '
            'office:value="7.5"><text:p>7.50</text:p></table:table-cell></table:table-row>')
    (g,) = read_grids(_ods(head + wide + long), "大.ods")
    assert g.raw(0, 0) == "一级  指标" and g.raw(0, 2) == "92.50%" and g.merges == [Merge(0, 0, 1, 1)]
    # Empty rows cost nothing; repeated rows and cells stop at the limits, and the grid says so.
    assert g.nrows == MAX_ROWS and g.ncols == MAX_COLS
    assert g.raw(11, MAX_COLS - 1) == "宽" and g.raw(MAX_ROWS - 1, 0) == "7.50"
    assert len(g.notes) == 2 and all("只读取了前" in n for n in g.notes)
