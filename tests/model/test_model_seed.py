"""The seed form read from its pasted text, and the check command on it."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from perfgui.model import check, compute, node_max, node_score
from perfgui.readers.pasted import read_pasted

DATA = Path(__file__).resolve().parent.parent / "data"
ROOT = DATA.parent.parent


def test_seed_structure(seed_form):
    names = [s.name for s in seed_form.sections]
    assert names == ["投入管理指标", "产出指标", "效益指标", "满意度指标"]
    counts = {s.name: len(list(s.scored_leaves())) for s in seed_form.sections}
    assert counts == {"投入管理指标": 7, "产出指标": 35, "效益指标": 8, "满意度指标": 1}
    output = seed_form.sections[1]
    assert [(g.name, len(g.children)) for g in output.children] == [
        ("数量指标", 13), ("质量指标", 10), ("时效指标", 12)]
    # The two 时效 rows that continued across the page break belong to 时效指标.
    timeliness = [n.name for n in output.children[2].children]
    assert timeliness[-2:] == ["生活垃圾减量及时性", "社区工作者培训完成及时性"]
    social = seed_form.sections[2].children[0]
    assert social.name == "社会效益指标" and social.children[0].name == "广告管理规范性"
    assert seed_form.sections[0].note.startswith("根据沪财绩【2022】13号")


def test_seed_totals(seed_form):
    t = compute(seed_form)
    assert (t.total_max, t.total_score, t.grade, t.indicators) == (
        Decimal("95.00"), Decimal("94.00"), "优", 51)
    assert [node_max(s) for s in seed_form.sections] == [Decimal(30), Decimal(25), Decimal(30), Decimal(10)]
    assert node_score(seed_form.sections[2]) == Decimal("29.00")


def test_seed_repairs_damaged_text(seed_form):
    leaves = {n.name: n for n in seed_form.root.scored_leaves()}
    assert "社区工作者培训工作完成率" in leaves  # name broken by a space, joined
    assert "小区业委会换届工作完成率" in leaves
    assert leaves["电梯加装完成率"].target == "=100.00(%)"  # "=100. 00 (%)"
    assert seed_form.sections[0].children[0].max_points == Decimal("7.50")  # "7. 50"
    fiscal = seed_form.budget.row("source_fiscal")
    assert fiscal.planned == Decimal("275112698.88")  # "275, 112, 698. 88"
    assert [r.rate for r in seed_form.budget.rows] == [
        Decimal("99.60"), None, Decimal("94.48"), Decimal("99.77")]
    assert seed_form.header.unit == "上海市闵行区虹桥镇城市建设管理事务中心"
    assert seed_form.header.year == 2024
    assert seed_form.goals.planned.startswith("加强“家门口”服务体系建设")
    assert seed_form.goals.achieved.startswith("社区基层建设方面")


def test_seed_findings_are_exactly_the_weight_error(seed_form):
    findings = check(seed_form)
    assert [(f.level, f.code) for f in findings] == [("error", "WEIGHT_SUM")]
    assert "95.00" in findings[0].message and "100" in findings[0].message


def test_seed_guesses_are_reported(seed_text):
    result = read_pasted(seed_text)
    text = "\n".join(str(g) for g in result.guesses)
    assert "跨页续接" in text and "生活垃圾减量及时性" in text
    assert "没有印出权重" in text and "效益指标" in text
    assert "缺少前2列" in text


def run_cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "perfgui", *args], capture_output=True, cwd=cwd)


def test_check_command_on_seed():
    proc = run_cli("check", str(DATA / "seed_2024.txt"))
    assert proc.returncode == 1, proc.stderr.decode("utf-8")
    out = json.loads(proc.stdout.decode("utf-8"))
    assert out["unit"] == "上海市闵行区虹桥镇城市建设管理事务中心"
    assert out["year"] == 2024 and out["kind"] == "department"
    assert out["indicators"] == 51
    assert (out["total_score"], out["total_max"], out["grade"]) == ("94.00", "95.00", "优")
    assert [b["rate"] for b in out["budget"]] == ["99.60", None, "94.48", "99.77"]
    assert out["budget"][0] == {"name": "财政拨款", "planned": "275112698.88",
                                "actual": "274023314.42", "rate": "99.60"}
    assert [s["max"] for s in out["sections"]] == ["30.00", "25.00", "30.00", "10.00"]
    assert [f["code"] for f in out["findings"]] == ["WEIGHT_SUM"]
    assert set(out["findings"][0]) == {"level", "code", "where", "message"}


def test_check_command_exit_0_without_errors(tmp_path, seed_form):
    from perfgui.model.serialize import to_dict

    seed_form.sections[2].weight = Decimal(35)  # 30 + 25 + 35 + 10 = 100 …
    leaf = seed_form.sections[2].children[0].children[-1]
    leaf.max_points = Decimal(10)  # … and 效益指标's points now add up to 35
    path = tmp_path / "fixed.json"
    path.write_text(json.dumps(to_dict(seed_form), ensure_ascii=False), encoding="utf-8")
    proc = run_cli("check", str(path))
    out = json.loads(proc.stdout.decode("utf-8"))
    assert proc.returncode == 0, out["findings"]
    assert out["total_max"] == "100.00"


def test_check_command_unreadable_files(tmp_path):
    cases = {
        "empty.txt": b"",
        "junk.txt": bytes(range(256)) * 10,
        "words.txt": "这不是表格\n只是一些文字\n".encode("utf-8"),
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        proc = run_cli("check", str(tmp_path / name))
        err = proc.stderr.decode("utf-8")
        assert proc.returncode == 2, name
        assert err.startswith("错误：") and "Traceback" not in err, err
        assert proc.stdout == b""
    proc = run_cli("check", str(tmp_path / "missing.txt"))
    assert proc.returncode == 2 and "找不到文件" in proc.stderr.decode("utf-8")


def test_check_command_reads_pasted_text_from_stdin():
    data = (DATA / "seed_2024.txt").read_bytes()
    proc = subprocess.run([sys.executable, "-m", "perfgui", "check", "-"], input=data,
                          capture_output=True, cwd=ROOT)
    assert proc.returncode == 1
    assert json.loads(proc.stdout.decode("utf-8"))["total_score"] == "94.00"
