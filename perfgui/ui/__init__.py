"""Everything Qt: the main window, its panels, undo commands and dialogs."""
