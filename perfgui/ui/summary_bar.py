"""The bar at the bottom of the window: the form's headline figures, always in sight."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ..model import Totals, fmt2, fmt_weight

ERROR_COLOR = "#c62828"
WARN_COLOR = "#b26a00"
OK_COLOR = "#2e7d32"
GREY = "#666666"


class _Clickable(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


def _sep() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.VLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class SummaryBar(QWidget):
    """总分 / 满分, grade, Σ权重, error and warning counts, save state and fingerprint."""

    findingsClicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score_label = QLabel()
        self.grade_label = QLabel()
        self.weight_label = QLabel()
        self.counts_label = _Clickable()
        self.counts_label.setCursor(Qt.CursorShape.PointingHandCursor)
        self.counts_label.setToolTip(self.tr("显示检查结果（F8 转到下一个问题）"))
        self.counts_label.clicked.connect(self.findingsClicked)
        self.save_label = QLabel()
        # The status bar's passing messages ("已导入…", why an input was refused) show here: the
        # summary takes the whole bar, so Qt's own message area would have no room.
        self.message_label = QLabel()
        self.message_label.setMinimumWidth(40)
        self.message_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.message_label.setStyleSheet("color:#1a4f8b")
        self.fingerprint_label = QLabel()
        self.fingerprint_label.setToolTip(self.tr("表单内容指纹：打印件上印有同一指纹，可核对纸质版与电子版是否一致"))
        self.fingerprint_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for label in (self.score_label, self.grade_label, self.weight_label):
            label.setTextFormat(Qt.TextFormat.RichText)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        layout.setSpacing(14)
        for w in (self.score_label, _sep(), self.grade_label, _sep(), self.weight_label, _sep(),
                  self.counts_label):
            layout.addWidget(w)
        layout.addWidget(self.message_label, 1)
        layout.addWidget(self.save_label)
        layout.addWidget(_sep())
        layout.addWidget(self.fingerprint_label)
        self.clear()

    def clear(self) -> None:
        self.score_label.setText(self.tr("总分 —"))
        self.grade_label.setText(self.tr("等级 —"))
        self.weight_label.setText(self.tr("权重合计 —"))
        self.counts_label.setText("")
        self.save_label.setText("")
        self.fingerprint_label.setText("")

    def set_totals(self, totals: Totals) -> None:
        self.score_label.setText(self.tr("总分 <b>%1</b> / %2")
                                 .replace("%1", fmt2(totals.total_score))
                                 .replace("%2", fmt2(totals.total_max)))
        self.grade_label.setText(self.tr("等级 <b>%1</b>").replace("%1", totals.grade))
        ws = totals.weight_sum
        if ws == Decimal(100):
            text = self.tr("权重合计 %1").replace("%1", fmt_weight(ws))
            color = OK_COLOR
        else:
            text = self.tr("权重合计 %1 ≠ 100").replace("%1", fmt_weight(ws))
            color = ERROR_COLOR
        self.weight_label.setText(f'<span style="color:{color}">{text}</span>')

    def set_counts(self, errors: int, warnings: int) -> None:
        text = self.tr("%1 个错误 · %2 个警告").replace("%1", str(errors)).replace("%2", str(warnings))
        color = ERROR_COLOR if errors else (WARN_COLOR if warnings else OK_COLOR)
        self.counts_label.setText(text)
        self.counts_label.setStyleSheet(f"color:{color}")

    def set_fingerprint(self, fp: str) -> None:
        self.fingerprint_label.setText(self.tr("指纹 %1").replace("%1", fp))

    def set_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setToolTip(text)

    def set_save_state(self, text: str, color: str = GREY) -> None:
        self.save_label.setText(text)
        self.save_label.setStyleSheet(f"color:{color}")
