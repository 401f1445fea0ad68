"""The library's index: a small entry per form, so listing never loads a form.

The entries are spread over ``SHARDS`` TinyDB files chosen by a hash of the form id, because
TinyDB rewrites a whole file on every change: with one file every save would rewrite the
entries of all forms (440 KB at 1,000 forms, the largest part of a save's time); with sixteen a
save rewrites one sixteenth. ``meta.json`` records the layout and summary versions. Each shard
has the tables "forms" and "trash"; moving a form between them touches one shard, so it stays
one atomic write.

The index is a cache: the form folders are the truth, and ``Library`` rebuilds any entry that
disagrees with them. A change that cannot be written (full disk) is kept in memory for the
session; a read-only library keeps its repairs in memory only.
"""

from __future__ import annotations

import zlib
from pathlib import Path
from typing import Any, Callable

from tinydb import TinyDB
from tinydb.table import Document, Table

from .storage import AtomicJSONStorage

INDEX_DIR = "index"
META_NAME = "meta.json"
SHARDS = 16
TABLES = ("forms", "trash")

Entries = dict[str, tuple[int, dict]]  # form id -> (TinyDB doc id, entry)


class ShardDamaged(Exception):
    """An index file that does not load."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


def put(table: Table, doc_id: int, doc: dict) -> None:
    """Store ``doc`` under ``doc_id``, replacing whatever was there (TinyDB's upsert merges)."""

    def replace(existing: dict) -> None:
        existing.clear()
        existing.update(doc)

    if not table.update(replace, doc_ids=[doc_id]):
        table.insert(Document(doc, doc_id=doc_id))


def shard_of(form_id: str) -> int:
    """Which shard holds a form's entry (stable across runs and platforms)."""
    return zlib.crc32(form_id.encode("utf-8")) % SHARDS


class Index:
    """The index files of one library folder."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.dir = folder / INDEX_DIR
        self.read_only = read_only
        self.meta = self._db(self.dir / META_NAME)
        self.shards = [self._db(self.dir / f"{i:02x}.json") for i in range(SHARDS)]
        self.dirty = False  # a change is in memory only (a write failed)

    def _db(self, path: Path) -> TinyDB:
        db = TinyDB(path, storage=AtomicJSONStorage, keep_unsaved=True)
        db.storage.memory_only = self.read_only
        return db

    @property
    def databases(self) -> list[TinyDB]:
        return [self.meta, *self.shards]

    def create_folder(self) -> None:
        self.dir.mkdir(exist_ok=True)

    def close(self) -> None:
        if self.dirty:
            self.flush()
        for db in self.databases:
            db.close()

    def flush(self) -> None:
        """Write again what could not be written before (at close; failures are left to heal)."""
        ok = True
        for db in self.databases:
            try:
                db.storage.flush_unsaved()
            except OSError:
                ok = False
        if ok:
            self.dirty = False

    # -- reading ---------------------------------------------------------------------------
    def read_meta(self) -> dict:
        try:
            doc = self.meta.table("meta").get(doc_id=1)
        except OSError:
            raise
        except Exception:
            raise ShardDamaged(self.meta.storage.path) from None
        return dict(doc) if isinstance(doc, dict) else {}

    def read_shard(self, i: int) -> dict[str, Entries]:
        """One shard's entries by table, with their doc ids; ShardDamaged when unreadable."""
        db = self.shards[i]
        out: dict[str, Entries] = {}
        try:
            for name in TABLES:
                out[name] = {d["id"]: (d.doc_id, dict(d)) for d in db.table(name).all()
                             if isinstance(d.get("id"), str)}
        except OSError:
            raise
        except Exception:  # unreadable JSON, or documents of the wrong shape
            raise ShardDamaged(db.storage.path) from None
        return out

    def entries(self, table: str) -> list[dict]:
        """Every entry of a table across the shards (a damaged shard raises ShardDamaged)."""
        out: list[dict] = []
        for db in self.shards:
            try:
                out.extend(dict(d) for d in db.table(table).all() if isinstance(d.get("id"), str))
            except OSError:
                raise
            except Exception:
                raise ShardDamaged(db.storage.path) from None
        return out

    def serve_empty(self, path: Path, *, protect: bool) -> None:
        """Use an empty table set instead of an unreadable file.

        ``protect`` keeps the damaged file from ever being overwritten (it could not be saved
        elsewhere first): changes to it stay in memory.
        """
        for db in self.databases:
            storage: AtomicJSONStorage = db.storage
            if storage.path == path:
                storage.invalidate()
                storage.pin({})
                if protect:
                    storage.memory_only = True

    def reset(self) -> None:
        """Forget every entry (a writer also removes the shard files: they are only a cache)."""
        if not self.read_only:
            for path in self.dir.glob("*.json"):
                if path.name != META_NAME:
                    try:
                        path.unlink()
                    except OSError:
                        pass
        for db in self.shards:
            db.storage.invalidate()
            db.storage.pin({})

    # -- writing ---------------------------------------------------------------------------
    def apply(self, ops: list[tuple[str, str, Any]], meta: dict | None = None,
              on_failure: Callable[[], None] | None = None) -> None:
        """Apply ("forms"|"trash", "remove", id) and (…, "put", entry) operations.

        Each shard touched is written once, atomically. When a write fails the change stays in
        memory (``dirty``) and ``on_failure`` is called.
        """
        by_shard: dict[int, list[tuple[str, str, Any]]] = {}
        for op in ops:
            fid = op[2] if op[1] == "remove" else op[2]["id"]
            by_shard.setdefault(shard_of(fid), []).append(op)
        ok = True
        if meta is not None:
            ok &= self._write(self.meta, lambda: put(self.meta.table("meta"), 1, meta))
        for i, shard_ops in sorted(by_shard.items()):
            ok &= self._apply_shard(i, shard_ops)
        if not ok:
            self.dirty = True
            if on_failure is not None:
                on_failure()

    def _apply_shard(self, i: int, ops: list[tuple[str, str, Any]]) -> bool:
        db = self.shards[i]
        current = self.read_shard(i)

        def change() -> None:
            for table_name, op, payload in ops:
                t = db.table(table_name)
                known = current[table_name]
                if op == "remove":
                    hit = known.pop(payload, None)
                    if hit is not None:
                        t.remove(doc_ids=[hit[0]])
                else:
                    hit = known.get(payload["id"])
                    if hit is None:
                        known[payload["id"]] = (t.insert(payload), payload)
                    else:
                        put(t, hit[0], payload)

        return self._write(db, change)

    def _write(self, db: TinyDB, change: Callable[[], None]) -> bool:
        """Run table changes as one atomic write; False when a write failed (kept in memory)."""
        storage: AtomicJSONStorage = db.storage
        try:
            with storage.batch():
                change()
        except OSError:
            return False
        return self.read_only or not storage.unsaved
