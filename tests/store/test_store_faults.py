"""Damaged, old, foreign and unwritable files: a clear message, and nothing else damaged."""

from __future__ import annotations

import copy
import errno
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from perfgui import packs
from perfgui.fileio import WriteError
from perfgui.model import serialize, to_dict
from perfgui.store import StoreError, open_library
from perfgui.store import index as index_mod

ROOT = Path(__file__).resolve().parents[2]


def snapshot(folder: Path, skip: str | None = None) -> dict[str, bytes]:
    """Every file of a library (lock files left out), optionally without one form's folder."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if not p.is_file() or rel.startswith("library.lock") or rel.startswith("library.owner"):
            continue
        if skip and rel.startswith(f"forms/{skip}/"):
            continue
        out[rel] = p.read_bytes()
    return out


def make_library(folder: Path, seed_form, saves: int = 2) -> tuple[str, str]:
    """A library with a form saved ``saves`` times and a bystander form."""
    with open_library(folder) as lib:
        victim = lib.create(copy.deepcopy(seed_form))
        other = copy.deepcopy(seed_form)
        other.id = ""
        other.header.unit = "旁观单位"
        bystander = lib.create(other)
        form = lib.load(victim)
        for i in range(2, saves + 1):
            form.goals.achieved = f"第{i}次保存"
            lib.save(form)
    return victim, bystander


def shard(fid: str) -> str:
    """The index file holding a form's entry, relative to the library folder (one for all)."""
    return "index/index.json"


def form_json(folder: Path, fid: str) -> Path:
    return folder / "forms" / fid / "form.json"


# -- damaged form files ------------------------------------------------------------------------

@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "not-a-form", "bad-json-shape"])
def test_damaged_form_file_is_moved_aside_and_last_good_version_loaded(tmp_path, seed_form, damage):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=3)
    path = form_json(folder, victim)
    good = path.read_bytes()
    bad = {
        "truncated": good[: len(good) // 2],
        "garbage": os.urandom(3000),
        "empty": b"",
        "not-a-form": json.dumps({"form": {"1": {"revision": 3, "form": {"indicators": "x"}}}}).encode(),
        "bad-json-shape": b"[1, 2, 3]",
    }[damage]
    path.write_bytes(bad)
    others = snapshot(folder, skip=victim)
    del others[shard(victim)]
    with open_library(folder) as lib:
        # Found when opening (the file changed behind the library's back) and told once.
        assert len(lib.notices) == 1, lib.notices
        notice = lib.notices[0]
        assert "已损坏" in notice and "第 2 次保存" in notice and "damaged" in notice
        form = lib.load(victim)
        assert form.goals.achieved == "第2次保存"
        assert lib.list(victim)[0].revision == 2
        assert lib.load(bystander).header.unit == "旁观单位"
        # The damaged bytes are kept, never deleted.
        (moved,) = list((folder / "damaged").iterdir())
        assert moved.read_bytes() == bad and victim in moved.name
        # Saving goes on from the recovered version.
        form.goals.achieved = "恢复后保存"
        lib.save(form)
        assert [r.number for r in lib.revisions(victim)][:2] == [3, 2]
    after = snapshot(folder, skip=victim)
    for rel, data in others.items():
        assert after[rel] == data, rel
    with open_library(folder) as lib:
        assert lib.notices == []
        assert lib.load(victim).goals.achieved == "恢复后保存"


def test_damage_found_while_open_is_recovered_on_load(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        assert lib.notices == []
        form_json(folder, victim).write_bytes(b"\x00\x00\x00 power cut")
        assert lib.load(victim).goals.achieved == seed_form.goals.achieved  # revision 1
        assert len(lib.notices) == 1 and "已损坏" in lib.notices[0]
        assert {s.revision for s in lib.list() if s.id == victim} == {1}


def test_damaged_form_without_any_backup_says_so_and_is_left_in_place(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=1)
    form_json(folder, victim).write_bytes(b"{\"form\": ")
    with open_library(folder) as lib:
        with pytest.raises(StoreError, match="已损坏，且没有可用的备份.*请勿删除"):
            lib.load(victim)
        assert form_json(folder, victim).read_bytes() == b"{\"form\": "
        listed = {s.id: s for s in lib.list()}
        assert listed[victim].damaged and not listed[bystander].damaged
        assert lib.load(bystander).header.unit == "旁观单位"


def test_missing_form_file_is_restored_from_history(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=3)
    form_json(folder, victim).unlink()
    with open_library(folder) as lib:
        assert any("缺失" in n for n in lib.notices)
        assert lib.load(victim).goals.achieved == "第2次保存"
    assert form_json(folder, victim).is_file()


def test_damaged_history_file_is_skipped_for_an_older_one(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=4)
    form_json(folder, victim).write_bytes(b"garbage")
    (folder / "forms" / victim / "history" / "000003.json").write_bytes(b"more garbage")
    with open_library(folder) as lib:
        assert lib.load(victim).goals.achieved == "第2次保存"
        assert len(list((folder / "damaged").iterdir())) == 2
        assert any("损坏的备份" in n for n in lib.notices)


def test_read_only_instance_reads_backup_without_touching_files(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=2)
    form_json(folder, victim).write_bytes(b"garbage")
    before = snapshot(folder)
    with open_library(folder, read_only=True) as lib:
        assert lib.load(victim).goals.achieved == seed_form.goals.achieved
        assert len(lib.notices) == 1 and "只读" in lib.notices[0]
    assert snapshot(folder) == before


# -- the index ---------------------------------------------------------------------------------

GARBAGE = b"\xff\xfe garbage"


def _damage_index(path: Path, how: str) -> bytes | None:
    """Damage the index file; the bytes it then holds (None for a directory)."""
    if how == "directory":
        path.unlink()
        path.mkdir()
        (path / "inside.txt").write_bytes(GARBAGE)
        return None
    data = GARBAGE if how == "garbage" else json.dumps(
        {"meta": {}, "forms": {"abcdef123456": {"id": "abcdef123456", "year": "二〇二四"}}}).encode()
    path.write_bytes(data)
    return data


@pytest.mark.parametrize("how", ["garbage", "directory", "wrong-types"])
def test_damaged_index_is_moved_aside_and_rebuilt(tmp_path, seed_form, how):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        lib.delete(bystander)
        expected = ([s.as_dict() for s in lib.list()], [s.id for s in lib.trash()])
    path = folder / shard(victim)
    data = _damage_index(path, how)
    with open_library(folder) as lib:
        assert len(lib.notices) == 1, lib.notices
        assert "目录文件" in lib.notices[0] and "已损坏" in lib.notices[0]
        assert str(path) in lib.notices[0]  # the message names the file
        listed = [s.as_dict() for s in lib.list()]
        assert [(d["id"], d["total_score"], d["revision"], d["saved_at"]) for d in listed] == [
            (d["id"], d["total_score"], d["revision"], d["saved_at"]) for d in expected[0]]
        assert [s.id for s in lib.trash()] == expected[1]
    (moved,) = (folder / "damaged").iterdir()
    if data is None:
        assert moved.is_dir() and (moved / "inside.txt").read_bytes() == GARBAGE
    else:
        assert moved.read_bytes() == data
    assert path.is_file()
    with open_library(folder) as lib:
        assert lib.notices == []


def test_index_in_the_old_sixteen_file_layout_is_replaced_by_one_file(tmp_path, seed_form):
    """Layout 1 spread the index over index/00.json … 0f.json and meta.json: rebuilt quietly."""
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        lib.delete(bystander)
    index = folder / "index"
    (index / "index.json").unlink()
    for i in range(16):
        (index / f"{i:02x}.json").write_text('{"forms": {}, "trash": {}}', encoding="utf-8")
    (index / "meta.json").write_text('{"meta": {"1": {"library_version": 1, "summary_version": 1, '
                                     '"shards": 16}}}', encoding="utf-8")
    with open_library(folder, read_only=True) as lib:
        assert [s.id for s in lib.list()] == [victim] and [s.id for s in lib.trash()] == [bystander]
    with open_library(folder) as lib:
        assert lib.notices == []
        assert [s.id for s in lib.list()] == [victim] and [s.id for s in lib.trash()] == [bystander]
        assert lib.list()[0].revision == 2
    assert sorted(p.name for p in index.iterdir()) == ["index.json"]
    meta = json.loads((index / "index.json").read_text(encoding="utf-8"))["meta"]
    assert meta["index_layout"] == 2


def test_index_damaged_while_open_is_rebuilt_on_next_read(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        (folder / shard(victim)).write_bytes(b"{")
        assert {s.id for s in lib.list()} == {victim, bystander}
        assert any("目录文件已损坏" in n for n in lib.notices)
        form = lib.load(victim)
        form.goals.achieved = "之后的保存"
        lib.save(form)
    with open_library(folder) as lib:
        assert lib.notices == []
        assert lib.list(victim)[0].revision == 3


def test_stale_index_after_a_crash_between_form_and_index_is_brought_up_to_date(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=1)
    index = folder / "index"
    old_index = {p.name: p.read_bytes() for p in index.iterdir()}
    with open_library(folder) as lib:
        form = lib.load(victim)
        form.scored()[0].score = form.scored()[0].max_points / 2
        form.scored()[0].reason = "未完成"
        lib.save(form)
        expected = lib.list(victim)[0]
    for name, data in old_index.items():  # as if the index write never happened
        (index / name).write_bytes(data)
    with open_library(folder) as lib:
        assert lib.notices == []
        s = lib.list(victim)[0]
        assert (s.total_score, s.revision, s.saved_at) == (expected.total_score, 2, expected.saved_at)


def test_interrupted_save_leaves_temp_files_and_an_early_history_link(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=2)
    fdir = folder / "forms" / victim
    # Killed after linking the current file into history and while writing the temp file.
    os.link(fdir / "form.json", fdir / "history" / "000002.json")
    (fdir / ".form.json.abc123.tmp").write_bytes(b'{"form": {"1": {"revi')
    (folder / "index" / ".index.json.xyz.tmp").write_bytes(b"{")
    with open_library(folder) as lib:
        assert lib.notices == []
        assert not list(folder.rglob("*.tmp"))
        form = lib.load(victim)
        assert form.goals.achieved == "第2次保存"
        form.goals.achieved = "继续保存"
        lib.save(form)
        assert [r.number for r in lib.revisions(victim)] == [3, 2, 1]
        assert lib.load_revision(victim, 2).goals.achieved == "第2次保存"


def test_interrupted_delete_and_purge_are_finished_consistently(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=1)
    # Killed after moving the folder to the bin, before the index was written.
    shutil.move(str(folder / "forms" / victim), str(folder / "trash" / victim))
    # Killed in the middle of a purge.
    (folder / "trash" / ".purging-0123456789ab" / "history").mkdir(parents=True)
    with open_library(folder) as lib:
        assert [s.id for s in lib.list()] == [bystander]
        assert [s.id for s in lib.trash()] == [victim]
        assert not (folder / "trash" / ".purging-0123456789ab").exists()


# -- old and new schema versions ---------------------------------------------------------------

def test_form_from_an_older_schema_is_migrated_and_the_old_file_kept(tmp_path, seed_form, monkeypatch):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=1)
    path = form_json(folder, victim)
    assert json.loads(path.read_text(encoding="utf-8"))["form"]["1"]["form"]["version"] == 1

    def v1_to_v2(data: dict) -> dict:
        data = dict(data)
        data["header"] = dict(data["header"], unit=data["header"]["unit"] + "（已迁移）")
        return data

    monkeypatch.setattr(serialize, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(serialize.MIGRATIONS, 1, v1_to_v2)
    with open_library(folder) as lib:
        form = lib.load(victim)
        assert form.header.unit.endswith("（已迁移）")
        stored = json.loads(path.read_text(encoding="utf-8"))["form"]["1"]
        assert stored["form"]["version"] == 2 and stored["revision"] == 2
        old = json.loads((path.parent / "history" / "000001.json").read_text(encoding="utf-8"))
        assert old["form"]["1"]["form"]["version"] == 1
        assert "数据格式升级（版本 1 → 2）" in lib.revisions(victim)[0].summary
        assert lib.list(victim)[0].unit.endswith("（已迁移）")
        # The older revision is migrated when read as well.
        assert lib.load_revision(victim, 1).header.unit.endswith("（已迁移）")


def test_final_form_from_an_older_schema_is_migrated_too(tmp_path, seed_form, monkeypatch):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=1)
    with open_library(folder) as lib:
        lib.set_status(victim, "final")
    monkeypatch.setattr(serialize, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(serialize.MIGRATIONS, 1, lambda d: dict(d, goals={"planned": "迁移", "achieved": ""}))
    with open_library(folder) as lib:
        form = lib.load(victim)
        assert form.goals.planned == "迁移" and form.status.value == "final"
        assert lib.revisions(victim)[0].summary.startswith("数据格式升级")
        form.goals.planned = "定稿后不能改"
        with pytest.raises(StoreError, match="已定稿"):
            lib.save(form)


def test_version_zero_file_written_by_hand_is_migrated(tmp_path, seed_form, monkeypatch):
    """A form file as an older program would have left it: version 0, goals as one text."""
    folder = tmp_path / "lib"
    with open_library(folder):
        pass
    data = to_dict(seed_form)
    data["version"] = 0
    data["goals"] = "年度目标（旧格式）"
    fid = "0ld0ld0ld0ld"
    fdir = folder / "forms" / fid
    fdir.mkdir(parents=True)
    doc = {"form": {"1": {"store_version": 1, "revision": 1, "saved_at": "2023-01-05T08:00:00+00:00",
                          "form": data}}}
    (fdir / "form.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")

    def v0_to_v1(d: dict) -> dict:
        d = dict(d)
        if isinstance(d.get("goals"), str):
            d["goals"] = {"planned": d["goals"], "achieved": ""}
        return d

    monkeypatch.setitem(serialize.MIGRATIONS, 0, v0_to_v1)
    with open_library(folder) as lib:
        assert lib.list()[0].id == fid
        form = lib.load(fid)
        assert form.goals.planned == "年度目标（旧格式）"
        assert lib.revisions(fid)[0].number == 2
    stored = json.loads((fdir / "form.json").read_text(encoding="utf-8"))["form"]["1"]["form"]
    assert stored["version"] == 1 and stored["goals"]["planned"] == "年度目标（旧格式）"


def test_file_from_a_newer_program_is_refused_but_never_moved(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=2)
    path = form_json(folder, victim)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["form"]["1"]["form"]["version"] = 99
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    with open_library(folder) as lib:
        with pytest.raises(StoreError, match="更新版本的程序.*升级本程序"):
            lib.load(victim)
        assert lib.load(bystander)
    assert path.read_bytes() == before and not (folder / "damaged").exists()


def test_too_old_without_migration_is_refused_but_never_moved(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=2)
    path = form_json(folder, victim)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["form"]["1"]["form"]["version"] = 0
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with open_library(folder) as lib:
        with pytest.raises(StoreError, match="太旧"):
            lib.load(victim)
    assert not (folder / "damaged").exists()


# -- unwritable folder, full disk --------------------------------------------------------------

def _make_read_only(folder: Path) -> str:
    if os.name == "nt":
        pytest.skip("folder permissions are tested on POSIX")
    if os.geteuid() != 0:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(0o555 if p.is_dir() else 0o444)
        return "chmod"
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    proc = subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"chattr +i not supported here: {proc.stderr!r}")
    return "chattr"


def _undo_read_only(folder: Path, how: str) -> None:
    if how == "chattr":
        subprocess.run(["chattr", "-R", "-i", str(folder)], check=True)
    else:
        for p in [folder, *folder.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)


def test_read_only_folder_opens_read_only_with_a_clear_message(tmp_path, seed_form):
    folder = tmp_path / "lib"
    victim, _ = make_library(folder, seed_form, saves=2)
    before = snapshot(folder)
    how = _make_read_only(folder)
    try:
        with open_library(folder) as lib:
            assert lib.read_only and not lib.locked_by_other
            assert "无法写入表单库文件夹" in lib.lock_message and "只读" in lib.lock_message
            assert len(lib.list()) == 2
            form = lib.load(victim)
            form.goals.achieved = "改不了"
            with pytest.raises(StoreError, match="只读"):
                lib.save(form)
            with pytest.raises(StoreError, match="只读"):
                lib.delete(victim)
    finally:
        _undo_read_only(folder, how)
    assert snapshot(folder) == before


def _full_disk(monkeypatch, where: str) -> None:
    """Every file write fails with ENOSPC, at the write itself or when flushed to disk."""

    def no_space(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", no_space)
        return
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, fh):
            self._fh = fh

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self._fh, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._fh.close()

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullFile(real_fdopen(fd, *a, **k)))


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_full_disk_on_save_leaves_everything_as_it_was(tmp_path, seed_form, monkeypatch, where):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        form = lib.load(victim)
        before = snapshot(folder)
        form.goals.achieved = "磁盘满时的修改"
        with monkeypatch.context() as m:
            _full_disk(m, where)
            with pytest.raises(StoreError, match="磁盘空间不足.*原文件未被改动"):
                lib.save(form)
            with pytest.raises(StoreError, match="磁盘空间不足"):
                lib.create(copy.deepcopy(seed_form))
            with pytest.raises(StoreError, match="磁盘空间不足"):
                lib.create_from_pack(packs.default_for("project"), 2024, "新单位")
        assert sorted(p.name for p in (folder / "forms").iterdir()) == sorted([victim, bystander])
        after = snapshot(folder)
        # Only the hard link of the current file into history may have appeared (same bytes).
        extra = set(after) - set(before)
        assert extra <= {f"forms/{victim}/history/000002.json"}
        for rel in extra:
            assert after[rel] == before[f"forms/{victim}/form.json"]
        assert {k: v for k, v in after.items() if k not in extra} == before
        assert not list(folder.rglob("*.tmp"))
        assert lib.load(victim).goals.achieved == "第2次保存"
        assert len(lib.list()) == 2
        # Space freed: the same save goes through.
        lib.save(form)
        assert lib.load(victim).goals.achieved == "磁盘满时的修改"
        assert [r.number for r in lib.revisions(victim)] == [3, 2, 1]
    with open_library(folder) as lib:
        assert lib.notices == []
        assert lib.load(bystander).header.unit == "旁观单位"


def test_full_disk_when_writing_the_index_keeps_the_form_and_repairs_later(tmp_path, seed_form, monkeypatch):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=1)
    real = index_mod.atomic_write_bytes

    def index_fails(path, data, **kw):
        if Path(path).parent.name == "index":
            raise WriteError(Path(path), OSError(errno.ENOSPC, "No space left on device"))
        return real(path, data, **kw)

    with open_library(folder) as lib:
        form = lib.load(victim)
        form.goals.achieved = "已保存"
        with monkeypatch.context() as m:
            m.setattr(index_mod, "atomic_write_bytes", index_fails)
            lib.save(form)  # the form is saved; the index write failed
            assert any("目录未能写入" in n for n in lib.notices)
            lib.delete(bystander)
            # The library still shows the truth in this session.
            assert [s.id for s in lib.list()] == [victim]
            assert lib.list()[0].revision == 2
            assert [s.id for s in lib.trash()] == [bystander]
    # Written at close once space is back, or rebuilt at the next opening: both are right.
    with open_library(folder) as lib:
        assert [s.id for s in lib.list()] == [victim]
        assert lib.list()[0].revision == 2
        assert [s.id for s in lib.trash()] == [bystander]
        assert lib.load(victim).goals.achieved == "已保存"


def test_index_rebuilt_at_open_when_the_full_disk_outlasted_the_session(tmp_path, seed_form, monkeypatch):
    folder = tmp_path / "lib"
    victim, bystander = make_library(folder, seed_form, saves=1)
    real = index_mod.atomic_write_bytes

    def index_fails(path, data, **kw):
        if Path(path).parent.name == "index":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(path, data, **kw)

    monkeypatch.setattr(index_mod, "atomic_write_bytes", index_fails)
    with open_library(folder) as lib:
        lib.delete(bystander)
    monkeypatch.setattr(index_mod, "atomic_write_bytes", real)
    with open_library(folder) as lib:
        assert [s.id for s in lib.list()] == [victim]
        assert [s.id for s in lib.trash()] == [bystander]


# -- one writer --------------------------------------------------------------------------------

def test_second_instance_in_the_same_process_opens_read_only(tmp_path, seed_form):
    folder = tmp_path / "lib"
    with open_library(folder) as first:
        fid = first.create(seed_form)
        with open_library(folder) as second:
            assert second.read_only and second.locked_by_other
            assert "正被" in second.lock_message and "只读" in second.lock_message
            assert str(os.getpid()) in second.lock_message
            assert [s.id for s in second.list()] == [fid]
            with pytest.raises(StoreError, match="正被"):
                second.save(second.load(fid))
            # The writer's later saves are visible to the reader.
            form = first.load(fid)
            form.goals.achieved = "写入者的修改"
            first.save(form)
            assert second.load(fid).goals.achieved == "写入者的修改"
            assert second.list()[0].revision == 2
    with open_library(folder) as third:
        assert not third.read_only and third.lock_message == ""


HOLDER = """
import sys, time
sys.path.insert(0, {root!r})
from perfgui.store import open_library
lib = open_library({folder!r})
print("ready" if not lib.read_only else "read-only", flush=True)
time.sleep(60)
"""


def test_other_process_holds_the_lock_until_it_dies(tmp_path, seed_form):
    folder = tmp_path / "lib"
    with open_library(folder) as lib:
        fid = lib.create(seed_form)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER.format(root=str(ROOT), folder=str(folder))],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with open_library(folder) as lib:
            assert lib.locked_by_other and lib.read_only
            assert f"进程 {holder.pid}" in lib.lock_message
            assert lib.load(fid)
    finally:
        holder.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no chance to clean up
        holder.wait()
    deadline = time.monotonic() + 5
    while True:
        with open_library(folder) as lib:
            if not lib.read_only or time.monotonic() > deadline:
                break
        time.sleep(0.05)
    assert not lib.read_only, "the lock of a killed process must not linger"


def test_a_file_where_the_library_folder_should_be(tmp_path, capfd):
    from perfgui.cli import main

    path = tmp_path / "not-a-folder"
    path.write_text("x", encoding="utf-8")
    with pytest.raises(StoreError, match="无法打开表单库"):
        open_library(path)
    assert main(["list", "--data-dir", str(path)]) == 2
    assert "无法打开表单库" in capfd.readouterr().err
    assert path.read_text(encoding="utf-8") == "x"
