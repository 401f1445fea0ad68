"""Checksums, forms that vanished, damage in the recycle bin, and who is told what."""

from __future__ import annotations

import copy
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perfgui.cli import main
from perfgui.store import StoreError, open_library

ROOT = Path(__file__).resolve().parents[2]


def make(folder: Path, seed_form, saves: int = 3) -> str:
    with open_library(folder) as lib:
        fid = lib.create(copy.deepcopy(seed_form))
        form = lib.load(fid)
        for i in range(2, saves + 1):
            form.goals.achieved = f"第{i}次保存"
            lib.save(form)
    return fid


def form_json(folder: Path, fid: str, trash: bool = False) -> Path:
    return folder / ("trash" if trash else "forms") / fid / "form.json"


def change_a_byte(path: Path, old: str, new: str) -> None:
    """Change text inside a value: the file stays valid JSON of the right shape."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# -- point 4: the checksum -----------------------------------------------------------------------

def test_every_form_file_carries_a_checksum_of_its_content(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=2)
    for path in [form_json(folder, fid), *(folder / "forms" / fid / "history").iterdir()]:
        doc = json.loads(path.read_text(encoding="utf-8"))["form"]["1"]
        assert doc["checksum"].startswith("sha256:") and len(doc["checksum"]) == 7 + 64


def test_a_changed_byte_is_damage_the_last_good_revision_is_loaded_and_the_user_told(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=3)
    path = form_json(folder, fid)
    change_a_byte(path, "第3次保存", "第8次保存")
    changed = path.read_bytes()
    with open_library(folder) as lib:
        (notice,) = lib.notices
        # Which form (id, unit, year) and which revision.
        assert fid in notice and "上海市闵行区虹桥镇城市建设管理事务中心" in notice and "2024年度" in notice
        assert "已损坏" in notice and "第 2 次保存" in notice
        assert lib.load(fid).goals.achieved == "第2次保存"
        assert lib.fallbacks[fid].revision == 2
    (moved,) = (folder / "damaged").iterdir()
    assert moved.read_bytes() == changed


def test_a_changed_byte_in_a_history_file_skips_it(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=4)
    form_json(folder, fid).write_bytes(b"garbage")
    change_a_byte(folder / "forms" / fid / "history" / "000003.json", "第3次保存", "第9次保存")
    with open_library(folder) as lib:
        assert lib.load(fid).goals.achieved == "第2次保存"
        assert any("损坏的备份" in n for n in lib.notices)


def test_files_without_a_checksum_are_still_read(tmp_path, seed_form):
    """Files written before checksums existed."""
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=1)
    path = form_json(folder, fid)
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["form"]["1"]["checksum"]
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with open_library(folder) as lib:
        assert lib.notices == []
        assert lib.load(fid).header.year == 2024


# -- point 4: forms that vanished, damage in the recycle bin ------------------------------------

def test_a_form_whose_files_were_removed_is_reported_not_silently_dropped(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=1)
    shutil.rmtree(folder / "forms" / fid)
    with open_library(folder) as lib:
        (notice,) = lib.notices
        assert fid in notice and "虹桥镇" in notice and "2024年度" in notice and "已不在" in notice
        assert lib.list() == []
    with open_library(folder) as lib:
        assert lib.notices == []  # told once


def test_a_damaged_form_in_the_recycle_bin_is_reported(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=2)
    with open_library(folder) as lib:
        lib.delete(fid)
    form_json(folder, fid, trash=True).write_bytes(b"\x00" * 50)
    with open_library(folder) as lib:
        (notice,) = lib.notices
        assert notice.startswith(f"回收站中的表单 {fid}（") and "2024年度" in notice and "已损坏" in notice
        assert [s.id for s in lib.trash()] == [fid]


def test_a_damaged_form_in_the_recycle_bin_without_a_backup_is_reported(tmp_path, seed_form):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=1)
    with open_library(folder) as lib:
        lib.delete(fid)
    form_json(folder, fid, trash=True).write_bytes(b"{")
    with open_library(folder) as lib:
        (notice,) = lib.notices
        assert f"回收站中的表单 {fid}（" in notice and "已损坏" in notice and "没有可用的备份" in notice
        assert lib.trash()[0].damaged


# -- point 3: commands that fall back to a backup say so ----------------------------------------

def test_check_and_export_by_id_say_an_older_revision_was_used(tmp_path, seed_form, capfd):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=3)
    form_json(folder, fid).write_bytes(b"\x00 power cut")
    code = main(["check", fid, "--data-dir", str(folder)])
    out, err = capfd.readouterr()
    assert code == 1  # the seed's weights add up to 95
    assert f"表单 {fid} 的当前文件已损坏，使用的是较早的版本：第 2 次保存" in err
    fallback = json.loads(out)["fallback"]
    assert fallback["revision"] == 2 and fallback["problem"] == "damaged" and fallback["form_id"] == fid
    target = tmp_path / "out.json"
    code = main(["export", fid, "--json", str(target), "--data-dir", str(folder)])
    out, err = capfd.readouterr()
    assert code == 0 and "第 2 次保存" in err and "较早的版本" in err
    assert json.loads(target.read_text(encoding="utf-8"))["goals"]["achieved"] == "第2次保存"
    # A good form says nothing of the kind.
    with open_library(folder) as lib:
        other = lib.create(copy.deepcopy(seed_form))
    main(["check", other, "--data-dir", str(folder)])
    out, err = capfd.readouterr()
    assert "fallback" not in json.loads(out) and "较早的版本" not in err


# -- point 7: revert to an unreadable backup ----------------------------------------------------

@pytest.mark.parametrize("damage", ["directory", "garbage"])
def test_revert_to_an_unreadable_backup_is_a_message(tmp_path, seed_form, damage):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=3)
    old = folder / "forms" / fid / "history" / "000001.json"
    old.unlink()
    if damage == "directory":
        old.mkdir()
    else:
        old.write_bytes(b"\x89PNG garbage")
    p = subprocess.run([sys.executable, "-m", "perfgui", "revert", fid, "1", "--data-dir", str(folder)],
                       capture_output=True, encoding="utf-8", cwd=ROOT)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith("错误：") and "第 1 次保存的备份" in p.stderr and "Traceback" not in p.stderr
    with open_library(folder) as lib:
        assert lib.load(fid).goals.achieved == "第3次保存"
        with pytest.raises(StoreError, match="第 1 次保存的备份"):
            lib.restore_revision(fid, 1)


# -- point 8: revert to the current version ---------------------------------------------------

def test_revert_to_the_current_version_says_nothing_changed(tmp_path, seed_form, capfd):
    folder = tmp_path / "lib"
    fid = make(folder, seed_form, saves=2)
    code = main(["revert", fid, "2", "--data-dir", str(folder)])
    err = capfd.readouterr().err
    assert code == 0 and "没有改动" in err and "已恢复" not in err
    with open_library(folder) as lib:
        assert [r.number for r in lib.revisions(fid)] == [2, 1]
        assert lib.restore_revision(fid, 1) is True
        assert lib.restore_revision(fid, 3) is False
