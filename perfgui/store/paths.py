"""Where the library lives, computed without Qt (the store must not import it)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .. import APP_NAME

ENV_VAR = "PERFGUI_DATA_DIR"


def default_data_dir() -> Path:
    """``PERFGUI_DATA_DIR`` if set, else the platform's per-user application data folder.

    The same place as Qt's ``QStandardPaths.AppDataLocation`` for an application named
    ``perfgui``: ``%APPDATA%/perfgui`` on Windows, ``~/Library/Application Support/perfgui`` on
    macOS, ``$XDG_DATA_HOME/perfgui`` or ``~/.local/share/perfgui`` elsewhere.
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    if sys.platform == "win32":
        base = os.environ.get("APPDATA", "").strip()
        root = Path(base) if base else Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        root = Path.home() / "Library" / "Application Support"
    else:
        xdg = os.environ.get("XDG_DATA_HOME", "").strip()
        root = Path(xdg) if xdg and Path(xdg).is_absolute() else Path.home() / ".local" / "share"
    return root / APP_NAME
