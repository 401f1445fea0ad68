"""Undo commands for the indicator tree's structure: one class per kind of edit.

In the manner of Orange's canvas commands, a command calls the public operations of the
editing document (``document.EditDocument``: ``insert_nodes``, ``remove_nodes``, ``move_node``,
``set_field``), which change the ``Node``s and notify; the Qt model follows those
notifications. A command never touches a view or a model. Bulk edits (paste, a drop of several
rows, Del over many cells) are macros of plain commands. Macros keep their children in a
Python list instead of Qt parent/child commands: PySide frees a Qt-parented Python child
command too early and crashes on undo. Field edits use the one ``SetFieldCommand``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from ...model.form import Node, Rule
from ..commands import SetFieldCommand, TreeDocument, same_value
from .clipboard import PasteItems
from .columns import editable_fields, field_label, parse_field, row_of, translate
from .structure import display, nodes_text, paste_place, placement_error, rows_place



def field_text(node: Node, field: str, value: Any) -> str:
    """The undo text of a field edit: "修改得分：电梯加装完成率", "修改评分规则：…（定性）"."""
    if field == "rule":
        return translate("IndicatorTree", "修改评分规则：{name}（{rule}）").format(
            name=display(node), rule=Rule(value).label)
    return translate("IndicatorTree", "修改{label}：{name}").format(label=field_label(field), name=display(node))


class TreeCommand(QUndoCommand):
    def __init__(self, doc: TreeDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        # Set when pushed onto a clean stack: must not merge into the saved state.
        self.barrier = False


class InsertNodesCommand(TreeCommand):
    """New rows (new indicators, pasted or dropped copies) at one place."""

    def __init__(self, doc: TreeDocument, parent: Node, row: int, nodes: list[Node],
                 text: str | None = None) -> None:
        super().__init__(doc, text or nodes_text(translate("IndicatorTree", "添加"), nodes))
        self.parent = parent
        self.row = row
        self.nodes = list(nodes)

    def redo(self) -> None:
        self.doc.insert_nodes(self.parent, self.row, self.nodes)

    def undo(self) -> None:
        self.doc.remove_nodes(self.parent, self.row, len(self.nodes))


class RemoveNodesCommand(TreeCommand):
    """Delete (or cut) subtrees, wherever they are."""

    def __init__(self, doc: TreeDocument, nodes: list[Node], text: str | None = None) -> None:
        super().__init__(doc, text or nodes_text(translate("IndicatorTree", "删除"), nodes))
        self.nodes = list(nodes)
        self._steps: list[tuple[Node, Node, int]] = []

    def redo(self) -> None:
        self._steps = []
        with self.doc.batch():
            # Last first, so the rows recorded for the earlier ones stay right.
            for node in reversed(self.nodes):
                parent, row = node.parent, row_of(node)
                self.doc.remove_nodes(parent, row, 1)
                self._steps.append((node, parent, row))

    def undo(self) -> None:
        with self.doc.batch():
            for node, parent, row in reversed(self._steps):
                self.doc.insert_nodes(parent, row, [node])


class MoveNodesCommand(TreeCommand):
    """Move subtrees under ``dest``, before ``anchor`` (at the end when None), in their order.

    Used for drag and drop, Alt+Up/Down and 升级/降级; each single move is recorded as it
    happens so undo puts every node back exactly where it was, whatever the order of the moves.
    """

    def __init__(self, doc: TreeDocument, nodes: list[Node], dest: Node, anchor: Node | None,
                 text: str | None = None) -> None:
        super().__init__(doc, text or nodes_text(translate("IndicatorTree", "移动"), nodes))
        self.nodes = list(nodes)
        self.dest = dest
        self.anchor = anchor
        self._steps: list[tuple[Node, Node, int]] = []

    def redo(self) -> None:
        self._steps = []
        with self.doc.batch():
            for node in self.nodes:
                old_parent, old_row = node.parent, row_of(node)
                if self.anchor is None:
                    final = len(self.dest.children)
                else:
                    final = row_of(self.anchor)
                if old_parent is self.dest and old_row < final:
                    final -= 1
                self._steps.append((node, old_parent, old_row))
                self.doc.move_node(node, self.dest, final)

    def undo(self) -> None:
        with self.doc.batch():
            for node, parent, row in reversed(self._steps):
                self.doc.move_node(node, parent, row)


class MacroCommand(TreeCommand):
    """Several commands as one undo step; the document says "changed" once at the end."""

    def __init__(self, doc: TreeDocument, text: str, children: list[QUndoCommand] | None = None) -> None:
        super().__init__(doc, text)
        self.children = list(children or [])

    def redo(self) -> None:
        with self.doc.batch():
            for c in self.children:
                c.redo()

    def undo(self) -> None:
        with self.doc.batch():
            for c in reversed(self.children):
                c.undo()


class SetFieldsCommand(MacroCommand):
    """Several cells set in one undo step (全部替换): one ``SetFieldCommand`` per cell."""

    def __init__(self, doc: TreeDocument, changes: list[tuple[Node, str, Any]], text: str = "") -> None:
        super().__init__(doc, text)
        self.cells: list[tuple[Node, str]] = []
        seen: set[tuple[int, str]] = set()  # (id(node), field): the first change of a cell wins
        for node, field, value in changes:
            if same_value(getattr(node, field), value) or (id(node), field) in seen:
                continue
            seen.add((id(node), field))
            self.cells.append((node, field))
            self.children.append(SetFieldCommand(doc, node, field, value, "", "tree", mergeable=False))


class ClearCellsCommand(SetFieldsCommand):
    """Del over selected cells, as in Excel: their values go, the rows stay (one undo step).

    Cells that cannot be typed into (subtotals, a 二级's 年度指标值) and cells already empty
    are left out; ``cells`` says which were cleared.
    """

    def __init__(self, doc: TreeDocument, cells: list[tuple[Node, str]]) -> None:
        changes = []
        # 得分 before 分值: clearing 分值 first would leave a 得分 without its bound.
        for node, field in sorted(cells, key=lambda c: 0 if c[1] == "score" else 1):
            if field not in editable_fields(node):
                continue
            value, message = parse_field(node, field, "")
            if not message:
                changes.append((node, field, value))
        super().__init__(doc, changes)
        if len(self.cells) == 1:
            node, field = self.cells[0]
            self.setText(translate("IndicatorTree", "清除{label}：{name}").format(
                label=field_label(field), name=display(node)))
        else:
            self.setText(translate("IndicatorTree", "清除 {n} 个单元格").format(n=len(self.cells)))


class PasteCommand(MacroCommand):
    """Insert pasted subtrees at the sensible place near ``current`` (see ``paste_place``).

    Where each subtree goes depends on where the previous one went, so the places are worked
    out while the first ``redo`` runs; later redos replay the inserts recorded then.
    """

    def __init__(self, doc: TreeDocument, items: PasteItems, current: Node | None,
                 text: str | None = None) -> None:
        super().__init__(doc, text or translate("IndicatorTree", "粘贴指标"))
        self.items = items
        self.current = current
        self.placed: list[Node] = []
        self.skipped: list[tuple[Node, str]] = []
        self._planned = False

    def redo(self) -> None:
        if self._planned:
            super().redo()
            return
        self._planned = True
        if self.items.rows is not None:
            self._place_rows()
        else:
            with self.doc.batch():
                current = self.current
                for node, level in zip(self.items.nodes, self.items.levels):
                    current = self._place(node, level, current)
        if self.placed:
            self.setText(paste_text(self.placed))
        else:
            # Nothing could go anywhere: leave no empty step on the stack.
            self.setObsolete(True)

    def _place_rows(self) -> None:
        where = rows_place(self.doc.root, self.current)
        error = where if isinstance(where, str) else placement_error(self.items.nodes, where[0], check_cycles=False)
        if error:
            self.skipped = [(n, error) for n in self.items.nodes]
            return
        parent, row = where
        command = InsertNodesCommand(self.doc, parent, row, self.items.nodes)
        command.redo()
        self.children.append(command)
        self.placed = list(self.items.nodes)

    def _place(self, node: Node, level: int, current: Node | None) -> Node | None:
        where = paste_place(self.doc.root, current, node, level, self.items.merge_by_name)
        if isinstance(where, str):
            self.skipped.append((node, where))
            return current
        if where[0] == "merge":
            existing = where[1]
            cursor: Node | None = existing
            for child in list(node.children):
                child.parent = None
                cursor = self._place(child, level + 1, cursor)
            node.children.clear()
            return existing
        _, parent, row = where
        command = InsertNodesCommand(self.doc, parent, row, [node])
        command.redo()
        self.children.append(command)
        self.placed.append(node)
        return node


def paste_text(placed: list[Node]) -> str:
    """The undo text of a paste; a count is of every indicator that went in, sub-rows too."""
    count = sum(1 for n in placed for _ in n.walk())
    if len(placed) == 1:
        return translate("IndicatorTree", "粘贴指标：{name}").format(name=display(placed[0]))
    return translate("IndicatorTree", "粘贴 {n} 个指标").format(n=count)
