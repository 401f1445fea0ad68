"""Checks on an .xlsx file before openpyxl sees it: damaged zips, zip bombs, XML entities.

openpyxl is pure Python and trusts its input. It parses with the standard library's expat unless
``defusedxml`` is installed, and nothing stops a small file from inflating to gigabytes. So
every member is decompressed here first, within limits, and any XML that declares a DTD or an
entity (the door to external-entity and "billion laughs" attacks) is refused: Excel, WPS and
LibreOffice never write one.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from .errors import ImportFailed

MAX_MEMBERS = 5000
MAX_TOTAL_UNCOMPRESSED = 120 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 60 * 1024 * 1024
# openpyxl keeps every cell in memory (~0.5 kB each): a 30 MB sheet is ~300,000 cells.
MAX_SHEET_UNCOMPRESSED = 30 * 1024 * 1024
# openpyxl creates an object for every cell of a merged range: "A1:XFD1048576" would never end.
MAX_MERGED_CELLS = 1_000_000
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
XML_SUFFIXES = (".xml", ".rels", ".vml")
_FORBIDDEN = tuple(
    word.encode(enc) for word in ("<!DOCTYPE", "<!ENTITY") for enc in ("ascii", "utf-16-le", "utf-16-be")
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _damaged() -> ImportFailed:
    return ImportFailed("Excel 文件已损坏（可能没有下载完整或被截断）：请重新获取文件，"
                        "或在 Excel/WPS 中打开后另存为 .xlsx 再导入。")


def check_xlsx(data: bytes) -> None:
    """Raise ``ImportFailed`` unless ``data`` is a zip that is safe to hand to openpyxl."""
    if not data.strip():
        raise ImportFailed("文件是空的：请选择包含绩效自评表的 Excel 文件。")
    if data.startswith(OLE_MAGIC):
        raise ImportFailed("这是旧版 Excel（.xls）文件或加了密码的文件：请在 Excel/WPS 中取消密码、"
                           "另存为 .xlsx 后再导入。")
    if not data.startswith(b"PK"):
        raise ImportFailed("文件不是 Excel 工作簿（.xlsx）：请确认选对了文件，或在 Excel/WPS 中另存为 .xlsx。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            NotImplementedError, RuntimeError):
        raise _damaged() from None
    with zf:
        if len(infos) > MAX_MEMBERS:
            raise ImportFailed(f"Excel 文件内部有 {len(infos)} 个部件，远超正常工作簿：出于安全原因拒绝读取。")
        total = 0
        for info in infos:
            if info.flag_bits & 0x1:
                raise ImportFailed("Excel 文件已加密：请在 Excel/WPS 中取消密码后再导入。")
            total += info.file_size
            if info.file_size > MAX_MEMBER_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED or (
                    info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
                raise ImportFailed("Excel 文件解压后异常巨大（疑似“压缩炸弹”）：出于安全原因拒绝读取。"
                                   "请确认文件来源，或让对方重新导出。")
            name = info.filename.lower()
            if name.startswith(("xl/worksheets/", "xl/sharedstrings")) and info.file_size > MAX_SHEET_UNCOMPRESSED:
                raise ImportFailed(f"Excel 工作表解压后有 {info.file_size // 1024 // 1024} MB，远超绩效自评表的大小："
                                   "请确认选对了文件，或删除无关的工作表后再导入。")
        names = {i.filename for i in infos}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise ImportFailed("文件不是 Excel 工作簿（缺少工作簿内容）：请在 Excel/WPS 中另存为 .xlsx 后再导入。")
        for info in infos:
            if info.is_dir():
                continue
            _scan_member(zf, info)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ch - 64)
    return n


def _scan_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Decompress one member within its declared size; refuse DTDs and absurd merged ranges."""
    name = info.filename.lower()
    is_xml = name.endswith(XML_SUFFIXES)
    is_sheet = name.startswith("xl/worksheets/")
    merged = 0
    try:
        with zf.open(info) as fh:
            tail = b""
            read = 0
            while True:
                block = fh.read(256 * 1024)
                if not block:
                    break
                read += len(block)
                if read > info.file_size:
                    raise _damaged()
                if not is_xml:
                    continue
                window = tail + block
                if any(w in window for w in _FORBIDDEN):
                    raise ImportFailed("Excel 文件含有 DTD 或实体声明（可被用来读取本机文件的“XML 外部实体”）："
                                       "正常的 Excel/WPS 文件不会有，出于安全原因拒绝读取。")
                if is_sheet:
                    # A match across the block boundary may count twice: an over-estimate is safe.
                    for m in _MERGE_RE.finditer(window):
                        c0, r0, c1, r1 = _col_number(m[1]), int(m[2]), _col_number(m[3]), int(m[4])
                        merged += (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1)
                    if merged > MAX_MERGED_CELLS:
                        raise ImportFailed("Excel 工作表中的合并单元格覆盖了上百万个单元格，远超正常表格："
                                           "出于安全原因拒绝读取，请取消整行整列的合并后再导入。")
                tail = window[-200:]
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
            RuntimeError):
        raise _damaged() from None
