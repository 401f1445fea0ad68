"""Preferences kept between runs: window state, recent forms, language, last folders.

Only preferences live here; forms live in the library. Recent forms are ids, and ids only mean
something inside one library, so they are kept per library folder. ``PERFGUI_SETTINGS_FILE``
points the settings at an INI file of one's own (tests and portable installs use it).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10
LANGUAGES = ("zh", "en")


def _library_key(data_dir: Path | str | None) -> str:
    text = str(Path(data_dir).resolve()) if data_dir else "default"
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class AppSettings:
    """A thin, typed layer over ``QSettings``."""

    def __init__(self, qsettings: QSettings | None = None, data_dir: Path | str | None = None) -> None:
        if qsettings is None:
            path = os.environ.get("PERFGUI_SETTINGS_FILE")
            if path:
                qsettings = QSettings(path, QSettings.Format.IniFormat)
            else:
                qsettings = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                      "perfgui", "perfgui")
        self.q = qsettings
        self.library = _library_key(data_dir)

    def sync(self) -> None:
        self.q.sync()

    # -- language ----------------------------------------------------------------------------
    @property
    def language(self) -> str:
        value = str(self.q.value("ui/language", "zh") or "zh")
        return value if value in LANGUAGES else "zh"

    @language.setter
    def language(self, value: str) -> None:
        self.q.setValue("ui/language", value if value in LANGUAGES else "zh")

    # -- window ------------------------------------------------------------------------------
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self.q.value("window/geometry")
        state = self.q.value("window/state")
        return (geometry if isinstance(geometry, QByteArray) else None,
                state if isinstance(state, QByteArray) else None)

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)

    def value(self, key: str, default=None):
        return self.q.value(key, default)

    def set_value(self, key: str, value) -> None:
        self.q.setValue(key, value)

    # -- recent forms (per library) ----------------------------------------------------------
    def _recent_key(self) -> str:
        return f"library_{self.library}/recent"

    def recent_forms(self) -> list[str]:
        value = self.q.value(self._recent_key(), [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v][:MAX_RECENT]

    def add_recent_form(self, form_id: str) -> None:
        recent = [form_id] + [f for f in self.recent_forms() if f != form_id]
        self.q.setValue(self._recent_key(), recent[:MAX_RECENT])

    def remove_recent_form(self, form_id: str) -> None:
        self.q.setValue(self._recent_key(), [f for f in self.recent_forms() if f != form_id])

    @property
    def last_form(self) -> str | None:
        """The form that was open when the program last closed on this library."""
        value = self.q.value(f"library_{self.library}/last_form", "")
        return str(value) if value else None

    @last_form.setter
    def last_form(self, form_id: str | None) -> None:
        self.q.setValue(f"library_{self.library}/last_form", form_id or "")

    # -- folders -----------------------------------------------------------------------------
    def last_folder(self, purpose: str) -> str:
        """The folder last used for ``purpose`` ("open", "export"…), or the home folder."""
        value = str(self.q.value(f"folders/{purpose}", "") or "")
        if value and Path(value).is_dir():
            return value
        return str(Path.home())

    def set_last_folder(self, purpose: str, path: str | Path) -> None:
        p = Path(path)
        self.q.setValue(f"folders/{purpose}", str(p if p.is_dir() else p.parent))
