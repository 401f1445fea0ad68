"""The main window: assembles the panels and routes actions to the open form and the library.

Left the 表单库 panel, in the middle the 基本信息 and 绩效指标 tabs, on the right the findings
with the scoring assistant under them, at the bottom the summary bar. The window owns one
``FormDocument`` at a time (its undo stack joins the window's ``QUndoGroup``) and one ``Saver``
thread shared by all documents.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import (
    QApplication, QDockWidget, QFrame, QHBoxLayout, QLabel, QMainWindow, QMenu, QMessageBox,
    QPushButton, QSplitter, QTabWidget, QUndoView, QVBoxLayout, QWidget,
)

from .. import APP_TITLE
from ..model import Finding, FormKind, Status
from ..model.form_bounds import describe_problems, form_number_problems
from .actions import Actions, icon
from .diagnostics import open_log_folder
from .document import FAILED, SAVED, SAVING, UNSAVED, FormDocument
from .findings_panel import FindingsPanel
from .form_page import FormPage
from .library_panel import LibraryPanel
from .saver import Saver
from .writer_watch import WriterWatch
from .settings import AppSettings
from .summary_bar import ERROR_COLOR, GREY, OK_COLOR, SummaryBar
from .window_files import FileOperations
from .window_library import LibraryOperations
from .window_packs import PackOperations

TAB_BASIC, TAB_TREE = 0, 1


class Banner(QFrame):
    """A strip above the tabs for what a person must know now (read-only, final, save failed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.button = QPushButton()
        self.button.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self.hide()
        self._slot = None

    def show_message(self, text: str, *, kind: str = "info", button: str = "", slot=None) -> None:
        colors = {"info": ("#e3f2fd", "#90caf9"), "warning": ("#fff8e1", "#ffcc80"),
                  "error": ("#fdecea", "#ef9a9a")}
        bg, border = colors.get(kind, colors["info"])
        self.setStyleSheet(f"#banner {{ background:{bg}; border:1px solid {border}; border-radius:3px; }}")
        self.label.setText(text)
        if self._slot is not None:
            try:
                self.button.clicked.disconnect(self._slot)
            except (RuntimeError, TypeError):
                pass
            self._slot = None
        if button and slot is not None:
            self.button.setText(button)
            self.button.clicked.connect(slot)
            self._slot = slot
            self.button.show()
        else:
            self.button.hide()
        self.show()


class MainWindow(LibraryOperations, PackOperations, FileOperations, QMainWindow):
    """绩效自评's main window."""

    formOpened = Signal(str)

    def __init__(self, library, settings: AppSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings or AppSettings(data_dir=getattr(library, "folder", None))
        self.doc: FormDocument | None = None
        self.saver = Saver(self._write, self)
        self.writer_watch = WriterWatch(self)  # read-only now: offers to write once the lock is free
        self.undo_group = QUndoGroup(self)
        self._notices: list[str] = []
        self._save_error = ""
        self.setAcceptDrops(True)
        self.setObjectName("main_window")
        self.setDocumentMode(False)

        # -- panels --------------------------------------------------------------------------
        self.page = FormPage()
        self.page.library_folder = getattr(library, "folder", None)
        self.editor = self._make_editor()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.page, self.tr("基本信息"))
        self.tabs.addTab(self.editor, self.tr("绩效指标"))
        self.banner = Banner()
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(4, 4, 4, 0)
        col.setSpacing(4)
        col.addWidget(self.banner)
        col.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        self.library_panel = LibraryPanel()
        self.library_dock = self._dock("library_dock", self.tr("表单库"), self.library_panel,
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.findings = FindingsPanel()
        right = QSplitter(Qt.Orientation.Vertical)
        right.setObjectName("right_splitter")
        right.setChildrenCollapsible(False)
        right.addWidget(self.findings)
        right.addWidget(self.editor.assistant)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        self.findings_dock = self._dock("findings_dock", self.tr("检查结果"), right,
                                        Qt.DockWidgetArea.RightDockWidgetArea)
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setEmptyLabel(self.tr("<打开时的状态>"))
        self.history_dock = self._dock("history_dock", self.tr("撤销历史"), self.undo_view,
                                       Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.findings_dock, self.history_dock)
        self.findings_dock.raise_()
        self.history_dock.hide()
        self.history_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.library_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+K"))
        self.findings_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+J"))

        self.summary = SummaryBar()
        self.statusBar().addPermanentWidget(self.summary, 1)
        self.statusBar().messageChanged.connect(self.summary.set_message)
        self.statusBar().setSizeGripEnabled(True)

        # -- actions -------------------------------------------------------------------------
        self.action_set = Actions(self)
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("撤销"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("重做"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_action.setIcon(icon(self, "undo"))
        self.redo_action.setIcon(icon(self, "redo"))
        # The menu says what will be undone ("撤销 修改单位名称"); the toolbar stays short.
        self.undo_action.setIconText(self.tr("撤销"))
        self.redo_action.setIconText(self.tr("重做"))
        self.tree_actions: dict[str, QAction] = dict(self.editor.actions)
        self._dress_tree_actions()
        self.recent_menu = QMenu(self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.columns_menu = QMenu(self.tr("显示列"), self)
        self.columns_menu.aboutToShow.connect(lambda: self.editor.fill_columns_menu(self.columns_menu))
        self.toolbar = self.action_set.build_toolbar(self, undo=self.undo_action, redo=self.redo_action,
                                                  tree=self.tree_actions, new_menu=self._new_menu())
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.menus = self.action_set.build_menus(
            self, undo=self.undo_action, redo=self.redo_action, tree=self.tree_actions,
            docks=[self.library_dock.toggleViewAction(), self.findings_dock.toggleViewAction(),
                   self.history_dock.toggleViewAction()],
            toolbar=self.toolbar.toggleViewAction(), recent=self.recent_menu,
            columns=self.columns_menu)
        self.library_panel.set_new_actions([self.action_set["new_department"], self.action_set["new_project"],
                                            None, self.action_set["new_from_pack"]])
        self.library_panel.set_icons(icon(self, "new"), icon(self, "trash"))
        self._connect()
        self._restore_window()
        self.library_panel.set_library(library)
        self._show_library_notices()
        self._update_actions()
        self._update_title()

    # == construction ========================================================================
    def _make_editor(self) -> QWidget:
        from .tree.editor import IndicatorEditor  # not through the lazy package (PyInstaller sees it)

        # The document checks the rules (coalesced while typing) and hands the findings over.
        editor = IndicatorEditor(auto_check=False)
        # Zoom and hidden columns are preferences: kept in the settings, not in the form.
        try:
            editor.set_zoom(int(self.settings.value("tree/zoom", 100)))
            hidden = self.settings.value("tree/hidden_columns", "") or ""
            editor.set_hidden_columns({int(c) for c in str(hidden).split(",") if c.strip().isdigit()})
        except (TypeError, ValueError):
            pass
        editor.viewSettingsChanged.connect(lambda: self._save_view_settings(editor))
        editor.statusMessage.connect(lambda text: self.statusBar().showMessage(text, 6000))
        return editor

    def _save_view_settings(self, editor) -> None:
        self.settings.set_value("tree/zoom", editor.zoom)
        self.settings.set_value("tree/hidden_columns", ",".join(str(c) for c in editor.hidden_columns()))

    def _dress_tree_actions(self) -> None:
        """Icons and short toolbar labels for the tree's actions (menus keep the full text)."""
        short = {"add_sibling": self.tr("同级"), "add_child": self.tr("下级"), "delete": self.tr("删除"),
                 "move_up": self.tr("上移"), "move_down": self.tr("下移"), "outdent": self.tr("升级"),
                 "indent": self.tr("降级")}
        for key, action in self.tree_actions.items():
            ic = icon(self, key)
            if not ic.isNull():
                action.setIcon(ic)
            if key in short:
                action.setIconText(short[key])

    def _dock(self, name: str, title: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(area, dock)
        return dock

    def _new_menu(self) -> QMenu:
        menu = QMenu(self)
        menu.addAction(self.action_set["new_department"])
        menu.addAction(self.action_set["new_project"])
        return menu

    def _connect(self) -> None:
        A = self.action_set
        A["new_department"].triggered.connect(lambda: self.new_form(FormKind.DEPARTMENT))
        A["new_project"].triggered.connect(lambda: self.new_form(FormKind.PROJECT))
        A["new_from_pack"].triggered.connect(self.new_from_pack)
        A["import_pack"].triggered.connect(lambda: self.import_pack_file())
        A["change_pack"].triggered.connect(self.change_pack)
        self.page.changePackRequested.connect(self.change_pack)
        A["open_file"].triggered.connect(self.choose_and_import)
        A["duplicate"].triggered.connect(self.duplicate_selected)
        A["export"].triggered.connect(self.export_files)
        A["batch_export"].triggered.connect(self.batch_export)
        A["send_email"].triggered.connect(self.send_email)
        A["export_report"].triggered.connect(self.export_report)
        A["package"].triggered.connect(self.package_form)
        A["summary"].triggered.connect(self.show_summary)
        A["preview"].triggered.connect(self.print_preview)
        A["print"].triggered.connect(self.print_form)
        A["verify"].triggered.connect(self.verify_paper)
        A["mark_final"].triggered.connect(self.toggle_final)
        A["revisions"].triggered.connect(self.show_revisions)
        A["delete_form"].triggered.connect(self.delete_selected)
        A["show_trash"].toggled.connect(self._show_trash)
        A["quit"].triggered.connect(self.close)
        A["find"].triggered.connect(self._focus_search)
        A["next_problem"].triggered.connect(lambda: self._step_finding(1))
        A["prev_problem"].triggered.connect(lambda: self._step_finding(-1))
        A["tab_basic"].triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_BASIC))
        A["tab_tree"].triggered.connect(lambda: self.tabs.setCurrentIndex(TAB_TREE))
        A["lang_zh"].triggered.connect(lambda: self._set_language("zh"))
        A["lang_en"].triggered.connect(lambda: self._set_language("en"))
        A["shortcuts"].triggered.connect(self.show_shortcuts)
        A["form_help"].triggered.connect(self.show_form_help)
        A["data_folder"].triggered.connect(self._open_data_folder)
        A["log_folder"].triggered.connect(open_log_folder)
        A["about"].triggered.connect(self._about)
        lang = self.settings.language
        A["lang_zh"].setChecked(lang == "zh")
        A["lang_en"].setChecked(lang == "en")

        lp = self.library_panel
        lp.openRequested.connect(self.open_form)
        lp.newRequested.connect(lambda kind: self.new_form(FormKind(kind)))
        lp.duplicateRequested.connect(self.duplicate_form)
        lp.deleteRequested.connect(self.delete_form)
        lp.restoreRequested.connect(self.restore_form)
        lp.exportRequested.connect(self.export_form)
        lp.purgeRequested.connect(self.purge_form)
        lp.emptyTrashRequested.connect(self.empty_trash)
        lp.selectionChanged.connect(self._update_actions)
        lp.trash_button.toggled.connect(lambda on: A["show_trash"].setChecked(on))
        self.findings.findingActivated.connect(self.go_to_finding)
        self.summary.findingsClicked.connect(self._show_findings)
        self._refresh_library_timer = QTimer(self)
        self._refresh_library_timer.setSingleShot(True)
        self._refresh_library_timer.setInterval(300)
        self._refresh_library_timer.timeout.connect(self.library_panel.refresh)

    def _restore_window(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QApplication.primaryScreen()
            avail = screen.availableGeometry() if screen else None
            if avail is not None:
                w, h = min(1400, avail.width()), min(900, avail.height())
                self.resize(w, h)
                self.move(avail.x() + (avail.width() - w) // 2, avail.y() + (avail.height() - h) // 2)
            else:
                self.resize(1400, 900)
            # On a small laptop screen the side panels give up room to the indicator table.
            w = self.width()
            widths = [290, 320] if w >= 1400 else [max(200, w * 20 // 100), max(170, w * 19 // 100)]
            self.resizeDocks([self.library_dock, self.findings_dock], widths, Qt.Orientation.Horizontal)
        if state is not None:
            self.restoreState(state)
        tab = self.settings.value("window/tab", TAB_TREE)
        try:
            self.tabs.setCurrentIndex(int(tab))
        except (TypeError, ValueError):
            self.tabs.setCurrentIndex(TAB_TREE)

    def _show_library_notices(self) -> None:
        # What the library had to say when it opened (a repaired index, a file moved aside):
        # shown once, in the banner, until the person dismisses it.
        self._notices = [str(n) for n in (getattr(self.library, "notices", None) or [])]
        self._refresh_banner()

    def _dismiss_notices(self) -> None:
        self._notices = []
        self._refresh_banner()

    def _refresh_banner(self) -> None:
        """The banner shows the most pressing of: a failed save, library notices, read-only, final."""
        doc = self.doc
        if self._save_error:
            self.banner.show_message(
                self.tr("自动保存失败：%1\n程序会每隔几秒重试；在问题解决前请不要关闭窗口。").replace("%1", self._save_error),
                kind="error")
        elif self._notices:
            self.banner.show_message("\n".join(self._notices), kind="warning", button=self.tr("知道了"),
                                     slot=self._dismiss_notices)
        elif getattr(self.library, "read_only", False) and self.writer_watch.free:
            self.banner.show_message(self.writer_watch.offer(), kind="info",
                                     button=self.tr("切换为可编辑"), slot=self.writer_watch.take)
        elif getattr(self.library, "read_only", False):
            self.banner.show_message(getattr(self.library, "lock_message", "") or
                                     self.tr("表单库以只读方式打开：可以查看、打印和导出，不能修改。"), kind="warning")
        elif doc is not None and doc.form.status is Status.FINAL:
            self.banner.show_message(self.tr("这张表单已定稿，只能查看、打印和导出。如需修改，请先撤销定稿。"),
                                     kind="info", button=self.tr("撤销定稿"), slot=self.toggle_final)
        else:
            self.banner.hide()

    # == the open form =======================================================================
    def open_form(self, form_id: str) -> bool:
        """Open a stored form (closing the one open now, saved first)."""
        if self.doc is not None and self.doc.form_id == form_id:
            self.library_panel.set_open_id(form_id)
            return True
        try:
            form = self.library.load(form_id)
        except Exception as exc:  # StoreError carries a Chinese message
            self._error(self.tr("无法打开表单"), str(exc))
            self.library_panel.refresh()
            return False
        return self.show_form(form)

    def show_form(self, form) -> bool:
        if not self.close_document():
            return False
        doc = FormDocument(form, self.saver, read_only=bool(getattr(self.library, "read_only", False)), parent=self)
        self.doc = doc
        doc.totalsChanged.connect(self.summary.set_totals)
        doc.totalsChanged.connect(lambda _t: self.page.refresh_computed())
        doc.findingsChanged.connect(self._findings_changed)
        doc.saveStateChanged.connect(self._save_state_changed)
        doc.changed.connect(self._doc_changed)
        doc.stored.connect(lambda _id: self._refresh_library_timer.start())
        doc.saveFailed.connect(self._save_failed)
        # An edit that arrives after the form was closed is refused: say so where it is seen.
        doc.editRefused.connect(lambda message: self.statusBar().showMessage(message, 8000))
        doc.editableChanged.connect(lambda _e: self._update_actions())
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        self.editor.set_document(doc)
        self.page.set_document(doc)
        self._apply_editable()
        self.summary.set_totals(doc.totals)
        self._findings_changed(doc.findings)
        self.settings.add_recent_form(form.id)
        self.settings.last_form = form.id
        self.library_panel.set_open_id(form.id)
        self._note_numbers_out_of_bounds(form)
        self._update_actions()
        self._update_title()
        self.refresh_pack_label()
        self.formOpened.emit(form.id)
        return True

    def _note_numbers_out_of_bounds(self, form) -> None:
        """A stored form an older program saved before the bounds: said when it opens, not at
        the first save that fails (every file and paste is refused at the door, see window_files)."""
        problems = form_number_problems(form)
        if problems:
            self._notices.append(
                self.tr("表单“%1”中有 %2 处数字超出允许范围（可能是旧版程序保存的），改正之前修改无法保存：\n%3")
                .replace("%1", form.display_name()).replace("%2", str(len(problems)))
                .replace("%3", describe_problems(problems, 5, "\n")))
            self._refresh_banner()

    def commit_pending_edit(self) -> bool:
        """Commit the cell being typed in, as Enter would; False if its text is refused.

        Closing, switching forms, printing and exporting take what is in an open cell, as a
        spreadsheet does; refused text keeps the cell open with its message, and the person stays.
        """
        view = getattr(self.editor, "view", None)
        return view is None or view.finish_editing()

    def close_document(self) -> bool:
        """Save and close the open form; False if it could not be saved and the person stays."""
        doc = self.doc
        if doc is None:
            return True
        if not self.commit_pending_edit():
            return False
        if not doc.close():
            answer = QMessageBox.warning(
                self, self.tr("保存失败"),
                self.tr("表单“%1”未能保存：%2\n\n仍要关闭吗？未保存的修改将丢失。")
                .replace("%1", doc.form.display_name()).replace("%2", doc.last_error or self.tr("写入超时")),
                QMessageBox.StandardButton.Close | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Close:
                return False
            doc.close(force=True)
        # The editor lets go of the form before it goes: no view ever edits a closed form.
        self.editor.set_document(None)
        self.undo_group.removeStack(doc.undo_stack)
        self.doc = None
        self._save_error = ""
        doc.deleteLater()
        self.page.set_document(None)
        self.findings.set_findings([])
        self.summary.clear()
        self.library_panel.set_open_id(None)
        self._update_actions()
        self._update_title()
        return True

    def _doc_changed(self, section: str) -> None:
        if section == "pack":
            self.refresh_pack_label()
            self.statusBar().clearMessage()  # "已更换为…" no longer holds after an undo
        if section in ("header", "status"):
            self._update_title()
        if section == "status":
            self._apply_editable()
            self._update_actions()

    def _findings_changed(self, findings: list) -> None:
        doc = self.doc
        self.findings.set_findings(findings)
        self.page.set_findings(findings)
        self.editor.set_findings(findings)
        if doc is not None:
            self.summary.set_counts(doc.errors, doc.warnings)
            self.summary.set_fingerprint(doc.fingerprint)
        self.findings_dock.setWindowTitle(
            self.tr("检查结果（%1 错 %2 警）").replace("%1", str(doc.errors if doc else 0))
            .replace("%2", str(doc.warnings if doc else 0)))

    def _apply_editable(self) -> None:
        doc = self.doc
        self.editor.set_read_only(not (doc is not None and doc.editable))
        self._refresh_banner()

    # == titles and actions ==================================================================
    def _update_title(self) -> None:
        doc = self.doc
        if doc is None:
            self.setWindowTitle(APP_TITLE)
            self.setWindowModified(False)
            return
        who, year = doc.title_parts()
        state = doc.save_state
        text = {SAVED: self.tr("已保存"), UNSAVED: self.tr("未保存"), SAVING: self.tr("正在保存…"),
                FAILED: self.tr("保存失败")}[state]
        if getattr(self.library, "read_only", False):
            text = self.tr("只读")
        parts = [p for p in (who or self.tr("未命名单位"), year, text) if p]
        self.setWindowTitle(f"{APP_TITLE} — {' · '.join(parts)}[*]")
        self.setWindowModified(state != SAVED and not getattr(self.library, "read_only", False))
        color = {SAVED: OK_COLOR, UNSAVED: GREY, SAVING: GREY, FAILED: ERROR_COLOR}[state]
        mark = {SAVED: "✔ ", FAILED: "✖ "}.get(state, "")
        self.summary.set_save_state(mark + text, color)
        self.summary.save_label.setToolTip(doc.last_error if state == FAILED else "")

    def _update_actions(self) -> None:
        A = self.action_set
        has = self.doc is not None
        writable = not getattr(self.library, "read_only", False)
        selected = self.selected_form_id() is not None
        for name in ("preview", "print", "revisions"):
            A[name].setEnabled(has)
        for name in ("export", "send_email", "export_report", "package"):
            A[name].setEnabled(selected)
        for name in ("duplicate", "delete_form"):
            A[name].setEnabled(selected and writable)
        for name in ("new_department", "new_project", "new_from_pack", "open_file", "import_pack"):
            A[name].setEnabled(writable)
        A["change_pack"].setEnabled(has and writable and self.doc.editable)
        A["mark_final"].setEnabled(has and writable)
        A.set_final_text(has and self.doc.form.status is Status.FINAL)

    # == findings ============================================================================
    def go_to_finding(self, f: Finding) -> None:
        """Select the cell (or focus the field) a finding is about."""
        if self.page.focus_finding(f):
            self.tabs.setCurrentIndex(TAB_BASIC)
            self.page.focus_finding(f)
            return
        self.tabs.setCurrentIndex(TAB_TREE)
        node_id, field = f.node_id, f.field
        if node_id is None and self.doc is not None and self.doc.form.sections and f.code == "WEIGHT_SUM":
            node_id, field = self.doc.form.sections[0].id, "weight"
        view = getattr(self.editor, "view", None)
        if node_id is not None and view is not None:
            view.select_node(node_id, field)
            view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _step_finding(self, delta: int) -> None:
        if self.doc is not None:
            self.doc.flush_findings()
        if not self.findings.step(delta):
            self.statusBar().showMessage(self.tr("没有发现问题。"), 3000)

    def _show_findings(self) -> None:
        self.findings_dock.show()
        self.findings_dock.raise_()
        self.findings.view.setFocus()

    # == small things ========================================================================
    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        names = {s.id: s for s in self.library.list()} if self.library is not None else {}
        for i, form_id in enumerate(self.settings.recent_forms()):
            s = names.get(form_id)
            if s is None:
                continue
            text = f"&{i + 1} {s.year or ''} {s.unit or s.title} {s.kind_label}".strip()
            action = self.recent_menu.addAction(text)
            action.triggered.connect(lambda _=False, fid=form_id: self.open_form(fid))
        if not self.recent_menu.actions():
            empty = self.recent_menu.addAction(self.tr("（无）"))
            empty.setEnabled(False)

    def _focus_search(self) -> None:
        self.library_dock.show()
        self.library_panel.search.setFocus()
        self.library_panel.search.selectAll()

    def _set_language(self, lang: str) -> None:
        self.action_set["lang_zh"].setChecked(lang == "zh")
        self.action_set["lang_en"].setChecked(lang == "en")
        if lang == self.settings.language:
            return
        self.settings.language = lang
        QMessageBox.information(self, self.tr("语言"), self.tr("界面语言将在下次启动本程序时切换。")
                                if lang == "en" else "界面语言将在下次启动本程序时切换为中文。")

    def top_menus(self) -> list[QMenu]:
        """The menus of the menu bar, in order."""
        return [a.menu() for a in self.menuBar().actions() if a.menu() is not None]

    def show_shortcuts(self) -> None:
        from .dialogs import ShortcutsDialog

        ShortcutsDialog(self.top_menus(), self).exec()

    def show_form_help(self) -> None:
        """帮助 › 填报说明 (F1); its window is imported when first shown, not at start-up."""
        from .help_window import show_form_help

        show_form_help(self)

    def _open_data_folder(self) -> None:
        folder = getattr(self.library, "folder", None)
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _about(self) -> None:
        from .dialogs import show_about

        show_about(self, str(getattr(self.library, "folder", "")))

    def _save_failed(self, message: str) -> None:
        self.statusBar().showMessage(self.tr("保存失败：%1").replace("%1", message), 10000)
        self._save_error = message
        self._refresh_banner()

    def _save_state_changed(self, state: str) -> None:
        if state == SAVED and self._save_error:
            self._save_error = ""
            self._refresh_banner()
        self._update_title()

    def _error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # == closing =============================================================================
    def closeEvent(self, event) -> None:  # noqa: N802
        if not self.close_document():
            event.ignore()
            return
        self._refresh_library_timer.stop()
        self.settings.set_window_state(self.saveGeometry(), self.saveState())
        self.settings.set_value("window/tab", self.tabs.currentIndex())
        self.settings.sync()
        self.saver.stop()
        event.accept()
