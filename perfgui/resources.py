"""Finds the program's resource files, whether running from source or from a frozen bundle.

The only module that knows where ``resources/`` lives. PyInstaller unpacks data next to the
executable (``sys._MEIPASS``); from source it is the folder beside the ``perfgui`` package.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The ``resources`` folder of this installation."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(*parts: str) -> Path:
    """A file inside ``resources/``, e.g. ``resource_path("fonts", "wqy-microhei.ttc")``."""
    return resources_dir().joinpath(*parts)


SAMPLE_FILE = ("samples", "seed_2024.txt")
CJK_FONT = ("fonts", "wqy-microhei.ttc")


def sample_text() -> str:
    """The text of the built-in sample: the real published 2024 form."""
    return resource_path(*SAMPLE_FILE).read_text(encoding="utf-8")


def sample_form():
    """The built-in sample form, read from its pasted text (a new form id each call)."""
    from .readers.pasted import read_pasted

    return read_pasted(sample_text()).form
