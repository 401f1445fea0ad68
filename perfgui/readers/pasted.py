"""Pasted table text as a form: the text becomes a grid (``sources.text``), the grid a form.

What Excel, WPS or a PDF viewer put on the clipboard is tab-separated rows, merged cells left
empty, blank lines where a page broke; it goes through the one recogniser like every source.
"""

from __future__ import annotations

from ..exchange.errors import ImportFailed
from .guesses import ReadResult
from .recognise import recognise
from .sources.text import decode, text_grid


def read_pasted(text: str) -> ReadResult:
    """A form from pasted table text, with everything that was guessed."""
    if not isinstance(text, str):
        raise ImportFailed("内容不是文本。")
    return recognise([text_grid(text)])


def read_pasted_bytes(data: bytes) -> ReadResult:
    """A form from the bytes of a .txt/.tsv file."""
    return read_pasted(decode(data))
