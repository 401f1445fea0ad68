"""The tree view: keyboard behaviour of a spreadsheet, drag and drop that moves subtrees."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QDrag, QKeyEvent, QStatusTipEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate, QAbstractItemView, QApplication, QHeaderView, QTreeView, QToolTip, QWidget,
)

from .columns import (
    COL_ACTUAL, COL_MAX, COL_NAME, COL_REASON, COL_SCORE, COL_TARGET, COL_WEIGHT, COLUMN_COUNT, NUMBER_COLUMNS,
)
from .delegates import IndicatorDelegate


# Alt + these keys are the editor's 上移/下移/升级/降级 shortcuts.
STRUCTURE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right)


class IndicatorView(QTreeView):
    # A message for the status bar (refused input, refused drop, what a paste guessed).
    statusMessage = Signal(str)
    # Alt+arrow reached the view: its structure action is disabled (the move is impossible).
    # The editor says why; the key must not fall through to a plain cursor move or collapse.
    structureKeyRefused = Signal(int)
    # Ctrl + mouse wheel: zoom steps (+1 larger, -1 smaller).
    zoomRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = IndicatorDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.inputRefused.connect(lambda index, message: self.show_message(message, index))
        self.delegate.committedDown.connect(self._move_below)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        # Scrolling stays per item: per pixel, Qt measures every row's wrapped height up front
        # (2,000 indicators: 84 ms → 1.2 s to open). scrollTo makes sure a tall row is in sight.
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setTabKeyNavigation(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        # DragDrop rather than InternalMove: a plain drag moves, Ctrl+drag copies, and a drag
        # between two windows' trees copies. The model does the whole move in one undo step.
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setAutoExpandDelay(600)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        # A label wider than its column (偏差及原因分析 on a narrow window) ends in "…" instead of
        # being cut at both sides.
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.sectionResized.connect(self._on_section_resized)

    # -- set-up ---------------------------------------------------------------------------------
    def setModel(self, model) -> None:  # noqa: N802
        old = self.model()
        if old is not None and hasattr(old, "editRejected"):
            try:
                old.editRejected.disconnect(self._on_edit_rejected)
                old.rowsInserted.disconnect(self._on_rows_inserted)
                old.rowsMoved.disconnect(self._on_rows_moved)
            except (RuntimeError, TypeError):
                pass
        super().setModel(model)
        if model is None:
            return
        model.editRejected.connect(self._on_edit_rejected)
        model.rowsInserted.connect(self._on_rows_inserted)
        model.rowsMoved.connect(self._on_rows_moved)
        self.set_default_widths()
        self.expandAll()

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex, roles=()) -> None:  # noqa: N802
        # Cells of number columns only (the subtotals above a cell, on every keystroke of the
        # live preview): one-line numbers never change a row's height, so repaint them without
        # QTreeView measuring every cell of each row again (about 0.7 ms a keystroke).
        if all(c in NUMBER_COLUMNS for c in range(top_left.column(), bottom_right.column() + 1)):
            QAbstractItemView.dataChanged(self, top_left, bottom_right, roles)
            return
        super().dataChanged(top_left, bottom_right, roles)

    def set_default_widths(self) -> None:
        """Default widths, fitted to the width the view has until the person drags a border."""
        self._fitted = True
        header = self.header()
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("分值") + 16)
        # The stretched last section never shrinks below the width it had when stretching was
        # turned on (100 px then): set it afresh, so 偏差及原因分析 can give way on a narrow view.
        self._fitting = True
        header.setStretchLastSection(False)
        self.setColumnWidth(COL_REASON, self.reason_least_width())
        header.setStretchLastSection(True)
        self._fitting = False
        self.fit_columns()

    def column_widths(self, available: int) -> dict[int, int]:
        """Widths of the columns before 偏差及原因分析 (which takes the rest) for ``available`` px.

        Wide enough, they fit Chinese labels: a 13-character name, "100.00", "=100.00(%)". When
        the view is narrower, room is found so that 指标, 分值 and 得分 stay in sight: first the
        偏差及原因分析 column shrinks, then the figures lose their padding, then the name wraps
        on a narrower column.
        """
        fm = self.fontMetrics()
        indent = self.indentation() * 3
        number = max(fm.horizontalAdvance("100.00"), fm.horizontalAdvance("权重"))
        measure = max(fm.horizontalAdvance("=100.00(%)"), fm.horizontalAdvance("年度指标值"))
        reason_least = self.reason_least_width()

        def layout(pad: int, name: int) -> dict[int, int]:
            return {COL_NAME: name, COL_WEIGHT: number + pad, COL_TARGET: measure + pad,
                    COL_ACTUAL: measure + pad, COL_MAX: number + pad, COL_SCORE: number + pad}

        wide = layout(24, fm.horizontalAdvance("中" * 13) + indent + 24)
        if sum(wide.values()) + reason_least <= available:
            return wide
        compact = layout(12, wide[COL_NAME])
        room = available - reason_least - sum(compact.values()) + compact[COL_NAME]
        compact[COL_NAME] = max(fm.horizontalAdvance("中" * 7) + indent + 12, min(room, wide[COL_NAME]))
        return compact

    def reason_least_width(self) -> int:
        return self.fontMetrics().horizontalAdvance("偏差及原") + 12

    def fit_columns(self) -> None:
        if not getattr(self, "_fitted", False) or self.model() is None:
            return
        self._fitting = True
        try:
            for col, width in self.column_widths(self.viewport().width()).items():
                if self.columnWidth(col) != width:
                    self.setColumnWidth(col, width)
        finally:
            self._fitting = False

    def viewportEvent(self, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit_columns()
        return super().viewportEvent(event)

    def _on_section_resized(self, column: int, *_args) -> None:
        # A border the person dragged: their widths stay, however the window is resized.
        if not getattr(self, "_fitting", False) and column != COL_REASON:
            self._fitted = False
        # Word-wrapped rows get their height from the column width: lay them out again.
        self.scheduleDelayedItemsLayout()

    def _on_rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.expand(parent)
        model = self.model()
        for row in range(first, last + 1):
            self.expandRecursively(model.index(row, 0, parent))

    def _on_rows_moved(self, _src: QModelIndex, _start: int, _end: int, dest: QModelIndex, row: int) -> None:
        if dest.isValid():
            self.expand(dest)
        model = self.model()
        for r in (row - 1, row):
            index = model.index(r, 0, dest)
            if index.isValid():
                self.expandRecursively(index)

    # -- messages -------------------------------------------------------------------------------
    def show_message(self, message: str, index: QModelIndex | None = None) -> None:
        """Say something where the person is looking: a tooltip at the cell and the status bar."""
        if not message:
            return
        if index is not None and index.isValid():
            rect = self.visualRect(index)
            pos = self.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom()))
        else:
            pos = self.viewport().mapToGlobal(QPoint(8, 8))
        QToolTip.showText(pos, message, self)
        window = self.window()
        if window is not None:
            QApplication.sendEvent(window, QStatusTipEvent(message))
        self.statusMessage.emit(message)

    def _on_edit_rejected(self, node_id: str, field: str, message: str) -> None:
        model = self.model()
        index = model.index_for(node_id, field) if model is not None else QModelIndex()
        self.show_message(message, index)

    # -- selection ------------------------------------------------------------------------------
    def select_node(self, node_id: str, field: str | None = None) -> bool:
        """Select a node's cell (the 指标 cell without a field), expand to it and scroll to it."""
        model = self.model()
        if model is None:
            return False
        index = model.index_for(node_id, field)
        if not index.isValid():
            return False
        self.select_index(index)
        return True

    def select_index(self, index: QModelIndex, *, focus: bool = True) -> None:
        parent = index.parent()
        while parent.isValid():
            self.expand(parent)
            parent = parent.parent()
        self.selectionModel().setCurrentIndex(
            index, self.selectionModel().SelectionFlag.ClearAndSelect)
        self.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        if focus:
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def wheelEvent(self, event) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            delta = event.angleDelta().y()
            if delta:
                self.zoomRequested.emit(1 if delta > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # noqa: N802
        super().scrollTo(index, hint)
        if (hint == QAbstractItemView.ScrollHint.EnsureVisible and index.isValid()
                and not self.viewport().rect().contains(self.visualRect(index))):
            # Rows of different heights (wrapped names): per-item scrolling can stop one short.
            super().scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    # -- editing helpers ------------------------------------------------------------------------
    def open_editor(self):
        """The cell editor that is open, if any."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        for widget in self.viewport().findChildren(QWidget):
            if hasattr(widget, "_perfgui_index") and widget.isVisible():
                return widget
        return None

    def finish_editing(self) -> bool:
        """Commit the open editor, if any; False if its text is refused (it then stays open)."""
        editor = self.open_editor()
        if editor is None:
            return True
        message = self.delegate.check(editor)
        if message:
            self.delegate._refuse(editor, message)
            return False
        self.delegate.commitData.emit(editor)
        self.delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        return True

    def discard_editing(self) -> None:
        """Close the open editor without storing its text (its form is going away)."""
        editor = self.open_editor()
        if editor is not None:
            self.delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)

    # -- keyboard -------------------------------------------------------------------------------
    def _editable(self, index: QModelIndex) -> bool:
        return index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)

    def _step(self, index: QModelIndex, forward: bool) -> QModelIndex:
        """The next (or previous) editable cell in reading order, across visible rows."""
        if not index.isValid():
            return index
        col = index.column()
        row_index = index.siblingAtColumn(0)
        while True:
            col += 1 if forward else -1
            if col >= COLUMN_COUNT or col < 0:
                row_index = self.indexBelow(row_index) if forward else self.indexAbove(row_index)
                if not row_index.isValid():
                    return QModelIndex()
                col = 0 if forward else COLUMN_COUNT - 1
            candidate = row_index.siblingAtColumn(col)
            if self._editable(candidate) and not self.isColumnHidden(col):
                return candidate

    def moveCursor(self, action, modifiers):  # noqa: N802
        Move = QAbstractItemView.CursorAction
        if action in (Move.MoveNext, Move.MovePrevious):
            current = self.currentIndex()
            found = self._step(current, action == Move.MoveNext)
            return found if found.isValid() else current
        if action in (Move.MoveLeft, Move.MoveRight):
            # A spreadsheet's arrows: one cell sideways, never a collapse or an expand (QTreeView
            # collapses the group on Left in the first column). Groups fold with the mouse or
            # 全部折叠/全部展开.
            current = self.currentIndex()
            if not current.isValid():
                return super().moveCursor(action, modifiers)
            col = current.column()
            step = -1 if action == Move.MoveLeft else 1
            col += step
            while 0 <= col < COLUMN_COUNT and self.isColumnHidden(col):
                col += step
            return current.siblingAtColumn(col) if 0 <= col < COLUMN_COUNT else current
        return super().moveCursor(action, modifiers)

    def _move_below(self, index: QModelIndex) -> None:
        """After Enter: the same column one row down (stay on the last row)."""
        if not index.isValid():
            return
        below = self.indexBelow(index.siblingAtColumn(0))
        if below.isValid():
            self.selectionModel().setCurrentIndex(
                below.siblingAtColumn(index.column()), self.selectionModel().SelectionFlag.ClearAndSelect)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if (key in STRUCTURE_KEYS
                and event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier == Qt.KeyboardModifier.AltModifier
                and self.state() != QAbstractItemView.State.EditingState):
            self.structureKeyRefused.emit(int(key))
            event.accept()
            return
        if (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and self.state() != QAbstractItemView.State.EditingState):
            index = self.currentIndex()
            if self._editable(index):
                self.edit(index)
            elif index.isValid() and self.model().hasChildren(index.siblingAtColumn(0)):
                first = index.siblingAtColumn(0)
                self.setExpanded(first, not self.isExpanded(first))
            else:
                message = self.model().validate(index, "") if index.isValid() else ""
                if message:
                    self.show_message(message, index)
            event.accept()
            return
        if (event.text() and event.text().isprintable()
                and not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
                and self.state() != QAbstractItemView.State.EditingState):
            index = self.currentIndex()
            if index.isValid() and index.column() != COL_NAME and not self._editable(index):
                # Typing on a computed or locked cell: say why. Qt would search the column for
                # the typed text and move the cursor to another row, where the next keys would
                # start editing a cell the person never chose.
                message = self.model().validate(index, "")
                if message:
                    self.show_message(message, index)
                event.accept()
                return
        super().keyPressEvent(event)

    def edit(self, index, trigger=None, event=None):  # noqa: D401 - Qt's overloads
        if trigger is None:
            return super().edit(index)
        result = super().edit(index, trigger, event)
        if (not result and trigger in (QAbstractItemView.EditTrigger.EditKeyPressed,
                                       QAbstractItemView.EditTrigger.DoubleClicked)
                and index.isValid() and not self._editable(index) and self.model() is not None):
            # F2 or a double click on a computed or locked cell: say why instead of doing nothing.
            message = self.model().validate(index, "")
            if message:
                QTimer.singleShot(0, lambda m=message, i=index: self.show_message(m, i))
        return result

    # -- drag and drop --------------------------------------------------------------------------
    def startDrag(self, supported_actions) -> None:  # noqa: N802
        # Qt's own startDrag removes the dragged rows after a move; our model already moved them
        # (one undo command), so the drag is run here without that removal.
        model = self.model()
        indexes = [i for i in self.selectedIndexes() if model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled]
        if not indexes:
            return
        mime = model.mimeData(indexes)
        if mime is None:
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.exec(supported_actions, self.defaultDropAction())

    def dropEvent(self, event) -> None:  # noqa: N802
        model = self.model()
        if model is not None:
            model.last_error = ""
        super().dropEvent(event)
        if model is not None and not event.isAccepted() and model.last_error:
            self.show_message(model.last_error)
            model.last_error = ""

