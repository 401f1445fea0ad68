"""The open dialogs' filter: every name a form is read from (the window's, the 汇总's).

A module of its own so that neither dialog imports the other's module (the import dialog brings
the worker and multiprocessing; the window's files mixin, the rest of the window).
"""

from ..readers.sources import SUFFIXES

OPEN_FILTER = f"表单文件 ({' '.join('*' + s for s in SUFFIXES)});;所有文件 (*)"
