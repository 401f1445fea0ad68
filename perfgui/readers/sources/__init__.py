"""Every file a form arrives in, as grids: one function per source, one entry that picks it.

``read_grids`` looks at the bytes first and the extension second: systems that export "xls"
often send HTML or text, WPS's .et is an xls or an xlsx inside, and a file renamed by hand keeps
its content. Each source returns one ``Grid`` per sheet, table or run of pages, and raises
``ImportFailed`` with a Chinese message that says what to do when it cannot.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from ...exchange.errors import ImportFailed
from ..grid import Grid
from ._common import MAX_FILE_BYTES, too_large

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# What the library can tell from the bytes.
KINDS = ("xlsx", "xls", "ods", "odt", "docx", "doc", "pdf", "html", "csv", "text")

# The names a form is looked for under: a folder's files in a 汇总, the open dialogs, a drop on the
# window. What the sources above read, the program's own .json form file (read by
# ``perfgui.exchange.files``), and .doc, recognised so that it is refused with what to do
# (另存为 .docx) rather than skipped without a word. The content decides how a file is read;
# the name only finds it.
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ods", ".odt", ".docx", ".doc", ".pdf", ".html", ".htm",
            ".txt", ".tsv", ".csv", ".json")


def _ole_kind(data: bytes) -> str:
    """Which old Office file an OLE compound document is, from its stream names."""
    def has(stream: str) -> bool:
        return stream.encode("utf-16-le") in data

    if has("EncryptedPackage") or has("EncryptionInfo"):
        return "encrypted"
    if has("WordDocument"):
        return "doc"
    if has("Workbook") or has("Book"):
        return "xls"
    if has("PowerPoint Document"):
        return "ppt"
    return "ole"


def _zip_kind(data: bytes) -> str:
    import zipfile  # here: a text file or our form file, read by the command line, never needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist()[:5000])
            mimetype = b""
            if "mimetype" in names:
                info = zf.getinfo("mimetype")
                if info.file_size < 200:
                    mimetype = zf.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError, NotImplementedError,
            RuntimeError, KeyError):
        return "damaged-zip"
    if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "odt"
    if "content.xml" in names and mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odf"
    return "zip"


_HTML_RE = re.compile(rb"<\s*(?:!doctype\s+html|html|table|body|meta|head)\b", re.IGNORECASE)


def sniff(data: bytes, name: str = "") -> str:
    """The kind of file ``data`` is: one of ``KINDS`` or a kind that is refused with a message."""
    suffix = Path(name).suffix.lower()
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data)
    if data.startswith(b"PK"):
        return _zip_kind(data)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    head = data[:4096]
    if _HTML_RE.search(head) or head.lstrip().startswith(b"Version:") and b"StartHTML:" in head:
        return "html"
    if suffix in (".htm", ".html", ".mht", ".xhtml") and b"<" in head:
        return "html"
    if suffix == ".csv":
        return "csv"
    return "text"


_REFUSED = {
    "doc": "这是旧版 Word（.doc）文件：请在 Word/WPS 中打开，另存为 .docx 后再导入。",
    "encrypted": "文件加了密码：请在 Excel/Word/WPS 中打开，取消密码（文件 → 信息 → 保护 → 用密码加密，清空密码）"
                 "并保存后再导入。",
    "ppt": "这是 PowerPoint 演示文稿，不是表格：请选择 Excel、Word、PDF 或网页格式的绩效自评表。",
    # No stream name found: the directory is missing, as in a file cut short.
    "ole": "无法识别这个旧版 Office 文件，文件可能已损坏或没有下载完整：请重新获取文件，"
           "或在 Excel/WPS 中打开并另存为 .xlsx 后再导入。",
    "rtf": "这是 RTF 文档：请在 Word/WPS 中打开，另存为 .docx 后再导入。",
    "damaged-zip": "文件已损坏（可能没有下载完整或被截断）：请重新获取文件，或在 Excel/Word/WPS 中打开后另存再导入。",
    "zip": "这是压缩文件，不是表格：请先解压，再选择其中的 Excel、Word、PDF 或网页文件。",
    "odf": "这是 OpenDocument 演示或绘图文件，不是表格：请选择 .ods 表格或 .odt 文档。",
}


def read_bytes(data: bytes, name: str = "") -> list[Grid]:
    """The grids of a file's bytes; ``name`` (the file name) helps tell text from CSV."""
    if len(data) > MAX_FILE_BYTES:
        raise too_large(len(data), f"文件“{name}”" if name else "文件")
    if not data.strip():
        raise ImportFailed(f"文件“{name}”是空的：请选择包含绩效自评表的文件。" if name else
                           "文件是空的：请选择包含绩效自评表的文件。")
    kind = sniff(data, name)
    if kind in _REFUSED:
        raise ImportFailed(_REFUSED[kind])
    if kind == "xlsx":
        from .xlsx import read_xlsx
        return read_xlsx(data, name)
    if kind == "xls":
        from .xls import read_xls
        return read_xls(data, name)
    if kind in ("ods", "odt"):
        from .ods import read_odf
        return read_odf(data, name)
    if kind == "docx":
        from .docx import read_docx
        return read_docx(data, name)
    if kind == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, name)
    if kind == "html":
        from .html import read_html
        return read_html(data, name)
    from .text import read_text
    return read_text(data, name, csv_text=kind == "csv")


def read_file(path: str | Path) -> bytes:
    """A file's bytes, refused with a message when it is missing or far too large for a form."""
    p = Path(path)
    try:
        if p.is_dir():
            raise ImportFailed(f"“{p}”是文件夹，不是文件。")
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise too_large(size, f"文件“{p.name}”")
        return p.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(f"找不到文件“{p}”：请检查文件名和位置。") from None
    except PermissionError:
        raise ImportFailed(f"没有权限读取“{p}”：文件可能正在被其他程序（Excel/WPS）打开，请关闭后再试。") from None
    except OSError as exc:
        raise ImportFailed(f"无法读取“{p}”：{exc.strerror or exc}。") from None


def read_grids(path_or_bytes: str | Path | bytes, name: str = "") -> list[Grid]:
    """The grids of a file (a path, or its bytes with its file name), chosen by content and extension."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return read_bytes(bytes(path_or_bytes), name)
    p = Path(path_or_bytes)
    return read_bytes(read_file(p), name or p.name)


def read_clipboard(html: str | bytes | None = None, text: str | None = None) -> list[Grid]:
    """What a copy put on the clipboard: its HTML (merged cells kept) when it has a table, else its text."""
    if html:
        from .html import read_clipboard_html

        grids = read_clipboard_html(html)
        if grids:
            return grids
    if text is None or not text.strip():
        raise ImportFailed("剪贴板中没有表格：请在 Excel/WPS、Word 或网页中选中表格，复制后再粘贴。")
    from .text import text_grid

    return [text_grid(text, "剪贴板")]


__all__ = ["KINDS", "SUFFIXES", "read_bytes", "read_clipboard", "read_grids", "sniff"]
