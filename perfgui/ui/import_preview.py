"""Before a file goes into the library: the source beside what was read, each guess on its cell.

The left side shows the grid the form was read from (merged ranges as spans); every cell a guess
is about is tinted, yellow for a guess, red for a printed figure that disagrees with the computed
one, and its tooltip says what was guessed. The right side says what was read and lists the
guesses; choosing one selects its cell. The few things a person may need to correct — the kind,
the money unit, the year — are offered as choices and applied to the form on 导入.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QListWidget,
    QListWidgetItem, QSpinBox, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..model import FormKind, compute, fmt2
from ..readers import guesses as G

GUESS_TINT = QColor("#fff4c2")
PRINTED_TINT = QColor("#fbd5d5")
MAX_SHOWN_ROWS = 400  # the confirm view shows the start of a very long sheet


class ImportPreviewDialog(QDialog):
    """What the reader made of a file, for a person to confirm or correct before it is stored."""

    def __init__(self, file_name: str, result, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reading = result
        self.form = result.form
        self.setWindowTitle(self.tr("导入 %1").replace("%1", file_name))
        self.resize(1200, 720)
        layout = QVBoxLayout(self)
        t = compute(self.form)
        intro = QLabel(self.tr("已读取“%1”：%2，%3 个指标，总分 %4 / %5。请对照左边的原表确认读取结果"
                               "（导入后仍可修改）：").replace("%1", file_name)
                       .replace("%2", self.form.display_name()).replace("%3", str(t.indicators))
                       .replace("%4", fmt2(t.total_score)).replace("%5", fmt2(t.total_max)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        split.addWidget(self.table)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(QLabel(self.tr("读取时的推断（点一条可在原表中定位）：")))
        self.list = QListWidget()
        self.list.setWordWrap(True)
        side_layout.addWidget(self.list, 1)
        side_layout.addLayout(self._choices())
        split.addWidget(side)
        split.setSizes([760, 440])
        layout.addWidget(split, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("导入"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill_table()
        self._fill_guesses()
        self.list.currentRowChanged.connect(self._locate)

    # -- the choices a person may correct ---------------------------------------------------------
    def _choices(self) -> QFormLayout:
        form = self.form
        box = QFormLayout()
        self.kind = QComboBox()
        for kind in FormKind:
            self.kind.addItem(kind.label, kind.value)
        self.kind.setCurrentIndex(list(FormKind).index(form.kind))
        box.addRow(self.tr("表类型"), self.kind)
        self.money_unit = QComboBox()
        self.money_unit.addItems(["元", "万元"])
        self.money_unit.setCurrentText(form.budget.unit if form.budget.unit in ("元", "万元") else "元")
        box.addRow(self.tr("金额单位"), self.money_unit)
        self.year = QSpinBox()
        self.year.setRange(1999, 2100)
        self.year.setSpecialValueText(self.tr("未填"))
        self.year.setValue(form.header.year or 1999)
        box.addRow(self.tr("年度"), self.year)
        header = self.reading.header_row
        if header is not None:
            box.addRow(self.tr("指标表表头"), QLabel(self.tr("第 %1 行").replace("%1", str(header + 1))))
        return box

    def accept(self) -> None:
        """Apply what the person chose to the form, then close."""
        form = self.form
        form.kind = FormKind(self.kind.currentData())
        form.budget.unit = self.money_unit.currentText()
        form.header.year = self.year.value() if self.year.value() != self.year.minimum() else None
        super().accept()

    # -- the source and the guesses on it ---------------------------------------------------------
    def _fill_table(self) -> None:
        grid = self.reading.grid
        if grid is None:
            self.table.hide()
            return
        nrows = min(grid.nrows, MAX_SHOWN_ROWS)
        self.table.setRowCount(nrows)
        self.table.setColumnCount(grid.ncols)
        for r in range(nrows):
            for c in range(len(grid.rows[r])):
                text = grid.raw(r, c)
                if text:
                    self.table.setItem(r, c, QTableWidgetItem(text))
        for m in grid.merges:
            if m.top < nrows:
                self.table.setSpan(m.top, m.left, min(m.bottom, nrows - 1) - m.top + 1, m.right - m.left + 1)
        self.table.resizeColumnsToContents()
        for c in range(grid.ncols):
            self.table.setColumnWidth(c, max(64, min(self.table.columnWidth(c), 220)))
        self.table.resizeRowsToContents()

    def _cell_item(self, r: int, c: int) -> QTableWidgetItem | None:
        if not (0 <= r < self.table.rowCount()):
            return None
        grid = self.reading.grid
        m = grid.merge_at(r, c) if grid is not None and c >= 0 else None
        if m is not None:
            r, c = m.top, m.left
        c = max(c, 0)
        if c >= self.table.columnCount():
            return None
        item = self.table.item(r, c)
        if item is None:
            item = QTableWidgetItem("")
            self.table.setItem(r, c, item)
        return item

    def _fill_guesses(self) -> None:
        for g in self.reading.guesses:
            entry = QListWidgetItem(f"[{g.kind_label}] {g}")
            entry.setData(Qt.ItemDataRole.UserRole, (g.row, g.col))
            if g.kind == G.PRINTED:
                entry.setBackground(QBrush(PRINTED_TINT))
            self.list.addItem(entry)
            if self.reading.grid is None or g.row < 0:
                continue
            cols = [g.col] if g.col >= 0 else range(self.table.columnCount())
            for c in cols:
                item = self._cell_item(g.row, c)
                if item is None or (g.col < 0 and not item.text()):
                    continue
                item.setBackground(QBrush(PRINTED_TINT if g.kind == G.PRINTED else GUESS_TINT))
                tip = item.toolTip()
                item.setToolTip(f"{tip}\n{g.message}" if tip else g.message)

    def _locate(self, index: int) -> None:
        entry = self.list.item(index)
        if entry is None or self.reading.grid is None:
            return
        r, c = entry.data(Qt.ItemDataRole.UserRole)
        item = self._cell_item(r, c if c >= 0 else 0)
        if item is not None:
            self.table.setCurrentItem(item)
            self.table.scrollToItem(item, QTableWidget.ScrollHint.PositionAtCenter)


__all__ = ["ImportPreviewDialog"]
