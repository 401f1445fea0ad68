"""The window on the 基本信息 side: first run, header, budget, goals, autosave, title."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from perfgui.model import Status
from perfgui.store import open_library
from tests.ui.conftest import close_window, retype, type_chinese

UNIT = "上海市闵行区虹桥镇城市建设管理事务中心"


def wait_saved(qtbot, window, timeout=5000):
    qtbot.waitUntil(lambda: window.doc is not None and window.doc.is_saved, timeout=timeout)


def test_first_run_shows_the_seed(open_window):
    w = open_window()
    assert w.doc is not None
    assert w.doc.form.header.unit == UNIT
    assert w.doc.form.header.year == 2024
    assert "94.00" in w.summary.score_label.text() and "95.00" in w.summary.score_label.text()
    assert "优" in w.summary.grade_label.text()
    assert "95 ≠ 100" in w.summary.weight_label.text()
    assert w.summary.counts_label.text() == "1 个错误 · 0 个警告"
    assert w.windowTitle() == f"绩效自评 — {UNIT} · 2024年度 · 已保存[*]"
    assert not w.isWindowModified()
    assert w.library_panel.model.rowCount() == 1
    # The one finding is the weight sum; it is listed and its fingerprint is shown.
    assert [f.code for f in w.findings.findings()] == ["WEIGHT_SUM"]
    assert w.summary.fingerprint_label.text().startswith("指纹 ")


def test_second_start_does_not_seed_again(open_window, data_dir):
    w = open_window()
    form_id = w.doc.form_id
    w.delete_form(form_id, confirm=False)
    assert w.library_panel.model.rowCount() == 0
    close_window(w)
    w2 = open_window()
    assert w2.doc is None
    assert w2.library_panel.model.rowCount() == 0


def test_budget_rate_follows_typing_and_split_mismatch_is_marked(open_window, qtbot):
    w = open_window()
    w.tabs.setCurrentIndex(0)
    page = w.page
    field = page.fields["budget.source_fiscal.planned"]
    rate = page.computed["rate.source_fiscal"]
    assert rate.text() == "99.60"
    assert page.split_note.isHidden()
    retype(qtbot, field, "274023314.42")
    # 执行率 is computed as the person types, not when they leave the field.
    assert rate.text() == "100.00"
    assert w.doc.form.budget.row("source_fiscal").planned == Decimal("274023314.42")
    # Now 资金来源 and 资金结构 disagree: both totals are tinted and a line says by how much.
    assert page.split_note.isVisible()
    assert "1,089,384.46" in page.split_note.text()
    assert page.computed["sum.资金来源.planned"].property("problem") == "error"
    qtbot.waitUntil(lambda: "BUDGET_SPLIT" in [f.code for f in w.findings.findings()])
    assert field.property("problem") == "error"
    # The whole run of keystrokes is one undo step.
    assert w.doc.undo_stack.count() == 1
    w.undo_action.trigger()
    assert field.text() == "275,112,698.88"
    assert rate.text() == "99.60"
    assert page.split_note.isHidden()


def test_text_that_is_not_a_number_is_refused_with_a_reason(open_window, qtbot):
    w = open_window()
    w.tabs.setCurrentIndex(0)
    field = w.page.fields["budget.source_other.planned"]
    retype(qtbot, field, "12w")
    assert field.property("problem") == "error"
    assert "不是数字" in field.toolTip()
    # What was a number so far ("12") is kept; leaving the field puts the number back.
    assert w.doc.form.budget.row("source_other").planned == Decimal("12")
    w.page.fields["budget.source_other.actual"].setFocus()
    assert field.text() == "12.00"
    assert field.property("problem") != "error"
    assert "不是数字" in w.statusBar().currentMessage()
    # …and it is in sight: the summary bar shows the status bar's passing messages.
    assert "不是数字" in w.summary.message_label.text()


def test_header_edit_updates_title_and_autosaves(open_window, qtbot, data_dir):
    w = open_window()
    w.tabs.setCurrentIndex(0)
    unit = w.page.fields["header.unit"]
    unit.setFocus()
    unit.end(False)
    type_chinese(unit, "（测试）")
    assert w.doc.form.header.unit == UNIT + "（测试）"
    assert "（测试）" in w.windowTitle()
    assert w.isWindowModified() or w.doc.is_saved
    wait_saved(qtbot, w)
    assert "已保存" in w.windowTitle()
    assert not w.isWindowModified()
    # Saved to the library, which another reader sees.
    lib = open_library(data_dir, read_only=True)
    try:
        assert lib.load(w.doc.form_id).header.unit == UNIT + "（测试）"
    finally:
        lib.close()
    qtbot.waitUntil(lambda: "（测试）" in w.library_panel.model.data(w.library_panel.model.index(0)))


def test_goals_and_signoff_edits_are_undoable_and_kept(open_window, qtbot, data_dir):
    w = open_window()
    form_id = w.doc.form_id
    page = w.page
    goals = page.fields["goals.planned"]
    goals.setFocus()
    goals.moveCursor(goals.textCursor().MoveOperation.End)
    type_chinese(goals, "补充")
    assert w.doc.form.goals.planned.endswith("补充")
    sign = page.fields["signoff.1"]
    sign.setFocus()
    type_chinese(sign, "张三")
    assert w.doc.form.signoff.fields[1].value == "张三"
    # Ctrl+Z inside a field undoes through the form's history, not the field's own.
    qtbot.keyClick(sign, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.form.signoff.fields[1].value == ""
    assert sign.text() == ""
    qtbot.keyClick(sign, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert sign.text() == "张三"
    close_window(w)
    lib = open_library(data_dir)
    try:
        form = lib.load(form_id)
    finally:
        lib.close()
    assert form.goals.planned.endswith("补充")
    assert form.signoff.fields[1].value == "张三"


def test_header_finding_focuses_its_field(open_window, qtbot):
    w = open_window()
    unit = w.page.fields["header.unit"]
    w.tabs.setCurrentIndex(1)
    w.doc.set_attr(w.doc.form.header, "unit", "", "清空单位", "header")
    assert unit.text() == ""
    qtbot.waitUntil(lambda: any(f.code == "HEADER_UNIT" for f in w.findings.findings()))
    assert unit.property("problem") == "warning"
    row = [f.code for f in w.findings.findings()].index("HEADER_UNIT")
    w.findings.activate_row(row)
    assert w.tabs.currentIndex() == 0
    assert QApplication.focusWidget() is unit


def test_mark_final_makes_the_form_read_only_until_reopened(open_window, qtbot, monkeypatch):
    from perfgui.ui import window_library

    w = open_window()
    # The seed has errors: finalising it asks why, and the reason is kept with the form.
    asked = []
    monkeypatch.setattr(window_library, "ask_final_reason",
                        lambda parent, errors: asked.append(errors) or "按上级原表报送")
    w.action_set["mark_final"].trigger()
    assert asked and asked[0] > 0
    assert w.doc.form.status is Status.FINAL and w.doc.form.final_reason == "按上级原表报送"
    assert w.action_set["mark_final"].text() == "撤销定稿"
    assert w.page.fields["header.unit"].isReadOnly()
    assert w.banner.isVisible()
    # The person cannot type into a final form.
    assert not w.doc.set_attr(w.doc.form.header, "unit", "x", "改", "header")
    wait_saved(qtbot, w)
    summary = w.library.list()[0]
    assert summary.status == "final"
    w.undo_action.trigger()
    assert w.doc.form.status is Status.DRAFT
    assert not w.page.fields["header.unit"].isReadOnly()
    assert w.banner.isHidden()


def test_second_instance_is_read_only_and_says_so(open_window, data_dir):
    first = open_window()
    second = open_window()
    assert second.library.read_only
    assert second.banner.isVisible()
    assert "只读" in second.banner.label.text()
    assert second.doc is not None and not second.doc.editable
    assert second.page.fields["header.unit"].isReadOnly()
    assert not second.action_set["new_department"].isEnabled()
    assert "只读" in second.windowTitle()
    assert first.doc.editable


def test_library_notices_are_shown_once_in_the_banner(open_window):
    w = open_window()
    w.library.notices = ["表单 abc 的文件已损坏，已移到 damaged 文件夹，并从备份恢复。"]
    w._show_library_notices()
    assert w.banner.isVisible() and "已损坏" in w.banner.label.text()
    w.banner.button.click()
    assert w.banner.isHidden()


def test_year_is_committed_when_four_digits_are_typed_and_undo_shows_it_back(open_window, qtbot):
    w = open_window()
    w.tabs.setCurrentIndex(0)
    year = w.page.fields["header.year"]
    retype(qtbot, year, "202")
    assert w.doc.form.header.year == 2024  # "202" is not a year yet
    qtbot.keyClicks(year, "5")
    assert w.doc.form.header.year == 2025
    assert "2025年度" in w.windowTitle()
    assert w.page.year_label.text() == "（2025年度）"
    qtbot.keyClick(year, Qt.Key.Key_Backspace)
    qtbot.keyClick(year, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert w.doc.form.header.year == 2024
    assert year.text() == "2024"
