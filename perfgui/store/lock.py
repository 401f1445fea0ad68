"""One writer per library: an operating-system lock on ``library.lock``.

The lock is taken with ``fcntl.flock`` on POSIX and ``msvcrt.locking`` on Windows. Both are
released by the operating system when the process ends, however it ends (a crash, a kill, a
power cut), so there is no stale lock to detect or clean up. Who holds the lock (process id,
computer, since when) is written to ``library.owner.json`` so a second instance can say who
is using the library.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
from datetime import datetime
from pathlib import Path

from ..fileio import atomic_write_text

LOCK_NAME = "library.lock"
OWNER_NAME = "library.owner.json"

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LockBusy(Exception):
    """Another process holds the writer lock; ``owner`` describes it (may be empty)."""

    def __init__(self, owner: dict) -> None:
        super().__init__("library is locked by another process")
        self.owner = owner


class WriterLock:
    """The writer lock of one library folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_NAME
        self.owner_path = folder / OWNER_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def _take(self) -> int | None:
        """The locked file descriptor, or None when another process holds the lock."""
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
        fd = os.open(self.path, flags, 0o644)
        try:
            locked = _try_lock(fd)
        except OSError:
            _close(fd)
            raise
        if not locked:
            _close(fd)
            return None
        return fd

    def acquire(self, role: str = "window") -> None:
        """Take the lock or raise ``LockBusy``; an ``OSError`` means the folder is not writable.

        ``role`` ("window" or "command") is recorded so that another instance can say who holds it.
        """
        fd = self._take()
        if fd is None:
            raise LockBusy(self.read_owner())
        self._fd = fd
        owner = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": datetime.now().astimezone().isoformat(timespec="seconds"),
            "role": role,
        }
        try:
            atomic_write_text(self.owner_path, json.dumps(owner, ensure_ascii=False), fsync=False)
        except OSError:
            pass  # only informative; the lock itself is what counts

    def read_owner(self) -> dict:
        try:
            data = json.loads(self.owner_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def free(self) -> bool:
        """True when nobody holds the lock now (checked by taking and at once releasing it)."""
        if self._fd is not None:
            return False
        try:
            fd = self._take()
        except OSError:
            return False
        if fd is None:
            return False
        _release(fd)
        return True

    def release(self) -> None:
        """Let go of the lock; never raises (the work it protected is done by now)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            _release(fd)


def _close(fd: int) -> None:
    try:
        os.close(fd)
    except OSError:
        pass


def _release(fd: int) -> None:
    try:
        _unlock(fd)
    except OSError:
        pass
    finally:
        _close(fd)


HOLDERS = {"window": "另一个程序窗口", "command": "一个正在运行的 perfgui 命令"}


def describe_owner(owner: dict) -> str:
    """"另一个程序窗口（进程 1234，11-28 10:32 起）", naming the computer when it is another one.

    A command-line holder is named as one; an owner file without a role says "另一个程序".
    """
    details = []
    pid = owner.get("pid")
    if pid:
        details.append(f"进程 {pid}")
    since = owner.get("since")
    if isinstance(since, str):
        try:
            details.append(f"{datetime.fromisoformat(since).strftime('%m-%d %H:%M')} 起")
        except ValueError:
            pass
    host = owner.get("host")
    where = f"电脑“{host}”上的" if host and host != socket.gethostname() else ""
    holder = HOLDERS.get(owner.get("role"), "另一个程序")
    return f"{where}{holder}" + (f"（{'，'.join(details)}）" if details else "")
