"""What the window does with the library: new, duplicate, delete, restore, final, versions.

A mixin of ``MainWindow`` (which provides ``library``, ``doc``, ``settings``, the panels and
``open_form``), kept apart so the window module only assembles the parts.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from ..model import FormKind, Status, check
from ..model.rules import counts
from ..model.serialize import from_dict
from .library_panel import summary_lines

TAB_BASIC = 0


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

    def new_form(self, kind: FormKind) -> str | None:
        if not self._guard_writable() or not self.commit_pending_edit():
            return None
        self._flush()
        unit = ""
        if self.doc is not None and self.doc.form.kind is FormKind(kind):
            unit = self.doc.form.header.unit
        try:
            form_id = self.library.create_from_template(FormKind(kind), None, unit)
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
        for s in self.library_panel.model.items:
            if s.id == form_id:
                name = summary_lines(s)[0]  # as the library lists it
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("删除表单"),
                self.tr("把“%1”移到回收站？\n可以在回收站中恢复。").replace("%1", name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
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
        if errors:
            answer = QMessageBox.question(
                self, self.tr("定稿"),
                self.tr("表单还有 %1 个错误（定稿后空白项也算错误）。\n仍要定稿吗？定稿后不能修改，可撤销定稿。")
                .replace("%1", str(errors)),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        doc.set_attr(form, "status", Status.FINAL, self.tr("定稿"), "status", mergeable=False)

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
