"""Bordered grids with merged cells, broken into pages the way official tables are printed.

A ``PrintGrid`` is rows of ``Cell`` s over fixed column widths; a cell may span columns and rows.
``Flow`` stacks grids and free blocks (title, sign-off) down the pages and decides where pages
break:

- the rows named in ``PrintGrid.repeat`` (the column header) are repeated at the top of every page
  the grid continues on;
- a row never breaks across pages unless it alone is taller than a page; such a row is cut
  between lines of text, its cells continuing on the next page;
- a merged cell that crosses a page break is drawn on each page as its own box with its label
  repeated, and every page's box is made tall enough for the label;
- ``keep`` keeps a small grid (and what is kept with it) on one page;
- ``tail`` is the height of what must follow a grid's end on the same page (the score line and
  the sign-off block after the indicator table): the grid's last two rows move to the next page
  with it rather than leave it alone there.

Everything here is geometry in points, measured top-down from the top of the page's body;
``render`` turns the resulting pages into PDF drawing calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .textflow import Line, Typesetter

LEADING = 1.32  # line height as a multiple of the type size
PAD_X = 3.0  # points of space between a cell's border and its text, left and right
PAD_Y = 2.6  # … and top and bottom
MIN_SPLIT_LINES = 3  # a tall row is started on a page only if this many lines fit there


@dataclass
class Cell:
    text: str
    col: int
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"  # "left", "center" or "right"
    valign: str = "middle"  # "middle" or "top"
    bold: bool = False
    # Printed in place of the text on the pieces of a row cut across pages (``名称（续）``).
    continued: str = ""
    # What the text shows, for the Excel sheet that copies these grids cell for cell: a number
    # (``value``, shown as ``fmt``: "money", "points", "weight", "rate", "rate%"), ``key`` naming
    # the cell for formulas ("planned", "actual", "max", "score", "budget_points"), and ``calc``
    # for a cell Excel computes ("rate", "budget_score", "total_max", "total_score", "score", "grade").
    value: object = None
    fmt: str = ""
    key: str = ""
    calc: str = ""
    size: float = 9.0
    # Set by measuring.
    lines: tuple[Line, ...] = ()
    x: float = 0.0
    width: float = 0.0

    @property
    def leading(self) -> float:
        return self.size * LEADING

    def content_height(self) -> float:
        return len(self.lines) * self.leading


@dataclass
class Span:
    """A cell merged over several rows, and the rows it covers."""

    cell: Cell
    first: int
    last: int
    label_height: float


@dataclass
class PrintGrid:
    widths: list[float]
    rows: list[list[Cell]]
    repeat: tuple[int, int] | None = None  # rows [a, b) repeated on continuation pages
    keep: bool = False  # start on a new page rather than break, when the grid fits on one
    name: str = ""  # "header", "budget", "goals", "indicators", "score"
    # Set by measuring.
    heights: list[float] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    row_spans: list[list[Span]] = field(default_factory=list)

    def measure(self, setter: Typesetter) -> None:
        """Set every cell's text and find each row's natural height and the merged cells."""
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        n = len(self.rows)
        heights = [0.0] * n
        self.spans = []
        self.row_spans = [[] for _ in range(n)]
        for r, row in enumerate(self.rows):
            for cell in row:
                cell.x = xs[cell.col]
                cell.width = xs[min(cell.col + cell.colspan, len(self.widths))] - cell.x
                cell.lines = setter.lines(cell.text, cell.width - 2 * PAD_X, cell.size)
                need = max(cell.content_height(), cell.leading) + 2 * PAD_Y
                if cell.rowspan <= 1:
                    heights[r] = max(heights[r], need)
                else:
                    last = min(n - 1, r + cell.rowspan - 1)
                    span = Span(cell, r, last, need)
                    self.spans.append(span)
                    for rr in range(r, last + 1):
                        self.row_spans[rr].append(span)
        for r in range(n):
            if heights[r] == 0.0:
                heights[r] = 9.0 * LEADING + 2 * PAD_Y
        self.heights = heights

    def natural_height(self) -> float:
        return sum(self.heights)


@dataclass
class PlacedRow:
    """A grid row (or a piece of one) on a page: where, how tall, which lines of each cell."""

    row: int
    y: float
    height: float
    # For a row cut across pages: cell position in the row → (first line, end line).
    pieces: dict[int, tuple[int, int]] | None = None


@dataclass
class PrintGridSlice:
    grid: PrintGrid
    rows: list[PlacedRow] = field(default_factory=list)


@dataclass
class Block:
    """Free content of a fixed height, drawn by a callback (title, sign-off)."""

    height: float
    draw: Callable  # draw(painter, y_top) in body coordinates
    keep_with_next: float = 0.0  # height of what follows that must share its page


@dataclass
class PlacedBlock:
    block: Block
    y: float


@dataclass
class Page:
    items: list = field(default_factory=list)  # PrintGridSlice and PlacedBlock in drawing order


class Flow:
    """Places grids and blocks down pages of a fixed body height."""

    def __init__(self, body_height: float, setter: Typesetter) -> None:
        self.body_height = body_height
        self.setter = setter
        self.pages: list[Page] = [Page()]
        self.y = 0.0

    # -- pages -----------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def remaining(self) -> float:
        return self.body_height - self.y

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = 0.0

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits on this one (or this page is still empty)."""
        if height > self.remaining + 1e-6 and self.y > 0:
            self.new_page()

    # -- blocks ----------------------------------------------------------------------------
    def add_block(self, block: Block) -> None:
        self.ensure(min(block.height + block.keep_with_next, self.body_height))
        self.page.items.append(PlacedBlock(block, self.y))
        self.y += block.height

    def space(self, height: float) -> None:
        self.y = min(self.body_height, self.y + height)

    # -- grids -----------------------------------------------------------------------------
    def add_grid(self, grid: PrintGrid, keep_with_next: float = 0.0, tail: float = 0.0) -> None:
        grid.measure(self.setter)
        heights = grid.heights
        n = len(heights)
        total = grid.natural_height()
        if grid.keep and total + keep_with_next <= self.body_height:
            self.ensure(total + keep_with_next)
        a, b = grid.repeat if grid.repeat else (0, 0)
        header_h = sum(heights[a:b])
        # The rows before the body (a lead-in, the header) stay with the first body row.
        first = heights[b] if b < n else 0.0
        if b < n:
            # The first row must also have room for its merged labels, as place_body asks.
            most = self.body_height - header_h
            first = max([first] + [min(s.label_height, most) for s in grid.row_spans[b]])
        if first > self.body_height - header_h:
            # A first row taller than a page starts where a few of its lines fit.
            first = 2 * PAD_Y + MIN_SPLIT_LINES * max(c.leading for c in grid.rows[b])
        lead_h = sum(heights[:b]) + first
        self.ensure(min(lead_h, self.body_height))
        state = _GridState(self, grid, header_h, a, b, tail)
        state.start_slice()
        for r in range(b):
            state.place(r, heights[r])
        state.room = self.remaining
        for r in range(b, n):
            state.place_body(r)


class _GridState:
    """Placement of one grid's rows, with the bookkeeping for merged cells on each page."""

    def __init__(self, flow: Flow, grid: PrintGrid, header_h: float, a: int, b: int,
                 tail: float = 0.0) -> None:
        self.flow = flow
        self.tail = tail
        self.grid = grid
        self.header_h = header_h
        self.repeat = (a, b)
        self.slice: PrintGridSlice | None = None
        self.seg: dict[int, float] = {}  # id(span) → its height so far on this page
        self.pending = 0.0  # height the last row needs if the page breaks after it
        self.room = flow.body_height - header_h  # height below the header on this page

    def start_slice(self) -> None:
        self.slice = PrintGridSlice(self.grid)
        self.flow.page.items.append(self.slice)
        self.seg = {}
        self.pending = 0.0

    def place(self, r: int, height: float, pieces: dict[int, tuple[int, int]] | None = None) -> None:
        self.slice.rows.append(PlacedRow(r, self.flow.y, height, pieces))
        self.flow.y += height
        for span in self.grid.row_spans[r]:
            self.seg[id(span)] = self.seg.get(id(span), 0.0) + height

    def break_page(self) -> None:
        """Finish this page (growing the last row for cut labels) and continue on a new one."""
        if self.pending > 0 and self.slice.rows:
            last = self.slice.rows[-1]
            last.height += self.pending
            self.flow.y += self.pending
        self.flow.new_page()
        self.start_slice()
        a, b = self.repeat
        for r in range(a, b):
            self.place(r, self.grid.heights[r])
        self.room = self.flow.remaining

    def extras(self, r: int, height: float) -> tuple[float, float]:
        """Extra height row r needs so merged labels fit: if their span ends here / if the page breaks here."""
        end = brk = 0.0
        # A label taller than the page's room for this grid gets that room (it is cut when drawn).
        most = self.room
        for span in self.grid.row_spans[r]:
            short = min(span.label_height, most) - (self.seg.get(id(span), 0.0) + height)
            if short > brk:
                brk = short
            if span.last == r and short > end:
                end = short
        return end, brk

    def place_body(self, r: int) -> None:
        height = self.grid.heights[r]
        fresh = self.flow.body_height - self.header_h
        if height > fresh + 1e-6:
            self.place_cut(r)
            return
        end, brk = self.extras(r, height)
        n = len(self.grid.heights)
        if self.tail and r >= max(n - 2, self.repeat[1] + 1) and self._body_rows_here():
            # The last rows go with the block that follows rather than strand it on a page.
            rest = sum(self.grid.heights[r:]) + self.tail
            if rest <= self.flow.body_height - self.header_h and rest + end > self.flow.remaining + 1e-6:
                self.break_page()
                end, brk = self.extras(r, height)
        if height + max(end, brk) > self.flow.remaining + 1e-6:
            self.break_page()
            end, brk = self.extras(r, height)
            # On a fresh page a row always goes in; labels taller than a page are clipped.
            end = min(end, max(0.0, self.flow.remaining - height))
            brk = min(brk, max(0.0, self.flow.remaining - height))
        self.place(r, height + end)
        self.pending = max(0.0, brk - end)

    def _body_rows_here(self) -> bool:
        """Whether this page already holds rows of the grid's body (not just its header)."""
        b = self.repeat[1]
        return any(pr.row >= b for pr in self.slice.rows)

    def place_cut(self, r: int) -> None:
        """A row taller than a page: its cells' lines continue from page to page."""
        cells = [(i, c) for i, c in enumerate(self.grid.rows[r]) if c.rowspan <= 1]
        pos = {i: 0 for i, _ in cells}
        leading = max((c.leading for _, c in cells), default=12.0)
        min_need = 2 * PAD_Y + MIN_SPLIT_LINES * leading
        while True:
            if self.flow.remaining < min_need:
                self.break_page()
            avail = self.flow.remaining - 2 * PAD_Y
            pieces: dict[int, tuple[int, int]] = {}
            content = 0.0
            done = True
            for i, cell in cells:
                fit = max(1, int(avail // cell.leading))
                end = min(len(cell.lines), pos[i] + fit)
                pieces[i] = (pos[i], end)
                content = max(content, (end - pos[i]) * cell.leading)
                if end < len(cell.lines):
                    done = False
                pos[i] = end
            height = max(content, leading) + 2 * PAD_Y
            if done:
                end_x, brk_x = self.extras(r, height)
                end_x = min(end_x, max(0.0, self.flow.remaining - height))
                self.place(r, height + end_x, pieces)
                self.pending = min(max(0.0, brk_x - end_x), max(0.0, self.flow.remaining))
                return
            self.pending = 0.0
            self.place(r, height, pieces)
            self.break_page()
