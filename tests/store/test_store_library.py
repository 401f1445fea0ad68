"""Every library operation against real files in a temporary folder."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import threading
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from perfgui import packs
from perfgui.model import FormKind, Status, to_dict
from perfgui.store import StoreError, default_data_dir, open_library
from perfgui.store import formfile as formfile_mod, library as library_mod

ROOT = Path(__file__).resolve().parents[2]


def form_files(folder: Path) -> dict[str, bytes]:
    """Every file under a library folder, by relative path (the lock file left out)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith("library.lock")}


@pytest.fixture
def lib(tmp_path):
    with open_library(tmp_path / "lib") as library:
        yield library


# -- where the library lives ---------------------------------------------------------------------

def test_default_data_dir_follows_env_then_platform(monkeypatch, tmp_path):
    monkeypatch.setenv("PERFGUI_DATA_DIR", str(tmp_path / "x"))
    assert default_data_dir() == tmp_path / "x"
    monkeypatch.delenv("PERFGUI_DATA_DIR")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("APPDATA", str(tmp_path / "Roaming"))
    assert default_data_dir() == tmp_path / "Roaming" / "perfgui"
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_data_dir() == tmp_path / "home" / "Library" / "Application Support" / "perfgui"
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_data_dir() == tmp_path / "xdg" / "perfgui"
    monkeypatch.delenv("XDG_DATA_HOME")
    assert default_data_dir() == tmp_path / "home" / ".local" / "share" / "perfgui"


def test_open_without_folder_uses_environment(monkeypatch, tmp_path, seed_form):
    monkeypatch.setenv("PERFGUI_DATA_DIR", str(tmp_path / "envlib"))
    with open_library() as library:
        fid = library.create(seed_form)
    assert (tmp_path / "envlib" / "forms" / fid / "form.json").is_file()


def test_store_imports_no_qt():
    code = ("import sys; import perfgui.store, perfgui.cli.library; "
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))]; "
            "assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


# -- create, load, save ------------------------------------------------------------------------

def test_create_load_round_trip_and_readable_utf8_files(lib, seed_form):
    fid = lib.create(seed_form)
    assert fid == seed_form.id
    loaded = lib.load(fid)
    assert to_dict(loaded) == to_dict(seed_form)
    raw = (lib.folder / "forms" / fid / "form.json").read_bytes()
    text = raw.decode("utf-8")
    assert "上海市闵行区虹桥镇城市建设管理事务中心" in text  # not \\u escapes
    assert "\\u" not in text
    doc = json.loads(text)["form"]["1"]
    assert doc["store_version"] == library_mod.STORE_VERSION
    assert doc["form"]["version"] == to_dict(seed_form)["version"]
    index = (lib.folder / "index" / "index.json").read_text(encoding="utf-8")
    assert "虹桥镇" in index and "\\u" not in index


def test_summary_in_list_without_loading_forms(lib, seed_form, monkeypatch):
    fid = lib.create(seed_form)
    monkeypatch.setattr(formfile_mod, "from_dict", lambda *a: pytest.fail("list loaded a form"))
    (s,) = lib.list()
    assert (s.id, s.unit, s.year, s.kind, s.kind_label) == (
        fid, "上海市闵行区虹桥镇城市建设管理事务中心", 2024, "department", "部门整体")
    assert (s.total_score, s.total_max, s.grade, s.status, s.status_label) == (
        "94.00", "95.00", "优", "draft", "草稿")
    assert s.title == seed_form.display_name()
    assert s.errors >= 1  # the seed's weights add up to 95, not 100
    assert s.saved_at.tzinfo is not None
    assert abs(s.saved_at - datetime.now(timezone.utc)) < timedelta(minutes=1)


def test_create_gives_a_new_id_when_taken_or_unusable(lib, seed_form):
    first = lib.create(copy.deepcopy(seed_form))
    again = copy.deepcopy(seed_form)
    again.id = first
    second = lib.create(again)
    assert second != first and again.id == second
    odd = copy.deepcopy(seed_form)
    odd.id = "../../etc"
    third = lib.create(odd)
    assert third not in (first, second) and (lib.folder / "forms" / third).is_dir()
    assert {s.id for s in lib.list()} == {first, second, third}


def test_save_makes_a_revision_and_unchanged_save_writes_nothing(lib, seed_form):
    fid = lib.create(seed_form)
    path = lib.folder / "forms" / fid / "form.json"
    form = lib.load(fid)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    lib.save(form)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert len(lib.revisions(fid)) == 1
    leaf = form.scored()[0]
    leaf.score = leaf.max_points - Decimal("1")
    leaf.reason = "部分未完成"
    lib.save(form)
    revs = lib.revisions(fid)
    assert [r.number for r in revs] == [2, 1]
    assert revs[0].current and revs[0].total_score == "93.00"
    assert "得分" in revs[0].summary and "修改指标 1 项" in revs[0].summary
    assert lib.load(fid).scored()[0].reason == "部分未完成"
    assert lib.list()[0].total_score == "93.00"


def test_load_and_save_unknown_ids_say_what_to_do(lib, seed_form):
    with pytest.raises(StoreError, match="没有编号为 abcdef123456 的表单"):
        lib.load("abcdef123456")
    with pytest.raises(StoreError, match="不是有效的表单编号"):
        lib.load("../forms")
    seed_form.id = "abcdef123456"
    with pytest.raises(StoreError, match="没有编号"):
        lib.save(seed_form)
    assert not lib.exists("abcdef123456")


def test_list_search_and_filters(lib, seed_form):
    ids = {}
    for unit, year, status in [("虹桥镇城建中心", 2023, "final"), ("虹桥镇城建中心", 2024, "draft"),
                               ("七宝镇社区中心", 2024, "draft")]:
        f = copy.deepcopy(seed_form)
        f.id = ""
        f.header.unit, f.header.year = unit, year
        ids[(unit, year)] = lib.create(f)
        if status == "final":
            lib.set_status(ids[(unit, year)], Status.FINAL)
    proj = lib.create_from_pack(packs.default_for(FormKind.PROJECT), 2024, "七宝镇社区中心")
    p = lib.load(proj)
    p.header.project_name = "老旧小区加装电梯"
    lib.save(p)
    assert [s.id for s in lib.list()][0] == proj  # most recently saved first
    assert len(lib.list()) == 4
    assert {s.id for s in lib.list("虹桥")} == {ids[("虹桥镇城建中心", 2023)], ids[("虹桥镇城建中心", 2024)]}
    assert [s.id for s in lib.list("电梯")] == [proj]
    assert [s.id for s in lib.list(proj[:6].upper())] == [proj]
    assert {s.year for s in lib.list(year=2024)} == {2024} and len(lib.list(year=2024)) == 3
    assert [s.id for s in lib.list(kind="project")] == [proj]
    assert [s.id for s in lib.list(status="final")] == [ids[("虹桥镇城建中心", 2023)]]
    assert [s.id for s in lib.list("七宝", kind="department")] == [ids[("七宝镇社区中心", 2024)]]
    assert {s.id for s in lib.list(min_score="90")} == set(ids.values())
    assert [s.id for s in lib.list(max_score=Decimal("10"))] == [proj]
    assert [s.id for s in lib.list(grade="差")] == [proj]
    assert lib.list("没有这个单位") == []


def test_template_and_next_year(lib, seed_form):
    fid = lib.create_from_pack(packs.default_for(FormKind.DEPARTMENT), 2025, "测试单位")
    blank = lib.load(fid)
    assert (blank.header.unit, blank.header.year, blank.kind) == ("测试单位", 2025, FormKind.DEPARTMENT)
    assert [s.name for s in blank.sections] == ["投入管理指标", "产出指标", "效益指标", "满意度指标"]
    default = lib.load(lib.create_from_pack(packs.default_for(FormKind.PROJECT)))
    assert default.header.year == datetime.now().year - 1

    seed_form.signoff.fields[0].value = "张三"
    seed_form.signoff.fields[3].value = "2025-02-10"
    seed_form.goals.achieved = "全年完成"
    seed_form.budget.rows[0].planned = Decimal("100.00")
    seed_form.budget.rows[0].actual = Decimal("99.00")
    src = lib.create(seed_form)
    lib.set_status(src, Status.FINAL)
    before = to_dict(lib.load(src))
    new = lib.duplicate_to_next_year(src)
    assert new != src
    assert to_dict(lib.load(src)) == before  # the source is untouched
    nxt = lib.load(new)
    old = lib.load(src)
    assert nxt.header.year == 2025 and nxt.status is Status.DRAFT
    assert nxt.header.unit == old.header.unit
    pairs = list(zip(old.root.walk(), nxt.root.walk()))
    assert len(pairs) == len(list(old.root.walk())) == len(list(nxt.root.walk()))
    for a, b in pairs:
        assert (a.name, a.weight, a.target, a.max_points, a.rule, a.note) == (
            b.name, b.weight, b.target, b.max_points, b.rule, b.note)
        assert b.actual == "" and b.score is None and b.reason == ""
        assert a is old.root or a.id != b.id
    assert nxt.goals.planned == old.goals.planned and nxt.goals.achieved == ""
    assert nxt.budget.rows[0].planned == Decimal("100.00") and nxt.budget.rows[0].actual is None
    assert nxt.signoff.get("单位负责人") == "张三" and nxt.signoff.get("填报日期") == ""
    assert lib.list()[0].id == new and lib.list()[0].total_score == "0.00"
    assert "复制为下一年度" in lib.revisions(new)[0].summary


def test_final_forms_refuse_changes_until_reopened(lib, seed_form):
    fid = lib.create(seed_form)
    lib.set_status(fid, Status.FINAL)
    lib.set_status(fid, Status.FINAL)  # already final: no new revision
    assert [r.summary for r in lib.revisions(fid)] == ["标记为定稿", "新建"]
    form = lib.load(fid)
    assert form.status is Status.FINAL and lib.list()[0].status_label == "定稿"
    form.header.unit = "改过的单位"
    with pytest.raises(StoreError, match="已定稿.*重新打开"):
        lib.save(form)
    assert lib.load(fid).header.unit != "改过的单位"
    lib.set_status(fid, Status.DRAFT)
    form = lib.load(fid)
    form.header.unit = "改过的单位"
    lib.save(form)
    assert lib.load(fid).header.unit == "改过的单位"
    # Reopening and editing in one save (as an autosave may deliver it) is allowed too.
    lib.set_status(fid, Status.FINAL)
    form = lib.load(fid)
    form.status = Status.DRAFT
    form.header.unit = "再次修改"
    lib.save(form)
    assert lib.load(fid).header.unit == "再次修改"


# -- recycle bin -------------------------------------------------------------------------------

def test_delete_restore_purge(lib, seed_form):
    keep = lib.create(copy.deepcopy(seed_form))
    gone = copy.deepcopy(seed_form)
    gone.id = ""
    fid = lib.create(gone)
    lib.delete(fid)
    assert [s.id for s in lib.list()] == [keep]
    (binned,) = lib.trash()
    assert binned.id == fid and binned.deleted_at is not None
    assert (lib.folder / "trash" / fid / "form.json").is_file()
    assert not (lib.folder / "forms" / fid).exists()
    with pytest.raises(StoreError, match="回收站"):
        lib.load(fid)
    assert not lib.exists(fid)
    assert lib.revisions(fid)[0].current  # history is kept in the bin
    lib.restore(fid)
    assert {s.id for s in lib.list()} == {keep, fid} and lib.trash() == []
    assert to_dict(lib.load(fid))["header"] == to_dict(gone)["header"]
    with pytest.raises(StoreError, match="不在回收站"):
        lib.restore(fid)
    with pytest.raises(StoreError, match="先删除"):
        lib.purge(fid)
    lib.delete(fid)
    lib.purge(fid)
    assert lib.trash() == [] and not (lib.folder / "trash" / fid).exists()
    with pytest.raises(StoreError, match="没有编号"):
        lib.load(fid)


def test_index_survives_reopen(tmp_path, seed_form):
    folder = tmp_path / "lib"
    with open_library(folder) as lib:
        a = lib.create(copy.deepcopy(seed_form))
        b = lib.create_from_pack(packs.default_for(FormKind.PROJECT), 2024, "单位")
        lib.delete(b)
        first = [s.as_dict() for s in lib.list()]
    with open_library(folder) as lib:
        assert [s.as_dict() for s in lib.list()] == first
        assert [s.id for s in lib.trash()] == [b]
        assert lib.notices == []
        assert lib.load(a).header.year == 2024


# -- revisions ---------------------------------------------------------------------------------

def test_at_least_twenty_revisions_can_be_seen_and_restored(lib, seed_form):
    fid = lib.create(seed_form)
    form = lib.load(fid)
    for i in range(1, 26):
        form.goals.achieved = f"第{i}稿"
        lib.save(form)
    revs = lib.revisions(fid)
    assert len(revs) == 26 and revs[0].number == 26 and revs[-1].number == 1
    assert revs[0].summary == "年度总体目标"
    for r in revs[:21]:
        assert lib.load_revision(fid, r.number).goals.achieved == f"第{r.number - 1}稿"
    lib.restore_revision(fid, 6)
    assert lib.load(fid).goals.achieved == "第5稿"
    revs = lib.revisions(fid)
    assert revs[0].number == 27 and "恢复为第 6 次" in revs[0].summary
    assert lib.load_revision(fid, 26).goals.achieved == "第25稿"  # nothing lost
    with pytest.raises(StoreError, match="没有保留第 99 次"):
        lib.load_revision(fid, 99)


def test_retention_keeps_recent_saves_and_one_per_day(tmp_path, seed_form, monkeypatch):
    monkeypatch.setattr(library_mod, "KEEP_RECENT", 5)
    monkeypatch.setattr(library_mod, "KEEP_DAILY", 2)
    clock = {"t": datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)}
    monkeypatch.setattr(library_mod, "now_utc", lambda: clock["t"])
    with open_library(tmp_path / "lib") as lib:
        fid = lib.create(seed_form)
        form = lib.load(fid)
        n = 1
        for day in range(4):  # 10 saves on each of four days
            for i in range(10):
                clock["t"] = datetime(2025, 3, 1 + day, 9, i, tzinfo=timezone.utc)
                n += 1
                form.goals.achieved = f"稿 {n}"
                lib.save(form)
        kept = [r.number for r in lib.revisions(fid)]
        # The last five saves, then the last save of each of the two days before them.
        assert kept == [41, 40, 39, 38, 37, 31, 21]
        history = sorted(p.name for p in (lib.folder / "forms" / fid / "history").iterdir())
        assert history == [f"{k:06d}.json" for k in sorted(kept[1:])]
        assert lib.load_revision(fid, 21).goals.achieved == "稿 21"


def test_revision_files_are_whole_copies(lib, seed_form):
    fid = lib.create(seed_form)
    form = lib.load(fid)
    form.header.unit = "新名称"
    lib.save(form)
    old = json.loads((lib.folder / "forms" / fid / "history" / "000001.json").read_text(encoding="utf-8"))
    assert old["form"]["1"]["form"]["header"]["unit"] == "上海市闵行区虹桥镇城市建设管理事务中心"
    assert old["form"]["1"]["revision"] == 1


# -- threads -----------------------------------------------------------------------------------

def test_saves_from_a_worker_thread_while_listing(lib, seed_form):
    fid = lib.create(seed_form)
    errors: list[BaseException] = []

    def saver():
        try:
            form = lib.load(fid)
            for i in range(30):
                form.goals.achieved = f"线程 {i}"
                lib.save(form)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    t = threading.Thread(target=saver)
    t.start()
    while t.is_alive():
        assert len(lib.list()) == 1
    t.join()
    assert not errors
    assert lib.load(fid).goals.achieved == "线程 29"
    assert lib.revisions(fid)[0].number == 31


def test_closed_library_refuses_work(tmp_path, seed_form):
    lib = open_library(tmp_path / "lib")
    lib.close()
    lib.close()
    with pytest.raises(StoreError, match="已关闭"):
        lib.create(seed_form)
    with pytest.raises(StoreError, match="已关闭"):
        lib.list()


def test_files_are_plain_json_with_lf_and_no_temp_files_left(lib, seed_form):
    fid = lib.create(seed_form)
    form = lib.load(fid)
    form.goals.planned = "目标\n第二行"
    lib.save(form)
    leftovers = [p for p in lib.folder.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []
    for path in (lib.folder / "forms" / fid).rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    assert sum(p.stat().st_size for p in (lib.folder / "index").iterdir()) < 10_000
