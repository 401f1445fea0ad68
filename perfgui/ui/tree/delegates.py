"""Cell editors: numbers, one-line text with suggestions, and multi-line reasons.

A typed value is checked when the person commits it (Enter, Tab): a number that is not a
number or is out of bounds keeps the editor open, tinted, with the reason beside it, so
nothing is ever silently dropped. Whatever reaches the model (focus moving away) is checked
again there and refused with the same message.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QCompleter, QLineEdit, QPlainTextEdit, QStyledItemDelegate,
    QStyleOptionViewItem, QWidget,
)

from .clipboard import first_cell
from .columns import (
    COL_ACTUAL, COL_MAX, COL_NAME, COL_REASON, COL_SCORE, COL_TARGET, COL_WEIGHT, FIELD_OF_COLUMN,
    NUMBER_COLUMNS, translate,
)

TARGET_SUGGESTIONS = ("=100.00(%)", "≥95%", "≥90%", "≤5%", "及时", "规范", "提升", "改善", "0发生",
                      "≥95.00(%)", "=90.00(%)")
ACTUAL_SUGGESTIONS = ("100.00(%)", "达成指标", "部分达成", "未达成", "及时", "规范", "0发生")

ROW_PADDING = 6
_INVALID_STYLE = "background: #FAD4D4; border: 1px solid #C82828;"


class CellEdit(QLineEdit):
    """One-line cell text; Ctrl+V pastes the first cell of copied table text, not the table."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Paste):
            text = QGuiApplication.clipboard().text()
            if text:
                self.insert(first_cell(text))
            event.accept()
            return
        super().keyPressEvent(event)


class ReasonEdit(QPlainTextEdit):
    """Multi-line text: Enter commits, Shift+Enter or Alt+Enter starts a new line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setPlaceholderText(translate("IndicatorTree", "偏差及原因分析（Enter 确认，Shift+Enter 换行）"))

    def insertFromMimeData(self, source) -> None:  # noqa: N802
        # Table text copied from a spreadsheet: its first cell, as for the one-line cells.
        text = source.text() if source is not None and source.hasText() else ""
        if "\t" in text:
            self.insertPlainText(first_cell(text))
            return
        super().insertFromMimeData(source)


class IndicatorDelegate(QStyledItemDelegate):
    # The text in an open one-line editor changed: (index, field, text), for the live preview
    # of totals (分值, 得分, 权重) and for the assistant (年度指标值, 全年完成值).
    textEdited = Signal(QModelIndex, str, str)
    # Enter committed a cell: the view moves to the cell below, as a spreadsheet does.
    committedDown = Signal(QModelIndex)
    # A typed value was refused while the editor stays open: (index, message).
    inputRefused = Signal(QModelIndex, str)

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:  # noqa: N802
        col = index.column()
        if col == COL_REASON:
            editor: QWidget = ReasonEdit(parent)
        else:
            line = CellEdit(parent)
            line.setFrame(False)
            if col in NUMBER_COLUMNS:
                line.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                line.setPlaceholderText("0.00")
                line.setToolTip(self._bounds_hint(index))
            elif col in (COL_TARGET, COL_ACTUAL):
                words = TARGET_SUGGESTIONS if col == COL_TARGET else ACTUAL_SUGGESTIONS
                completer = QCompleter(list(words), line)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                line.setCompleter(completer)
                line.setPlaceholderText(translate("IndicatorTree", "如 ≥95%、=100.00(%)、及时") if col == COL_TARGET
                                        else translate("IndicatorTree", "如 100.00(%)、达成指标"))
            elif col == COL_NAME:
                line.setPlaceholderText(translate("IndicatorTree", "指标名称"))
            field = FIELD_OF_COLUMN[col]
            persistent = QPersistentModelIndex(index)
            line.textEdited.connect(
                lambda text, p=persistent, f=field: self.textEdited.emit(QModelIndex(p), f, text))
            editor = line
        editor.setProperty("perfgui_column", col)
        editor._perfgui_index = QPersistentModelIndex(index)  # type: ignore[attr-defined]
        editor.installEventFilter(self)
        return editor

    @staticmethod
    def _bounds_hint(index: QModelIndex) -> str:
        col = index.column()
        if col == COL_SCORE:
            model = index.model()
            node = model.node_at(index) if hasattr(model, "node_at") else None
            if node is not None and node.max_points is not None:
                return translate("IndicatorTree", "得分：0 到 {limit}，最多两位小数").format(limit=f"{node.max_points:.2f}")
            return translate("IndicatorTree", "得分：不小于 0，最多两位小数")
        if col == COL_MAX:
            return translate("IndicatorTree", "分值：0 到 100，最多两位小数")
        if col == COL_WEIGHT:
            return translate("IndicatorTree", "权重：0 到 100，最多两位小数")
        return ""

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:  # noqa: N802
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(text)
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText(text)
            editor.selectAll()

    @staticmethod
    def editor_text(editor: QWidget) -> str:
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QLineEdit):
            return editor.text()
        return ""

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # noqa: N802
        model.setData(index, self.editor_text(editor), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:  # noqa: N802
        rect = QRect(option.rect)
        if isinstance(editor, QPlainTextEdit):
            # Room for a few lines even in a one-line row; the viewport clips what does not fit.
            rect.setHeight(max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 10))
            rect.setWidth(max(rect.width(), 240))
        editor.setGeometry(rect)

    def _refuse(self, editor: QWidget, message: str) -> None:
        editor.setStyleSheet(_INVALID_STYLE)
        editor.setToolTip(message)
        index = getattr(editor, "_perfgui_index", None)
        self.inputRefused.emit(QModelIndex(index) if index is not None else QModelIndex(), message)

    def check(self, editor: QWidget) -> str:
        """The message that refuses the editor's text, or ""."""
        persistent = getattr(editor, "_perfgui_index", None)
        if persistent is None or not persistent.isValid():
            return ""
        index = QModelIndex(persistent)
        model = index.model()
        if not hasattr(model, "validate"):
            return ""
        return model.validate(index, self.editor_text(editor))

    def eventFilter(self, editor, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            mods = event.modifiers()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                if isinstance(editor, QPlainTextEdit) and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                        mods & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.AltModifier)):
                    editor.insertPlainText("\n")
                    return True
                if mods & Qt.KeyboardModifier.ControlModifier and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    # Ctrl+Enter belongs to "accept suggestion": commit first, then let it through.
                    message = self.check(editor)
                    if message:
                        self._refuse(editor, message)
                        return True
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    return False
                message = self.check(editor)
                if message:
                    self._refuse(editor, message)
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                    # Enter commits and moves down; Tab is left to Qt (commit, next cell to the right).
                    persistent = getattr(editor, "_perfgui_index", None)
                    self.commitData.emit(editor)
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    if persistent is not None and persistent.isValid():
                        self.committedDown.emit(QModelIndex(persistent))
                    return True
        return super().eventFilter(editor, event)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:  # noqa: N802
        # QTreeView asks for row heights with an unknown width, so wrapped text would never
        # wrap: give the style the column's real width (less the indentation in the 指标 column).
        view = self.parent()
        if not hasattr(view, "columnWidth") or not view.wordWrap():
            return super().sizeHint(option, index)
        width = view.columnWidth(index.column())
        if index.column() == COL_NAME:
            depth = 0
            p = index.parent()
            while p.isValid():
                depth += 1
                p = p.parent()
            width -= view.indentation() * (depth + (1 if view.rootIsDecorated() else 0))
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, max(width, 20), max(option.rect.height(), 1))
        size = super().sizeHint(opt, index)
        # A little air between rows: dense numbers in CJK fonts read poorly when packed tight.
        return QSize(size.width(), size.height() + ROW_PADDING)
