"""Crash-safe file writing shared by the library, the exporters and the printer.

A file is written to a temporary file in the same folder, flushed and fsynced, then moved over
the target with ``os.replace``, which is atomic on Windows and POSIX alike: a reader sees the old
file or the new one, never half of one. On Windows a virus scanner or an indexer may hold the
target open for a moment, so the replace is retried briefly before giving up.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from pathlib import Path

REPLACE_RETRIES = 20
REPLACE_DELAY = 0.05  # seconds; 20 × 50 ms = 1 s at most


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
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) or isinstance(exc, PermissionError):
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


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, fsync: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old file or the new one."""
    target = Path(path)
    tmp_name = None
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
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
