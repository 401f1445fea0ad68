"""``check`` and ``import --dry-run`` print what the reader guessed, each guess with its place."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
REAL = ROOT / "tests" / "data" / "real"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgui", *args], capture_output=True, cwd=ROOT, timeout=120)


def test_check_lists_guesses_and_printed_mismatches():
    proc = run("check", str(REAL / "02_shanghai_project_putuo_sports.xlsx"))
    out = json.loads(proc.stdout.decode("utf-8"))
    assert out["printed_mismatches"] == ["表上印的年度资金总额执行率 86.19%，按执行数/预算数应为 86.18%：以计算值为准。"]
    printed = [g for g in out["guesses"] if g["kind"] == "printed"]
    assert printed and printed[0]["row"] == 6 and printed[0]["col"] == 8  # 执行率 of 年度资金总额
    assert set(printed[0]) == {"kind", "grid", "row", "col", "message"}


def test_check_on_the_seed_lists_what_was_guessed():
    out = json.loads(run("check", str(ROOT / "tests" / "data" / "seed_2024.txt")).stdout.decode("utf-8"))
    kinds = {g["kind"] for g in out["guesses"]}
    assert {"shift", "structure", "merged"} <= kinds
    assert out["printed_mismatches"] == []


def test_import_dry_run_prints_and_stores_nothing(tmp_path):
    lib = tmp_path / "lib"
    proc = run("import", str(REAL / "06_shanxi_project_jishan_medical.xlsx"), "--dry-run", "--data-dir", str(lib))
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    text = proc.stdout.decode("utf-8")
    assert "未存入表单库" in text and "总分 93.91 / 100.00" in text
    assert "[印数与计算不符]" in text and "预算执行得分 9" in text and "第6行" in text
    listed = run("list", "--json", "--data-dir", str(lib))
    assert json.loads(listed.stdout.decode("utf-8") or "[]") == []


def test_import_dry_run_of_a_bad_file_says_what_to_fix(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    proc = run("import", str(bad), "--dry-run", "--data-dir", str(tmp_path / "lib"))
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert err.startswith("错误：") and "Traceback" not in err
