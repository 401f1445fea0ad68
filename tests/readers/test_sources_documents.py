"""Our own printed PDF, Word tables, web pages and the clipboard's HTML as grids, and bad files of each."""

from __future__ import annotations

import io
import re
import subprocess
import time

import pytest

from perfgui.exchange.errors import ImportFailed
from perfgui.model import Status, compute, fmt2
from perfgui.readers.grid import Merge
from perfgui.readers.sources import read_clipboard, read_grids, sniff
from perfgui.report import render_pdf


def _message(call) -> str:
    with pytest.raises(ImportFailed) as exc:
        call()
    text = str(exc.value)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in text) and "Traceback" not in text
    return text


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- our own PDF -----------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [Status.DRAFT, Status.FINAL])
def test_our_printed_form_reads_back_every_indicator_in_order(seed_form, status):
    seed_form.status = status  # a draft carries the 草稿 watermark, a final copy none
    (g,) = read_grids(render_pdf(seed_form), "自评表.pdf")
    assert g.source == "pdf" and "跨页" in " ".join(g.notes)
    texts = [[squash(g.raw(r, c)) for c in range(g.ncols)] for r in range(g.nrows)]
    assert texts[0][0] == "《部门（单位）整体支出绩效自评表》"
    assert "草" not in "".join("".join(row) for row in texts)  # the watermark is no cell text
    row = 0
    for sec in seed_form.sections:
        rows = []
        for leaf in sec.scored_leaves():
            # The leaf's row: its name (三级, or 二级 where it is scored directly), 分值 and 得分.
            while not (squash(leaf.name) in texts[row] and fmt2(leaf.max_points) in texts[row]
                       and fmt2(leaf.score) in texts[row]):
                row += 1
                assert row < g.nrows, f"{leaf.name} not found in order"
            if leaf.target:
                assert squash(leaf.target) in texts[row]
            rows.append(row)
        # The 一级 label is one merged cell over all its rows, across page breaks, printed once.
        m = g.merge_at(rows[0], 0)
        assert g.raw(rows[0], 0) == sec.name
        assert all(g.text(r, 0) == sec.name for r in rows) and (m is not None) == (len(rows) > 1)
        assert m is None or m.bottom >= rows[-1]
    total = next(r for r in range(g.nrows) if texts[r][0] == "总分")
    t = compute(seed_form)
    assert fmt2(t.total_max) in texts[total] and fmt2(t.total_score) in texts[total]
    budget = next(r for r in range(g.nrows) if "财政拨款" in "".join(texts[r]))
    assert "275112698.88" in [x.replace(",", "") for x in texts[budget]]


# -- bad PDFs --------------------------------------------------------------------------------------
def test_a_scanned_pdf_is_refused_not_guessed(seed_form, tmp_path):
    from PIL import Image

    pdf = tmp_path / "form.pdf"
    pdf.write_bytes(render_pdf(seed_form))
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "2", str(pdf), str(tmp_path / "page")], check=True)
    pages = [Image.open(p).convert("RGB") for p in sorted(tmp_path.glob("page*.png"))]
    buf = io.BytesIO()
    pages[0].save(buf, "PDF", save_all=True, append_images=pages[1:])
    assert "扫描件" in _message(lambda: read_grids(buf.getvalue(), "扫描.pdf"))


def test_a_password_protected_pdf_says_so(seed_form):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(seed_form))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    assert "密码" in _message(lambda: read_grids(buf.getvalue(), "加密.pdf"))


def test_a_200_page_pdf_is_refused_quickly():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(200):
        c.drawString(72, 720, f"page {i + 1}")
        c.rect(72, 600, 200, 50)
        c.showPage()
    c.save()
    t0 = time.perf_counter()
    text = _message(lambda: read_grids(buf.getvalue(), "年报.pdf"))
    assert "200 页" in text and time.perf_counter() - t0 < 10


def test_a_pdf_without_ruled_lines_says_what_to_do():
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "Only a letter, no table.")
    c.save()
    assert "表格线" in _message(lambda: read_grids(buf.getvalue(), "信.pdf"))


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_a_truncated_pdf_gives_grids_or_a_message(seed_form, cut):
    data = render_pdf(seed_form)
    try:
        grids = read_grids(data[: int(len(data) * cut)], "截断.pdf")
    except ImportFailed as exc:
        assert "损坏" in str(exc) or "没有" in str(exc)
    else:
        assert all(g.source == "pdf" for g in grids)


# -- Word ------------------------------------------------------------------------------------------
def _docx(build) -> bytes:
    import docx

    doc = docx.Document()
    build(doc)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def test_word_merges_come_from_grid_span_and_vmerge():
    def build(doc):
        doc.add_paragraph("项目支出绩效自评表")
        doc.add_paragraph("（2024年度）")
        t = doc.add_table(rows=4, cols=4)
        t.cell(0, 0).text = "一级指标"
        t.cell(0, 1).merge(t.cell(0, 3)).text = "年度指标值"
        t.cell(1, 0).merge(t.cell(3, 0)).text = "产出指标"
        t.cell(1, 1).text = "第一行\n第二行"
        t.cell(2, 1).merge(t.cell(3, 2)).text = "合并块"
        t.cell(3, 3).text = "1.00"
        doc.add_paragraph("单位负责人：张三")

    (g,) = read_grids(_docx(build), "表.docx")
    assert g.source == "docx"
    assert g.rows[0][0] == "项目支出绩效自评表" and g.rows[1][0] == "（2024年度）"
    top = 2
    assert g.raw(top, 0) == "一级指标" and g.raw(top, 1) == "年度指标值"
    assert set(g.merges) == {Merge(top, 1, top, 3), Merge(top + 1, 0, top + 3, 0), Merge(top + 2, 1, top + 3, 2)}
    assert g.raw(top + 1, 1) == "第一行\n第二行" and g.text(top + 3, 2) == "合并块"
    assert g.raw(top + 3, 3) == "1.00" and g.raw(top + 4, 0) == "单位负责人：张三"


def test_a_word_file_without_a_table_is_refused():
    data = _docx(lambda doc: doc.add_paragraph("年度工作总结：全年完成各项任务。"))
    assert "没有表格" in _message(lambda: read_grids(data, "总结.docx"))


def test_a_truncated_word_file_is_damaged():
    data = _docx(lambda doc: doc.add_table(rows=2, cols=2))
    assert "损坏" in _message(lambda: read_grids(data[: len(data) // 2], "截断.docx"))


def test_a_word_file_with_an_entity_declaration_is_refused():
    import zipfile

    data = _docx(lambda doc: doc.add_table(rows=2, cols=2))
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/document.xml":
                body = body.replace(b"?>", b'?><!DOCTYPE w [<!ENTITY a "aaaa">]>', 1)
            zf.writestr(info, body)
    assert "实体" in _message(lambda: read_grids(out.getvalue(), "恶意.docx"))


# -- web pages and the clipboard -------------------------------------------------------------------
FORM_TABLE = ("<table><tr><td>一级指标</td><td colspan=2>三级指标</td><td>分值</td></tr>"
              "<tr><td rowspan=2>产出指标</td><td>数量</td><td>完成率</td><td>1.00</td></tr>"
              "<tr><td>质量</td><td>合格率<br>（抽检）</td><td>2.00</td></tr></table>")


def test_a_saved_page_in_gbk_with_the_title_above_the_table():
    page = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "<title>网站</title><script>var a='<table>';</script></head><body>"
            "<div>首页 &gt; 通知公告</div><h2>项目支出绩效自评表</h2><p>单位名称：某某中心</p>"
            + FORM_TABLE + "</body></html>").encode("gb18030")
    (g,) = read_grids(page, "自评表.htm")
    assert g.source == "html"
    assert g.rows[:3] == [["首页 > 通知公告", "", "", ""], ["项目支出绩效自评表", "", "", ""],
                          ["单位名称：某某中心", "", "", ""]]
    assert g.rows[3] == ["一级指标", "三级指标", "", "分值"]
    assert g.rows[5] == ["", "质量", "合格率\n（抽检）", "2.00"]
    assert set(g.merges) == {Merge(3, 1, 3, 2), Merge(4, 0, 5, 0)}


def test_the_windows_clipboard_format_from_excel():
    html = ("<html xmlns:x='urn:schemas-microsoft-com:office:excel'><body><table>"
            "<!--StartFragment--><col width=72><tr><td colspan=3 style='mso-ignore:colspan'>"
            "一段说明文字跨过空白单元格</td><td x:num='7.5'>7.50</td></tr>"
            "<tr style='display:none'><td>隐藏行</td></tr>"
            "<tr><td>一级指标</td><td colspan=2>合并的三级指标</td><td>分值</td></tr>"
            "<!--EndFragment--></table></body></html>")
    header = "Version:0.9\r\nStartHTML:{:010d}\r\nEndHTML:{:010d}\r\nStartFragment:{:010d}\r\nEndFragment:{:010d}\r\n"
    probe = header.format(0, 0, 0, 0)
    body = html.encode("utf-8")
    start = len(probe)
    frag = body.index(b"<!--StartFragment-->") + start
    cf = header.format(start, start + len(body), frag, body.index(b"<!--EndFragment-->") + start).encode() + body
    (g,) = read_clipboard(html=cf, text="一段说明文字跨过空白单元格\t\t\t7.50")
    assert g.rows == [["一段说明文字跨过空白单元格", "", "", "7.50"], ["一级指标", "合并的三级指标", "", "分值"]]
    assert g.merges == [Merge(1, 1, 1, 2)]  # mso-ignore:colspan is overflow, not a merge


def test_the_clipboard_without_a_table_falls_back_to_its_text():
    (g,) = read_clipboard(html="<p>只有文字</p>", text="一级指标\t分值\n产出指标\t25")
    assert g.source == "text" and g.rows == [["一级指标", "分值"], ["产出指标", "25"]]
    assert "剪贴板" in _message(lambda: read_clipboard(html="", text="  "))


def test_a_table_inside_a_layout_table_is_found():
    page = f"<table><tr><td>导航</td><td>{FORM_TABLE}</td></tr><tr><td>页脚</td><td>版权</td></tr></table>"
    grids = read_grids(page.encode(), "页.html")
    assert [g.rows[0][0] for g in grids] == ["一级指标"]


def test_a_page_with_fifty_tables_is_handled_quickly():
    junk = "".join(f"<table><tr><td>栏目{i}</td><td>链接{i}</td></tr></table>" for i in range(50))
    t0 = time.perf_counter()
    assert "50 个表格" in _message(lambda: read_grids(f"<html><body>{junk}</body></html>".encode(), "门户.html"))
    forms = read_grids(("<html><body>" + FORM_TABLE * 50 + "</body></html>").encode(), "汇编.html")
    assert len(forms) == 10 and "只读取了前 10 个" in forms[0].notes[0]
    assert time.perf_counter() - t0 < 5


def test_a_truncated_page_is_refused():
    page = ("<html><body>" + FORM_TABLE).encode()
    cut = page[: page.index(b"<tr><td>\xe8\xb4\xa8")]  # inside the table: 质量 row missing
    assert "不完整" in _message(lambda: read_grids(cut, "截断.html"))


def test_huge_spans_are_bounded():
    page = "<table><tr><td rowspan=999999 colspan=999999>一级指标</td><td>分值</td></tr><tr><td>x</td></tr></table>"
    (g,) = read_grids(page.encode(), "大.html")
    assert g.nrows == 2 and g.ncols <= 60


def test_sniffing_tells_kinds_apart():
    assert sniff(b"%PDF-1.7\n...", "a.xlsx") == "pdf"
    assert sniff(b"\xef\xbb\xbf<!DOCTYPE html><html>", "a.xls") == "html"
    assert sniff(b"a,b\n1,2", "a.csv") == "csv"
    assert sniff(b"a\tb", "a.xls") == "text"
    assert sniff(b"{\\rtf1\\ansi", "a.doc") == "rtf"
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600
    assert sniff(ole + "WordDocument".encode("utf-16-le"), "a.doc") == "doc"
    assert sniff(ole + "Workbook".encode("utf-16-le"), "a.et") == "xls"


def test_an_encrypted_xlsx_made_by_office_encryption(seed_form):
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    from perfgui.exchange import outputs

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(outputs.xlsx_bytes(seed_form))).encrypt("secret", out)
    assert msoffcrypto and "密码" in _message(lambda: read_grids(out.getvalue(), "加密.xlsx"))
