"""The indicator tree editor: model, view, undo commands and the scoring assistant.

The names below load on first use, so that ``perfgui.ui.document`` can use this package's
commands without loading the editor (which itself uses the document).
"""

from __future__ import annotations

import importlib

_WHERE = {
    "ScoringAssistant": "assistant", "ACTION_KEYS": "editor", "IndicatorEditor": "editor",
    "IndicatorModel": "model", "IndicatorView": "view",
    **{name: "columns" for name in (
        "COL_NAME", "COL_WEIGHT", "COL_TARGET", "COL_ACTUAL", "COL_MAX", "COL_SCORE", "COL_REASON",
        "COLUMN_COUNT", "COLUMN_OF_FIELD", "FIELD_OF_COLUMN")},
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
