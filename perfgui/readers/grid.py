"""The one intermediate form of every source: cell texts and merged ranges.

A spreadsheet sheet, a Word table, a ruled PDF table, an HTML table and pasted text all become
a ``Grid``. Texts are as the source shows them (numbers with the decimals their format shows,
line breaks inside a cell as ``\\n``); a merged range holds its text in its first cell only, as
the sources store it, and ``text`` gives that text for every cell the range covers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# No real form is larger; a source stops reading beyond these (and says so).
MAX_ROWS = 20_000
MAX_COLS = 60


@dataclass(frozen=True)
class Merge:
    """A merged range, 0-based and inclusive."""

    top: int
    left: int
    bottom: int
    right: int

    def __contains__(self, rc: tuple[int, int]) -> bool:
        r, c = rc
        return self.top <= r <= self.bottom and self.left <= c <= self.right


@dataclass
class Grid:
    """Rows of cell texts with merged ranges, from one sheet, table or page run of a source."""

    rows: list[list[str]]
    merges: list[Merge] = field(default_factory=list)
    source: str = ""  # "xlsx", "xls", "ods", "docx", "pdf", "html", "text"
    name: str = ""  # the sheet, table or page it came from, for messages
    # What the source noticed while reading (rows cut at MAX_ROWS, pages joined), in Chinese.
    notes: list[str] = field(default_factory=list)
    _anchor: dict[tuple[int, int], Merge] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        # A hostile file may claim a range of a million rows: merges never reach past the cells.
        last_row, last_col = len(self.rows) - 1, min(self.ncols, MAX_COLS) - 1
        clipped = []
        for m in self.merges:
            m = Merge(m.top, m.left, min(m.bottom, last_row), min(m.right, last_col))
            if m.top <= m.bottom and m.left <= m.right and (m.bottom, m.right) != (m.top, m.left):
                clipped.append(m)
        self.merges = clipped
        for m in self.merges:
            for r in range(m.top, m.bottom + 1):
                for c in range(m.left, m.right + 1):
                    self._anchor[(r, c)] = m

    @property
    def nrows(self) -> int:
        return len(self.rows)

    @property
    def ncols(self) -> int:
        return max((len(r) for r in self.rows), default=0)

    def raw(self, r: int, c: int) -> str:
        """The text stored at (r, c): empty inside a merged range but for its first cell."""
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return row[c] if 0 <= c < len(row) else ""

    def merge_at(self, r: int, c: int) -> Merge | None:
        return self._anchor.get((r, c))

    def text(self, r: int, c: int) -> str:
        """The visible text at (r, c): a merged range's text in each of its cells."""
        m = self._anchor.get((r, c))
        return self.raw(m.top, m.left) if m else self.raw(r, c)

    def is_first(self, r: int, c: int) -> bool:
        """Whether (r, c) is a cell of its own or the first cell of its merged range."""
        m = self._anchor.get((r, c))
        return m is None or (m.top, m.left) == (r, c)

    def row_texts(self, r: int) -> list[str]:
        """The non-empty texts of row ``r``, each merged range once."""
        return [self.raw(r, c) for c in range(len(self.rows[r]))
                if self.is_first(r, c) and self.raw(r, c).strip()]
