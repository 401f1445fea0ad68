"""填报说明 (F1): what the form is, the rules it is checked against, and the keys.

The text is a resource (``resources/help/form_help.html``) so that it can be corrected
without touching code; the window only shows it. One window per main window: F1 again
brings it to the front.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from ..resources import resource_path
from .screen_fit import fit_to_screen

HELP_FILE = ("help", "form_help.html")


def help_html() -> str:
    """The 填报说明 text; a short note if the resource is missing from a damaged install."""
    try:
        return resource_path(*HELP_FILE).read_text(encoding="utf-8")
    except OSError:
        return "<p>找不到填报说明文件（resources/help/form_help.html）：请重新安装本程序。</p>"


class FormHelpWindow(QDialog):
    """A non-modal window with the 填报说明: it can stay open beside the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("填报说明"))
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 720, 820)


def show_form_help(window: QWidget) -> FormHelpWindow:
    """Show (or bring forward) the window's 填报说明."""
    help_window = getattr(window, "_form_help", None)
    if help_window is None:
        help_window = window._form_help = FormHelpWindow(window)
    help_window.show()
    help_window.raise_()
    help_window.activateWindow()
    return help_window
