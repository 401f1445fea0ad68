"""What the window does with the library: new, duplicate, delete, restore, final, versions.

A mixin of ``MainWindow`` (which provides ``library``, ``doc``, ``settings``, the panels and
``open_form``), kept apart so the window module only assembles the parts.

Duplicate, delete and export act on the form selected in the 表单库 list (the open one when
nothing is selected there). A second form for the same unit, year and kind (and project) is
made only after asking; the questions name forms by id, status and saved time, since two forms
of one name are otherwise indistinguishable.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ..model import FormKind, Status, check
from .. import packs
from ..model.operations import default_year
from ..model.packs import Pack
from ..model.rules import counts
from ..model.serialize import from_dict
from .library_panel import details_line, summary_lines

TAB_BASIC = 0


def twin_key(kind: str, year, unit: str, project_name: str = "") -> tuple | None:
    """What makes two forms "the same form": kind, year, unit (and project); None if unnamed."""
    unit = (unit or "").strip()
    project = (project_name or "").strip() if kind == "project" else ""
    if not unit or (kind == "project" and not project):
        return None  # a blank template is not yet anyone's form
    return kind, year, unit, project


def form_key(form) -> tuple | None:
    h = form.header
    return twin_key(form.kind.value, h.year, h.unit, h.project_name)


class LibraryOperations:
    """Library actions of the main window."""

    def _write(self, data: dict) -> None:
        """Runs on the saver thread: store one snapshot."""
        self.library.save(from_dict(data))

    def _guard_writable(self) -> bool:
        if getattr(self.library, "read_only", False):
            self._error(self.tr("表单库只读"), getattr(self.library, "lock_message", "") or self.tr("表单库以只读方式打开，不能修改。"))
            return False
        return True

    def _flush(self) -> bool:
        """Everything typed so far on disk (before operations that read the library)."""
        if self.doc is None:
            return True
        return self.commit_pending_edit() and self.doc.save_and_wait()

    # == which form, and is there one like it already ========================================
    def selected_form_id(self) -> str | None:
        """The form the library actions act on: the one selected in the list, else the open one."""
        lp = self.library_panel
        if not lp.trash_mode and lp.current_id():
            return lp.current_id()
        return self.doc.form_id if self.doc is not None else None

    def _summary_of(self, form_id: str):
        for s in self.library_panel.model.items:
            if s.id == form_id:
                return s
        try:
            return next((s for s in self.library.list() if s.id == form_id), None)
        except Exception:
            return None

    def confirm_no_twin(self, key: tuple | None, what: str, *, exclude: str | None = None) -> bool:
        """Ask before a second form for the same unit, year and kind; True to go on."""
        if key is None:
            return True
        try:
            twins = [s for s in self.library.list()
                     if s.id != exclude and twin_key(s.kind, s.year, s.unit, s.project_name) == key]
        except Exception:
            return True  # the library cannot list: the operation itself will say why
        if not twins:
            return True
        kind, year, unit, project = key
        name = f"{year or '年度未填'} {project or unit}"
        listed = "\n".join(f"• {summary_lines(s)[0]}（{details_line(s)}）" for s in twins)
        return self._yes_or_cancel(
            QMessageBox.question, self.tr("已有同样的表单"),
            self.tr("表单库中已有“%1”的%2表单：\n%3\n\n仍要%4吗？这样会有两张同单位、同年度的表单。")
            .replace("%1", name).replace("%2", twins[0].kind_label).replace("%3", listed).replace("%4", what))

    def _yes_or_cancel(self, box, title: str, text: str) -> bool:
        """Ask with ``QMessageBox.question`` or ``.warning``: 是/取消, 取消 the default; True for 是."""
        answer = box(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                     QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def duplicate_selected(self) -> str | None:
        form_id = self.selected_form_id()
        return self.duplicate_form(form_id) if form_id else None

    def delete_selected(self) -> bool:
        form_id = self.selected_form_id()
        return self.delete_form(form_id) if form_id else False

    # == operations ==========================================================================
    def new_form(self, kind: FormKind, pack: Pack | None = None) -> str | None:
        """A new blank form from ``pack`` (default: the kind's default pack)."""
        if not self._guard_writable() or not self.commit_pending_edit():
            return None
        self._flush()
        pack = pack or packs.default_for(FormKind(kind))
        unit = ""
        if self.doc is not None and self.doc.form.kind is pack.kind:
            unit = self.doc.form.header.unit
        year = default_year()
        if not self.confirm_no_twin(twin_key(pack.kind.value, year, unit), self.tr("新建")):
            return None
        try:
            form_id = self.library.create_from_pack(pack, year, unit)
        except Exception as exc:
            self._error(self.tr("无法新建表单"), str(exc))
            return None
        self.library_panel.set_trash_mode(False)
        self.library_panel.refresh()
        if self.open_form(form_id):
            self.tabs.setCurrentIndex(TAB_BASIC)
            field = self.page.fields.get("header.unit" if kind is FormKind.DEPARTMENT else "header.project_name")
            if field is not None:
                field.setFocus()
        return form_id

    def duplicate_form(self, form_id: str) -> str | None:
        if not self._guard_writable() or not self.commit_pending_edit():
            return None
        self._flush()
        s = self._summary_of(form_id)
        if s is not None and s.year is not None and not self.confirm_no_twin(
                twin_key(s.kind, s.year + 1, s.unit, s.project_name), self.tr("复制到下一年度")):
            return None
        try:
            new_id = self.library.duplicate_to_next_year(form_id)
        except Exception as exc:
            self._error(self.tr("无法复制表单"), str(exc))
            return None
        self.library_panel.refresh()
        self.open_form(new_id)
        self.statusBar().showMessage(self.tr("已复制为下一年度的表单：完成值、得分和扣分原因已清空，请逐项填写。"), 6000)
        return new_id

    def delete_form(self, form_id: str, *, confirm: bool = True) -> bool:
        if not self._guard_writable():
            return False
        name = self.doc.form.display_name() if self.doc and self.doc.form_id == form_id else form_id
        details = self.tr("编号 %1").replace("%1", form_id)
        s = self._summary_of(form_id)
        if s is not None:
            name, details = summary_lines(s)[0], details_line(s)  # as the library lists it
        if confirm and not self._yes_or_cancel(
                QMessageBox.question, self.tr("删除表单"),
                self.tr("把“%1”移到回收站？\n%2\n可以在回收站中恢复。").replace("%1", name).replace("%2", details)):
            return False
        if self.doc is not None and self.doc.form_id == form_id:
            if not self.close_document():
                return False
        try:
            self.library.delete(form_id)
        except Exception as exc:
            self._error(self.tr("无法删除表单"), str(exc))
            return False
        self.settings.remove_recent_form(form_id)
        self.library_panel.refresh()
        self.statusBar().showMessage(self.tr("已移到回收站：%1").replace("%1", name), 5000)
        return True

    def restore_form(self, form_id: str) -> bool:
        if not self._guard_writable():
            return False
        s = next((t for t in self.library_panel.model.items if t.id == form_id and self.library_panel.trash_mode), None)
        if s is not None and not self.confirm_no_twin(twin_key(s.kind, s.year, s.unit, s.project_name),
                                                      self.tr("恢复"), exclude=form_id):
            return False
        try:
            self.library.restore(form_id)
        except Exception as exc:
            self._error(self.tr("无法恢复表单"), str(exc))
            return False
        self.library_panel.set_trash_mode(False)
        self.action_set["show_trash"].setChecked(False)
        self.library_panel.refresh()
        self.open_form(form_id)
        return True

    def purge_form(self, form_id: str, *, confirm: bool = True) -> bool:
        """Remove one form from the recycle bin for good, after asking."""
        if not self._guard_writable():
            return False
        s = next((t for t in self.library_panel.model.items if t.id == form_id), None)
        name, details = (summary_lines(s)[0], details_line(s)) if s is not None else (form_id, "")
        if confirm and not self._yes_or_cancel(
                QMessageBox.warning, self.tr("彻底删除"),
                self.tr("彻底删除“%1”？\n%2\n它和它的全部历史版本都会被删除，不能恢复。")
                .replace("%1", name).replace("%2", details)):
            return False
        try:
            self.library.purge(form_id)
        except Exception as exc:
            self._error(self.tr("无法彻底删除"), str(exc))
            return False
        self.library_panel.refresh()
        self.statusBar().showMessage(self.tr("已彻底删除：%1").replace("%1", name), 5000)
        return True

    def empty_trash(self, *, confirm: bool = True) -> int:
        """Purge every form in the recycle bin, after asking once; returns how many went."""
        if not self._guard_writable():
            return 0
        try:
            doomed = self.library.trash()
        except Exception as exc:
            self._error(self.tr("清空回收站"), str(exc))
            return 0
        if not doomed:
            return 0
        if confirm and not self._yes_or_cancel(
                QMessageBox.warning, self.tr("清空回收站"),
                self.tr("彻底删除回收站中的 %1 张表单？\n它们和它们的全部历史版本都会被删除，不能恢复。")
                .replace("%1", str(len(doomed)))):
            return 0
        gone = 0
        for s in doomed:
            try:
                self.library.purge(s.id)
            except Exception as exc:
                self._error(self.tr("清空回收站"), str(exc))
                break
            gone += 1
        self.library_panel.refresh()
        self.statusBar().showMessage(self.tr("已清空回收站：彻底删除了 %1 张表单").replace("%1", str(gone)), 5000)
        return gone

    def _show_trash(self, on: bool) -> None:
        self.library_dock.show()
        self.library_panel.set_trash_mode(on)

    def toggle_final(self) -> None:
        doc = self.doc
        if doc is None or getattr(self.library, "read_only", False):
            return
        form = doc.form
        if form.status is Status.FINAL:
            doc.set_attr(form, "status", Status.DRAFT, self.tr("撤销定稿"), "status", mergeable=False)
            return
        doc.flush_findings()
        # Blank cells count as errors once final: judge by the rules as they will then apply.
        form.status = Status.FINAL
        try:
            errors, _ = counts(check(form))
        finally:
            form.status = Status.DRAFT
        reason = ""
        if errors:
            reason = ask_final_reason(self, errors)
            if not reason:
                return
        doc.undo_stack.beginMacro(self.tr("定稿"))
        doc.set_attr(form, "final_reason", reason, self.tr("定稿说明"), "status", mergeable=False)
        doc.set_attr(form, "status", Status.FINAL, self.tr("定稿"), "status", mergeable=False)
        doc.undo_stack.endMacro()

    def show_revisions(self) -> None:
        from .dialogs import RevisionsDialog

        doc = self.doc
        if doc is None:
            return
        self._flush()
        try:
            revisions = self.library.revisions(doc.form_id)
        except Exception as exc:
            self._error(self.tr("历史版本"), str(exc))
            return
        dialog = RevisionsDialog(doc.form.display_name(), revisions, self)
        if dialog.exec() != RevisionsDialog.DialogCode.Accepted or dialog.chosen() is None:
            return
        if not self._guard_writable():
            return
        form_id, number = doc.form_id, dialog.chosen()
        if not self.close_document():
            return
        try:
            self.library.restore_revision(form_id, number)
        except Exception as exc:
            self._error(self.tr("无法恢复版本"), str(exc))
        self.open_form(form_id)
        self.library_panel.refresh()


def ask_final_reason(parent, errors: int) -> str:
    """Why a form with errors is finalised anyway (printed in the 说明 line); "" when cancelled."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QInputDialog

    def tr(text: str) -> str:
        return QCoreApplication.translate("LibraryActions", text)

    while True:
        text, ok = QInputDialog.getMultiLineText(
            parent, tr("定稿"),
            tr("表单还有 %1 个错误（定稿后空白项也算错误）。\n仍要定稿，请写明原因："
               "原因随版本保存，并印在表格下方的“说明”一行。定稿后不能修改，可撤销定稿。").replace("%1", str(errors)))
        if not ok:
            return ""
        if text.strip():
            return text.strip()
        QMessageBox.warning(parent, tr("定稿"), tr("请写明仍要定稿的原因，或取消。"))
