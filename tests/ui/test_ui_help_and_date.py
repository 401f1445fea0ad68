"""What users asked for next: a date picker for 填报日期 and a Chinese 填报说明 on F1 (issue 14)."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QTableView, QTextBrowser

from perfgui.resources import resource_path
from perfgui.ui.form_fields import DateField, format_date, parse_date


def date_field(w):
    w.tabs.setCurrentIndex(0)
    fields = w.page.fields
    key = next(k for k, f in fields.items() if k.startswith("signoff.") and f.accessibleName() == "填报日期")
    return key, fields[key]


def test_the_signoff_date_is_picked_from_a_calendar_and_undone_in_one_step(open_window, qtbot):
    w = open_window()
    key, field = date_field(w)
    assert isinstance(field, DateField)
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar
    assert calendar is not None and calendar.isVisible()
    calendar.setSelectedDate(QDate(2025, 3, 15))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # Enter on the calendar takes the day
    assert not calendar.isVisible()
    assert field.text() == "2025年3月15日"
    index = int(key.split(".")[1])
    assert w.doc.form.signoff.fields[index].value == "2025年3月15日"
    w.doc.save_and_wait()
    assert w.library.load(w.doc.form_id).signoff.fields[index].value == "2025年3月15日"
    w.undo_action.trigger()
    assert w.doc.form.signoff.fields[index].value != "2025年3月15日"
    # Opened again, the calendar starts on the day written in the field.
    field.setText("2024年12月31日")
    field.pick_action.trigger()
    assert field.calendar.selectedDate() == QDate(2024, 12, 31)
    field.calendar.hide()


def test_dates_are_read_as_staff_write_them():
    for text in ("2025年3月15日", "2025-03-15", "2025.3.15", "2025/3/15", " 2025 年 3 月 15 日 "):
        assert format_date(parse_date(text)) == "2025年3月15日", text
    for text in ("", "三月", "2025年13月1日", "2025-02-30"):
        assert parse_date(text) is None, text


def test_f1_opens_the_chinese_form_help_from_its_resource_file(open_window, qtbot):
    w = open_window()
    w.activateWindow()
    action = w.action_set["form_help"]
    assert action.shortcut().toString() == "F1"
    assert action in w.menus["help"].actions()
    qtbot.keyClick(w, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(w, "_form_help", None) is not None and w._form_help.isVisible())
    text = w._form_help.findChild(QTextBrowser).toPlainText()
    source = resource_path("help", "form_help.html").read_text(encoding="utf-8")
    assert "填报说明" in text and "权重合计应为 100" in text and "Ctrl+Shift+D" in text
    assert "权重合计应为 100" in source  # the text lives in the resource, not in the code
    avail = w._form_help.screen().availableGeometry()
    assert avail.contains(w._form_help.frameGeometry())
    # The shortcut list moved to Ctrl+F1 and still lists every action.
    assert w.action_set["shortcuts"].shortcut().toString() == "Ctrl+F1"
    w._form_help.close()
    assert QApplication.activeModalWidget() is None
