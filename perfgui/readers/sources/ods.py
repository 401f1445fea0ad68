"""OpenDocument spreadsheets (.ods) and the tables of OpenDocument text (.odt), as grids.

Both keep their tables in ``content.xml`` as ``table:table``: a merged range is a cell with
``number-columns-spanned``/``number-rows-spanned`` followed by covered cells, and runs of equal
rows or cells are written once with ``number-rows-repeated``/``number-columns-repeated`` (LibreOffice
writes a million empty rows that way), so repeats are followed only as far as the limits allow.
Numbers keep the decimals the cell shows, without grouping, as the Excel sources give them.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from ...exchange.errors import ImportFailed
from ...exchange.xlsx_format import DATA_SHEET, cell_text
from ...exchange.zipguard import ODS, check_zip_document
from ..grid import MAX_COLS, MAX_ROWS, Grid
from ._common import Sheet, is_blank
from ._package import open_zip, read_part

NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
}
T, O, X, S = (f"{{{NS[k]}}}" for k in ("table", "office", "text", "style"))
_ROW_HOLDERS = {T + "table-header-rows", T + "table-rows", T + "table-row-group"}
_SHOWN_NUMBER = re.compile(r"^[-+]?[\d,\s]*(?:\.(\d+))?\s*(%?)$")


def _count(el, attr: str) -> int:
    try:
        return max(1, int(el.get(T + attr, "1")))
    except ValueError:
        return 1


def _text(el) -> str:
    """The text of a cell: one line per paragraph, ``text:s`` as spaces, line breaks kept."""
    out: list[str] = []

    def walk(node) -> None:
        if node.text:
            out.append(node.text)
        for child in node:
            tag = child.tag
            if tag == X + "s":
                try:
                    out.append(" " * min(int(child.get(X + "c", "1")), 100))
                except ValueError:
                    out.append(" ")
            elif tag == X + "tab":
                out.append("\t")
            elif tag == X + "line-break":
                out.append("\n")
            elif tag in (X + "note", O + "annotation", T + "table"):
                pass  # a comment, or a table inside the cell (read on its own)
            else:
                walk(child)
            if child.tail:
                out.append(child.tail)

    lines = []
    for p in el:
        if p.tag in (X + "p", X + "h"):
            out.clear()
            walk(p)
            lines.append("".join(out))
        elif p.tag == X + "list":
            lines.extend(_text(item) for item in p.iter(X + "list-item"))
    return "\n".join(lines)


def _shown(cell, shown: str) -> str:
    """A number with the decimals it is shown with (no grouping); other values as shown."""
    kind = cell.get(O + "value-type") or ""
    if kind in ("float", "currency", "percentage"):
        m = _SHOWN_NUMBER.match(shown.strip())
        try:
            value = Decimal(cell.get(O + "value", ""))
        except InvalidOperation:
            return shown
        if not value.is_finite():
            return shown
        if kind == "percentage":
            value *= 100
        if m is None:
            return shown  # a format that shows words (达成) or units: as shown
        places = len(m.group(1) or "")
        return format(value.quantize(Decimal(1).scaleb(-places)), "f") + ("%" if kind == "percentage" else "")
    if kind == "date":
        try:
            return cell_text(dt.datetime.fromisoformat(cell.get(O + "date-value", "")))
        except ValueError:
            return shown
    return shown


def _hidden_styles(root) -> set[str]:
    hidden = set()
    for st in root.iter(S + "style"):
        if st.get(S + "family") == "table":
            props = st.find(S + "table-properties")
            if props is not None and props.get(T + "display") == "false":
                hidden.add(st.get(S + "name"))
    return hidden


def _rows(table):
    for child in table:
        if child.tag == T + "table-row":
            yield child
        elif child.tag in _ROW_HOLDERS:
            yield from _rows(child)


def _table_grid(table, source: str, name: str) -> Grid:
    sheet = Sheet(source, name)
    r = 0
    for row in _rows(table):
        cells = []
        c = 0
        for cell in row:
            if cell.tag not in (T + "table-cell", T + "covered-table-cell"):
                continue
            repeat = _count(cell, "number-columns-repeated")
            text = _shown(cell, _text(cell)) if cell.tag == T + "table-cell" else ""
            if text.strip() or cell.get(T + "number-columns-spanned") or cell.get(T + "number-rows-spanned"):
                for i in range(min(repeat, MAX_COLS + 1 - c if c <= MAX_COLS else 0)):
                    cells.append((c + i, text, cell))
            c += repeat
            if c > MAX_COLS:
                sheet.cut_cols |= bool(text.strip())
                break
        repeat = _count(row, "number-rows-repeated")
        if not any(text.strip() for _, text, _ in cells):
            r += repeat  # empty rows, however many, cost nothing
            continue
        if r >= MAX_ROWS:
            sheet.cut_rows = True
            break
        for i in range(min(repeat, MAX_ROWS - r)):
            for col, text, cell in cells:
                sheet.put(r + i, col, text)
                spans = (_count(cell, "number-rows-spanned"), _count(cell, "number-columns-spanned"))
                if spans != (1, 1):
                    sheet.merge(r + i, col, r + i + spans[0] - 1, col + spans[1] - 1)
        if r + repeat > MAX_ROWS:
            sheet.cut_rows = True
        r += repeat
    return sheet.grid()


def read_odf(data: bytes, name: str = "") -> list[Grid]:
    """The tables of an .ods (each visible sheet) or an .odt (each table), as grids."""
    what = "OpenDocument 文件"
    with open_zip(data, what) as zf:
        names = set(zf.namelist())
        if "META-INF/manifest.xml" in names and b"encryption-data" in read_part(zf, "META-INF/manifest.xml", what):
            raise ImportFailed("OpenDocument 文件加了密码：请在 LibreOffice/WPS 中打开，取消密码并保存后再导入。")
        check_zip_document(data, ODS)  # every part parsed within limits: repeats, spans, cells
        body = read_part(zf, "content.xml", what)
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        raise ImportFailed("OpenDocument 文件内容已损坏（content.xml 不是有效的 XML）：请打开后另存一份再导入。") from None
    except RecursionError:
        raise ImportFailed("OpenDocument 文件结构嵌套过深，无法读取。") from None
    office_body = root.find(O + "body")
    if office_body is None:
        raise ImportFailed("OpenDocument 文件中没有内容：请确认选对了文件。")
    spreadsheet = office_body.find(O + "spreadsheet")
    source = "ods" if spreadsheet is not None else "odt"
    hidden = _hidden_styles(root)
    grids = []
    for i, table in enumerate(_tables(office_body)):
        title = table.get(T + "name") or f"表格{i + 1}"
        if source == "ods" and (table.get(T + "style-name") in hidden or title == DATA_SHEET):
            continue
        grid = _table_grid(table, source, title)
        if not is_blank(grid):
            grids.append(grid)
        if len(grids) >= 50:
            break
    if not grids:
        raise ImportFailed("文件中没有找到表格：请确认选对了文件，绩效自评表应是一个表格。")
    return grids


def _tables(node):
    """Every table not inside another table (an inner table is part of its cell)."""
    for child in node:
        if child.tag == T + "table":
            yield child
        else:
            yield from _tables(child)
