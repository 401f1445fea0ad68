"""The list of findings: where each problem is and what to do; activating one jumps to it."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QHBoxLayout, QLabel, QListView, QStyle, QStyledItemDelegate,
    QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from ..model import ERROR, Finding

FindingRole = Qt.ItemDataRole.UserRole + 1
WhereRole = Qt.ItemDataRole.UserRole + 2

PAD = 6
ICON = 16


class FindingsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list[Finding] = []
        self._icons = {}

    def set_icons(self, error_icon, warning_icon) -> None:
        self._icons = {ERROR: error_icon, "warning": warning_icon}

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self.items:
            return
        self.beginResetModel()
        self.items = list(findings)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        f = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f.message
        if role == WhereRole:
            return f.where
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.where}\n{f.message}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icons.get(f.level)
        if role == FindingRole:
            return f
        return None


class FindingDelegate(QStyledItemDelegate):
    """Two lines per finding: where it is (small, grey), then the message, wrapped."""

    def _rects(self, option, index) -> tuple[QRect, QRect, QRect]:
        r = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        icon = QRect(r.left(), r.top() + 1, ICON, ICON)
        text_left = r.left() + ICON + PAD
        width = max(40, r.right() - text_left)
        fm = QFontMetrics(option.font)
        where_h = fm.height()
        where = QRect(text_left, r.top(), width, where_h)
        msg_h = fm.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap,
                                index.data() or "").height()
        message = QRect(text_left, r.top() + where_h + 1, width, msg_h)
        return icon, where, message

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        view = opt.widget
        if view is not None:
            opt.rect = QRect(0, 0, view.viewport().width(), 0)
        _, where, message = self._rects(opt, index)
        return QSize(opt.rect.width(), message.bottom() + PAD - opt.rect.top() + 1)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QStyle()
        text = opt.text
        opt.text = ""
        opt.icon = type(opt.icon)()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        icon_rect, where_rect, msg_rect = self._rects(option, index)
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if icon is not None:
            icon.paint(painter, icon_rect)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        grey = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText)
        if not selected:
            grey = QColor("#6b6b6b")
        painter.setPen(grey)
        fm = QFontMetrics(option.font)
        painter.drawText(where_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(index.data(WhereRole) or "", Qt.TextElideMode.ElideMiddle, where_rect.width()))
        painter.setPen(opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text))
        painter.drawText(msg_rect, Qt.TextFlag.TextWordWrap, text)
        painter.restore()


class FindingsPanel(QWidget):
    """检查结果: every finding of the open form; click or Enter to go to the cell."""

    findingActivated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        style = self.style()
        self.model.set_icons(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                             style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        self.heading = QLabel()
        self.only_errors = QCheckBox(self.tr("只看错误"))
        self.only_errors.toggled.connect(lambda _on: self._apply())
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(FindingDelegate(self.view))
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(False)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(self.tr("检查结果"))
        self.view.activated.connect(self._activated)
        self.view.clicked.connect(self._activated)
        self.empty = QLabel(self.tr("没有发现问题。"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color:#2e7d32; padding:12px")

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading, 1)
        top.addWidget(self.only_errors)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        self._all: list[Finding] = []
        self.set_findings([])

    def set_findings(self, findings: list[Finding]) -> None:
        self._all = list(findings)
        self._apply()

    def _apply(self) -> None:
        shown = [f for f in self._all if f.level == ERROR] if self.only_errors.isChecked() else self._all
        self.model.set_findings(shown)
        errors = sum(1 for f in self._all if f.level == ERROR)
        warnings = len(self._all) - errors
        self.heading.setText(self.tr("%1 个错误 · %2 个警告").replace("%1", str(errors)).replace("%2", str(warnings)))
        self.empty.setVisible(not shown)
        self.view.setVisible(bool(shown))

    def findings(self) -> list[Finding]:
        return list(self.model.items)

    def _activated(self, index: QModelIndex) -> None:
        f = index.data(FindingRole)
        if f is not None:
            self.findingActivated.emit(f)

    def activate_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self._activated(index)

    def step(self, delta: int) -> bool:
        """Go to the next (+1) or previous (−1) finding, wrapping around; False if none."""
        n = self.model.rowCount()
        if not n:
            return False
        current = self.view.currentIndex().row()
        row = (current + delta) % n if current >= 0 else (0 if delta > 0 else n - 1)
        self.activate_row(row)
        return True
