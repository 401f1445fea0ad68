"""Text: pasted cells and .txt/.tsv/.csv files, one line a row, cells split by tabs (or commas).

Excel and WPS put a cell holding a line break or a quote between quotes when they copy or save
text (the "excel-tab" dialect), so quoted cells are read that way; text that only happens to
hold a stray quote (copied out of a PDF) is split plainly. Text has no merged cells.
"""

from __future__ import annotations

import csv
import io

from ...exchange.errors import ImportFailed
from ..grid import MAX_ROWS, Grid
from ._common import Sheet

MAX_TEXT_CHARS = 5_000_000
# A quoted cell longer than this many lines is a stray quote, not a cell.
_MAX_CELL_LINES = 200


def decode(data: bytes) -> str:
    """Bytes of a .txt/.tsv file as text: UTF-8 (with or without BOM), UTF-16, or GB18030."""
    if not data.strip():
        raise ImportFailed("文件是空的：请选择包含绩效自评表内容的文件。")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed("文件编码无法识别：请另存为 UTF-8 文本后再导入。") from None
    if b"\x00" in data[:65536]:
        raise ImportFailed("文件不是文本表格（含有二进制数据）：请选择从 Excel/WPS 复制或另存的文本文件。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFailed("文件编码无法识别：请另存为 UTF-8 文本后再导入。")
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n")
    if controls > max(8, len(text[:65536]) // 100):
        raise ImportFailed("文件不是文本表格（含有大量控制字符）：请选择从 Excel/WPS 复制或另存的文本文件。")
    return text


def _plain_rows(text: str, sep: str) -> list[list[str]]:
    return [line.split(sep) for line in text.split("\n")]


def _dialect_rows(text: str, dialect) -> list[list[str]] | None:
    rows = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), dialect, strict=False):
            if any(cell.count("\n") > _MAX_CELL_LINES for cell in row):
                return None
            rows.append(row)
            if len(rows) > MAX_ROWS:
                break
    except csv.Error:
        return None
    # A quote never closed runs to the end of the text: a stray quote, not a quoted cell.
    if rows and rows[-1] and "\n" in rows[-1][-1] and not text.rstrip().endswith('"'):
        return None
    return rows


def split_rows(text: str, sep: str = "\t") -> list[list[str]]:
    """Rows of cells of tab- (or comma-) separated text, quoted cells as Excel writes them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removesuffix("\n")
    if '"' in text:
        dialect = csv.excel_tab if sep == "\t" else csv.excel
        rows = _dialect_rows(text, dialect)
        if rows is not None:
            return rows
    if sep != "\t":
        rows = _dialect_rows(text, csv.excel)
        if rows is not None:
            return rows
    return _plain_rows(text, sep)


def _csv_separator(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        return ","


def text_grid(text: str, name: str = "", *, csv_text: bool = False) -> Grid:
    """Pasted or saved text as one grid; ``csv_text`` when the cells are comma-separated."""
    if len(text) > MAX_TEXT_CHARS:
        raise ImportFailed(f"文本有 {len(text)} 个字符，远超一份绩效自评表：请确认复制或选择的内容。")
    if not text.strip():
        raise ImportFailed("内容是空的：请复制或选择包含绩效自评表的表格。")
    sep = _csv_separator(text) if csv_text else "\t"
    sheet = Sheet("text", name)
    for r, row in enumerate(split_rows(text, sep)):
        if r >= MAX_ROWS:
            sheet.cut_rows = True
            break
        for c, cell in enumerate(row):
            sheet.put(r, c, cell)
    return sheet.grid()


def read_text(data: bytes, name: str = "", *, csv_text: bool = False) -> list[Grid]:
    """A .txt/.tsv/.csv file as one grid."""
    return [text_grid(decode(data), name, csv_text=csv_text)]
