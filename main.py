"""Start the program with its window: ``python main.py [FILE | ID] [--data-dir DIR] [--lang zh|en]``.

Also the entry point PyInstaller freezes. Everything is in ``perfgui.app``.
"""

import multiprocessing
import sys

from perfgui.app import main

if __name__ == "__main__":
    # The frozen program starts its worker processes (汇总, hostile-file reads) from itself.
    multiprocessing.freeze_support()
    sys.exit(main())
