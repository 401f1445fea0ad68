"""Open a file in the window that is already running: a hand-off through ``inbox/``.

When a person double-clicks a form file in Explorer while the program is already open on the
library, Windows starts ``perfgui.exe FILE`` a second time. That second process cannot write
the library (the first window holds the writer lock, see ``perfgui.store.lock``), so instead of
opening a second, read-only window it asks the running one to open the file:

1. the second process sees the lock held by another process on this computer, writes a small
   request (``inbox/open-<ms>-<pid>.json``: the absolute path or the form id, the time, its pid,
   computer and user) atomically into the library folder, and waits;
2. the running window watches ``inbox/`` (a ``QFileSystemWatcher``, and a slow poll because
   watchers miss events on network drives), takes each request by deleting its file, comes to
   the front and imports or opens it exactly as a dropped file or ``main.py FILE`` would;
3. the second process sees its request gone and exits. If nobody takes it within
   ``HANDOFF_TIMEOUT`` (the window hangs, or the lock belongs to the command line), it removes
   the request itself and opens today's read-only window with its explanation.

Taking a request and withdrawing it are both a delete of the same file, so exactly one side
succeeds: a request is either processed once or falls back, never both and never neither.
No QtNetwork (no ``QLocalServer``): the frozen bundle leaves it out on purpose (``build.spec``).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QFileSystemWatcher, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ..fileio import atomic_write_bytes
from ..store.lock import LockBusy, WriterLock
from ..store.paths import default_data_dir

INBOX_DIR = "inbox"
REQUEST_PREFIX = "open-"
REQUEST_SUFFIX = ".json"
REQUEST_VERSION = 1
MAX_REQUEST_BYTES = 64 * 1024

HANDOFF_TIMEOUT = 5.0  # seconds the second process waits for the running window
SENDER_POLL = 0.05  # seconds between the second process's looks at its request
WITHDRAW_RETRIES = 20  # × SENDER_POLL: how long a request held open may delay its withdrawal
POLL_MS = 1500  # the running window's safety-net scan of inbox/ (a watcher may miss events)
STALE_AFTER = 30.0  # seconds: older requests were left by a sender that was killed
RETRY_MS = 400  # while a modal dialog is open, requests wait this long between tries

HANDED_OFF, NO_WINDOW, NO_ANSWER = "handed-off", "no-window", "no-answer"  # what hand_off did

ASFW_ANY = -1  # AllowSetForegroundWindow: any process may take the foreground


class BadRequest(ValueError):
    """A file in ``inbox/`` that is not a request of this program."""


@dataclass(frozen=True)
class Request:
    """What a second process asks the running window to do."""

    # "file": import ``target`` (an absolute path); "id": open the stored form ``target``;
    # "raise": only bring the window forward (the program was started again without a file).
    kind: str
    target: str
    time: float
    pid: int
    host: str
    user: str


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment: compare as unknown
        return ""


def make_request(target: str | None) -> Request:
    """The request for ``main.py TARGET``: an existing path becomes absolute, anything else is an id."""
    if not target:
        return Request("raise", "", time.time(), os.getpid(), socket.gethostname(), _user())
    if Path(target).exists():
        # abspath, not resolve(): a mapped drive letter stays a drive letter on Windows.
        return Request("file", os.path.abspath(target), time.time(), os.getpid(), socket.gethostname(), _user())
    return Request("id", target.strip(), time.time(), os.getpid(), socket.gethostname(), _user())


def encode_request(req: Request) -> bytes:
    data = {"perfgui-open-request": REQUEST_VERSION, "kind": req.kind, "target": req.target,
            "time": req.time, "pid": req.pid, "host": req.host, "user": req.user}
    return json.dumps(data, ensure_ascii=False).encode("utf-8")


def decode_request(data: bytes) -> Request:
    """Parse a request file's bytes; ``BadRequest`` for anything else."""
    if len(data) > MAX_REQUEST_BYTES:
        raise BadRequest("too large")
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"not JSON: {exc}") from None
    if not isinstance(obj, dict) or obj.get("perfgui-open-request") != REQUEST_VERSION:
        raise BadRequest("not an open request")
    kind, target, stamp, pid = obj.get("kind"), obj.get("target"), obj.get("time"), obj.get("pid")
    if kind not in ("file", "id", "raise") or not isinstance(target, str):
        raise BadRequest("no target")
    if kind != "raise" and not target.strip():
        raise BadRequest("no target")
    if kind == "file" and not os.path.isabs(target):
        raise BadRequest("relative path")
    if not isinstance(stamp, (int, float)) or isinstance(stamp, bool) or not isinstance(pid, int):
        raise BadRequest("no time or pid")
    host, user = obj.get("host", ""), obj.get("user", "")
    if not isinstance(host, str) or not isinstance(user, str):
        raise BadRequest("bad host or user")
    return Request(kind, target, float(stamp), pid, host, user)


# == the second process ======================================================================
def library_folder(data_dir: str | os.PathLike | None) -> Path:
    """The library folder ``--data-dir`` names, as ``open_library`` computes it."""
    return (Path(data_dir).expanduser() if data_dir else default_data_dir()).absolute()


def running_owner(folder: Path) -> dict | None:
    """Who holds the library's writer lock (``{}`` if unknown), or None when nobody does.

    Probes by taking the lock and letting it go at once: the operating system's answer is the
    only reliable one (the owner file may be stale; the lock never is).
    """
    lock = WriterLock(folder)
    if not lock.path.exists():
        return None  # never opened for writing, so nobody can be holding it
    try:
        lock.acquire()
    except LockBusy as busy:
        return busy.owner
    except OSError:
        return None
    lock.release()
    return None


def allow_foreground(pid) -> None:
    """Windows: let the running window take the foreground (we have the right: the person just
    started us); without this, Windows only flashes its taskbar button."""
    if sys.platform != "win32":
        return
    try:  # pragma: no cover - Windows only
        import ctypes
        from ctypes import wintypes

        user32 = ctypes.WinDLL("user32")
        user32.AllowSetForegroundWindow.argtypes = [wintypes.DWORD]
        user32.AllowSetForegroundWindow.restype = wintypes.BOOL
        target = pid if isinstance(pid, int) and pid > 0 else ASFW_ANY
        user32.AllowSetForegroundWindow(target & 0xFFFFFFFF)
    except (OSError, AttributeError, ValueError):
        pass


def hand_off(data_dir: str | os.PathLike | None, target: str | None, *, timeout: float = HANDOFF_TIMEOUT) -> str:
    """Ask the window already running on this library to open ``target`` (or, with no target,
    just to come to the front).

    ``HANDED_OFF`` when it took the request (this process should exit); ``NO_WINDOW`` when
    nobody holds the library on this computer (or the request cannot be written);
    ``NO_ANSWER`` when the holder did not take it in time (the request is removed again and
    this process goes on to open its own, read-only window).
    """
    folder = library_folder(data_dir)
    owner = running_owner(folder)
    if owner is None:
        return NO_WINDOW
    if owner.get("host") != socket.gethostname():
        # Another computer on a shared folder: its window cannot see our paths or our screen.
        return NO_WINDOW
    req = make_request(target)
    inbox = folder / INBOX_DIR
    path = inbox / f"{REQUEST_PREFIX}{int(req.time * 1000)}-{req.pid}{REQUEST_SUFFIX}"
    allow_foreground(owner.get("pid"))
    try:
        inbox.mkdir(exist_ok=True)
        atomic_write_bytes(path, encode_request(req), fsync=False)
    except OSError:
        return NO_WINDOW
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not path.exists():
            return HANDED_OFF
        time.sleep(SENDER_POLL)
    for _attempt in range(WITHDRAW_RETRIES):
        try:
            os.unlink(path)  # withdraw it: whoever deletes the file first decides
        except FileNotFoundError:
            return HANDED_OFF  # taken just now
        except OSError:
            # Windows: held open for a moment (the window reading it, a virus scanner).
            time.sleep(SENDER_POLL)
            continue
        return NO_ANSWER
    # Still cannot withdraw it: the window may yet take it, but this process cannot know; open
    # our own window rather than leave the person with nothing.
    return NO_ANSWER


# == the running window ======================================================================
def bring_to_front(window) -> None:
    """Un-minimise (keeping maximised), raise and activate the window; flash it if refused."""
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()
    QApplication.alert(window, 3000)  # no-op when it did become active


class InboxWatcher(QObject):
    """Takes the requests other processes leave in ``inbox/`` and opens them in ``window``."""

    def __init__(self, window, folder: str | os.PathLike) -> None:
        super().__init__(window)
        self.window = window
        self.inbox = Path(folder) / INBOX_DIR
        self.host = socket.gethostname()
        self.user = _user()
        self.handled: list[Request] = []  # for the status of what came in (and for tests)
        self._pending: deque[Request] = deque()
        self._draining = False
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self._scan_soon.start())
        self._scan_soon = QTimer(self)  # coalesces the bursts of change signals of one write
        self._scan_soon.setSingleShot(True)
        self._scan_soon.setInterval(0)
        self._scan_soon.timeout.connect(self.scan)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.scan)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._drain)
        self._watch()
        self.poll.start()
        self._scan_soon.start()

    def _watch(self) -> None:
        try:
            self.inbox.mkdir(exist_ok=True)
        except OSError:
            return  # the poll tries again
        if str(self.inbox) not in self.watcher.directories():
            self.watcher.addPath(str(self.inbox))

    def scan(self) -> None:
        """Take every request waiting in ``inbox/`` (each exactly once) and open them in turn."""
        if not self.window.isVisible():
            return  # closed (or not shown yet): leave requests to fall back / for later
        self._watch()  # again: the folder may have been removed and re-created
        try:
            names = sorted(os.listdir(self.inbox))
        except OSError:
            return
        now = time.time()
        taken = False
        for name in names:
            path = self.inbox / name
            if name.startswith("."):
                self._remove_if_old(path, now)  # a write that was interrupted
                continue
            try:
                if not path.is_file():
                    continue
                with open(path, "rb") as fh:
                    data = fh.read(MAX_REQUEST_BYTES + 1)
            except OSError:
                continue  # gone, or held open by a scanner: next scan
            try:
                req = decode_request(data)
            except BadRequest:
                if self._take(path):
                    self.window.statusBar().showMessage(
                        self.tr("已忽略表单库 inbox 文件夹中的“%1”：它不是本程序的打开请求。").replace("%1", name), 8000)
                continue
            if now - req.time > STALE_AFTER:
                self._take(path)  # its sender is gone; nobody is waiting for an answer
                continue
            if req.host != self.host or req.user != self.user:
                continue  # another person's program: theirs to withdraw, not ours to open
            if self._take(path):
                self._pending.append(req)
                taken = True
        if taken:
            bring_to_front(self.window)
            self._drain()

    @staticmethod
    def _take(path: Path) -> bool:
        try:
            os.unlink(path)
        except OSError:  # withdrawn by its sender, or held open: not ours (yet)
            return False
        return True

    @staticmethod
    def _remove_if_old(path: Path, now: float) -> None:
        try:
            if now - path.stat().st_mtime > STALE_AFTER and path.is_file():
                os.unlink(path)
        except OSError:
            pass

    def _drain(self) -> None:
        """Open the waiting requests one after another, never on top of an open dialog."""
        if self._draining:
            return
        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            self._retry.start()
            return
        self._draining = True
        try:
            while self._pending:
                req = self._pending.popleft()
                self.handled.append(req)
                self._open(req)
        finally:
            self._draining = False

    def _open(self, req: Request) -> None:
        w = self.window
        try:
            if req.kind == "raise":
                return  # brought to the front already: that was all that was asked
            if req.kind == "file":
                # Exactly what a file dropped on the window does.
                w.import_file(req.target)
            else:
                w.open_stored(req.target)
        except Exception as exc:  # a request must never take the window down
            w.statusBar().showMessage(self.tr("无法打开“%1”：%2").replace("%1", req.target).replace("%2", str(exc)), 10000)
