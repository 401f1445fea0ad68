"""A crash-safe TinyDB storage: every write replaces the whole file atomically.

TinyDB's own ``JSONStorage`` rewrites its file in place, so a crash or a power cut in the middle
of a write leaves half a file (TinyDB issues #144, #467). This storage writes through
``perfgui.fileio.atomic_write_bytes`` instead: a temporary file in the same folder, flushed and
fsynced, then ``os.replace``d over the target, so the file on disk is always the old version or
the new one.

Two more things make it fit the library:

- It keeps the last data it read or wrote and re-reads the file only when the file's size,
  modification time or identity changed. TinyDB reads the whole storage before every operation;
  without the cache every save would first re-parse the file it is about to replace.
- ``batch()`` groups several table operations into one write (one fsync), for example "update
  the form and append a revision" or "move an entry from forms to trash".
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from ..fileio import atomic_write_bytes


class StorageReadError(ValueError):
    """The file exists but is not a readable TinyDB JSON file (truncated, garbage, wrong shape)."""


class ReadOnlyStorageError(OSError):
    """A write was attempted through a storage opened read-only."""


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class AtomicJSONStorage(Storage):
    """TinyDB storage in a UTF-8 JSON file (``ensure_ascii=False``), replaced atomically on write.

    Compact: with an indent ``json`` writes in Python, not C, several times slower (a
    2,000-indicator form's save). ``read_only`` refuses every write and never creates the file.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False,
                 fsync: bool = True,
                 keep_unsaved: bool = False) -> None:
        super().__init__()
        self.path = Path(path)
        self.read_only = read_only
        self.fsync = fsync
        # After a failed write, keep serving the data that could not be written (until the file
        # changes or a later write succeeds) instead of falling back to the file. Right for a
        # cache that can be rebuilt (the library index), wrong for the data itself.
        self.keep_unsaved = keep_unsaved
        self.unsaved = False
        # Writes change the data in memory only and never reach the disk (a read-only library
        # repairing its view of the index, or a damaged file that must not be overwritten).
        self.memory_only = False
        self._data: dict | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._batch_depth = 0
        self._batch_dirty = False

    # -- reading -------------------------------------------------------------------------
    def read(self) -> dict[str, dict[str, Any]] | None:
        """The whole database; None when the file does not exist or is empty."""
        if self._batch_depth and self._data is not None:
            return self._data
        stamp = self._current_stamp()
        if self._data is not None and stamp == self._stamp:
            return self._data
        if stamp is None:
            self._data, self._stamp = None, None
            return None
        data = self._parse(self.path.read_bytes())
        self._data, self._stamp = data, stamp
        return data

    def _current_stamp(self) -> tuple[int, int, int] | None:
        try:
            return _stamp(os.stat(self.path))
        except FileNotFoundError:
            return None

    @property
    def stamp(self) -> tuple[int, int, int] | None:
        """Size, time and identity of the file as last read or written (None: not cached)."""
        return self._stamp

    def pin(self, data: dict) -> None:
        """Serve ``data`` instead of the file's content for as long as the file stays unchanged.

        A read-only instance uses it to hold an index repaired in memory (it never writes).
        """
        self._data, self._stamp = data, self._current_stamp()

    @staticmethod
    def _parse(raw: bytes) -> dict | None:
        if not raw.strip():
            return None
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            raise StorageReadError(f"not valid UTF-8 JSON: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise StorageReadError("not a TinyDB database: tables must be objects")
        return data

    # -- writing -------------------------------------------------------------------------
    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            if self.keep_unsaved:
                self.unsaved = True
            else:
                self.invalidate()
            raise ReadOnlyStorageError(f"{self.path} is opened read-only")
        self._data = data
        if self._batch_depth:
            self._batch_dirty = True
            return
        self._flush()

    def _flush(self) -> None:
        if self.memory_only:
            self.unsaved = True
            return
        data = self._data
        try:
            text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
            atomic_write_bytes(self.path, text.encode("utf-8"), fsync=self.fsync)
        except BaseException:
            if self.keep_unsaved:
                self.unsaved = True
            else:
                # TinyDB mutates the data it read before calling write(): after a failed write
                # the cached copy holds changes that are not on disk, so forget it.
                self.invalidate()
            raise
        self.unsaved = False
        try:
            self._stamp = _stamp(os.stat(self.path))
        except OSError:
            self.invalidate()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group the writes made inside the block into one atomic write at its end."""
        if self._batch_depth == 0:
            self.read()  # load the cache so reads inside the batch see one consistent state
            self._batch_dirty = False
        self._batch_depth += 1
        try:
            yield
        except BaseException:
            self._batch_depth -= 1
            if self._batch_depth == 0:
                self.invalidate()
            raise
        self._batch_depth -= 1
        if self._batch_depth == 0 and self._batch_dirty:
            self._batch_dirty = False
            self._flush()

    def invalidate(self) -> None:
        """Forget the cached data: the next read parses the file again."""
        self._data, self._stamp = None, None
        self.unsaved = False

    def flush_unsaved(self) -> None:
        """Try again to write data whose write failed (``keep_unsaved``)."""
        if self.unsaved and self._data is not None and not self.read_only:
            self._flush()

    def close(self) -> None:
        self.invalidate()
