"""perfgui: the annual 绩效自评表, filled in offline."""

import sys

# The program is built and tested on Python 3.12+, where None/True/False are immortal: PySide6
# 6.12 loses references to them on older interpreters and the process aborts after a while.
if sys.version_info < (3, 12):  # pragma: no cover - the guard itself
    raise SystemExit("perfgui 需要 Python 3.12 或更新版本（perfgui needs Python 3.12+）："
                     "请用 `python tools/dev.py run` 启动。")

__version__ = "0.1.0"
APP_NAME = "perfgui"
APP_TITLE = "绩效自评"
# The first argument that makes the program its own import worker (``exchange.sandbox``): here,
# so that the entry points can tell without importing the sandbox and multiprocessing.
WORKER_FLAG = "--perfgui-import-worker"
