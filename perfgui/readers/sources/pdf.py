"""PDF files with a ruled table (printed from Excel, WPS, LibreOffice or this program) as grids.

pdfplumber finds the tables from their drawn lines ("lines" strategy) and gives each cell's
rectangle; a rectangle over several column or row boundaries is a merged range. The text of a
cell is the characters whose centre lies inside it; a line that reaches the cell's right edge
was wrapped and is joined to the next, a shorter one ended with a line break.

A table continued on the next page is joined to its first part: the header rows printed again
at the top are dropped, and a merged label cut by the page break (产出指标 over many rows) is
merged again. Text outside the tables becomes rows of their own (the title above, the sign-off
lines below), placed in the columns they stand over; page numbers and page headers are dropped.

A scanned PDF has no text to read and a password-protected one cannot be opened: both are
refused with what to do, and so is a document far longer than a form.
"""

from __future__ import annotations

import bisect
import io
import logging
import re
from dataclasses import dataclass, field

from ...exchange.errors import ImportFailed
from ..cells import squash
from ..grid import MAX_COLS, MAX_ROWS, Grid
from ._common import Sheet, is_blank

log = logging.getLogger(__name__)

MAX_PAGES = 60
TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
                  "join_tolerance": 3, "intersection_tolerance": 3}
_EDGE_TOL = 2.0  # points: column or row boundaries closer than this are one
_PAGE_FURNITURE = re.compile(r"第\s*\d+\s*页|^\s*[-—]?\s*\d+\s*[-—]?\s*$|^\s*\d+\s*/\s*\d+\s*$|^\s*page\s*\d+", re.I)
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


@dataclass
class _Cell:
    x0: float
    x1: float
    row0: int  # rows of the run
    row1: int
    text: str
    right: float = 0.0  # where a piece of a text line ends
    alone: bool = False  # the only piece of its line


@dataclass
class _Run:
    """Table parts (and the text lines around them) that become one grid."""

    cells: list[_Cell] = field(default_factory=list)
    rows: int = 0
    x0: float = 0.0
    x1: float = 0.0
    edges: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    page_from: int = 0
    page_to: int = 0

    def row_signature(self, r: int) -> tuple:
        return tuple(sorted((round(c.x0 / 3), squash(c.text)) for c in self.cells if c.row0 == r and c.text))


# -- text from characters --------------------------------------------------------------------------
def _lines(chars: list[dict]) -> list[list[dict]]:
    """Characters grouped into lines (top to bottom), each sorted left to right, duplicates dropped."""
    out: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if out and abs(ch["top"] - out[-1][0]["top"]) <= max(2.0, ch["size"] * 0.35):
            out[-1].append(ch)
        else:
            out.append([ch])
    lines = []
    for line in out:
        line.sort(key=lambda c: c["x0"])
        kept: list[dict] = []
        for ch in line:
            # Fake bold prints a character twice, a hair apart.
            if kept and kept[-1]["text"] == ch["text"] and abs(kept[-1]["x0"] - ch["x0"]) < 1:
                continue
            kept.append(ch)
        lines.append(kept)
    return lines


def _line_text(line: list[dict]) -> str:
    parts = []
    prev = None
    for ch in line:
        if prev is not None and ch["x0"] - prev["x1"] > ch["size"] * 0.45 and prev["text"] != " " \
                and ch["text"] != " ":
            parts.append(" ")
        parts.append(ch["text"])
        prev = ch
    return "".join(parts)


def _cell_text(chars: list[dict], right: float) -> str:
    """A cell's characters as text: wrapped lines joined, line breaks kept."""
    lines = _lines(chars)
    if not lines:
        return ""
    texts = [_line_text(ln) for ln in lines]
    reach = max(ln[-1]["x1"] for ln in lines)
    out = texts[0]
    for i in range(1, len(lines)):
        prev = lines[i - 1]
        size = prev[-1]["size"]
        wrapped = prev[-1]["x1"] >= min(reach, right) - size * 1.3
        if wrapped:
            joint = "" if _CJK.search(out[-1:]) or _CJK.search(texts[i][:1]) or out.endswith(("-", "/")) else " "
            out += joint + texts[i]
        else:
            out += "\n" + texts[i]
    return out


def _chunks(line: list[dict]) -> list[tuple[float, float, str]]:
    """A text line outside the tables split where a wide gap separates two pieces (x0, x1, text)."""
    pieces: list[list[dict]] = [[line[0]]]
    for prev, ch in zip(line, line[1:]):
        if ch["x0"] - prev["x1"] > ch["size"] * 1.8:
            pieces.append([ch])
        else:
            pieces[-1].append(ch)
    return [(p[0]["x0"], p[-1]["x1"], _line_text(p).strip()) for p in pieces if _line_text(p).strip()]


# -- one page --------------------------------------------------------------------------------------
def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _EDGE_TOL:
            out.append(v)
    return out


def _nearest(edges: list[float], v: float) -> int:
    i = bisect.bisect_left(edges, v)
    if i == 0:
        return 0
    if i == len(edges):
        return len(edges) - 1
    return i if edges[i] - v < v - edges[i - 1] else i - 1


@dataclass
class _Part:
    """A table on one page: cells with page-local row numbers."""

    top: float
    bottom: float
    x0: float
    x1: float
    cells: list[tuple[float, float, int, int, str]]  # x0, x1, row0, row1, text
    nrows: int
    xs: list[float]


def _part(table, chars: list[dict]) -> _Part | None:
    boxes = [c for c in table.cells if c[2] - c[0] > 0.5 and c[3] - c[1] > 0.5]
    if not boxes:
        return None
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    # Each character goes to the cell its centre is in: cells looked up by row band.
    by_row: dict[int, list[int]] = {}
    spans = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        r0, r1 = _nearest(ys, top), max(_nearest(ys, bottom) - 1, _nearest(ys, top))
        spans.append((r0, r1))
        for r in range(r0, r1 + 1):
            by_row.setdefault(r, []).append(i)
    owned: list[list[dict]] = [[] for _ in boxes]
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        r = bisect.bisect_right(ys, cy) - 1
        for i in by_row.get(r, ()):
            x0, top, x1, bottom = boxes[i]
            if x0 <= cx <= x1 and top <= cy <= bottom:
                owned[i].append(ch)
                break
    cells = []
    for i, (x0, top, x1, bottom) in enumerate(boxes):
        r0, r1 = spans[i]
        cells.append((x0, x1, r0, r1, _cell_text(owned[i], x1)))
    cells.sort(key=lambda c: (c[2], c[0]))
    x0, top, x1, bottom = table.bbox
    return _Part(top, bottom, x0, x1, cells, max(1, len(ys) - 1), xs)


@dataclass
class _Line:
    top: float
    chunks: list[tuple[float, float, str]]

    @property
    def text(self) -> str:
        return " ".join(t for _, _, t in self.chunks)


def _level(ch: dict) -> bool:
    """Upright text of a normal size: a watermark (草稿, 样张) is large and turned."""
    m = ch.get("matrix") or (1, 0, 0, 1, 0, 0)
    return ch.get("upright", True) and abs(m[1]) < 0.01 and abs(m[2]) < 0.01 and ch["size"] < 40


def _page_items(page) -> tuple[list, int]:
    """A page's tables and text lines, top to bottom, and its number of characters."""
    all_chars = page.chars
    chars = [c for c in all_chars if c["text"].strip() and _level(c)]
    # A merged cell cut by the page break has no line under it at the foot of the page (nor
    # above it at the head of the next): the table is closed where its vertical lines end.
    verticals = [e for e in page.edges if e["orientation"] == "v" and e["height"] > 2]
    settings = dict(TABLE_SETTINGS)
    if verticals:
        settings["explicit_horizontal_lines"] = [min(e["top"] for e in verticals),
                                                 max(e["bottom"] for e in verticals)]
    tables = [t for t in page.find_tables(settings) if len(t.cells) >= 2]
    boxes = [t.bbox for t in tables]

    def inside(ch, b) -> bool:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        return b[0] - 1 <= cx <= b[2] + 1 and b[1] - 1 <= cy <= b[3] + 1

    per_table: list[list[dict]] = [[] for _ in tables]
    outside = []
    for ch in chars:
        for i, b in enumerate(boxes):
            if inside(ch, b):
                per_table[i].append(ch)
                break
        else:
            outside.append(ch)
    items: list = []
    for t, cs in zip(tables, per_table):
        part = _part(t, cs)
        if part is not None:
            items.append(part)
    height = float(page.height)
    for line in _lines(outside):
        chunks = _chunks(line)
        text = " ".join(t for _, _, t in chunks)
        top = line[0]["top"]
        # Page numbers and print dates in the margins are not part of the form.
        if _PAGE_FURNITURE.search(text) and (top < height * 0.1 or top > height * 0.88):
            continue
        if chunks:
            items.append(_Line(top, chunks))
    items.sort(key=lambda it: it.top)
    return items, len(all_chars)


# -- joining pages ---------------------------------------------------------------------------------
def _add_part(run: _Run, part: _Part, continued: bool) -> None:
    cells = part.cells
    drop = 0
    if continued:
        # Header rows printed again at the top of the page: the first rows equal to earlier ones.
        sigs = [tuple(sorted((round(c[0] / 3), squash(c[4])) for c in cells if c[2] == r and c[4]))
                for r in range(min(part.nrows, 4))]
        earlier = {run.row_signature(r): r for r in range(min(run.rows, 60))}
        if sigs and sigs[0] and sigs[0] in earlier:
            start = earlier[sigs[0]]
            drop = 1
            while drop < len(sigs) and sigs[drop] and run.row_signature(start + drop) == sigs[drop]:
                drop += 1
    offset = run.rows - drop
    last = run.rows - 1
    for x0, x1, r0, r1, text in cells:
        if r0 < drop:
            continue
        if continued and r0 == drop:
            # A merged label cut by the page break: the top cell, empty or with the label printed
            # again, continues the one above.
            above = [c for c in run.cells if c.row1 == last and abs(c.x0 - x0) < _EDGE_TOL
                     and abs(c.x1 - x1) < _EDGE_TOL]
            tall = above and r1 > r0 and above[0].row1 > above[0].row0
            if above and (not text or squash(text) == squash(above[0].text)) \
                    and (tall or (above[0].text and (r1 > r0 or above[0].row1 > above[0].row0))):
                above[0].row1 = r1 + offset
                continue
        run.cells.append(_Cell(x0, x1, r0 + offset, r1 + offset, text))
    run.rows = offset + part.nrows
    run.x0 = part.x0 if not run.edges else min(run.x0, part.x0)
    run.x1 = max(run.x1, part.x1)
    run.edges.extend(part.xs)


def _add_line(run: _Run, line: _Line) -> None:
    for x0, x1, text in line.chunks:
        run.cells.append(_Cell(x0, x0, run.rows, run.rows, text, right=x1, alone=len(line.chunks) == 1))
    run.rows += 1


def _grid(run: _Run, name: str) -> Grid:
    edges = _cluster(run.edges) if run.edges else [0.0]
    middle, width = (edges[0] + edges[-1]) / 2, max(edges[-1] - edges[0], 1.0)
    sheet = Sheet("pdf", name)
    sheet.notes.extend(run.notes)
    for cell in run.cells:
        if cell.row0 >= MAX_ROWS:
            sheet.cut_rows = True
            continue
        if cell.x1 > cell.x0:  # a table cell
            c0 = _nearest(edges, cell.x0)
            c1 = max(c0, _nearest(edges, cell.x1) - 1)
        elif cell.alone and abs((cell.x0 + cell.right) / 2 - middle) < width * 0.05 \
                and abs(edges[_nearest(edges, cell.x0)] - cell.x0) > 4:
            c0 = c1 = 0  # a title centred over the table (not set at a column's left edge)
        else:  # a piece of a text line: the column it starts in
            c0 = c1 = max(0, bisect.bisect_right(edges, cell.x0 + 3) - 1)
            c0 = c1 = min(c0, max(len(edges) - 2, 0))
            if sheet.cells.get((cell.row0, c0)):
                sheet.cells[(cell.row0, c0)] += " " + cell.text
                continue
        if c0 >= MAX_COLS:
            sheet.cut_cols = True
            continue
        sheet.put(cell.row0, c0, cell.text)
        sheet.merge(cell.row0, c0, cell.row1, c1)
    return sheet.grid()


def _continues(run: _Run, part: _Part, between: list[_Line], new_page: bool) -> bool:
    """Whether ``part`` (first table on a new page) continues the table of ``run``."""
    if not new_page or not run.cells:
        return False
    if not (abs(run.x0 - part.x0) < 6 and abs(run.x1 - part.x1) < 6):
        return False
    # A page header (the title again, 续) may stand above the continued table; a new title not.
    rest = [ln for ln in between if "续" not in ln.text and not _already(run, ln)]
    return not rest or _adopt(run, rest)


def _already(run: _Run, line: _Line) -> bool:
    """A line whose pieces all stand in the table already (a label printed again above the page)."""
    texts = {squash(c.text) for c in run.cells}
    return all(squash(t) in texts for _, _, t in line.chunks)


def _adopt(run: _Run, lines: list[_Line]) -> bool:
    """Labels of merged cells cut by the page break, drawn (clipped) above the next page's table.

    LibreOffice centres a merged cell's text over the whole range, even where the range goes on
    to the next page, and clips it: the text lands in the top margin of the next page and the
    cell on this page looks empty. Each piece goes back to the empty merged cell it stands over.
    """
    last = run.rows - 1
    homes = []
    for line in lines:
        for x0, _, text in line.chunks:
            home = next((c for c in run.cells if c.row1 == last and c.row1 > c.row0 and not c.text
                         and c.x1 > c.x0 and c.x0 - 1 <= x0 <= c.x1), None)
            if home is None or home in homes:
                return False
            homes.append((home, text))
    for home, text in homes:
        home.text = text
    return True


# -- the entry point -------------------------------------------------------------------------------
def _open(data: bytes):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise _encrypted() from None
    except Exception as exc:  # pdfminer raises many kinds on a damaged file
        # pdfplumber wraps pdfminer's errors: the cause is its first argument.
        causes = [exc, *(a for a in exc.args if isinstance(a, BaseException))]
        if any(isinstance(c, PDFPasswordIncorrect) or "encrypt" in type(c).__name__.lower() for c in causes):
            raise _encrypted() from None
        log.info("pdf not readable: %r", exc)
        raise _damaged() from None


def _encrypted() -> ImportFailed:
    return ImportFailed("PDF 文件设置了打开密码：请用密码打开后“另存为/打印为”不加密的 PDF，"
                        "或改用原始的 Excel/Word 文件导入。")


def _damaged() -> ImportFailed:
    return ImportFailed("PDF 文件已损坏（可能没有下载完整或被截断）：请重新获取文件，或改用原始的 Excel/Word 文件导入。")


def read_pdf(data: bytes, name: str = "") -> list[Grid]:
    """The ruled tables of a PDF, one grid per table run (pages joined), with the text around them."""
    pdf = _open(data)
    try:
        try:
            pages = pdf.pages
            count = len(pages)
        except Exception as exc:  # a damaged page tree
            log.info("pdf pages not readable: %r", exc)
            raise _damaged() from None
        if count > MAX_PAGES:
            raise ImportFailed(f"PDF 有 {count} 页，远超一份绩效自评表（最多读取 {MAX_PAGES} 页）：请确认选对了文件，"
                               "或只把自评表所在的页面另存为 PDF 后再导入。")
        if count == 0:
            raise ImportFailed("PDF 中没有页面：请确认选对了文件。")
        items_by_page = []
        chars = 0
        for page in pages:
            try:
                items, n = _page_items(page)
            except ImportFailed:
                raise
            except Exception as exc:
                log.info("pdf page %s not readable: %r", page.page_number, exc)
                raise _damaged() from None
            finally:
                page.close()
            chars += n
            items_by_page.append(items)
    finally:
        pdf.close()
    if chars == 0:
        raise ImportFailed("PDF 中没有文字，只有图像（可能是扫描件或照片）：程序无法从图像中读出表格。"
                           "请改用原始的 Excel/Word 文件导入，或按纸面内容在程序中录入。")
    return _runs(items_by_page, name)


def _runs(items_by_page: list[list], name: str) -> list[Grid]:
    runs: list[_Run] = []
    run: _Run | None = None
    pending: list[_Line] = []  # lines waiting for the next table (a title above it)
    for page_no, items in enumerate(items_by_page, 1):
        first_on_page = True
        for item in items:
            if isinstance(item, _Line):
                if run is not None and not first_on_page:
                    _add_line(run, item)  # below the table on its page: sign-off lines
                else:
                    pending.append(item)
                continue
            if run is not None and _continues(run, item, pending, first_on_page and run.page_to == page_no - 1):
                _add_part(run, item, continued=True)
            elif run is not None and not first_on_page and not pending:
                _add_part(run, item, continued=False)  # the next table on the same page
            else:
                if run is not None:
                    runs.append(run)
                run = _Run(page_from=page_no)
                for line in pending:
                    _add_line(run, line)
                _add_part(run, item, continued=False)
            pending = []
            run.page_to = page_no
            first_on_page = False
    if run is not None:
        for line in pending:  # text after the last table, on a page of its own
            _add_line(run, line)
        runs.append(run)
    if not runs:
        raise ImportFailed("PDF 中没有找到带表格线的表格：程序只能读取画有表格线的自评表。请改用原始的 Excel/Word "
                           "文件导入，或在 PDF 阅读器中选中表格内容复制后粘贴。")
    grids = []
    for r in runs:
        label = f"第 {r.page_from} 页" if r.page_from == r.page_to else f"第 {r.page_from}–{r.page_to} 页"
        if r.page_to > r.page_from:
            r.notes.append(f"{label}的表格跨页，已连成一个表读取（每页重复的表头只读一次）。")
        grid = _grid(r, f"{name} {label}".strip() if name else label)
        if not is_blank(grid):
            grids.append(grid)
    return grids
