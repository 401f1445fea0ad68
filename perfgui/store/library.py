"""The library of forms: one folder per form, a small index, a recycle bin, one writer.

Layout of a library folder::

    index/meta.json, index/00.json … index/0f.json
                              the index (TinyDB): one small entry per form, so listing never
                              loads a form; spread over 16 files by a hash of the form id
                              (see ``index``), each with the tables "forms" and "trash"
    library.lock              the writer lock (see ``lock``); library.owner.json says who holds it
    forms/<id>/form.json      the form (TinyDB): table "form" holds the current state, table
                              "revisions" a note per kept save (time, total, what changed)
    forms/<id>/history/000041.json
                              earlier saves, each a complete copy of form.json as it was
    trash/<id>/…              deleted forms, the same folder moved aside
    damaged/…                 files that failed to load, moved aside (never deleted)

Why one file per form: TinyDB rewrites its whole file on every write, so a single database of a
thousand forms would rewrite 12 MB on every save (``bench/bench_store.py`` measures it: about
a quarter of a second). Here a save rewrites one form file of ~17 KB and one index shard.

A save (1) hard-links the current ``form.json`` into ``history/`` under its revision number
(no data copied; a copy where the file system has no hard links), (2) writes the new
``form.json`` atomically (temp file, fsync, ``os.replace``), (3) updates its index shard
atomically.
A crash between any two steps leaves every file whole: at worst the index is stale, and opening
the library compares each form file's size and time with what the index recorded and rebuilds
the entries that differ. The form files are the truth; the index can always be rebuilt.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import threading
from collections import OrderedDict
from datetime import datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document

from ..fileio import WriteError, atomic_write_bytes, describe_os_error, replace_retrying
from ..model import serialize
from ..model.form import Form, FormKind, Status, new_id
from ..model.serialize import FormatError, from_dict, to_dict
from .errors import StoreError
from .lock import LockBusy, WriterLock, describe_owner
from ..model.operations import from_template, next_year_copy
from .paths import default_data_dir
from .index import INDEX_DIR, SHARDS, Index, ShardDamaged, shard_of
from .storage import AtomicJSONStorage, StorageReadError
from .summary import (
    SUMMARY_VERSION, FormSummary, Revision, describe_changes, entry_to_summary, from_iso,
    make_entry, now_utc, to_iso,
)

log = logging.getLogger(__name__)

FORMS_DIR = "forms"
TRASH_DIR = "trash"
DAMAGED_DIR = "damaged"
FORM_FILE = "form.json"
HISTORY_DIR = "history"
PURGING_PREFIX = ".purging-"

LIBRARY_VERSION = 1  # layout of the library folder and its index
STORE_VERSION = 1  # layout of a form file (tables "form" and "revisions")

# Revisions kept per form: every one of the latest KEEP_RECENT saves, and before those the last
# save of each day for KEEP_DAILY days (autosave makes many saves a day; a person looking for
# "what it was last week" wants one per day).
KEEP_RECENT = 30
KEEP_DAILY = 60

FORM_CACHE_SIZE = 32
FORM_INDENT = 1  # form files are indented so a person can read them; the index is compact

_ID_RE = re.compile(r"^[0-9a-z][0-9a-z_-]{5,63}$")
_HISTORY_RE = re.compile(r"^(\d{6,})\.json$")


class _Damaged(Exception):
    """A form file that cannot be read as a form (truncated, garbage, wrong shape)."""


class _Missing(Exception):
    """No form.json."""


def _history_name(number: int) -> str:
    return f"{number:06d}.json"


def _stamp(path: Path) -> list[int] | None:
    """Size and modification time of a file, as recorded in the index; None when missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns]


def _fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in ``path`` durable (POSIX; Windows has no directory fsync)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _move(src: Path, dst: Path) -> None:
    """Rename a folder to a new name; on Windows retry while a scanner holds a file inside open."""
    if dst.exists():
        # os.replace would silently replace an empty folder on POSIX: never lose one.
        raise FileExistsError(errno.EEXIST, "target exists", str(dst))
    replace_retrying(src, dst)


def _parse_doc(data: dict | None) -> tuple[dict, dict[int, dict]]:
    """The current-state document and the revision notes of a form file's tables."""
    if data is None:
        raise _Damaged("empty file")
    form_table = data.get("form")
    doc = form_table.get("1") if isinstance(form_table, dict) else None
    if not isinstance(doc, dict) or not isinstance(doc.get("form"), dict):
        raise _Damaged("no form document")
    revision = doc.get("revision")
    if isinstance(revision, bool) or not isinstance(revision, int) or revision < 1:
        raise _Damaged("bad revision number")
    store_version = doc.get("store_version", 1)
    if not isinstance(store_version, int):
        raise _Damaged("bad store version")
    revisions: dict[int, dict] = {}
    raw = data.get("revisions")
    if isinstance(raw, dict):
        for key, meta in raw.items():
            if isinstance(meta, dict) and str(key).isdigit():
                revisions[int(key)] = meta
    return doc, revisions


def _check_versions(doc: dict) -> None:
    """Refuse data written by a newer program (it is not damaged: never move it aside)."""
    if doc.get("store_version", 1) > STORE_VERSION:
        raise StoreError("该表单由更新版本的程序保存，本程序无法读取：请升级本程序后再打开。")
    version = doc["form"].get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        raise _Damaged("bad schema version")
    current = serialize.SCHEMA_VERSION
    if version > current:
        raise StoreError(
            f"该表单由更新版本的程序保存（格式版本 {version}，本程序为 {current}）：请升级本程序后再打开。")
    missing = [v for v in range(version, current) if v not in serialize.MIGRATIONS]
    if missing:
        raise StoreError(
            f"该表单的格式版本 {version} 太旧，本程序无法升级到版本 {current}：请用较早版本的程序导出后再导入。")


def _form_from_doc(doc: dict, form_id: str) -> Form:
    _check_versions(doc)
    try:
        form = from_dict(doc["form"])
    except (FormatError, RecursionError, TypeError, AttributeError, ValueError, KeyError) as exc:
        raise _Damaged(f"not a form: {exc}") from None
    form.id = form_id
    return form


def _keep_revisions(notes: dict[int, dict]) -> set[int]:
    """Which revision numbers the retention rule keeps (see KEEP_RECENT / KEEP_DAILY)."""
    def day(n: int) -> str:
        return from_iso(notes[n].get("saved_at")).date().isoformat()

    numbers = sorted(notes, reverse=True)
    keep = set(numbers[:KEEP_RECENT])
    covered = {day(n) for n in keep}  # days the recent saves already represent
    daily = 0
    for n in numbers[KEEP_RECENT:]:
        if daily >= KEEP_DAILY:
            break
        d = day(n)
        if d in covered:
            continue
        covered.add(d)
        keep.add(n)
        daily += 1
    return keep


def _history_numbers(history: Path) -> list[int]:
    """Revision numbers of the files in a history folder, newest first."""
    try:
        names = os.listdir(history)
    except OSError:
        return []
    numbers = [int(m.group(1)) for m in map(_HISTORY_RE.match, names) if m]
    return sorted(numbers, reverse=True)


class _FormFile:
    """One form's folder, with its TinyDB file kept open (cached) while the form is in use."""

    def __init__(self, folder: Path, read_only: bool) -> None:
        self.folder = folder
        self.path = folder / FORM_FILE
        self.history = folder / HISTORY_DIR
        self.db = TinyDB(self.path, storage=AtomicJSONStorage, read_only=read_only,
                         indent=FORM_INDENT)
        self.storage: AtomicJSONStorage = self.db.storage

    def read(self) -> tuple[dict, dict[int, dict]]:
        try:
            data = self.storage.read()
        except StorageReadError as exc:
            raise _Damaged(str(exc)) from None
        if data is None:
            if self.path.exists():
                raise _Damaged("empty file")
            raise _Missing()
        return _parse_doc(data)

    def history_numbers(self) -> list[int]:
        """Revision numbers present in history/, newest first."""
        return _history_numbers(self.history)

    def read_history(self, number: int) -> tuple[dict, dict[int, dict]]:
        storage = AtomicJSONStorage(self.history / _history_name(number), read_only=True)
        try:
            return _parse_doc(storage.read())
        except StorageReadError as exc:
            raise _Damaged(str(exc)) from None

    def close(self) -> None:
        self.db.close()


class Library:
    """A folder of forms. Use ``open_library`` to get one; close it (or use ``with``)."""

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self.locked_by_other = False
        self.lock_message = ""
        self.notices: list[str] = []
        self._writer_lock = WriterLock(folder)
        self._mutex = threading.RLock()
        self._files: OrderedDict[str, _FormFile] = OrderedDict()
        self._index: Index | None = None
        self._recovered: set[str] = set()  # forms restored from history whose entry may be stale
        self._closed = False

    # == opening and closing =================================================================
    def _open(self) -> None:
        if not self.read_only:
            self._take_writer_lock()
        if not self.read_only:
            try:
                for sub in (FORMS_DIR, TRASH_DIR, INDEX_DIR):
                    (self.folder / sub).mkdir(exist_ok=True)
            except OSError as exc:
                self._fall_back_to_read_only(exc)
        self._index = Index(self.folder, self.read_only)
        self._heal(first=True)

    def _take_writer_lock(self) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._writer_lock.acquire()
            self._probe_writable()
        except LockBusy as busy:
            self.read_only = True
            self.locked_by_other = True
            who = describe_owner(busy.owner)
            self.lock_message = (
                f"表单库“{self.folder}”正被{who}使用。为避免两处同时修改互相覆盖，"
                "本窗口以只读方式打开：可以查看、打印和导出，不能保存。"
                "请关闭另一个窗口后重新打开本程序。")
        except OSError as exc:
            self._fall_back_to_read_only(exc)

    def _fall_back_to_read_only(self, exc: OSError) -> None:
        log.warning("library %s cannot be written, opened read-only: %s", self.folder, exc)
        self._writer_lock.release()
        self.read_only = True
        self.lock_message = (
            f"无法写入表单库文件夹“{self.folder}”（{exc.strerror or exc}），"
            "本次以只读方式打开：可以查看和导出，不能保存。"
            "请检查该文件夹的权限和磁盘空间，或用 --data-dir 选择其他文件夹。")

    def _probe_writable(self) -> None:
        """Fail now, not at the first save, when the folder cannot take new files."""
        probe = self.folder / f".probe-{os.getpid()}.tmp"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.close(fd)
        os.unlink(probe)

    def close(self) -> None:
        """Release the writer lock and forget cached data."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            for f in self._files.values():
                f.close()
            self._files.clear()
            if self._index is not None:
                self._index.close()  # writes what a full disk held back, if it can now
            self._writer_lock.release()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self._writer_lock.release()
        except Exception:
            pass

    # == helpers ============================================================================
    def _notice(self, message: str) -> None:
        """Tell the person once (the window shows ``notices``; the CLI prints them)."""
        if message not in self.notices:
            log.warning("library %s: %s", self.folder, message)
            self.notices.append(message)

    def _forms_dir(self, trash: bool = False) -> Path:
        return self.folder / (TRASH_DIR if trash else FORMS_DIR)

    def _require_writable(self) -> None:
        if self._closed:
            raise StoreError("表单库已关闭：请重新打开后再操作。")
        if self.read_only:
            raise StoreError(self.lock_message or "表单库以只读方式打开，不能修改：请关闭其他窗口后重新打开。")

    @staticmethod
    def _norm_id(form_id: Any) -> str:
        fid = str(form_id or "").strip().lower()
        if not _ID_RE.match(fid):
            raise StoreError(f"“{form_id}”不是有效的表单编号：编号由字母、数字组成，可用 list 命令查看。")
        return fid

    def _file(self, fid: str, trash: bool = False) -> _FormFile:
        key = ("T:" if trash else "F:") + fid
        f = self._files.get(key)
        if f is None:
            f = _FormFile(self._forms_dir(trash) / fid, self.read_only)
            self._files[key] = f
            while len(self._files) > FORM_CACHE_SIZE:
                _, old = self._files.popitem(last=False)
                old.close()
        else:
            self._files.move_to_end(key)
        return f

    def _forget(self, fid: str) -> None:
        for key in ("F:" + fid, "T:" + fid):
            f = self._files.pop(key, None)
            if f is not None:
                f.close()

    def _write_error(self, exc: OSError, path: Path) -> StoreError:
        message = exc.message if isinstance(exc, WriteError) else describe_os_error(path, exc)
        return StoreError(message)

    def _move_aside(self, path: Path, fid: str, label: str) -> Path | None:
        """Move a file that failed to load into damaged/ (never delete it); None when impossible."""
        if self.read_only or not path.exists():
            return None
        damaged = self.folder / DAMAGED_DIR
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = damaged / f"{stamp}-{fid}-{label}"
        try:
            damaged.mkdir(exist_ok=True)
            os.replace(path, target)
            return target
        except OSError:
            pass
        try:  # a rename can fail where a copy succeeds (another program holds the file open)
            atomic_write_bytes(target, path.read_bytes())
            return target
        except OSError:
            return None

    # == the index ==========================================================================
    @property
    def index(self) -> Index:
        """The index files (summaries of every form)."""
        assert self._index is not None
        return self._index

    def _index_damaged(self, path: Path) -> None:
        """An index file failed to load: move it aside and serve it empty (then rebuild)."""
        if self.read_only:
            self.index.serve_empty(path, protect=True)
            self._notice("表单库目录文件已损坏：本窗口为只读，已临时根据各表单文件重新列出，未作修复。")
            return
        moved = self._move_aside(path, "index", path.name)
        self.index.serve_empty(path, protect=moved is None)
        if moved is None:
            self._notice(
                f"表单库目录文件“{path}”已损坏，且无法移走：本次根据各表单文件临时列出，"
                "保存表单不受影响。请检查文件夹权限。")
        else:
            self._notice(f"表单库目录文件已损坏，已移到“{moved}”保存，并根据各表单文件重新建立了目录。")

    def _guarded(self, read):
        """Run an index read; a damaged index file is moved aside and rebuilt first."""
        for _ in range(SHARDS + 2):
            try:
                return read()
            except ShardDamaged as exc:
                self._index_damaged(exc.path)
                self._heal()
        return read()

    def _entry(self, fid: str, table: str) -> tuple[int, dict] | None:
        """A form's index entry (with its doc id) in "forms" or "trash"."""
        return self._guarded(lambda: self.index.read_shard(shard_of(fid))[table].get(fid))

    def _read_all(self) -> tuple[dict[str, tuple[int, dict]], dict[str, tuple[int, dict]], dict]:
        """Every entry of both tables by id, and the meta document; damaged files are reset."""
        forms: dict[str, tuple[int, dict]] = {}
        trash: dict[str, tuple[int, dict]] = {}
        for i in range(SHARDS):
            try:
                shard = self.index.read_shard(i)
            except ShardDamaged as exc:
                self._index_damaged(exc.path)
                continue
            forms.update(shard["forms"])
            trash.update(shard["trash"])
        try:
            meta = self.index.read_meta()
        except ShardDamaged as exc:
            self._index_damaged(exc.path)
            meta = {}
        return forms, trash, meta

    def _scan(self, trash: bool) -> dict[str, list[int] | None]:
        """Form folders on disk: id → stamp of form.json (None when only history is left)."""
        base = self._forms_dir(trash)
        found: dict[str, list[int] | None] = {}
        try:
            entries = list(os.scandir(base))
        except OSError:
            return found
        for entry in entries:
            name = entry.name
            if name.startswith(PURGING_PREFIX) and not self.read_only:
                shutil.rmtree(entry.path, ignore_errors=True)  # finish an interrupted purge
                continue
            if not _ID_RE.match(name) or not entry.is_dir():
                continue
            folder = Path(entry.path)
            stamp = _stamp(folder / FORM_FILE)
            if not self.read_only:
                self._clean_temp_files(folder)
            if stamp is None and not _history_numbers(folder / HISTORY_DIR):
                if not self.read_only:
                    try:
                        folder.rmdir()  # a folder left by a create that never wrote its file
                    except OSError:
                        pass
                continue
            found[name] = stamp
        return found

    @staticmethod
    def _clean_temp_files(folder: Path) -> None:
        """Remove temporary files left by a save that was killed before its rename."""
        try:
            names = os.listdir(folder)
        except OSError:
            return
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                try:
                    os.unlink(folder / name)
                except OSError:
                    pass

    def _heal(self, first: bool = False) -> None:
        """Bring the index in line with the form folders on disk (the folders are the truth)."""
        forms, trash, meta = self._read_all()
        lib_version = meta.get("library_version", LIBRARY_VERSION)
        if isinstance(lib_version, int) and lib_version > LIBRARY_VERSION:
            if not self.read_only:
                self._writer_lock.release()
                self.read_only = True
            self.lock_message = ("该表单库由更新版本的程序建立，本程序只能以只读方式打开：请升级本程序。")
            for db in self.index.databases:
                db.storage.memory_only = True
        full = first and (meta.get("summary_version") != SUMMARY_VERSION
                          or meta.get("library_version") != LIBRARY_VERSION)
        if first and meta.get("shards", SHARDS) != SHARDS:
            # Spread over another number of files by another version: the index is a cache,
            # so start it afresh from the form folders.
            self.index.reset()
            forms, trash, full = {}, {}, True
        if self.read_only:
            for f in self._files.values():
                f.storage.read_only = True
        if not self.folder.exists():
            return
        if not self.read_only:
            self._clean_temp_files(self.folder)
            self._clean_temp_files(self.index.dir)
        changes: list[tuple[str, str, Any]] = []  # (table, "remove", id) / (table, "put", entry)
        for trash_flag, table_name, entries in ((False, "forms", forms), (True, "trash", trash)):
            on_disk = self._scan(trash_flag)
            for fid in entries:
                if fid not in on_disk:
                    changes.append((table_name, "remove", fid))
            for fid, stamp in on_disk.items():
                old = entries.get(fid)
                if old is not None and not full and stamp is not None and old[1].get("stamp") == stamp:
                    continue
                entry = self._rebuild_entry(fid, trash_flag, old[1] if old else None)
                if trash_flag and entry.get("deleted_at") is None:
                    entry["deleted_at"] = to_iso(now_utc())
                changes.append((table_name, "put", entry))
        if changes or full:
            self._write_index(changes, meta=True)

    def _rebuild_entry(self, fid: str, trash: bool, old: dict | None) -> dict:
        """A fresh index entry for a form folder, loading (and if need be recovering) the form."""
        f = self._file(fid, trash)
        try:
            form, doc, _ = self._load_doc(fid, trash, old.get("title") if old else None)
            entry = make_entry(form, doc.get("saved_at") or to_iso(now_utc()), doc["revision"])
        except StoreError as exc:
            entry = dict(old) if old else {
                "id": fid, "title": f"（无法读取的表单 {fid}）", "unit": "", "project_name": "",
                "year": None, "kind": "department", "status": "draft", "total_score": "",
                "total_max": "", "grade": "", "errors": 1, "warnings": 0,
                "saved_at": to_iso(now_utc()), "revision": 0,
            }
            entry["damaged"] = str(exc)
        entry["stamp"] = _stamp(f.path)
        if trash:
            entry["deleted_at"] = (old or {}).get("deleted_at")
        return entry

    def _write_index(self, ops: list[tuple[str, str, Any]], meta: bool = False) -> None:
        """Apply ("forms"|"trash", "remove", id) / (…, "put", entry) to the index.

        Written atomically, one file per shard touched. When the disk refuses, the change is kept
        in memory (the form files are already right): it is written with the next change or at
        closing, or rebuilt from the form files at the next opening.
        """
        def failed() -> None:
            self._notice("表单库目录未能写入（磁盘已满或没有写入权限）：表单本身完好，"
                         "下次保存或打开时会自动修复目录。")

        meta_doc = {"library_version": LIBRARY_VERSION, "summary_version": SUMMARY_VERSION,
                    "shards": SHARDS} if meta else None
        self._guarded(lambda: self.index.apply(ops, meta_doc, on_failure=failed))

    # == loading ============================================================================
    def _load_doc(self, fid: str, trash: bool = False,
                  title: str | None = None) -> tuple[Form, dict, dict[int, dict]]:
        """The current form of a folder; recovers from history when form.json is damaged."""
        f = self._file(fid, trash)
        try:
            doc, notes = f.read()
            return _form_from_doc(doc, fid), doc, notes
        except _Missing:
            problem = "missing"
        except _Damaged:
            problem = "damaged"
        except OSError as exc:
            raise StoreError(f"无法读取表单文件“{f.path}”（{exc.strerror or exc}）：请检查文件权限。") from None
        return self._recover(f, fid, problem, title)

    def _recover(self, f: _FormFile, fid: str, problem: str,
                 title: str | None) -> tuple[Form, dict, dict[int, dict]]:
        moved_bad: list[Path] = []
        for number in f.history_numbers():
            try:
                doc, notes = f.read_history(number)
                form = _form_from_doc(doc, fid)
            except _Damaged:
                bad = self._move_aside(f.history / _history_name(number), fid, _history_name(number))
                if bad:
                    moved_bad.append(bad)
                continue
            except OSError:
                continue
            break
        else:
            where = f.path if f.path.exists() else f.folder
            raise StoreError(
                f"表单 {fid} 的文件已损坏，且没有可用的备份。损坏的文件保留在“{where}”，"
                "请勿删除，可交技术人员尝试修复。")
        name = title or form.display_name()
        when = from_iso(doc.get("saved_at")).strftime("%Y-%m-%d %H:%M")
        if self.read_only:
            self._notice(
                f"表单“{name}”的文件{'已损坏' if problem == 'damaged' else '缺失'}，"
                f"已临时载入 {when} 保存的备份（第 {number} 次保存）；本窗口为只读，未作修复。")
            return form, doc, notes
        moved = self._move_aside(f.path, fid, FORM_FILE) if problem == "damaged" else None
        try:
            data = (f.history / _history_name(number)).read_bytes()
            atomic_write_bytes(f.path, data)
        except OSError as exc:
            raise self._write_error(exc, f.path) from None
        f.storage.invalidate()
        self._recovered.add(fid)
        if problem == "damaged":
            where = f"，损坏的文件已移到“{moved}”" if moved else ""
            self._notice(
                f"表单“{name}”的文件已损坏{where}；已恢复为 {when} 保存的上一版本"
                f"（第 {number} 次保存），之后的修改需要重新输入。")
        else:
            self._notice(
                f"表单“{name}”的文件缺失，已恢复为 {when} 保存的版本（第 {number} 次保存）。")
        for bad in moved_bad:
            self._notice(f"表单“{name}”有一个损坏的备份，已移到“{bad}”保存。")
        return form, doc, notes

    def _locate(self, form_id: Any) -> tuple[str, bool]:
        """A form's id and whether it is in the recycle bin; StoreError when there is none."""
        fid = self._norm_id(form_id)
        for trash in (False, True):
            folder = self._forms_dir(trash) / fid
            if (folder / FORM_FILE).exists() or (folder / HISTORY_DIR).is_dir():
                return fid, trash
        raise StoreError(f"表单库中没有编号为 {fid} 的表单：可用 list 命令查看已有表单的编号。")

    def _active(self, form_id: Any) -> str:
        fid, trash = self._locate(form_id)
        if trash:
            raise StoreError(f"表单 {fid} 已删除，在回收站中：请先恢复（restore {fid}）再打开。")
        return fid

    def load(self, form_id: str) -> Form:
        """The current version of a stored form (migrated to the current schema if older)."""
        with self._mutex:
            self._require_open()
            fid = self._active(form_id)
            form, doc, _ = self._load_doc(fid)
            stored_version = doc["form"].get("version", 1)
            if stored_version < serialize.SCHEMA_VERSION and not self.read_only:
                # Store the migrated form as a new save; the old file stays in history.
                self._save_locked(form, note=f"数据格式升级（版本 {stored_version} → {serialize.SCHEMA_VERSION}）",
                                  migrating=True)
            if fid in self._recovered:
                self._recovered.discard(fid)
                self._sync_entry_if_stale(fid)
            return form

    def _sync_entry_if_stale(self, fid: str) -> None:
        """After a recovery the index entry no longer matches form.json: refresh it."""
        if self.read_only:
            return
        hit = self._entry(fid, "forms")
        path = self._forms_dir() / fid / FORM_FILE
        if hit is None or hit[1].get("stamp") != _stamp(path):
            entry = self._rebuild_entry(fid, False, hit[1] if hit else None)
            self._write_index([("forms", "put", entry)])

    def _require_open(self) -> None:
        if self._closed:
            raise StoreError("表单库已关闭：请重新打开后再操作。")

    def exists(self, form_id: str) -> bool:
        """True when a form with this id is in the library (not in the recycle bin)."""
        try:
            fid = self._norm_id(form_id)
        except StoreError:
            return False
        folder = self._forms_dir() / fid
        return (folder / FORM_FILE).exists() or (folder / HISTORY_DIR).is_dir()

    # == saving =============================================================================
    def create(self, form: Form, *, note: str = "") -> str:
        """Store a new form and return its id (a fresh id when the form's is taken or unusable)."""
        with self._mutex:
            self._require_writable()
            fid = form.id if isinstance(form.id, str) and _ID_RE.match(form.id) else ""
            while not fid or any((self._forms_dir(t) / fid).exists() for t in (False, True)):
                fid = new_id()
            form.id = fid
            folder = self._forms_dir() / fid
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise self._write_error(exc, folder) from None
            data = to_dict(form)
            saved_at = to_iso(now_utc())
            entry = make_entry(form, saved_at, 1)
            f = self._file(fid)
            try:
                self._write_form(f, data, revision=1, saved_at=saved_at,
                                 total=entry["total_score"], summary=note or "新建", notes={})
            except OSError as exc:
                self._forget(fid)
                shutil.rmtree(folder, ignore_errors=True)
                raise self._write_error(exc, f.path) from None
            _fsync_dir(folder.parent)
            entry["stamp"] = _stamp(f.path)
            self._write_index([("forms", "put", entry)])
            return fid

    def save(self, form: Form, *, note: str = "") -> None:
        """Store the form under its id as a new revision; nothing is written when nothing changed.

        A form marked final is not changed by ``save`` (only its status may change): reopen it
        first with ``set_status(id, Status.DRAFT)``.
        """
        with self._mutex:
            self._require_writable()
            self._save_locked(form, note=note)

    def _save_locked(self, form: Form, *, note: str = "", migrating: bool = False) -> bool:
        fid = self._active(form.id)
        f = self._file(fid)
        _, doc, notes = self._load_doc(fid)
        old = doc["form"]
        data = to_dict(form)
        if data == old:
            return False
        if (old.get("status") == Status.FINAL.value and data.get("status") == Status.FINAL.value
                and not migrating):
            raise StoreError(
                f"表单“{form.display_name()}”已定稿，不能直接修改：请先“重新打开”（改为草稿）后再修改。")
        revision = doc["revision"] + 1
        saved_at = to_iso(now_utc())
        entry = make_entry(form, saved_at, revision)
        summary = note or describe_changes(old, data)
        self._link_history(f, doc["revision"])
        notes = dict(notes)
        try:
            dropped = self._write_form(f, data, revision=revision, saved_at=saved_at,
                                       total=entry["total_score"], summary=summary, notes=notes,
                                       created_at=doc.get("created_at"))
        except OSError as exc:
            raise self._write_error(exc, f.path) from None
        for n in dropped:
            try:
                os.unlink(f.history / _history_name(n))
            except OSError:
                pass
        entry["stamp"] = _stamp(f.path)
        self._write_index([("forms", "put", entry)])
        return True

    def _link_history(self, f: _FormFile, number: int) -> None:
        """Keep the current form.json as history/<number>.json before it is replaced."""
        target = f.history / _history_name(number)
        if target.exists():
            return  # an earlier, interrupted save already kept it
        try:
            f.history.mkdir(exist_ok=True)
        except OSError as exc:
            raise self._write_error(exc, f.history) from None
        try:
            os.link(f.path, target)
            return
        except FileExistsError:
            return
        except OSError:
            pass  # no hard links on this file system (FAT, some network drives): copy
        try:
            atomic_write_bytes(target, f.path.read_bytes())
        except OSError as exc:
            raise self._write_error(exc, target) from None

    def _write_form(self, f: _FormFile, data: dict, *, revision: int, saved_at: str, total: str,
                    summary: str, notes: dict[int, dict], created_at: str | None = None) -> list[int]:
        """Write form.json (current state + revision notes) in one atomic write.

        Returns the revision numbers the retention rule dropped (their history files are removed
        by the caller once the write has succeeded).
        """
        notes[revision] = {"saved_at": saved_at, "total_score": total, "summary": summary,
                           "status": data.get("status", "draft")}
        keep = _keep_revisions(notes)
        dropped = sorted(n for n in notes if n not in keep)
        doc = {
            "store_version": STORE_VERSION,
            "revision": revision,
            "saved_at": saved_at,
            "created_at": created_at or saved_at,
            "form": data,
        }
        with f.storage.batch():
            f.db.drop_tables()
            f.db.table("form").insert(Document(doc, doc_id=1))
            rev_t = f.db.table("revisions")
            rev_t.insert_multiple(Document(notes[n], doc_id=n) for n in sorted(keep))
        return dropped

    # == listing and searching ==============================================================
    def list(self, query: str = "", *, year: int | None = None, kind: str | None = None,
             status: str | None = None, grade: str | None = None,
             min_score: Decimal | str | None = None,
             max_score: Decimal | str | None = None) -> list[FormSummary]:
        """Forms matching every given filter, most recently saved first.

        ``query`` matches (case-insensitively) a substring of the unit, the project name, the
        title or the id; the score bounds are inclusive.
        """
        with self._mutex:
            self._require_open()
            entries = self._guarded(lambda: self.index.entries("forms"))
        kind_v = FormKind(kind).value if kind else None
        status_v = Status(status).value if status else None
        lo = _to_decimal(min_score)
        hi = _to_decimal(max_score)
        q = (query or "").strip().lower()
        out = []
        for e in entries:
            if year is not None and e.get("year") != year:
                continue
            if kind_v and e.get("kind") != kind_v:
                continue
            if status_v and e.get("status") != status_v:
                continue
            if grade and e.get("grade") != grade:
                continue
            if lo is not None or hi is not None:
                score = _to_decimal(e.get("total_score"))
                if score is None or (lo is not None and score < lo) or (hi is not None and score > hi):
                    continue
            if q and not any(q in str(e.get(k) or "").lower() for k in ("unit", "project_name", "title", "id")):
                continue
            out.append(e)
        out.sort(key=lambda e: (str(e.get("saved_at", "")), e["id"]), reverse=True)
        return [_summary(e) for e in out]

    # == operations =========================================================================
    def create_from_template(self, kind: FormKind, year: int | None = None, unit: str = "") -> str:
        """A new blank form of ``kind`` (year defaults to last year); returns its id."""
        form = from_template(FormKind(kind), year, unit)
        return self.create(form, note="从空白模板新建")

    def duplicate_to_next_year(self, form_id: str) -> str:
        """Next year's form from this one (see ``operations.next_year_copy``); returns its id."""
        with self._mutex:
            self._require_writable()
            source = self.load(form_id)
            copy = next_year_copy(source)
            return self.create(copy, note=f"由“{source.display_name()}”复制为下一年度")

    def set_status(self, form_id: str, status: Status) -> None:
        """Mark a form final or reopen it as a draft (a new save)."""
        with self._mutex:
            self._require_writable()
            form = self.load(form_id)
            status = Status(status)
            if form.status is status:
                return
            form.status = status
            self._save_locked(form, note="标记为定稿" if status is Status.FINAL else "重新打开（改为草稿）")

    def delete(self, form_id: str) -> None:
        """Move a form to the recycle bin (restore brings it back)."""
        with self._mutex:
            self._require_writable()
            fid = self._active(form_id)
            hit = self._entry(fid, "forms")
            entry = dict(hit[1]) if hit else self._rebuild_entry(fid, False, None)
            self._forget(fid)
            src, dst = self._forms_dir() / fid, self._forms_dir(True) / fid
            try:
                self._forms_dir(True).mkdir(exist_ok=True)
                _move(src, dst)
            except OSError as exc:
                raise StoreError(f"无法把表单移到回收站（{exc.strerror or exc}）：请关闭正在使用该表单文件的程序后重试。") from None
            _fsync_dir(src.parent)
            _fsync_dir(dst.parent)
            entry["deleted_at"] = to_iso(now_utc())
            entry["stamp"] = _stamp(dst / FORM_FILE)
            self._write_index([("forms", "remove", fid), ("trash", "put", entry)])

    def trash(self) -> list[FormSummary]:
        """Forms in the recycle bin, most recently deleted first."""
        with self._mutex:
            self._require_open()
            entries = self._guarded(lambda: self.index.entries("trash"))
        entries.sort(key=lambda e: (str(e.get("deleted_at") or ""), e["id"]), reverse=True)
        return [_summary(e) for e in entries]

    def restore(self, form_id: str) -> None:
        """Bring a form back from the recycle bin."""
        with self._mutex:
            self._require_writable()
            fid, trash = self._locate(form_id)
            if not trash:
                raise StoreError(f"表单 {fid} 不在回收站中，无需恢复。")
            hit = self._entry(fid, "trash")
            self._forget(fid)
            src, dst = self._forms_dir(True) / fid, self._forms_dir() / fid
            try:
                _move(src, dst)
            except OSError as exc:
                raise StoreError(f"无法从回收站恢复表单（{exc.strerror or exc}）：请关闭正在使用该表单文件的程序后重试。") from None
            _fsync_dir(src.parent)
            _fsync_dir(dst.parent)
            entry = dict(hit[1]) if hit else self._rebuild_entry(fid, False, None)
            entry.pop("deleted_at", None)
            entry["stamp"] = _stamp(dst / FORM_FILE)
            self._write_index([("trash", "remove", fid), ("forms", "put", entry)])

    def purge(self, form_id: str) -> None:
        """Remove a form from the recycle bin for good (its history too)."""
        with self._mutex:
            self._require_writable()
            fid, trash = self._locate(form_id)
            if not trash:
                raise StoreError(f"表单 {fid} 不在回收站中：只能彻底删除回收站里的表单，请先删除。")
            self._forget(fid)
            src = self._forms_dir(True) / fid
            doomed = self._forms_dir(True) / f"{PURGING_PREFIX}{fid}"
            try:
                _move(src, doomed)
            except OSError as exc:
                raise StoreError(f"无法彻底删除表单（{exc.strerror or exc}）：请关闭正在使用该表单文件的程序后重试。") from None
            self._write_index([("trash", "remove", fid)])
            shutil.rmtree(doomed, ignore_errors=True)

    # == revisions ==========================================================================
    def revisions(self, form_id: str) -> list[Revision]:
        """The kept saves of a form, newest first (the first one is the current state)."""
        with self._mutex:
            self._require_open()
            fid, trash = self._locate(form_id)
            f = self._file(fid, trash)
            _, doc, notes = self._load_doc(fid, trash)
            current = doc["revision"]
            present = set(f.history_numbers()) | {current}
            out = []
            for n in sorted(present, reverse=True):
                if n > current:
                    continue  # left over from a save that a recovery rolled back
                meta = notes.get(n)
                if meta is None:
                    meta = self._history_meta(f, n)
                out.append(Revision(
                    number=n, saved_at=from_iso(meta.get("saved_at")),
                    total_score=str(meta.get("total_score", "")), summary=str(meta.get("summary", "")),
                    status=str(meta.get("status", "draft")), current=n == current))
            return out

    @staticmethod
    def _history_meta(f: _FormFile, number: int) -> dict:
        """Notes for a history file the current notes do not mention (after a recovery)."""
        try:
            doc, notes = f.read_history(number)
        except (_Damaged, OSError):
            return {"saved_at": None, "total_score": "", "summary": "（备份文件已损坏）"}
        return notes.get(number) or {"saved_at": doc.get("saved_at"), "total_score": "", "summary": ""}

    def load_revision(self, form_id: str, number: int) -> Form:
        """The form as it was at one of its kept saves."""
        with self._mutex:
            self._require_open()
            fid, trash = self._locate(form_id)
            f = self._file(fid, trash)
            _, doc, _ = self._load_doc(fid, trash)
            if number == doc["revision"]:
                return _form_from_doc(doc, fid)
            if number > doc["revision"] or not (f.history / _history_name(number)).exists():
                raise StoreError(f"表单 {fid} 没有保留第 {number} 次保存的版本：请从 revisions 列出的版本中选择。")
            try:
                old_doc, _ = f.read_history(number)
                return _form_from_doc(old_doc, fid)
            except _Damaged:
                raise StoreError(f"表单 {fid} 第 {number} 次保存的备份已损坏，无法载入：请选择其他版本。") from None

    def restore_revision(self, form_id: str, number: int) -> None:
        """Make an earlier save the current state again (as a new save; nothing is lost)."""
        with self._mutex:
            self._require_writable()
            form = self.load_revision(form_id, number)
            fid = self._active(form_id)
            form.id = fid
            self._save_locked(form, note=f"恢复为第 {number} 次保存的版本")


def _to_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _summary(entry: dict) -> FormSummary:
    s = entry_to_summary(entry)
    if entry.get("damaged"):
        s.damaged = True
        s.errors = max(s.errors, 1)
    return s


def open_library(data_dir: str | os.PathLike | None = None, *, read_only: bool = False) -> Library:
    """Open (creating if need be) the library in ``data_dir`` or the default data folder.

    Only one process writes a library at a time: when another holds it, the library opens
    read-only with ``locked_by_other`` set and ``lock_message`` saying so.
    """
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    lib = Library(folder.absolute(), read_only=read_only)
    try:
        lib._open()
    except OSError as exc:
        lib.close()
        raise StoreError(f"无法打开表单库“{folder}”（{exc.strerror or exc}）：请检查该文件夹是否存在、能否访问。") from None
    except BaseException:
        lib.close()
        raise
    log.info("library %s opened%s", lib.folder,
             " read-only" + (" (held by another program)" if lib.locked_by_other else "") if lib.read_only else "")
    return lib

