"""The scoring assistant: what the target and actual say, which rule applies, and the points
it suggests. A suggestion is only ever shown; it becomes the 得分 when the person accepts it.
It names the rule pack whose formulas it applies (the form's rules come from its pack).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from ... import packs
from ...model.form import Node, Rule, Settings
from ...model.numbers import fmt2
from ...model.scoring import Measure, Suggestion, parse_measure, qualitative_outcome, suggest
from .columns import level_of

_COMPARATOR_SIGN = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
_RULES = (Rule.AUTO, Rule.POSITIVE, Rule.EQUAL, Rule.NEGATIVE, Rule.QUALITATIVE, Rule.MANUAL)


def _probe(node: Node, field: str, text: str) -> Node:
    """A detached copy of ``node`` at the same level with one field replaced (for previews)."""
    copy = node.copy(keep_ids=True)
    setattr(copy, field, text)
    holder = Node()
    parent = holder
    for _ in range(max(level_of(node) - 1, 0)):
        parent = parent.append(Node())
    parent.append(copy)
    return copy


class ScoringAssistant(QWidget):
    """Shows the parse of 目标 and 完成, the rule, the suggested points; 采用 accepts them."""

    # The person accepted the suggestion (after it was written through the undo stack).
    accepted = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ScoringAssistant")
        self._model = None
        self._node: Node | None = None
        self._preview: tuple[str, str] | None = None
        self._suggestion: Suggestion | None = None
        self._pack_label = ""  # the window names the form's pack (it knows the library's packs)

        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.target_label = QLabel()
        self.actual_label = QLabel()
        self.rule_combo = QComboBox()
        labels = {
            Rule.AUTO: self.tr("自动"), Rule.POSITIVE: self.tr("正向"), Rule.EQUAL: self.tr("等于"),
            Rule.NEGATIVE: self.tr("反向"), Rule.QUALITATIVE: self.tr("定性"), Rule.MANUAL: self.tr("手动"),
        }
        for rule in _RULES:
            self.rule_combo.addItem(labels[rule], rule.value)
        self.rule_combo.setToolTip(self.tr("评分规则：自动按目标的比较符选择；可改为正向、等于、反向、定性或手动"))
        self.rule_combo.activated.connect(self._on_rule_chosen)
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.points_label = QLabel()
        font = self.points_label.font()
        font.setBold(True)
        self.points_label.setFont(font)
        self.over_label = QLabel()
        self.over_label.setWordWrap(True)
        self.over_label.setStyleSheet("color: #9A6200;")
        self.accept_button = QPushButton(self.tr("采用"))
        self.accept_button.setToolTip(self.tr("把建议得分填入得分（Ctrl+Enter）"))
        self.accept_button.clicked.connect(self.accept)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #666;")
        self.pack_line = QLabel()
        self.pack_line.setWordWrap(True)
        self.pack_line.setStyleSheet("color: #555;")
        self.pack_line.setToolTip(self.tr("建议得分按这张表单的规则包的公式计算"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("目标"), self.target_label)
        form.addRow(self.tr("完成"), self.actual_label)
        form.addRow(self.tr("规则"), self.rule_combo)
        form.addRow("", self.explanation)
        points_row = QHBoxLayout()
        points_row.addWidget(self.points_label, 1)
        points_row.addWidget(self.accept_button)
        form.addRow(self.tr("建议"), points_row)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.over_label)
        layout.addWidget(self.hint)
        layout.addWidget(self.pack_line)
        layout.addStretch(1)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.refresh()

    # -- context --------------------------------------------------------------------------------
    def set_model(self, model) -> None:
        self._model = model
        self._pack_label = ""
        self._node = None
        self._preview = None
        self.refresh()

    def set_pack_label(self, label: str) -> None:
        """Name the form's rule pack (``packs.pack_label``); "" names it from the form alone."""
        self._pack_label = label
        self.refresh()

    def _show_pack(self) -> None:
        form = self._model.form if self._model is not None else None
        label = self._pack_label or (packs.pack_label(form) if form is not None else "")
        self.pack_line.setText(self.tr("计分依据：%1").replace("%1", label) if label else "")
        self.pack_line.setVisible(bool(label))

    def set_node(self, node: Node | None) -> None:
        if node is not self._node:
            self._preview = None
        self._node = node
        self.refresh()

    @property
    def node(self) -> Node | None:
        return self._node

    @property
    def suggestion(self) -> Suggestion | None:
        return self._suggestion

    def preview(self, node_id: str, field: str, text: str) -> None:
        """Show what a target or actual being typed (not yet committed) would give."""
        if self._node is None or self._node.id != node_id or field not in ("target", "actual"):
            return
        self._preview = (field, text)
        self.refresh()

    def clear_preview(self) -> None:
        if self._preview is not None:
            self._preview = None
            self.refresh()

    def _settings(self) -> Settings:
        return self._model.form.settings if self._model is not None else Settings()

    def _editable(self) -> bool:
        return self._model is not None and not self._model.read_only

    # -- display --------------------------------------------------------------------------------
    def describe(self, m: Measure, target: bool = False) -> str:
        if not m.text.strip():
            return self.tr("（未填写）")
        if m.is_numeric:
            sign = _COMPARATOR_SIGN.get(m.comparator or "", "")
            number = format(m.number, "f")
            unit = f" {m.unit}" if m.unit else ""
            extra = f"（{m.word}）" if m.word else ""
            return f"{sign} {number}{unit}{extra}".strip()
        if target:
            return self.tr("{text}（定性目标）").format(text=m.text.strip())
        outcome = qualitative_outcome(m.text)
        if outcome is not None:
            return self.tr("{text}（定性：{outcome}）").format(text=m.text.strip(), outcome=self._outcome_label(outcome))
        return self.tr("{text}（文字，无数值）").format(text=m.text.strip())

    def _outcome_label(self, outcome: str) -> str:
        return {"achieved": self.tr("达成"), "partial": self.tr("部分达成"), "missed": self.tr("未达成")}[outcome]

    def refresh(self) -> None:
        node = self._node
        scored = node is not None and node.parent is not None and node.is_scored
        for w in (self.target_label, self.actual_label, self.rule_combo, self.explanation,
                  self.points_label, self.accept_button):
            w.setEnabled(scored)
        self.over_label.hide()
        self._suggestion = None
        self._show_pack()
        if not scored:
            self.title.setText(self.tr("评分助手"))
            self.target_label.setText("")
            self.actual_label.setText("")
            self.explanation.setText("")
            self.points_label.setText("")
            self.accept_button.setEnabled(False)
            self.hint.setText(self.tr("选择一个计分指标（三级指标，或已填分值的二级指标），"
                                      "这里会显示目标与完成值的解读和建议得分。"))
            return
        probe = node
        if self._preview is not None:
            probe = _probe(node, *self._preview)
        self.title.setText(node.path())
        self.target_label.setText(self.describe(parse_measure(probe.target), target=True))
        self.actual_label.setText(self.describe(parse_measure(probe.actual)))
        i = self.rule_combo.findData(node.rule.value)
        self.rule_combo.blockSignals(True)
        self.rule_combo.setCurrentIndex(max(i, 0))
        self.rule_combo.blockSignals(False)
        self.rule_combo.setEnabled(self._editable())
        s = suggest(probe, self._settings())
        self._suggestion = s
        if s is None:
            if node.rule is Rule.MANUAL:
                why = self.tr("手动：由评分人判断，不给建议。")
            elif node.max_points is None:
                why = self.tr("请先填写分值。")
            else:
                why = self.tr("完成值无法解读，不能给出建议：请填写数值（如 98%）或“达成指标”“部分达成”“未达成”。")
            self.explanation.setText(why)
            self.points_label.setText("—")
            self.accept_button.setEnabled(False)
            self.hint.setText("")
            return
        self.explanation.setText(s.explanation)
        text = fmt2(s.points)
        if s.low is not None and s.high is not None:
            text += self.tr("（可在 {low}–{high} 之间）").format(low=fmt2(s.low), high=fmt2(s.high))
        self.points_label.setText(text)
        if s.over_target:
            self.over_label.setText(self.tr("⚠ 完成值远超目标，目标可能设置偏低：请在“偏差及原因分析”中说明。"))
            self.over_label.show()
        same = node.score is not None and Decimal(node.score) == s.points
        if self._preview is not None:
            self.accept_button.setEnabled(self._editable() and not same)
            self.hint.setText(self.tr("正在输入：按 Enter 确认；按 Ctrl+Enter 确认并采用建议。"))
        elif same:
            self.accept_button.setEnabled(False)
            self.hint.setText(self.tr("已填得分与建议一致。"))
        else:
            self.accept_button.setEnabled(self._editable())
            typed = fmt2(node.score) if node.score is not None else self.tr("未填")
            self.hint.setText(self.tr("已填得分：{typed}。建议不会自动填入，按“采用”或 Ctrl+Enter 采用。").format(typed=typed))

    def can_accept(self) -> bool:
        node = self._node
        s = self._suggestion
        return (self._editable() and node is not None and node.parent is not None and s is not None
                and (node.score is None or node.score != s.points))

    # -- actions --------------------------------------------------------------------------------
    def accept(self) -> bool:
        """Write the suggested points into 得分 through the undo stack."""
        if self._preview is not None:
            # A value is still being typed: the editor commits it first (Ctrl+Enter does).
            self.clear_preview()
        if not self.can_accept():
            return False
        node, s = self._node, self._suggestion
        self._model.document.edit_node(
            node, "score", s.points, self.tr("采用建议得分：{name}").format(name=node.name or self.tr("（未命名）")))
        self.accepted.emit(node.id, s.points)
        self.refresh()
        return True

    def _on_rule_chosen(self, i: int) -> None:
        rule = self.rule_combo.itemData(i)
        node = self._node
        if node is None or self._model is None or not self._editable() or rule is None:
            return
        if Rule(rule) is node.rule:
            return
        self._model.document.edit_node(node, "rule", Rule(rule))
        self.refresh()
