"""表单库: the forms in the local library, searchable, with the actions on them.

The panel only shows and asks; the window does (opening, creating, duplicating, deleting), so
the same actions are reachable from the menus and the keyboard. As in a file manager, a single
click selects a form and a double click or Enter opens it; the library actions (duplicate,
delete, export) act on the selected form, which need not be the open one.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListView, QMenu, QStyle,
    QStyledItemDelegate, QStyleOptionViewItem, QToolButton, QVBoxLayout, QWidget,
)

from ..model import fmt2

SummaryRole = Qt.ItemDataRole.UserRole + 1
OpenRole = Qt.ItemDataRole.UserRole + 2
PAD = 6


def format_saved_at(value) -> str:
    """A short local time for a "last saved" value (datetime, ISO text or epoch seconds)."""
    if value in (None, ""):
        return ""
    when = None
    if isinstance(value, _dt.datetime):
        when = value
    elif isinstance(value, (int, float)):
        when = _dt.datetime.fromtimestamp(value)
    else:
        try:
            when = _dt.datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
    if when.tzinfo is not None:
        when = when.astimezone().replace(tzinfo=None)
    now = _dt.datetime.now()
    if when.date() == now.date():
        return when.strftime("%H:%M")
    if when.year == now.year:
        return when.strftime("%m-%d %H:%M")
    return when.strftime("%Y-%m-%d")


def _g(summary, name: str, default=None):
    return getattr(summary, name, default)


def summary_lines(s) -> tuple[str, str]:
    """The two lines a form is shown with: year and unit, then kind · score grade · status."""
    year = _g(s, "year")
    project = _g(s, "kind") == "project"
    placeholder = "未命名项目" if project else "未命名单位"
    # The title repeats the year and the kind ("2025年度 未命名单位 项目支出"): it names only a
    # form that could not be read (no year).
    who = _g(s, "unit") or _g(s, "project_name") or (placeholder if year else _g(s, "title")) or placeholder
    if project and _g(s, "project_name"):
        who = _g(s, "project_name")
    first = f"{year} {who}" if year else f"年度未填 {who}"
    parts = [str(_g(s, "kind_label", "") or "")]
    score = _g(s, "total_score")
    if score not in (None, ""):
        parts.append(f"{fmt2(Decimal(str(score)))} {_g(s, 'grade') or ''}".strip())
    parts.append(str(_g(s, "status_label", "") or ""))
    return first, " · ".join(p for p in parts if p)


def details_line(s) -> str:
    """What tells two forms of the same name apart: id, status, score, when last saved."""
    parts = [f"编号 {_g(s, 'id')}", str(_g(s, "status_label", "") or "")]
    score = _g(s, "total_score")
    if score not in (None, ""):
        parts.append(f"总分 {fmt2(Decimal(str(score)))}")
    saved = format_saved_at(_g(s, "saved_at"))
    if saved:
        parts.append(f"最后保存 {saved}")
    return " · ".join(p for p in parts if p)


def problems_text(s) -> str:
    errors = _g(s, "errors") or 0
    return f"{errors} 错" if errors else ""


class LibraryModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.items: list = []
        self.open_id: str | None = None

    def set_items(self, items: list) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def set_open_id(self, form_id: str | None) -> None:
        self.open_id = form_id
        if self.items:
            self.dataChanged.emit(self.index(0), self.index(len(self.items) - 1))

    def row_of(self, form_id: str) -> int:
        for i, s in enumerate(self.items):
            if _g(s, "id") == form_id:
                return i
        return -1

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        s = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "\n".join(summary_lines(s))
        if role == Qt.ItemDataRole.ToolTipRole:
            first, second = summary_lines(s)
            saved = format_saved_at(_g(s, "saved_at"))
            top = _g(s, "total_max")
            score = f"总分 {fmt2(Decimal(str(_g(s, 'total_score'))))} / {fmt2(Decimal(str(top)))}" if top not in (None, "") else ""
            problems = f"{_g(s, 'errors') or 0} 个错误 · {_g(s, 'warnings') or 0} 个警告"
            lines = [first, _g(s, "title", "") or "", second, score, problems,
                     f"最后保存：{saved}" if saved else ""]
            return "\n".join(x for x in lines if x)
        if role == SummaryRole:
            return s
        if role == OpenRole:
            return _g(s, "id") == self.open_id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return "，".join((*summary_lines(s), problems_text(s)))
        return None


class LibraryDelegate(QStyledItemDelegate):
    """Two lines: year and unit (bold), then kind · score grade · status, and when saved."""

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 2 + PAD * 2 + 3)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QStyle()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        s = index.data(SummaryRole)
        if s is None:
            return
        first, second = summary_lines(s)
        saved = format_saved_at(_g(s, "saved_at"))
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = opt.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        grey = text_color if selected else QColor("#666666")
        r = option.rect.adjusted(PAD + 2, PAD, -PAD, -PAD)
        fm = QFontMetrics(option.font)
        line = fm.height()
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(text_color)
        mark = "● " if index.data(OpenRole) else ""
        bfm = QFontMetrics(bold)
        painter.drawText(QRect(r.left(), r.top(), r.width(), line), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         bfm.elidedText(mark + first, Qt.TextElideMode.ElideRight, r.width()))
        painter.setFont(option.font)
        painter.setPen(grey)
        y = r.top() + line + 3
        saved_w = fm.horizontalAdvance(saved) + 6 if saved else 0
        problems = problems_text(s)
        problems_w = fm.horizontalAdvance(problems) + 8 if problems else 0
        second_rect = QRect(r.left(), y, r.width() - saved_w - problems_w, line)
        painter.drawText(second_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         fm.elidedText(second, Qt.TextElideMode.ElideRight, second_rect.width()))
        if problems:
            painter.setPen(text_color if selected else QColor("#c62828"))
            painter.drawText(QRect(second_rect.right() + 1, y, problems_w, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, problems)
            painter.setPen(grey)
        if saved:
            painter.drawText(QRect(r.right() - saved_w, y, saved_w, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, saved)
        painter.restore()


class LibraryPanel(QWidget):
    """Search box, list of forms, and the actions on the selected one."""

    openRequested = Signal(str)
    newRequested = Signal(str)  # FormKind value
    duplicateRequested = Signal(str)
    deleteRequested = Signal(str)
    exportRequested = Signal(str)
    restoreRequested = Signal(str)
    purgeRequested = Signal(str)
    emptyTrashRequested = Signal()
    selectionChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = None
        self.trash_mode = False
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("搜索单位、年度、项目…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("搜索表单库"))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self._open_first)

        self.new_button = QToolButton()
        self.new_button.setText(self.tr("新建"))
        self.new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.new_button.setAutoRaise(False)
        self.new_button.setToolTip(self.tr("从模板新建表单"))
        self.new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_menu = QMenu(self.new_button)
        self.new_button.setMenu(self.new_menu)
        self.trash_button = QToolButton()
        self.trash_button.setText(self.tr("回收站"))
        self.trash_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash_button.setCheckable(True)
        self.trash_button.setToolTip(self.tr("显示已删除的表单，可恢复"))
        self.trash_button.toggled.connect(self.set_trash_mode)

        self.model = LibraryModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(LibraryDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setUniformItemSizes(True)
        # The delegate elides long names: a narrow panel needs no sideways scrolling.
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        # Not ``activated``: some styles activate on a single click, which must only select.
        self.view.doubleClicked.connect(self._activated)
        self.view.installEventFilter(self)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.selectionChanged.emit())
        self.model.modelReset.connect(self.selectionChanged.emit)
        self.view.setAccessibleName(self.tr("表单列表"))
        self.status = QLabel()
        self.status.setStyleSheet("color:#666")
        self.empty_trash_button = QToolButton()
        self.empty_trash_button.setText(self.tr("清空回收站"))
        self.empty_trash_button.setToolTip(self.tr("彻底删除回收站中的全部表单（不能恢复）"))
        self.empty_trash_button.clicked.connect(self.emptyTrashRequested.emit)
        self.empty_trash_button.hide()

        self.open_action = QAction(self.tr("打开"), self)
        self.open_action.triggered.connect(lambda: self._emit(self.openRequested))
        self.duplicate_action = QAction(self.tr("复制到下一年度"), self)
        self.duplicate_action.triggered.connect(lambda: self._emit(self.duplicateRequested))
        self.export_action = QAction(self.tr("导出…"), self)
        self.export_action.triggered.connect(lambda: self._emit(self.exportRequested))
        self.delete_action = QAction(self.tr("删除"), self)
        self.delete_action.triggered.connect(
            lambda: self._emit(self.purgeRequested if self.trash_mode else self.deleteRequested))
        self.restore_action = QAction(self.tr("恢复"), self)
        self.restore_action.triggered.connect(lambda: self._emit(self.restoreRequested))
        self.purge_action = QAction(self.tr("彻底删除"), self)
        self.purge_action.triggered.connect(lambda: self._emit(self.purgeRequested))
        self.empty_trash_action = QAction(self.tr("清空回收站"), self)
        self.empty_trash_action.triggered.connect(self.emptyTrashRequested.emit)
        # Delete in the list deletes (to the trash; in the trash, for good, after asking): the
        # shortcut only applies here.
        self.delete_action.setShortcut(Qt.Key.Key_Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.view.addAction(self.delete_action)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.trash_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.empty_trash_button)
        layout.addLayout(bottom)

    def set_icons(self, new_icon, trash_icon) -> None:
        self.new_button.setIcon(new_icon)
        self.trash_button.setIcon(trash_icon)

    def set_new_actions(self, actions: list[QAction | None]) -> None:
        """The 新建 drop-down's entries (None: a separator)."""
        self.new_menu.clear()
        for a in actions:
            if a is None:
                self.new_menu.addSeparator()
            else:
                self.new_menu.addAction(a)

    def set_library(self, library) -> None:
        self.library = library
        self.refresh()

    def set_trash_mode(self, on: bool) -> None:
        self.trash_mode = on
        if self.trash_button.isChecked() != on:
            self.trash_button.setChecked(on)
        self.refresh()

    def set_open_id(self, form_id: str | None) -> None:
        self.model.set_open_id(form_id)
        if form_id:
            row = self.model.row_of(form_id)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row))

    def refresh(self) -> None:
        if self.library is None:
            self.model.set_items([])
            return
        current = self.current_id()
        query = self.search.text().strip()
        try:
            if self.trash_mode:
                items = list(self.library.trash())
                if query:
                    items = [s for s in items if query in "\n".join(summary_lines(s)) or query in (_g(s, "title") or "")]
            else:
                items = list(self.library.list(query or None))
        except Exception as exc:  # StoreError: a Chinese sentence saying what to do
            self.status.setText(str(exc))
            return
        self.model.set_items(items)
        self.empty_trash_button.setVisible(self.trash_mode)
        self.empty_trash_button.setEnabled(bool(items))
        if self.trash_mode:
            self.status.setText(self.tr("回收站：%1 张表单").replace("%1", str(len(items))))
        else:
            self.status.setText(self.tr("共 %1 张表单").replace("%1", str(len(items))))
        keep = current or self.model.open_id
        if keep:
            row = self.model.row_of(keep)
            if row >= 0:
                self.view.setCurrentIndex(self.model.index(row))

    def current_id(self) -> str | None:
        s = self.current_summary()
        return _g(s, "id") if s is not None else None

    def current_summary(self):
        """The selected form's line of the list (None when nothing is selected)."""
        index = self.view.currentIndex()
        return index.data(SummaryRole) if index.isValid() else None

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        # Enter opens the selected form (restores it in the recycle bin), as a double click does.
        if (obj is self.view and event.type() == QEvent.Type.KeyPress and not event.modifiers()
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            if self.view.currentIndex().isValid():
                self._activated(self.view.currentIndex())
                return True
        return super().eventFilter(obj, event)

    def select(self, form_id: str) -> bool:
        row = self.model.row_of(form_id)
        if row < 0:
            return False
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def _emit(self, signal) -> None:
        form_id = self.current_id()
        if form_id:
            signal.emit(form_id)

    def _activated(self, index: QModelIndex) -> None:
        s = index.data(SummaryRole)
        if s is None:
            return
        if self.trash_mode:
            self.restoreRequested.emit(_g(s, "id"))
        else:
            self.openRequested.emit(_g(s, "id"))

    def _open_first(self) -> None:
        if self.model.rowCount() and not self.trash_mode:
            index = self.view.currentIndex()
            if not index.isValid():
                index = self.model.index(0)
            self._activated(index)

    def _context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        has = index.isValid()
        if self.trash_mode:
            menu.addAction(self.restore_action)
            menu.addAction(self.purge_action)
            for a in (self.restore_action, self.purge_action):
                a.setEnabled(has)
            menu.addSeparator()
            menu.addAction(self.empty_trash_action)
            self.empty_trash_action.setEnabled(self.model.rowCount() > 0)
        else:
            menu.addAction(self.open_action)
            menu.addAction(self.duplicate_action)
            menu.addAction(self.export_action)
            menu.addSeparator()
            menu.addAction(self.delete_action)
            for a in (self.open_action, self.duplicate_action, self.export_action, self.delete_action):
                a.setEnabled(has)
            menu.addSeparator()
            sub = menu.addMenu(self.tr("新建"))
            for a in self.new_menu.actions():
                sub.addAction(a)
        menu.addSeparator()
        toggle = menu.addAction(self.tr("返回表单库") if self.trash_mode else self.tr("回收站"))
        toggle.triggered.connect(lambda: self.set_trash_mode(not self.trash_mode))
        menu.exec(self.view.viewport().mapToGlobal(pos))
