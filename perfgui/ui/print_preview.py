"""Print preview of the real PDF, printing through the system dialog, saving and opening it.

The preview shows exactly the bytes ``perfgui.report.render_pdf`` makes (in ``QPdfView``), so
what is printed, saved or opened in the system viewer is what was seen. Rendering runs on a
worker thread with a busy indicator. The form's status decides the 草稿 mark. Before any output
the person sees the warnings every export gives too (``report.output_warnings``: a draft, and
characters no font has, which print as □).
"""

from __future__ import annotations

import datetime
import re
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QPointF, QRectF, QRunnable, QSize, Qt,
    QThreadPool, QUrl, Signal,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QBoxLayout, QButtonGroup, QComboBox, QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QProgressBar,
    QPushButton, QRadioButton, QSpinBox, QStackedWidget, QVBoxLayout, QWidget,
)

from ..fileio import WriteError, atomic_write_bytes
from .export_actions import confirm_warnings
from ..model import Form, Status
from ..model.stamp import Saved
from ..report import REPLACEMENT, describe_chars, has_errors, missing_glyphs, output_warnings, render_pdf
from .screen_fit import available, fit_to_screen

MAX_PRINT_DPI = 600  # page images sent to the printer are rendered at most this fine
NARROW_SCREEN = 1000  # px: below this the preview's controls take two rows


def _tr(text: str) -> str:
    """Translation for the module-level functions (context: PrintPreviewDialog)."""
    return QCoreApplication.translate("PrintPreviewDialog", text)


# -- printing the PDF's pages ----------------------------------------------------------------
def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of ``document`` onto ``printer`` as an image at its resolution; returns pages."""
    count = document.pageCount()
    if count <= 0:
        return 0
    first = document.pagePointSize(0)
    from PySide6.QtGui import QPageLayout

    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageOrientation(QPageLayout.Orientation.Landscape if first.width() > first.height()
                               else QPageLayout.Orientation.Portrait)
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_tr("无法开始打印：打印机不可用或已取消。"))
    try:
        for i in range(count):
            if i:
                printer.newPage()
            size = document.pagePointSize(i)
            image = document.render(i, QSize(round(size.width() * dpi / 72), round(size.height() * dpi / 72)))
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2,
                                     w, h), image)
    finally:
        painter.end()
    return count


def load_document(data: bytes, parent: QObject | None = None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over PDF bytes (keep the buffer alive as long as the document)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def print_form(form: Form, parent: QWidget | None = None, *, saved: Saved | None = None) -> bool:
    """Straight to the system print dialog (after the draft and glyph warnings).

    ``saved`` is the library revision ``form`` is (its saved time and number are printed).
    """
    if not confirm_warnings(parent, output_warnings(form)):
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    document, _buffer = load_document(render_pdf(form, saved=saved))
    return _print_waiting(document, printer, parent)


def _print_waiting(document: QPdfDocument, printer: QPrinter, parent: QWidget | None) -> bool:
    """Print with a wait cursor; a failure is shown to the person, never raised."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        print_document(document, printer)
    except OSError as exc:
        error = str(exc)
    else:
        error = None
    finally:
        QGuiApplication.restoreOverrideCursor()
    if error:
        QMessageBox.critical(parent, _tr("打印"), error)
        return False
    return True


# -- the dialog --------------------------------------------------------------------------------
class _RenderSignals(QObject):
    done = Signal(int, bytes)
    failed = Signal(int, str)


class _RenderJob(QRunnable):
    def __init__(self, serial: int, form: Form, options: dict, signals: _RenderSignals) -> None:
        super().__init__()
        self.serial, self.form, self.options, self.signals = serial, form, options, signals

    def run(self) -> None:
        try:
            data = render_pdf(self.form, **self.options)
        except Exception as exc:  # shown to the person; a traceback would help nobody here
            self._emit(self.signals.failed, str(exc))
            return
        self._emit(self.signals.done, data)

    def _emit(self, signal, payload) -> None:
        try:
            signal.emit(self.serial, payload)
        except RuntimeError:
            pass  # the dialog was destroyed meanwhile: nobody is waiting for this PDF


class PrintPreviewDialog(QDialog):
    """The PDF as it will print, with orientation, draft mark, print, save and open."""

    def __init__(self, form: Form, parent: QWidget | None = None, *, saved: Saved | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.saved = saved  # the library revision shown: its saved time, not today, is printed
        self.issued = datetime.date.today()
        self.errors = has_errors(form)
        self.missing = missing_glyphs(form)
        self._warned = False  # the warnings were shown (once per dialog)
        self._serial = 0
        self._data: bytes = b""
        self._data_key: tuple | None = None
        self._buffer: QBuffer | None = None
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _RenderSignals(self)
        self._signals.done.connect(self._rendered)
        self._signals.failed.connect(self._render_failed)

        self.setWindowTitle(self.tr("打印预览 — %1").replace("%1", form.display_name()))
        fit_to_screen(self, 900, 1000)  # a 700 px high laptop screen still shows the buttons
        self.document = QPdfDocument(self)
        self._build()
        self.render()

    # -- widgets ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.portrait = QRadioButton(self.tr("纵向"))
        self.landscape = QRadioButton(self.tr("横向"))
        self.portrait.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.portrait)
        group.addButton(self.landscape)
        self.landscape.toggled.connect(lambda _: self.render())
        # 宋体 (SimSun), which official forms use, when Windows has it; the bundled font always.
        self.font_box = QComboBox()
        from ..report.fonts import BUNDLED, SERIF, windows_simsun

        if windows_simsun() is not None:
            self.font_box.addItem(self.tr("宋体（系统字体）"), None)
        self.font_box.addItem(self.tr("文泉驿微米黑（内置字体）"), BUNDLED)
        # For PCs without SimSun: a serif (明体) face like the 宋体 official forms are printed in.
        self.font_box.addItem(self.tr("AR PL 明体（内置宋体风格字体）"), SERIF)
        self.font_box.setToolTip(self.tr("打印字体。系统字体缺少的字由内置字体补齐。"))
        self.font_box.currentIndexChanged.connect(self._font_changed)
        self.prev_button = QPushButton(self.tr("上一页"))
        self.next_button = QPushButton(self.tr("下一页"))
        self.page_box = QSpinBox()
        self.page_box.setMinimum(1)
        self.page_count_label = QLabel()
        self.fit_width = QPushButton(self.tr("适合宽度"))
        self.fit_page = QPushButton(self.tr("整页"))
        self.prev_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_box.valueChanged.connect(lambda v: self.go_to_page(v - 1))
        self.fit_width.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth))
        self.fit_page.clicked.connect(lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView))
        options, pages = QHBoxLayout(), QHBoxLayout()
        for w in (self.portrait, self.landscape, QLabel(self.tr("字体：")), self.font_box):
            options.addWidget(w)
        options.addStretch(1)
        pages.addStretch(1)
        for w in (self.prev_button, self.page_box, self.page_count_label, self.next_button,
                  self.fit_width, self.fit_page):
            pages.addWidget(w)
        bar.addLayout(options)
        bar.addLayout(pages)
        if available(self).width() < NARROW_SCREEN:
            bar.setDirection(QBoxLayout.Direction.TopToBottom)  # options above the page buttons
        layout.addLayout(bar)

        self.stack = QStackedWidget()
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(QLabel(self.tr("正在生成 PDF…")), 0, Qt.AlignmentFlag.AlignHCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        busy_layout.addWidget(self.progress)
        busy_layout.addStretch(1)
        self.stack.addWidget(busy)
        self.stack.addWidget(self.view)
        layout.addWidget(self.stack, 1)

        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info)

        buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.open_button = QPushButton(self.tr("用系统程序打开"))
        close = QPushButton(self.tr("关闭"))
        self.print_button.clicked.connect(self.print_pdf)
        self.save_button.clicked.connect(self.save_as)
        self.open_button.clicked.connect(self.open_external)
        close.clicked.connect(self.reject)
        for w in (self.print_button, self.save_button, self.open_button):
            buttons.addWidget(w)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.print_button.setDefault(True)

    # -- state -----------------------------------------------------------------------------
    def print_font(self) -> str | None:
        return self.font_box.currentData()

    def options(self) -> dict:
        return {"landscape": self.landscape.isChecked(), "issued": self.issued, "print_font": self.print_font(),
                "saved": self.saved}

    def _key(self, options: dict) -> tuple:
        return (options["landscape"], options["issued"], options["print_font"])

    def _font_changed(self, _index: int) -> None:
        self.missing = missing_glyphs(self.form, print_font=self.print_font())
        self._warned = False
        self.render()

    def pdf_bytes(self) -> bytes:
        """The PDF for the current options (rendered now if the preview is not up to date)."""
        options = self.options()
        if self._data_key != self._key(options):
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self._show(render_pdf(self.form, **options), self._key(options))
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self._data

    def is_busy(self) -> bool:
        return self.stack.currentIndex() == 0

    def render(self) -> None:
        """Render the PDF for the current options on the worker thread."""
        self._serial += 1
        self.stack.setCurrentIndex(0)
        self._set_outputs_enabled(False)
        self._pool.start(_RenderJob(self._serial, self.form, self.options(), self._signals))

    def _rendered(self, serial: int, data: bytes) -> None:
        if serial != self._serial:
            return  # an older request; a newer one is on its way
        self._show(data, self._key(self.options()))

    def _render_failed(self, serial: int, message: str) -> None:
        if serial != self._serial:
            return
        self.stack.setCurrentIndex(1)
        self.info.setText(self.tr("无法生成 PDF：%1").replace("%1", message))

    def _show(self, data: bytes, key: tuple) -> None:
        page = self.current_page()
        old = self._buffer
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(data))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self._data, self._data_key = data, key
        count = self.document.pageCount()
        self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(1, count))
        self.page_box.blockSignals(False)
        self.page_count_label.setText(self.tr("共 %1 页").replace("%1", str(count)))
        self.stack.setCurrentIndex(1)
        self._set_outputs_enabled(count > 0)
        self.go_to_page(min(page, count - 1))
        self._update_info()

    def _update_info(self) -> None:
        from ..model.serialize import fingerprint

        fp = fingerprint(self.form)
        if self.form.status is not Status.FINAL:
            text = self.tr("草稿：每页印有“草稿”水印；定稿后打印即为正式版本。页脚印有表单指纹 %1。").replace("%1", fp)
            if self.errors:
                text += self.tr("表单仍有 %1 个错误。").replace("%1", str(self.errors))
        else:
            text = self.tr("正式稿：每页印有表单指纹 %1 和二维码，可用“核对纸质版”与保存的版本核对。").replace("%1", fp)
        if self.missing:
            text += "\n" + self.tr("注意：以下字符没有可用字体，将打印为“%1”：%2").replace(
                "%1", REPLACEMENT).replace("%2", describe_chars(self.missing))
        self.info.setText(text)

    def _set_outputs_enabled(self, enabled: bool) -> None:
        for w in (self.print_button, self.save_button, self.open_button):
            w.setEnabled(enabled)

    # -- pages -----------------------------------------------------------------------------
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        count = self.document.pageCount()
        if count <= 0:
            return
        page = max(0, min(count - 1, page))
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())
        self._page_changed(page)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.prev_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.document.pageCount() - 1)

    # -- output ----------------------------------------------------------------------------
    def confirm_output(self) -> bool:
        """The draft and glyph warnings printing and exporting share, once per dialog."""
        if self._warned:
            return True
        ok = confirm_warnings(self, output_warnings(self.form, print_font=self.print_font()))
        self._warned = ok
        return ok

    def print_pdf(self) -> bool:
        if not self.confirm_output():
            return False
        self.pdf_bytes()  # brings the preview up to date with the choice just made
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.form.display_name())
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        return self.print_to(printer)

    def print_to(self, printer: QPrinter) -> bool:
        """Send the previewed PDF's pages to a printer that is already set up."""
        self.pdf_bytes()
        return _print_waiting(self.document, printer, self)

    def default_file_name(self) -> str:
        name = re.sub(r'[\\/:*?"<>|\s]+', "_", self.form.display_name()).strip("_")
        return f"{name or '绩效自评表'}.pdf"

    def save_as(self) -> Path | None:
        if not self.confirm_output():
            return None
        path, _ = QFileDialog.getSaveFileName(self, self.tr("另存为 PDF"), self.default_file_name(),
                                              self.tr("PDF 文件 (*.pdf)"))
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            atomic_write_bytes(target, self.pdf_bytes())
        except WriteError as exc:
            QMessageBox.critical(self, self.tr("另存为 PDF"), exc.message)
            return None
        return target

    def open_external(self) -> Path | None:
        if not self.confirm_output():
            return None
        folder = Path(tempfile.gettempdir()) / "perfgui-print"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / self.default_file_name()
            atomic_write_bytes(target, self.pdf_bytes())
        except (OSError, WriteError) as exc:
            message = exc.message if isinstance(exc, WriteError) else str(exc)
            QMessageBox.critical(self, self.tr("用系统程序打开"), message)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(target))):
            QMessageBox.warning(self, self.tr("用系统程序打开"),
                                self.tr("没有找到可以打开 PDF 的程序。文件已保存在：%1").replace("%1", str(target)))
        return target

    def done(self, result: int) -> None:
        self._pool.waitForDone()
        super().done(result)
