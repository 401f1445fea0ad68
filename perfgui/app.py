"""The program with a window: wires the library, the settings, the language and the window.

``python main.py [FILE | ID] [--data-dir DIR] [--lang zh|en]``. Only what the first frame needs
is imported here; ReportLab, openpyxl and the exporters load when first used.

``PERFGUI_EXIT_AFTER_FIRST_PAINT=1`` makes the program print the time from process start to the
first painted frame and quit (``bench/bench_ui.py`` uses it).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()

from . import APP_NAME, APP_TITLE, __version__  # noqa: E402

EXIT_AFTER_PAINT_ENV = "PERFGUI_EXIT_AFTER_FIRST_PAINT"


def process_uptime() -> float | None:
    """Seconds since this process was started, from the operating system (None if unknown)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/self/stat", encoding="utf-8") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            start_ticks = int(fields[19])
            with open("/proc/uptime", encoding="utf-8") as fh:
                uptime = float(fh.read().split()[0])
            return uptime - start_ticks / os.sysconf("SC_CLK_TCK")
        if sys.platform == "win32":
            import ctypes
            from ctypes import wintypes

            kernel32 = ctypes.WinDLL("kernel32")
            kernel32.GetCurrentProcess.restype = wintypes.HANDLE
            kernel32.GetProcessTimes.argtypes = [wintypes.HANDLE] + [ctypes.POINTER(wintypes.FILETIME)] * 4
            kernel32.GetProcessTimes.restype = wintypes.BOOL
            kernel32.GetSystemTimeAsFileTime.argtypes = [ctypes.POINTER(wintypes.FILETIME)]
            times = [wintypes.FILETIME() for _ in range(4)]
            if not kernel32.GetProcessTimes(kernel32.GetCurrentProcess(), *(ctypes.byref(t) for t in times)):
                return None
            now = wintypes.FILETIME()
            kernel32.GetSystemTimeAsFileTime(ctypes.byref(now))

            def ticks(ft) -> int:  # 100-ns intervals
                return (ft.dwHighDateTime << 32) | ft.dwLowDateTime

            return (ticks(now) - ticks(times[0])) / 1e7
    except (OSError, ValueError, IndexError, AttributeError):
        return None
    return None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="perfgui", description=f"{APP_TITLE}：填写、检查、打印绩效自评表")
    parser.add_argument("target", nargs="?", metavar="FILE|ID",
                        help="要打开的表单文件（导入表单库后打开）或表单库中表单的编号")
    parser.add_argument("--data-dir", metavar="DIR", help="表单库文件夹（默认：用户数据目录）")
    parser.add_argument("--lang", choices=("zh", "en"), help="界面语言（默认：上次选择的语言）")
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    # Qt's own options (-style, -platform …) pass through to QApplication.
    args, _unknown = parser.parse_known_args(argv)
    return args


class _FirstPaint:
    """Reports the first painted frame of the window, then quits (for the start-up benchmark)."""

    def __init__(self, app, window) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        outer = self

        class Filter(QObject):
            def eventFilter(self, obj, event):  # noqa: N802
                if event.type() == QEvent.Type.Paint and not outer.done:
                    outer.done = True
                    # Let this paint and the flush to the screen finish first.
                    QTimer.singleShot(0, outer.report)
                return False

        self.done = False
        self.app = app
        self.window = window
        self.filter = Filter()
        app.installEventFilter(self.filter)

    def report(self) -> None:
        elapsed = time.perf_counter() - _T0
        uptime = process_uptime()
        print(f"first-paint {uptime if uptime is not None else elapsed:.4f} "
              f"since-import {elapsed:.4f} epoch {time.time():.4f}", flush=True)
        self.window.close()
        self.app.quit()


def library_is_new(data_dir) -> bool:
    """True before a library folder has ever been opened: it does not exist or is empty (but
    for the log, which is started first)."""
    from .ui.diagnostics import LOG_DIR
    from .ui.handoff import library_folder

    folder = library_folder(data_dir)
    try:
        return not folder.is_dir() or not any(p.name != LOG_DIR for p in folder.iterdir())
    except OSError:
        return False


def seed_if_new(library, is_new: bool) -> str | None:
    """On a library's first run, store the built-in 2024 sample so there is a real form to see.

    Only a library opened for the first time is given it: a person who deleted every form does
    not get the sample back.
    """
    if library.read_only or not is_new or library.list() or library.trash():
        return None
    from .resources import sample_form

    return library.create(sample_form(), note="示例：2024 年度部门整体支出绩效自评表")


def initial_form(library, settings) -> str | None:
    """The form to show at start: the last one open, else the most recently saved."""
    last = settings.last_form
    if last:
        try:
            if library.exists(last):
                return last
        except Exception:
            pass
    forms = library.list()
    return forms[0].id if forms else None


def build_window(args: argparse.Namespace, app=None):
    """The window on the library ``args`` names, with its first form open (tests use this)."""
    from PySide6.QtWidgets import QMessageBox

    from .store import StoreError, open_library
    from .ui.main_window import MainWindow
    from .ui.settings import AppSettings

    is_new = library_is_new(args.data_dir)
    try:
        library = open_library(args.data_dir)
    except StoreError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return None
    from .ui.screen_fit import install as fit_windows_to_screen

    fit_windows_to_screen()  # every window and dialog fits the screen it opens on
    settings = AppSettings(data_dir=library.folder)
    window = MainWindow(library, settings)
    from .ui.screen_fit import CentralRoom

    window.central_room = CentralRoom(window, [window.library_dock, window.findings_dock], window.page)
    try:
        seeded = seed_if_new(library, is_new)
    except StoreError as exc:
        seeded = None
        window.statusBar().showMessage(str(exc), 10000)
    if seeded:
        window.library_panel.refresh()
    if not library.read_only:
        # The writer lock's holder listens for second starts on this library (files opened
        # from Explorer while this window runs, or the program started again).
        from .ui.handoff import listen_for_handoffs

        listen_for_handoffs(window)
    start = seeded or (None if args.target else initial_form(library, settings))
    if start:
        window.open_form(start)
    return window


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    if args.data_dir:
        os.environ["PERFGUI_DATA_DIR"] = str(args.data_dir)
    # A window already open on this library opens the file itself (double-clicked in Explorer
    # while it runs) or, started again without one, just comes to the front; this process then
    # has nothing left to do.
    from .ui.handoff import HANDED_OFF, NO_ANSWER, hand_off, library_folder

    handoff = hand_off(args.data_dir, args.target)
    if handoff == HANDED_OFF:
        return 0
    from .ui.diagnostics import install_hooks, start_logging

    start_logging(library_folder(args.data_dir))

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from .resources import resource_path
    from .ui.i18n import apply_app_font, install_translations, load_cjk_font
    from .ui.settings import AppSettings

    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance() or QApplication([sys.argv[0], *argv])
    from .ui.gc_guard import MainThreadCollector

    app._perfgui_collector = MainThreadCollector(app)  # worker threads never run the collector
    app.setApplicationDisplayName(APP_TITLE)
    icon_path = resource_path("icons", "app.png")
    if icon_path.exists():
        app.setWindowIcon(QIcon(str(icon_path)))
    apply_app_font(app, load_cjk_font())
    prefs = AppSettings()
    language = args.lang or prefs.language
    if args.lang:
        prefs.language = args.lang
    app._perfgui_translators = install_translations(app, language)  # kept alive for the run

    window = build_window(args, app)
    if window is None:
        return 2
    # An uncaught error saves the open form, then says where the log is (perfgui/ui/diagnostics.py).
    app._perfgui_crash_reporter = install_hooks(lambda: window)
    if os.environ.get(EXIT_AFTER_PAINT_ENV):
        _FirstPaint(app, window)
    window.show()
    if args.target:
        QTimer.singleShot(0, lambda: window.open_target(args.target))
    if handoff == NO_ANSWER and window.library.locked_by_other:
        if args.target:
            note = window.tr("正在使用表单库的窗口没有响应打开请求，因此本窗口以只读方式打开“%1”。").replace(
                "%1", Path(args.target).name or args.target)
        else:
            note = window.tr("正在使用表单库的窗口没有响应，因此本窗口以只读方式打开表单库。")
        window.statusBar().showMessage(note, 15000)
    code = app.exec()
    window.library.close()  # release the writer lock before the process ends
    return code
