"""Hostile files: the reader's time and peak memory on the largest cases, before and after.

    python bench/bench_hostile.py [--small] [--before-budget S]

"after" is the import as the program runs it now: ``perfgui.exchange.sandbox`` (a worker
process with its time and memory budget) around ``load_form_file`` with the XML-parsing guard.
"before" is the code this replaced, measured in the same run on the same files: the checks of
the regex guard ``perfgui/exchange/zipguard.py`` had before (copied below: same pattern, same
limits) in front of the same openpyxl reader, in a worker process of its own that is killed
after ``--before-budget`` seconds (default 40) or past ``--before-memory`` GB (default 2) so the
benchmark ends and the shared machine survives. Peak memory is the worker's resident set,
sampled every 50 ms by the parent (psutil).

The case builders (``hostile_cases``) are shared with the tests (tests/exchange): the files of
the issue at full size here, smaller ones of the same classes there (``scale="small"``).
"""

from __future__ import annotations

import argparse
import io
import random
import struct
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import print_table, seed_form  # noqa: E402

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


# -- building blocks --------------------------------------------------------------------------
def seed_xlsx() -> bytes:
    from perfgui.exchange import outputs

    return outputs.xlsx_bytes(seed_form())


def parts_of(xlsx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def zip_parts(parts: dict[str, bytes], level: int = 6) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()


def with_part(xlsx: bytes, name: str, change) -> bytes:
    parts = parts_of(xlsx)
    parts[name] = change(parts[name])
    return zip_parts(parts)


SHEET = "xl/worksheets/sheet1.xml"


def add_merge(xml_ref: bytes):
    """A sheet change adding one ``<mergeCell …>`` written as given (quotes, spaces, prefixes)."""
    return lambda s: s.replace(b"</mergeCells>", xml_ref + b"</mergeCells>", 1)


def _sheet_rows(rows: int, cols: int, rng: random.Random) -> bytes:
    """Sheet XML of ``rows`` x ``cols`` numeric cells (small numbers: they compress about 10:1)."""
    out = [f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode()]
    letters = [chr(65 + c) for c in range(cols)]
    for r in range(1, rows + 1):
        cells = "".join(f'<c r="{letters[c]}{r}"><v>{rng.randrange(10)}</v></c>' for c in range(cols))
        out.append(f'<row r="{r}">{cells}</row>'.encode())
    out.append(b"</sheetData></worksheet>")
    return b"".join(out)


def four_big_sheets(xlsx: bytes, sheet_mb: int) -> bytes:
    """The workbook with four extra sheets of ``sheet_mb`` MB each (numbers, ~10:1 compressed)."""
    parts = parts_of(xlsx)
    rng = random.Random(4)
    row_bytes = len(_sheet_rows(1000, 20, random.Random(4))) / 1000
    rows = int(sheet_mb * 1024 * 1024 // row_bytes)
    body = _sheet_rows(rows, 20, rng)
    names = []
    for i in range(3, 7):
        name = f"xl/worksheets/sheet{i}.xml"
        parts[name] = body
        names.append((i, name))
    wb = parts["xl/workbook.xml"].decode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    ct = parts["[Content_Types].xml"].decode()
    for i, name in names:
        wb = wb.replace("</sheets>", f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                     f'relationships" name="数据{i}" sheetId="{i}" state="visible" r:id="rIdX{i}"/></sheets>')
        rels = rels.replace("</Relationships>", f'<Relationship Id="rIdX{i}" Type="http://schemas.openxmlformats.org/'
                                                f'officeDocument/2006/relationships/worksheet" Target="/{name}"/></Relationships>')
        ct = ct.replace("</Types>", f'<Override PartName="/{name}" ContentType="application/vnd.openxmlformats-'
                                    'officedocument.spreadsheetml.worksheet+xml"/></Types>')
    parts["xl/workbook.xml"], parts["xl/_rels/workbook.xml.rels"] = wb.encode(), rels.encode()
    parts["[Content_Types].xml"] = ct.encode()
    return zip_parts(parts, level=6)


def long_defined_name(xlsx: bytes, chars: int) -> bytes:
    def change(wb: bytes) -> bytes:
        ref = ",".join(["'自评表'!$A$1:$B$2"] * (chars // 17 + 1))[:chars].rstrip(",!'$:")
        return wb.replace(b"<definedNames>", b'<definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">'
                          + ref.encode() + b"</definedName>", 1)
    return _visible_changed(with_part(xlsx, "xl/workbook.xml", change))


def _visible_changed(xlsx: bytes) -> bytes:
    """The visible sheet edited (one cell), so the reader takes the full path, not the saved JSON."""
    return with_part(xlsx, SHEET, lambda s: s.replace(b"<v>", b"<v>1", 1) if b"<v>" in s else s)


def far_cell(xlsx: bytes, dimension: bool) -> bytes:
    def change(s: bytes) -> bytes:
        if dimension:
            s = s.replace(b'<dimension ref="A1:I72"/>', b'<dimension ref="A1:XFD1048576"/>')
        return s.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
                                          b"</row></sheetData>", 1)
    return with_part(xlsx, SHEET, change)


def many_cells(xlsx: bytes, cells: int) -> bytes:
    rows = cells // 10 + 1
    body = _sheet_rows(rows, 10, random.Random(1))
    return with_part(xlsx, "xl/worksheets/sheet2.xml", lambda s: body)


def shared_strings(xlsx: bytes, count: int) -> bytes:
    parts = parts_of(xlsx)
    parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN_NS}" count="{count}" uniqueCount="{count}">'.encode()
                                     + b"".join(b"<si><t>%d</t></si>" % i for i in range(count)) + b"</sst>")
    return zip_parts(parts)


def many_merges(xlsx: bytes, count: int) -> bytes:
    refs = b"".join(b'<mergeCell ref="K%d:L%d"/>' % (r, r) for r in range(1, count + 1))
    return with_part(xlsx, SHEET, add_merge(refs))


def deep_nesting(xlsx: bytes, depth: int) -> bytes:
    return with_part(xlsx, "xl/styles.xml", lambda s: s.replace(
        b"</styleSheet>", b"<extLst>" + b"<a>" * depth + b"</a>" * depth + b"</extLst></styleSheet>"))


def long_attribute(xlsx: bytes, chars: int) -> bytes:
    def grow(s: bytes) -> bytes:
        if b'sqref="A1"' in s:
            return s.replace(b'sqref="A1"', b'sqref="' + b"A1 " * (chars // 3) + b'A1"', 1)
        # A sheet that names no selection (XlsxWriter's): give its view one, that long.
        return s.replace(b"<sheetView ", b'<sheetView topLeftCell="' + b"A1 " * (chars // 3) + b'A1" ', 1)

    return with_part(xlsx, SHEET, grow)


def declared_size(xlsx: bytes, size: int) -> bytes:
    """The zip with the sheet's uncompressed size in the central directory changed to ``size``."""
    data = bytearray(xlsx)
    name = SHEET.encode()
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if data[pos + 46:pos + 46 + name_len] == name:
            struct.pack_into("<I", data, pos + 24, size)
        pos = data.find(b"PK\x01\x02", pos + 4)
    return bytes(data)


def _ods(content: bytes) -> bytes:
    parts = {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
             "META-INF/manifest.xml": b'<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
                                      b'manifest:1.0"/>',
             "content.xml": content}
    return zip_parts(parts)


ODS_HEAD = (b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
            b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
            b'<table:table table:name="S">')
ODS_TAIL = b"</table:table></office:spreadsheet></office:body></office:document-content>"


def ods_sheet(rows: bytes) -> bytes:
    return _ods(ODS_HEAD + rows + ODS_TAIL)


def ods_like_libreoffice() -> bytes:
    """What LibreOffice writes: a few filled cells, then the rest of the sheet as empty repeats."""
    filled = b"".join(b'<table:table-row><table:table-cell office:value-type="string"><text:p>%d</text:p>'
                      b'</table:table-cell><table:table-cell table:number-columns-repeated="1023"/></table:table-row>'
                      % i for i in range(40))
    rest = (b'<table:table-row table:number-rows-repeated="1048536"><table:table-cell '
            b'table:number-columns-repeated="1024"/></table:table-row>')
    return ods_sheet(filled + rest)


def docx_with_table(cols: int, span: int = 1) -> bytes:
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    grid = b"<w:tblGrid>" + b"<w:gridCol/>" * cols + b"</w:tblGrid>"
    cell = (b"<w:tc><w:tcPr><w:gridSpan w:val=\"%d\"/></w:tcPr><w:p/></w:tc>" % span) if span > 1 else b"<w:tc><w:p/></w:tc>"
    body = b"<w:document " + w + b"><w:body><w:tbl>" + grid + b"<w:tr>" + cell * max(cols // span, 1) \
        + b"</w:tr></w:tbl></w:body></w:document>"
    return zip_parts({"[Content_Types].xml": b"<Types/>", "word/document.xml": body})


def hostile_cases(scale: str = "small", only=None) -> dict[str, tuple[str, bytes, str]]:
    """name -> (file name, bytes, words the refusal must contain), of every hostile class.

    ``only``: the names to build (all by default; the big ones take seconds).
    """
    full = scale == "full"
    # One visible cell edited: the reader cannot take the saved JSON and goes through openpyxl's
    # full load, where merged ranges, defined names and the used range cost.
    good = _visible_changed(seed_xlsx())
    ns = b'xmlns:x="' + MAIN_NS.encode() + b'"'
    sheet_changes = {
        # Point 5: the merged-cell limit, whatever the attribute's spelling.
        "merge single quotes": (add_merge(b"<mergeCell ref='A100:XFD1048576'/>"), "合并单元格"),
        "merge spaces around =": (add_merge(b'<mergeCell ref = "A100:XFD1048576" />'), "合并单元格"),
        "merge dollar signs": (add_merge(b'<mergeCell ref="$A$100:$XFD$1048576"/>'), "合并单元格"),
        "merge lower case": (add_merge(b'<mergeCell ref="a100:xfd1048576"/>'), "合并单元格"),
        "merge prefixed element": (add_merge(b"<x:mergeCell " + ns + b' ref="A100:XFD1048576"/>'), "合并单元格"),
        "merge whole columns": (add_merge(b'<mergeCell ref="A:XFD"/>'), "合并单元格"),
        "merge newline in tag": (add_merge(b'<mergeCell\n\tref=\n"A100:XFD1048576"/>'), "合并单元格"),
        "merge reversed corners": (add_merge(b'<mergeCell ref="XFD1048576:A100"/>'), "合并单元格"),
        "merge entity-escaped": (add_merge(b'<mergeCell ref="&#65;100:XFD1048576"/>'), "合并单元格"),
        "hyperlink over the sheet": (lambda s: s.replace(b"<printOptions", b'<hyperlinks><hyperlink ref="A1:XFD1048576" '
                                                         b'display="x"/></hyperlinks><printOptions', 1), "合并单元格"),
    }
    builders = {name: ("hostile.xlsx", (lambda change=change: with_part(good, SHEET, change)), words)
                for name, (change, words) in sheet_changes.items()}
    builders.update({
        "many merged ranges": ("merges.xlsx", lambda: many_merges(good, 25_000), "合并单元格"),
        # Point 6.
        "print area name 60,000 chars": ("name.xlsx", lambda: long_defined_name(good, 60_000), "定义名称"),
        "dimension A1:XFD1048576 + far cell": ("dim.xlsx", lambda: far_cell(good, dimension=True), "使用范围"),
        "one far cell": ("far.xlsx", lambda: far_cell(good, dimension=False), "使用范围"),
        "four big sheets": ("four.xlsx", lambda: four_big_sheets(good, 27 if full else 11), "MB"),
        "too many cells": ("cells.xlsx", lambda: many_cells(good, 320_000), "单元格"),
        "too many shared strings": ("sst.xlsx", lambda: shared_strings(good, 520_000), "共享字符串"),
        "deep nesting": ("deep.xlsx", lambda: deep_nesting(good, 5_000), "嵌套"),
        "100,000-char attribute": ("attr.xlsx", lambda: long_attribute(good, 100_000), "属性"),
        "declared size 4 GB": ("size.xlsx", lambda: declared_size(good, 0xFFFFFF00), "压缩炸弹"),
        "declared size too small": ("small.xlsx", lambda: declared_size(good, 100), "损坏"),
        "DTD in UTF-16": ("utf16.xlsx", lambda: with_part(good, "xl/workbook.xml", lambda s: (
            '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "boom">]>'
            + s.decode("utf-8")).encode("utf-16")), "DTD"),
        "ods repeated filled cells": ("rep.ods", lambda: ods_sheet(
            b'<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="float" '
            b'office:value="1" table:number-columns-repeated="1000"/></table:table-row>'), "单元格"),
        "ods spanned over the sheet": ("span.ods", lambda: ods_sheet(
            b'<table:table-row><table:table-cell table:number-columns-spanned="16384" '
            b'table:number-rows-spanned="1048576" office:value-type="string"><text:p>x</text:p>'
            b"</table:table-cell></table:table-row>"), "合并单元格"),
        "ods repeat beyond the sheet": ("big.ods", lambda: ods_sheet(
            b'<table:table-row table:number-rows-repeated="2147483647"><table:table-cell/></table:table-row>'), "损坏"),
        "docx huge column span": ("span.docx", lambda: docx_with_table(1, span=100_000), "列"),
        "docx 200 columns": ("wide.docx", lambda: docx_with_table(200), "列"),
    })
    return {name: (file_name, build(), words) for name, (file_name, build, words) in builders.items()
            if only is None or name in only}


KIND_OF = {".xlsx": "xlsx", ".ods": "ods", ".docx": "docx"}


# -- the worst files of the kinds read in the process (files.IN_PROCESS_MAX_BYTES) ---------------
_TEXT_HEADER = "一级指标\t权重\t二级指标\t三级指标\t年度指标值\t全年完成值\t分值\t得分\t偏差及原因分析\n"
_TEXT_ROWS = {
    # Each makes one part of the recogniser work per row over what came before, were it quadratic.
    "text: a new 一级 on every row": lambda i: f"甲{i}\t1\t乙\t丙\t1\t1\t1\t1\t\n",
    "text: a new 二级 on every row": lambda i: f"\t\t乙{i}\t丙\t1\t1\t1\t1\t\n",
    "text: a 小计 naming an indicator after each": lambda i: (
        f"甲\t1\t乙\t丙{i}\t1\t1\t1\t1\t\n" if i % 2 else f"丙{i - 1}小计\t\t\t\t\t\t1\t1\t\n"),
    "text: a 合计 row after each": lambda i: f"\t\t\t丙{i}\t1\t1\t1\t1\t\n" if i % 2 else "合计\t1\t1\t1\n",
    "text: numbered parent rows": lambda i: (
        f"\t\t\t一、丙{i}\t1\t1\t2\t2\t\n" if i % 3 == 0 else f"\t\t\t{i % 3}、丁{i}\t1\t1\t1\t1\t\n"),
    "text: a page break before each 二级": lambda i: ("\n" if i % 2 else "") + (
        f"\t50\t数量指标\t丙{i}\t1\t1\t0\t0\t\n" if i % 4 < 2 else f"\t50\t服务对象满意度指标\t丙{i}\t1\t1\t0\t0\t\n"),
    "text: the header repeated": lambda i: _TEXT_HEADER if i % 2 else f"甲\t1\t乙\t丙{i}\t1\t1\t1\t1\t\n",
    "text: 60 columns of numbers": lambda i: "\t".join(["1"] * 59) + "\n",
    "text: plain indicators": lambda i: f"\t\t\t丙{i}\t≥1\t1\t1\t1\t原因\n",
}


def _filled(first: str, row, size: int) -> bytes:
    out, n, i = [first.encode("utf-8")], len(first.encode("utf-8")), 0
    while True:
        line = row(i).encode("utf-8")
        if n + len(line) > size:
            return b"".join(out)
        out.append(line)
        n, i = n + len(line), i + 1


def in_process_cases() -> dict[str, tuple[str, bytes]]:
    """name -> (file name, bytes): the worst files found for each kind read in the process, at its limit."""
    import json

    from perfgui.exchange.files import IN_PROCESS_MAX_BYTES, IN_PROCESS_MAX_OBJECTS
    from perfgui.model.serialize import to_dict

    cases = {name: ("hostile.txt", _filled(_TEXT_HEADER, row, IN_PROCESS_MAX_BYTES["text"]))
             for name, row in _TEXT_ROWS.items()}
    limit, objects = IN_PROCESS_MAX_BYTES["json"], IN_PROCESS_MAX_OBJECTS
    form = to_dict(seed_form())
    form["indicators"] = []
    room = limit - len(json.dumps(form).encode("utf-8")) - 4000
    count = objects - json.dumps(form).count("{")
    for name, node in (("form file: the most indicators, their names filling it",
                        {"name": "名" * ((room // count - 14) // 6)}),
                       ("form file: the most sections of one indicator", {"children": [{}]})):
        form["indicators"] = [node] * (count // json.dumps(node).count("{"))
        cases[name] = ("hostile.json", json.dumps(form).encode("utf-8"))
    cases["form file: nested lists"] = ("hostile.json", b'{"format": "perfgui-form", "x": '
                                        + b"[" * (limit // 2 - 40) + b"]" * (limit // 2 - 40) + b"}")
    return cases


# -- the old code, for "before" -----------------------------------------------------------------
OLD_GUARD = r'''
import io, re, zipfile, zlib
MAX_MEMBERS = 5000
MAX_TOTAL_UNCOMPRESSED = 120 * 1024 * 1024
MAX_MEMBER_UNCOMPRESSED = 60 * 1024 * 1024
MAX_SHEET_UNCOMPRESSED = 30 * 1024 * 1024
MAX_MERGED_CELLS = 1_000_000
_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
_FORBIDDEN = tuple(w.encode(e) for w in ("<!DOCTYPE", "<!ENTITY") for e in ("ascii", "utf-16-le", "utf-16-be"))

class Refused(Exception):
    pass

def check_xlsx(data):
    zf = zipfile.ZipFile(io.BytesIO(data))
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise Refused("members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_UNCOMPRESSED or total > MAX_TOTAL_UNCOMPRESSED or (
                info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)):
            raise Refused("bomb")
        name = info.filename.lower()
        if name.startswith(("xl/worksheets/", "xl/sharedstrings")) and info.file_size > MAX_SHEET_UNCOMPRESSED:
            raise Refused("sheet size")
    for info in infos:
        name = info.filename.lower()
        merged = 0
        with zf.open(info) as fh:
            tail = b""
            while True:
                block = fh.read(256 * 1024)
                if not block:
                    break
                window = tail + block
                if any(w in window for w in _FORBIDDEN):
                    raise Refused("DTD")
                if name.startswith("xl/worksheets/"):
                    for m in _MERGE_RE.finditer(window):
                        c0 = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(m[1].decode())))
                        c1 = sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(m[3].decode())))
                        merged += (abs(c1 - c0) + 1) * (abs(int(m[4]) - int(m[2])) + 1)
                    if merged > MAX_MERGED_CELLS:
                        raise Refused("merged")
                tail = window[-200:]
'''


def old_load(path):
    """The import before this change: the regex guard, then the same reader (openpyxl) in-process."""
    from perfgui.exchange import xlsx
    from perfgui.exchange.errors import ImportFailed

    namespace: dict = {}
    exec(OLD_GUARD, namespace)
    data = Path(path).read_bytes()
    try:
        namespace["check_xlsx"](data)
    except Exception as exc:
        raise ImportFailed(f"旧检查拒绝：{exc}") from None
    original = xlsx.check_xlsx
    xlsx.check_xlsx = lambda d: None  # the old guard has run; the reader goes straight to openpyxl
    try:
        return xlsx.read_xlsx_bytes(data)
    finally:
        xlsx.check_xlsx = original


def run_case(path: Path, reader: str, budget_s: float, memory_bytes: int = 2 * 1024**3):
    from perfgui.exchange.errors import ImportFailed
    from perfgui.exchange.sandbox import ImportJob, Limits

    job = ImportJob(path, reader=reader, limits=Limits(time_s=budget_s, memory_bytes=memory_bytes)).start()
    t0 = time.perf_counter()
    job.wait()
    seconds = time.perf_counter() - t0
    try:
        job.result()
        outcome = "read"
    except ImportFailed as exc:
        text = str(exc)
        outcome = "stopped (time)" if "秒仍未完成" in text else "refused" if "内存" not in text else "stopped (memory)"
    return seconds, job.peak_rss, outcome


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="the test suite's sizes instead of the issue's")
    parser.add_argument("--before-budget", type=float, default=40.0)
    parser.add_argument("--before-memory", type=float, default=2.0)
    parser.add_argument("--only", default="", help="cases whose name contains this")
    parser.add_argument("--in-process", action="store_true",
                        help="only the worst files of the kinds the command line reads itself")
    args = parser.parse_args()
    if args.in_process:
        return in_process_table()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    cases = hostile_cases("small" if args.small else "full")
    chosen = [n for n in cases if cases[n][0].endswith(".xlsx")]
    chosen = [n for n in chosen if args.only in n]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            file_name, data, _ = cases[name]
            path = Path(tmp) / file_name
            path.write_bytes(data)
            after = run_case(path, "perfgui.exchange.files:load_form_file", 20.0)
            before = run_case(path, "bench.bench_hostile:old_load", args.before_budget,
                              int(args.before_memory * 1024**3))
            rows.append([name, f"{len(data) / 1024:.0f}",
                         f"{before[0]:.2f}", f"{before[1] / 2**20:.0f}", before[2],
                         f"{after[0]:.2f}", f"{after[1] / 2**20:.0f}", after[2]])
            print(" | ".join(rows[-1]), flush=True)
    print_table("hostile files: before (regex guard + openpyxl) and after (XML guard + worker)",
                ["case", "KiB", "before s", "before MB", "before", "after s", "after MB", "after"], rows)
    return 0


def in_process_table() -> int:
    """Time and peak memory of the worst in-process files, read by the worker to measure them."""
    from perfgui.exchange.files import in_process

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (file_name, data) in in_process_cases().items():
            path = Path(tmp) / file_name
            path.write_bytes(data)
            seconds, peak, outcome = run_case(path, "perfgui.exchange.files:load_form_file", 20.0)
            here = "yes" if in_process(data, file_name) else "no (worker)"
            rows.append([name, f"{len(data) / 1024:.0f}", here, f"{seconds:.2f}", f"{peak / 2**20:.0f}", outcome])
            print(" | ".join(rows[-1]), flush=True)
    print_table("worst files of the kinds read in the process, at IN_PROCESS_MAX_BYTES (worker's s and MB, "
                "its start included)", ["case", "KiB", "read in process", "s", "peak MB", "outcome"], rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
