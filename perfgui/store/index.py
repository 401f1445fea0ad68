"""The library's index: one small entry per form in one file, so listing never loads a form.

``index/index.json`` is a JSON object ``{"meta": {...}, "forms": {id: entry}, "trash": {id:
entry}}``, replaced atomically (temp file, ``os.replace``) on every change, so moving a form
between the list and the recycle bin is one write. It is not fsynced: a process killed at any
moment leaves the old file or the new one, and after a power cut a stale or empty index is
rebuilt from the form files, which are fsynced. Re-serialising a thousand entries on
every save would cost more than the save itself; the index keeps each entry's JSON text and
serialises only the entry that changed, then joins the texts (``bench/bench_store.py``).

The index is a cache: the form folders are the truth, and ``recovery`` rebuilds any entry that
disagrees with them, or the whole file when it is stale, damaged or of another layout. A change
that cannot be written (full disk) is kept in memory for the session; a read-only library
keeps its repairs in memory only.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..fileio import atomic_write_bytes

INDEX_DIR = "index"
INDEX_NAME = "index.json"
INDEX_LAYOUT = 2  # 1 was sixteen TinyDB files (index/00.json … 0f.json and meta.json)
TABLES = ("forms", "trash")

_KINDS = {"department", "project"}
_STATUSES = {"draft", "final"}
# Field → the types an entry may hold there (an entry of another shape means a damaged file).
_FIELDS: dict[str, tuple[type, ...]] = {
    "title": (str,), "unit": (str,), "project_name": (str,), "year": (int, type(None)),
    "total_score": (str,), "total_max": (str,), "grade": (str,), "errors": (int,),
    "warnings": (int,), "saved_at": (str,), "revision": (int,), "stamp": (list, type(None)),
    "deleted_at": (str, type(None)), "damaged": (str,),
}


class IndexDamaged(Exception):
    """The index file does not load: not a file, not JSON, or entries of the wrong shape."""

    def __init__(self, path: Path, why: str) -> None:
        super().__init__(f"{path}: {why}")
        self.path = path
        self.why = why


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _fragment(fid: str, entry: dict) -> bytes:
    return f"{_dump(fid)}:{_dump(entry)}".encode("utf-8")


def valid_entry(fid: Any, entry: Any) -> bool:
    """An entry as this program writes it (types checked, so a listing never raises)."""
    if not isinstance(fid, str) or not isinstance(entry, dict) or entry.get("id") != fid:
        return False
    if entry.get("kind", "department") not in _KINDS or entry.get("status", "draft") not in _STATUSES:
        return False
    for key, types in _FIELDS.items():
        if key in entry and (not isinstance(entry[key], types) or isinstance(entry[key], bool)):
            return False
    return True


def _parse(raw: bytes, path: Path) -> tuple[dict, dict[str, dict[str, dict]]]:
    try:
        data = json.loads(raw.decode("utf-8")) if raw.strip() else {}
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise IndexDamaged(path, "not UTF-8 JSON") from None
    if not isinstance(data, dict) or not isinstance(data.get("meta", {}), dict):
        raise IndexDamaged(path, "not an index")
    tables: dict[str, dict[str, dict]] = {}
    for name in TABLES:
        table = data.get(name, {})
        if not isinstance(table, dict) or not all(valid_entry(k, v) for k, v in table.items()):
            raise IndexDamaged(path, f"table {name} of the wrong shape")
        tables[name] = table
    return data.get("meta", {}), tables


class Index:
    """The index file of one library folder, cached in memory while its file is unchanged."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.dir = folder / INDEX_DIR
        self.path = self.dir / INDEX_NAME
        self.read_only = read_only
        # Writes change the memory only: a read-only library, or a damaged file that could not be
        # moved aside (it must not be overwritten before someone has saved it).
        self.memory_only = read_only
        self.dirty = False  # a change is in memory only (a write failed)
        self._meta: dict = {}
        self._tables: dict[str, dict[str, dict]] | None = None
        self._texts: dict[str, dict[str, bytes]] = {name: {} for name in TABLES}
        self._stamp: tuple[int, int, int] | None = None

    def _current_stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    def _load(self) -> dict[str, dict[str, dict]]:
        stamp = self._current_stamp()
        if self._tables is not None and stamp == self._stamp:
            return self._tables
        if stamp is None:
            meta, tables = {}, {name: {} for name in TABLES}
        else:
            try:
                raw = self.path.read_bytes()
            except OSError as exc:  # a directory, no permission to read
                raise IndexDamaged(self.path, exc.strerror or str(exc)) from None
            meta, tables = _parse(raw, self.path)
        self._meta, self._tables, self._stamp = meta, tables, stamp
        self._texts = {name: {} for name in TABLES}
        self.dirty = False
        return tables

    # -- reading ---------------------------------------------------------------------------
    def meta(self) -> dict:
        """The layout and summary versions recorded with the entries ({} when none)."""
        self._load()
        return dict(self._meta)

    def table(self, name: str) -> dict[str, dict]:
        """Entries of "forms" or "trash" by form id (do not change them: use ``apply``)."""
        return self._load()[name]

    def get(self, fid: str, name: str) -> dict | None:
        entry = self._load()[name].get(fid)
        return dict(entry) if entry is not None else None

    def serve_empty(self, *, protect: bool) -> None:
        """Use an empty index instead of an unreadable file (then ``recovery`` fills it).

        ``protect`` keeps the damaged file from ever being overwritten (it could not be saved
        elsewhere first): changes stay in memory.
        """
        self._meta, self._tables = {}, {name: {} for name in TABLES}
        self._texts = {name: {} for name in TABLES}
        self._stamp = self._current_stamp()
        if protect:
            self.memory_only = True

    # -- writing ---------------------------------------------------------------------------
    def apply(self, ops: list[tuple[str, str, Any]], meta: dict | None = None) -> bool:
        """Apply ("forms"|"trash", "remove", id) and (…, "put", entry); one atomic write.

        False when the write failed: the change is kept in memory (``dirty``) and written with
        the next change or at closing.
        """
        tables = self._load()
        for name, op, payload in ops:
            if op == "remove":
                tables[name].pop(payload, None)
                self._texts[name].pop(payload, None)
            else:
                fid = payload["id"]
                tables[name][fid] = payload
                self._texts[name][fid] = _fragment(fid, payload)
        if meta is not None:
            self._meta = dict(meta)
        return self._write()

    def _serialised(self) -> bytes:
        assert self._tables is not None
        # One join of every piece: each concatenation of the whole would copy half a megabyte
        # (a thousand entries) into fresh memory again, on every save.
        parts = [b'{"meta":', _dump(self._meta).encode("utf-8")]
        for name in TABLES:
            texts, table = self._texts[name], self._tables[name]
            if len(texts) != len(table):  # entries read from the file: their text once
                # Rebuilt in the table's order (an entry put since the load was appended).
                texts = self._texts[name] = {fid: texts.get(fid) or _fragment(fid, entry)
                                             for fid, entry in table.items()}
            # From here on entries and texts are added and removed together, in the same order.
            parts.append(b',"' + name.encode() + b'":{')
            for text in texts.values():
                parts += (text, b",")
            if texts:
                parts.pop()  # the last comma
            parts.append(b"}")
        parts.append(b"}")
        return b"".join(parts)

    def _write(self) -> bool:
        if self.memory_only:
            self.dirty = True
            return self.read_only
        try:
            # No fsync: the index is a cache. After a power cut it may be stale (healed by the
            # stamps) or empty (rebuilt); the form files, which are fsynced, are the truth.
            atomic_write_bytes(self.path, self._serialised(), fsync=False)
        except OSError:
            self.dirty = True
            return False
        self.dirty = False
        self._stamp = self._current_stamp()
        return True

    def flush(self) -> None:
        """Write again what could not be written before (at close; failures are left to heal)."""
        if self.dirty and self._tables is not None:
            self._write()

    def close(self) -> None:
        self.flush()
        self._tables = None
        self._texts = {name: {} for name in TABLES}
