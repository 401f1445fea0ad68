"""Everything Qt: the main window, its panels, undo commands and dialogs."""

from .pyside_fixes import protect_singletons

# Before any window emits a signal: see pyside_fixes (PySide6 6.12 drops a reference to True on
# every emit; without this a long session aborts).
protect_singletons()
