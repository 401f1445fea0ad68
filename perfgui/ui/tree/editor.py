"""The indicator editor: the tree view, its model, the scoring assistant and the actions.

The main window places ``view`` (inside this widget), puts ``assistant`` in a side panel and
builds menus and toolbars from ``actions``. Shortcuts only act while the focus is inside the
editor, so Del in another page never deletes an indicator.
"""

from __future__ import annotations

import weakref
from decimal import Decimal

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QGuiApplication, QKeySequence, QStatusTipEvent, QUndoStack
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QVBoxLayout, QWidget

from ...model.form import Form, Node
from ...exchange.errors import ImportFailed
from ...model.numbers import fmt2
from ...model.rules import Finding, check
from . import clipboard
from .assistant import ScoringAssistant
from .columns import COL_NAME, COLUMN_COUNT, FIELD_OF_COLUMN, header_labels, editable_fields, level_of, parse_field, row_of
from ..document import EditDocument
from .find_bar import FindBar
from .model import IndicatorModel
from .structure import (
    add_child_plan, add_sibling_plan, display, indent_plan, move_down_plan, move_up_plan,
    nodes_text, outdent_plan, rows_place, where_text,
)
from .view import IndicatorView


def _disconnect(signal, slot) -> None:
    try:
        signal.disconnect(slot)
    except (RuntimeError, TypeError):
        pass


# Fields whose typed value the totals follow before it is committed.
LIVE_FIELDS = ("weight", "max_points", "score")

ACTION_KEYS = ("add_sibling", "add_child", "clear", "delete", "move_up", "move_down", "indent",
               "outdent", "copy", "cut", "paste", "accept_suggestion", "expand_all", "collapse_all",
               "find", "replace", "zoom_in", "zoom_out", "zoom_reset")

# Zoom of the indicator table, in percent of the window's font.
ZOOM_STEPS = (70, 80, 90, 100, 110, 125, 150, 175, 200)


class IndicatorEditor(QWidget):
    formChanged = Signal()
    # The findings the editor computed after a change (only with auto_check).
    findingsChanged = Signal(list)
    # Something to show in the status bar.
    statusMessage = Signal(str)
    # Zoom or the shown columns changed (the window remembers them).
    viewSettingsChanged = Signal()

    def __init__(self, parent: QWidget | None = None, *, auto_check: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("IndicatorEditor")
        self.view = IndicatorView(self)
        self.view.statusMessage.connect(self.statusMessage)
        self.view.structureKeyRefused.connect(self._structure_key_refused)
        self.model: IndicatorModel | None = None
        self.document: EditDocument | None = None
        # Not in this widget's layout: the main window puts it in a side panel.
        self.assistant = ScoringAssistant()
        self.findings: list[Finding] = []
        self.auto_check = auto_check
        self.last_paste_guesses: list[str] = []
        self.last_paste_skipped: list[str] = []
        self._read_only = False
        self._guess_box: QMessageBox | None = None
        # The paste dialog while it is open (tests and screenshots reach it here).
        self.paste_dialog = None
        # The rule check takes a few milliseconds at 2,000 indicators: it runs right after the
        # change is shown (next turn of the event loop), once for a burst of changes.
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(0)
        self._check_timer.timeout.connect(self._recheck)
        self.find_bar = FindBar(self)
        self.find_bar.showCell.connect(self._show_found)
        self.find_bar.replaceRequested.connect(self._replace)
        self.find_bar.closed.connect(lambda: self.view.setFocus(Qt.FocusReason.OtherFocusReason))
        self.zoom = 100
        self._hidden_columns: set[int] = set()
        self._base_font = QFont(self.view.font())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.view)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._cell_menu)
        header = self.view.header()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.view.zoomRequested.connect(lambda steps: self.set_zoom(self._zoom_step(steps)))
        # Named by the main window's contract; it hides QWidget.actions() on purpose (use
        # QWidget.actions(editor) for Qt's list).
        self.actions: dict[str, QAction] = {}
        self._make_actions()
        self.view.delegate.textEdited.connect(self._on_text_edited)
        self.view.delegate.closeEditor.connect(self._on_editor_closed)
        # The clipboard outlives every editor: connect through a weak reference and cut the
        # connection when this editor goes, so no signal ever reaches a deleted widget.
        this = weakref.ref(self)

        def clipboard_changed() -> None:
            editor = this()
            if editor is not None and shiboken6.isValid(editor):
                editor.update_actions()

        clip = QGuiApplication.clipboard()
        clip.dataChanged.connect(clipboard_changed)
        self.destroyed.connect(lambda *_: _disconnect(clip.dataChanged, clipboard_changed))
        self.update_actions()

    # -- actions --------------------------------------------------------------------------------
    def _make_actions(self) -> None:
        def make(key: str, text: str, shortcuts, tip: str, slot) -> QAction:
            action = QAction(text, self)
            if shortcuts:
                action.setShortcuts([QKeySequence(s) for s in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setStatusTip(tip)
            first = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{text}（{first}）" if first else text)
            action.triggered.connect(slot)
            self.addAction(action)
            self.actions[key] = action
            return action

        seq = QKeySequence.StandardKey
        make("add_sibling", self.tr("添加同级指标"), ["Ctrl+Shift+N", "Insert"],
             self.tr("在当前指标下方添加一个同级指标"), self.add_sibling)
        make("add_child", self.tr("添加下级指标"), ["Ctrl+Alt+N", "Ctrl+Insert"],
             self.tr("在当前指标下添加一个下级指标"), self.add_child)
        # As in Excel: Del empties the selected cells, Ctrl+- removes the rows.
        make("clear", self.tr("清除内容"), ["Del"],
             self.tr("清除所选单元格的内容，指标行保留（可撤销）"), self.clear_selected)
        make("delete", self.tr("删除指标"), ["Ctrl+-"],
             self.tr("删除所选指标及其下级（可撤销）"), self.delete_selected)
        make("move_up", self.tr("上移"), ["Alt+Up"],
             self.tr("把所选指标上移一行；在组首时移入上一组"), self.move_up)
        make("move_down", self.tr("下移"), ["Alt+Down"],
             self.tr("把所选指标下移一行；在组尾时移入下一组"), self.move_down)
        make("indent", self.tr("降级"), ["Alt+Right", "Ctrl+]"],
             self.tr("把所选指标变为上方同级指标的下级"), self.indent)
        make("outdent", self.tr("升级"), ["Alt+Left", "Ctrl+["],
             self.tr("把所选指标升为其上级的同级"), self.outdent)
        make("copy", self.tr("复制"), [QKeySequence(seq.Copy).toString()],
             self.tr("复制所选指标（可粘贴到本表、其他表或 Excel/WPS）"), self.copy)
        make("cut", self.tr("剪切"), [QKeySequence(seq.Cut).toString()],
             self.tr("剪切所选指标"), self.cut)
        make("paste", self.tr("粘贴"), [QKeySequence(seq.Paste).toString()],
             self.tr("粘贴复制的指标，或从 Excel/WPS 复制的表格行"), self.paste)
        make("accept_suggestion", self.tr("采用建议得分"), ["Ctrl+Return", "Ctrl+Enter"],
             self.tr("把评分助手的建议得分填入当前指标的得分"), self.accept_suggestion)
        make("expand_all", self.tr("全部展开"), ["Ctrl+Shift+E"],
             self.tr("展开所有指标"), self.expand_all)
        make("collapse_all", self.tr("全部折叠"), ["Ctrl+Shift+W"],
             self.tr("折叠到一级指标"), self.collapse_all)
        make("find", self.tr("查找…"), [QKeySequence(seq.Find).toString()],
             self.tr("在指标表中查找文字"), lambda: self.open_find(replace=False))
        make("replace", self.tr("替换…"), ["Ctrl+H"],
             self.tr("在指标表中查找并替换文字（可撤销）"), lambda: self.open_find(replace=True))
        # Ctrl+- removes rows (as in Excel), so zooming out is Ctrl+Shift+- (Ctrl+_).
        make("zoom_in", self.tr("放大"), ["Ctrl+=", "Ctrl++"],
             self.tr("放大指标表的文字"), lambda: self.set_zoom(self._zoom_step(1)))
        make("zoom_out", self.tr("缩小"), ["Ctrl+Shift+-", "Ctrl+_"],
             self.tr("缩小指标表的文字"), lambda: self.set_zoom(self._zoom_step(-1)))
        make("zoom_reset", self.tr("原始大小"), ["Ctrl+0"],
             self.tr("指标表的文字恢复原始大小"), lambda: self.set_zoom(100))

    # -- form -----------------------------------------------------------------------------------
    @property
    def form(self) -> Form | None:
        return self.document.form if self.document is not None else None

    @property
    def undo_stack(self) -> QUndoStack | None:
        return self.document.undo_stack if self.document is not None else None

    def set_form(self, form: Form, undo_stack: QUndoStack) -> None:
        """Show a form on its own (no library): its edits go onto ``undo_stack``.

        One editing document per stack, kept on the stack: showing a form again, after another
        one, finds its document, its model and its whole history intact.
        """
        doc = getattr(undo_stack, "_perfgui_document", None)
        if doc is None or not shiboken6.isValid(doc) or doc.form is not form:
            doc = EditDocument(form, undo_stack)
            undo_stack._perfgui_document = doc
        self.set_document(doc)

    def set_document(self, doc: EditDocument | None) -> None:
        """Edit this document (None: show nothing, as after the open form was closed)."""
        if doc is self.document and (doc is None or self.model is not None):
            return
        old = self.document
        if old is not None and shiboken6.isValid(old):
            _disconnect(old.changed, self._on_doc_changed)
            _disconnect(old.editRefused, self._say)
            if not old.closed:
                old.end_preview()
        # Whoever switches documents commits a pending edit first; what is left goes with the old one.
        self.view.discard_editing()
        if doc is None:
            self.document = None
            self.model = None
            self.view.setModel(None)
            self.find_bar.set_root(None)
            self.assistant.set_model(None)
            self.findings = []
            self.update_actions()
            return
        # One model per document, kept on it with no Qt parent: Python references (document,
        # this editor) decide its life, so it never outlives a view that still shows it.
        model = getattr(doc, "_perfgui_tree_model", None)
        if model is None or not shiboken6.isValid(model):
            model = IndicatorModel(doc)
            doc._perfgui_tree_model = model
        self.document = doc
        self.model = model
        model.set_read_only(self._read_only)
        doc.changed.connect(self._on_doc_changed)
        doc.editRefused.connect(self._say)
        self.view.setModel(model)
        self.set_hidden_columns(self._hidden_columns)
        self.find_bar.set_root(model.root)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.assistant.set_model(model)
        self.findings = []
        if self.auto_check:
            self._recheck()
        first = model.index(0, 0)
        if first.isValid():
            self.view.setCurrentIndex(first)
        self._on_current_changed(self.view.currentIndex(), QModelIndex())

    def set_read_only(self, read_only: bool) -> None:
        """A final form (or a read-only library) shows everything and changes nothing."""
        self._read_only = read_only
        self.find_bar.set_read_only(read_only)
        if self.model is not None:
            self.model.set_read_only(read_only)
        self.assistant.refresh()
        self.update_actions()

    def set_findings(self, findings: list[Finding]) -> None:
        self.findings = list(findings)
        if self.model is not None:
            self.model.set_findings(self.findings)

    def select_node(self, node_id: str, field: str | None = None) -> bool:
        return self.view.select_node(node_id, field)

    def _recheck(self) -> None:
        self._check_timer.stop()
        if self.form is None:
            return
        self.set_findings(check(self.form))
        self.findingsChanged.emit(self.findings)

    def flush_check(self) -> None:
        """Bring the findings up to date now (they are otherwise refreshed a moment later)."""
        if self._check_timer.isActive():
            self._check_timer.stop()
            self._recheck()

    def _on_doc_changed(self, section: str) -> None:
        if section == "tree":
            self._on_form_changed()
        elif section == "pack" and self.model is not None:
            self.model.refresh_headers()
            self.assistant.refresh()

    def _on_form_changed(self) -> None:
        if self.find_bar.isVisible():
            self.find_bar.search(keep=True)
        if self.auto_check:
            self._check_timer.start()
        self.assistant.refresh()
        self.update_actions()
        self.formChanged.emit()

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node_at(current) if self.model is not None else None
        self.assistant.set_node(node)
        self.update_actions()

    def _on_editor_closed(self, *_args) -> None:
        # Committed or not, the stored value is what shows now (a commit already ended it).
        if self.document is not None and not self.document.closed:
            self.document.end_preview()
        self.assistant.clear_preview()
        self.update_actions()

    def _on_text_edited(self, index: QModelIndex, field: str, text: str) -> None:
        node = self.model.node_at(index) if self.model is not None else None
        if node is None:
            return
        if field in LIVE_FIELDS and self._editable() and field in editable_fields(node):
            # Totals follow each keystroke: the typed number is shown everywhere, as a preview
            # that is no undo step; text that is no number (yet) shows the stored value.
            value, message = parse_field(node, field, text)
            if message:
                self.document.end_preview()
            else:
                self.document.preview_field(node, field, value)
        if field in ("target", "actual"):
            self.assistant.preview(node.id, field, text)
        self.update_actions()

    # -- selection helpers ----------------------------------------------------------------------
    def current_node(self) -> Node | None:
        if self.model is None:
            return None
        return self.model.node_at(self.view.currentIndex())

    def _selected_indexes(self) -> list[QModelIndex]:
        """The selected cells; the current one if none is selected."""
        indexes = self.view.selectionModel().selectedIndexes()
        if not indexes and self.view.currentIndex().isValid():
            indexes = [self.view.currentIndex()]
        return indexes

    def selected_nodes(self) -> list[Node]:
        """The selected subtrees (rows of selected cells, the current one if none), in order."""
        if self.model is None:
            return []
        return self.model.nodes_for_indexes(self._selected_indexes())

    def _select_nodes(self, nodes: list[Node], column: int = COL_NAME) -> None:
        if not nodes or self.model is None:
            return
        sm = self.view.selectionModel()
        first = self.model.index_of(nodes[0], column)
        self.view.select_index(first)
        for node in nodes[1:]:
            sm.select(self.model.index_of(node, column), QItemSelectionModel.SelectionFlag.Select)

    def _say(self, message: str) -> None:
        self.view.show_message(message, self.view.currentIndex())

    def _editable(self) -> bool:
        return self.model is not None and not self._read_only and not self.document.closed

    # -- enabled state --------------------------------------------------------------------------
    def update_actions(self) -> None:
        a = self.actions
        has_model = self.model is not None
        editable = self._editable()
        nodes = self.selected_nodes() if has_model else []
        current = self.current_node()
        a["add_sibling"].setEnabled(editable)
        child = add_child_plan(current) if editable else ""
        a["add_child"].setEnabled(editable and not isinstance(child, str))
        for key in ("delete", "cut", "clear"):
            a[key].setEnabled(editable and bool(nodes))
        a["copy"].setEnabled(bool(nodes))
        for key, plan in (("move_up", move_up_plan), ("move_down", move_down_plan),
                          ("indent", indent_plan), ("outdent", outdent_plan)):
            a[key].setEnabled(editable and bool(nodes) and not isinstance(plan(nodes), str))
        mime = QGuiApplication.clipboard().mimeData()
        has_clip = mime is not None and (mime.hasFormat(clipboard.MIME_NODES) or mime.hasText())
        a["paste"].setEnabled(editable and has_clip)
        a["accept_suggestion"].setEnabled(editable and self.assistant.can_accept())
        a["expand_all"].setEnabled(has_model)
        a["collapse_all"].setEnabled(has_model)
        a["find"].setEnabled(has_model)
        a["replace"].setEnabled(editable)

    # -- structure ------------------------------------------------------------------------------
    def _guard(self) -> bool:
        if not self._editable():
            if self.model is not None:
                self._say(self.tr("表单已定稿或只读，不能修改。"))
            return False
        return self.view.finish_editing()

    def add_sibling(self) -> Node | None:
        if not self._guard():
            return None
        parent, row = add_sibling_plan(self.current_node(), self.model.root)
        return self._add(parent, row)

    def add_child(self) -> Node | None:
        if not self._guard():
            return None
        plan = add_child_plan(self.current_node())
        if isinstance(plan, str):
            self._say(plan)
            return None
        return self._add(*plan)

    def _add(self, parent: Node, row: int) -> Node | None:
        node = Node("")
        what = {1: self.tr("一级指标"), 2: self.tr("二级指标")}.get(level_of(parent) + 1, self.tr("三级指标"))
        if not self.document.add_nodes(parent, row, [node], self.tr("添加{what}").format(what=what)):
            return None
        index = self.model.index_of(node, COL_NAME)
        self.view.select_index(index)
        self.view.edit(index)
        return node

    def selected_cells(self) -> list[tuple[Node, str]]:
        """(node, field) of every selected cell (the current one if none), in reading order."""
        if self.model is None:
            return []
        cells = []
        for index in sorted(self._selected_indexes(), key=lambda i: (self.view.visualRect(i).top(), i.column())):
            node = self.model.node_at(index)
            if node is not None:
                cells.append((node, FIELD_OF_COLUMN[index.column()]))
        return cells

    def clear_selected(self) -> bool:
        """Del: empty the selected cells in one undo step; the rows stay."""
        if not self._guard():
            return False
        cells = self.selected_cells()
        if not cells:
            return False
        if not self.document.clear_cells(cells):
            self._say(self.tr("所选单元格没有可清除的内容（上级行的分值、得分是合计，会自动计算）。"))
            return False
        self.statusMessage.emit(self.undo_stack.text(self.undo_stack.index() - 1))
        return True

    def delete_selected(self) -> bool:
        """删除指标 (Ctrl+-): remove the selected rows; a group with indicators under it asks first."""
        if not self._guard():
            return False
        nodes = self.selected_nodes()
        if not nodes:
            return False
        if not self._confirm_delete(nodes):
            return False
        self._remove(nodes, self.tr("删除"))
        return True

    def _confirm_delete(self, nodes: list[Node]) -> bool:
        groups = [n for n in nodes if n.children and level_of(n) <= 2]
        if not groups:
            return True
        below = sum(1 for n in nodes for _ in n.walk()) - len(nodes)
        points = sum((self.model.sums(n)[0] for n in nodes), Decimal(0))
        what = (self.tr("“{name}”").format(name=display(nodes[0])) if len(nodes) == 1
                else self.tr("所选 {n} 个指标").format(n=len(nodes)))
        text = self.tr("删除{what}及其下的 {below} 个指标？\n分值合计 {points} 分会一并删除（可以撤销）。").format(
            what=what, below=below, points=fmt2(points))
        answer = QMessageBox.question(
            self, self.tr("删除指标"), text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def _remove(self, nodes: list[Node], verb: str) -> None:
        # Where the selection goes afterwards: the row after the last removed, else the one before.
        last = nodes[-1]
        parent = last.parent
        siblings = [c for c in parent.children if all(c is not n for n in nodes)]
        next_node = None
        for c in parent.children[row_of(last) + 1:]:
            if all(c is not n for n in nodes):
                next_node = c
                break
        if next_node is None and siblings:
            next_node = siblings[-1]
        if next_node is None and parent is not self.model.root:
            next_node = parent
        if not self.document.delete_nodes(nodes, nodes_text(verb, nodes)):
            return
        if next_node is not None and next_node.parent is not None:
            self.view.select_index(self.model.index_of(next_node, self.view.currentIndex().column()
                                                       if self.view.currentIndex().isValid() else 0))

    def _move(self, plan_fn, verb: str) -> bool:
        if not self._guard():
            return False
        nodes = self.selected_nodes()
        if not nodes:
            return False
        plan = plan_fn(nodes)
        if isinstance(plan, str):
            self._say(plan)
            return False
        column = self.view.currentIndex().column() if self.view.currentIndex().isValid() else COL_NAME
        dest, anchor = plan
        if not self.document.move_nodes(nodes, dest, anchor, nodes_text(verb, nodes)):
            return False
        self._select_nodes(nodes, column)
        return True

    def _structure_key_refused(self, key: int) -> None:
        """Alt+arrow while its action is disabled: try the move anyway, so the reason is said."""
        slot = {int(Qt.Key.Key_Up): self.move_up, int(Qt.Key.Key_Down): self.move_down,
                int(Qt.Key.Key_Left): self.outdent, int(Qt.Key.Key_Right): self.indent}.get(key)
        if slot is not None and self.model is not None:
            slot()

    def move_up(self) -> bool:
        return self._move(move_up_plan, self.tr("上移"))

    def move_down(self) -> bool:
        return self._move(move_down_plan, self.tr("下移"))

    def indent(self) -> bool:
        """降级: the nodes become the last children of the sibling above them."""
        return self._move(indent_plan, self.tr("降级"))

    def outdent(self) -> bool:
        """升级: the nodes become siblings of their parent, right after it."""
        return self._move(outdent_plan, self.tr("升级"))

    # -- clipboard ------------------------------------------------------------------------------
    def copy(self) -> bool:
        if self.model is None or not self.view.finish_editing():
            return False
        nodes = self.selected_nodes()
        if not nodes:
            return False
        QGuiApplication.clipboard().setMimeData(clipboard.nodes_to_mime(nodes, source=self.model.uid()))
        self.statusMessage.emit(self.tr("已复制 {n} 个指标（含下级）。").format(n=sum(1 for n in nodes for _ in n.walk())))
        return True

    def cut(self) -> bool:
        if not self._guard():
            return False
        nodes = self.selected_nodes()
        if not nodes or not self.copy():
            return False
        self._remove(nodes, self.tr("剪切"))
        return True

    def paste(self) -> bool:
        if not self._guard():
            return False
        mime = QGuiApplication.clipboard().mimeData()
        return self.paste_mime(mime, ask=True)

    def paste_mime(self, mime, *, ask: bool = False) -> bool:
        """Insert what ``mime`` holds (our subtrees or table text) near the current row.

        With ``ask`` (Ctrl+V), rows from a spreadsheet are first shown in the paste dialog as
        they will be inserted; nothing changes unless the person presses 插入.
        """
        self.last_paste_guesses = []
        self.last_paste_skipped = []
        try:
            items = clipboard.items_from_mime(mime)
        except ImportFailed as exc:
            self._say(str(exc))
            return False
        where = ""
        if items.rows is not None:
            place = rows_place(self.document.root, self.current_node())
            if isinstance(place, str):
                self._say(place)
                return False
            items.levels = [level_of(place[0]) + 1] * len(items.nodes)
            where = where_text(place[0], place[1], len(items.nodes))
        if ask and items.from_table and not self._confirm_paste(items, where):
            return False
        command = self.document.paste(items, self.current_node())
        if command is None:
            return False
        self.last_paste_guesses = [str(g) for g in items.guesses]
        self.last_paste_skipped = [f"“{display(n)}”：{why}" for n, why in command.skipped]
        if not command.placed:
            reason = command.skipped[0][1] if command.skipped else self.tr("没有可粘贴的指标。")
            self._say(reason)
            return False
        self._select_nodes(command.placed)
        count = sum(1 for n in command.placed for _ in n.walk())
        # The same count as the undo text ("粘贴 5 个指标"): every indicator that went in.
        message = self.tr("已粘贴 {n} 个指标。").format(n=count)
        if len(command.placed) == 1 and count > 1:
            message = self.tr("已粘贴“{name}”，含下级共 {n} 个指标。").format(name=display(command.placed[0]), n=count)
        if items.rows is not None:
            self.last_paste_guesses = list(items.rows.notes)
            how = self.tr("按表头识别列") if items.rows.header else self.tr("没有表头，按内容识别列")
            message = self.tr("已从表格文本粘贴 {n} 个指标（{how}）。").format(n=count, how=how)
        elif items.from_table:
            message = self.tr("已从表格文本粘贴 {n} 个指标。").format(n=count)
            if any(clipboard.COLUMN_ORDER_NOTE.search(g) for g in self.last_paste_guesses):
                message += self.tr("（没有表头，按官方列顺序读取。）")
        notes = [g for g in self.last_paste_guesses if not clipboard.COLUMN_ORDER_NOTE.search(g)]
        notes += self.last_paste_skipped
        if notes:
            message += self.tr("有 {k} 处需要确认，详见提示。").format(k=len(notes))
            self._show_notes(notes)
        self.statusMessage.emit(message)
        window = self.window()
        if window is not None:
            QApplication.sendEvent(window, QStatusTipEvent(message))
        return True

    def _confirm_paste(self, items, where: str) -> bool:
        from .paste_dialog import PasteDialog

        dialog = PasteDialog(items, where, self)
        self.paste_dialog = dialog
        try:
            return dialog.exec() == PasteDialog.DialogCode.Accepted
        finally:
            self.paste_dialog = None
            dialog.deleteLater()

    def _show_notes(self, notes: list[str]) -> None:
        """What the reader guessed (or could not place), in a box that does not block."""
        if self._guess_box is None:
            self._guess_box = QMessageBox(self)
            self._guess_box.setIcon(QMessageBox.Icon.Information)
            self._guess_box.setWindowTitle(self.tr("粘贴说明"))
            self._guess_box.setWindowModality(Qt.WindowModality.NonModal)
        self._guess_box.setText(self.tr("粘贴时有以下情况，请核对："))
        self._guess_box.setDetailedText("\n".join(notes))
        self._guess_box.setInformativeText("\n".join(notes[:6]) + ("\n…" if len(notes) > 6 else ""))
        self._guess_box.show()

    # -- scoring --------------------------------------------------------------------------------
    def accept_suggestion(self) -> bool:
        if not self._guard():
            return False
        if not self.assistant.can_accept():
            node = self.current_node()
            if node is not None and node.is_scored and self.assistant.suggestion is None:
                self._say(self.tr("没有可采用的建议：{why}").format(why=self.assistant.explanation.text()))
            return False
        return self.assistant.accept()

    # -- view -----------------------------------------------------------------------------------
    def expand_all(self) -> None:
        self.view.expandAll()

    # -- find and replace -----------------------------------------------------------------------
    def open_find(self, *, replace: bool) -> None:
        """Ctrl+F / Ctrl+H: the find bar, seeded with the text of the current cell's selection."""
        if self.model is None:
            return
        self.find_bar.open(self.model.root, replace=replace)

    def _show_found(self, node: Node, field: str) -> None:
        if self.model is not None:
            index = self.model.index_for(node.id, field)
            if index.isValid():
                self.view.select_index(index, focus=False)

    def _replace(self, changes: list, text: str) -> None:
        if not self._guard():
            return
        if self.document.edit_nodes(changes, text):
            self.statusMessage.emit(self.tr("已替换 {n} 处。").format(n=len(changes)))

    # -- menus ----------------------------------------------------------------------------------
    def _cell_menu(self, pos) -> None:
        """Right click on a row or cell: what can be done there."""
        index = self.view.indexAt(pos)
        if index.isValid() and not self.view.selectionModel().isSelected(index):
            self.view.select_index(index)
        menu = self.context_menu()
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        groups = (("clear", "delete"), ("add_sibling", "add_child"),
                  ("move_up", "move_down", "outdent", "indent"), ("cut", "copy", "paste"),
                  ("accept_suggestion",), ("find", "replace"))
        for group in groups:
            if menu.actions():
                menu.addSeparator()
            for key in group:
                menu.addAction(self.actions[key])
        return menu

    def _header_menu(self, pos) -> None:
        menu = self.columns_menu()
        menu.exec(self.view.header().viewport().mapToGlobal(pos))
        menu.deleteLater()

    def columns_menu(self) -> QMenu:
        """显示列: one checkable entry per column; 指标 always stays."""
        menu = QMenu(self.tr("显示列"), self)
        self.fill_columns_menu(menu)
        return menu

    def fill_columns_menu(self, menu: QMenu) -> None:
        menu.clear()
        model = self.view.model()
        for col in range(COLUMN_COUNT):
            label = model.headerData(col, Qt.Orientation.Horizontal) if model is not None else header_labels()[col]
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(not self.view.isColumnHidden(col))
            action.setEnabled(col != COL_NAME)
            action.toggled.connect(lambda on, c=col: self.set_column_hidden(c, not on))

    def set_column_hidden(self, column: int, hidden: bool) -> None:
        if column == COL_NAME:
            return
        self.view.setColumnHidden(column, hidden)
        (self._hidden_columns.add if hidden else self._hidden_columns.discard)(column)
        self.viewSettingsChanged.emit()

    def hidden_columns(self) -> list[int]:
        return [c for c in range(COLUMN_COUNT) if self.view.isColumnHidden(c)]

    def set_hidden_columns(self, columns) -> None:
        self._hidden_columns = {c for c in columns if c != COL_NAME and 0 <= c < COLUMN_COUNT}
        for col in range(COLUMN_COUNT):
            self.view.setColumnHidden(col, col in columns and col != COL_NAME)

    # -- zoom -----------------------------------------------------------------------------------
    def _zoom_step(self, steps: int) -> int:
        i = min(range(len(ZOOM_STEPS)), key=lambda k: abs(ZOOM_STEPS[k] - self.zoom))
        return ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, i + steps))]

    def set_zoom(self, percent: int) -> None:
        """The table's text at ``percent`` of the normal size (70–200)."""
        percent = max(ZOOM_STEPS[0], min(ZOOM_STEPS[-1], int(percent)))
        if percent == self.zoom and self.view.font().pointSizeF() > 0:
            if percent != 100 or self.view.font() == self._base_font:
                return
        self.zoom = percent
        font = QFont(self._base_font)
        size = self._base_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * percent / 100)
        else:
            font.setPixelSize(max(6, round(self._base_font.pixelSize() * percent / 100)))
        self.view.setFont(font)
        self.view.header().setFont(font)
        if getattr(self.view, "_fitted", False) and self.view.model() is not None:
            self.view.set_default_widths()
        self.view.scheduleDelayedItemsLayout()
        self.statusMessage.emit(self.tr("指标表缩放：{p}%").format(p=percent))
        self.viewSettingsChanged.emit()

    def collapse_all(self) -> None:
        self.view.collapseAll()

