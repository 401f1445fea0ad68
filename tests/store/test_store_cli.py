"""The library commands of ``python -m perfgui``, run as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from perfgui.cli import main
from perfgui.cli.library import clip, format_table, width
from perfgui.store import open_library

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed_2024.txt"


def run(capfd, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capfd.readouterr()
    return code, out, err


def cli(*argv: str, env_dir: Path | None = None) -> subprocess.CompletedProcess:
    import os

    env = dict(os.environ)
    if env_dir is not None:
        env["PERFGUI_DATA_DIR"] = str(env_dir)
    return subprocess.run([sys.executable, "-m", "perfgui", *argv], capture_output=True,
                          cwd=ROOT, env=env, encoding="utf-8")


def display_col(line: str, text: str) -> int:
    return width(line[: line.index(text)])


def test_import_then_list_check_export_by_id_in_real_processes(tmp_path):
    lib = tmp_path / "lib"
    p = cli("import", str(SEED), "--data-dir", str(lib))
    assert p.returncode == 0, p.stderr
    fid = p.stdout.strip()
    assert len(fid.splitlines()) == 1 and len(fid) == 12
    assert "推断" in p.stderr and f"编号 {fid}" in p.stderr
    # The environment variable names the library as well as --data-dir does.
    p = cli("list", env_dir=lib)
    assert p.returncode == 0, p.stderr
    header, rule, row = p.stdout.splitlines()
    for h in ("编号", "单位 / 项目", "年度", "类型", "总分", "等级", "状态", "最后保存"):
        assert h in header
    assert row.startswith(fid) and "94.00" in row and "优" in row and "草稿" in row and "2024" in row
    assert display_col(header, "年度") == display_col(row, "2024")
    p = cli("check", fid, "--data-dir", str(lib))
    assert p.returncode == 1, p.stderr  # the seed's weights add up to 95: an error
    assert json.loads(p.stdout)["total_score"] == "94.00"
    out = tmp_path / "out.json"
    p = cli("export", fid, "--json", str(out), "--data-dir", str(lib))
    assert p.returncode == 0, p.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["header"]["year"] == 2024


def test_list_json_filters_and_empty_library(tmp_path, capfd):
    d = str(tmp_path / "lib")
    code, out, err = run(capfd, "list", "--data-dir", d)
    assert code == 0 and out == "" and "还没有表单" in err
    code, seed_id, _ = run(capfd, "import", str(SEED), "--data-dir", d)
    seed_id = seed_id.strip()
    code, proj_id, _ = run(capfd, "new", "--kind", "project", "--year", "2023", "--unit", "七宝镇",
                           "--data-dir", d)
    proj_id = proj_id.strip()
    code, out, _ = run(capfd, "list", "--json", "--data-dir", d)
    items = json.loads(out)
    assert [i["id"] for i in items] == [proj_id, seed_id]
    assert items[1]["total_score"] == "94.00" and items[1]["kind_label"] == "部门整体"
    assert items[0]["kind"] == "project" and items[0]["year"] == 2023
    code, out, _ = run(capfd, "list", "--json", "--kind", "department", "--data-dir", d)
    assert [i["id"] for i in json.loads(out)] == [seed_id]
    code, out, _ = run(capfd, "list", "--json", "--year", "2023", "--data-dir", d)
    assert [i["id"] for i in json.loads(out)] == [proj_id]
    code, out, _ = run(capfd, "list", "--json", "-q", "虹桥", "--status", "draft", "--data-dir", d)
    assert [i["id"] for i in json.loads(out)] == [seed_id]
    code, out, err = run(capfd, "list", "--query", "不存在", "--data-dir", d)
    assert code == 0 and out == "" and "没有符合条件" in err
    # Table rows line up although the names are Chinese.
    code, out, _ = run(capfd, "list", "--data-dir", d)
    lines = out.splitlines()
    cols = {display_col(line, word) for line, word in zip(lines, ["年度", "----", "2023", "2024"])
            if word != "----"}
    assert len(cols) == 1, out


def test_bin_revisions_status_and_duplicate_commands(tmp_path, capfd):
    d = str(tmp_path / "lib")
    _, fid, _ = run(capfd, "import", str(SEED), "--data-dir", d)
    fid = fid.strip()
    # The seed has errors (weights add up to 95): finalize refuses it without a reason.
    code, out, err = run(capfd, "finalize", fid, "--data-dir", d)
    assert code == 2 and "--reason" in err
    code, out, err = run(capfd, "finalize", fid, "--reason", "按原表报送", "--data-dir", d)
    assert code == 0 and "定稿" in err
    code, out, _ = run(capfd, "list", "--json", "--data-dir", d)
    assert json.loads(out)[0]["status"] == "final"
    code, out, err = run(capfd, "reopen", fid, "--data-dir", d)
    assert code == 0
    code, out, err = run(capfd, "revisions", fid, "--data-dir", d)
    assert code == 0
    lines = out.splitlines()
    assert lines[2].startswith("3 *") and "重新打开" in lines[2]
    assert "标记为定稿" in lines[3] and "导入" in lines[4]
    code, out, err = run(capfd, "revert", fid, "2", "--data-dir", d)
    assert code == 0 and "第 2 次" in err
    code, out, _ = run(capfd, "revisions", fid, "--json", "--data-dir", d)
    revs = json.loads(out)
    assert revs[0]["number"] == 4 and revs[0]["current"] and revs[0]["status"] == "final"
    code, new_id, err = run(capfd, "duplicate", fid, "--data-dir", d)
    assert code == 0 and "2025年度" in err
    new_id = new_id.strip()
    code, out, err = run(capfd, "delete", new_id, "--data-dir", d)
    assert code == 0 and "回收站" in err
    code, out, _ = run(capfd, "trash", "--data-dir", d)
    assert new_id in out and "删除时间" in out
    code, out, _ = run(capfd, "list", "--json", "--data-dir", d)
    assert [i["id"] for i in json.loads(out)] == [fid]
    code, out, err = run(capfd, "restore", new_id, "--data-dir", d)
    assert code == 0
    code, out, err = run(capfd, "delete", new_id, "--data-dir", d)
    code, out, err = run(capfd, "purge", new_id, "--data-dir", d)
    assert code == 2 and "--yes" in err
    code, out, err = run(capfd, "purge", new_id, "--yes", "--data-dir", d)
    assert code == 0
    code, out, err = run(capfd, "trash", "--json", "--data-dir", d)
    assert json.loads(out) == []


@pytest.mark.parametrize("argv, message", [
    (["restore", "abcdef123456"], "没有编号为 abcdef123456"),
    (["delete", "../x"], "不是有效的表单编号"),
    (["revisions", "abcdef123456"], "没有编号"),
    (["check", "abcdef123456"], "既不是文件，也不是表单库中的表单编号"),
    (["export", "abcdef123456", "--json", "x.json"], "既不是文件"),
])
def test_failures_exit_2_with_a_chinese_message(tmp_path, capfd, argv, message):
    code, out, err = run(capfd, *argv, "--data-dir", str(tmp_path / "lib"))
    assert code == 2 and out == ""
    assert err.startswith("错误：") and message in err
    assert "Traceback" not in err


def test_import_of_a_bad_file_stores_nothing(tmp_path, capfd):
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    d = tmp_path / "lib"
    code, out, err = run(capfd, "import", str(bad), "--data-dir", str(d))
    assert code == 2 and out == "" and err.startswith("错误：")
    code, out, err = run(capfd, "import", str(tmp_path / "missing.txt"), "--data-dir", str(d))
    assert code == 2 and "找不到文件" in err
    with open_library(d, read_only=True) as lib:
        assert lib.list() == []


def test_import_into_a_library_another_window_holds(tmp_path, capfd, monkeypatch):
    monkeypatch.setattr("perfgui.cli.library.LOCK_WAIT", 0.3)  # waits briefly, then refuses
    d = tmp_path / "lib"
    with open_library(d) as holder:
        code, out, err = run(capfd, "import", str(SEED), "--data-dir", str(d))
        assert code == 2 and "正被" in err and "关闭另一个窗口" in err
        # Reading still works while the other window writes.
        code, out, err = run(capfd, "list", "--data-dir", str(d))
        assert code == 0
        assert holder.list() == []


def test_notices_about_repaired_files_are_printed(tmp_path, capfd):
    d = tmp_path / "lib"
    _, fid, _ = run(capfd, "import", str(SEED), "--data-dir", str(d))
    fid = fid.strip()
    run(capfd, "reopen", fid, "--data-dir", str(d))
    run(capfd, "finalize", fid, "--reason", "按原表报送", "--data-dir", str(d))
    (d / "forms" / fid / "form.json").write_bytes(b"\x00" * 100)
    code, out, err = run(capfd, "finalize", fid, "--reason", "按原表报送", "--data-dir", str(d))
    assert code == 0
    assert "注意：" in err and "已损坏" in err


def test_width_and_clip_count_cjk_as_two_columns():
    assert width("abc") == 3 and width("虹桥镇") == 6 and width("（）") == 4
    assert clip("上海市闵行区虹桥镇", 9) == "上海市闵…"
    assert width(clip("上海市闵行区虹桥镇城市建设管理事务中心", 20)) <= 20
    table = format_table(["名称", "分"], [["虹桥镇", "1"], ["ab", "22"]], right=frozenset({1}))
    lines = table.splitlines()
    assert [display_col(line, v) for line, v in zip(lines, ["分", "--", "1", "22"]) if v != "--"] == [8, 9, 8]
