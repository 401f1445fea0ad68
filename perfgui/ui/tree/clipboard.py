"""What the tree puts on the clipboard (and in a drag) and how it reads it back.

Copying a subtree writes two formats: our own mime type with the JSON of
``serialize.node_to_dict`` (lossless, for pasting back into a tree) and tab-separated text in
the official nine columns, which Excel and WPS paste as a table. Pasting accepts our own format,
text in the official nine columns (read with ``perfgui.readers.pasted.read_pasted``, rows without
a header included), or rows of a person's own sheet in any column order, recognised by content
(``perfgui.model.rows_paste``), which go in as siblings of the selected row.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ...model.form import Node
from ...model.form_bounds import describe_problems, nodes_number_problems
from ...model.numbers import fmt2
from ...exchange.errors import ImportFailed
from ...readers.guesses import Guess
from ...readers.pasted import read_pasted
from ...model.serialize import FormatError, node_from_dict, node_to_dict
from .columns import level_of, translate

if TYPE_CHECKING:
    from ...model.rows_paste import PastedRows

# ``model.rows_paste`` (spreadsheet rows in any column order) is imported on the first paste:
# the window starts without it.

MIME_NODES = "application/x-perfgui-nodes+json"
PAYLOAD_FORMAT = "perfgui-nodes"

# The reader's names for rows whose 一级 / 二级 column was empty: we unwrap those.
_PLACEHOLDERS = {"（未命名一级指标）": 1, "（未命名二级指标）": 2}
# What the reader says about the whole table that means nothing for rows pasted into a tree.
_IRRELEVANT = re.compile(r"基本信息中补填|未命名的?[一二]级指标|没有印出权重|没有权重列|表[中上]印的|表中没有表名|金额单位")
# Rows copied without the header are the usual case: worth a word, not a dialog.
COLUMN_ORDER_NOTE = re.compile(r"按官方列顺序")


@dataclass
class Payload:
    source: str
    ids: list[str]
    nodes: list[Node]  # fresh objects, ids as in the source
    levels: list[int]  # the level each node had where it was copied


@dataclass
class PasteItems:
    """Subtrees to insert, each with the level it had, and what the reader guessed."""

    nodes: list[Node]
    levels: list[int]
    merge_by_name: bool  # rows from a table: fold a 一级/二级 into an existing one of that name
    guesses: list[Guess] = field(default_factory=list)
    from_table: bool = False
    # Rows of a person's own sheet: all go in as siblings of the selected row, at its level.
    rows: PastedRows | None = None


_MIME_FACTORY: QStandardItemModel | None = None


def new_mime() -> QMimeData:
    """An empty QMimeData allocated by Qt itself: the kind that may be left on the clipboard.

    The clipboard keeps its data until the process ends and Qt deletes it in an exit handler,
    after Python has finalised. A QMimeData created from Python (PySide's wrapper subclass) then
    calls back into the dead interpreter and the program crashes on exit (PySide 6.12). One made
    by Qt's own ``QAbstractItemModel.mimeData`` carries no such callback.
    """
    global _MIME_FACTORY
    if _MIME_FACTORY is None:
        _MIME_FACTORY = QStandardItemModel()
        _MIME_FACTORY.appendRow(QStandardItem())
    mime = _MIME_FACTORY.mimeData([_MIME_FACTORY.index(0, 0)])
    for fmt in mime.formats():
        mime.removeFormat(fmt)
    return mime


def nodes_to_mime(nodes: list[Node], source: str = "") -> QMimeData:
    mime = new_mime()
    payload = {
        "format": PAYLOAD_FORMAT,
        "version": 1,
        "source": source,
        "items": [{"level": level_of(n), "node": node_to_dict(n)} for n in nodes],
    }
    mime.setData(MIME_NODES, json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    mime.setText(nodes_to_tsv(nodes))
    return mime


def payload_from_mime(mime: QMimeData | None) -> Payload | None:
    """Our own payload from mime data; None if there is none or it is damaged."""
    if mime is None or not mime.hasFormat(MIME_NODES):
        return None
    try:
        data = json.loads(bytes(mime.data(MIME_NODES)).decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != PAYLOAD_FORMAT:
            return None
        items = data.get("items")
        if not isinstance(items, list) or not items:
            return None
        nodes, levels, ids = [], [], []
        for item in items:
            if not isinstance(item, dict):
                return None
            node = node_from_dict(item.get("node"))
            level = item.get("level")
            if not isinstance(level, int) or not 1 <= level <= 3:
                return None
            nodes.append(node)
            levels.append(level)
            ids.append(node.id)
        return Payload(str(data.get("source", "")), ids, nodes, levels)
    except (ValueError, UnicodeDecodeError, FormatError):
        return None


def _cells(node: Node, level: int) -> list[str]:
    row = [""] * 9
    name = node.name.replace("\t", " ")
    if level == 1:
        row[0] = name
        row[1] = fmt2(node.weight)
        return row
    row[2 if level == 2 else 3] = name
    if not node.children:
        row[4] = node.target.replace("\t", " ")
        row[5] = node.actual.replace("\t", " ")
        row[6] = fmt2(node.max_points)
        row[7] = fmt2(node.score)
        # One line per row: a spreadsheet cell with line breaks would need quoting that the
        # pasted-text reader (and many people's habits) do not expect.
        row[8] = " ".join(node.reason.replace("\t", " ").split())
    return row


def nodes_to_tsv(nodes: list[Node]) -> str:
    """Tab-separated rows in the official nine columns (no header), one per node of each subtree."""
    lines: list[str] = []

    def emit(node: Node, level: int) -> None:
        lines.append("\t".join(_cells(node, max(1, min(level, 3)))))
        for child in node.children:
            emit(child, level + 1)

    for top in nodes:
        emit(top, level_of(top))
    return "\r\n".join(lines) + "\r\n" if lines else ""


def _unwrap(node: Node, level: int, out_nodes: list[Node], out_levels: list[int]) -> None:
    """Replace the reader's placeholder groups by their children."""
    placeholder = _PLACEHOLDERS.get(node.name)
    if placeholder == level:
        for child in list(node.children):
            child.parent = None
            _unwrap(child, level + 1, out_nodes, out_levels)
        node.children.clear()
        return
    out_nodes.append(node)
    out_levels.append(level)


def items_from_text(text: str) -> PasteItems:
    """Subtrees read from table text copied out of Excel/WPS/PDF; raises ImportFailed (Chinese)."""
    from ...model.rows_paste import RowsPasteError, is_official_layout, read_rows, split_cells

    if not is_official_layout(split_cells(text)):
        try:
            rows = read_rows(text)
        except RowsPasteError as exc:
            raise ImportFailed(str(exc)) from exc
        return PasteItems(rows.nodes, [0] * len(rows.nodes), merge_by_name=False, from_table=True, rows=rows)
    result = read_pasted(text)
    nodes: list[Node] = []
    levels: list[int] = []
    for section in list(result.form.root.children):
        section.parent = None
        _unwrap(section, 1, nodes, levels)
    if not nodes:
        raise ImportFailed(translate("IndicatorTree", "粘贴的内容里没有指标行。"))
    guesses = [g for g in result.guesses if not _IRRELEVANT.search(g.message)]
    return PasteItems(nodes, levels, merge_by_name=True, guesses=guesses, from_table=True)


def first_cell(text: str) -> str:
    """What Ctrl+V puts into an open cell: the first cell of copied table text."""
    from ...model.rows_paste import split_cells

    rows = split_cells(text)
    return rows[0][0] if rows and rows[0] else text.strip()


def bounds_error(nodes: list[Node], dropped: bool = False) -> str:
    """Why indicators about to go in (pasted, or ``dropped``) are refused: a number out of bounds ("" if none)."""
    problems = nodes_number_problems(nodes)
    if not problems:
        return ""
    text = (translate("IndicatorTree", "{problem}：请改正后再拖入，表单未改动。") if dropped else
            translate("IndicatorTree", "{problem}：请改正后再粘贴，表单未改动。"))
    return text.format(problem=describe_problems(problems))


def items_from_mime(mime: QMimeData | None) -> PasteItems:
    """What a paste would insert; raises ImportFailed with a Chinese message when nothing fits.

    A number out of bounds refuses the whole paste, before anything reaches the undo stack.
    """
    payload = payload_from_mime(mime)
    if payload is not None:
        # New ids: a pasted copy is a new indicator, and pasting twice must not repeat ids.
        items = PasteItems([n.copy() for n in payload.nodes], payload.levels, merge_by_name=False)
    else:
        text = mime.text() if mime is not None and mime.hasText() else ""
        if not text.strip():
            raise ImportFailed(translate("IndicatorTree", "剪贴板中没有可粘贴的指标：请先复制指标，或从 Excel/WPS 复制表格行。"))
        items = items_from_text(text)
    refused = bounds_error(items.nodes)
    if refused:
        raise ImportFailed(refused)
    return items
