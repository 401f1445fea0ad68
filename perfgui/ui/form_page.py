"""基本信息: the form's header, budget table, overall goals and sign-off, laid out like the paper.

The page is rebuilt for each open form, and when the form moves to another rule pack: the
labels, the budget table's columns, its 分值/得分 and its 原因 follow the form's layout and rules
(a 部门整体 and a 项目支出 form differ in their header and budget table; an MOF-style 部门整体
pack scores its budget). Computed cells — 执行率, the two split totals, 预算执行 points — are grey
and read-only and follow every keystroke; where 资金来源 and 资金结构 disagree the totals are
tinted and a line under the table says by how much.
"""

from __future__ import annotations

from decimal import Decimal
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QScrollArea, QSizePolicy,
    QVBoxLayout, QWidget,
)

from .. import packs
from ..model import ERROR, Finding, FormKind, fmt2, fmt_money, fmt_weight
from ..model.form import BudgetRow
from ..model.pack_layout import BUDGET_COLUMNS
from ..model.totals import budget_score
from .form_fields import (
    DateField, DecimalField, PlainTextField, TextField, UndoKeyFilter, YearField, fit_money, set_problem,
)

DATE_LABELS = ("填报日期", "日期")  # sign-off lines that hold a date (their labels are data)

STYLE = """
QLineEdit[problem="error"], QPlainTextEdit[problem="error"] { background: #fdecea; border: 1px solid #e57373; }
QLineEdit[problem="warning"], QPlainTextEdit[problem="warning"] { background: #fff8e1; border: 1px solid #ffb74d; }
QLineEdit[computed="true"] { background: palette(window); color: #333; border: 1px solid #d0d0d0; }
QLineEdit[computed="true"][problem="error"] { background: #fdecea; border: 1px solid #e57373; color: #b71c1c; }
QGroupBox { font-weight: bold; margin-top: 12px; }
QGroupBox::title { subcontrol-origin: margin; left: 8px; padding: 0 4px; }
"""

MAX_PAGE_WIDTH = 1100


def _computed(text: str = "", tooltip: str = "") -> QLineEdit:
    """A grey, read-only cell for a computed value (reachable by Tab to be read aloud)."""
    w = QLineEdit(text)
    w.setReadOnly(True)
    w.setProperty("computed", "true")
    w.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    w.setToolTip(tooltip)
    w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    return w


def _plain_font(label: QLabel) -> QLabel:
    f = label.font()
    f.setBold(False)
    label.setFont(f)
    return label


class FormPage(QScrollArea):
    """The 基本信息 tab."""

    # The page asks the window to show the 绩效指标 tab (e.g. a finding that lives there).
    showIndicators = Signal()
    # The person clicked 更换规则包… beside the form's pack.
    changePackRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.doc = None
        # Where the library's own packs are (the window sets it): names the form's pack.
        self.library_folder = None
        self._fields: dict[str, QWidget] = {}  # "header.unit", "budget.source_fiscal.planned", …
        self._bound: list = []
        self._computed: dict[str, QLineEdit] = {}
        self._undo_filter = UndoKeyFilter(self)
        # The page is built when first shown: at start-up the 绩效指标 tab is usually in front,
        # and the first frame should not wait for widgets nobody sees yet.
        self._pending = False
        self._placeholder()

    # -- building ----------------------------------------------------------------------------
    def _placeholder(self) -> None:
        label = QLabel(self.tr("请在左侧表单库中打开一张表单，或从“文件 › 新建”开始。"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("color:#777; font-size:14px")
        self.setWidget(label)

    def set_document(self, doc) -> None:
        if self.doc is not None:
            try:
                self.doc.changed.disconnect(self._on_changed)
                self.doc.editableChanged.disconnect(self._set_editable)
            except (RuntimeError, TypeError):
                pass
        self.doc = doc
        self._fields.clear()
        self._bound.clear()
        self._computed.clear()
        self._pending = False
        if doc is None:
            self._placeholder()
            return
        doc.changed.connect(self._on_changed)
        doc.editableChanged.connect(self._set_editable)
        if self.isVisible():
            self._build_now()
        else:
            self._pending = True

    def rebuild(self) -> None:
        """Build the page again (the form's parts were replaced: another pack)."""
        if self.doc is None:
            return
        self._fields.clear()
        self._bound.clear()
        self._computed.clear()
        if self.isVisible():
            self._build_now()
        else:
            self._pending = True

    def ensure_built(self) -> None:
        if self._pending:
            self._build_now()

    def _build_now(self) -> None:
        self._pending = False
        self._build()
        self._set_editable(self.doc.editable)
        self.refresh_pack_line()
        self.refresh_computed()
        self.set_findings(self.doc.findings)

    def showEvent(self, event) -> None:  # noqa: N802
        self.ensure_built()
        super().showEvent(event)

    @property
    def fields(self) -> dict[str, QWidget]:
        """The page's input fields by key (building the page if it was not shown yet)."""
        self.ensure_built()
        return self._fields

    @property
    def computed(self) -> dict[str, QLineEdit]:
        """The grey computed cells by key ("rate.source_fiscal", "signoff.score", …)."""
        self.ensure_built()
        return self._computed

    def _build(self) -> None:
        form = self.doc.form
        outer = QWidget()
        outer.setStyleSheet(STYLE)
        row = QHBoxLayout(outer)
        row.setContentsMargins(16, 12, 16, 16)
        page = QWidget()
        page.setMaximumWidth(MAX_PAGE_WIDTH)
        page.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        row.addWidget(page)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)

        self.layout_ = packs.layout_of(form)
        self.title_label = QLabel(self.layout_.title)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.year_label = QLabel()
        self.year_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pack_line = QLabel()
        self.pack_line.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pack_line.setStyleSheet("color:#555")
        self.pack_line.setTextFormat(Qt.TextFormat.RichText)
        self.pack_line.linkActivated.connect(lambda _link: self.changePackRequested.emit())
        layout.addWidget(self.title_label)
        layout.addWidget(self.year_label)
        layout.addWidget(self.pack_line)

        layout.addWidget(self._header_box())
        layout.addWidget(self._budget_box())
        layout.addWidget(self._goals_box(), 1)
        layout.addWidget(self._signoff_box())
        layout.addStretch(0)
        self.setWidget(outer)
        for w in self._bound:
            w.installEventFilter(self._undo_filter)

    def _add(self, key: str, widget: QWidget) -> QWidget:
        self._fields[key] = widget
        self._bound.append(widget)
        return widget

    def _header_box(self) -> QGroupBox:
        form, doc = self.doc.form, self.doc
        h = form.header
        box = QGroupBox(self.tr("表头"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 1)
        if form.kind is FormKind.PROJECT:
            grid.addWidget(QLabel(self.tr("项目名称")), 0, 0)
            grid.addWidget(self._add("header.project_name", TextField(doc, h, "project_name", "项目名称", "header")), 0, 1)
            grid.addWidget(QLabel(self.tr("年度")), 0, 2)
            grid.addWidget(self._add("header.year", YearField(doc, h, "year", "年度", "header")), 0, 3)
            grid.addWidget(QLabel(self.tr("主管部门")), 1, 0)
            grid.addWidget(self._add("header.department", TextField(doc, h, "department", "主管部门", "header")), 1, 1)
            unit_label = self.layout_.unit_label
            grid.addWidget(QLabel(unit_label), 2, 0)
            grid.addWidget(self._add("header.unit", TextField(
                doc, h, "unit", unit_label, "header", also=((h, "implementer"),))), 2, 1)
        else:
            unit_label = self.layout_.unit_label
            grid.addWidget(QLabel(unit_label), 0, 0)
            grid.addWidget(self._add("header.unit", TextField(doc, h, "unit", unit_label, "header")), 0, 1)
            grid.addWidget(QLabel(self.tr("年度")), 0, 2)
            grid.addWidget(self._add("header.year", YearField(doc, h, "year", "年度", "header")), 0, 3)
        for child in box.findChildren(QLabel):
            _plain_font(child)
        return box

    def _budget_box(self) -> QGroupBox:
        form, doc = self.doc.form, self.doc
        b = form.budget
        lay = self.layout_
        project = form.kind is FormKind.PROJECT
        box = QGroupBox(f"{lay.budget_title}（{b.unit}）")
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        columns = [(c.key, c.label) for c in lay.budget_columns if c.key in ("initial", "planned", "actual")]
        rate_label = _budget_label(lay, "rate")
        if "%" not in rate_label:
            rate_label += "(%)"
        heads = [self.tr("类别"), self.tr("项目")] + [label for _, label in columns] + [rate_label]
        for c, text in enumerate(heads):
            lab = _plain_font(QLabel(text))
            lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
            lab.setStyleSheet("color:#444")
            grid.addWidget(lab, 0, c)
        grid.setColumnStretch(0, 0)
        grid.setColumnStretch(1, 1)
        for c in range(2, len(heads)):
            grid.setColumnStretch(c, 2)
        r = 1
        groups: list[str] = []
        for row in b.rows:
            if row.group not in groups:
                groups.append(row.group)
        numbered = {g: 0 for g in groups}
        last_group = None
        for row in b.rows:
            if row.group != last_group and row.group and not project:
                grid.addWidget(_plain_font(QLabel(row.group)), r, 0)
            last_group = row.group
            if project:
                label = row.label if not row.group else f"其中：{row.label}" if numbered[row.group] == 0 else row.label
                numbered[row.group] = numbered.get(row.group, 0) + 1
            else:
                numbered[row.group] += 1
                label = f"（{numbered[row.group]}）{row.label}"
            lab = _plain_font(QLabel(label))
            if project and row.group:
                lab.setIndent(16)
            grid.addWidget(lab, r, 1)
            for c, (attr, col_label) in enumerate(columns, start=2):
                field = DecimalField(doc, row, attr, f"{row.label}{col_label}", "budget")
                grid.addWidget(self._add(f"budget.{row.key}.{attr}", field), r, c)
            rate = _computed(tooltip=self.tr("执行率 = 全年执行数 ÷ 全年预算数 × 100，自动计算"))
            self._computed[f"rate.{row.key}"] = rate
            grid.addWidget(rate, r, len(columns) + 2)
            r += 1
            if not project and row is [x for x in b.rows if x.group == row.group][-1]:
                grid.addWidget(_plain_font(QLabel(self.tr("合计"))), r, 1)
                for c, (attr, _l) in enumerate(columns, start=2):
                    cell = _computed()
                    fit_money(cell)
                    self._computed[f"sum.{row.group}.{attr}"] = cell
                    grid.addWidget(cell, r, c)
                cell = _computed()
                self._computed[f"sum.{row.group}.rate"] = cell
                grid.addWidget(cell, r, len(columns) + 2)
                r += 1
        if b.points is not None or lay.has_budget("points"):
            points_label = self.tr("预算执行%1").replace("%1", _budget_label(lay, "points"))
            grid.addWidget(_plain_font(QLabel(points_label)), r, 1)
            grid.addWidget(self._add("budget.points", DecimalField(doc, b, "points", points_label, "budget", money=False)), r, 2)
            grid.addWidget(_plain_font(QLabel(_budget_label(lay, "score"))), r, 3, Qt.AlignmentFlag.AlignRight)
            full = fmt_weight(form.settings.budget_full_at)
            tip = (self.tr("预算执行得分 = min(执行率, 100%) × 分值，自动计算") if form.settings.budget_full_at == 100 else
                   self.tr("预算执行得分 = min(执行率, %1%) ÷ %1% × 分值：执行率达到 %1% 即得满分，自动计算").replace("%1", full))
            score = _computed(tooltip=tip)
            self._computed["budget.score"] = score
            grid.addWidget(score, r, 4)
            r += 1
        rules = form.settings
        if lay.has_budget("reason") or "low_execution" in rules.reason_when:
            reason_label = _budget_label(lay, "reason")
            grid.addWidget(_plain_font(QLabel(reason_label)), r, 1)
            reason = TextField(doc, b, "reason", f"预算执行{reason_label}", "budget")
            hints = []
            if "low_execution" in rules.reason_when:
                hints.append(self.tr("执行率低于 %1% 时必须说明").replace("%1", fmt_weight(rules.low_execution)))
            if rules.reason_max:
                hints.append(self.tr("不超过 %1 字").replace("%1", str(rules.reason_max)))
            reason.setPlaceholderText("；".join(hints) or self.tr("执行率偏低的原因"))
            grid.addWidget(self._add("budget.reason", reason), r, 2, 1, len(heads) - 2)
            r += 1
        self.split_note = QLabel()
        self.split_note.setWordWrap(True)
        self.split_note.setStyleSheet("color:#c62828; font-weight:normal")
        self.split_note.hide()
        grid.addWidget(self.split_note, r, 0, 1, len(heads))
        return box

    def _goals_box(self) -> QGroupBox:
        form, doc = self.doc.form, self.doc
        lay = self.layout_
        box = QGroupBox(self.tr("年度总体目标") if lay.goals_title == "年度总体目标" else lay.goals_title)
        grid = QGridLayout(box)
        left, right = lay.goals_labels
        if lay.goals_labels in (("预期目标", "实际完成情况"), ("年初设定目标", "全年完成情况")):
            left, right = self.tr(left), self.tr(right)  # the usual labels have an English translation
        grid.addWidget(_plain_font(QLabel(left)), 0, 0)
        grid.addWidget(_plain_font(QLabel(right)), 0, 1)
        planned = PlainTextField(doc, form.goals, "planned", left, "goals")
        achieved = PlainTextField(doc, form.goals, "achieved", right, "goals")
        for w in (planned, achieved):
            w.setMinimumHeight(150)
            w.setFont(self.font())
        grid.addWidget(self._add("goals.planned", planned), 1, 0)
        grid.addWidget(self._add("goals.achieved", achieved), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(1, 1)
        return box

    def _signoff_box(self) -> QGroupBox:
        form, doc = self.doc.form, self.doc
        box = QGroupBox(self.tr("自评结果与签字"))
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(10)
        grid.addWidget(_plain_font(QLabel(self.tr("自评得分"))), 0, 0)
        self._computed["signoff.score"] = _computed(tooltip=self.tr("各项得分合计，自动计算"))
        grid.addWidget(self._computed["signoff.score"], 0, 1)
        grid.addWidget(_plain_font(QLabel(self.tr("自评等级"))), 0, 2)
        self._computed["signoff.grade"] = _computed()
        self._computed["signoff.grade"].setAlignment(Qt.AlignmentFlag.AlignCenter)
        grid.addWidget(self._computed["signoff.grade"], 0, 3)
        for i, f in enumerate(form.signoff.fields):
            r, c = 1 + i // 2, (i % 2) * 2
            grid.addWidget(_plain_font(QLabel(f.label)), r, c)
            kind = DateField if f.label.strip() in DATE_LABELS else TextField
            grid.addWidget(self._add(f"signoff.{i}", kind(doc, f, "value", f.label, "signoff")), r, c + 1)
        r = 2 + (len(form.signoff.fields) - 1) // 2
        seal = _plain_font(QLabel(f"{form.signoff.seal_label}：" + self.tr("（打印后加盖公章）")))
        seal.setStyleSheet("color:#666")
        grid.addWidget(seal, r, 0, 1, 4)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    # -- updating ----------------------------------------------------------------------------
    def _on_changed(self, section: str) -> None:
        if self._pending:
            return
        if section == "pack":
            self.rebuild()
            return
        if section != "tree":
            for w in self._bound:
                if w.section == section or section == "status":
                    w.refresh()
        self.refresh_computed()

    def _set_editable(self, editable: bool) -> None:
        for w in self._bound:
            w.setReadOnly(not editable)

    def refresh_computed(self) -> None:
        if self.doc is None or self._pending:
            return
        form = self.doc.form
        b = form.budget
        self.year_label.setText(f"（{form.header.year}年度）" if form.header.year else self.tr("（年度未填）"))
        for row in b.rows:
            self._computed[f"rate.{row.key}"].setText(fmt2(row.rate))
        if "budget.score" in self._computed:
            self._computed["budget.score"].setText(fmt2(budget_score(b, form.settings)))
        if form.kind is FormKind.PROJECT:
            self.split_note.hide()
        else:
            self._refresh_splits(b)
        totals = self.doc.totals
        self._computed["signoff.score"].setText(fmt2(totals.total_score))
        self._computed["signoff.grade"].setText(totals.grade)

    def _refresh_splits(self, b) -> None:
        groups = [g for g in dict.fromkeys(r.group for r in b.rows) if g]
        notes = []
        for attr, label in (("planned", "全年预算数"), ("actual", "全年执行数")):
            sums = {g: b.group_sum(g, attr) for g in groups}
            for g in groups:
                self._computed[f"sum.{g}.{attr}"].setText(fmt_money(sums[g]))
            values = [v for v in sums.values() if v is not None]
            mismatch = len(values) == len(groups) == 2 and values[0] != values[1]
            for g in groups:
                cell = self._computed[f"sum.{g}.{attr}"]
                tip = ""
                if mismatch:
                    tip = (f"{label}：按{groups[0]}合计 {fmt_money(values[0])}，按{groups[1]}合计 "
                           f"{fmt_money(values[1])}，相差 {fmt_money(abs(values[0] - values[1]))}")
                set_problem(cell, ERROR if mismatch else None, tip)
            if mismatch:
                notes.append(f"✖ {label}：{groups[0]}合计与{groups[1]}合计相差 "
                             f"{fmt_money(abs(values[0] - values[1]))} {b.unit}，两者应相等。")
        for g in groups:
            self._computed[f"sum.{g}.rate"].setText(fmt2(_rate(b.group_sum(g, "actual"), b.group_sum(g, "planned"))))
        self.split_note.setText("\n".join(notes))
        self.split_note.setVisible(bool(notes))

    # -- findings ----------------------------------------------------------------------------
    def _field_keys(self, f: Finding) -> list[str]:
        """The page's fields a finding is about (empty when it is about the indicator tree)."""
        if f.node_id is not None or self.doc is None:
            return []
        if f.code.startswith("HEADER_") and f.field:
            return [f"header.{f.field}"] if f.field in ("unit", "year", "project_name", "department") else []
        if f.field == "budget_reason":
            return ["budget.reason"] if "budget.reason" in self._fields else []
        if f.field == "goals_achieved":
            return ["goals.achieved"]
        if f.code.startswith("BUDGET_"):
            rows = self.doc.form.budget.rows
            attr = f.field or "planned"
            named = [r for r in rows if f.where.endswith(f"› {r.label}")]
            if named:
                return [f"budget.{named[0].key}.{attr}"]
            if f.code == "BUDGET_TOTAL":
                return [f"budget.total.{attr}"]
            return [f"budget.{r.key}.{attr}" for r in rows if attr in ("planned", "actual") or
                    (attr == "initial" and self.doc.form.kind is FormKind.PROJECT)]
        return []

    def owns(self, f: Finding) -> bool:
        return bool(self._field_keys(f))

    def set_findings(self, findings: list[Finding]) -> None:
        if self._pending:
            return
        marks: dict[str, tuple[str, list[str]]] = {}
        for f in findings:
            for key in self._field_keys(f):
                level, messages = marks.get(key, (f.level, []))
                if f.level == ERROR:
                    level = ERROR
                messages.append(f.message)
                marks[key] = (level, messages)
        for key, w in self._fields.items():
            if isinstance(w, DecimalField) and not w.valid:
                continue
            level, messages = marks.get(key, (None, []))
            set_problem(w, level, "\n".join(messages))

    def refresh_pack_line(self) -> None:
        """规则包：<title>（<name>） · 更换规则包…"""
        if self.doc is None or self._pending:
            return
        label = packs.pack_label(self.doc.form, self.library_folder)
        link = self.tr("更换规则包…")
        self.pack_line.setText(self.tr("规则包：%1").replace("%1", escape(label)) + f'　<a href="change">{link}</a>')
        self.pack_line.setToolTip(self.tr("这张表单按此规则包的格式和计分规则填写、检查和打印"))

    def focus_finding(self, f: Finding) -> bool:
        """Put the cursor in the field a finding is about; False if it is not on this page."""
        keys = self._field_keys(f)
        if not keys:
            return False
        w = self.fields[keys[0]]
        self.ensureWidgetVisible(w, 40, 40)
        w.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(w, QLineEdit):
            w.selectAll()
        return True


def _rate(actual: Decimal | None, planned: Decimal | None) -> Decimal | None:
    return BudgetRow("", "", actual=actual, planned=planned).rate


def _budget_label(layout, key: str) -> str:
    """The label of a budget column in this layout, or its usual one."""
    for c in layout.budget_columns:
        if c.key == key:
            return c.label
    return BUDGET_COLUMNS[key]
