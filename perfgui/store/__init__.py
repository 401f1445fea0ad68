"""The local library of forms on TinyDB: crash-safe files, backups, revisions, one writer.

Imports no Qt. See ``library`` for the folder layout and why it is shaped so.
"""

from .errors import StoreError
from .library import KEEP_DAILY, KEEP_RECENT, Library, open_library
from ..model.operations import next_year_copy
from .paths import default_data_dir
from .summary import FormSummary, Revision

__all__ = [
    "StoreError", "Library", "open_library", "default_data_dir", "FormSummary", "Revision",
    "next_year_copy", "KEEP_RECENT", "KEEP_DAILY",
]
