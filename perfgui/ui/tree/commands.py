"""Undo commands for the indicator tree: one class per kind of edit.

In the manner of Orange's canvas commands, a command changes the document (the ``Node``s of
the form) through the model's primitives, which emit the Qt signals; it never touches a view.
Bulk edits (paste, a drop of several rows) are macros of plain commands. Macros keep their
children in a Python list instead of Qt parent/child commands: PySide frees a Qt-parented
Python child command too early and crashes on undo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from ...model.form import Node, Rule
from .clipboard import PasteItems
from .columns import field_label, row_of, translate
from .structure import display, paste_place

if TYPE_CHECKING:
    from .model import IndicatorModel

# QUndoCommand.id() of field edits that may merge with the next edit of the same cell.
SET_FIELD_ID = 0x7E12


def nodes_text(verb: str, nodes: list[Node]) -> str:
    """"删除指标：电梯加装完成率" or "删除 3 个指标"."""
    if len(nodes) == 1:
        return translate("IndicatorTree", "{verb}指标：{name}").format(verb=verb, name=display(nodes[0]))
    return translate("IndicatorTree", "{verb} {n} 个指标").format(verb=verb, n=len(nodes))


class TreeCommand(QUndoCommand):
    def __init__(self, model: "IndicatorModel", text: str) -> None:
        super().__init__(text)
        self.model = model
        # Set when pushed onto a clean stack: must not merge into the saved state.
        self.barrier = False


class SetFieldCommand(TreeCommand):
    """One field of one node: name, weight, target, actual, 分值, 得分, reason or rule."""

    def __init__(self, model: "IndicatorModel", node: Node, field: str, value,
                 text: str | None = None) -> None:
        if text is None:
            if field == "rule":
                text = translate("IndicatorTree", "修改评分规则：{name}（{rule}）").format(name=display(node), rule=Rule(value).label)
            else:
                text = translate("IndicatorTree", "修改{label}：{name}").format(label=field_label(field), name=display(node))
        super().__init__(model, text)
        self.node = node
        self.field = field
        self.old = getattr(node, field)
        self.new = value

    def id(self) -> int:  # noqa: A003 - Qt's name
        return SET_FIELD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        # Typing into the same cell again right away is one change, not two.
        if (not isinstance(other, SetFieldCommand) or other.barrier or other.node is not self.node
                or other.field != self.field or other.text() != self.text()):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old and (self.new is None) == (self.old is None))
        return True

    def redo(self) -> None:
        self.model._apply_field(self.node, self.field, self.new)

    def undo(self) -> None:
        self.model._apply_field(self.node, self.field, self.old)


class InsertNodesCommand(TreeCommand):
    """New rows (new indicators, pasted or dropped copies) at one place."""

    def __init__(self, model: "IndicatorModel", parent: Node, row: int, nodes: list[Node],
                 text: str | None = None) -> None:
        super().__init__(model, text or nodes_text(translate("IndicatorTree", "添加"), nodes))
        self.parent = parent
        self.row = row
        self.nodes = list(nodes)

    def redo(self) -> None:
        self.model._insert_nodes(self.parent, self.row, self.nodes)

    def undo(self) -> None:
        self.model._remove_rows(self.parent, self.row, len(self.nodes))


class RemoveNodesCommand(TreeCommand):
    """Delete (or cut) subtrees, wherever they are."""

    def __init__(self, model: "IndicatorModel", nodes: list[Node], text: str | None = None) -> None:
        super().__init__(model, text or nodes_text(translate("IndicatorTree", "删除"), nodes))
        self.nodes = list(nodes)
        self._steps: list[tuple[Node, Node, int]] = []

    def redo(self) -> None:
        self._steps = []
        with self.model.batch():
            # Last first, so the rows recorded for the earlier ones stay right.
            for node in reversed(self.nodes):
                parent, row = node.parent, row_of(node)
                self.model._remove_rows(parent, row, 1)
                self._steps.append((node, parent, row))

    def undo(self) -> None:
        with self.model.batch():
            for node, parent, row in reversed(self._steps):
                self.model._insert_nodes(parent, row, [node])


class MoveNodesCommand(TreeCommand):
    """Move subtrees under ``dest``, before ``anchor`` (at the end when None), in their order.

    Used for drag and drop and for Alt+Up/Down; each single move is recorded as it happens so
    undo puts every node back exactly where it was, whatever the order of the moves.
    """

    def __init__(self, model: "IndicatorModel", nodes: list[Node], dest: Node, anchor: Node | None,
                 text: str | None = None) -> None:
        super().__init__(model, text or nodes_text(translate("IndicatorTree", "移动"), nodes))
        self.nodes = list(nodes)
        self.dest = dest
        self.anchor = anchor
        self._steps: list[tuple[Node, Node, int]] = []

    def redo(self) -> None:
        self._steps = []
        with self.model.batch():
            for node in self.nodes:
                old_parent, old_row = node.parent, row_of(node)
                if self.anchor is None:
                    final = len(self.dest.children)
                else:
                    final = row_of(self.anchor)
                if old_parent is self.dest and old_row < final:
                    final -= 1
                self._steps.append((node, old_parent, old_row))
                self.model._move_node(node, self.dest, final)

    def undo(self) -> None:
        with self.model.batch():
            for node, parent, row in reversed(self._steps):
                self.model._move_node(node, parent, row)


class IndentCommand(MoveNodesCommand):
    """降级: the nodes become the last children of the sibling above them."""

    def __init__(self, model: "IndicatorModel", nodes: list[Node], dest: Node) -> None:
        super().__init__(model, nodes, dest, None, nodes_text(translate("IndicatorTree", "降级"), nodes))


class OutdentCommand(MoveNodesCommand):
    """升级: the nodes become siblings of their parent, right after it."""

    def __init__(self, model: "IndicatorModel", nodes: list[Node], dest: Node, anchor: Node | None) -> None:
        super().__init__(model, nodes, dest, anchor, nodes_text(translate("IndicatorTree", "升级"), nodes))


class MacroCommand(TreeCommand):
    """Several commands as one undo step; the model says "changed" once at the end."""

    def __init__(self, model: "IndicatorModel", text: str, children: list[QUndoCommand] | None = None) -> None:
        super().__init__(model, text)
        self.children = list(children or [])

    def redo(self) -> None:
        with self.model.batch():
            for c in self.children:
                c.redo()

    def undo(self) -> None:
        with self.model.batch():
            for c in reversed(self.children):
                c.undo()


class PasteCommand(MacroCommand):
    """Insert pasted subtrees at the sensible place near ``current`` (see ``paste_place``).

    Where each subtree goes depends on where the previous one went, so the places are worked
    out while the first ``redo`` runs; later redos replay the inserts recorded then.
    """

    def __init__(self, model: "IndicatorModel", items: PasteItems, current: Node | None,
                 text: str | None = None) -> None:
        super().__init__(model, text or translate("IndicatorTree", "粘贴指标"))
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
        with self.model.batch():
            current = self.current
            for node, level in zip(self.items.nodes, self.items.levels):
                current = self._place(node, level, current)
        if self.placed:
            self.setText(nodes_text(translate("IndicatorTree", "粘贴"), self.placed) if len(self.placed) > 1
                         else translate("IndicatorTree", "粘贴指标：{name}").format(name=display(self.placed[0])))
        else:
            # Nothing could go anywhere: leave no empty step on the stack.
            self.setObsolete(True)

    def _place(self, node: Node, level: int, current: Node | None) -> Node | None:
        where = paste_place(self.model.root, current, node, level, self.items.merge_by_name)
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
        command = InsertNodesCommand(self.model, parent, row, [node])
        command.redo()
        self.children.append(command)
        self.placed.append(node)
        return node
