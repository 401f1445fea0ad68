"""Find and replace in the indicator table: a bar above the tree (Ctrl+F, Ctrl+H).

It searches the text cells (指标, 年度指标值, 全年完成值, 偏差及原因分析) in table order, ignoring
case, and selects each match in the tree without taking the focus from the bar. 替换 changes the
selected match, 全部替换 every match that may be typed into, in one undo step.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout, QWidget

from ...model.form import Node
from .columns import editable_fields

SEARCHED = ("name", "target", "actual", "reason")


def find_cells(root: Node, query: str) -> list[tuple[Node, str]]:
    """(node, field) of every text cell holding ``query`` (any case), in table order."""
    if not query:
        return []
    needle = query.casefold()
    found = []
    for node in root.walk():
        if node is root:
            continue
        for field in SEARCHED:
            text = getattr(node, field)
            if text and needle in text.casefold():
                found.append((node, field))
    return found


def replaced(text: str, query: str, replacement: str) -> str:
    """``text`` with every ``query`` (any case) replaced."""
    return re.sub(re.escape(query), lambda _m: replacement, text, flags=re.IGNORECASE)


class FindBar(QWidget):
    """查找 [    ] 上一个 下一个 第 2/5 处 ×, and 替换为 [    ] 替换 全部替换 when replacing."""

    # Select this cell in the tree, keeping the focus here.
    showCell = Signal(object, str)
    # Replace in these cells: [(node, field, new text)], and the undo text.
    replaceRequested = Signal(list, str)
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("find_bar")
        self.root: Node | None = None
        self.matches: list[tuple[Node, str]] = []
        self.position = -1
        self.read_only = False

        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("查找指标、目标值、完成值或原因"))
        self.find_edit.setClearButtonEnabled(True)
        self.prev_button = QPushButton(self.tr("上一个"))
        self.next_button = QPushButton(self.tr("下一个"))
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("第 888/888 处") + 8)
        close = QToolButton()
        close.setText("×")
        close.setToolTip(self.tr("关闭查找（Esc）"))
        close.setAutoRaise(True)
        close.clicked.connect(self.close_bar)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("替换为"))
        self.replace_button = QPushButton(self.tr("替换"))
        self.replace_all_button = QPushButton(self.tr("全部替换"))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(QLabel(self.tr("查找")))
        top.addWidget(self.find_edit, 1)
        top.addWidget(self.prev_button)
        top.addWidget(self.next_button)
        top.addWidget(self.count_label)
        top.addStretch(1)
        top.addWidget(close)
        self.replace_row = QWidget()
        bottom = QHBoxLayout(self.replace_row)
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(QLabel(self.tr("替换")))
        bottom.addWidget(self.replace_edit, 1)
        bottom.addWidget(self.replace_button)
        bottom.addWidget(self.replace_all_button)
        bottom.addStretch(1)
        # Wide enough for a long name, not the whole width of a large screen.
        width = self.fontMetrics().horizontalAdvance("中" * 28)
        self.find_edit.setMaximumWidth(width)
        self.replace_edit.setMaximumWidth(width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.replace_row)

        self.find_edit.textChanged.connect(lambda _t: self.search())
        self.find_edit.returnPressed.connect(lambda: self.step(1))
        self.replace_edit.returnPressed.connect(self.replace_current)
        self.next_button.clicked.connect(lambda: self.step(1))
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.replace_button.clicked.connect(self.replace_current)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.hide()

    # -- showing -----------------------------------------------------------------------------
    def open(self, root: Node | None, *, replace: bool, text: str = "") -> None:
        """Show the bar (with the replace row for Ctrl+H) and put the cursor in 查找."""
        self.root = root
        self.replace_row.setVisible(replace)
        self.show()
        if text:
            self.find_edit.setText(text)
        self.find_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_edit.selectAll()
        self.search()

    def close_bar(self) -> None:
        self.hide()
        self.closed.emit()

    def set_root(self, root: Node | None) -> None:
        self.root = root
        if self.isVisible():
            self.search(keep=True)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.step(-1)
            return
        super().keyPressEvent(event)

    # -- searching ---------------------------------------------------------------------------
    def search(self, keep: bool = False) -> None:
        current = self.matches[self.position] if keep and 0 <= self.position < len(self.matches) else None
        self.matches = find_cells(self.root, self.find_edit.text()) if self.root is not None else []
        self.position = -1
        if current is not None:
            self.position = next((i for i, m in enumerate(self.matches)
                                  if m[0] is current[0] and m[1] == current[1]), -1)
        if self.position < 0 and self.matches and not keep:
            self.position = 0
            self.showCell.emit(*self.matches[0])
        self._update_label()

    def step(self, delta: int) -> None:
        if not self.matches:
            self.search()
            if not self.matches:
                return
        self.position = (self.position + delta) % len(self.matches)
        self.showCell.emit(*self.matches[self.position])
        self._update_label()

    def _update_label(self) -> None:
        query = self.find_edit.text()
        if not query:
            self.count_label.setText("")
        elif not self.matches:
            self.count_label.setText(self.tr("没有找到"))
        else:
            self.count_label.setText(self.tr("第 {i}/{n} 处").format(i=self.position + 1, n=len(self.matches)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = bool(self.matches)
        self.prev_button.setEnabled(has)
        self.next_button.setEnabled(has)
        self.replace_button.setEnabled(has and not self.read_only)
        self.replace_all_button.setEnabled(has and not self.read_only)

    # -- replacing ---------------------------------------------------------------------------
    def _change(self, node: Node, field: str) -> tuple[Node, str, str] | None:
        if field not in editable_fields(node):
            return None
        text = getattr(node, field)
        new = replaced(text, self.find_edit.text(), self.replace_edit.text())
        return (node, field, new) if new != text else None

    def replace_current(self) -> None:
        if not self.matches or self.read_only:
            return
        if self.position < 0:
            self.step(1)
            return
        change = self._change(*self.matches[self.position])
        if change is not None:
            self.replaceRequested.emit([change], self.tr("替换“{a}”为“{b}”").format(
                a=self.find_edit.text(), b=self.replace_edit.text()))
        # On to the next one, as a word processor does.
        self.search(keep=True)
        if self.matches:
            self.position = min(max(self.position, 0), len(self.matches) - 1)
            self.showCell.emit(*self.matches[self.position])
        self._update_label()

    def replace_all(self) -> None:
        if not self.matches or self.read_only:
            return
        changes = [c for c in (self._change(n, f) for n, f in self.matches) if c is not None]
        if changes:
            self.replaceRequested.emit(changes, self.tr("全部替换“{a}”为“{b}”（{n} 处）").format(
                a=self.find_edit.text(), b=self.replace_edit.text(), n=len(changes)))
        self.search(keep=True)
