"""The window's actions, menus and toolbar, in one place.

Every action lives in a menu with its shortcut; the toolbar repeats the common ones. Texts are
Chinese source strings translated through the ``Actions`` context (the English translation
covers exactly these). The indicator tree brings its own actions; they are placed here too.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu, QStyle, QToolBar, QToolButton, QWidget

from ..resources import resource_path

Std = QKeySequence.StandardKey

# Tree actions, in the order they appear in the 指标 menu (None: a separator).
TREE_MENU = ("add_sibling", "add_child", "delete", "clear", None, "move_up", "move_down", "outdent",
             "indent", None, "accept_suggestion", None, "expand_all", "collapse_all")
# Tree actions placed in the 编辑 and 视图 menus instead.
TREE_EDIT_MENU = ("find", "replace")
TREE_VIEW_MENU = ("zoom_in", "zoom_out", "zoom_reset")
TREE_TOOLBAR = ("add_sibling", "add_child", "delete", "move_up", "move_down", "outdent", "indent")

_STYLE_ICONS = {
    "new": QStyle.StandardPixmap.SP_FileIcon,
    "open": QStyle.StandardPixmap.SP_DialogOpenButton,
    "export": QStyle.StandardPixmap.SP_DialogSaveButton,
    "undo": QStyle.StandardPixmap.SP_ArrowBack,
    "redo": QStyle.StandardPixmap.SP_ArrowForward,
    "about": QStyle.StandardPixmap.SP_MessageBoxInformation,
}


def icon(widget: QWidget, name: str) -> QIcon:
    """``resources/icons/<name>.svg`` if we ship one, else a style icon, else none."""
    path = resource_path("icons", f"{name}.svg")
    if path.exists():
        return QIcon(str(path))
    pixmap = _STYLE_ICONS.get(name)
    return widget.style().standardIcon(pixmap) if pixmap is not None else QIcon()


class Actions(QObject):
    """All of the window's own actions, by name."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.by_name: dict[str, QAction] = {}
        a = self._add
        # 文件
        a("new_department", self.tr("新建部门整体表单"), "new", QKeySequence(Std.New),
          self.tr("从部门（单位）整体支出模板新建一张表单"))
        a("new_project", self.tr("新建项目支出表单"), "new_project", QKeySequence("Ctrl+Alt+Shift+N"),
          self.tr("从项目支出模板新建一张表单"))
        a("new_from_pack", self.tr("按规则包新建…"), "new", None,
          self.tr("选择一个地区的规则包（表格样式、默认指标和计分规则），从它新建一张表单"))
        a("import_pack", self.tr("导入规则包…"), None, None,
          self.tr("把财政部门发布的规则包文件（.toml）检查后导入本表单库"))
        a("change_pack", self.tr("更换规则包…"), None, None,
          self.tr("让这张表单改用另一个规则包：应用前先列出得分、总分和等级的变化，可撤销"))
        a("open_file", self.tr("打开文件…"), "open", QKeySequence(Std.Open),
          self.tr("把表单文件（.json、.xlsx、.txt）导入表单库并打开"))
        a("duplicate", self.tr("复制到下一年度"), "duplicate", QKeySequence("Ctrl+Shift+D"),
          self.tr("以当前表单为底稿新建下一年度的表单：保留指标和目标，清空完成值和得分"))
        a("export", self.tr("另存为/导出…"), "export", QKeySequence(Std.SaveAs),
          self.tr("导出为 Excel、PDF 或表单文件"))
        a("batch_export", self.tr("批量导出…"), "batch_export", QKeySequence("Ctrl+Shift+B"),
          self.tr("把表单库中的多张表单一次导出"))
        a("send_email", self.tr("发送邮件…"), "email", QKeySequence("Ctrl+Shift+M"),
          self.tr("用邮件程序发送 PDF 和 Excel 文件"))
        a("export_report", self.tr("导出自评报告…"), "report", QKeySequence("Ctrl+Shift+R"),
          self.tr("按表单写出绩效自评报告（Word）初稿；已有的报告只更新其中的数字"))
        a("package", self.tr("打包报送…"), "package", QKeySequence("Ctrl+Shift+G"),
          self.tr("定稿 PDF、Excel、自评报告、表单文件和报送清单，打成一个报送包"))
        a("summary", self.tr("汇总多份表单…"), "summary", QKeySequence("Ctrl+Alt+S"),
          self.tr("批量读取、检查收到的多份表单：汇总表、复核提示、抽查和导出"))
        a("preview", self.tr("打印预览…"), "preview", QKeySequence("Ctrl+Shift+P"),
          self.tr("查看打印效果"))
        a("print", self.tr("打印…"), "print", QKeySequence(Std.Print), self.tr("打印当前表单"))
        a("verify", self.tr("核对纸质版…"), None, None,
          self.tr("输入纸质版上的表单指纹或选择导出的文件，查出它是哪张表单的哪个已保存版本"))
        a("mark_final", self.tr("定稿"), "final", QKeySequence("Ctrl+Shift+L"),
          self.tr("把表单标记为定稿：定稿后不能修改，可撤销定稿"))
        a("revisions", self.tr("历史版本…"), "history", QKeySequence("Ctrl+Shift+H"),
          self.tr("查看并恢复这张表单以前保存的版本"))
        a("delete_form", self.tr("删除表单"), "delete_form", None, self.tr("把当前表单移到回收站"))
        a("show_trash", self.tr("回收站"), "trash", None, self.tr("查看已删除的表单，可恢复"), checkable=True)
        a("quit", self.tr("退出"), None, QKeySequence("Ctrl+Q"), self.tr("保存并退出"))
        # 编辑
        # Ctrl+F finds in the indicator table; the library's search has Ctrl+Shift+F.
        a("find", self.tr("搜索表单库"), "find", QKeySequence("Ctrl+Shift+F"), self.tr("在表单库中按单位、年度搜索"))
        a("next_problem", self.tr("下一个问题"), "next", QKeySequence("F8"), self.tr("转到下一条检查结果"))
        a("prev_problem", self.tr("上一个问题"), "prev", QKeySequence("Shift+F8"), self.tr("转到上一条检查结果"))
        # 视图
        a("tab_basic", self.tr("基本信息"), None, QKeySequence("Ctrl+1"), self.tr("表头、预算、年度目标和签字栏"))
        a("tab_tree", self.tr("绩效指标"), None, QKeySequence("Ctrl+2"), self.tr("指标表"))
        a("lang_zh", self.tr("中文"), None, None, self.tr("界面使用中文（重新启动后生效）"), checkable=True)
        a("lang_en", "English", None, None, self.tr("界面使用英文（重新启动后生效）"), checkable=True)
        # 帮助
        a("form_help", self.tr("填报说明"), None, QKeySequence(Std.HelpContents),
          self.tr("表单怎样填写、按什么规则检查，以及常用按键"))
        a("shortcuts", self.tr("快捷键一览"), None, QKeySequence("Ctrl+F1"), self.tr("列出所有操作及其快捷键"))
        a("data_folder", self.tr("打开表单库文件夹"), None, None, self.tr("在文件管理器中打开保存表单的文件夹"))
        a("log_folder", self.tr("打开日志文件夹"), None, None,
          self.tr("在文件管理器中打开程序的日志（出错时请把其中的 perfgui.log 发给负责本程序的同事）"))
        a("about", self.tr("关于绩效自评"), "about", None, "")
        self.by_name["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.by_name["about"].setMenuRole(QAction.MenuRole.AboutRole)

    def _add(self, name: str, text: str, icon_name: str | None, shortcut: QKeySequence | None,
             tip: str, *, checkable: bool = False) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(f"action_{name}")
        if icon_name:
            ic = icon(self.window, icon_name)
            if not ic.isNull():
                action.setIcon(ic)
        if shortcut is not None and not shortcut.isEmpty():
            action.setShortcut(shortcut)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.rstrip('…')}（{shortcut.toString(QKeySequence.SequenceFormat.NativeText)}）\n{tip}"
                              if shortcut is not None and not shortcut.isEmpty() else f"{text.rstrip('…')}\n{tip}")
        action.setCheckable(checkable)
        self.by_name[name] = action
        return action

    def __getitem__(self, name: str) -> QAction:
        return self.by_name[name]

    def set_final_text(self, final: bool) -> None:
        self.by_name["mark_final"].setText(self.tr("撤销定稿") if final else self.tr("定稿"))

    # -- menus -------------------------------------------------------------------------------
    def build_menus(self, window, *, undo: QAction, redo: QAction, tree: dict[str, QAction],
                    docks: list[QAction], toolbar: QAction, recent: QMenu,
                    columns: QMenu | None = None) -> dict[str, QMenu]:
        bar = window.menuBar()
        A = self.by_name
        menus: dict[str, QMenu] = {}
        m = menus["file"] = bar.addMenu(self.tr("文件(&F)"))
        new = menus["new"] = m.addMenu(self.tr("新建"))
        new.addAction(A["new_department"])
        new.addAction(A["new_project"])
        new.addSeparator()
        new.addAction(A["new_from_pack"])
        m.addAction(A["open_file"])
        m.addAction(A["import_pack"])
        recent.setTitle(self.tr("最近打开"))
        m.addMenu(recent)
        m.addAction(A["duplicate"])
        m.addSeparator()
        m.addAction(A["export"])
        m.addAction(A["batch_export"])
        m.addAction(A["summary"])
        m.addAction(A["send_email"])
        m.addAction(A["export_report"])
        m.addAction(A["package"])
        m.addSeparator()
        m.addAction(A["preview"])
        m.addAction(A["print"])
        m.addAction(A["verify"])
        m.addSeparator()
        m.addAction(A["mark_final"])
        m.addAction(A["revisions"])
        m.addAction(A["change_pack"])
        m.addAction(A["delete_form"])
        m.addAction(A["show_trash"])
        m.addSeparator()
        m.addAction(A["quit"])

        m = menus["edit"] = bar.addMenu(self.tr("编辑(&E)"))
        m.addAction(undo)
        m.addAction(redo)
        m.addSeparator()
        for key in ("cut", "copy", "paste"):
            if key in tree:
                m.addAction(tree[key])
        m.addSeparator()
        for key in TREE_EDIT_MENU:
            if key in tree:
                m.addAction(tree[key])
        m.addAction(A["find"])
        m.addAction(A["next_problem"])
        m.addAction(A["prev_problem"])

        m = menus["tree"] = bar.addMenu(self.tr("指标(&I)"))
        for key in TREE_MENU:
            if key is None:
                m.addSeparator()
            elif key in tree:
                m.addAction(tree[key])
        extra = [k for k in tree if k not in TREE_MENU and k not in ("cut", "copy", "paste")
                 and k not in TREE_EDIT_MENU and k not in TREE_VIEW_MENU]
        if extra:
            m.addSeparator()
            for key in extra:
                m.addAction(tree[key])

        m = menus["view"] = bar.addMenu(self.tr("视图(&V)"))
        m.addAction(A["tab_basic"])
        m.addAction(A["tab_tree"])
        m.addSeparator()
        for a in docks:
            m.addAction(a)
        m.addAction(toolbar)
        m.addSeparator()
        for key in TREE_VIEW_MENU:
            if key in tree:
                m.addAction(tree[key])
        if columns is not None:
            m.addMenu(columns)
        m.addSeparator()
        lang = m.addMenu(self.tr("语言"))
        lang.addAction(A["lang_zh"])
        lang.addAction(A["lang_en"])

        m = menus["help"] = bar.addMenu(self.tr("帮助(&H)"))
        m.addAction(A["form_help"])
        m.addAction(A["shortcuts"])
        m.addAction(A["data_folder"])
        m.addAction(A["log_folder"])
        m.addSeparator()
        m.addAction(A["about"])
        return menus

    def build_toolbar(self, window, *, undo: QAction, redo: QAction, tree: dict[str, QAction],
                      new_menu: QMenu) -> QToolBar:
        A = self.by_name
        bar = QToolBar(self.tr("工具栏"), window)
        bar.setObjectName("main_toolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.setMovable(False)
        new_button = QToolButton(bar)
        new_button.setText(self.tr("新建"))
        new_button.setIcon(icon(window, "new"))
        new_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        new_button.setMenu(new_menu)
        new_button.setToolTip(self.tr("从模板新建表单"))
        bar.addWidget(new_button)
        bar.addAction(A["open_file"])
        bar.addAction(A["export"])
        bar.addSeparator()
        bar.addAction(undo)
        bar.addAction(redo)
        bar.addSeparator()
        for key in TREE_TOOLBAR:
            if key in tree:
                bar.addAction(tree[key])
        bar.addSeparator()
        bar.addAction(A["preview"])
        bar.addAction(A["print"])
        bar.addAction(A["send_email"])
        return bar
