"""Word documents (.docx): the tables of the body, with the paragraphs around them, as one grid.

A form in Word is often a title paragraph, a small header table and the indicator table, or one
table broken in two at a page: the document reads as one grid, top to bottom, each paragraph a
row of one cell. Merged cells come from the XML: ``w:gridSpan`` spans columns, ``w:vMerge``
continues the cell above (python-docx's cell objects repeat a merged cell instead). Only the
body part is read, parsed by python-docx's own XML parser (no entity expansion).
"""

from __future__ import annotations

from ...exchange.errors import ImportFailed
from ...exchange.zipguard import DOCX, check_zip_document
from ..grid import MAX_COLS, MAX_ROWS, Grid
from ._common import Sheet
from ._package import open_zip, read_part

WHAT = "Word 文件"


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(tag)


def _text(el) -> str:
    """The text of a paragraph (or of every paragraph inside a cell), breaks kept."""
    t, tab, br, cr, p = _qn("w:t"), _qn("w:tab"), _qn("w:br"), _qn("w:cr"), _qn("w:p")
    lines = []
    paragraphs = [el] if el.tag == p else el.iter(p)
    for para in paragraphs:
        out = []
        for node in para.iter(t, tab, br, cr):
            if node.tag == t:
                out.append(node.text or "")
            elif node.tag == tab:
                out.append(" ")
            else:
                out.append("\n")
        lines.append("".join(out))
    return "\n".join(lines)


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _put_table(sheet: Sheet, tbl, top: int) -> int:
    """Write one ``w:tbl`` at row ``top``; the next free row."""
    tr_tag, tc_tag = _qn("w:tr"), _qn("w:tc")
    down: dict[int, tuple[int, int]] = {}  # column → (first row, width) of a vertical merge
    last: dict[int, int] = {}  # column → last row reached by that merge
    r = top

    def close(c: int) -> None:
        first, width = down.pop(c)
        sheet.merge(first, c, last.pop(c), c + width - 1)

    for tr in tbl.iterchildren(tr_tag):
        if r >= MAX_ROWS:
            sheet.cut_rows = True
            break
        c = _int(getattr(tr, "grid_before", 0))
        for tc in tr.iterchildren(tc_tag):
            width = max(1, min(_int(getattr(tc, "grid_span", 1), 1), MAX_COLS))
            vmerge = getattr(tc, "vMerge", None)
            if vmerge == "continue" and c in down:
                last[c] = r
            else:
                if c in down:
                    close(c)
                sheet.put(r, c, _text(tc))
                if vmerge == "restart":
                    down[c], last[c] = (r, width), r
                elif width > 1:
                    sheet.merge(r, c, r, c + width - 1)
            c += width
        r += 1
    for c in list(down):
        close(c)
    return r


def read_docx(data: bytes, name: str = "") -> list[Grid]:
    """A .docx with at least one table as one grid; a document without a table is refused."""
    import docx  # noqa: F401  (registers python-docx's element classes with its parser)
    from docx.oxml.parser import parse_xml
    from lxml import etree

    check_zip_document(data, DOCX)  # every part parsed within limits before lxml sees one
    with open_zip(data, WHAT) as zf:
        body_xml = read_part(zf, "word/document.xml", WHAT)
    try:
        root = parse_xml(body_xml)
    except etree.XMLSyntaxError:
        raise ImportFailed("Word 文件内容已损坏（正文不是有效的 XML）：请在 Word/WPS 中打开后另存为 .docx 再导入。") from None
    body = root.find(_qn("w:body"))
    if body is None:
        raise ImportFailed("Word 文件中没有正文：请确认选对了文件。")
    sheet = Sheet("docx", name)
    r = 0
    tables = 0
    for block in _blocks(body):
        if r >= MAX_ROWS:
            sheet.cut_rows = True
            break
        if block.tag == _qn("w:tbl"):
            r = _put_table(sheet, block, r)
            tables += 1
        else:
            text = _text(block)
            if text.strip():
                sheet.put(r, 0, text)
                r += 1
    if tables == 0:
        raise ImportFailed("Word 文件中没有表格：绩效自评表应是 Word 中的一个表格。请确认选对了文件；"
                           "如果表格是图片或文本框，请在 Excel/WPS 中重新制作后导入。")
    return [sheet.grid()]


def _blocks(node):
    """Paragraphs and tables of the body in order, also inside content controls (w:sdt)."""
    p, tbl, sdt, content = _qn("w:p"), _qn("w:tbl"), _qn("w:sdt"), _qn("w:sdtContent")
    for child in node:
        if child.tag in (p, tbl):
            yield child
        elif child.tag == sdt:
            inner = child.find(content)
            if inner is not None:
                yield from _blocks(inner)
