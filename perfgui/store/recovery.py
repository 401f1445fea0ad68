"""Bringing a library back to a consistent state: the index against the folders, damaged files.

``docs/store.md`` draws the states this module moves between. In short:

- A form's ``form.json`` is *good*, *missing* (only ``history/`` left), *damaged* (unreadable,
  wrong shape, checksum mismatch) or *newer* (written by a newer program: refused, never
  touched). Damaged and missing files are replaced by the newest good history file (the damaged
  bytes moved to ``damaged/`` first); a damaged history file is moved aside and the next older
  one tried. With no good file left the form is listed as damaged and left in place.
- The index is *current*, *stale* (an entry's recorded size and time differ from its
  ``form.json``, an entry without a folder, a folder without an entry), *damaged* (moved aside
  and served empty, then rebuilt) or of *another layout or summary version* (rebuilt in full).
  Stale entries are rebuilt one by one from the forms.

A read-only library makes the same repairs in memory only and never changes a file. Everything
this module tells the person goes to ``Library.notices``, naming the form by id, unit and year.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Protocol

from ..fileio import atomic_write_bytes
from ..model.form import Form
from .errors import StoreError
from .formfile import (
    FORM_FILE, HISTORY_DIR, Damaged, FormFile, Missing, form_from_doc, history_name,
    history_numbers, stamp,
)
from .index import INDEX_LAYOUT, INDEX_NAME, Index, IndexDamaged
from .summary import SUMMARY_VERSION, from_iso, make_entry, now_utc, to_iso


DAMAGED_DIR = "damaged"
PURGING_PREFIX = ".purging-"
LIBRARY_VERSION = 1  # layout of the library folder


@dataclass
class Fallback:
    """A form read from an older revision because its current file was damaged or missing."""

    form_id: str
    revision: int
    saved_at: str  # ISO 8601, UTC
    problem: str  # "damaged" / "missing"

    def as_dict(self) -> dict:
        return {"form_id": self.form_id, "revision": self.revision, "saved_at": self.saved_at,
                "problem": self.problem}

    def sentence(self) -> str:
        when = from_iso(self.saved_at).strftime("%Y-%m-%d %H:%M")
        what = "已损坏" if self.problem == "damaged" else "缺失"
        return (f"表单 {self.form_id} 的当前文件{what}，使用的是较早的版本：第 {self.revision} 次保存"
                f"（{when}）。")


def name_form(fid: str, unit: str = "", year: Any = None, trash: bool = False) -> str:
    """“表单 abc123def456（某单位，2024年度）”, or “回收站中的表单 …” for one in the bin."""
    who = [unit.strip() if isinstance(unit, str) and unit.strip() else "单位未填写",
           f"{year}年度" if year else "年度未填写"]
    return f"{'回收站中的' if trash else ''}表单 {fid}（{'，'.join(who)}）"


def _named(fid: str, trash: bool, entry: dict | None, form: Form | None = None) -> str:
    if form is not None:
        return name_form(fid, form.header.unit, form.header.year, trash)
    entry = entry or {}
    return name_form(fid, entry.get("unit") or "", entry.get("year"), trash)


def clean_temp_files(folder: Path) -> None:
    """Remove temporary files left by a write that was killed before its rename."""
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


class LibraryParts(Protocol):
    """What the repairs use of their ``Library`` (named here so recovery need not import it)."""

    folder: Path
    read_only: bool
    role: str
    fallbacks: dict[str, Fallback]
    _index: Index | None
    _recovered: set[str]

    @property
    def index(self) -> Index: ...

    def valid_id(self, name: str) -> bool: ...
    def _notice(self, message: str) -> None: ...
    def _forms_dir(self, trash: bool = False) -> Path: ...
    def _file(self, fid: str, trash: bool = False) -> FormFile: ...
    def _become_read_only(self, message: str) -> None: ...
    def _write_index(self, ops: list[tuple[str, str, Any]], meta: bool = False) -> None: ...
    def _write_error(self, exc: OSError, path: Path) -> StoreError: ...


class Recovery:
    """The repairs of one library; it works on the library's files and index."""

    def __init__(self, lib: LibraryParts) -> None:
        self.lib = lib

    @property
    def read_only(self) -> bool:
        return self.lib.read_only

    # == moving damaged files aside =========================================================
    def move_aside(self, path: Path, fid: str, label: str) -> Path | None:
        """Move a file that failed to load into damaged/ (never delete it); None when impossible."""
        if self.read_only or not os.path.lexists(path):
            return None
        damaged = self.lib.folder / DAMAGED_DIR
        moment = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = damaged / f"{moment}-{fid}-{label}"
        try:
            damaged.mkdir(exist_ok=True)
            os.replace(path, target)
            return target
        except OSError:
            pass
        try:  # a rename can fail where a copy succeeds (another program holds the file open)
            atomic_write_bytes(target, Path(path).read_bytes())
            return target
        except OSError:
            return None

    # == the index ==========================================================================
    def index_damaged(self, exc: IndexDamaged) -> None:
        """The index file failed to load: move it aside and serve it empty (then rebuild)."""
        index = self.lib.index
        name = f"“{exc.path}”"
        if self.read_only:
            index.serve_empty(protect=True)
            self.lib._notice(f"表单库目录文件已损坏（{name}）：本窗口为只读，已临时根据各表单文件重新列出，未作修复。"
                             if self.lib.role == "window" else
                             f"表单库目录文件已损坏（{name}）：已临时根据各表单文件列出，未作修复。")
            return
        moved = self.move_aside(exc.path, "index", INDEX_NAME)
        index.serve_empty(protect=moved is None)
        if moved is None:
            self.lib._notice(
                f"表单库目录文件已损坏（{name}），且无法移走：本次根据各表单文件临时列出，"
                "保存表单不受影响。请检查文件夹权限。")
        else:
            self.lib._notice(f"表单库目录文件已损坏（{name}），已移到“{moved}”保存，并根据各表单文件重新建立了目录。")

    def guarded(self, read: Callable[[], Any]) -> Any:
        """Run an index read; a damaged index file is moved aside and rebuilt first."""
        try:
            return read()
        except IndexDamaged as exc:
            self.index_damaged(exc)
            self.heal()
        return read()

    def _read_index(self) -> tuple[dict[str, dict], dict[str, dict], dict]:
        index = self.lib.index
        try:
            return dict(index.table("forms")), dict(index.table("trash")), index.meta()
        except IndexDamaged as exc:
            self.index_damaged(exc)
            return {}, {}, {}

    def _remove_old_layout(self) -> bool:
        """Remove the sixteen index files of layout 1 (a cache); True when there were any."""
        found = False
        for path in self.lib.index.dir.glob("*.json"):
            if path.name != INDEX_NAME:
                found = True
                if not self.read_only:
                    try:
                        path.unlink()
                    except OSError:
                        pass
        return found

    def _scan(self, trash: bool) -> dict[str, list[int] | None]:
        """Form folders on disk: id → stamp of form.json (None when only history is left)."""
        base = self.lib._forms_dir(trash)
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
            if not self.lib.valid_id(name) or not entry.is_dir():
                continue
            folder = Path(entry.path)
            current = stamp(folder / FORM_FILE)
            if not self.read_only:
                clean_temp_files(folder)
            if current is None and not history_numbers(folder / HISTORY_DIR):
                if not self.read_only:
                    try:
                        folder.rmdir()  # a folder left by a create that never wrote its file
                    except OSError:
                        pass
                continue
            found[name] = current
        return found

    def heal(self, first: bool = False) -> None:
        """Bring the index in line with the form folders on disk (the folders are the truth)."""
        lib = self.lib
        forms, trash, meta = self._read_index()
        lib_version = meta.get("library_version", LIBRARY_VERSION)
        if isinstance(lib_version, int) and lib_version > LIBRARY_VERSION:
            lib._become_read_only("该表单库由更新版本的程序建立，本程序只能以只读方式打开：请升级本程序。")
            lib.index.memory_only = True
        full = first and (meta.get("summary_version") != SUMMARY_VERSION
                          or meta.get("library_version") != LIBRARY_VERSION
                          or meta.get("index_layout") != INDEX_LAYOUT)
        if first and self._remove_old_layout():
            full = True
        if not lib.folder.exists():
            return
        if not self.read_only:
            clean_temp_files(lib.folder)
            clean_temp_files(lib.index.dir)
        on_disk = {False: self._scan(False), True: self._scan(True)}
        changes: list[tuple[str, str, Any]] = []  # (table, "remove", id) / (table, "put", entry)
        for trash_flag, table_name, entries in ((False, "forms", forms), (True, "trash", trash)):
            for fid, old in entries.items():
                if fid not in on_disk[trash_flag]:
                    changes.append((table_name, "remove", fid))
                    if fid not in on_disk[not trash_flag]:
                        self._gone(fid, trash_flag, old)
            for fid, current in on_disk[trash_flag].items():
                old = entries.get(fid)
                if old is not None and not full and current is not None and old.get("stamp") == current:
                    continue
                entry = self.rebuild_entry(fid, trash_flag, old)
                if trash_flag and entry.get("deleted_at") is None:
                    entry["deleted_at"] = to_iso(now_utc())
                changes.append((table_name, "put", entry))
        if changes or full:
            lib._write_index(changes, meta=True)

    def _gone(self, fid: str, trash: bool, old: dict) -> None:
        """A form the index knew whose folder is no longer there (removed by hand, or purged)."""
        if (self.lib._forms_dir(True) / f"{PURGING_PREFIX}{fid}").exists():
            return  # a purge was interrupted: the form was meant to go
        self.lib._notice(f"{_named(fid, trash, old)}的文件已不在表单库文件夹中（可能被删除或移走），"
                         "已从列表中去掉。如需找回，请从备份中恢复该文件夹。")

    def rebuild_entry(self, fid: str, trash: bool, old: dict | None) -> dict:
        """A fresh index entry for a form folder, loading (and if need be recovering) the form."""
        f = self.lib._file(fid, trash)
        try:
            form, doc, _ = self.load_doc(fid, trash, old)
            entry = make_entry(form, doc.get("saved_at") or to_iso(now_utc()), doc["revision"])
        except StoreError as exc:
            entry = dict(old) if old else {
                "id": fid, "title": f"（无法读取的表单 {fid}）", "unit": "", "project_name": "",
                "year": None, "kind": "department", "status": "draft", "total_score": "",
                "total_max": "", "grade": "", "errors": 1, "warnings": 0,
                "saved_at": to_iso(now_utc()), "revision": 0,
            }
            entry["damaged"] = str(exc)
            if trash:
                self.lib._notice(f"{_named(fid, True, old)}已损坏：{exc}")
        entry["stamp"] = stamp(f.path)
        if trash:
            entry["deleted_at"] = (old or {}).get("deleted_at")
        return entry

    # == a form's files =====================================================================
    def load_doc(self, fid: str, trash: bool = False,
                 entry: dict | None = None) -> tuple[Form, dict, dict[int, dict]]:
        """The current form of a folder; recovers from history when form.json is damaged."""
        f = self.lib._file(fid, trash)
        try:
            doc, notes = f.read()
            form = form_from_doc(doc, fid)
            f.form_doc = doc
            return form, doc, notes
        except Missing:
            problem = "missing"
        except Damaged:
            problem = "damaged"
        except OSError as exc:
            raise StoreError(f"无法读取表单文件“{f.path}”（{exc.strerror or exc}）：请检查文件权限。") from None
        return self._recover(f, fid, trash, problem, entry)

    def read_doc(self, fid: str, trash: bool = False) -> tuple[dict, dict[int, dict]]:
        """The current state and notes of a folder, as ``load_doc`` without building the form
        when this content is already known to be one (a save starts with this read)."""
        f = self.lib._file(fid, trash)
        try:
            doc, notes = f.read()
            if f.form_doc is doc:
                return doc, notes
        except (Missing, Damaged, OSError):
            pass  # load_doc recovers, or says what is wrong
        _, doc, notes = self.load_doc(fid, trash)
        return doc, notes

    def _recover(self, f: FormFile, fid: str, trash: bool, problem: str,
                 entry: dict | None) -> tuple[Form, dict, dict[int, dict]]:
        lib = self.lib
        if entry is None:
            entry = lib.index.get(fid, "trash" if trash else "forms") if lib._index else None
        moved_bad: list[Path] = []
        for number in f.history_numbers():
            try:
                doc, notes = f.read_history(number)
                form = form_from_doc(doc, fid)
            except Damaged:
                bad = self.move_aside(f.history / history_name(number), fid, history_name(number))
                if bad:
                    moved_bad.append(bad)
                continue
            except OSError:
                continue
            break
        else:
            where = f.path if f.path.exists() else f.folder
            raise StoreError(
                f"{_named(fid, trash, entry)}的文件已损坏，且没有可用的备份。损坏的文件保留在“{where}”，"
                "请勿删除，可交技术人员尝试修复。")
        name = _named(fid, trash, entry, form)
        saved_at = str(doc.get("saved_at") or "")
        lib.fallbacks[fid] = Fallback(fid, number, saved_at, problem)
        when = from_iso(saved_at).strftime("%Y-%m-%d %H:%M")
        what = "已损坏" if problem == "damaged" else "缺失"
        if self.read_only:
            lib._notice(f"{name}的文件{what}，已临时载入 {when} 保存的备份（第 {number} 次保存）；"
                        + ("本窗口为只读，未作修复。" if lib.role == "window" else "表单库以只读方式打开，未作修复。"))
            return form, doc, notes
        moved = self.move_aside(f.path, fid, FORM_FILE) if problem == "damaged" else None
        try:
            atomic_write_bytes(f.path, (f.history / history_name(number)).read_bytes())
        except OSError as exc:
            raise lib._write_error(exc, f.path) from None
        f.forget()
        lib._recovered.add(fid)
        if problem == "damaged":
            where = f"，损坏的文件已移到“{moved}”" if moved else ""
            lib._notice(f"{name}的文件已损坏{where}；已恢复为 {when} 保存的上一版本"
                        f"（第 {number} 次保存），之后的修改需要重新输入。")
        else:
            lib._notice(f"{name}的文件缺失，已恢复为 {when} 保存的版本（第 {number} 次保存）。")
        for bad in moved_bad:
            lib._notice(f"{name}有一个损坏的备份，已移到“{bad}”保存。")
        return form, doc, notes
