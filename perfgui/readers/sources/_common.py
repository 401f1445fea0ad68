"""What every source does alike: bounded rows and columns, cell text cleaned the same way."""

from __future__ import annotations

from ...exchange.errors import ImportFailed
from ..cells import squash
from ..grid import MAX_COLS, MAX_ROWS, Grid, Merge

# No form file is this large; a bigger one is refused before any parser sees it.
MAX_FILE_BYTES = 20 * 1024 * 1024

_SPACES = " \t\u3000\u00a0"


def clean_cell(text: str) -> str:
    """A cell's text with line breaks as ``\\n`` and no spaces around it or its lines."""
    if not text:
        return ""
    if text.isprintable():
        return text.strip(" ")  # one line with no tab, no break and no other space: most cells
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\x0b", "\n")
    text = text.replace("\u00a0", " ")
    lines = [ln.strip(_SPACES) for ln in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)


class Sheet:
    """A bounded grid under construction: rows of texts and merged ranges, 0-based."""

    def __init__(self, source: str, name: str) -> None:
        self.source = source
        self.name = name
        self.cells: dict[tuple[int, int], str] = {}
        self.merges: list[Merge] = []
        self.notes: list[str] = []
        self.cut_rows = False
        self.cut_cols = False

    def put(self, r: int, c: int, text: str) -> None:
        if r >= MAX_ROWS:
            self.cut_rows = True
            return
        if c >= MAX_COLS:
            self.cut_cols = True
            return
        text = clean_cell(text)
        if text:
            self.cells[(r, c)] = text

    def merge(self, top: int, left: int, bottom: int, right: int) -> None:
        if top >= MAX_ROWS or left >= MAX_COLS:
            return
        bottom, right = min(bottom, MAX_ROWS - 1), min(right, MAX_COLS - 1)
        if (bottom, right) != (top, left) and bottom >= top and right >= left:
            self.merges.append(Merge(top, left, bottom, right))

    def grid(self) -> Grid:
        """The rows, trailing empty rows and columns dropped, every row as wide as the widest."""
        nrows = max((r for r, _ in self.cells), default=-1) + 1
        ncols = max((c for _, c in self.cells), default=-1) + 1
        # A merged range that holds text keeps its size: its borders are part of the layout
        # (a title merged over every column, a label merged down past the last row of text).
        for m in self.merges:
            if (m.top, m.left) in self.cells:
                nrows, ncols = max(nrows, m.bottom + 1), max(ncols, m.right + 1)
        rows = [[""] * ncols for _ in range(nrows)]
        for (r, c), text in self.cells.items():
            rows[r][c] = text
        notes = list(self.notes)
        where = f"“{self.name}”" if self.name else "表格"
        if self.cut_rows:
            notes.append(f"{where}超过 {MAX_ROWS} 行，只读取了前 {MAX_ROWS} 行。")
        if self.cut_cols:
            notes.append(f"{where}超过 {MAX_COLS} 列，只读取了前 {MAX_COLS} 列。")
        return Grid(rows, self.merges, source=self.source, name=self.name, notes=notes)


def is_blank(grid: Grid) -> bool:
    return not any(any(t for t in row) for row in grid.rows)


def too_large(size: int, what: str) -> ImportFailed:
    return ImportFailed(f"{what}有 {size / 1024 / 1024:.0f} MB，超过 {MAX_FILE_BYTES // 1024 // 1024} MB："
                        "绩效自评表不会这么大，请确认选对了文件。")


def looks_like_form(grid: Grid) -> bool:
    """Whether a table carries the labels of a 绩效自评表 (indicators or a budget block)."""
    text = squash("".join("".join(row) for row in grid.rows[:400]))
    return "指标" in text or ("预算数" in text and "执行" in text) or "自评" in text
