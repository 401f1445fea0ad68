"""Rule packs in the window: import a finance office's pack, start a form from it, move a form to
it (preview, one undo step), and the 基本信息 page and the assistant following the form's pack."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QMessageBox

from perfgui import packs
from perfgui.model import FormKind
from perfgui.model.serialize import to_dict
from perfgui.store import open_library
from perfgui.ui.pack_dialogs import ChangePackDialog, NewFormDialog
from tests.ui.conftest import close_window, type_chinese

NAME = "test-office-department"
TITLE = "某市 部门整体支出绩效自评表（预算执行10分）"

# An MOF-style 部门整体 pack with a 10-point budget block, 80/70/60 grades, truncation and a
# budget 原因 required below 90 %: everything differs from the shipped Shanghai pack.
OFFICE_PACK = f'''\
# A finance office's own pack, written for this test.
format = 1
name = "{NAME}"
version = "2025.1"
title = "{TITLE}"
place = "某市"
kind = "department"
years = [2023, 2030]
source = "某市财政局 2025 年通知附件（测试用）"

[layout]
title = "部门整体支出绩效自评表"
unit_label = "部门（单位）名称"
budget_title = "预算执行情况"
goals = ["年度绩效目标", "目标实际完成情况"]
indicator_title = "绩效指标（90分）"
signoff = ["部门负责人", "财务负责人", "填表人"]
budget_columns = [
  {{ key = "planned", label = "调整后预算数", width = 20 }},
  {{ key = "actual", label = "全年执行数", width = 20 }},
  {{ key = "points", label = "分值", width = 10 }},
  {{ key = "rate", label = "执行率", width = 12 }},
  {{ key = "score", label = "得分", width = 10 }},
  {{ key = "reason", label = "偏低原因", width = 28 }},
]
columns = [
  {{ key = "level1", width = 18 }},
  {{ key = "level2", width = 22 }},
  {{ key = "level3", width = 31 }},
  {{ key = "target", width = 20 }},
  {{ key = "actual", label = "实际完成值", width = 20 }},
  {{ key = "max", width = 12 }},
  {{ key = "score", width = 12 }},
  {{ key = "reason", label = "未完成原因和改进措施", width = 34 }},
]

[budget]
unit = "万元"
points = 10
rows = [
  {{ key = "source_fiscal", label = "财政拨款", group = "资金来源" }},
  {{ key = "source_other", label = "其他资金", group = "资金来源" }},
  {{ key = "struct_basic", label = "基本支出", group = "资金结构" }},
  {{ key = "struct_project", label = "项目支出", group = "资金结构" }},
]

[[template.sections]]
name = "产出指标"
weight = 50
groups = ["数量指标", "质量指标", "时效指标"]

[[template.sections]]
name = "效益指标"
weight = 30
groups = ["社会效益指标"]

[[template.sections]]
name = "满意度指标"
weight = 10
groups = ["服务对象满意度指标"]

[scoring]
rounding = "truncate"

[rules]
grades = [
  {{ min = 80, label = "优" }},
  {{ min = 70, label = "良" }},
  {{ min = 60, label = "中" }},
]
lowest = "差"
reason_when = ["below_max", "low_execution"]
low_execution = 90
reason_max = 100
'''


@pytest.fixture
def pack_file(tmp_path) -> Path:
    path = tmp_path / "office.toml"
    path.write_text(OFFICE_PACK, encoding="utf-8")
    return path


@pytest.fixture
def said(monkeypatch) -> list[tuple[str, str, str]]:
    """What the window told the person in message boxes: (kind, title, text)."""
    out: list[tuple[str, str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a, **k: out.append(("info", title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a, **k: out.append(("warning", title, text))
                        or QMessageBox.StandardButton.Ok)
    return out


def when_dialog_opens(qtbot, kind, act) -> list:
    """Run ``act(dialog)`` on the next modal dialog of ``kind`` once it is shown."""
    seen = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def wait_saved(qtbot, window):
    qtbot.waitUntil(lambda: window.doc is not None and window.doc.is_saved, timeout=5000)


def group_titles(page) -> list[str]:
    return [box.title() for box in page.findChildren(QGroupBox)]


def labels(widget) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


# -- 导入规则包 -----------------------------------------------------------------------------------
def test_a_bad_pack_is_refused_with_its_line_and_nothing_is_copied(open_window, tmp_path, said):
    w = open_window()
    bad = tmp_path / "bad.toml"
    text = OFFICE_PACK.replace("low_execution = 90\n", "low_execution = 90\nreason_minimum = 3\n")
    bad.write_text(text, encoding="utf-8")
    line = text.splitlines().index("reason_minimum = 3") + 1
    assert w.import_pack_file(bad) is None
    kind, title, message = said[-1]
    assert kind == "warning" and title == "无法导入规则包"
    assert f"第 {line} 行" in message and "reason_minimum" in message and "没有导入" in message
    assert not (w.library.folder / "packs").exists() or not list((w.library.folder / "packs").iterdir())
    # Not TOML at all: the line and column, and still nothing copied.
    bad.write_text('format = 1\nname = "x\n', encoding="utf-8")
    assert w.import_pack_file(bad) is None
    assert "第 2 行" in said[-1][2] and "TOML" in said[-1][2]
    assert [p.name for p in packs.available(w.library.folder)] == [p.name for p in packs.shipped()]


def test_a_good_pack_is_imported_and_says_which_and_whether_it_replaced_one(open_window, pack_file, said):
    w = open_window()
    imported = w.import_pack_file(pack_file)
    assert imported is not None
    kind, title, message = said[-1]
    assert kind == "info" and title == "已导入规则包"
    for part in (TITLE, NAME, "某市", "2023–2030", "新的规则包"):
        assert part in message
    copied = w.library.folder / "packs" / f"{NAME}.toml"
    assert copied.read_text(encoding="utf-8") == OFFICE_PACK
    assert NAME in [p.name for p in packs.available(w.library.folder)]
    # The same name again (a new version from the office): it replaces the old one, and says so.
    pack_file.write_text(OFFICE_PACK.replace('version = "2025.1"', 'version = "2025.2"'), encoding="utf-8")
    again = w.import_pack_file(pack_file)
    assert again is not None and again.replaced
    assert "替换了表单库中原有的同名规则包" in said[-1][2] and "2025.2" in said[-1][2]
    # The menu entries are where the person looks for them.
    file_menu = w.menus["file"].actions()
    assert w.action_set["import_pack"] in file_menu and w.action_set["change_pack"] in file_menu
    assert w.action_set["new_from_pack"] in w.menus["new"].actions()


# -- 新建 from a pack ------------------------------------------------------------------------------
def test_new_form_from_an_imported_pack_follows_its_layout_and_rules(open_window, pack_file, said, qtbot):
    w = open_window()
    w.import_pack_file(pack_file)
    # The dialog lists the packs by kind, the open form's kind's default selected.
    dialog = w.new_form_dialog()
    groups = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert groups == ["部门整体表单", "项目支出表单"]
    assert dialog.chosen().name == "shanghai-department"
    names = [dialog.tree.topLevelItem(0).child(j).data(0, 256) for j in range(dialog.tree.topLevelItem(0).childCount())]
    assert "shanghai-department" in names and NAME in names
    office_row = dialog.tree.topLevelItem(0).child(names.index(NAME))
    assert office_row.text(1) == "某市" and office_row.text(2) == "2023–2030" and "某市财政局" in office_row.text(3)
    dialog.close()

    def choose(d):
        assert d.select(NAME)
        assert "test-office-department" in d.details.text() and "某市财政局" in d.details.text()
        d.create_button.click()

    seen = when_dialog_opens(qtbot, NewFormDialog, choose)
    form_id = w.new_from_pack()
    assert seen and form_id is not None
    form = w.doc.form
    assert form.kind is FormKind.DEPARTMENT and form.pack == NAME
    assert [s.name for s in form.sections] == ["产出指标", "效益指标", "满意度指标"]
    assert [g.label for g in form.settings.grade_bands] == ["优", "良", "中"]
    assert form.settings.grade_bands[0].minimum == 80 and form.settings.rounding == "truncate"
    assert form.budget.points == 10 and form.budget.unit == "万元"
    # 基本信息 shows the pack's labels, the budget's 分值/得分 and its 原因.
    page = w.page
    assert w.tabs.currentIndex() == 0
    assert "预算执行情况（万元）" in group_titles(page)
    shown = labels(page)
    assert {"部门（单位）名称", "调整后预算数", "执行率(%)", "预算执行分值", "得分", "偏低原因",
            "年度绩效目标", "目标实际完成情况", "部门负责人", "财务负责人"} <= shown
    assert page.title_label.text() == "部门整体支出绩效自评表"
    assert "budget.points" in page.fields and "budget.reason" in page.fields and "budget.score" in page.computed
    assert TITLE in page.pack_line.text() and NAME in page.pack_line.text()
    # The budget scores as the pack says: 10 × 执行率, truncated.
    rows = {r.key: r for r in form.budget.rows}
    w.doc.set_attr(rows["source_fiscal"], "planned", Decimal("300"), "修改", "budget")
    w.doc.set_attr(rows["source_fiscal"], "actual", Decimal("200"), "修改", "budget")
    assert page.computed["budget.score"].text() == "6.66"  # 66.67 % of 10, truncated
    # The indicator table's headers are the pack's where it prints other labels.
    model = w.editor.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["指标", "权重", "年度指标值", "实际完成值", "分值", "得分", "未完成原因和改进措施"]
    # The existing 新建 actions keep the default packs.
    w.action_set["new_project"].trigger()
    assert w.doc.form.pack == "national-project" and w.doc.form.kind is FormKind.PROJECT
    assert "budget.reason" not in w.page.fields and "budget.points" in w.page.fields
    w.action_set["new_department"].trigger()
    assert w.doc.form.pack == "shanghai-department" and "budget.points" not in w.page.fields


def test_budget_reason_is_asked_for_below_the_threshold_and_undoes(open_window, pack_file, said, qtbot):
    w = open_window()
    w.import_pack_file(pack_file)
    w.new_form(FormKind.DEPARTMENT, packs.find(NAME, w.library.folder))
    doc, page = w.doc, w.page
    rows = {r.key: r for r in doc.form.budget.rows}
    for key, attr, text in (("source_fiscal", "planned", "300"), ("source_fiscal", "actual", "200")):
        field = page.fields[f"budget.{key}.{attr}"]
        field.setFocus()
        field.selectAll()
        qtbot.keyClicks(field, text)
    assert rows["source_fiscal"].actual == Decimal("200")
    doc.flush_findings()
    reason = page.fields["budget.reason"]
    missing = [f for f in doc.findings if f.code == "BUDGET_REASON_MISSING"]
    assert missing and reason.property("problem") == "error" and "低于 90%" in reason.toolTip()
    assert "90%" in reason.placeholderText()
    # The finding takes the person to the field.
    w.go_to_finding(missing[0])
    assert QApplication.focusWidget() is reason
    type_chinese(reason, "部分项目年底才完成招标")
    assert doc.form.budget.reason == "部分项目年底才完成招标"
    doc.flush_findings()
    assert not [f for f in doc.findings if f.code == "BUDGET_REASON_MISSING"]
    assert reason.property("problem") == ""
    assert w.undo_action.text().endswith("修改预算执行偏低原因")
    wait_saved(qtbot, w)
    assert w.library.load(doc.form_id).budget.reason == "部分项目年底才完成招标"
    w.undo_action.trigger()
    assert doc.form.budget.reason == "" and reason.text() == ""
    doc.flush_findings()
    assert [f for f in doc.findings if f.code == "BUDGET_REASON_MISSING"]
    w.redo_action.trigger()
    assert reason.text() == "部分项目年底才完成招标"
    wait_saved(qtbot, w)
    folder, form_id = w.library.folder, doc.form_id
    close_window(w)
    lib = open_library(folder)
    try:
        assert lib.load(form_id).budget.reason == "部分项目年底才完成招标"
    finally:
        lib.close()


# -- 更换规则包 ----------------------------------------------------------------------------------
def _score_by_the_old_rules(w):
    """Make one indicator's 得分 the old rules' suggestion where truncating gives less: 2/3 of 1."""
    doc = w.doc
    leaf = next(n for n in doc.form.root.scored_leaves() if n.name == "电梯加装完成率")
    doc.edit_node(leaf, "target", "≥3个")
    doc.edit_node(leaf, "actual", "2个")
    doc.edit_node(leaf, "score", Decimal("0.67"))
    return leaf


def test_change_pack_previews_then_applies_in_one_undo_step(open_window, pack_file, said, qtbot):
    w = open_window()
    w.import_pack_file(pack_file)
    doc = w.doc
    leaf = _score_by_the_old_rules(w)
    doc.flush_findings()
    before = to_dict(doc.form)
    steps = doc.undo_stack.index()
    old_budget, old_settings = doc.form.budget, doc.form.settings
    w.tabs.setCurrentIndex(0)
    assert "budget.points" not in w.page.fields

    def preview(d):
        assert "上海市 部门（单位）整体支出绩效自评表" in d.findChild(QLabel).text()
        assert d.select(NAME)
        change = d.change
        assert [c.path for c in change.leaves] == [leaf.path()]
        c = change.leaves[0]
        assert (c.score_before, c.score_after) == (Decimal("0.67"), Decimal("0.66"))
        path, score, _ = d.rows[0]
        assert path == leaf.path() and score == "0.67 → <b>0.66</b>"
        shown = d.table.toPlainText()
        assert leaf.path() in shown and "0.67 → 0.66" in shown
        # The weights plus the new budget points no longer add up to 100: a form-wide finding
        # appears, and the one about 95 goes.
        assert d.rows[-1][0] == "（整张表）"
        assert "＋ 一级指标权重合计 105.00" in shown and "－ 一级指标权重合计 95.00" in shown
        assert change.total_before != change.total_after
        assert f"{change.total_before:.2f} → <b>{change.total_after:.2f}</b>" in d.summary.text()
        assert "预算执行分值：不计分 → 10.00" in d.others.text()
        assert "签字栏：" in d.others.text()
        assert d.apply_button.isEnabled()
        d.apply_button.click()

    seen = when_dialog_opens(qtbot, ChangePackDialog, preview)
    assert w.change_pack()
    assert seen
    form = doc.form
    assert form.pack == NAME and form.settings.rounding == "truncate" and form.budget.points == 10
    assert leaf.score == Decimal("0.66")
    assert doc.undo_stack.index() == steps + 1
    assert w.undo_action.text() == f"撤销 更换规则包：{TITLE}"
    # The page follows at once: the budget is scored, the labels are the new pack's.
    assert "budget.points" in w.page.fields and "budget.reason" in w.page.fields
    assert "部门负责人" in labels(w.page) and TITLE in w.page.pack_line.text()
    assert TITLE in w.editor.assistant.pack_line.text()
    model = w.editor.model
    assert model.headerData(6, Qt.Orientation.Horizontal) == "未完成原因和改进措施"
    after = to_dict(form)
    wait_saved(qtbot, w)
    assert w.library.load(doc.form_id).pack == NAME

    assert "已更换为规则包" in w.statusBar().currentMessage()
    # One Ctrl+Z puts back the pack, rules, layout, budget, sign-off and score exactly.
    w.undo_action.trigger()
    assert w.statusBar().currentMessage() == ""
    assert to_dict(form) == before
    assert form.budget is old_budget and form.settings is old_settings
    assert "budget.points" not in w.page.fields and leaf.score == Decimal("0.67")
    assert "shanghai-department" in w.page.pack_line.text()
    assert model.headerData(6, Qt.Orientation.Horizontal) == "偏差及原因分析"
    wait_saved(qtbot, w)
    assert to_dict(w.library.load(doc.form_id)) == before
    w.redo_action.trigger()
    assert to_dict(form) == after
    # An edit of the new budget table, undone across the change and redone, still lands.
    row = form.budget.rows[0]
    field = w.page.fields[f"budget.{row.key}.planned"]
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "123")
    assert row.planned == Decimal("123")
    w.undo_action.trigger()
    w.undo_action.trigger()
    assert to_dict(form) == before
    w.redo_action.trigger()
    w.redo_action.trigger()
    assert form.budget.rows[0] is row and row.planned == Decimal("123")
    assert w.page.fields[f"budget.{row.key}.planned"].text() == "123.00"


def test_change_to_the_same_rules_says_no_change_and_cancel_changes_nothing(open_window, said, qtbot):
    w = open_window()
    doc = w.doc
    w.new_form(FormKind.PROJECT)
    doc = w.doc
    before = to_dict(doc.form)
    dialog = w.change_pack_dialog()
    assert dialog.select("national-project")
    assert "没有变化" in dialog.summary.text()
    assert not dialog.apply_button.isEnabled()
    assert dialog.table.isHidden()
    dialog.close()
    seen = when_dialog_opens(qtbot, ChangePackDialog, lambda d: d.reject())
    assert not w.change_pack()
    assert seen and to_dict(doc.form) == before and doc.undo_stack.count() == 0


def test_the_assistant_names_the_pack_and_the_formula(open_window, qtbot):
    w = open_window()
    view, model, assistant = w.editor.view, w.editor.model, w.editor.assistant
    leaf = next(n for n in w.doc.form.root.scored_leaves() if n.name == "电梯加装完成率")
    view.select_index(model.index_of(leaf, 0))
    qtbot.waitUntil(lambda: assistant.node is leaf)
    assert "上海市 部门（单位）整体支出绩效自评表" in assistant.pack_line.text()
    assert assistant.explanation.text()  # the formula it applied


def test_a_final_form_keeps_its_pack_and_a_pack_for_other_years_is_pointed_out(open_window, tmp_path, said):
    from perfgui.model import Status
    from perfgui.model.operations import default_year

    w = open_window()
    doc = w.doc
    assert w.action_set["change_pack"].isEnabled()
    doc.set_attr(doc.form, "status", Status.FINAL, "定稿", "status", mergeable=False)
    assert not w.action_set["change_pack"].isEnabled()
    # The link beside the pack on 基本信息 says why instead of changing anything.
    before = to_dict(doc.form)
    w.page.changePackRequested.emit()
    assert said[-1][1] == "更换规则包" and "撤销定稿" in said[-1][2]
    assert to_dict(doc.form) == before
    old = tmp_path / "old.toml"
    old.write_text(OFFICE_PACK.replace("years = [2023, 2030]", "years = [2019, 2020]"), encoding="utf-8")
    w.import_pack_file(old)
    dialog = w.new_form_dialog()
    assert dialog.select(NAME)
    assert f"适用于 2019–2020 年，新表单的年度为 {default_year()} 年" in dialog.details.text()
    assert dialog.select("shanghai-department") and "注意" not in dialog.details.text()


def test_the_pack_actions_speak_english(open_window):
    from perfgui.ui.i18n import install_translations

    app = QApplication.instance()
    translators = install_translations(app, "en")
    try:
        w = open_window()
        assert [w.action_set[n].text() for n in ("new_from_pack", "import_pack", "change_pack")] == [
            "New from Rule Pack…", "Import Rule Pack…", "Change Rule Pack…"]
    finally:
        for t in translators:
            app.removeTranslator(t)
