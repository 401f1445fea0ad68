"""Windows that fit the screen they open on, with their buttons always on it.

A dialog asks for a comfortable size (``fit_to_screen(dialog, 900, 1000)``); on a laptop with
a 700 or 900 px high screen it gets what the screen's available geometry (without the taskbar)
allows, centred on its parent. ``ScreenFit``, installed on the application, does the same for
every other window when it is first shown (message boxes, file dialogs, dialogs of other
modules), so no window ever opens with its buttons below the bottom of the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

MARGIN = 0.95  # share of the available height and width a window may take at most
# Windows and dialogs; not menus, tooltips and combo-box popups, which Qt places itself.
WINDOW_TYPES = (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet)
# Looked up once: the filter sees every event of the program, and a PySide enum lookup costs
# about as much again as the call into Python itself.
SHOW = QEvent.Type.Show


def available(widget: QWidget) -> QRect:
    """The available geometry of the screen ``widget`` (or its parent) is on."""
    anchor = widget.parentWidget().window() if widget.parentWidget() is not None else widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fitted(size: QSize, avail: QRect) -> QSize:
    return QSize(min(size.width(), int(avail.width() * MARGIN)), min(size.height(), int(avail.height() * MARGIN)))


def place(widget: QWidget, size: QSize) -> None:
    """Resize to ``size`` (shrunk to the screen) and keep the whole frame on the screen."""
    avail = available(widget)
    size = fitted(size, avail)
    widget.resize(size)
    parent = widget.parentWidget().window() if widget.parentWidget() is not None else None
    centre = parent.frameGeometry().center() if parent is not None and parent.isVisible() else avail.center()
    frame = widget.frameGeometry()
    extra_w, extra_h = frame.width() - widget.width(), frame.height() - widget.height()
    w, h = size.width() + max(0, extra_w), size.height() + max(0, extra_h)
    x = min(max(centre.x() - w // 2, avail.left()), avail.right() + 1 - w)
    y = min(max(centre.y() - h // 2, avail.top()), avail.bottom() + 1 - h)
    widget.move(max(x, avail.left()), max(y, avail.top()))


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """The size a window would like, as much of it as its screen has room for."""
    place(widget, QSize(width, height))


class ScreenFit(QObject):
    """Application event filter: a window larger than its screen is shrunk when first shown."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if (event.type() == SHOW and isinstance(obj, QWidget) and obj.isWindow()
                and obj.windowType() in WINDOW_TYPES):
            state = obj.windowState()
            if state & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
                return False
            if not obj.property("perfgui_fitted"):
                obj.setProperty("perfgui_fitted", True)
                avail = available(obj)
                if obj.frameGeometry().height() > avail.height() or obj.frameGeometry().width() > avail.width() \
                        or not avail.contains(obj.frameGeometry()):
                    place(obj, obj.size())
        return False


def install(app: QApplication | None = None) -> ScreenFit:
    """Install the filter once per application."""
    app = app or QApplication.instance()
    existing = getattr(app, "_perfgui_screen_fit", None)
    if existing is not None:
        return existing
    fit = ScreenFit(app)
    app.installEventFilter(fit)
    app._perfgui_screen_fit = fit
    return fit


class CentralRoom(QObject):
    """On a small screen the side panels give way to the page in the middle.

    Panel widths restored from a wide screen (or the defaults) can leave the 基本信息 page less
    room than its amounts need, so it scrolls sideways. Whenever the window is shown or resized
    the panels are narrowed, down to their own minimum, until ``page`` fits; a panel the person
    widens afterwards stays as wide as they made it.
    """

    def __init__(self, window, docks: list, page) -> None:
        super().__init__(window)
        self.window = window
        self.docks = docks
        self.page = page
        self._pending = False
        window.installEventFilter(self)
        page.installEventFilter(self)  # the 基本信息 tab brought to the front

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if (obj is self.window and event.type() in (QEvent.Type.Show, QEvent.Type.Resize)
                or obj is self.page and event.type() == QEvent.Type.Show) and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self.make_room)  # after the window has laid out its new size
        return False

    def shortfall(self) -> int:
        """How many pixels the page's content is wider than the room it has."""
        content = self.page.widget()
        if content is None:
            return 0
        bar = self.page.verticalScrollBar()
        # The vertical scroll bar may appear only once the page is laid out: count it already.
        later = 0 if bar.isVisible() else bar.sizeHint().width()
        return max(0, content.minimumSizeHint().width() + later - self.page.viewport().width())

    def make_room(self) -> None:
        self._pending = False
        missing = self.shortfall()
        docks = [d for d in self.docks if d.isVisible() and not d.isFloating()]
        if not missing or not docks:
            return
        widths = [d.width() for d in docks]
        spare = [max(0, w - d.minimumSizeHint().width()) for d, w in zip(docks, widths)]
        total = sum(spare)
        if not total:
            return
        take = min(missing, total)
        new = [w - (s * take + total - 1) // total for w, s in zip(widths, spare)]
        self.window.resizeDocks(docks, new, Qt.Orientation.Horizontal)
