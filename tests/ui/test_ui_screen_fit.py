"""Windows fit the screen they open on, buttons always visible (issue 14, point 5).

The offscreen test screen is 800 × 800: a print preview opened at a fixed 900 × 1000 had its
buttons below the bottom of it, as on a 700 or 900 px high laptop screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout


def on_screen(widget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_print_preview_fits_the_screen_with_its_buttons_on_it(open_window, qtbot):
    from perfgui.ui.print_preview import PrintPreviewDialog

    w = open_window()
    dialog = PrintPreviewDialog(w._current_form(), w)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    avail = dialog.screen().availableGeometry()
    assert avail.contains(dialog.frameGeometry()), (dialog.frameGeometry(), avail)
    for button in (dialog.print_button, dialog.save_button, dialog.open_button):
        assert avail.contains(on_screen(button)), button.text()
    dialog.reject()


def test_any_dialog_larger_than_the_screen_is_shrunk_onto_it(open_window, qtbot):
    w = open_window()
    dialog = QDialog(w)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLineEdit())
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    layout.addWidget(buttons)
    dialog.resize(1300, 1500)  # as a module that never heard of small screens would ask
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    avail = dialog.screen().availableGeometry()
    assert avail.contains(dialog.frameGeometry())
    assert avail.contains(on_screen(buttons))


def test_at_1024x700_the_basic_page_shows_its_amounts_without_sideways_scrolling(open_window, qtbot):
    w = open_window()
    # Panels as wide as on the 1400 px screen the window was last used on.
    w.resizeDocks([w.library_dock, w.findings_dock], [290, 320], Qt.Orientation.Horizontal)
    w.resize(1024, 700)
    w.tabs.setCurrentIndex(0)
    page = w.page
    qtbot.waitUntil(lambda: page.widget() is not None and page.viewport().width() > 0)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: not page.horizontalScrollBar().isVisible(), timeout=3000)
    assert page.horizontalScrollBar().maximum() == 0
    for key in ("budget.source_fiscal.planned", "budget.source_fiscal.actual", "budget.struct_project.planned"):
        field = page.fields[key]
        shown = on_screen(field)
        assert on_screen(page.viewport()).contains(shown), key
        assert field.width() >= field.fontMetrics().horizontalAdvance(field.text()), key
