"""The library of forms: one folder per form, a small index, a recycle bin, one writer.

Layout of a library folder::

    index/index.json          the index: one small entry per form, so listing never loads a
                              form (see ``index``), with the tables "forms" and "trash"
    library.lock              the writer lock (see ``lock``); library.owner.json says who holds it
    forms/<id>/form.json      the form (TinyDB, see ``formfile``): table "form" holds the current
                              state and its checksum, table "revisions" a note per kept save
    forms/<id>/history/000041.json
                              earlier saves, each a complete copy of form.json as it was
    trash/<id>/…              deleted forms, the same folder moved aside
    damaged/…                 files that failed to load, moved aside (never deleted)

Why one file per form: TinyDB rewrites its whole file on every write, so a single database of a
thousand forms would rewrite 12 MB on every save (``bench/bench_store.py`` measures it: about
a quarter of a second). Here a save rewrites one form file of ~17 KB and the index.

A save (1) hard-links the current ``form.json`` into ``history/`` under its revision number
(no data copied; a copy where the file system has no hard links), (2) writes the new
``form.json`` atomically (temp file, fsync, ``os.replace``), (3) updates the index atomically.
A crash between any two steps leaves every file whole: at worst the index is stale, and opening
the library compares each form file's size and time with what the index recorded and rebuilds
the entries that differ (``recovery``; ``docs/store.md`` draws the states). The form files are
the truth; the index can always be rebuilt.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ..fileio import WriteError, atomic_write_bytes, describe_os_error, replace_retrying
from ..model import serialize
from ..model.form import Form, FormKind, Status, new_id
from ..model.form_bounds import check_form_numbers
from ..model.numbers import OutOfRange
from ..model.operations import default_year, next_year_copy
from ..model.packs import Pack
from ..model.serialize import to_dict
from .errors import StoreError
from .formfile import (
    FORM_FILE, HISTORY_DIR, STORE_VERSION, Damaged, FormFile, form_from_doc, history_name, stamp,
)
from .index import INDEX_DIR, INDEX_LAYOUT, Index
from .lock import LockBusy, WriterLock, describe_owner
from .paths import default_data_dir
from .recovery import LIBRARY_VERSION, PURGING_PREFIX, Fallback, Recovery
from .summary import (
    SUMMARY_VERSION, FormSummary, Revision, describe_changes, entry_to_summary, from_iso,
    make_entry, now_utc, to_iso,
)

log = logging.getLogger(__name__)

__all__ = ["Library", "open_library", "KEEP_RECENT", "KEEP_DAILY", "STORE_VERSION", "Fallback"]

FORMS_DIR = "forms"
TRASH_DIR = "trash"

# Revisions kept per form: every one of the latest KEEP_RECENT saves, and before those the last
# save of each day for KEEP_DAILY days (autosave makes many saves a day; a person looking for
# "what it was last week" wants one per day).
KEEP_RECENT = 30
KEEP_DAILY = 60

FORM_CACHE_SIZE = 32
LOCK_POLL = 0.05  # seconds between attempts while waiting for a busy writer lock

_ID_RE = re.compile(r"^[0-9a-z][0-9a-z_-]{5,63}$")


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
        try:
            os.close(fd)
        except OSError:
            pass  # the rename is done; a handle that fails to close must not undo that


def _move(src: Path, dst: Path) -> None:
    """Rename a folder to a new name; on Windows retry while a scanner holds a file inside open."""
    if dst.exists():
        # os.replace would silently replace an empty folder on POSIX: never lose one.
        raise FileExistsError(errno.EEXIST, "target exists", str(dst))
    replace_retrying(src, dst)


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


class Library:
    """A folder of forms. Use ``open_library`` to get one; close it (or use ``with``).

    ``role`` says who reads the messages: "window" (the program's window) or "command" (the
    command line); it is also recorded with the writer lock so another instance can say who
    holds it.
    """

    def __init__(self, folder: Path, read_only: bool = False, role: str = "window") -> None:
        self.folder = folder
        self.read_only = read_only
        self.role = role
        self.locked_by_other = False
        self.lock_message = ""
        self.notices: list[str] = []
        # Forms read from an older revision because their current file was damaged or missing.
        self.fallbacks: dict[str, Fallback] = {}
        self._writer_lock = WriterLock(folder)
        self._mutex = threading.RLock()
        self._files: OrderedDict[str, FormFile] = OrderedDict()
        self._index: Index | None = None
        self._recovery = Recovery(self)
        self._recovered: set[str] = set()  # forms restored from history whose entry may be stale
        self._newer = False  # the library was made by a newer program: never write to it
        self._closed = False

    # == opening and closing =================================================================
    def _open(self, wait: float = 0.0) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "不是文件夹", str(self.folder))
        if not self.read_only:
            self._take_writer_lock(wait)
        if not self.read_only:
            try:
                for sub in (FORMS_DIR, TRASH_DIR, INDEX_DIR):
                    (self.folder / sub).mkdir(exist_ok=True)
            except OSError as exc:
                self._fall_back_to_read_only(exc)
        self._index = Index(self.folder, self.read_only)
        self._recovery.heal(first=True)

    def _take_writer_lock(self, wait: float) -> None:
        """Take the lock, waiting up to ``wait`` seconds for each holder in turn to finish.

        The wait starts again whenever the lock changes hands: a queue of short commands (a
        script importing many files at once) moves on, while one holder that keeps the library
        (an open window) is given up on after ``wait`` seconds.
        """
        deadline = time.monotonic() + wait
        holder: tuple | None = None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            while True:
                try:
                    self._writer_lock.acquire(self.role)
                    break
                except LockBusy as busy:
                    now = time.monotonic()
                    who = (busy.owner.get("pid"), busy.owner.get("since"), busy.owner.get("host"))
                    if holder is not None and who != holder:
                        deadline = now + wait
                    holder = who
                    if now >= deadline:
                        raise
                    time.sleep(LOCK_POLL)
            self._probe_writable()
        except LockBusy as busy:
            self.read_only = True
            self.locked_by_other = True
            who = describe_owner(busy.owner)
            if self.role == "window":
                self.lock_message = (
                    f"表单库“{self.folder}”正被{who}使用。为避免两处同时修改互相覆盖，"
                    "本窗口以只读方式打开：可以查看、打印和导出，不能保存。"
                    "对方关闭后，本窗口会提示切换为可编辑。")
            else:
                waited = f"等待 {wait:g} 秒后仍未释放" if wait else "不能同时修改"
                close = "（或关闭另一个窗口）" if busy.owner.get("role") != "command" else ""
                self.lock_message = (
                    f"表单库“{self.folder}”正被{who}使用，{waited}：请等它完成{close}后重试。")
        except OSError as exc:
            self._fall_back_to_read_only(exc)

    def _fall_back_to_read_only(self, exc: OSError) -> None:
        log.warning("library %s cannot be written, opened read-only: %s", self.folder, exc)
        self._writer_lock.release()
        self.read_only = True
        if exc.errno == errno.EROFS:
            why = "所在的磁盘是只读的（只读文件系统）"
            fix = "请把表单库放到可写入的磁盘上"
        else:
            why = f"（{exc.strerror or exc}）"
            fix = "请检查该文件夹的权限和磁盘空间"
        what = (f"表单库文件夹“{self.folder}”{why}" if exc.errno == errno.EROFS
                else f"无法写入表单库文件夹“{self.folder}”{why}")
        if self.role == "window":
            self.lock_message = f"{what}，本次以只读方式打开：可以查看和导出，不能保存。{fix}。"
        else:
            self.lock_message = f"{what}，不能修改：{fix}，或用 --data-dir 选择其他文件夹。"

    def _become_read_only(self, message: str) -> None:
        """Stop writing for good in this session (the library belongs to a newer program)."""
        if not self.read_only:
            self._writer_lock.release()
            self.read_only = True
        self._newer = True
        self.lock_message = message
        for f in self._files.values():
            f.storage.read_only = True

    def _probe_writable(self) -> None:
        """Fail now, not at the first save, when the folder cannot take new files."""
        probe = self.folder / f".probe-{os.getpid()}.tmp"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.close(fd)
        os.unlink(probe)

    def writer_lock_free(self) -> bool:
        """True when this read-only library could become the writer now (nobody holds the lock)."""
        with self._mutex:
            if not self.read_only or self._closed or self._newer:
                return False
            return self._writer_lock.free()

    def become_writer(self) -> bool:
        """Take the writer lock that another instance released; False when that is not possible."""
        with self._mutex:
            if self._closed or self._newer:
                return False
            if not self.read_only:
                return True
            try:
                self._writer_lock.acquire(self.role)
            except (LockBusy, OSError):
                return False
            try:
                self._probe_writable()
            except OSError:
                self._writer_lock.release()
                return False
            self.read_only = False
            self.locked_by_other = False
            self.lock_message = ""
            for f in self._files.values():
                f.close()
            self._files.clear()
            self._index = Index(self.folder, False)
            self._recovery.heal(first=True)
            return True

    def close(self) -> None:
        """Release the writer lock and forget cached data (never fails once the work is done)."""
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            for f in self._files.values():
                f.close()
            self._files.clear()
            if self._index is not None:
                try:
                    self._index.close()  # writes what a full disk held back, if it can now
                except OSError:
                    pass  # rebuilt at the next opening
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
    def valid_id(name: str) -> bool:
        """Whether a folder name is a form id."""
        return bool(_ID_RE.match(name))

    @staticmethod
    def _norm_id(form_id: Any) -> str:
        fid = str(form_id or "").strip().lower()
        if not _ID_RE.match(fid):
            raise StoreError(f"“{form_id}”不是有效的表单编号：编号由字母、数字组成，可用 list 命令查看。")
        return fid

    def _file(self, fid: str, trash: bool = False) -> FormFile:
        key = ("T:" if trash else "F:") + fid
        f = self._files.get(key)
        if f is None:
            f = FormFile(self._forms_dir(trash) / fid, self.read_only)
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

    # == the index ==========================================================================
    @property
    def index(self) -> Index:
        """The index file (summaries of every form)."""
        assert self._index is not None
        return self._index

    def _entry(self, fid: str, table: str) -> dict | None:
        """A form's index entry in "forms" or "trash"."""
        return self._recovery.guarded(lambda: self.index.get(fid, table))

    def _write_index(self, ops: list[tuple[str, str, Any]], meta: bool = False) -> None:
        """Apply ("forms"|"trash", "remove", id) / (…, "put", entry) to the index.

        Written atomically. When the disk refuses, the change is kept in memory (the form files
        are already right): it is written with the next change or at closing, or rebuilt from
        the form files at the next opening.
        """
        meta_doc = {"library_version": LIBRARY_VERSION, "summary_version": SUMMARY_VERSION,
                    "index_layout": INDEX_LAYOUT} if meta else None
        if not self._recovery.guarded(lambda: self.index.apply(ops, meta_doc)):
            self._notice("表单库目录未能写入（磁盘已满或没有写入权限）：表单本身完好，"
                         "下次保存或打开时会自动修复目录。")

    # == loading ============================================================================
    def _load_doc(self, fid: str, trash: bool = False) -> tuple[Form, dict, dict[int, dict]]:
        """The current form of a folder; recovers from history when form.json is damaged."""
        return self._recovery.load_doc(fid, trash)

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
        if hit is None or hit.get("stamp") != stamp(path):
            entry = self._recovery.rebuild_entry(fid, False, hit)
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
            _check_numbers(form)
            form.id = fid
            # Everything that could fail on the form's content happens before the folder exists:
            # a create that fails leaves no trace in the library.
            data = to_dict(form)
            saved_at = to_iso(now_utc())
            entry = make_entry(form, saved_at, 1)
            folder = self._forms_dir() / fid
            try:
                folder.mkdir(parents=True)
            except OSError as exc:
                raise self._write_error(exc, folder) from None
            f = self._file(fid)
            try:
                self._write_form(f, data, revision=1, saved_at=saved_at,
                                 total=entry["total_score"], summary=note or "新建", notes={})
            except BaseException as exc:
                self._forget(fid)
                shutil.rmtree(folder, ignore_errors=True)
                if isinstance(exc, OSError):
                    raise self._write_error(exc, f.path) from None
                raise
            _fsync_dir(folder.parent)
            entry["stamp"] = stamp(f.path)
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
        doc, notes = self._recovery.read_doc(fid)
        old = doc["form"]
        data = to_dict(form)
        if data == old:
            return False
        _check_numbers(form)
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
                os.unlink(f.history / history_name(n))
            except OSError:
                pass
        entry["stamp"] = stamp(f.path)
        self._write_index([("forms", "put", entry)])
        return True

    def _link_history(self, f: FormFile, number: int) -> None:
        """Keep the current form.json as history/<number>.json before it is replaced."""
        target = f.history / history_name(number)
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

    def _write_form(self, f: FormFile, data: dict, *, revision: int, saved_at: str, total: str,
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
        f.write(doc, {n: notes[n] for n in keep})
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
            entries = self._recovery.guarded(lambda: list(self.index.table("forms").values()))
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
    def create_from_pack(self, pack: Pack, year: int | None = None, unit: str = "") -> str:
        """A new blank form from a rule pack's template (year defaults to last year); its id."""
        form = pack.new_form(default_year() if year is None else year, unit)
        return self.create(form, note=f"按规则包“{pack.title}”新建")

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
            entry = dict(hit) if hit else self._recovery.rebuild_entry(fid, False, None)
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
            entry["stamp"] = stamp(dst / FORM_FILE)
            self._write_index([("forms", "remove", fid), ("trash", "put", entry)])

    def trash(self) -> list[FormSummary]:
        """Forms in the recycle bin, most recently deleted first."""
        with self._mutex:
            self._require_open()
            entries = self._recovery.guarded(lambda: list(self.index.table("trash").values()))
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
            entry = dict(hit) if hit else self._recovery.rebuild_entry(fid, False, None)
            entry.pop("deleted_at", None)
            entry["stamp"] = stamp(dst / FORM_FILE)
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
            doc, notes = self._recovery.read_doc(fid, trash)
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
    def _history_meta(f: FormFile, number: int) -> dict:
        """Notes for a history file the current notes do not mention (after a recovery)."""
        try:
            doc, notes = f.read_history(number)
        except (Damaged, OSError):
            return {"saved_at": None, "total_score": "", "summary": "（备份文件已损坏）"}
        return notes.get(number) or {"saved_at": doc.get("saved_at"), "total_score": "", "summary": ""}

    def load_revision(self, form_id: str, number: int) -> Form:
        """The form as it was at one of its kept saves."""
        with self._mutex:
            self._require_open()
            fid, trash = self._locate(form_id)
            f = self._file(fid, trash)
            doc, _ = self._recovery.read_doc(fid, trash)
            if number == doc["revision"]:
                return form_from_doc(doc, fid)
            if number > doc["revision"] or not (f.history / history_name(number)).exists():
                raise StoreError(f"表单 {fid} 没有保留第 {number} 次保存的版本：请从 revisions 列出的版本中选择。")
            try:
                old_doc, _ = f.read_history(number)
                return form_from_doc(old_doc, fid)
            except Damaged:
                raise StoreError(f"表单 {fid} 第 {number} 次保存的备份已损坏，无法载入：请选择其他版本。") from None
            except OSError as exc:
                raise StoreError(f"表单 {fid} 第 {number} 次保存的备份无法读取（{exc.strerror or exc}）："
                                 "请检查文件权限，或选择其他版本。") from None

    def restore_revision(self, form_id: str, number: int) -> bool:
        """Make an earlier save the current state again (as a new save; nothing is lost).

        False when that save has the same content as the current state (nothing was written).
        """
        with self._mutex:
            self._require_writable()
            form = self.load_revision(form_id, number)
            try:
                check_form_numbers(form)  # a save of an older program, before the bounds
            except OutOfRange as exc:
                raise StoreError(f"第 {number} 次保存的版本中{exc}：不能恢复为这个版本，表单未改动。") from None
            fid = self._active(form_id)
            form.id = fid
            return self._save_locked(form, note=f"恢复为第 {number} 次保存的版本")


def _check_numbers(form: Form) -> None:
    """Nothing out of range is ever saved (``model.numbers`` holds the bounds)."""
    try:
        check_form_numbers(form)
    except OutOfRange as exc:
        raise StoreError(f"{exc}，未保存：请改正后再保存。") from None


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


def open_library(data_dir: str | os.PathLike | None = None, *, read_only: bool = False,
                 role: str = "window", wait: float = 0.0) -> Library:
    """Open (creating if need be) the library in ``data_dir`` or the default data folder.

    Only one process writes a library at a time: when another holds it (after waiting up to
    ``wait`` seconds for it to finish), the library opens read-only with ``locked_by_other``
    set and ``lock_message`` saying so, in words for ``role`` ("window" or "command").
    """
    folder = Path(data_dir).expanduser() if data_dir else default_data_dir()
    lib = Library(folder.absolute(), read_only=read_only, role=role)
    try:
        lib._open(wait)
    except OSError as exc:
        lib.close()
        raise StoreError(f"无法打开表单库“{folder}”（{exc.strerror or exc}）：请检查该文件夹是否存在、能否访问。") from None
    except BaseException:
        lib.close()
        raise
    log.info("library %s opened%s", lib.folder,
             " read-only" + (" (held by another program)" if lib.locked_by_other else "") if lib.read_only else "")
    return lib

