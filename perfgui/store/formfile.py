"""One form's folder on disk: ``form.json`` (TinyDB), its ``history/`` and its checksum.

``form.json`` holds two tables: "form" (document 1: the current state, its revision number and
times) and "revisions" (a note per kept save). Document 1 carries ``checksum``, a SHA-256 of the
rest of the file's content in a canonical form (sorted keys, no spaces): a file whose bytes
changed behind the program's back parses as JSON yet fails the checksum, and is treated as
damaged like a truncated one. Files written before checksums existed have none and are trusted.
History files are earlier ``form.json`` files (hard links or copies), so they carry theirs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from tinydb import TinyDB
from tinydb.table import Document

from ..model import serialize
from ..model.form import Form
from ..model.serialize import FormatError, from_dict
from .errors import StoreError
from .storage import AtomicJSONStorage, StorageReadError

FORM_FILE = "form.json"
HISTORY_DIR = "history"
STORE_VERSION = 1  # layout of a form file (tables "form" and "revisions")

HISTORY_RE = re.compile(r"^(\d{6,})\.json$")


class Damaged(Exception):
    """A form file that cannot be read as a form (truncated, garbage, wrong shape, bad checksum)."""


class Missing(Exception):
    """No form.json."""


def history_name(number: int) -> str:
    return f"{number:06d}.json"


def stamp(path: Path) -> list[int] | None:
    """Size and modification time of a file, as recorded in the index; None when missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def checksum(doc: dict, revisions: dict) -> str:
    """The checksum of a form file's content: document 1 without its checksum, and the notes."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    notes = {str(k): v for k, v in revisions.items()}
    text = json.dumps({"form": body, "revisions": notes}, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def parse_doc(data: dict | None, verify: bool = True) -> tuple[dict, dict[int, dict]]:
    """The current-state document and the revision notes of a form file's tables.

    ``verify=False`` skips the checksum (for data this program has just written itself).
    """
    if data is None:
        raise Damaged("empty file")
    form_table = data.get("form")
    doc = form_table.get("1") if isinstance(form_table, dict) else None
    if not isinstance(doc, dict) or not isinstance(doc.get("form"), dict):
        raise Damaged("no form document")
    revision = doc.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise Damaged("bad revision number")
    store_version = doc.get("store_version", 1)
    if not isinstance(store_version, int):
        raise Damaged("bad store version")
    raw = data.get("revisions")
    # A file this program refuses anyway (newer, or too old to migrate) is never called damaged:
    # a newer program may checksum differently, and such a file must never be moved aside.
    if verify and "checksum" in doc and _readable_version(doc) and doc["checksum"] != checksum(
            doc, raw if isinstance(raw, dict) else {}):
        raise Damaged("checksum mismatch")
    revisions: dict[int, dict] = {}
    if isinstance(raw, dict):
        for key, meta in raw.items():
            if isinstance(meta, dict) and str(key).isdigit():
                revisions[int(key)] = meta
    return doc, revisions


def _readable_version(doc: dict) -> bool:
    try:
        check_versions(doc)
    except (StoreError, Damaged):
        return False
    return True


def check_versions(doc: dict) -> None:
    """Refuse data written by a newer program (it is not damaged: never move it aside)."""
    if doc.get("store_version", 1) > STORE_VERSION:
        raise StoreError("该表单由更新版本的程序保存，本程序无法读取：请升级本程序后再打开。")
    version = doc["form"].get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise Damaged("bad schema version")
    current = serialize.SCHEMA_VERSION
    if version > current:
        raise StoreError(
            f"该表单由更新版本的程序保存（格式版本 {version}，本程序为 {current}）：请升级本程序后再打开。")
    missing = [v for v in range(version, current) if v not in serialize.MIGRATIONS]
    if missing:
        raise StoreError(
            f"该表单的格式版本 {version} 太旧，本程序无法升级到版本 {current}：请用较早版本的程序导出后再导入。")


def form_from_doc(doc: dict, form_id: str) -> Form:
    """The form of a current-state document (migrated); Damaged when it is not a form."""
    check_versions(doc)
    try:
        form = from_dict(doc["form"])
    except (FormatError, RecursionError, TypeError, AttributeError, ValueError, KeyError,
            ArithmeticError) as exc:
        raise Damaged(f"not a form: {exc}") from None
    form.id = form_id
    return form


def history_numbers(history: Path) -> list[int]:
    """Revision numbers of the files in a history folder, newest first."""
    try:
        names = os.listdir(history)
    except OSError:
        return []
    numbers = [int(m.group(1)) for m in map(HISTORY_RE.match, names) if m]
    return sorted(numbers, reverse=True)


def _read_storage(storage: AtomicJSONStorage) -> dict | None:
    try:
        return storage.read()
    except StorageReadError as exc:
        raise Damaged(str(exc)) from None
    except (IsADirectoryError, NotADirectoryError):
        raise Damaged("not a file") from None


class FormFile:
    """One form's folder, with its TinyDB file kept open (cached) while the form is in use."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.folder = folder
        self.path = folder / FORM_FILE
        self.history = folder / HISTORY_DIR
        self.db = TinyDB(self.path, storage=AtomicJSONStorage, read_only=read_only)
        self.storage: AtomicJSONStorage = self.db.storage
        self._verified: tuple[object, object, tuple] | None = None  # the parse of the data last read
        # The current-state document last built into a form or written from one: while ``read``
        # returns this same object, it is known to be a form and need not be built again.
        self.form_doc: dict | None = None

    def read(self) -> tuple[dict, dict[int, dict]]:
        """The current state and notes; Damaged / Missing / OSError."""
        data = _read_storage(self.storage)
        if data is None:
            if self.path.exists():
                raise Damaged("empty file")
            raise Missing()
        # The checksum is verified once per content read from disk, not on every cached read.
        key = self.storage.stamp
        if self._verified is not None and self._verified[0] is data and self._verified[1] == key:
            return self._verified[2]
        parsed = parse_doc(data)
        self._verified = (data, key, parsed)
        return parsed

    def write(self, doc: dict, notes: dict[int, dict]) -> None:
        """Replace the file (one atomic write) with this state and these notes, checksummed."""
        doc = dict(doc)
        doc["checksum"] = checksum(doc, notes)
        self._verified = None
        self.form_doc = None
        with self.storage.batch():
            self.db.drop_tables()
            self.db.table("form").insert(Document(doc, doc_id=1))
            self.db.table("revisions").insert_multiple(
                Document(notes[n], doc_id=n) for n in sorted(notes))
        # The storage serves what was just written from its cache: the next read (the next
        # save starts with one) need not checksum it again.
        written = self.storage.stamp
        if written is not None:
            data = self.storage.read()
            if data is not None and self.storage.stamp == written:
                self._verified = (data, written, parse_doc(data, verify=False))
                self.form_doc = self._verified[2][0]  # the caller wrote a form's to_dict

    def read_history(self, number: int) -> tuple[dict, dict[int, dict]]:
        storage = AtomicJSONStorage(self.history / history_name(number), read_only=True)
        return parse_doc(_read_storage(storage))

    def history_numbers(self) -> list[int]:
        """Revision numbers present in history/, newest first."""
        return history_numbers(self.history)

    def forget(self) -> None:
        """Read the file again next time (it was replaced behind the cached copy)."""
        self.storage.invalidate()
        self._verified = None
        self.form_doc = None

    def close(self) -> None:
        self.db.close()
        self._verified = None
        self.form_doc = None
