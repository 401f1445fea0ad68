"""The window's 导出自评报告… and 打包报送… : the report draft and the submission package.

Both build everything in memory first (``perfgui.exchange.report_docx``, ``.package``), then
write atomically; an existing report of the form keeps the person's text and only its bound
numbers are brought up to date, unless they ask for a new draft.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..exchange import names
from ..model.stamp import Saved
from . import export_actions as ex

_CTX = "Package"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


# -- what tests replace ---------------------------------------------------------------------------
def _save_path(parent: QWidget | None, start: Path) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, tr("导出自评报告"), str(start), tr("Word 文档 (*.docx)"))
    return path


def _update_or_new(parent: QWidget | None, name: str) -> str:
    """'update', 'new' or '' (cancelled) for a report file that already exists."""
    box = QMessageBox(QMessageBox.Icon.Question, tr("报告已存在"),
                      tr("“{0}”已存在。\n更新数字：只把报告中的数字改成表中现在的值，您写的文字保持不变。\n"
                         "重新生成：按表单重新写一份初稿，覆盖原文件。").format(name),
                      QMessageBox.StandardButton.Cancel, parent)
    update = box.addButton(tr("更新数字"), QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton(tr("重新生成"), QMessageBox.ButtonRole.DestructiveRole)
    box.exec()
    clicked = box.clickedButton()
    return "update" if clicked is update else "new" if clicked is fresh else ""


def export_report(form, parent: QWidget | None, *, path: str | Path | None = None) -> Path | None:
    """Write (or bring up to date) the 自评报告 draft of ``form``; returns the file written."""
    from ..exchange.errors import ImportFailed
    from ..exchange.report_docx import refresh, report_docx
    from ..fileio import WriteError, atomic_write_bytes

    if path is None:
        start = ex.default_export_dir() / f"{names.base_name(form)}_自评报告.docx"
        chosen = _save_path(parent, start)
        if not chosen:
            return None
        path = chosen
    target = Path(path)
    if target.suffix.lower() != ".docx":
        target = target.with_suffix(".docx")
    said = ""
    try:
        with ex._WaitCursor():
            if target.exists():
                choice = _update_or_new(parent, target.name)
                if not choice:
                    return None
                if choice == "update":
                    result = refresh(target.read_bytes(), form)
                    data = result.data
                    said = (tr("已更新 {0} 处数字，您写的文字保持不变。").format(len(result.updated))
                            if result.updated else tr("报告中的数字与表单一致，没有改动。"))
                    if result.unbound:
                        said += "\n" + tr("注意：以下指标现在失分，报告中还没有它们的偏差原因段落：") + \
                            "、".join(result.unbound)
                else:
                    data = report_docx(form)
            else:
                data = report_docx(form)
            atomic_write_bytes(target, data)
    except ImportFailed as exc:
        ex._warn(parent, tr("无法更新报告"), str(exc) + "\n" + tr("可选择“重新生成”写一份新的初稿。"))
        return None
    except WriteError as exc:
        ex._warn(parent, tr("无法导出报告"), exc.message)
        return None
    ex._done(parent, tr("已导出自评报告"), f"{target}\n{said}".strip(), target.parent)
    return target


def package_form(form, parent: QWidget | None, *, folder: str | Path | None = None,
                 as_zip: bool | None = None, saved: Saved | None = None) -> Path | None:
    """Write the submission package of a 定稿 form; returns the folder or .zip written.

    ``saved`` is the library revision ``form`` is: its stamp on the PDF and in the Excel file.
    """
    from ..exchange.package import PackageError, write_package
    from ..fileio import WriteError
    from ..model import Status

    if form.status is not Status.FINAL:
        ex._warn(parent, tr("还不能打包报送"),
                 tr("这张表单还是草稿。报送包只用定稿的表单：请先检查并“定稿”（Ctrl+Shift+L），再打包报送。"))
        return None
    if folder is None:
        chosen = ex._choose_folder(parent, str(ex.default_export_dir()))
        if not chosen:
            return None
        folder = chosen
    if as_zip is None:
        as_zip = _ask_zip(parent)
        if as_zip is None:
            return None
    try:
        with ex._WaitCursor():
            result = write_package(form, folder, as_zip=as_zip, saved=saved)
    except (PackageError, WriteError) as exc:
        ex._warn(parent, tr("无法打包报送"), getattr(exc, "message", str(exc)))
        return None
    lines = [tr("报送包：{0}").format(result.path), tr("共 {0} 个文件，附报送清单（大小和 SHA-256）。")
             .format(len(result.files))]
    if result.email:
        lines.append(tr("邮件草稿：{0}").format(result.email.name))
    ex._done(parent, tr("已打包报送"), "\n".join(lines), Path(folder))
    return result.path


def _ask_zip(parent: QWidget | None) -> bool | None:
    box = QMessageBox(QMessageBox.Icon.Question, tr("打包报送"),
                      tr("把报送包写成一个文件夹，还是打成一个 .zip 文件？"),
                      QMessageBox.StandardButton.Cancel, parent)
    as_folder = box.addButton(tr("文件夹"), QMessageBox.ButtonRole.AcceptRole)
    as_zip = box.addButton(tr(".zip 文件"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is as_zip else False if clicked is as_folder else None
