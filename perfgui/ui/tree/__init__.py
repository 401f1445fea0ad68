"""The indicator tree editor: model, view, undo commands and the scoring assistant."""

from .assistant import ScoringAssistant
from .columns import (
    COL_ACTUAL, COL_MAX, COL_NAME, COL_REASON, COL_SCORE, COL_TARGET, COL_WEIGHT, COLUMN_COUNT,
    COLUMN_OF_FIELD, FIELD_OF_COLUMN,
)
from .editor import ACTION_KEYS, IndicatorEditor
from .model import IndicatorModel
from .view import IndicatorView

__all__ = [
    "IndicatorModel", "IndicatorView", "IndicatorEditor", "ScoringAssistant", "ACTION_KEYS",
    "COL_NAME", "COL_WEIGHT", "COL_TARGET", "COL_ACTUAL", "COL_MAX", "COL_SCORE", "COL_REASON",
    "COLUMN_COUNT", "COLUMN_OF_FIELD", "FIELD_OF_COLUMN",
]
