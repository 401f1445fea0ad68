"""What a person names a form by: a file, ``-`` for text piped in, or the id of a stored form.

The command line (``check FORM``, ``export FORM``) and the window (``main.py FORM``, a hand-off
from a second start) decide the same way: an existing path is a file; a name that looks like a
path (a folder separator or an extension) but does not exist is a missing file; anything else is
looked up in the library as an id.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

STDIN, FILE, STORED = "stdin", "file", "stored"


class MissingFile(LookupError):
    """The name is a path, and nothing is there; the message is Chinese."""


@dataclass(frozen=True)
class Target:
    """A form's name, sorted: ``kind`` is STDIN, FILE (``path``) or STORED (``form_id``)."""

    kind: str
    path: Path | None = None
    form_id: str | None = None


def classify(arg: str) -> Target:
    """Which kind of name ``arg`` is; ``MissingFile`` when it is a path to nothing."""
    if arg == "-":
        return Target(STDIN)
    path = Path(arg)
    if path.exists():
        return Target(FILE, path=path)
    if path.suffix or os.sep in arg or "/" in arg:
        raise MissingFile(f"找不到文件“{arg}”：请检查文件名和位置。")
    return Target(STORED, form_id=arg)


def not_found(arg: str, reason: str = "") -> str:
    """The message for a name that is neither a file nor a stored form."""
    text = f"找不到文件或表单“{arg}”：它既不是文件，也不是表单库中的表单编号"
    return f"{text}（{reason}）" if reason else f"{text}。请检查文件路径，或在表单库中查找。"
