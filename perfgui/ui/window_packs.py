"""What the window does with rule packs: new forms from a pack, changing a form's pack, importing.

A mixin of ``MainWindow`` (which provides ``library``, ``doc``, ``page``, ``editor``,
``new_form``, ``_error`` and ``_guard_writable``). The packs themselves are read and copied by
``perfgui.packs``; a change of pack is previewed with ``model.pack_change.compare`` and applied
as one undo step (``FormDocument.change_pack``), saved like any edit.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from .. import packs
from ..model import FormKind, fmt2
from ..model.packs import Pack

if TYPE_CHECKING:
    from .pack_dialogs import ChangePackDialog, NewFormDialog


class PackOperations:
    """Rule-pack actions of the main window."""

    def library_folder(self) -> Path | None:
        return getattr(self.library, "folder", None)

    def available_packs(self) -> list[Pack]:
        return packs.available(self.library_folder())

    def pack_label(self) -> str:
        """How the open form's pack is named ("" with no form open)."""
        return packs.pack_label(self.doc.form, self.library_folder()) if self.doc is not None else ""

    def refresh_pack_label(self) -> None:
        """Show the open form's pack where it is named: 基本信息, the scoring assistant."""
        label = self.pack_label()
        self.page.refresh_pack_line()
        self.editor.assistant.set_pack_label(label)

    # -- 新建 ----------------------------------------------------------------------------------
    def new_form_dialog(self) -> NewFormDialog:
        from .pack_dialogs import NewFormDialog  # the dialogs load when first asked for

        kind = self.doc.form.kind if self.doc is not None else FormKind.DEPARTMENT
        return NewFormDialog(self.available_packs(), kind, self)

    def new_from_pack(self) -> str | None:
        """文件 › 新建 › 按规则包新建…: choose a pack, then make the form as 新建 does."""
        if not self._guard_writable():
            return None
        dialog = self.new_form_dialog()
        if dialog.exec() != dialog.DialogCode.Accepted or dialog.chosen() is None:
            return None
        pack = dialog.chosen()
        return self.new_form(pack.kind, pack)

    # -- 更换规则包 ------------------------------------------------------------------------------
    def change_pack_dialog(self) -> ChangePackDialog | None:
        doc = self.doc
        if doc is None:
            return None
        from .pack_dialogs import ChangePackDialog

        candidates = [p for p in self.available_packs() if p.kind is doc.form.kind]
        return ChangePackDialog(doc.form, candidates, self.pack_label(), self)

    def change_pack(self) -> bool:
        """更换规则包…: preview the change, then apply it as one undo step."""
        doc = self.doc
        if doc is None or not self._guard_writable() or not self.commit_pending_edit():
            return False
        if not doc.editable:
            self._error(self.tr("更换规则包"), self.tr("这张表单已定稿：请先撤销定稿，再更换规则包。"))
            return False
        doc.flush_findings()
        dialog = self.change_pack_dialog()
        if dialog.exec() != dialog.DialogCode.Accepted:
            return False
        return self.apply_pack_choice(dialog)

    def apply_pack_choice(self, dialog: ChangePackDialog) -> bool:
        """Apply what the dialog previewed (one undo step; autosaved like any edit)."""
        doc, pack, after = self.doc, dialog.chosen(), dialog.result_form()
        if doc is None or pack is None or after is None:
            return False
        done = doc.change_pack(after, self.tr("更换规则包：%1").replace("%1", pack.title))
        if done:
            self.statusBar().showMessage(
                self.tr("已更换为规则包“%1”：总分 %2，等级 %3。可按 Ctrl+Z 撤销。")
                .replace("%1", pack.title).replace("%2", fmt2(doc.totals.total_score)).replace("%3", doc.totals.grade),
                8000)
        return done

    # -- 导入规则包 ------------------------------------------------------------------------------
    def import_pack_file(self, path: Path | str | None = None) -> packs.Imported | None:
        """文件 › 导入规则包…: check a pack file and copy it into the library's packs folder."""
        if not self._guard_writable():
            return None
        folder = self.library_folder()
        if folder is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self, self.tr("导入规则包"), str(Path.home()), self.tr("规则包 (*.toml);;所有文件 (*)"))
            if not chosen:
                return None
            path = chosen
        try:
            imported = packs.import_pack(Path(path), folder)
        except packs.PackFileError as exc:
            self._error(self.tr("无法导入规则包"), self.tr("%1\n\n规则包没有导入，表单库中的规则包保持不变。")
                        .replace("%1", str(exc)))
            return None
        except OSError as exc:
            self._error(self.tr("无法导入规则包"), self.tr("无法写入表单库的规则包文件夹：%1").replace("%1", str(exc)))
            return None
        pack = imported.pack
        QMessageBox.information(self, self.tr("已导入规则包"), import_message(self, imported))
        self.statusBar().showMessage(self.tr("已导入规则包：%1").replace("%1", pack.title), 6000)
        self.refresh_pack_label()
        return imported


def import_message(window, imported: packs.Imported) -> str:
    """What a person is told after an import: which pack, and whether it replaced one."""
    from .pack_dialogs import years_text

    pack = imported.pack
    tr = window.tr
    lines = [tr("已导入规则包“%1”。").replace("%1", pack.title),
             tr("名称：%1　版本：%2").replace("%1", pack.name).replace("%2", pack.version),
             tr("适用地区：%1　适用年度：%2　类型：%3").replace("%1", pack.place)
             .replace("%2", years_text(pack)).replace("%3", pack.kind.label)]
    if imported.replaced:
        lines.append(tr("它替换了表单库中原有的同名规则包。已按旧规则包填写的表单保留各自保存的规则，"
                        "可用“更换规则包…”改用新版本。"))
    else:
        lines.append(tr("这是表单库中新的规则包。"))
    lines.append(tr("新建表单时可在“文件 › 新建 › 按规则包新建…”中选用；已有的表单可用“文件 › 更换规则包…”改用它。"))
    return "\n".join(lines)
