"""The window's export actions: files, send by email, batch export with progress, 核对纸质版….

Thin Qt glue over ``perfgui.exchange``: the bytes are built by the same functions the command
line uses, and written atomically. Batch export runs in a worker thread while a progress dialog
(with 取消) keeps the window responsive.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
    QHBoxLayout, QLabel, QLineEdit, QMessageBox, QProgressDialog, QPushButton, QVBoxLayout,
    QWidget,
)

from ..exchange import batch, names, outputs
from ..fileio import WriteError, atomic_write_bytes
from ..model.stamp import Saved

_CTX = "ExportActions"
EXPORT_FOLDER_NAME = "绩效自评导出"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


# -- what tests replace: the desktop and message boxes ---------------------------------------
def _open_url(url: QUrl) -> bool:
    return QDesktopServices.openUrl(url)


def _inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def _ask(parent: QWidget | None, title: str, text: str) -> bool:
    answer = QMessageBox.question(parent, title, text,
                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                  QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def _done(parent: QWidget | None, title: str, text: str, folder: Path, problem: bool = False) -> None:
    """Say what was written, with a button that opens the folder."""
    box = QMessageBox(QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information, title, text,
                      QMessageBox.StandardButton.Close, parent)
    open_button = box.addButton(tr("打开文件夹"), QMessageBox.ButtonRole.ActionRole)
    box.exec()
    if box.clickedButton() is open_button:
        _open_url(QUrl.fromLocalFile(str(folder)))


def confirm_warnings(parent: QWidget | None, warnings: list[str]) -> bool:
    """Show ``report.output_warnings`` (draft status, missing glyphs) before a PDF goes out.

    Printing, the print preview and every export show the same list; True to go on.
    """
    if not warnings:
        return True
    return _go_on(parent, tr("打印和导出前请注意"), "\n\n".join(warnings) + "\n\n" + tr("是否继续？"))


def _go_on(parent: QWidget | None, title: str, text: str) -> bool:
    """A warning with 确定/取消; True for 确定."""
    answer = QMessageBox.warning(parent, title, text,
                                 QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
                                 QMessageBox.StandardButton.Cancel)
    return answer == QMessageBox.StandardButton.Ok


def _warnings_for(form, formats: list[str]) -> list[str]:
    if "pdf" not in formats and "eml" not in formats:
        return []
    from ..report import output_warnings

    return output_warnings(form)


def _choose_folder(parent: QWidget | None, start: str) -> str:
    return QFileDialog.getExistingDirectory(parent, tr("选择导出文件夹"), start)


def default_export_dir() -> Path:
    """``Documents/绩效自评导出`` (the temp folder when there are no documents)."""
    from PySide6.QtCore import QStandardPaths

    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return (Path(docs) if docs else Path(tempfile.gettempdir())) / EXPORT_FOLDER_NAME


class _WaitCursor:
    def __enter__(self):
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        return self

    def __exit__(self, *exc) -> None:
        QApplication.restoreOverrideCursor()


def _write_all(folder: Path, files: list[tuple[str, bytes]]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files:
        path = folder / name
        atomic_write_bytes(path, data)
        written.append(path)
    return written


# -- send by email ------------------------------------------------------------------------------
def send_by_email(form, parent: QWidget | None, *, folder: str | Path | None = None,
                  saved: Saved | None = None) -> Path | None:
    """Write PDF, Excel and a draft .eml, open the draft in the mail program; returns the .eml.

    ``saved`` is the library revision ``form`` is: its stamp on the PDF and in the Excel file.
    """
    base = names.base_name(form)
    if not confirm_warnings(parent, _warnings_for(form, ["eml"])):
        return None
    try:
        with _WaitCursor():
            files = batch.files_for(form, ["pdf", "xlsx", "eml"], base, saved=saved)
    except Exception as exc:  # the form cannot be rendered: say why, write nothing
        _warn(parent, tr("发送邮件"), tr("无法生成要发送的文件：{0}").format(batch._describe(exc)))
        return None
    targets = [Path(folder)] if folder else [default_export_dir(), Path(tempfile.gettempdir()) / EXPORT_FOLDER_NAME]
    written: list[Path] = []
    error = ""
    for target in targets:
        try:
            written = _write_all(target, files)
            break
        except (WriteError, OSError) as exc:
            error = getattr(exc, "message", "") or str(exc)
    if not written:
        _warn(parent, tr("发送邮件"), tr("无法保存邮件和附件：{0}").format(error))
        return None
    eml = next(p for p in written if p.suffix == ".eml")
    where = str(eml.parent)
    if _open_url(QUrl.fromLocalFile(str(eml))):
        _inform(parent, tr("发送邮件"),
                tr("已用默认邮件程序打开邮件草稿（附有 PDF 和 Excel 文件）：请填写收件人后发送。\n\n"
                   "文件也保存在：{0}").format(where))
    else:
        _open_url(QUrl.fromLocalFile(where))
        _inform(parent, tr("发送邮件"),
                tr("没能打开默认的邮件程序，已打开文件所在的文件夹：{0}\n\n"
                   "可以双击其中的 .eml 邮件草稿，或把 PDF 和 Excel 文件作为附件发送。").format(where))
    return eml


# -- export files ----------------------------------------------------------------------------------
FORMAT_CHOICES = (
    ("pdf", "PDF（打印用）"),
    ("xlsx", "Excel（官方版式，带公式）"),
    ("json", "表单文件（.json，可完整导回）"),
    ("eml", "邮件草稿（.eml，附 PDF 和 Excel）"),
)


def _format_checks(layout, on_toggle) -> dict[str, QCheckBox]:
    """One check box per export format (PDF and Excel ticked), added to ``layout``."""
    checks: dict[str, QCheckBox] = {}
    for key, label in FORMAT_CHOICES:
        box = QCheckBox(tr(label))
        box.setChecked(key in ("pdf", "xlsx"))
        box.toggled.connect(on_toggle)
        checks[key] = box
        layout.addWidget(box)
    return checks


def _checked(checks: dict[str, QCheckBox]) -> list[str]:
    return [k for k, box in checks.items() if box.isChecked()]


class _FolderField(QWidget):
    def __init__(self, start: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(str(start))
        self.edit.setCursorPosition(0)
        self.browse = QPushButton(tr("浏览…"))
        self.browse.clicked.connect(self._pick)
        row.addWidget(self.edit, 1)
        row.addWidget(self.browse)

    def _pick(self) -> None:
        chosen = _choose_folder(self, self.edit.text())
        if chosen:
            self.edit.setText(chosen)

    def path(self) -> Path:
        return Path(self.edit.text().strip())


class ExportDialog(QDialog):
    """Choose formats, folder and file name for one form."""

    def __init__(self, form, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("导出"))
        self.form = form
        layout = QVBoxLayout(self)
        title = QLabel(tr("导出《{0}》").format(names.subject(form)))
        title.setWordWrap(True)
        layout.addWidget(title)
        self.checks = _format_checks(layout, self._update)
        self.landscape = QCheckBox(tr("PDF 横向排版"))
        layout.addWidget(self.landscape)
        grid = QFormLayout()
        self.folder = _FolderField(default_export_dir())
        self.name = QLineEdit(names.base_name(form))
        self.name.setCursorPosition(0)
        grid.addRow(tr("文件夹："), self.folder)
        grid.addRow(tr("文件名："), self.name)
        layout.addLayout(grid)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("导出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def formats(self) -> list[str]:
        return _checked(self.checks)

    def _update(self) -> None:
        self.landscape.setEnabled(self.checks["pdf"].isChecked() or self.checks["eml"].isChecked())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.formats()))

    def base(self) -> str:
        return names.safe_name(self.name.text().strip() or names.base_name(self.form))


def export_files_dialog(form, parent: QWidget | None, *, saved: Saved | None = None) -> list[Path]:
    """Ask for formats and a folder, then write the files; returns what was written.

    ``saved`` is the library revision ``form`` is: its stamp on the PDF and in the Excel file.
    """
    dialog = ExportDialog(form, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    formats, folder, base = dialog.formats(), dialog.folder.path(), dialog.base()
    if not formats:
        return []
    existing = [n for n in (f"{base}.{fmt}" for fmt in formats) if (folder / n).exists()]
    if existing and not _ask(parent, tr("导出"), tr("以下文件已存在，要替换吗？\n{0}").format("\n".join(existing))):
        return []
    if not confirm_warnings(parent, _warnings_for(form, formats)):
        return []
    try:
        with _WaitCursor():
            files = batch.files_for(form, formats, base, landscape=dialog.landscape.isChecked(), saved=saved)
            written = _write_all(folder, files)
    except WriteError as exc:
        _warn(parent, tr("导出"), exc.message)
        return []
    except OSError as exc:
        _warn(parent, tr("导出"), tr("无法写入文件夹“{0}”：{1}").format(str(folder), exc.strerror or str(exc)))
        return []
    except Exception as exc:
        _warn(parent, tr("导出"), tr("导出失败：{0}").format(batch._describe(exc)))
        return []
    _done(parent, tr("导出"), tr("已导出到“{0}”：\n{1}").format(str(folder), "\n".join(p.name for p in written)),
          folder)
    return written


# -- batch export ------------------------------------------------------------------------------------
KIND_CHOICES = (("", "全部类型"), ("department", "部门整体"), ("project", "项目支出"))


class BatchDialog(QDialog):
    """Pick which stored forms (year, kind), the formats and the folder."""

    def __init__(self, library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("批量导出"))
        self.library = library
        summaries = library.list() if library is not None else []
        years = sorted({s.year for s in summaries if s.year}, reverse=True)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.year = QComboBox()
        self.year.addItem(tr("全部年度"), None)
        for y in years:
            self.year.addItem(tr("{0}年度").format(y), y)
        self.kind = QComboBox()
        for key, label in KIND_CHOICES:
            self.kind.addItem(tr(label), key or None)
        form.addRow(tr("年度："), self.year)
        form.addRow(tr("类型："), self.kind)
        self.folder = _FolderField(default_export_dir())
        form.addRow(tr("导出到："), self.folder)
        layout.addLayout(form)
        self.checks = _format_checks(layout, self._update)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("开始导出"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.year.currentIndexChanged.connect(self._update)
        self.kind.currentIndexChanged.connect(self._update)
        self._update()

    def formats(self) -> list[str]:
        return _checked(self.checks)

    def selected_ids(self) -> list[str]:
        if self.library is None:
            return []
        return [s.id for s in self.library.list(year=self.year.currentData(), kind=self.kind.currentData())]

    def _update(self) -> None:
        n = len(self.selected_ids())
        self.count.setText(tr("将导出 {0} 份表单。").format(n))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(n > 0 and bool(self.formats()))


class _Progress(QObject):
    step = Signal(int, int, str)


class BatchWorker(QThread):
    """Runs ``export_many`` off the GUI thread; cancel between forms."""

    def __init__(self, forms, folder: Path, formats: list[str], parent: QObject | None = None, *,
                 saved: dict[str, Saved] | None = None) -> None:
        super().__init__(parent)
        self.forms, self.folder, self.formats = forms, folder, formats
        self.saved = saved or {}  # form id → its library revision, read on the GUI thread
        self.signals = _Progress()
        self.result: batch.BatchResult | None = None
        self.error = ""
        self.warnings: list[tuple[str, str]] = []  # (form name, the warning printing gives)
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            self.result = batch.export_many(
                self.forms, self.folder, self.formats,
                progress=lambda done, total, label: self.signals.step.emit(done, total, label),
                cancelled=lambda: self._cancel, saved=self.saved.get,
                warn=lambda label, text: self.warnings.append((label, text)))
        except batch.BatchError as exc:
            self.error = str(exc)
        except Exception as exc:
            self.error = batch._describe(exc)


def run_batch(forms, folder: Path, formats: list[str], parent: QWidget | None, *,
              saved: dict[str, Saved] | None = None) -> batch.BatchResult | None:
    """Export with a progress dialog; the event loop keeps running, so the window never freezes.

    ``saved`` gives each stored form's revision (by id) for its stamp.
    """
    progress = QProgressDialog(tr("正在导出…"), tr("取消"), 0, len(forms), parent)
    progress.setWindowTitle(tr("批量导出"))
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setValue(0)
    worker = BatchWorker(forms, folder, formats, saved=saved)
    loop = QEventLoop()

    def step(done: int, total: int, label: str) -> None:
        if progress.wasCanceled():
            worker.cancel()
            return
        progress.setValue(done)
        progress.setLabelText(tr("[{0}/{1}] {2}").format(done, total, label))

    worker.signals.step.connect(step)
    progress.canceled.connect(worker.cancel)
    worker.finished.connect(loop.quit)
    worker.start()
    if worker.isRunning():
        loop.exec()
    worker.wait()
    progress.reset()
    progress.close()
    progress.deleteLater()
    if worker.error:
        _warn(parent, tr("批量导出"), worker.error)
        return None
    worker.result.warnings = worker.warnings
    return worker.result


def batch_export_dialog(library, parent: QWidget | None) -> batch.BatchResult | None:
    """Pick year/kind/formats/folder, export with progress, then say what was written."""
    if library is None:
        _warn(parent, tr("批量导出"), tr("表单库没有打开，无法批量导出。"))
        return None
    dialog = BatchDialog(library, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    ids, formats, folder = dialog.selected_ids(), dialog.formats(), dialog.folder.path()
    if not ids or not formats:
        return None
    forms = []
    saved: dict[str, Saved] = {}  # each form's stamp, as the command line's batch export prints it
    failed: list[tuple[str, str]] = []
    with _WaitCursor():
        for form_id in ids:
            try:
                form = library.load(form_id)
                saved[form.id] = outputs.saved_of(library, form_id)
            except Exception as exc:  # a damaged form is reported, the rest exported
                failed.append((form_id, batch._describe(exc)))
            else:
                forms.append(form)
    result = run_batch(forms, folder, formats, parent, saved=saved)
    if result is None:
        return None
    result.failed = failed + result.failed
    lines = [tr("已导出 {0} 份表单（{1} 个文件）到“{2}”。").format(result.done, len(result.written), str(folder))]
    if result.cancelled:
        lines.append(tr("已取消，其余表单没有导出。"))
    for label, reason in result.failed:
        lines.append(tr("未导出：{0}：{1}").format(label, reason))
    for label, text in result.warnings:
        lines.append(tr("注意：{0}：{1}").format(label, text))
    _done(parent, tr("批量导出"), "\n".join(lines), folder, problem=bool(result.failed))
    return result


# -- 核对纸质版 -----------------------------------------------------------------------------------
class VerifyDialog(QDialog):
    """Type the fingerprint from a paper copy, or pick an exported PDF/Excel file, and see which
    saved revision it is (``perfgui.exchange.verify``, as the ``verify`` command)."""

    def __init__(self, library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle(tr("核对纸质版"))
        self.resize(620, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(tr("输入纸质版页脚的表单指纹（如 7K3M-9XQ2-HF4T-WP8C-5，大小写、空格均可），"
                          "或选择本程序导出的 PDF、Excel 文件："))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(tr("表单指纹"))
        self.entry.returnPressed.connect(self.check_text)
        check = QPushButton(tr("核对"))
        check.clicked.connect(self.check_text)
        pick = QPushButton(tr("选择文件…"))
        pick.clicked.connect(self.pick_file)
        for w in (self.entry, check, pick):
            row.addWidget(w)
        layout.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.result, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)

    def check_text(self) -> str:
        return self.check(self.entry.text())

    def pick_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, tr("选择要核对的文件"), str(default_export_dir()),
                                              tr("导出的文件 (*.pdf *.xlsx *.json)"))
        return self.check(path) if path else ""

    def check(self, target: str) -> str:
        """Show (and return) the answer for a fingerprint or a file path."""
        from ..exchange.verify import VerifyError, describe, find, make_claim
        from ..store import StoreError

        try:
            with _WaitCursor():
                claim = make_claim(target.strip())
                text = "\n".join(describe(claim, find(self.library, claim.fingerprint, (StoreError,))))
        except VerifyError as exc:
            text = str(exc)
        self.result.setText(text)
        return text


def verify_paper_dialog(library, parent: QWidget | None) -> None:
    """The 核对纸质版… dialog over the open library."""
    if library is None:
        _warn(parent, tr("核对纸质版"), tr("表单库没有打开，无法核对。"))
        return
    VerifyDialog(library, parent).exec()
