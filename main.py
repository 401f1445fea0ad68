"""Start the program with its window: ``python main.py [FILE | ID] [--data-dir DIR] [--lang zh|en]``.

Also the entry point PyInstaller freezes. Everything is in ``perfgui.app``.
"""

import sys

from perfgui.app import main

if __name__ == "__main__":
    sys.exit(main())
