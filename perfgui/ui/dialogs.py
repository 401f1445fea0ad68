"""Small dialogs: confirm an import's guesses, a form's saved versions, shortcuts, about."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel, QMessageBox,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from .. import APP_TITLE, __version__
from .screen_fit import fit_to_screen


class RevisionsDialog(QDialog):
    """The kept saves of a form; the chosen one can be made current again."""

    def __init__(self, title: str, revisions: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("历史版本 — %1").replace("%1", title))
        fit_to_screen(self, 720, 460)
        layout = QVBoxLayout(self)
        note = QLabel(self.tr("每次自动保存都留有版本。选择一个版本并点“恢复此版本”，"
                              "它会成为最新版本（现在的内容仍保留在历史中）。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("版本"), self.tr("保存时间"), self.tr("总分"),
                                   self.tr("状态"), self.tr("改动")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for r in revisions:
            when = r.saved_at.strftime("%Y-%m-%d %H:%M:%S") if r.saved_at else ""
            status = {"final": "定稿"}.get(r.status, "草稿")
            number = f"{r.number}" + (self.tr("（当前）") if r.current else "")
            item = QTreeWidgetItem([number, when, r.total_score, status, r.summary])
            item.setData(0, Qt.ItemDataRole.UserRole, r.number)
            item.setToolTip(4, r.summary)
            self.tree.addTopLevelItem(item)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = buttons.addButton(self.tr("恢复此版本"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.tree.itemActivated.connect(lambda *_: self.restore_button.isEnabled() and self.accept())
        layout.addWidget(buttons)

    def _current_changed(self, item, _previous) -> None:
        current = item is not None and item.text(0).endswith(self.tr("（当前）"))
        self.restore_button.setEnabled(item is not None and not current)

    def chosen(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None


class ShortcutsDialog(QDialog):
    """Every menu action with its shortcut, read from the menus themselves."""

    def __init__(self, menus: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("快捷键一览"))
        fit_to_screen(self, 520, 600)
        layout = QVBoxLayout(self)
        tree = QTreeWidget()
        tree.setHeaderLabels([self.tr("操作"), self.tr("快捷键")])
        for menu in menus:
            top = QTreeWidgetItem([menu.title().replace("&", "").split("(")[0], ""])
            tree.addTopLevelItem(top)
            self._add(top, menu)
            top.setExpanded(True)
        tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(tree)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.tree = tree

    def _add(self, parent: QTreeWidgetItem, menu) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                sub = QTreeWidgetItem([action.text().replace("&", ""), ""])
                parent.addChild(sub)
                self._add(sub, action.menu())
                sub.setExpanded(True)
                continue
            keys = ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts())
            parent.addChild(QTreeWidgetItem([action.text().replace("&", ""), keys]))


def show_about(parent: QWidget, data_dir: str) -> None:
    QMessageBox.about(
        parent, QCoreApplication.translate("Actions", "关于绩效自评"),
        f"<h3>{APP_TITLE} {__version__}</h3>"
        "<p>部门（单位）整体支出与项目支出绩效自评表的填写、检查、打印和交换，完全离线使用。</p>"
        f"<p>表单库：{data_dir}</p>"
        f"<p>Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}</p>"
        "<p>界面字体：文泉驿微米黑（Apache 2.0 / GPLv3）。</p>")
