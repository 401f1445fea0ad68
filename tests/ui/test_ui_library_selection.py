"""The 表单库 list acts on the form a person selected, not on the one open (issue 14, point 4).

Single click selects, double click or Enter opens; duplicate, delete and export act on the
selected form; a second form for the same unit, year and kind asks first; delete confirmations
tell same-named forms apart; a JSON file that is not a form is refused; the recycle bin can be
emptied and single forms purged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProxyStyle, QStyle

from perfgui.model import FormKind


def row_rect_center(panel, form_id):
    index = panel.model.index(panel.model.row_of(form_id))
    return panel.view.visualRect(index).center()


def two_forms(w):
    """The sample (open) and a second, project form; the sample open again."""
    seed_id = w.doc.form_id
    other = w.new_form(FormKind.PROJECT)
    assert w.open_form(seed_id)
    return seed_id, other


def answer(monkeypatch, button=QMessageBox.StandardButton.Yes, name="question"):
    said = []
    monkeypatch.setattr(QMessageBox, name, lambda _p, title, text, *a: said.append(text) or button)
    return said


class SingleClickStyle(QProxyStyle):
    """Like KDE's and some Windows settings: item views "activate" on a single click."""

    def styleHint(self, hint, option=None, widget=None, data=None):  # noqa: N802
        if hint == QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick:
            return 1
        return super().styleHint(hint, option, widget, data)


def test_single_click_selects_double_click_and_enter_open(open_window, qtbot):
    w = open_window()
    seed_id, other = two_forms(w)
    panel = w.library_panel
    style = SingleClickStyle("Fusion")
    panel.view.setStyle(style)
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=row_rect_center(panel, other))
    assert panel.current_id() == other
    assert w.doc.form_id == seed_id  # selected, not opened
    qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=row_rect_center(panel, other))
    assert w.doc.form_id == other
    panel.select(seed_id)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Return)
    assert w.doc.form_id == seed_id


def test_ctrl_shift_d_duplicates_the_selected_form_not_the_open_one(open_window, qtbot):
    w = open_window()
    seed_id, other = two_forms(w)
    panel = w.library_panel
    qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=row_rect_center(panel, other))
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    copies = [s for s in w.library.list() if s.id not in (seed_id, other)]
    assert len(copies) == 1
    assert copies[0].kind == "project"  # a copy of the selected project form, not of the open sample
    assert w.doc.form_id == copies[0].id


def test_delete_acts_on_the_selected_form_and_names_it_by_id_status_and_time(open_window, qtbot, monkeypatch):
    w = open_window()
    seed_id = w.doc.form_id
    twin = w.library.create(w.library.load(seed_id))  # a second form of the same name
    w.library_panel.refresh()
    said = answer(monkeypatch)
    w.library_panel.select(twin)
    w.action_set["delete_form"].trigger()
    assert len(said) == 1
    assert twin in said[0] and "草稿" in said[0] and "最后保存" in said[0]
    assert seed_id not in said[0]
    assert [s.id for s in w.library.trash()] == [twin]
    assert w.doc is not None and w.doc.form_id == seed_id  # the open form stays open


def test_export_from_the_list_exports_the_selected_form(open_window, monkeypatch):
    from perfgui.ui import export_actions

    w = open_window()
    seed_id, other = two_forms(w)
    exported = []
    monkeypatch.setattr(export_actions, "export_files_dialog",
                        lambda form, parent, **kw: exported.append(form.id) or [])
    w.library_panel.select(other)
    w.library_panel.export_action.trigger()
    w.action_set["export"].trigger()
    assert exported == [other, other]
    assert w.doc.form_id == seed_id


def test_a_second_form_for_the_same_unit_year_and_kind_asks_first(open_window, monkeypatch):
    w = open_window()
    seed_id = w.doc.form_id
    said = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    first = w.duplicate_form(seed_id)  # 2025: nothing like it yet
    assert first and said == []
    said = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert w.duplicate_form(seed_id) is None  # a second 2025 form: asked, and refused
    assert len(said) == 1 and "已有" in said[0] and first in said[0] and "2025" in said[0]
    assert len(w.library.list()) == 2
    said = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    assert w.duplicate_form(seed_id) is not None
    assert len(said) == 1 and len(w.library.list()) == 3


def test_a_json_file_that_is_not_a_form_is_refused(open_window, tmp_path, monkeypatch):
    w = open_window()
    said = answer(monkeypatch, name="warning")
    path = tmp_path / "hello.json"
    path.write_text('{"hello":[1,2,3]}', encoding="utf-8")
    assert w.import_file(path) is None
    assert len(said) == 1 and "不是本程序的表单文件" in said[0]
    assert len(w.library.list()) == 1


def test_the_recycle_bin_can_be_emptied_and_single_forms_purged(open_window, qtbot, monkeypatch):
    w = open_window()
    seed_id, other = two_forms(w)
    third = w.new_form(FormKind.PROJECT)
    answer(monkeypatch)
    for form_id in (seed_id, other, third):
        assert w.delete_form(form_id)
    w.action_set["show_trash"].trigger()
    panel = w.library_panel
    assert panel.empty_trash_button.isVisible() and panel.empty_trash_button.isEnabled()
    said = answer(monkeypatch, name="warning")
    panel.select(other)
    panel.view.setFocus()
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)  # in the recycle bin: delete for good, asked first
    assert len(said) == 1 and "不能恢复" in said[0] and other in said[0]
    assert sorted(s.id for s in w.library.trash()) == sorted([seed_id, third])
    assert not (w.library.folder / "trash" / other).exists()
    qtbot.mouseClick(panel.empty_trash_button, Qt.MouseButton.LeftButton)
    assert len(said) == 2 and "2 张" in said[1]
    assert w.library.trash() == [] and w.library.list() == []
    assert not panel.empty_trash_button.isEnabled()
