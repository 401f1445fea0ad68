"""Numbers out of bounds are refused where a file or a paste enters the window (issue 12, point 2).

Before, an imported file or pasted rows with a 30-digit figure went into the open form (or, in a
read-only window, onto the screen) and only the save refused them: every autosave then failed.
Now the import and the paste say what to fix, naming the row or field and the allowed range, and
neither the form, its undo stack nor the library changes; saving goes on working.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from perfgui.model.serialize import to_dict
from perfgui.store import open_library
from perfgui.ui.document import SAVED
from tests.ui.conftest import close_window, retype, type_chinese

CTRL = Qt.KeyboardModifier.ControlModifier
HUGE_MONEY = "1" * 30
HUGE_POINTS = "1" * 27
DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def said(monkeypatch) -> list[str]:
    """The warnings the window shows (never a box left open that would hang the test)."""
    shown: list[str] = []

    def warning(_parent, _title, text, *a):
        shown.append(text)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def node_named(form, name):
    found = [n for n in form.root.walk() if n.name == name]
    assert len(found) == 1, name
    return found[0]


def library_files(folder: Path) -> dict[str, bytes]:
    """Every file of the library that holds forms (the lock and the log change by themselves)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.parts[len(folder.parts)] in ("forms", "index", "trash", "damaged")}


def json_file(tmp_path: Path, seed_form) -> Path:
    """Our own form file of 2023 with a 30-digit 全年预算数 and a score with five decimals."""
    data = to_dict(seed_form)
    data["id"] = "bounds-test"
    data["header"]["year"] = 2023
    data["budget"]["rows"][0]["planned"] = HUGE_MONEY
    data["indicators"][1]["children"][0]["children"][1]["score"] = "0.12345"
    path = tmp_path / "超范围.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def xlsx_file(tmp_path: Path) -> Path:
    """The official table typed into Excel (as text cells) with the same two bad figures."""
    text = (DATA / "seed_2024.txt").read_text(encoding="utf-8")
    text = text.replace("275, 112, 698. 88", HUGE_MONEY, 1).replace("2024年度", "2023年度")
    wb = Workbook()
    ws = wb.active
    for r, line in enumerate(text.splitlines(), start=1):
        if "电梯加装完成率" in line:
            line = line.replace("1. 00\t1. 00", "1. 00\t0. 12345")
        for c, cell in enumerate(line.split("\t"), start=1):
            if cell:
                ws.cell(r, c, cell)
    path = tmp_path / "超范围.xlsx"
    wb.save(path)
    return path


def assert_refused(said: list[str], name: str) -> None:
    assert len(said) == 1, said
    message = said[0]
    assert f"“{name}”中有 2 处数字超出允许范围，未导入" in message
    assert f"预算“财政拨款”的全年预算数 {HUGE_MONEY} 超出范围：应在 -99,999,999,999,999.9999 到" in message
    assert "指标“电梯加装完成率”的得分 0.12345 的小数位太多：应在 0 到 100 之间，最多 4 位小数" in message
    assert "表单库未改动" in message and "InvalidOperation" not in message


def test_importing_a_file_with_numbers_out_of_bounds_is_refused_and_saving_goes_on(
        open_window, qtbot, data_dir, seed_form, tmp_path, monkeypatch, said):
    w = open_window()
    doc = w.doc
    unit = w.page.fields["header.unit"]
    type_chinese(unit, "甲")
    qtbot.waitUntil(lambda: doc.save_state == SAVED, timeout=5000)
    stored, form_before, undo_before = library_files(data_dir), to_dict(doc.form), doc.undo_stack.count()

    # 打开… a JSON form file, as the person picks it in the file dialog.
    path = json_file(tmp_path, seed_form)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    w.choose_and_import()
    assert_refused(said, path.name)

    # An .xlsx dropped on the window: the same refusal, and the preview is never shown.
    from perfgui.ui import import_preview

    monkeypatch.setattr(import_preview.ImportPreviewDialog, "exec",
                        lambda self: (_ for _ in ()).throw(AssertionError("preview shown")))
    said.clear()
    sheet = xlsx_file(tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(sheet))])
    pos = QPointF(w.width() / 2, w.height() / 2)
    QApplication.sendEvent(w, QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                              Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(w, QDropEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                         Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: bool(said), timeout=30000)
    assert_refused(said, sheet.name)

    # Nothing entered: the same form, the same undo stack, the same files in the library.
    assert w.doc is doc and to_dict(doc.form) == form_before and doc.undo_stack.count() == undo_before
    assert library_files(data_dir) == stored
    assert [s.year for s in w.library.list()] == [2024]
    assert "失败" not in w.windowTitle()

    # And autosave still works: the next edit is stored.
    type_chinese(unit, "乙")
    qtbot.waitUntil(lambda: doc.save_state == SAVED, timeout=5000)
    with open_library(data_dir, read_only=True) as reader:
        assert reader.load(doc.form_id).header.unit.endswith("甲乙")
    close_window(w)


def test_a_read_only_window_does_not_show_a_file_out_of_bounds(open_window, data_dir, seed_form, tmp_path, said):
    holder = open_library(data_dir, role="command")
    try:
        w = open_window()
        assert w.library.read_only and w.doc is None
        path = json_file(tmp_path, seed_form)
        assert w.import_file(path) is None
        assert_refused(said, path.name)
        assert w.doc is None  # before, the form was shown (and could be exported as it was)
    finally:
        holder.close()


def _press_ctrl_v(qtbot, w, text: str) -> list:
    """Put ``text`` on the clipboard as Excel does and press Ctrl+V in the tree; the paste
    dialogs that opened (none, when the paste is refused at once) are returned."""
    from perfgui.ui.tree.clipboard import new_mime

    mime = new_mime()
    mime.setText(text)
    QApplication.clipboard().setMimeData(mime)
    shown = []

    def answer():
        dialog = w.editor.paste_dialog
        if dialog is not None:
            shown.append(dialog)
            dialog.reject()

    QTimer.singleShot(0, answer)
    qtbot.keyClick(w.editor.view, Qt.Key.Key_V, CTRL)
    QApplication.processEvents()
    return shown


def test_pasted_rows_with_a_27_digit_figure_are_refused_before_the_undo_stack(open_window, qtbot, said):
    w = open_window()
    doc, view = w.doc, w.editor.view
    lift = node_named(doc.form, "电梯加装完成率")
    before, undo_before = to_dict(doc.form), doc.undo_stack.count()
    cases = [
        # Rows of a person's own sheet (name, target, actual, 分值, 得分): the row is named.
        ("加装电梯居民满意度\t>=95%\t96%\t1\t1\t\r\n"
         f"坡道改造数量\t≥15座\t15座\t{HUGE_POINTS}\t1.5\t两处施工延期\r\n",
         f"第2行“坡道改造数量”的分值 {HUGE_POINTS} 超出范围：应在 0 到 100 之间，最多 4 位小数"),
        # Five decimals are as much out of bounds as too many digits.
        "加装电梯居民满意度\t>=95%\t96%\t1\t0.12345\t\r\n",
        # Rows in the official nine columns.
        (f"\t\t\t加装电梯居民满意度\t≥90%\t95%\t{HUGE_POINTS}\t1\t\r\n",
         f"指标“加装电梯居民满意度”的分值 {HUGE_POINTS} 超出范围：应在 0 到 100 之间"),
    ]
    for case in cases:
        text, expected = case if isinstance(case, tuple) else (
            case, "第1行“加装电梯居民满意度”的得分 0.12345 的小数位太多：应在 0 到 100 之间，最多 4 位小数")
        assert view.select_node(lift.id, "name")
        shown = _press_ctrl_v(qtbot, w, text)
        message = w.statusBar().currentMessage()
        assert expected in message and "请改正后再粘贴，表单未改动" in message, message
        assert shown == []  # refused before the paste dialog
        assert to_dict(doc.form) == before and doc.undo_stack.count() == undo_before
    # Rows within bounds still go in, through the dialog.
    shown = []

    def accept():
        shown.append(w.editor.paste_dialog)
        w.editor.paste_dialog.accept()

    from perfgui.ui.tree.clipboard import new_mime

    mime = new_mime()
    mime.setText("加装电梯居民满意度\t>=95%\t96%\t1\t0.5\t\r\n")
    QApplication.clipboard().setMimeData(mime)
    QTimer.singleShot(0, accept)
    qtbot.keyClick(view, Qt.Key.Key_V, CTRL)
    assert shown and doc.undo_stack.count() == undo_before + 1
    close_window(w)


def test_indicators_out_of_bounds_from_another_window_are_refused(open_window, qtbot, said):
    """Our own clipboard format (copied in another window, or written by another program):
    pasted or dropped, a figure out of bounds is refused with the indicator named."""
    from perfgui.ui.tree import clipboard

    w = open_window()
    doc, model = w.doc, w.editor.model
    lift = node_named(doc.form, "电梯加装完成率")
    before, undo_before = to_dict(doc.form), doc.undo_stack.count()
    mime = model.mimeData([model.index_for(lift.id, "name")])  # what copying the row puts there
    data = json.loads(bytes(mime.data(clipboard.MIME_NODES)).decode("utf-8"))
    data["source"] = "another-window"
    data["items"][0]["node"].update(name="外来指标", max_points=HUGE_POINTS)
    mime.setData(clipboard.MIME_NODES, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    assert w.editor.view.select_node(lift.id, "name")
    assert not w.editor.paste_mime(mime)
    assert f"指标“外来指标”的分值 {HUGE_POINTS} 超出范围" in w.statusBar().currentMessage()
    group = model.index_for(lift.parent.id, "name")
    error = model.drop_error(mime, Qt.DropAction.CopyAction, 0, group)
    assert "指标“外来指标”的分值" in error and "请改正后再拖入" in error
    assert not model.dropMimeData(mime, Qt.DropAction.CopyAction, 0, 0, group)
    assert to_dict(doc.form) == before and doc.undo_stack.count() == undo_before
    close_window(w)


def test_the_budget_points_field_holds_points_not_money(open_window, qtbot, said):
    from perfgui.model import FormKind

    w = open_window()
    assert w.open_form(w.new_form(FormKind.PROJECT))
    field = w.page.fields["budget.points"]
    before = w.doc.form.budget.points
    retype(qtbot, field, "150")
    assert not field.valid and "超出范围：应在 0 到 100 之间" in field.toolTip()
    # Each keystroke commits while the figure is in range: the form keeps 15, never 150.
    assert w.doc.form.budget.points == 15 != before
    retype(qtbot, field, "8")
    assert field.valid and str(w.doc.form.budget.points) == "8"
    close_window(w)
    assert said == []  # saved on closing


def forge_old_save(path: Path, change) -> None:
    """Rewrite a stored form file as a program from before the bounds left it: no checksum
    (such files are trusted), a figure out of bounds. A new file, not the hard-linked one."""
    data = json.loads(path.read_text(encoding="utf-8"))
    doc = data["form"]["1"]
    doc.pop("checksum", None)
    change(doc["form"])
    path.unlink()
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_reverting_to_an_old_save_out_of_bounds_is_refused(open_window, qtbot, data_dir, monkeypatch, said):
    from perfgui.ui import dialogs

    w = open_window()
    fid = w.doc.form_id
    type_chinese(w.page.fields["header.unit"], "甲")
    assert w.doc.save_and_wait()
    history = data_dir / "forms" / fid / "history" / "000001.json"
    forge_old_save(history, lambda form: form["budget"]["rows"][0].update(planned=HUGE_MONEY))
    stored, current = library_files(data_dir), to_dict(w.doc.form)

    def pick_oldest(self):
        self.tree.setCurrentItem(self.tree.topLevelItem(self.tree.topLevelItemCount() - 1))
        return dialogs.RevisionsDialog.DialogCode.Accepted

    monkeypatch.setattr(dialogs.RevisionsDialog, "exec", pick_oldest)
    w.action_set["revisions"].trigger()
    assert len(said) == 1 and said[0].startswith(f"第 1 次保存的版本中预算“财政拨款”的全年预算数 {HUGE_MONEY} 超出范围")
    assert said[0].endswith("不能恢复为这个版本，表单未改动。")
    assert library_files(data_dir) == stored
    assert w.doc.form_id == fid and to_dict(w.doc.form) == current and w.doc.editable
    type_chinese(w.page.fields["header.unit"], "乙")
    assert w.doc.save_and_wait()
    close_window(w)


def test_a_stored_form_out_of_bounds_says_so_when_it_opens(open_window, qtbot, data_dir):
    w = open_window()
    fid = w.doc.form_id
    close_window(w)

    def five_decimals(form):
        form["indicators"][1]["children"][0]["children"][1]["score"] = "0.12345"

    forge_old_save(data_dir / "forms" / fid / "form.json", five_decimals)
    w = open_window()
    assert w.doc.form_id == fid
    text = w.banner.label.text()
    assert w.banner.isVisible() and "中有 1 处数字超出允许范围" in text and "改正之前修改无法保存" in text
    assert "指标“电梯加装完成率”的得分 0.12345 的小数位太多：应在 0 到 100 之间，最多 4 位小数" in text
    close_window(w)
