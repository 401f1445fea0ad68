"""What a reader guessed while reading a form, and where in the source it looked.

Every guess names the grid (sheet, table or page run), the row and the column it is about, so
the window can mark the cell and a person can confirm or correct it. Guesses of kind
``printed`` are the figures the file prints that disagree with what the program computes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.form import Form

# What a guess is about; the confirm view offers a correction for the first few.
KIND = "kind"  # 部门整体 or 项目支出
YEAR = "year"
UNIT = "unit"  # 单位名称 / 实施单位
MONEY_UNIT = "money_unit"  # 元 or 万元
HEADER_ROW = "header_row"  # where the indicator table starts, its columns
SKIPPED = "skipped"  # rows left out (template rows, subtotals, repeated headers)
MERGED = "merged"  # labels read from a merged range or from elsewhere in their block
LABEL_POINTS = "label_points"  # points written inside a label: 产出指标(50分)
SHIFT = "shift"  # rows that lost columns at a page break
PRINTED = "printed"  # a printed figure that disagrees with the computed one
VALUE = "value"  # a cell that could not be read as what its column holds
STRUCTURE = "structure"  # where rows were placed in the tree
PACK = "pack"  # the rule pack chosen for what the file prints (exchange.pack_choice)
NOTE = "note"

KIND_LABEL = {
    KIND: "表类型", YEAR: "年度", UNIT: "单位", MONEY_UNIT: "金额单位", HEADER_ROW: "表头",
    SKIPPED: "跳过的行", MERGED: "合并的单元格", LABEL_POINTS: "名称中的分数", SHIFT: "错列", PRINTED: "印数与计算不符",
    VALUE: "数值", STRUCTURE: "归属", PACK: "规则包", NOTE: "说明",
}


@dataclass(frozen=True)
class Guess:
    message: str
    row: int = -1  # 0-based row of the grid, -1 for the whole form
    col: int = -1  # 0-based column, -1 for the whole row
    grid: str = ""  # the sheet, table or page run
    kind: str = NOTE

    @property
    def line(self) -> int:
        """The 1-based row a person sees (0 for the whole form)."""
        return self.row + 1 if self.row >= 0 else 0

    def where(self) -> str:
        place = f"“{self.grid}”" if self.grid else ""
        if self.row >= 0:
            place += f"第{self.row + 1}行"
        return place

    def __str__(self) -> str:
        where = self.where()
        return f"{where}：{self.message}" if where else self.message

    @property
    def kind_label(self) -> str:
        return KIND_LABEL.get(self.kind, KIND_LABEL[NOTE])

    def as_dict(self) -> dict:
        """JSON-ready: row and col 1-based (0 for the whole form or row)."""
        return {"kind": self.kind, "grid": self.grid, "row": self.line,
                "col": self.col + 1 if self.col >= 0 else 0, "message": self.message}


@dataclass
class ReadResult:
    form: Form
    guesses: list[Guess] = field(default_factory=list)
    grid: object | None = None  # the Grid the form was read from (for the confirm view)
    header_row: int | None = None  # 0-based row of the indicator header in that grid
    template_rows: list[int] = field(default_factory=list)  # rows of the template left empty, skipped

    @property
    def printed(self) -> list[Guess]:
        """Printed figures that disagree with the computed ones."""
        return [g for g in self.guesses if g.kind == PRINTED]


class Notes:
    """Collects the guesses of one reading, all about the same grid."""

    def __init__(self, grid_name: str = "") -> None:
        self.grid = grid_name
        self.items: list[Guess] = []

    def add(self, message: str, row: int = -1, col: int = -1, kind: str = NOTE) -> None:
        self.items.append(Guess(message, row, col, self.grid, kind))
