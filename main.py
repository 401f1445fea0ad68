"""Start the program with its window: ``python main.py [FILE | ID] [--data-dir DIR] [--lang zh|en]``.

Also the entry point PyInstaller freezes. Everything is in ``perfgui.app``.
"""

import sys

from perfgui import WORKER_FLAG

if __name__ == "__main__" and sys.argv[1:2] == [WORKER_FLAG]:
    # The frozen program started as its own import worker (perfgui.exchange.sandbox).
    from perfgui.exchange.sandbox import worker_main

    sys.exit(worker_main(sys.argv[2:]))

from perfgui.app import main  # noqa: E402

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # The frozen program starts its worker processes (汇总, hostile-file reads) from itself.
        # (From source there is nothing to do, and multiprocessing costs the start-up ~20 ms.)
        import multiprocessing

        multiprocessing.freeze_support()
    sys.exit(main())
