"""Undo commands for the parts of a form outside the indicator tree.

One command per edit, in the manner of Orange's canvas: a command changes the document (a
plain-Python object of the model) and tells the document which part changed; it never touches
a widget. Typing into one field produces a run of commands that merge into one, so a single
Ctrl+Z takes back a whole word rather than one character.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

# QUndoCommand.id() for commands that may merge with the next one of the same id.
MERGE_ID = 0x7E11


class Notifiable(Protocol):
    def notify(self, section: str) -> None: ...


class SetAttrCommand(QUndoCommand):
    """Set ``target.attr`` to a value; consecutive edits of the same field merge."""

    def __init__(self, doc: Notifiable, target: Any, attr: str, value: Any, text: str,
                 section: str, *, mergeable: bool = True,
                 also: tuple[tuple[Any, str], ...] = ()) -> None:
        super().__init__(text)
        self.doc = doc
        self.target = target
        self.attr = attr
        self.old = getattr(target, attr)
        self.new = value
        # Fields that mirror this one (a project's 实施单位 is also its 单位名称).
        self.also = tuple((obj, name, getattr(obj, name)) for obj, name in also)
        self.section = section
        self.mergeable = mergeable
        # Set by the document when this command must not be folded into the one before it
        # (that one is the saved state: merging into it would change the saved state unseen).
        self.barrier = False

    def id(self) -> int:  # noqa: A003 - Qt's name
        return MERGE_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, SetAttrCommand) or other.barrier or not self.mergeable:
            return False
        if other.target is not self.target or other.attr != self.attr:
            return False
        self.new = other.new
        # Typing back to where we started leaves nothing to undo.
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        setattr(self.target, self.attr, self.new)
        for obj, name, _old in self.also:
            setattr(obj, name, self.new)
        self.doc.notify(self.section)

    def undo(self) -> None:
        setattr(self.target, self.attr, self.old)
        for obj, name, old in self.also:
            setattr(obj, name, old)
        self.doc.notify(self.section)
