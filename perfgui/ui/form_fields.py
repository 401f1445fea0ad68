"""Input fields bound to one attribute of the form; every edit goes through the undo stack.

A field pushes a command as the person types (consecutive edits of one field merge into one
command) and, when the document changes under it (undo, redo), takes the model's value back
without pushing anything. Ctrl+Z inside a field undoes through the window's stack, not the
field's private one, so there is one history for the whole form.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QPlainTextEdit, QStyle, QWidget

from ..model import fmt2, fmt_money, parse_decimal
from ..model.numbers import BOUNDS, bound_problem

YEAR_MIN, YEAR_MAX = int(BOUNDS["year"].low), int(BOUNDS["year"].high)


class UndoKeyFilter(QObject):
    """Lets Ctrl+Z / Ctrl+Y reach the window's undo actions instead of a field's own undo."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ShortcutOverride:
            if (event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
                    or (event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier)):
                event.ignore()
                return True
        return False


def set_problem(widget: QWidget, level: str | None, tooltip: str = "") -> None:
    """Tint a field that has a finding (``level`` "error"/"warning", or None to clear)."""
    value = level or ""
    if widget.property("problem") != value:
        widget.setProperty("problem", value)
        widget.style().unpolish(widget)
        widget.style().polish(widget)
    widget.setToolTip(tooltip)


class BoundField:
    """What the fields share: the document, the target object and attribute, a label."""

    doc: Any
    target: Any
    attr: str
    label: str
    section: str
    also: tuple

    def _bind(self, doc, target, attr: str, label: str, section: str, also: tuple = ()) -> None:
        self.doc = doc
        self.target = target
        self.attr = attr
        self.label = label
        self.section = section
        self.also = also
        self._syncing = False

    def commit(self, value) -> None:
        if self._syncing:
            return
        self.doc.set_attr(self.target, self.attr, value, f"修改{self.label}", self.section, also=self.also)

    def model_value(self):
        return getattr(self.target, self.attr)


class TextField(QLineEdit, BoundField):
    def __init__(self, doc, target, attr: str, label: str, section: str, also: tuple = (),
                 parent: QWidget | None = None) -> None:
        QLineEdit.__init__(self, parent)
        self._bind(doc, target, attr, label, section, also)
        self.setAccessibleName(label)
        self.textEdited.connect(self.commit)
        self.refresh()

    def refresh(self) -> None:
        value = self.model_value() or ""
        if self.text() != value:
            self._syncing = True
            self.setText(value)
            self._syncing = False


DATE_PATTERN = re.compile(r"^\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?\s*$")


def parse_date(text: str) -> _dt.date | None:
    """A date as staff write it: 2025年3月15日, 2025-03-15, 2025.3.15, 2025/3/15 (else None)."""
    m = DATE_PATTERN.match(text or "")
    if not m:
        return None
    try:
        return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def format_date(day: _dt.date) -> str:
    """The way the date is printed on the form: 2025年3月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


class DateField(TextField):
    """填报日期: typed freely like any text, or picked from a calendar (the button, or Alt+Down)."""

    def __init__(self, doc, target, attr: str, label: str, section: str, parent: QWidget | None = None) -> None:
        super().__init__(doc, target, attr, label, section, parent=parent)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.pick_action = self.addAction(icon, QLineEdit.ActionPosition.TrailingPosition)
        self.pick_action.setToolTip(self.tr("选择日期（Alt+↓）"))
        self.pick_action.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.AltModifier:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> QCalendarWidget | None:
        if self.isReadOnly():
            return None
        if self.calendar is None:
            self.calendar = QCalendarWidget(self)
            self.calendar.setWindowFlags(Qt.WindowType.Popup)
            self.calendar.setGridVisible(True)
            self.calendar.clicked.connect(self.pick)
            self.calendar.activated.connect(self.pick)
        day = parse_date(self.text()) or _dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.calendar.adjustSize()
        self.calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.show()
        self.calendar.setFocus()
        return self.calendar

    def pick(self, day: QDate) -> None:
        """Take the chosen day, as if it had been typed (one undoable change)."""
        text = format_date(_dt.date(day.year(), day.month(), day.day()))
        if self.calendar is not None:
            self.calendar.hide()
        if text != self.text():
            self.setText(text)
            self.commit(text)
        self.setFocus()


# The widest amount a field must show whole: a budget of billions of 元.
WIDEST_MONEY = "8,888,888,888.88"


def fit_money(widget: QLineEdit) -> None:
    """Keep a money cell wide enough for the whole amount: a narrow cell drops leading digits."""
    widget.setMinimumWidth(widget.fontMetrics().horizontalAdvance(WIDEST_MONEY) + 16)


class DecimalField(QLineEdit, BoundField):
    """A money or points figure: typed freely, kept exact, shown with two decimals."""

    def __init__(self, doc, target, attr: str, label: str, section: str, *, money: bool = True,
                 parent: QWidget | None = None) -> None:
        QLineEdit.__init__(self, parent)
        self._bind(doc, target, attr, label, section)
        self.money = money
        self.valid = True
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if money:
            fit_money(self)
        self.setAccessibleName(label)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finished)
        self.refresh()

    def _format(self, value: Decimal | None) -> str:
        return fmt_money(value) if self.money else fmt2(value)

    def _edited(self, text: str) -> None:
        if not text.strip():
            self._set_valid(True)
            self.commit(None)
            return
        value = parse_decimal(text)
        kind = "money" if self.money else "points"  # 预算执行分值 is points: 0 to 100
        problem = bound_problem(kind, value, self.label) if value is not None else ""
        if value is None or problem:
            self._set_valid(False, problem)
            return
        self._set_valid(True)
        self.commit(value)

    def _set_valid(self, valid: bool, problem: str = "") -> None:
        if valid != self.valid or problem:
            self.valid = valid
            set_problem(self, None if valid else "error",
                        "" if valid else (f"{problem}。" if problem else
                                          f"“{self.text()}”不是数字：请填写金额，如 1234567.89。"))

    def _finished(self) -> None:
        if not self.valid:
            # Leaving the field with text that is not a number: keep the last good value and
            # say so, rather than leave a cell that shows one thing and counts another.
            bad = self.text()
            self._set_valid(True)
            self._show(self.model_value())
            window = self.window()
            status = getattr(window, "statusBar", None)
            if callable(status):
                status().showMessage(f"“{bad}”不是数字，{self.label}仍为 {self.text() or '空'}。", 6000)
            return
        self._show(self.model_value())

    def _show(self, value) -> None:
        text = self._format(value)
        if self.text() != text:
            self._syncing = True
            self.setText(text)
            self._syncing = False

    def refresh(self) -> None:
        value = self.model_value()
        if not self.valid or parse_decimal(self.text()) != value or (value is None and self.text().strip()):
            self._set_valid(True)
            self._show(value)


class YearField(QLineEdit, BoundField):
    """The year: committed once four digits in a sensible range are typed.

    Anything else is marked while typed and, when the person leaves the field, the year in
    the form is put back with a message in the status bar saying what a year looks like.
    """

    def __init__(self, doc, target, attr: str, label: str, section: str,
                 parent: QWidget | None = None) -> None:
        QLineEdit.__init__(self, parent)
        self._bind(doc, target, attr, label, section)
        self.problem = ""  # what is wrong with the text being typed ("" when it is a year)
        self.setMaxLength(4)
        self.setPlaceholderText("如 2024")
        self.setAccessibleName(label)
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(self._finished)
        self.refresh()

    @staticmethod
    def judge(text: str) -> str:
        """Why ``text`` is not a year, or "" when it is one (or empty)."""
        if not text:
            return ""
        if not (text.isdigit() and len(text) == 4):
            return "年度应为四位数字，如 2024"
        if not YEAR_MIN <= int(text) <= YEAR_MAX:
            return f"年度应在 {YEAR_MIN} 到 {YEAR_MAX} 之间，如 2024"
        return ""

    def _edited(self, text: str) -> None:
        text = text.strip()
        self._set_problem(self.judge(text))
        if not text:
            self.commit(None)
        elif not self.problem:
            self.commit(int(text))

    def _set_problem(self, problem: str) -> None:
        if problem != self.problem:
            self.problem = problem
            set_problem(self, "error" if problem else None,
                        f"“{self.text().strip()}”不是有效的年度：{problem}。" if problem else "")

    def _finished(self) -> None:
        if self.problem:
            bad, why = self.text().strip(), self.problem
            self._set_problem("")
            self.refresh_force()
            window = self.window()
            status = getattr(window, "statusBar", None)
            if callable(status):
                status().showMessage(f"“{bad}”不是有效的年度：{why}。{self.label}仍为 {self.text() or '空'}。", 8000)
            return
        self.refresh_force()

    def refresh(self) -> None:
        # Called after the form changed (undo, redo, this field's own commit): show the model.
        self._set_problem("")
        self.refresh_force()

    def refresh_force(self) -> None:
        value = self.model_value()
        text = str(value) if value is not None else ""
        if self.text() != text:
            self._syncing = True
            self.setText(text)
            self._syncing = False


class PlainTextField(QPlainTextEdit, BoundField):
    """Long prose (年度总体目标)."""

    def __init__(self, doc, target, attr: str, label: str, section: str,
                 parent: QWidget | None = None) -> None:
        QPlainTextEdit.__init__(self, parent)
        self._bind(doc, target, attr, label, section)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setAccessibleName(label)
        self.textChanged.connect(lambda: self.commit(self.toPlainText()))
        self.refresh()

    def refresh(self) -> None:
        value = self.model_value() or ""
        if self.toPlainText() != value:
            self._syncing = True
            self.setPlainText(value)
            self._syncing = False
