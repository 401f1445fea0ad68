"""``python -m perfgui``: the command line."""

import sys

from .cli import main

if __name__ == "__main__":
    if getattr(sys, "frozen", False):  # only a frozen program needs it; importing it costs 10-20 ms
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
