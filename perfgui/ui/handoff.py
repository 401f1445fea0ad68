"""Open a file in the window that is already running, over a local socket (``QLocalServer``).

When a person double-clicks a form file in Explorer while the program is already open on the
library, Windows starts ``perfgui.exe FILE`` a second time. That second process cannot write the
library (the first window holds the writer lock, see ``perfgui.store.lock``), so instead of
opening a second, read-only window it asks the running one to open the file, as Anki does
(``aqt/__init__.py``: ``secondInstance``, ``sendMsg``, ``onRecv``):

* the window that holds the writer lock listens on a local server named after the library
  folder (a hash of its resolved path and the user: two libraries are two programs, and another
  person's program on a terminal server is never reached), from its start or from the moment a
  read-only window becomes the writer (``listen_for_handoffs``);
* a second start connects, sends one line (the absolute path, the form id, or only "come to the
  front") and waits for the window's ``ok``; it then exits;
* nobody listening (no window, or the lock belongs to the command line or another computer):
  it goes on to open its own window, read-only while someone else holds the lock; a window that
  listens but does not answer within ``HANDOFF_TIMEOUT`` (it hangs) gets the same fallback, with
  an explanation in the status bar.

The writer lock stays the record of who owns the library: only its holder listens, so a server
name left behind by a program that was killed can safely be taken over.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
import sys
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication

from ..store.paths import default_data_dir

REQUEST_VERSION = 1
MAX_REQUEST_BYTES = 64 * 1024
REPLY = b"ok\n"

HANDOFF_TIMEOUT = 5.0  # seconds a second start waits for the running window's answer
RETRY_MS = 400  # while a modal dialog is open, requests wait this long between tries

HANDED_OFF, NO_WINDOW, NO_ANSWER = "handed-off", "no-window", "no-answer"  # what hand_off did

ASFW_ANY = -1  # AllowSetForegroundWindow: any process may take the foreground

log = logging.getLogger(__name__)


class BadRequest(ValueError):
    """Bytes on the socket that are not a request of this program."""


@dataclass(frozen=True)
class Request:
    """What a second process asks the running window to do."""

    # "file": import ``target`` (an absolute path); "id": open the stored form ``target``;
    # "raise": only bring the window forward (the program was started again without a file).
    kind: str
    target: str


def make_request(target: str | None) -> Request:
    """The request for ``main.py TARGET``: an existing path becomes absolute, anything else is an id."""
    if not target:
        return Request("raise", "")
    if Path(target).exists():
        # abspath, not resolve(): a mapped drive letter stays a drive letter on Windows.
        return Request("file", os.path.abspath(target))
    return Request("id", target.strip())


def encode_request(req: Request) -> bytes:
    """One line of JSON (``json`` escapes any newline inside the strings)."""
    data = {"perfgui-open-request": REQUEST_VERSION, "kind": req.kind, "target": req.target}
    return json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n"


def decode_request(data: bytes) -> Request:
    """Parse a request line; ``BadRequest`` for anything else."""
    if len(data) > MAX_REQUEST_BYTES:
        raise BadRequest("too large")
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BadRequest(f"not JSON: {exc}") from None
    if not isinstance(obj, dict) or obj.get("perfgui-open-request") != REQUEST_VERSION:
        raise BadRequest("not an open request")
    kind, target = obj.get("kind"), obj.get("target")
    if kind not in ("file", "id", "raise") or not isinstance(target, str):
        raise BadRequest("no target")
    if kind != "raise" and not target.strip():
        raise BadRequest("no target")
    if kind == "file" and not os.path.isabs(target):
        raise BadRequest("relative path")
    return Request(kind, target)


def library_folder(data_dir: str | os.PathLike | None) -> Path:
    """The library folder ``--data-dir`` names, as ``open_library`` computes it."""
    return (Path(data_dir).expanduser() if data_dir else default_data_dir()).absolute()


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment
        return ""


def server_name(folder: str | os.PathLike) -> str:
    """The local server's name for a library folder: the same for every way of writing its path."""
    try:
        resolved = Path(folder).resolve()
    except OSError:
        resolved = Path(folder).absolute()
    key = f"{os.path.normcase(str(resolved))}\0{_user()}"
    return "perfgui-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


# == the second process ======================================================================
def allow_foreground() -> None:
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
        user32.AllowSetForegroundWindow(ASFW_ANY & 0xFFFFFFFF)
    except (OSError, AttributeError, ValueError):
        pass


def hand_off(data_dir: str | os.PathLike | None, target: str | None, *, timeout: float = HANDOFF_TIMEOUT) -> str:
    """Ask the window already running on this library to open ``target`` (or, with no target,
    just to come to the front).

    ``HANDED_OFF`` when it answered (this process should exit); ``NO_WINDOW`` when no window
    listens on this library; ``NO_ANSWER`` when one listens but did not answer in time (this
    process goes on to open its own, read-only window).
    """
    deadline = time.monotonic() + timeout

    def left_ms() -> int:
        return max(0, int((deadline - time.monotonic()) * 1000))

    sock = QLocalSocket()
    sock.connectToServer(server_name(library_folder(data_dir)))
    if not sock.waitForConnected(left_ms()):
        return NO_WINDOW  # nobody listens (a stale name is refused at once)
    allow_foreground()
    sock.write(encode_request(make_request(target)))
    reply = b""
    while len(reply) < len(REPLY) and sock.state() == QLocalSocket.LocalSocketState.ConnectedState:
        if not sock.waitForReadyRead(left_ms()):
            break
        reply += bytes(sock.readAll())
    sock.abort()
    if reply.startswith(REPLY):
        return HANDED_OFF
    log.warning("the window running on %s did not answer within %.0f s", library_folder(data_dir), timeout)
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


class HandoffServer(QObject):
    """Listens for second starts on this library and opens what they send in ``window``."""

    def __init__(self, window, folder: str | os.PathLike) -> None:
        super().__init__(window)
        self.window = window
        self.handled: list[Request] = []  # for the status of what came in (and for tests)
        self._pending: deque[Request] = deque()
        self._draining = False
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._drain)
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        name = server_name(folder)
        if not self.server.listen(name):
            # Left behind by a program that was killed: we hold the writer lock, so it is ours.
            QLocalServer.removeServer(name)
            self.server.listen(name)
        app = QApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.server.close)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            if not self.window.isVisible():
                sock.abort()  # closing (or not shown yet): the sender falls back at once
                continue
            sock.setParent(self)
            buffer = bytearray()
            # A sender that connects and never finishes its line is dropped.
            QTimer.singleShot(int(HANDOFF_TIMEOUT * 1000), sock, sock.abort)
            sock.readyRead.connect(lambda s=sock, b=buffer: self._read(s, b))
            sock.disconnected.connect(sock.deleteLater)

    def _read(self, sock: QLocalSocket, buffer: bytearray) -> None:
        buffer += bytes(sock.readAll())
        end = buffer.find(b"\n")
        if end < 0 and len(buffer) <= MAX_REQUEST_BYTES:
            return  # the rest of the line is still on its way
        try:
            req = decode_request(bytes(buffer if end < 0 else buffer[:end]))
        except BadRequest as exc:
            log.warning("ignored a request on the local server: %s", exc)
            sock.abort()
            self.window.statusBar().showMessage(
                self.tr("已忽略一个打开请求：它不是本程序发出的。"), 8000)
            return
        log.info("second start: %s %s", req.kind, req.target)
        sock.write(REPLY)
        sock.flush()
        sock.disconnectFromServer()
        self._pending.append(req)
        bring_to_front(self.window)
        self._drain()

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


def listen_for_handoffs(window) -> HandoffServer:
    """Make ``window``, now the holder of the writer lock, the one second starts hand files to.

    Called when the window opens as the writer and when a read-only window becomes the writer
    (``WriterWatch.take``); a window that already listens keeps its server.
    """
    server = getattr(window, "handoff_server", None)
    if server is None or not server.listening:
        if server is not None:
            server.server.close()
            server.deleteLater()
        server = HandoffServer(window, window.library.folder)
        window.handoff_server = server
    return server
