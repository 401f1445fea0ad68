"""Checks on a zipped Office file (.xlsx, .ods, .docx) before any reader library sees it.

openpyxl, python-docx and the ODS reader trust their input: nothing stops a small file from
inflating to gigabytes, a merged range from covering the whole sheet, or a stray far cell from
making a reader walk a billion empty positions. So every member is decompressed here first,
within limits, and every XML part is parsed (expat, streaming, no DTD, no entities) with the
attributes the readers act on counted as they are met: cells, merged ranges and their area,
hyperlink and comment ranges, the used range (``<dimension>`` and the cells' own references),
defined-name lengths, shared strings, ODS repeats and spans, Word table widths. Attribute values
are read by the XML parser, so quoting, spacing, ``$`` signs, letter case and namespace prefixes
cannot hide them.

``check_zip_document(data, kind)`` is the one entry point; ``check_xlsx`` is its .xlsx case. Any
refusal is an ``ImportFailed`` with a Chinese message that says what to do. All limits are here.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from xml.parsers import expat

from .errors import ImportFailed

XLSX, ODS, DOCX = "xlsx", "ods", "docx"
KIND_NAMES = {XLSX: "Excel 文件", ODS: "ODS 表格文件", DOCX: "Word 文档"}
DOC_NAMES = {XLSX: "Excel 工作簿（.xlsx）", ODS: "ODS 表格（.ods）", DOCX: "Word 文档（.docx）"}
RESAVE = {XLSX: "在 Excel/WPS 中打开后另存为 .xlsx", ODS: "在 WPS/LibreOffice 中打开后另存为 .ods 或 .xlsx",
          DOCX: "在 Word/WPS 中打开后另存为 .docx"}

# -- the zip --------------------------------------------------------------------------------
MAX_MEMBERS = 5000
MAX_TOTAL_UNCOMPRESSED = 120 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 60 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, for members over RATIO_FLOOR bytes
RATIO_FLOOR = 1024 * 1024
# The parts a reader holds in memory cell by cell (sheets, shared strings, ODS content, the
# Word body): one may not exceed the first figure, all of them together the second. Our own
# export of a 10,000-indicator form has a 7 MB sheet.
MAX_SHEET_UNCOMPRESSED = 24 * 1024 * 1024
MAX_SHEETS_UNCOMPRESSED = 40 * 1024 * 1024

# -- the XML --------------------------------------------------------------------------------
XML_SUFFIXES = (".xml", ".rels", ".vml")
MAX_ELEMENTS = 4_000_000          # in the whole document
MAX_DEPTH = 200
MAX_ATTRIBUTE_CHARS = 65_536      # one attribute value
MAX_CELLS = 300_000               # cells with content, all sheets (a 10,000-indicator form: 90,000)
# Rows x columns of the range a sheet uses (its dimension, its cells, its merged ranges): a
# reader may walk every position of it. 2,000,000 is 20,000 rows of 100 columns.
MAX_USED_AREA = 2_000_000
MAX_MERGED_RANGES = 20_000
# Cells covered by merged ranges, hyperlink ranges and comment anchors together: openpyxl
# makes an object for each of them.
MAX_MERGED_AREA = 250_000
MAX_DEFINED_NAMES = 10_000
MAX_DEFINED_NAME_CHARS = 8_192    # Excel's own limit for a formula
MAX_SHARED_STRINGS = 500_000
MAX_SHEET_ROWS = 1_048_576        # Excel's and LibreOffice's limits; beyond them a file is damaged
MAX_SHEET_COLS = 16_384
MAX_WORD_COLUMNS = 64             # Word allows 63 columns in a table

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REF_PART = re.compile(r"\$?([A-Za-z]{0,3})\$?([0-9]{0,7})")
_CELL_REF = re.compile(r"\s*\$?([A-Za-z]{1,3})\$?([0-9]{1,7})\s*")


class _Refused(Exception):
    """Raised inside the XML handlers; becomes an ``ImportFailed``."""


def _damaged(kind: str) -> ImportFailed:
    return ImportFailed(f"{KIND_NAMES[kind]}已损坏（可能没有下载完整或被截断）：请重新获取文件，"
                        f"或{RESAVE[kind]}再导入。")


def _too_big(kind: str, what: str) -> ImportFailed:
    return ImportFailed(f"{KIND_NAMES[kind]}中{what}，远超绩效自评表的规模：出于安全原因拒绝读取。"
                        f"请确认选对了文件，或删除多余的内容后{RESAVE[kind]}再导入。")


def _dtd(kind: str) -> ImportFailed:
    return ImportFailed(f"{KIND_NAMES[kind]}含有 DTD 或实体声明（可被用来读取本机文件的“XML 外部实体”）："
                        "正常的 Office 文件不会有，出于安全原因拒绝读取。")


def check_xlsx(data: bytes) -> None:
    """Raise ``ImportFailed`` unless ``data`` is an .xlsx that is safe to hand to openpyxl."""
    check_zip_document(data, XLSX)


def check_zip_document(data: bytes, kind: str) -> None:
    """Raise ``ImportFailed`` unless ``data`` is a zipped ``kind`` ("xlsx", "ods", "docx") within limits."""
    if kind not in KIND_NAMES:
        raise ValueError(f"unknown document kind {kind!r}")
    what = KIND_NAMES[kind]
    if not data.strip():
        raise ImportFailed(f"文件是空的：请选择包含绩效自评表的{what}。")
    if data.startswith(OLE_MAGIC):
        old = {XLSX: "旧版 Excel（.xls）", ODS: "旧版 Office", DOCX: "旧版 Word（.doc）"}[kind]
        raise ImportFailed(f"这是{old}文件或加了密码的文件：请取消密码、{RESAVE[kind]}后再导入。")
    if not data.startswith(b"PK"):
        raise ImportFailed(f"文件不是 {DOC_NAMES[kind]}：请确认选对了文件，或{RESAVE[kind]}。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError,
            NotImplementedError, RuntimeError):
        raise _damaged(kind) from None
    with zf:
        _check_members(kind, infos)
        names = {i.filename for i in infos}
        required = {XLSX: ("[Content_Types].xml", "xl/workbook.xml"), ODS: ("content.xml",),
                    DOCX: ("[Content_Types].xml", "word/document.xml")}[kind]
        if not all(r in names for r in required):
            raise ImportFailed(f"文件不是 {DOC_NAMES[kind]}（缺少主要内容）：请确认选对了文件，或{RESAVE[kind]}后再导入。")
        budget = _Budget(kind)
        for info in infos:
            if not info.is_dir():
                _scan_member(zf, info, budget)


def _bulky(kind: str, name: str) -> bool:
    """Whether a member is one the reader holds cell by cell."""
    name = name.lower()
    if kind == XLSX:
        return name.startswith(("xl/worksheets/", "xl/sharedstrings", "xl/comments"))
    if kind == ODS:
        return name == "content.xml"
    return name.startswith("word/") and name.endswith(".xml")


def _check_members(kind: str, infos: list[zipfile.ZipInfo]) -> None:
    """Limits that the central directory alone shows: counts, declared sizes, ratios, encryption."""
    if len(infos) > MAX_MEMBERS:
        raise _too_big(kind, f"有 {len(infos)} 个内部部件")
    total = bulky = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ImportFailed(f"{KIND_NAMES[kind]}已加密：请取消密码后再导入。")
        total += info.file_size
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise ImportFailed(f"{KIND_NAMES[kind]}解压后异常巨大（疑似“压缩炸弹”）：出于安全原因拒绝读取。"
                               "请确认文件来源，或让对方重新导出。")
        if _bulky(kind, info.filename):
            bulky += info.file_size
            if info.file_size > MAX_SHEET_UNCOMPRESSED:
                raise _too_big(kind, f"一个部件（{info.filename}）解压后有 {info.file_size / 2**20:.0f} MB")
            if bulky > MAX_SHEETS_UNCOMPRESSED:
                raise _too_big(kind, f"表格内容解压后共有 {bulky / 2**20:.0f} MB 以上")


# -- cell references --------------------------------------------------------------------------
def _col_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + (ord(ch) - 64)
    return n


def parse_ref(text: str) -> tuple[int, int, int, int] | None:
    """(first col, first row, last col, last row), 1-based, of an A1-style cell or range.

    Takes what readers take: ``$`` signs, lower case, spaces around, a single cell, whole
    columns ("A:C") and whole rows ("3:5"). A sheet name before ``!`` is dropped. ``None`` if
    the text is no reference at all.
    """
    text = text.strip()
    if "!" in text:
        text = text.rsplit("!", 1)[1]
    ends = text.split(":")
    if len(ends) > 2 or not text:
        return None
    parsed = []
    for end in ends:
        m = _REF_PART.fullmatch(end.strip())
        if m is None or not (m[1] or m[2]):
            return None
        parsed.append((m[1], m[2]))
    if len(parsed) == 1:
        parsed.append(parsed[0])
    (ca, ra), (cb, rb) = parsed
    if bool(ca) != bool(cb) or bool(ra) != bool(rb):
        return None
    c0, c1 = (_col_number(ca), _col_number(cb)) if ca else (1, MAX_SHEET_COLS)
    r0, r1 = (int(ra), int(rb)) if ra else (1, MAX_SHEET_ROWS)
    c0, c1 = sorted((c0, c1))
    r0, r1 = sorted((r0, r1))
    return c0, r0, c1, r1


def _area(box: tuple[int, int, int, int]) -> int:
    c0, r0, c1, r1 = box
    return (c1 - c0 + 1) * (r1 - r0 + 1)


# -- the XML scan ---------------------------------------------------------------------------------
@dataclass
class _Budget:
    """What the whole document has used of the limits so far."""

    kind: str
    elements: int = 0
    cells: int = 0
    merged_ranges: int = 0
    merged_area: int = 0
    defined_names: int = 0
    shared_strings: int = 0

    def add_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise _Refused(_too_big(self.kind, f"有超过 {MAX_CELLS:,} 个填有内容的单元格"))

    def add_merged(self, area: int, *, ranges: int = 1) -> None:
        self.merged_ranges += ranges
        self.merged_area += area
        if self.merged_ranges > MAX_MERGED_RANGES:
            raise _Refused(_too_big(self.kind, f"有超过 {MAX_MERGED_RANGES:,} 处合并单元格"))
        if self.merged_area > MAX_MERGED_AREA:
            raise _Refused(_too_big(self.kind, f"的合并单元格（或超链接、批注的范围）覆盖了超过 {MAX_MERGED_AREA:,} 个单元格"
                                    "（例如整行整列合并）"))


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _local_attributes(attrs: dict[str, str]) -> dict[str, str]:
    """Attributes by local name; of two with one local name (different prefixes) the larger number."""
    local: dict[str, str] = {}
    for key, value in attrs.items():
        k = key.rpartition(":")[2]
        if k in local and local[k] != value:
            local[k] = max(local[k], value, key=lambda v: (len(v.strip()), v))
        else:
            local[k] = value
    return local


def _int(text: str, kind: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise _Refused(_damaged(kind)) from None


class _Part:
    """The handlers for one XML part; subclasses look at what their readers act on."""

    def __init__(self, budget: _Budget, name: str) -> None:
        self.budget = budget
        self.kind = budget.kind
        self.name = name
        self.depth = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        """Called with the local name and the attributes (local names, later ones win)."""

    def end(self, tag: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass

    # expat's callbacks
    def _start(self, name: str, attrs: dict[str, str]) -> None:
        b = self.budget
        b.elements += 1
        self.depth += 1
        if b.elements > MAX_ELEMENTS:
            raise _Refused(_too_big(self.kind, f"有超过 {MAX_ELEMENTS:,} 个 XML 元素"))
        if self.depth > MAX_DEPTH:
            raise _Refused(_too_big(self.kind, f"的 XML 嵌套超过 {MAX_DEPTH} 层"))
        for key, value in attrs.items():
            if len(value) > MAX_ATTRIBUTE_CHARS:
                raise _Refused(_too_big(self.kind, f"有长达 {len(value):,} 个字符的属性"))
            if ":" in key:
                attrs = _local_attributes(attrs)
                break
        self.start(name.rpartition(":")[2], attrs)

    def _end(self, name: str) -> None:
        self.depth -= 1
        self.end(_local(name))


class _XlsxSheet(_Part):
    """A worksheet: cells, rows, the used range, merged ranges, hyperlink ranges."""

    def __init__(self, budget: _Budget, name: str) -> None:
        super().__init__(budget, name)
        self.row = 0
        self.col = 0
        self.max_row = 0
        self.max_col = 0

    def _reach(self, col: int, row: int) -> None:
        if not (1 <= row <= MAX_SHEET_ROWS and 1 <= col <= MAX_SHEET_COLS):
            raise _Refused(_damaged(self.kind))
        if row > self.max_row or col > self.max_col:
            self.max_row, self.max_col = max(row, self.max_row), max(col, self.max_col)
            if self.max_row * self.max_col > MAX_USED_AREA:
                raise _Refused(_too_big(self.kind, f"一张工作表的使用范围达到 {self.max_row:,} 行 × {self.max_col:,} 列"
                                        "（可能有远处的单元格或过大的“已用区域”）"))

    def _box(self, ref: str) -> tuple[int, int, int, int]:
        boxes = [parse_ref(part) for part in ref.split()] or [None]
        if any(b is None for b in boxes):
            raise _Refused(_damaged(self.kind))
        return boxes  # type: ignore[return-value]

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "c":
            ref = attrs.get("r")
            if ref is not None:
                m = _CELL_REF.fullmatch(ref)
                if m is None:
                    raise _Refused(_damaged(self.kind))
                self.col, self.row = _col_number(m[1]), int(m[2])
            else:
                self.col += 1
            if self.row > self.max_row or self.col > self.max_col:
                self._reach(self.col, max(self.row, 1))
            self.budget.add_cells(1)
        elif tag == "row":
            # A row element alone makes no cell (openpyxl's used range counts cells only).
            r = attrs.get("r")
            self.row = _int(r, self.kind) if r is not None else self.row + 1
            self.col = 0
            if not 1 <= self.row <= MAX_SHEET_ROWS:
                raise _Refused(_damaged(self.kind))
        elif tag == "dimension" and "ref" in attrs:
            for c0, r0, c1, r1 in self._box(attrs["ref"]):
                self._reach(c1, r1)
        elif tag in ("mergeCell", "hyperlink") and "ref" in attrs:
            # Counted by area, not in the used range: readers clip merges to the cells.
            boxes = self._box(attrs["ref"])
            self.budget.add_merged(sum(_area(b) for b in boxes), ranges=1 if tag == "mergeCell" else 0)
            if any(not (b[2] <= MAX_SHEET_COLS and b[3] <= MAX_SHEET_ROWS and b[0] >= 1 and b[1] >= 1)
                   for b in boxes):
                raise _Refused(_damaged(self.kind))


class _XlsxComments(_Part):
    """Comments: openpyxl creates a cell for each, every cell of a range anchor."""

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "comment" and "ref" in attrs:
            boxes = [parse_ref(p) for p in attrs["ref"].split()]
            if not boxes or any(b is None for b in boxes):
                raise _Refused(_damaged(self.kind))
            self.budget.add_merged(sum(_area(b) for b in boxes), ranges=0)


class _XlsxWorkbook(_Part):
    """The workbook: defined names (print areas, print titles) and their lengths."""

    def __init__(self, budget: _Budget, name: str) -> None:
        super().__init__(budget, name)
        self.in_name = False
        self.chars = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "definedName":
            self.budget.defined_names += 1
            if self.budget.defined_names > MAX_DEFINED_NAMES:
                raise _Refused(_too_big(self.kind, f"有超过 {MAX_DEFINED_NAMES:,} 个定义的名称"))
            self.in_name, self.chars = True, 0

    def text(self, data: str) -> None:
        if self.in_name:
            self.chars += len(data)
            if self.chars > MAX_DEFINED_NAME_CHARS:
                raise _Refused(_too_big(self.kind, f"有一个超过 {MAX_DEFINED_NAME_CHARS:,} 个字符的定义名称（如打印区域）"))

    def end(self, tag: str) -> None:
        if tag == "definedName":
            self.in_name = False


class _XlsxSharedStrings(_Part):
    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "si":
            self.budget.shared_strings += 1
            if self.budget.shared_strings > MAX_SHARED_STRINGS:
                raise _Refused(_too_big(self.kind, f"有超过 {MAX_SHARED_STRINGS:,} 个共享字符串"))


class _OdsContent(_Part):
    """ODS content: rows and cells with their repeats and spans, counted as a reader expands them.

    Empty repeated cells and rows (LibreOffice writes the rest of the sheet that way) cost
    nothing here; a reader must not expand them either. Cells with content count with every
    repeat, and so does the area of spanned (merged) cells.
    """

    def __init__(self, budget: _Budget, name: str) -> None:
        super().__init__(budget, name)
        self.row = 0            # rows of this table before the current one, repeats included
        self.row_repeat = 1
        self.col = 0
        self.row_filled = 0     # filled cells of the current row, column repeats included
        self.row_last_col = 0
        self.cell: list | None = None  # [repeat, filled, depth] of the open cell
        self.max_area_row = 0
        self.max_area_col = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if self.cell is not None and self.depth > self.cell[2]:
            self.cell[1] = True
            return
        if tag == "table":
            self.row = 0
            self.max_area_row = self.max_area_col = 0
        elif tag == "table-row":
            self.row_repeat = self._count(attrs, "number-rows-repeated", MAX_SHEET_ROWS)
            self.col = self.row_filled = self.row_last_col = 0
        elif tag in ("table-cell", "covered-table-cell"):
            repeat = self._count(attrs, "number-columns-repeated", MAX_SHEET_COLS)
            filled = "value-type" in attrs or "formula" in attrs
            spanned_c = self._count(attrs, "number-columns-spanned", MAX_SHEET_COLS)
            spanned_r = self._count(attrs, "number-rows-spanned", MAX_SHEET_ROWS)
            if spanned_c > 1 or spanned_r > 1:
                self.budget.add_merged(spanned_c * spanned_r * repeat * self.row_repeat,
                                       ranges=repeat * self.row_repeat)
                self._reach(self.col + repeat - 1 + spanned_c, self.row + spanned_r)
            self.cell = [repeat, filled, self.depth]

    def end(self, tag: str) -> None:
        if self.cell is not None and self.depth + 1 == self.cell[2] and tag in ("table-cell", "covered-table-cell"):
            repeat, filled, _ = self.cell
            self.cell = None
            self.col += repeat
            if self.col > MAX_SHEET_COLS:
                raise _Refused(_damaged(self.kind))
            if filled:
                self.row_filled += repeat
                self.row_last_col = self.col
        elif tag == "table-row" and self.cell is None:
            if self.row_filled:
                self.budget.add_cells(self.row_filled * self.row_repeat)
                self._reach(self.row_last_col, self.row + self.row_repeat)
            self.row += self.row_repeat
            if self.row > MAX_SHEET_ROWS:
                raise _Refused(_damaged(self.kind))

    def _count(self, attrs: dict[str, str], key: str, limit: int) -> int:
        value = attrs.get(key)
        if value is None:
            return 1
        n = _int(value, self.kind)
        if not 1 <= n <= limit:
            raise _Refused(_damaged(self.kind))
        return n

    def _reach(self, col: int, row: int) -> None:
        self.max_area_col, self.max_area_row = max(col, self.max_area_col), max(row, self.max_area_row)
        if self.max_area_row * self.max_area_col > MAX_USED_AREA:
            raise _Refused(_too_big(self.kind, f"一张表格的使用范围达到 {self.max_area_row:,} 行 × {self.max_area_col:,} 列"))


class _DocxBody(_Part):
    """A Word part: table cells, column spans and table widths (tables may nest)."""

    def __init__(self, budget: _Budget, name: str) -> None:
        super().__init__(budget, name)
        self.tables: list[list[int]] = []  # [grid columns, rows, width of the current row]

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "tbl":
            self.tables.append([0, 0, 0])
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == "gridCol":
            table[0] += 1
        elif tag == "tr":
            table[1] += 1
            table[2] = 0
        elif tag == "tc":
            self.budget.add_cells(1)
            table[2] += 1
        elif tag in ("gridSpan", "gridBefore", "gridAfter") and "val" in attrs:
            n = _int(attrs["val"], self.kind)
            if not 0 <= n <= MAX_WORD_COLUMNS:
                raise _Refused(_too_big(self.kind, f"有跨 {n:,} 列的单元格"))
            table[2] += n - 1 if tag == "gridSpan" else n
        else:
            return
        width = max(table[0], table[2])
        if width > MAX_WORD_COLUMNS:
            raise _Refused(_too_big(self.kind, f"有超过 {MAX_WORD_COLUMNS} 列的表格"))
        if table[1] * max(width, 1) > MAX_USED_AREA:
            raise _Refused(_too_big(self.kind, f"有一个 {table[1]:,} 行 × {width} 列的表格"))

    def end(self, tag: str) -> None:
        if tag == "tbl" and self.tables:
            self.tables.pop()


def _handler(budget: _Budget, name: str) -> _Part:
    lower = name.lower()
    kind = budget.kind
    if kind == XLSX:
        if lower.startswith("xl/worksheets/") and lower.endswith(".xml"):
            return _XlsxSheet(budget, name)
        if lower == "xl/workbook.xml":
            return _XlsxWorkbook(budget, name)
        if lower.startswith("xl/sharedstrings"):
            return _XlsxSharedStrings(budget, name)
        if lower.startswith("xl/comments"):
            return _XlsxComments(budget, name)
    elif kind == ODS and lower == "content.xml":
        return _OdsContent(budget, name)
    elif kind == DOCX and lower.startswith("word/") and lower.endswith(".xml"):
        return _DocxBody(budget, name)
    return _Part(budget, name)


def _is_xml(kind: str, name: str) -> bool:
    lower = name.lower()
    return lower.endswith(XML_SUFFIXES) or (kind == ODS and lower.endswith(".xml"))


def _strict(kind: str, name: str) -> bool:
    """Whether XML that does not parse is damage, or just the end of what a reader would see.

    openpyxl parses nearly every part of an .xlsx, so there any broken XML is damage. The ODS and
    Word readers parse only the body (and the manifest and styles): a broken part elsewhere (real
    LibreOffice files carry an empty ``Configurations2/accelerator/current.xml``) is counted as
    far as it parses and otherwise left alone.
    """
    if kind == XLSX:
        return True
    lower = name.lower()
    if kind == ODS:
        return lower in ("content.xml", "styles.xml", "meta-inf/manifest.xml")
    return lower in ("word/document.xml", "[content_types].xml")


def _parser(part: _Part, kind: str):
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def refuse(*_args):
        raise _Refused(_dtd(kind))

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.NotationDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartElementHandler = part._start
    parser.EndElementHandler = part._end
    if type(part).text is not _Part.text:
        parser.CharacterDataHandler = part.text
    return parser


def _scan_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> None:
    """Decompress one member within its declared size; parse it if it is XML."""
    kind = budget.kind
    # An empty part is no XML document (LibreOffice writes some); there is nothing to parse.
    is_xml = _is_xml(kind, info.filename) and info.file_size > 0
    part = _handler(budget, info.filename) if is_xml else None
    parser = _parser(part, kind) if part is not None else None
    try:
        with zf.open(info) as fh:
            read = 0
            while True:
                block = fh.read(256 * 1024)
                if not block:
                    break
                read += len(block)
                if read > info.file_size:
                    raise _damaged(kind)
                if parser is not None:
                    parser.Parse(block, False)
            if parser is not None:
                parser.Parse(b"", True)
    except _Refused as exc:
        raise exc.args[0] from None
    except ImportFailed:
        raise
    except expat.ExpatError:
        if _strict(kind, info.filename):
            raise _damaged(kind) from None
        _drain(zf, info, kind)
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError,
            RuntimeError, UnicodeError):
        raise _damaged(kind) from None


def _drain(zf: zipfile.ZipFile, info: zipfile.ZipInfo, kind: str) -> None:
    """Decompress the rest of a part whose XML was abandoned: its size and CRC still count."""
    try:
        with zf.open(info) as fh:
            read = 0
            while block := fh.read(256 * 1024):
                read += len(block)
                if read > info.file_size:
                    raise _damaged(kind)
    except ImportFailed:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError, RuntimeError):
        raise _damaged(kind) from None
