"""Rule packs in the window: choosing one for a new form, and previewing a change of pack.

``NewFormDialog`` lists every pack this program can use (shipped, then the library's own),
grouped by kind, with its title, place, years and source; the kind's default is selected.
``ChangePackDialog`` offers the other packs of the form's kind and shows, before anything is
applied, what the change does (``model.packs.apply_pack`` + ``compare``): each indicator whose
得分 or findings change, the total and the grade, and what else the pack replaces (budget rows,
sign-off lines). The dialogs only choose; the window applies, through the undo stack.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QHeaderView, QLabel, QTextBrowser, QTreeWidget,
    QTreeWidgetItem, QVBoxLayout, QWidget,
)

from .. import packs
from ..model import FormKind, fmt2
from ..model.form import Form
from ..model.operations import default_year
from ..model.pack_change import PackChange, compare
from ..model.packs import Pack, apply_pack
from .commands import differing_parts

PACK_ROLE = Qt.ItemDataRole.UserRole


def years_text(pack: Pack) -> str:
    return f"{pack.years[0]}–{pack.years[1]}"


def pack_details(pack: Pack, shipped: bool) -> str:
    """What a person reads about a pack before choosing it (plain text, several lines)."""
    lines = [f"{pack.title}（{pack.name}，版本 {pack.version}）",
             f"适用地区：{pack.place}　适用年度：{years_text(pack)}　{'程序自带' if shipped else '本表单库导入'}",
             f"依据：{pack.source}"]
    if pack.description:
        lines.append(pack.description)
    if pack.unverified:
        lines.append("未经核实的规则：" + "；".join(u.rstrip("。") for u in pack.unverified) + "。")
    return "\n".join(lines)


def _buttons(dialog: QDialog, accept: str):
    """取消 and the dialog's own accepting button (新建, 应用)."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    button = buttons.addButton(accept, QDialogButtonBox.ButtonRole.AcceptRole)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons, button


def _shipped_names() -> set[str]:
    return {p.name for p in packs.shipped()}


class NewFormDialog(QDialog):
    """新建表单: pick the rule pack a new form starts from."""

    def __init__(self, available: list[Pack], kind: FormKind = FormKind.DEPARTMENT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("按规则包新建表单"))
        self.resize(860, 480)
        shipped = _shipped_names()
        note = QLabel(self.tr("选择新表单依据的规则包：表格样式、默认指标和计分规则都取自它。"
                              "表单会记住所用的规则包，以后可在“文件 › 更换规则包…”中更换。"))
        note.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels([self.tr("规则包"), self.tr("地区"), self.tr("适用年度"), self.tr("依据")])
        self.tree.setRootIsDecorated(False)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        defaults = dict(packs.DEFAULT_PACKS)
        select = None
        bold = QFont(self.font())
        bold.setBold(True)
        for k in (FormKind.DEPARTMENT, FormKind.PROJECT):
            group = QTreeWidgetItem(self.tree, [self.tr("%1表单").replace("%1", k.label)])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            for pack in (p for p in available if p.kind is k):
                title = pack.title + (self.tr("（默认）") if pack.name == defaults.get(k) else "")
                if pack.name not in shipped:
                    title += self.tr("（导入）")
                item = QTreeWidgetItem(group, ["　" + title, pack.place, years_text(pack), pack.source])
                item.setData(0, PACK_ROLE, pack.name)
                item.setToolTip(0, pack_details(pack, pack.name in shipped))
                item.setToolTip(3, pack.source)
                if k is kind and pack.name == defaults.get(k):
                    select = item
        self.tree.expandAll()
        self._packs = {p.name: p for p in available}
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setStyleSheet("color:#444")
        self.details.setMinimumHeight(70)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        buttons, self.create_button = _buttons(self, self.tr("新建"))
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemActivated.connect(lambda item, _c: self.chosen() is not None and self.accept())
        if select is not None:
            self.tree.setCurrentItem(select)
        self._show_current()
        self.tree.setFocus()

    def select(self, name: str) -> bool:
        """Select the pack of that name; False when it is not listed."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, PACK_ROLE) == name:
                    self.tree.setCurrentItem(group.child(j))
                    return True
        return False

    def chosen(self) -> Pack | None:
        item = self.tree.currentItem()
        name = item.data(0, PACK_ROLE) if item is not None else None
        return self._packs.get(name) if name else None

    def _show_current(self) -> None:
        pack = self.chosen()
        self.create_button.setEnabled(pack is not None)
        text = pack_details(pack, pack.name in _shipped_names()) if pack is not None else ""
        year = default_year()
        if pack is not None and not pack.covers(year):
            text += "\n" + self.tr("注意：这个规则包适用于 %1 年，新表单的年度为 %2 年。").replace("%1", years_text(pack)) \
                .replace("%2", str(year))
        self.details.setText(text)


class ChangePackDialog(QDialog):
    """更换规则包: choose another pack of the form's kind and see what it changes first."""

    def __init__(self, form: Form, candidates: list[Pack], current_label: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("更换规则包"))
        self.resize(900, 560)
        self.form = form
        self._candidates = candidates
        self._result: Form | None = None
        self.change: PackChange | None = None
        current = QLabel(self.tr("本表现在的规则包：%1").replace("%1", current_label))
        current.setWordWrap(True)
        self.combo = QComboBox()
        now = form.pack or packs.DEFAULT_PACKS[form.kind]
        for pack in candidates:
            text = f"{pack.title}（{pack.name}）· {pack.place} · {years_text(pack)}"
            if pack.name == now:
                text += self.tr("（当前）")
            self.combo.addItem(text, pack.name)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setStyleSheet("color:#444")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        # Each changed indicator, one row: long findings wrap (a table in rich text does).
        self.table = QTextBrowser()
        self.table.setOpenLinks(False)
        self.rows: list[tuple[str, str, str]] = []
        self.others = QLabel()
        self.others.setWordWrap(True)
        self.others.setStyleSheet("color:#555")
        note = QLabel(self.tr("指标和填写的内容保持不变；按原规则采用的建议得分按新规则重新计算，自己填写的得分保留。"
                              "应用后可以撤销（Ctrl+Z）。"))
        note.setWordWrap(True)
        note.setStyleSheet("color:#666")
        buttons, self.apply_button = _buttons(self, self.tr("应用"))
        layout = QVBoxLayout(self)
        layout.addWidget(current)
        layout.addWidget(QLabel(self.tr("更换为：")))
        layout.addWidget(self.combo)
        layout.addWidget(self.details)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.others)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.combo.currentIndexChanged.connect(lambda _i: self._preview())
        first_other = next((i for i, p in enumerate(candidates) if p.name != now), 0)
        self.combo.setCurrentIndex(first_other)
        self._preview()

    def select(self, name: str) -> bool:
        i = self.combo.findData(name)
        if i < 0:
            return False
        self.combo.setCurrentIndex(i)
        return True

    def chosen(self) -> Pack | None:
        i = self.combo.currentIndex()
        return self._candidates[i] if 0 <= i < len(self._candidates) else None

    def result_form(self) -> Form | None:
        """The form as it will be under the chosen pack (what 应用 applies)."""
        return self._result

    def _preview(self) -> None:
        pack = self.chosen()
        self.table.clear()
        if pack is None:
            self._result = None
            self.apply_button.setEnabled(False)
            return
        self.details.setText(pack_details(pack, pack.name in _shipped_names()))
        after = apply_pack(self.form, pack)
        change = compare(self.form, after)
        self._result, self.change = after, change
        self.summary.setText(self._totals_text(change))
        rows = []
        for leaf in change.leaves:
            score = f"{fmt2(leaf.score_before) or '—'} → <b>{fmt2(leaf.score_after) or '—'}</b>"
            if leaf.score_before == leaf.score_after:
                score = self.tr("%1（不变）").replace("%1", fmt2(leaf.score_before) or "—")
            rows.append((escape(leaf.path), score, _findings_html(leaf.findings_added, leaf.findings_removed)))
        if change.form_findings_added or change.form_findings_removed:
            rows.append((self.tr("（整张表）"), "", _findings_html(change.form_findings_added, change.form_findings_removed)))
        self.rows = rows
        self.table.setHtml(self._table_html(rows))
        self.table.setVisible(bool(rows))
        self.others.setText("\n".join(_other_changes(self.form, after)))
        self.others.setVisible(bool(self.others.text()))
        # The pack already followed, unchanged: nothing to apply (a re-imported pack may differ).
        self.apply_button.setEnabled(change.changes_anything or bool(differing_parts(self.form, after)))

    def _table_html(self, rows: list[tuple[str, str, str]]) -> str:
        heads = (self.tr("指标"), self.tr("得分（更换前 → 更换后）"), self.tr("检查结果的变化"))
        head = "".join(f'<th style="background:#eeeeee" align="left">{h}</th>' for h in heads)
        body = "".join(f'<tr><td width="34%">{path}</td><td align="center" width="22%">{score}</td>'
                       f"<td>{findings}</td></tr>" for path, score, findings in rows)
        return (f'<table width="100%" cellspacing="0" cellpadding="4" border="1" '
                f'style="border-collapse:collapse; border-color:#cccccc"><tr>{head}</tr>{body}</table>')

    def _totals_text(self, c: PackChange) -> str:
        if not c.changes_anything:
            return self.tr("<b>没有变化</b>：各项得分、检查结果、总分（%1）和等级（%2）都不变。") \
                .replace("%1", fmt2(c.total_before)).replace("%2", c.grade_before)
        total = f"{fmt2(c.total_before)} → <b>{fmt2(c.total_after)}</b>" if c.total_before != c.total_after \
            else self.tr("%1（不变）").replace("%1", fmt2(c.total_before))
        grade = f"{c.grade_before} → <b>{c.grade_after}</b>" if c.grade_before != c.grade_after \
            else self.tr("%1（不变）").replace("%1", c.grade_before)
        count = self.tr("%1 个指标的得分或检查结果有变化").replace("%1", str(len(c.leaves))) if c.leaves \
            else self.tr("各指标的得分和检查结果不变")
        return self.tr("总分 %1　　等级 %2　　%3").replace("%1", total).replace("%2", grade).replace("%3", count)


def _findings_html(added: tuple[str, ...], removed: tuple[str, ...]) -> str:
    """New findings (＋, red) and the ones that go away (－, green), one a line."""
    lines = [f'<span style="color:#b71c1c">＋ {escape(m)}</span>' for m in added]
    lines += [f'<span style="color:#2e7d32">－ {escape(m)}</span>' for m in removed]
    return "<br>".join(lines)


def _other_changes(before: Form, after: Form) -> list[str]:
    """What else the new pack replaces: budget rows, budget points, sign-off lines, layout title."""
    out = []
    lb, la = packs.layout_of(before), packs.layout_of(after)
    if lb.title != la.title:
        out.append(f"表名：{lb.title} → {la.title}")
    rows_b = "、".join(r.label for r in before.budget.rows)
    rows_a = "、".join(r.label for r in after.budget.rows)
    if rows_b != rows_a:
        out.append(f"预算表的行：{rows_b} → {rows_a}（金额按行保留）")
    if before.budget.points != after.budget.points:
        out.append(f"预算执行分值：{fmt2(before.budget.points) or '不计分'} → {fmt2(after.budget.points) or '不计分'}")
    sign_b = "、".join(f.label for f in before.signoff.fields)
    sign_a = "、".join(f.label for f in after.signoff.fields)
    if sign_b != sign_a:
        out.append(f"签字栏：{sign_b} → {sign_a}（已填的内容按栏名保留）")
    return out
