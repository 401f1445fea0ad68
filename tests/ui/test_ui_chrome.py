"""Menus, shortcuts, languages and fonts: what makes the window usable from the keyboard and legible."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolButton

from perfgui.resources import resource_path
from perfgui.ui.i18n import apply_app_font, install_translations, load_cjk_font


def menu_actions(menu) -> list[QAction]:
    out = []
    for a in menu.actions():
        if a.isSeparator():
            continue
        if a.menu() is not None:
            out += menu_actions(a.menu())
        else:
            out.append(a)
    return out


def all_menu_actions(window) -> list[QAction]:
    out = []
    for m in window.top_menus():
        out += menu_actions(m)
    return out


def test_every_toolbar_action_is_in_a_menu_with_a_shortcut(open_window):
    w = open_window()
    in_menus = set(map(id, all_menu_actions(w)))
    toolbar = [a for a in w.toolbar.actions() if not a.isSeparator()]
    plain = [a for a in toolbar if not isinstance(w.toolbar.widgetForAction(a), QToolButton)
             or w.toolbar.widgetForAction(a).defaultAction() is a]
    assert len(plain) >= 14
    for a in plain:
        assert id(a) in in_menus, f"{a.text()} is on the toolbar but in no menu"
        assert not a.shortcut().isEmpty(), f"{a.text()} has no shortcut"
    # The 新建 drop-down offers the two 新建 menu entries.
    new_button = [w.toolbar.widgetForAction(a) for a in toolbar if w.toolbar.widgetForAction(a).menu()][0]
    assert {a.objectName() for a in new_button.menu().actions()} == {"action_new_department", "action_new_project"}


def test_no_two_menu_actions_share_a_shortcut(open_window):
    w = open_window()
    seen: dict[str, str] = {}
    for a in all_menu_actions(w):
        for seq in a.shortcuts():
            key = seq.toString(QKeySequence.SequenceFormat.PortableText)
            assert key not in seen, f"{key} is used by {seen[key]} and {a.text()}"
            seen[key] = a.text()
    # The menus carry the window's own actions and the indicator tree's.
    assert {"Ctrl+Z", "Ctrl+Y", "F8", "Ctrl+P", "Ctrl+N", "Del", "Alt+Up", "Ctrl+1", "Ctrl+2"} <= set(seen)


def test_keyboard_reaches_both_tabs_and_the_next_problem(open_window, qtbot):
    w = open_window()
    qtbot.keyClick(w, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 0
    qtbot.keyClick(w, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert w.tabs.currentIndex() == 1
    qtbot.keyClick(w, Qt.Key.Key_F8)
    # The seed's one finding is the weight sum: F8 selects the first 一级 weight cell.
    index = w.editor.view.currentIndex()
    assert w.editor.model.node_at(index) is w.doc.form.sections[0]
    assert index == w.editor.model.index_for(w.doc.form.sections[0].id, "weight")


def test_shortcuts_dialog_lists_the_menus(open_window):
    from perfgui.ui.dialogs import ShortcutsDialog

    w = open_window()
    dialog = ShortcutsDialog(w.top_menus(), w)
    tops = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert tops[:5] == ["文件", "编辑", "指标", "视图", "帮助"]
    found = dialog.tree.findItems("打印…", Qt.MatchFlag.MatchRecursive)
    assert found and found[0].text(1) == QKeySequence(QKeySequence.StandardKey.Print).toString(
        QKeySequence.SequenceFormat.NativeText)


def test_english_translation_covers_the_menus(open_window):
    app = QApplication.instance()
    translators = install_translations(app, "en")
    try:
        assert translators, "perfgui_en.qm did not load"
        w = open_window()
        titles = [a.text() for a in w.menuBar().actions()]
        assert titles[:5] == ["&File", "&Edit", "&Indicators", "&View", "&Help"]
        assert w.action_set["print"].text() == "Print…"
        assert w.tree_actions["add_sibling"].text() == "Add Sibling Indicator"
        assert w.tabs.tabText(0) == "Basic Information"
        assert w.findings_dock.windowTitle().startswith("Findings")
    finally:
        for t in translators:
            app.removeTranslator(t)
    assert QCoreApplication.translate("Actions", "文件(&F)") == "文件(&F)"


def test_qt_standard_dialogs_speak_chinese():
    app = QApplication.instance()
    translators = install_translations(app, "zh")
    try:
        assert translators, "qtbase_zh_CN.qm not found"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok)
        texts = {box.button(QDialogButtonBox.StandardButton.Cancel).text(),
                 box.button(QDialogButtonBox.StandardButton.Ok).text()}
        assert "取消" in texts and "确定" in texts
    finally:
        for t in translators:
            app.removeTranslator(t)


def test_bundled_cjk_font_is_registered_and_covers_the_form():
    app = QApplication.instance()
    families = load_cjk_font()
    assert "WenQuanYi Micro Hei" in families
    font = apply_app_font(app, families)
    assert "WenQuanYi Micro Hei" in font.families()
    probe = QFont("WenQuanYi Micro Hei", 10)
    probe.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    fm = QFontMetrics(probe)
    text = "部门（单位）整体支出绩效自评表 虹桥镇 执行率 偏差及原因分析 ≥ ≤ ≠ ￥ 【】"
    missing = [ch for ch in text if not ch.isspace() and not fm.inFontUcs4(ord(ch))]
    assert missing == []
    assert resource_path("translations", "perfgui_en.qm").exists()
    assert resource_path("translations", "perfgui_en.ts").exists()


def test_print_and_export_actions_reach_their_dialogs_with_a_copy_of_the_form(open_window, monkeypatch):
    from perfgui.ui import export_actions, print_preview

    w = open_window()
    calls = []
    monkeypatch.setattr(print_preview.PrintPreviewDialog, "exec",
                        lambda self: calls.append(("preview", self.form)) or 0)
    monkeypatch.setattr(print_preview, "print_form", lambda form, parent, **kw: calls.append(("print", form)))
    monkeypatch.setattr(export_actions, "export_files_dialog",
                        lambda form, parent, **kw: calls.append(("export", form)))
    monkeypatch.setattr(export_actions, "send_by_email", lambda form, parent, **kw: calls.append(("email", form)))
    monkeypatch.setattr(export_actions, "batch_export_dialog", lambda lib, parent: calls.append(("batch", lib)))
    for name in ("preview", "print", "export", "send_email", "batch_export"):
        w.action_set[name].trigger()
    assert [c[0] for c in calls] == ["preview", "print", "export", "email", "batch"]
    for _, form in calls[:4]:
        assert form is not w.doc.form and form.id == w.doc.form.id
        assert form.header.unit == w.doc.form.header.unit
    assert calls[4][1] is w.library


def test_about_box_names_the_version_and_language_choice_is_remembered(open_window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from perfgui import __version__
    from perfgui.ui.settings import AppSettings

    w = open_window()
    said = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: said.append(a[2]))
    w.action_set["about"].trigger()
    assert __version__ in said[0] and str(w.library.folder) in said[0]
    w.action_set["lang_en"].trigger()
    assert AppSettings().language == "en"
    assert w.action_set["lang_en"].isChecked() and not w.action_set["lang_zh"].isChecked()
    assert "下次启动" in said[1]
    w.action_set["lang_zh"].trigger()
    assert AppSettings().language == "zh"
