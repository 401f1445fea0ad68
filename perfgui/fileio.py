"""Crash-safe file writing shared by the library, the exporters and the printer.

A file is written to a temporary file in the same folder, flushed and fsynced, then moved over
the target with ``os.replace``, which is atomic on Windows and POSIX alike: a reader sees the old
file or the new one, never half of one. On Windows a virus scanner or an indexer may hold the
target open for a moment, so the replace is retried briefly before giving up.

The result looks as if the file had been written in place: an existing file keeps its
permissions (a new one gets the user's umask, not the 0600 of a private temp file), and a
symbolic link stays a link while its target is replaced. A temporary file left by a process
that was killed mid-write is removed by the next write into the same folder: its name carries
the writer's process id (on Windows, where that cannot be checked safely, its age counts).
"""

from __future__ import annotations

import errno
import os
import re
import time
from pathlib import Path

REPLACE_RETRIES = 20
REPLACE_DELAY = 0.05  # seconds; 20 × 50 ms = 1 s at most
STALE_TEMP_S = 3600  # a temp file this old is abandoned whoever made it
_TEMP_RE = re.compile(r"^\.(?P<name>.+)\.(?:(?P<pid>\d+)-)?[0-9A-Za-z_]+\.tmp$")


class WriteError(OSError):
    """A file could not be written; ``message`` is Chinese and says what to do."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, str(cause))
        self.path = path
        self.message = describe_os_error(path, cause)

    def __str__(self) -> str:
        return self.message


def describe_os_error(path: Path, exc: OSError) -> str:
    """A Chinese sentence for a failed file operation that says what to fix."""
    where = str(path)
    if exc.errno == errno.ENOSPC:
        return f"磁盘空间不足，无法写入“{where}”：请清理磁盘后重试，原文件未被改动。"
    if exc.errno == errno.EROFS:
        return f"“{where}”所在的磁盘是只读的（只读文件系统），无法写入：请选择可写入的文件夹，原文件未被改动。"
    if exc.errno in (errno.EACCES, errno.EPERM) or isinstance(exc, PermissionError):
        return f"没有权限写入“{where}”：请检查文件是否被其他程序（如 Excel、WPS）打开，或选择其他文件夹。"
    if exc.errno == errno.ENOENT or isinstance(exc, FileNotFoundError):
        return f"找不到文件夹“{Path(where).parent}”：请确认路径存在。"
    return f"写入“{where}”失败（{exc.strerror or exc}）：原文件未被改动。"


def replace_retrying(src: str | os.PathLike, dst: str | os.PathLike) -> None:
    """``os.replace``, retried briefly on Windows while another program holds the target open."""
    for attempt in range(REPLACE_RETRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            # Windows: the target is held open by a scanner or indexer; wait a moment.
            if os.name != "nt" or attempt == REPLACE_RETRIES - 1:
                raise
            time.sleep(REPLACE_DELAY)


def _alive(pid: int) -> bool:
    """Whether a process runs (POSIX only: on Windows os.kill would end it)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def remove_stale_temp_files(target: Path) -> None:
    """Remove temp files of earlier writes of ``target`` whose writer was killed."""
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    now = time.time()
    for name in names:
        m = _TEMP_RE.match(name)
        if not m or m.group("name") != target.name:
            continue
        path = target.parent / name
        pid = int(m.group("pid")) if m.group("pid") else None
        if pid == os.getpid():
            continue  # another thread of this process may be writing it now
        try:
            stale = now - os.stat(path).st_mtime > STALE_TEMP_S
            if not stale and pid is not None and os.name != "nt":
                stale = not _alive(pid)
            if stale:
                os.unlink(path)
        except OSError:
            pass


def _open_temp(target: Path) -> tuple[int, str]:
    """A new temp file beside ``target``, created with mode 0666 less the umask."""
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
             | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0))
    for _ in range(100):
        name = str(target.parent / f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one.

    A symbolic link is written through (its target replaced, the link kept); an existing file
    keeps its permission bits.
    """
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        mode = os.stat(target).st_mode & 0o7777
    except OSError:
        mode = None
    remove_stale_temp_files(target)
    tmp_name = None
    try:
        fd, tmp_name = _open_temp(target)
        with os.fdopen(fd, "wb") as fh:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            if fsync:
                os.fsync(fh.fileno())
        replace_retrying(tmp_name, target)
        tmp_name = None
    except OSError as exc:
        raise WriteError(target, exc) from exc
    finally:
        if tmp_name is not None:
            try:
                os.unlink(tmp_name)
            except OSError:
                pass


def atomic_write_text(path: str | os.PathLike, text: str, *, fsync: bool = True) -> None:
    """``atomic_write_bytes`` for UTF-8 text."""
    atomic_write_bytes(path, text.encode("utf-8"), fsync=fsync)
