"""Web pages (.html/.htm) and the clipboard's HTML, as one grid per table that looks like a form.

A saved page declares its charset in a ``<meta>`` (GBK and GB2312 are common on government
sites) or a byte-order mark. A copy from Excel, WPS or a browser puts the Windows "HTML Format"
on the clipboard: a header of byte offsets (``StartHTML``, ``StartFragment``) before the HTML.
``rowspan``/``colspan`` become merged ranges, except Excel's ``mso-ignore:colspan``, which only
lets a long text run over empty neighbours. A table inside a cell is a table of its own.
A page with many tables keeps those that carry a form's labels, at most ``MAX_TABLES``.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser

from ...exchange.errors import ImportFailed
from ..grid import MAX_COLS, MAX_ROWS, Grid
from ._common import Sheet, clean_cell, is_blank, looks_like_form

MAX_TABLES = 10  # tables returned from one page
MAX_PARSED_TABLES = 2000  # tables parsed at all; beyond that a page is not a form
_BEFORE_LINES = 4  # lines of text before a table kept as its first rows (the title, 单位名称)
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "caption", "ul", "ol",
           "section", "article", "header", "footer", "center", "blockquote", "pre", "dd", "dt"}
_SKIP = {"script", "style", "head", "title", "noscript", "template", "select", "textarea", "object"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_WS = re.compile(r"[ \t\r\n\f]+")


class _Table:
    def __init__(self, before: list[str]) -> None:
        self.before = before
        self.rows: list[list[tuple[str, int, int, bool]]] = []  # (text, rowspan, colspan, merged)
        self.row: list[tuple[str, int, int, bool]] | None = None
        self.cell: list[str] | None = None
        self.cell_attrs: tuple[int, int, bool] = (1, 1, True)
        self.hidden_row = False


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(re.match(r"\s*(\d+)", value or "").group(1))  # type: ignore[union-attr]
    except (AttributeError, ValueError):
        return 1
    return limit if n == 0 else max(1, min(n, limit))  # rowspan="0": to the end of the table


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.count = 0
        self.skip = 0
        self.unclosed = 0
        self.outside: list[str] = []  # text outside tables, by block
        self.line: list[str] = []

    # -- text outside tables (kept for the title above a table) ---------------------------------
    def _end_line(self) -> None:
        text = clean_cell(_WS.sub(" ", "".join(self.line)))
        self.line = []
        if text:
            self.outside.append(text)
            del self.outside[:-_BEFORE_LINES]

    def _write(self, text: str) -> None:
        t = self.stack[-1] if self.stack else None
        if t is not None and t.cell is not None:
            t.cell.append(text)
        elif t is None:
            self.line.append(text)

    # -- cells --------------------------------------------------------------------------------
    def _close_cell(self, t: _Table) -> None:
        if t.cell is None:
            return
        text = "".join(t.cell)
        # Whitespace collapses as a browser shows it; <br> and blocks were written as "\n".
        text = "\n".join(_WS.sub(" ", part) for part in text.split("\n"))
        rowspan, colspan, merged = t.cell_attrs
        if t.row is None:
            t.row = []
        if not t.hidden_row:
            t.row.append((clean_cell(text), rowspan, colspan, merged))
        t.cell = None

    def _close_row(self, t: _Table) -> None:
        self._close_cell(t)
        if t.row is not None and not t.hidden_row:
            t.rows.append(t.row)
        t.row = None
        t.hidden_row = False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = dict(attrs)
        if tag == "table":
            self._end_line()
            self.count += 1
            before = [] if self.stack else self.outside[:]
            self.outside = []
            self.stack.append(_Table(before))
            return
        t = self.stack[-1] if self.stack else None
        if tag == "tr" and t is not None:
            self._close_row(t)
            t.row = []
            t.hidden_row = "display:none" in (a.get("style") or "").replace(" ", "").lower()
        elif tag in ("td", "th") and t is not None:
            self._close_cell(t)
            style = (a.get("style") or "").replace(" ", "").lower()
            colspan = _span(a.get("colspan"), MAX_COLS)
            t.cell = []
            t.cell_attrs = (_span(a.get("rowspan"), MAX_ROWS), colspan, "mso-ignore:colspan" not in style)
        elif tag == "br":
            self._write("\n")
        elif tag in _BLOCKS:
            if t is None:
                self._end_line()
            elif t.cell is not None and t.cell and not "".join(t.cell).endswith("\n"):
                t.cell.append("\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br" and not self.skip:
            self._write("\n")
        elif tag not in _SKIP:
            self.handle_starttag(tag, attrs)
            if tag in ("td", "th", "tr", "table"):
                self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        t = self.stack[-1] if self.stack else None
        if tag == "table" and t is not None:
            self._close_row(t)
            self.stack.pop()
            if len(self.done) < MAX_PARSED_TABLES:
                self.done.append(t)
        elif tag == "tr" and t is not None:
            self._close_row(t)
        elif tag in ("td", "th") and t is not None:
            self._close_cell(t)
        elif tag in _BLOCKS:
            if t is None:
                self._end_line()
            elif t.cell is not None:
                t.cell.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self._write(data)

    def close(self):
        super().close()
        self.unclosed = len(self.stack)  # tables never ended: the file was cut off
        while self.stack:
            self.handle_endtag("table")


def _grid(t: _Table, source: str, name: str) -> Grid:
    sheet = Sheet(source, name)
    for r, text in enumerate(t.before):
        sheet.put(r, 0, text)
    top = len(t.before)
    taken: set[tuple[int, int]] = set()
    nrows = len(t.rows)
    for i, row in enumerate(t.rows):
        r = top + i
        if r >= MAX_ROWS:
            sheet.cut_rows = True
            break
        c = 0
        for text, rowspan, colspan, merged in row:
            while (r, c) in taken:
                c += 1
            if c >= MAX_COLS:
                sheet.cut_cols |= bool(text)
                break
            rowspan = min(rowspan, nrows - i)
            colspan = min(colspan, MAX_COLS - c)
            sheet.put(r, c, text)
            if rowspan > 1 or colspan > 1:
                for rr in range(r, r + rowspan):
                    for cc in range(c, c + colspan):
                        taken.add((rr, cc))
                if merged or rowspan > 1:
                    sheet.merge(r, c, r + rowspan - 1, c + colspan - 1 if merged else c)
            c += colspan
    return sheet.grid()


def decode_html(data: bytes) -> str:
    """A page's bytes as text: its BOM, its ``<meta charset>``, else UTF-8, else GB18030."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    m = _META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii", "ignore").lower() if m else ""
    if declared in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn", "hz-gb-2312"):
        return data.decode("gb18030", errors="replace")
    if declared:
        try:
            codecs.lookup(declared)
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _cf_html(data: bytes) -> bytes:
    """The HTML inside the Windows clipboard's "HTML Format" (a header of byte offsets first)."""
    head = data[:1024].decode("ascii", "ignore")
    if not head.startswith("Version:"):
        return data
    offsets = dict(re.findall(r"^(StartHTML|EndHTML|StartFragment|EndFragment):(-?\d+)", head, re.M))
    start, end = int(offsets.get("StartHTML", -1)), int(offsets.get("EndHTML", -1))
    if 0 < start < len(data) and start < end <= len(data):
        return data[start:end]
    start, end = int(offsets.get("StartFragment", -1)), int(offsets.get("EndFragment", -1))
    if 0 < start < len(data) and start < end <= len(data):
        return b"<table>" + data[start:end] + b"</table>"
    m = re.search(rb"<", data)
    return data[m.start():] if m else b""


def _tables(text: str) -> tuple[list[_Table], int, int]:
    """The tables of a page, how many it has, and how many were never closed."""
    parser = _Parser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError, RecursionError, IndexError):
        parser.unclosed = max(parser.unclosed, 1)  # what was parsed before the damage is kept
    return parser.done, parser.count, parser.unclosed


def _pick(tables: list[_Table], count: int, source: str, name: str, *, copied: bool) -> list[Grid]:
    grids = [_grid(t, source, f"{name}（表格{i + 1}）" if name else f"表格{i + 1}") for i, t in enumerate(tables)]
    grids = [g for g in grids if not is_blank(g) and any(len(row) > 1 for row in g.rows)]
    forms = [g for g in grids if looks_like_form(g)]
    if not forms:
        if copied or len(grids) <= 3:
            forms = grids
        else:
            raise ImportFailed(f"网页中有 {count} 个表格，但没有一个像绩效自评表（找不到“指标”“预算数”等字样）："
                               "请确认选对了网页，或在浏览器中只复制自评表的表格后粘贴。")
    if not forms:
        raise ImportFailed("网页中没有表格：绩效自评表应是网页中的一个表格。请确认选对了文件；"
                           "如果表格是图片，程序无法读取。")
    if len(forms) > MAX_TABLES:
        total = len(forms)
        forms = forms[:MAX_TABLES]
        forms[0].notes.append(f"网页中有 {total} 个像自评表的表格，只读取了前 {MAX_TABLES} 个。")
    return forms


def read_html(data: bytes, name: str = "") -> list[Grid]:
    """The form-like tables of a saved web page (or of a copy saved as .html)."""
    tables, count, unclosed = _tables(decode_html(_cf_html(data)))
    if unclosed:
        raise ImportFailed("网页文件不完整（表格没有结束，可能没有下载完整或被截断）：请在浏览器中重新打开网页，"
                           "另存为“网页，全部”后再导入，或复制其中的表格后粘贴。")
    return _pick(tables, count, "html", name, copied=False)


def read_clipboard_html(html: str | bytes) -> list[Grid]:
    """The tables of what a copy from Excel, WPS or a browser put on the clipboard; [] if none."""
    data = html.encode("utf-8") if isinstance(html, str) else bytes(html)
    if data.startswith(b"Version:"):  # the Windows format is UTF-8 by definition
        text = _cf_html(data).decode("utf-8", errors="replace")
    else:
        text = html if isinstance(html, str) else decode_html(data)
    tables, count, _ = _tables(text)
    if not tables:
        return []
    return _pick(tables, count, "html", "剪贴板", copied=True)
