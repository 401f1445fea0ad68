"""The paste dialog: the rows read from a spreadsheet, as they will go in, before they go in.

Text pasted from Excel/WPS is read by its content (or header); what the reader made of it —
which column is which, where the rows go, what it had to leave empty — is shown here, and
nothing changes until the person presses 插入.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ...model.form import Node
from ...model.numbers import fmt2
from ...model.rows_paste import total_points
from .clipboard import PasteItems
from .structure import display

_LEVEL = {1: "一级", 2: "二级", 3: "三级"}


class PasteDialog(QDialog):
    """Shows ``items`` as rows of the indicator table; accepted means: insert them."""

    def __init__(self, items: PasteItems, where: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paste_dialog")
        self.setWindowTitle(self.tr("粘贴指标"))
        self.items = items
        rows = self._rows(items)
        layout = QVBoxLayout(self)
        self.where_label = QLabel(where + self.tr("：") if where else self.tr("将插入以下指标："))
        self.where_label.setWordWrap(True)
        f = self.where_label.font()
        f.setBold(True)
        self.where_label.setFont(f)
        layout.addWidget(self.where_label)

        headers = [self.tr("级别"), self.tr("指标"), self.tr("年度指标值"), self.tr("全年完成值"),
                   self.tr("分值"), self.tr("得分"), self.tr("偏差及原因分析")]
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, (level, node) in enumerate(rows):
            cells = [_LEVEL.get(level, ""), ("　" * max(0, level - 1)) + display(node), node.target,
                     node.actual, fmt2(node.max_points), fmt2(node.score), node.reason]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c in (4, 5):
                    item.setTextAlignment(right)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        leaves = [n for _, n in rows if not n.children]
        points, scored = total_points(leaves)
        lines = [self.tr("共 {n} 个指标，分值合计 {p}，得分合计 {s}。").format(
            n=len(rows), p=fmt2(points), s=fmt2(scored))]
        if items.rows is not None:
            how = self.tr("按表头识别列") if items.rows.header else self.tr("没有表头，按内容识别列")
            lines.append(f"{how}：{items.rows.column_note()}。")
            lines += items.rows.notes
        else:
            lines += [str(g) for g in items.guesses]
        self.notes_label = QLabel("\n".join(lines))
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.notes_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.insert_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.insert_button.setText(self.tr("插入"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fit(parent)

    @staticmethod
    def _rows(items: PasteItems) -> list[tuple[int, Node]]:
        rows: list[tuple[int, Node]] = []

        def walk(node: Node, level: int) -> None:
            rows.append((level, node))
            for child in node.children:
                walk(child, level + 1)

        for node, level in zip(items.nodes, items.levels):
            walk(node, level or 3)
        return rows

    def _fit(self, parent: QWidget | None) -> None:
        """As wide as the table wants, never larger than the screen it opens on."""
        screen = (parent.screen() if parent is not None else None) or self.screen()
        avail = screen.availableGeometry()
        self.table.resizeRowsToContents()
        want_w = min(max(640, self.table.horizontalHeader().length() + 60), avail.width() - 40)
        want_h = min(max(300, self.table.verticalHeader().length() + 220), avail.height() - 60)
        self.resize(want_w, want_h)
