"""What the window does with files: import by dialog, argument or drop; print and export.

A mixin of ``MainWindow``. Printing and exporting live in other modules (ReportLab, openpyxl
behind them), imported when first used so the window starts without them.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..model.form import new_id
from ..model.serialize import from_dict, to_dict
from ..readers.sources import SUFFIXES
from .open_filter import OPEN_FILTER
from .window_library import form_key

log = logging.getLogger(__name__)



class FileOperations:
    """File, print and export actions of the main window."""

    def choose_and_import(self) -> None:
        if not self._guard_writable():
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("打开表单文件"),
                                              self.settings.last_folder("open"), OPEN_FILTER)
        if path:
            self.settings.set_last_folder("open", path)
            self.import_file(path)

    def import_file(self, path: str | os.PathLike, *, confirm: bool = True) -> str | None:
        """Read a file into the library and open it; returns the form's id (None if not)."""
        from ..exchange.errors import ImportFailed
        from ..exchange.files import refuse_out_of_bounds
        from ..exchange.sandbox import ImportCancelled
        from .import_progress import read_file

        p = Path(path)
        log.info("importing %s", p)
        try:
            result = read_file(self, p)  # a worker process, with progress and 取消
            form, guesses = result.form, result.guesses
            # Before it is shown, confirmed or stored: nothing out of bounds enters the window.
            refuse_out_of_bounds(form, p.name)
        except ImportCancelled:
            self.statusBar().showMessage(self.tr("已取消导入“%1”").replace("%1", p.name), 5000)
            return None
        except ImportFailed as exc:
            log.info("import of %s refused: %s", p, exc)
            self._error(self.tr("无法导入文件"), str(exc))
            return None
        except Exception as exc:  # an unexpected reader failure must not take the window down
            log.exception("import of %s failed", p)
            self._error(self.tr("无法导入文件"), self.tr("读取“%1”时出错：%2").replace("%1", p.name).replace("%2", str(exc)))
            return None
        if getattr(self.library, "read_only", False):
            # Nothing can be stored: show it, read-only.
            self.show_form(form)
            return form.id
        if self.library.exists(form.id):
            if not confirm:
                return form.id if self.open_form(form.id) else None
            box = QMessageBox(QMessageBox.Icon.Question, self.tr("表单已在库中"),
                              self.tr("表单库中已有这张表单（%1）。\n打开库中的表单，还是把文件作为一张新表单导入？")
                              .replace("%1", form.display_name()), parent=self)
            open_button = box.addButton(self.tr("打开库中的表单"), QMessageBox.ButtonRole.AcceptRole)
            new_button = box.addButton(self.tr("导入为新表单"), QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.exec()
            if box.clickedButton() is open_button:
                return form.id if self.open_form(form.id) else None
            if box.clickedButton() is not new_button:
                return None
            form.id = new_id()
        if guesses and confirm:
            from .import_preview import ImportPreviewDialog

            dialog = ImportPreviewDialog(p.name, result, self)
            if dialog.exec() != ImportPreviewDialog.DialogCode.Accepted:
                return None
        # After the confirm view: a corrected kind or year decides which twin there may be.
        if confirm and not self.confirm_no_twin(form_key(form), self.tr("导入为新表单")):
            return None
        self._flush()
        try:
            form_id = self.library.create(form, note=f"从文件“{p.name}”导入")
        except Exception as exc:
            self._error(self.tr("无法导入文件"), str(exc))
            return None
        self.library_panel.set_trash_mode(False)
        self.library_panel.refresh()
        self.open_form(form_id)
        self.statusBar().showMessage(self.tr("已导入“%1”").replace("%1", p.name), 5000)
        return form_id

    def open_target(self, target: str) -> bool:
        """``main.py FILE`` or ``main.py ID``: a file is imported, an id is opened."""
        from ..targets import FILE, STORED, MissingFile, classify, not_found

        try:
            named = classify(target)
        except MissingFile as exc:
            self._error(self.tr("无法打开"), str(exc))
            return False
        if named.kind == FILE:
            return self.import_file(named.path) is not None
        if named.kind == STORED:
            return self.open_stored(named.form_id)
        self._error(self.tr("无法打开"), not_found(target))
        return False

    def open_stored(self, form_id: str) -> bool:
        """Open the stored form ``form_id``, or say that there is no such file or form."""
        from ..targets import not_found

        try:
            exists = self.library.exists(form_id)
        except Exception:
            exists = False
        if exists:
            return self.open_form(form_id)
        self._error(self.tr("无法打开"), not_found(form_id))
        return False

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if self._dropped_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        files = self._dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        # Import after the drop returns so the file manager is not left waiting on a dialog.
        QTimer.singleShot(0, lambda: [self.import_file(f) for f in files])

    @staticmethod
    def _dropped_files(mime) -> list[str]:
        if not mime.hasUrls():
            return []
        return [u.toLocalFile() for u in mime.urls()
                if u.isLocalFile() and Path(u.toLocalFile()).suffix.lower() in SUFFIXES]

    # == printing, exporting (other modules, imported when first used) =======================
    def _current_form(self):
        """A copy of the open form for printing and exporting: those may work on it in a thread
        (rendering a PDF) while the person goes on editing the original."""
        if self.doc is None or not self.commit_pending_edit():
            return None
        self.doc.flush_findings()
        return from_dict(to_dict(self.doc.form))

    def _selected_form(self):
        """A copy of the form selected in the library (the open one, with its latest edits, when
        that is the one selected): what export and e-mail work on."""
        form_id = self.selected_form_id()
        if form_id is None:
            return None
        if self.doc is not None and self.doc.form_id == form_id:
            return self._current_form()
        try:
            return self.library.load(form_id)
        except Exception as exc:
            self._error(self.tr("无法打开表单"), str(exc))
            return None

    def _with_revision(self, form):
        """``(form, saved)``: a copy about to be printed or exported and the saved revision it is.

        The stamp is the one the command line's ``export`` prints for the stored form: the saved
        time in the footer and as the PDF's date, the revision in the footer and the QR code. What
        was typed a moment ago is saved first. A copy that is no saved revision (the save failed,
        or a read-only library does not hold the form) would carry the print date and no revision:
        the person is told so and chooses. None when there is no form or the person stops.
        """
        if form is None:
            return None
        from ..exchange.outputs import saved_of
        from ..store import StoreError

        reason = ""
        if self.doc is not None and self.doc.form_id == form.id and not self.doc.save_and_wait():
            reason = self.doc.last_error or self.tr("表单还没有保存")
        if not reason and self.library is not None:
            try:
                return form, saved_of(self.library, form.id)
            except StoreError:
                pass
        reason = reason or self.tr("这张表单不在表单库中")
        answer = QMessageBox.question(
            self, self.tr("表单没有保存"),
            self.tr("%1。\n\n现在打印或导出，PDF 页脚印的是打印日期（今天）而不是保存时间，二维码和 Excel 文件中"
                    "也没有版本号：纸质版无法与表单库中保存的版本对应。\n\n仍要继续吗？").replace("%1", reason.rstrip("。")),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return (form, None) if answer == QMessageBox.StandardButton.Yes else None

    def export_form(self, form_id: str) -> None:
        """Export one stored form (the 表单库 list's 导出…)."""
        if not self.library_panel.select(form_id):
            return
        self.export_files()

    def print_preview(self) -> None:
        out = self._with_revision(self._current_form())
        if out is None:
            return
        from .print_preview import PrintPreviewDialog

        PrintPreviewDialog(out[0], self, saved=out[1]).exec()

    def print_form(self) -> None:
        out = self._with_revision(self._current_form())
        if out is None:
            return
        from .print_preview import print_form

        print_form(out[0], self, saved=out[1])

    def export_files(self) -> None:
        out = self._with_revision(self._selected_form())
        if out is None:
            return
        from .export_actions import export_files_dialog

        export_files_dialog(out[0], self, saved=out[1])

    def send_email(self) -> None:
        out = self._with_revision(self._selected_form())
        if out is None:
            return
        from .export_actions import send_by_email

        send_by_email(out[0], self, saved=out[1])

    def export_report(self) -> None:
        form = self._selected_form()
        if form is None:
            return
        from .package_actions import export_report

        export_report(form, self)

    def package_form(self) -> None:
        out = self._with_revision(self._selected_form())
        if out is None:
            return
        from .package_actions import package_form

        package_form(out[0], self, saved=out[1])

    def show_summary(self) -> None:
        """汇总多份表单: a view of its own beside the window (not modal)."""
        from .summary_view import SummaryView

        view = SummaryView(self, self.library)
        view.opened.connect(self._open_from_summary)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.show()
        self.summary_view = view

    def _open_from_summary(self, target: str) -> None:
        if target.startswith("库:"):
            self.open_stored(target[2:])
        else:
            self.import_file(target)
        self.raise_()
        self.activateWindow()

    def verify_paper(self) -> None:
        self._flush()
        from .export_actions import verify_paper_dialog

        verify_paper_dialog(self.library, self)

    def batch_export(self) -> None:
        self._flush()
        from .export_actions import batch_export_dialog

        batch_export_dialog(self.library, self)
