"""The undo command that sets a field, for every part of a form (header to indicator), and the
one that moves a form to another rule pack.

One command per edit, in the manner of Orange's canvas: a command calls a public operation of
the editing document (``document.EditDocument.set_field``), which changes the form and
notifies; it never touches a widget or a Qt model. Typing into one field produces a run of
commands that merge into one, so a single Ctrl+Z takes back a whole word rather than one
character. The structural commands of the indicator tree are in ``tree/commands.py``.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import fields
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from ..model.form import Form, Node

# QUndoCommand.id() for commands that may merge with the next one of the same id.
MERGE_ID = 0x7E11


class FieldDocument(Protocol):
    def set_field(self, target: Any, attr: str, value: Any, section: str = "tree",
                  also: tuple[tuple[Any, str, Any], ...] = ()) -> None: ...


class TreeDocument(FieldDocument, Protocol):
    """The operations the tree's structural commands call (``document.EditDocument`` has them)."""

    @property
    def root(self) -> Node: ...

    def insert_nodes(self, parent: Node, row: int, nodes: list[Node]) -> None: ...
    def remove_nodes(self, parent: Node, row: int, count: int) -> list[Node]: ...
    def move_node(self, node: Node, new_parent: Node, final_row: int) -> None: ...
    def batch(self) -> AbstractContextManager[None]: ...


def same_value(a: Any, b: Any) -> bool:
    """Equal and both (or neither) empty: 0 and an empty cell are different values."""
    return a == b and (a is None) == (b is None)


class SetFieldCommand(QUndoCommand):
    """Set ``target.attr`` to a value; consecutive edits of the same field merge."""

    def __init__(self, doc: FieldDocument, target: Any, attr: str, value: Any, text: str,
                 section: str, *, mergeable: bool = True,
                 also: tuple[tuple[Any, str], ...] = ()) -> None:
        super().__init__(text)
        self.doc = doc
        self.target = target
        self.attr = attr
        self.old = getattr(target, attr)
        self.new = value
        # Fields that mirror this one (a project's 实施单位 is also its 单位名称).
        self.also = tuple((obj, name) for obj, name in also)
        self._also_old = tuple(getattr(obj, name) for obj, name in also)
        self.section = section
        self.mergeable = mergeable
        # Set by the document when this command must not be folded into the one before it
        # (that one is the saved state: merging into it would change the saved state unseen).
        self.barrier = False

    # Kept for readers of the tree's history: the indicator a command changed.
    @property
    def node(self) -> Any:
        return self.target

    @property
    def field(self) -> str:
        return self.attr

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        # Typing into the same field again right away is one change, not two.
        if (not isinstance(other, SetFieldCommand) or other.barrier or not self.mergeable
                or other.target is not self.target or other.attr != self.attr
                or other.text() != self.text()):
            return False
        self.new = other.new
        # Typing back to where we started leaves nothing to undo.
        self.setObsolete(same_value(self.new, self.old))
        return True

    def redo(self) -> None:
        also = tuple((obj, name, self.new) for obj, name in self.also)
        self.doc.set_field(self.target, self.attr, self.new, self.section, also)

    def undo(self) -> None:
        also = tuple((obj, name, old) for (obj, name), old in zip(self.also, self._also_old))
        self.doc.set_field(self.target, self.attr, self.old, self.section, also)


class PartsDocument(TreeDocument, Protocol):
    @property
    def form(self) -> Form: ...

    def replace_parts(self, parts: dict[str, Any]) -> None: ...


# What a form holds besides its parts: the tree (changed node by node) and its identity.
_NOT_PARTS = ("root", "id")


def differing_parts(form: Form, new: Form) -> list[str]:
    """The parts (pack, settings, layout, budget, …) in which two versions of a form differ."""
    return [f.name for f in fields(Form) if f.name not in _NOT_PARTS and getattr(form, f.name) != getattr(new, f.name)]


class ChangePackCommand(QUndoCommand):
    """Move the open form to what ``model.packs.apply_pack`` made of it, in one step.

    The parts that differ (pack, rules, layout, budget table, sign-off) are swapped as whole
    objects and each changed 得分 is set on the form's own indicator, so undo puts back the very
    objects that were there: a later edit of the new budget table still finds its row on redo.
    """

    def __init__(self, doc: PartsDocument, new: Form, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        form = doc.form
        self.old = {n: getattr(form, n) for n in differing_parts(form, new)}
        self.new = {n: getattr(new, n) for n in self.old}
        after = {n.id: n for n in new.root.walk()}
        self.scores = [(node, node.score, after[node.id].score) for node in form.root.walk()
                       if node.id in after and not same_value(node.score, after[node.id].score)]

    @property
    def changes_anything(self) -> bool:
        return bool(self.old or self.scores)

    def redo(self) -> None:
        with self.doc.batch():
            self.doc.replace_parts(self.new)
            for node, _old, new in self.scores:
                self.doc.set_field(node, "score", new, "tree")

    def undo(self) -> None:
        with self.doc.batch():
            self.doc.replace_parts(self.old)
            for node, old, _new in self.scores:
                self.doc.set_field(node, "score", old, "tree")
