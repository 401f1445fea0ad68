"""The Qt item model over a form's indicator tree: an adapter of the editing document.

As in Qt's editabletreemodel example, the model holds no copy of the data: an index's
internal id maps to a ``Node`` of ``form.root``. It never changes a node either. What a person
types (``setData``) or drops (``dropMimeData``) is handed to the document's undoable edits
(``document.EditDocument``); the document changes the nodes and notifies, and the model turns
each notification into Qt's begin/end calls and ``dataChanged`` signals, including the
subtotal cells of every ancestor.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from ... import packs
from ...model.form import Form, Node
from ...model.numbers import fmt2
from ...model.rules import ERROR, Finding
from . import clipboard
from .columns import (
    COL_ACTUAL, COL_MAX, COL_NAME, COL_REASON, COL_SCORE, COL_TARGET, COL_WEIGHT, COLUMN_COUNT,
    COLUMN_OF_FIELD, FIELD_OF_COLUMN, NUMBER_COLUMNS, editable_fields, field_label,
    header_labels, level_of, parse_field, row_of,
)

if TYPE_CHECKING:
    from ..document import EditDocument

ZERO = Decimal(0)

ERROR_BACKGROUND = QColor(250, 212, 212)
WARNING_BACKGROUND = QColor(255, 236, 184)
SECTION_BACKGROUND = QColor(236, 241, 248)
PLACEHOLDER_FOREGROUND = QColor(150, 150, 150)

_ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

# data() and flags() run for every visible cell on every paint: plain constants, not enum lookups
# and enum arithmetic, keep painting 2,000 rows smooth.
_DISPLAY = Qt.ItemDataRole.DisplayRole
_EDIT = Qt.ItemDataRole.EditRole
_ALIGN = Qt.ItemDataRole.TextAlignmentRole
_FONT = Qt.ItemDataRole.FontRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_DECORATION = Qt.ItemDataRole.DecorationRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_F = Qt.ItemFlag
_FLAGS_READ_ONLY = _F.ItemIsEnabled | _F.ItemIsSelectable
_FLAGS = {
    (drop, edit): _FLAGS_READ_ONLY | _F.ItemIsDragEnabled
    | (_F.ItemIsDropEnabled if drop else _F.NoItemFlags) | (_F.ItemIsEditable if edit else _F.NoItemFlags)
    for drop in (False, True) for edit in (False, True)
}


def _dot_icon(color: QColor, mark: str) -> QIcon:
    """A small round badge (✖ / !) drawn at run time: no image files, crisp at any scale."""
    icon = QIcon()
    for size in (16, 32):
        pm = QPixmap(size, size)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(color)
        p.drawEllipse(1, 1, size - 2, size - 2)
        p.setPen(QColor("white"))
        f = QFont()
        f.setBold(True)
        f.setPixelSize(int(size * 0.7))
        p.setFont(f)
        p.drawText(pm.rect(), Qt.AlignmentFlag.AlignCenter, mark)
        p.end()
        icon.addPixmap(pm)
    return icon


class IndicatorModel(QAbstractItemModel):
    """Adapts a document's ``form.root`` to Qt's model/view; changes go through the document."""

    # A typed value was refused: (node id, field, Chinese message saying what to fix).
    editRejected = Signal(str, str, str)

    def __init__(self, document: "EditDocument", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.form: Form = document.form
        self.root: Node = document.form.root
        # internal id → node. Holding the node keeps the id unique and any stale index harmless
        # (a removed node stays alive here, so an old index can never point at freed memory).
        self._nodes: dict[int, Node] = {}
        # id(node) → (Σ分值, Σ得分) of a parent row; dropped along the path of every change.
        self._sums: dict[int, tuple[Decimal, Decimal]] = {}
        # node id → {field: findings}; node id → worst level on the row.
        self._cell_findings: dict[str, dict[str, tuple[Finding, ...]]] = {}
        self._row_level: dict[str, str] = {}
        self._read_only = False
        self.last_error = ""
        self._headers = header_labels(packs.layout_of(self.form))
        self._bold = QFont()
        self._bold.setBold(True)
        self._error_icon = _dot_icon(QColor(200, 40, 40), "✖")
        self._warning_icon = _dot_icon(QColor(214, 140, 0), "!")
        self._error_brush = QBrush(ERROR_BACKGROUND)
        self._warning_brush = QBrush(WARNING_BACKGROUND)
        self._section_brush = QBrush(SECTION_BACKGROUND)
        self._placeholder_brush = QBrush(PLACEHOLDER_FOREGROUND)
        self._uid = f"{id(self):x}-{self.form.id}"
        document.fieldChanged.connect(self._on_field_changed)
        document.previewChanged.connect(self._on_preview_changed)
        document.nodesAboutToBeInserted.connect(self._on_about_to_insert)
        document.nodesInserted.connect(self._on_inserted)
        document.nodesAboutToBeRemoved.connect(self._on_about_to_remove)
        document.nodesRemoved.connect(self._on_removed)
        document.nodeAboutToBeMoved.connect(self._on_about_to_move)
        document.nodeMoved.connect(self._on_moved)

    # -- read-only mode ------------------------------------------------------------------------
    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        """A final form (or one opened read-only) can be looked at, not changed."""
        if read_only != self._read_only:
            self._read_only = read_only
            self._emit_all_rows()

    # -- structure -------------------------------------------------------------------------------
    def _key(self, node: Node) -> int:
        key = id(node)
        self._nodes[key] = node
        return key

    def node_at(self, index: QModelIndex) -> Node | None:
        """The node an index shows, or None for an invalid index."""
        if not index.isValid() or index.model() is not self:
            return None
        return self._nodes.get(index.internalId())

    def _node_or_root(self, index: QModelIndex) -> Node:
        return self.node_at(index) or self.root

    def index_of(self, node: Node | None, column: int = COL_NAME) -> QModelIndex:
        """The index of a node that is in the tree (invalid for the root, None or a removed node)."""
        if node is None or node is self.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(row_of(node), column, self._key(node))

    def index_for(self, node_id: str, field: str | None = None) -> QModelIndex:
        """The cell of a node's field (the 指标 column when no field, or one without a column)."""
        node = self.root.find(node_id)
        if node is None or node is self.root:
            return QModelIndex()
        return self.index_of(node, COLUMN_OF_FIELD.get(field or "name", COL_NAME))

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if row < 0 or column < 0 or column >= COLUMN_COUNT:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        parent_node = self._node_or_root(parent)
        if row >= len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, column, self._key(parent_node.children[row]))

    def parent(self, index: QModelIndex | None = None):  # noqa: D401 - Qt's two overloads
        if index is None:  # QObject.parent()
            return QObject.parent(self)
        node = self.node_at(index)
        if node is None:
            return QModelIndex()
        up = node.parent
        if up is None or up is self.root or up.parent is None:
            return QModelIndex()
        return self.createIndex(row_of(up), 0, self._key(up))

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        node = self.node_at(parent) if parent.isValid() else self.root
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return COLUMN_COUNT

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: N802
        return self.rowCount(parent) > 0

    # -- sums -----------------------------------------------------------------------------------
    def sums(self, node: Node) -> tuple[Decimal, Decimal]:
        """(Σ分值, Σ得分) of the scored leaves at or below a node, cached per parent row."""
        if not node.children:
            if node.is_scored:
                return node.max_points or ZERO, node.score or ZERO
            return ZERO, ZERO
        key = id(node)
        cached = self._sums.get(key)
        if cached is not None:
            return cached
        total_max = total_score = ZERO
        for child in node.children:
            m, s = self.sums(child)
            total_max += m
            total_score += s
        self._sums[key] = (total_max, total_score)
        return total_max, total_score

    def _invalidate_path(self, node: Node | None) -> None:
        while node is not None:
            self._sums.pop(id(node), None)
            node = node.parent

    # -- data -----------------------------------------------------------------------------------
    @staticmethod
    def _is_group_row(node: Node, level: int) -> bool:
        return bool(node.children) or level == 1

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        node = self._nodes.get(index.internalId()) if index.isValid() else None
        if node is None:
            return None
        col = index.column()
        if role == _DISPLAY or role == _EDIT:
            return self._text(node, col, role == _EDIT)
        if role == _ALIGN:
            return _ALIGN_NUMBER if col in NUMBER_COLUMNS else _ALIGN_TEXT
        if role == _FONT:
            return self._bold if (node.children or node.parent is self.root) else None
        if role == _BACKGROUND:
            found = self._cell_findings.get(node.id)
            if found:
                cell = found.get(FIELD_OF_COLUMN[col])
                if cell:
                    return self._error_brush if any(f.level == ERROR for f in cell) else self._warning_brush
            if node.parent is self.root:
                return self._section_brush
            return None
        if role == _FOREGROUND:
            if col == COL_NAME and not node.name:
                return self._placeholder_brush
            return None
        if role == _DECORATION:
            if col == COL_NAME:
                level = self._row_level.get(node.id)
                if level is not None:
                    return self._error_icon if level == ERROR else self._warning_icon
            return None
        if role == _TOOLTIP:
            return self._tooltip(node, col)
        return None

    def _text(self, node: Node, col: int, edit: bool) -> str:
        if col == COL_NAME:
            if node.name or edit:
                return node.name
            return self.tr("（未命名）")
        level = level_of(node)
        if col == COL_WEIGHT:
            return fmt2(node.weight) if level == 1 else ""
        group = self._is_group_row(node, level)
        if col == COL_MAX or col == COL_SCORE:
            if group:
                m, s = self.sums(node)
                return fmt2(m if col == COL_MAX else s)
            value = node.max_points if col == COL_MAX else node.score
            return fmt2(value)
        if group:
            return ""
        if col == COL_TARGET:
            return node.target
        if col == COL_ACTUAL:
            return node.actual
        if col == COL_REASON:
            return node.reason
        return ""

    def _tooltip(self, node: Node, col: int) -> str | None:
        lines: list[str] = []
        found = self._cell_findings.get(node.id, {})
        if col == COL_NAME:
            for cell in found.values():
                lines += [f.message for f in cell]
            if node.note:
                lines.append(self.tr("说明：{note}").format(note=node.note))
            if not lines and len(node.name) > 12:
                lines.append(node.path())
        else:
            lines += [f.message for f in found.get(FIELD_OF_COLUMN[col], ())]
            level = level_of(node)
            if col in (COL_MAX, COL_SCORE) and self._is_group_row(node, level):
                what = self.tr("分值") if col == COL_MAX else self.tr("得分")
                lines.append(self.tr("下级指标{what}合计（自动计算，不能直接修改）").format(what=what))
            elif col == COL_REASON and node.reason and len(node.reason) > 20:
                lines.append(node.reason)
        # Unique, in order: the same message may be attached to two fields of one row.
        seen: list[str] = []
        for line in lines:
            if line not in seen:
                seen.append(line)
        return "\n".join(seen) if seen else None

    def refresh_headers(self) -> None:
        """The form's layout changed (another rule pack): its column labels."""
        headers = header_labels(packs.layout_of(self.form))
        if headers != self._headers:
            self._headers = headers
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                COL_NAME: self.tr("一级、二级、三级指标"),
                COL_WEIGHT: self.tr("一级指标的权重；各一级指标权重合计应为 100"),
                COL_TARGET: self.tr("年度指标值，如 ≥95%、=100.00(%)、及时；评分助手据此给出建议得分"),
                COL_ACTUAL: self.tr("全年完成值，如 100.00(%)、达成指标"),
                COL_MAX: self.tr("分值；上级行显示下级分值合计"),
                COL_SCORE: self.tr("得分，0 到分值之间；上级行显示下级得分合计"),
                COL_REASON: self.tr("得分低于分值时必须说明偏差及原因"),
            }[section]
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if not self._read_only else Qt.ItemFlag.NoItemFlags
        node = self._nodes.get(index.internalId())
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        if self._read_only:
            return _FLAGS_READ_ONLY
        drop = level_of(node) < 3 and not node.is_scored
        return _FLAGS[(drop, FIELD_OF_COLUMN[index.column()] in editable_fields(node))]

    # -- editing --------------------------------------------------------------------------------
    def validate(self, index: QModelIndex, value: object) -> str:
        """"" if a typed value can be stored in this cell, else the Chinese message why not."""
        node = self.node_at(index)
        if node is None:
            return self.tr("该行已不存在。")
        field = FIELD_OF_COLUMN[index.column()]
        if self._read_only:
            return self.tr("表单已定稿或只读，不能修改。")
        if field not in editable_fields(node):
            return self._not_editable_message(node, field)
        return parse_field(node, field, value)[1]

    def _not_editable_message(self, node: Node, field: str) -> str:
        level = level_of(node)
        if field in ("max_points", "score") and (node.children or level == 1):
            return self.tr("上级行的分值和得分是下级指标的合计，会自动计算：请修改下级指标。")
        if field == "weight":
            return self.tr("只有一级指标有权重。")
        if field == "score":
            return self.tr("请先填写分值，再填写得分。")
        return self.tr("“{name}”的{label}不能编辑。").format(name=node.name, label=field_label(field))

    def setData(self, index: QModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole:
            return False
        node = self.node_at(index)
        if node is None:
            return False
        field = FIELD_OF_COLUMN[index.column()]
        message = self.validate(index, value)
        if message:
            self._reject(node, field, message)
            return False
        new_value, _ = parse_field(node, field, value)
        self.last_error = ""
        # False only when the document refused (the form is gone); an unchanged value is fine.
        return self.document.edit_node(node, field, new_value) or not self.document.closed

    def _reject(self, node: Node, field: str, message: str) -> None:
        self.last_error = message
        self.editRejected.emit(node.id, field, message)

    # -- the document's notifications → Qt's signals ---------------------------------------------
    def _emit_row(self, node: Node) -> None:
        if node is self.root or node.parent is None:
            return
        first = self.index_of(node, 0)
        self.dataChanged.emit(first, first.siblingAtColumn(COLUMN_COUNT - 1))

    def _emit_sums_up(self, node: Node | None) -> None:
        """Tell the views that the subtotal cells of a node and all its ancestors changed."""
        while node is not None and node is not self.root and node.parent is not None:
            first = self.index_of(node, COL_MAX)
            self.dataChanged.emit(first, first.siblingAtColumn(COL_SCORE))
            node = node.parent

    def _emit_subtree(self, node: Node) -> None:
        """Every cell of a subtree changed (its level changed after a move)."""
        self._emit_row(node)
        stack = [node]
        while stack:
            n = stack.pop()
            if n.children:
                parent = self.index_of(n, 0)
                self.dataChanged.emit(self.index(0, 0, parent),
                                      self.index(len(n.children) - 1, COLUMN_COUNT - 1, parent))
                stack.extend(n.children)

    def _emit_all_rows(self) -> None:
        if self.root.children:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.root.children) - 1, COLUMN_COUNT - 1))
            for child in self.root.children:
                if child.children:
                    self._emit_subtree(child)

    def _on_field_changed(self, target, _field: str) -> None:
        if not isinstance(target, Node) or target.parent is None:
            return  # a header field, or a node no longer in the tree
        self._invalidate_path(target)
        # A 分值 typed on an empty 二级 makes it scored: the whole row may look different.
        self._emit_row(target)
        self._emit_sums_up(target.parent)

    def _on_preview_changed(self, target, _field: str) -> None:
        if not isinstance(target, Node) or target.parent is None:
            return
        self._invalidate_path(target)
        # Only the subtotals above: a signal for the typed-in cell would reset its open editor.
        self._emit_sums_up(target.parent)

    def _on_about_to_insert(self, parent: Node, first: int, last: int) -> None:
        self.beginInsertRows(self.index_of(parent), first, last)

    def _on_inserted(self, parent: Node, _first: int, _last: int) -> None:
        self.endInsertRows()
        self._structure_changed(parent)

    def _on_about_to_remove(self, parent: Node, first: int, last: int) -> None:
        self.beginRemoveRows(self.index_of(parent), first, last)

    def _on_removed(self, parent: Node, _first: int, _last: int) -> None:
        self.endRemoveRows()
        self._structure_changed(parent)

    def _on_about_to_move(self, node: Node, new_parent: Node, final_row: int) -> None:
        old_parent = node.parent
        old_row = row_of(node)
        # Qt counts the destination before the move: one more when moving down in one parent.
        dest = final_row + 1 if old_parent is new_parent and final_row > old_row else final_row
        ok = self.beginMoveRows(self.index_of(old_parent), old_row, old_row,
                                self.index_of(new_parent), dest)
        if not ok:  # pragma: no cover - the document only moves to places Qt accepts
            raise RuntimeError("invalid move")

    def _on_moved(self, node: Node, old_parent: Node, new_parent: Node) -> None:
        self.endMoveRows()
        self._sums.clear()
        # Levels below the moved node changed: editability, weight and sums may show differently.
        self._emit_subtree(node)
        for p in (old_parent, new_parent):
            self._emit_row(p)
            self._emit_sums_up(p.parent)

    def _structure_changed(self, parent: Node) -> None:
        # Moving or removing whole subtrees changes which nodes are scored: start the cache afresh
        # (it is rebuilt lazily for the rows on screen, a few hundred additions at most).
        self._sums.clear()
        self._emit_row(parent)
        self._emit_sums_up(parent.parent)

    # -- findings -------------------------------------------------------------------------------
    def set_findings(self, findings: Iterable[Finding]) -> None:
        """Show findings where they are: tinted cells, an icon in 指标, the message as tooltip."""
        cells: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
        for f in findings:
            if f.node_id:
                field = f.field if f.field in COLUMN_OF_FIELD else "name"
                cells[f.node_id][field].append(f)
            elif f.field == "weight":
                # Σ一级权重 ≠ 100 belongs to every weight cell.
                for section in self.root.children:
                    cells[section.id]["weight"].append(f)
        new = {nid: {field: tuple(fs) for field, fs in per.items()} for nid, per in cells.items()}
        old = self._cell_findings
        changed = {nid for nid in set(old) | set(new) if old.get(nid) != new.get(nid)}
        self._cell_findings = new
        self._row_level = {
            nid: ERROR if any(f.level == ERROR for fs in per.values() for f in fs) else "warning"
            for nid, per in new.items()
        }
        if not changed:
            return
        for node in self.root.walk():
            if node.id in changed and node is not self.root:
                self._emit_row(node)

    def findings_for(self, node_id: str, field: str | None = None) -> list[Finding]:
        per = self._cell_findings.get(node_id, {})
        if field is not None:
            return list(per.get(field, ()))
        return [f for fs in per.values() for f in fs]

    # -- drag and drop ---------------------------------------------------------------------------
    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [clipboard.MIME_NODES]

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def nodes_for_indexes(self, indexes: Iterable[QModelIndex]) -> list[Node]:
        from .structure import top_nodes

        return top_nodes([n for n in (self.node_at(i) for i in indexes) if n is not None], self.root)

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        return clipboard.nodes_to_mime(self.nodes_for_indexes(indexes), source=self._uid)

    def _decode(self, data: QMimeData):
        """(the nodes of this tree a drop would move, or None; the payload) for mime data."""
        payload = clipboard.payload_from_mime(data)
        if payload is None:
            return None, None
        moving = None
        if payload.source == self._uid:
            found = [self.root.find(i) for i in payload.ids]
            if found and all(n is not None and n is not self.root for n in found):
                moving = found
        return moving, payload

    def _drop_target(self, row: int, parent: QModelIndex) -> tuple[Node, int]:
        dest = self._node_or_root(parent)
        if row < 0 or row > len(dest.children):
            row = len(dest.children)
        return dest, row

    def drop_error(self, data: QMimeData, action: Qt.DropAction, row: int, parent: QModelIndex) -> str:
        """"" if the drop can happen, else why not (in Chinese)."""
        from .structure import has_points, placement_error

        if self._read_only:
            return self.tr("表单已定稿或只读，不能修改。")
        if action not in (Qt.DropAction.MoveAction, Qt.DropAction.CopyAction):
            return self.tr("不支持该拖放操作。")
        moving, payload = self._decode(data)
        if payload is None:
            return self.tr("拖入的内容不是指标。")
        dest, _ = self._drop_target(row, parent)
        if dest is not self.root and dest.is_scored:
            return self.tr("“{name}”是计分指标，不能再有下级：请放到它的上方或下方。").format(name=dest.name)
        nodes = moving if action == Qt.DropAction.MoveAction and moving is not None else payload.nodes
        if (dest.parent is self.root and any(c.children for c in dest.children)
                and any(has_points(n) for n in nodes)):
            # A 一级 organised in 二级 groups: a scored row dropped there belongs in a group.
            return self.tr("“{name}”下是二级指标分组：请把计分指标拖到其中一个二级指标上。").format(name=dest.name)
        if nodes is moving:
            return placement_error(moving, dest)
        return clipboard.bounds_error(payload.nodes, dropped=True) or placement_error(payload.nodes, dest, check_cycles=False)

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                        parent: QModelIndex) -> bool:
        return not self.drop_error(data, action, row, parent)

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex) -> bool:
        from .structure import nodes_text

        if action == Qt.DropAction.IgnoreAction:
            return True
        error = self.drop_error(data, action, row, parent)
        if error:
            self.last_error = error
            return False
        moving, payload = self._decode(data)
        dest, row = self._drop_target(row, parent)
        if action == Qt.DropAction.MoveAction and moving is not None:
            anchor = next((c for c in dest.children[row:] if all(c is not m for m in moving)), None)
            return self.document.move_nodes(moving, dest, anchor, nodes_text(self.tr("移动"), moving))
        copies = [n.copy() for n in payload.nodes]
        return self.document.add_nodes(dest, row, copies, nodes_text(self.tr("复制"), copies))

    def uid(self) -> str:
        return self._uid

