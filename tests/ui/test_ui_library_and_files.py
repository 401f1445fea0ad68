"""The 表单库 panel and files: new, duplicate, delete/restore, search, import, drop, settings."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from perfgui.model import FormKind
from perfgui.model.serialize import to_dict
from perfgui.ui.settings import AppSettings
from tests.ui.conftest import close_window, type_chinese

UNIT = "上海市闵行区虹桥镇城市建设管理事务中心"


def panel_lines(window) -> list[str]:
    m = window.library_panel.model
    return [m.data(m.index(r)) for r in range(m.rowCount())]


def test_new_from_template_opens_the_basic_page_on_the_unit(open_window, qtbot):
    w = open_window()
    w.action_set["new_project"].trigger()
    doc = w.doc
    assert doc.form.kind is FormKind.PROJECT
    assert doc.form.header.unit == ""  # the open form was a department form: nothing carried over
    assert w.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is w.page.fields["header.project_name"]
    assert len(panel_lines(w)) == 2
    type_chinese(w.page.fields["header.project_name"], "老旧小区加装电梯补贴项目")
    assert "老旧小区加装电梯补贴项目" in w.windowTitle()
    w.action_set["new_department"].trigger()
    assert w.doc.form.kind is FormKind.DEPARTMENT
    # The project typed into a moment ago was saved when the window switched forms.
    names = [s.project_name for s in w.library.list() if s.kind == "project"]
    assert names == ["老旧小区加装电梯补贴项目"]


def test_duplicate_to_next_year_from_the_panel(open_window):
    w = open_window()
    seed_id = w.doc.form_id
    w.library_panel.select(seed_id)
    w.library_panel.duplicate_action.trigger()
    doc = w.doc
    assert doc.form_id != seed_id
    assert doc.form.header.year == 2025
    assert all(n.score is None for n in doc.form.scored())
    assert "2025年度" in w.windowTitle()
    assert any(line.startswith("● ") is False and "2025" in line for line in panel_lines(w))


def test_delete_and_restore_through_the_recycle_bin(open_window, monkeypatch):
    w = open_window()
    seed_id = w.doc.form_id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w.action_set["delete_form"].trigger()
    assert w.doc is None
    assert w.windowTitle() == "绩效自评"
    assert panel_lines(w) == []
    w.action_set["show_trash"].trigger()
    assert w.library_panel.trash_mode
    assert len(panel_lines(w)) == 1 and UNIT in panel_lines(w)[0]
    # Activating a form in the recycle bin restores it and opens it.
    w.library_panel._activated(w.library_panel.model.index(0))
    assert not w.library_panel.trash_mode
    assert w.doc is not None and w.doc.form_id == seed_id
    assert len(panel_lines(w)) == 1


def test_search_filters_the_list(open_window, qtbot):
    w = open_window()
    w.new_form(FormKind.PROJECT)
    type_chinese(w.page.fields["header.project_name"], "电梯补贴")
    w.doc.save_and_wait()
    w.action_set["find"].trigger()
    search = w.library_panel.search
    assert QApplication.focusWidget() is search
    type_chinese(search, "虹桥镇")
    qtbot.waitUntil(lambda: len(panel_lines(w)) == 1)
    assert UNIT in panel_lines(w)[0]
    search.clear()
    qtbot.waitUntil(lambda: len(panel_lines(w)) == 2)


def test_start_with_a_file_imports_it_after_confirming_the_guesses(open_window, seed_text, tmp_path, monkeypatch):
    from perfgui.ui import import_preview as dialogs

    shown = []

    def accept(self):
        shown.append([self.list.item(i).text() for i in range(self.list.count())])
        return dialogs.ImportPreviewDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", accept)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, text, *a: asked.append(text) or QMessageBox.StandardButton.Yes)
    path = tmp_path / "2024年自评表.txt"
    path.write_text(seed_text, encoding="utf-8")
    w = open_window(target=str(path))
    # The library's sample is the same unit's 2024 form: asked before a second one is made.
    assert len(asked) == 1 and "已有" in asked[0] and "2024" in asked[0]
    # The guesses of the pasted-text reader were shown for confirmation, then the form opened.
    assert shown and any("效益指标" in g for g in shown[0])
    assert w.doc.form.header.unit == UNIT
    assert len(w.library.list()) == 2  # the seed of the first run, and the imported copy
    assert "已导入" in w.statusBar().currentMessage()


def test_start_with_a_stored_form_id_opens_it(open_window):
    w = open_window()
    other = w.new_form(FormKind.PROJECT)
    close_window(w)
    w2 = open_window(target=other)
    assert w2.doc.form_id == other


def test_unknown_target_says_what_to_fix(open_window, monkeypatch):
    said = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    w = open_window(target="no-such-form-or-file.xlsx")
    # A name with an extension is a missing file (perfgui/targets.py); an id-like name is looked
    # up in the library (test_ui_handoff covers that message).
    assert said and "找不到文件" in said[0] and "no-such-form-or-file.xlsx" in said[0]
    assert w.doc is not None  # the window still shows the form it had


def test_our_own_file_already_in_the_library_can_be_opened_instead_of_copied(open_window, tmp_path, monkeypatch):
    w = open_window()
    path = tmp_path / "seed.perfgui.json"
    path.write_text(json.dumps(to_dict(w.doc.form), ensure_ascii=False), encoding="utf-8")

    def choose_open(box):
        for b in box.buttons():
            if b.text() == "打开库中的表单":
                box._clicked = b
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_open)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box._clicked)
    assert w.import_file(path) == w.doc.form_id
    assert len(w.library.list()) == 1


def drop_file(w, path) -> None:
    """Drag ``path`` over the window (it must be taken) and drop it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    pos = QPointF(w.width() / 2, w.height() / 2)
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(w, drop)


def test_dropping_a_file_on_the_window_imports_it(open_window, seed_text, tmp_path, qtbot, monkeypatch):
    from perfgui.ui import import_preview as dialogs

    monkeypatch.setattr(dialogs.ImportPreviewDialog, "exec", lambda self: dialogs.ImportPreviewDialog.DialogCode.Accepted)
    w = open_window()
    first = w.doc.form_id
    path = tmp_path / "dropped.txt"
    path.write_text(seed_text.replace("2024", "2023"), encoding="utf-8")
    drop_file(w, path)
    qtbot.waitUntil(lambda: w.doc is not None and w.doc.form_id != first)
    assert w.doc.form.header.year == 2023
    # Other files are refused at the door.
    pos = QPointF(w.width() / 2, w.height() / 2)
    other = QMimeData()
    other.setUrls([QUrl.fromLocalFile(str(tmp_path / "photo.jpg"))])
    enter2 = QDragEnterEvent(pos, Qt.DropAction.CopyAction, other, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)
    enter2.setAccepted(False)
    QApplication.sendEvent(w, enter2)
    assert not enter2.isAccepted()


def test_every_readable_name_is_offered_and_a_dropped_word_97_file_says_what_to_do(open_window, tmp_path, qtbot,
                                                                                     monkeypatch):
    """One list of names (perfgui.readers.sources.SUFFIXES) for the open dialogs, drops and 汇总."""
    from PySide6.QtWidgets import QFileDialog

    from perfgui.readers.sources import SUFFIXES
    from perfgui.ui.summary_view import SummaryView

    w = open_window()
    filters = []

    def dialog(*args):
        filters.append(args[3])
        return ([], "") if len(filters) == 2 else ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", dialog)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    w.choose_and_import()
    view = SummaryView(w, w.library)
    qtbot.addWidget(view)
    view._choose_files()
    assert filters[0] == filters[1]
    offered = filters[0].split(";;")[0]
    assert all(f"*{s}" in offered.split("(")[1].rstrip(")").split() for s in SUFFIXES)
    assert {".doc", ".xlsm", ".tsv", ".et", ".json"} <= set(SUFFIXES)
    errors = []
    monkeypatch.setattr(w, "_error", lambda title, message: errors.append(message))
    path = tmp_path / "旧版.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le"))
    drop_file(w, path)
    qtbot.waitUntil(lambda: bool(errors), timeout=60000)
    assert "另存为 .docx" in errors[0]


def test_window_state_recent_forms_and_folders_are_remembered(open_window, data_dir, tmp_path):
    w = open_window()
    w.resize(761, 555)  # within the offscreen screen (800 × 600)
    w.history_dock.show()
    w.tabs.setCurrentIndex(0)
    seed_id = w.doc.form_id
    project = w.new_form(FormKind.PROJECT)
    w.open_form(seed_id)
    w.settings.set_last_folder("open", tmp_path / "x.xlsx")
    close_window(w)
    settings = AppSettings(data_dir=data_dir)
    assert settings.recent_forms()[:2] == [seed_id, project]
    assert settings.last_folder("open") == str(tmp_path)
    w2 = open_window()
    assert (w2.width(), w2.height()) == (761, 555)
    assert w2.history_dock.isVisible()
    assert w2.tabs.currentIndex() == 0
    assert w2.doc.form_id == seed_id  # the form that was open last
    w2._fill_recent()
    texts = [a.text() for a in w2.recent_menu.actions()]
    assert len(texts) == 2 and "项目支出" in texts[1]
