"""汇总 over a generated folder of a few hundred forms in mixed formats, with defects planted.

Every planted defect must be found, nothing else flagged, every bad file listed with its reason,
and each form's figures equal to checking that form alone with ``python -m perfgui check``.
"""

from __future__ import annotations

import copy
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from perfgui.exchange.outputs import json_bytes, xlsx_bytes
from perfgui.model import FormKind
from perfgui.review.collect import collect_files, find_files
from perfgui.review.rollup import sample, year_over_year
from perfgui.review.summary import summarise, summary_pdf, summary_xlsx
from review_helpers import clean_form, hostile_workers, leaf

D = Decimal
N_CLEAN = 230
SHARED_REASON = "受疫情后施工单位进场延迟影响，部分小区改造工程顺延至次年一季度完工。"


def _write(folder: Path, name: str, form) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xlsx_bytes(form) if name.endswith(".xlsx") else json_bytes(form))
    return path


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The folder, and what was planted where (file name → the flag codes it must get)."""
    folder = tmp_path_factory.mktemp("received")
    expect: dict[str, set[str]] = {}
    for i in range(N_CLEAN):
        kind = FormKind.PROJECT if i % 3 else FormKind.DEPARTMENT
        form = clean_form(f"第{i:03d}街道办事处", 2024, kind, project=f"项目{i:03d}" if kind is FormKind.PROJECT else "")
        name = f"街道{i // 50}/form{i:03d}." + ("xlsx" if i % 4 == 0 else "json")
        _write(folder, name, form)
        expect[name] = set()

    def plant(name: str, form, *codes: str) -> None:
        _write(folder, name, form)
        expect[name] = set(codes)

    f = clean_form("甲单位", 2024, project="电梯加装")
    leaf(f, "验收合格率").actual = "130%"  # ≥95% beaten by 37 %
    plant("planted/beaten.json", f, "TARGET_LOW")
    f = clean_form("乙单位", 2024, project="道路养护")
    x = leaf(f, "培训人次")
    x.score, x.reason = D(8), "无"
    plant("planted/boilerplate.xlsx", f, "REASON_BOILERPLATE")
    f = clean_form("丙单位", 2024, project="绿化")
    for n in ("完成改造小区数", "按期完成率"):
        x = leaf(f, n)
        x.score, x.reason = x.max_points - 1, SHARED_REASON
    plant("planted/copied_in_form.json", f, "REASON_COPIED")  # two indicators, one text
    f = clean_form("丁单位", 2024, project="河道")
    x = leaf(f, "按期完成率")
    x.score, x.reason = D(9), SHARED_REASON  # the same words as 丙单位's form
    plant("planted/copied_across.json", f, "REASON_COPIED")
    f = clean_form("戊单位", 2024, project="公厕改造")
    f.goals.achieved = ""
    plant("planted/silent.json", f, "FULL_MARKS_SILENT")
    f = clean_form("己单位", 2024, FormKind.DEPARTMENT)
    for r in f.budget.rows:
        r.planned = r.planned / 10000 if r.planned else r.planned
        r.actual = r.actual / 10000 if r.actual else r.actual
    plant("planted/money_unit.json", f, "MONEY_UNIT")
    a = clean_form("庚单位", 2024, project="项目A")
    b = clean_form("庚单位", 2024, project="项目B")
    for form, pts in ((b, D(12)),):
        x = leaf(form, "培训人次")
        x.max_points = x.score = pts
        y = leaf(form, "完成改造小区数")
        y.max_points = y.score = D(13)
    plant("planted/weights_a.json", a, "WEIGHT_DIFFERS")
    plant("planted/weights_b.json", b, "WEIGHT_DIFFERS")
    twice = clean_form("辛单位", 2024, project="路灯")
    plant("planted/twice_v1.json", twice, )
    second = copy.deepcopy(twice)
    leaf(second, "居民满意度").actual = "94%"
    plant("planted/twice_v2.xlsx", second, "DUPLICATE")
    bad = {"bad/truncated.xlsx": xlsx_bytes(clean_form("壬单位", 2024, project="x"))[:900],
           "bad/garbage.json": b"{\"format\": \"perfgui-form\", \"indicators\": [",
           "bad/empty.txt": b"",
           # Word 97's compound file, as far as telling it apart goes: its WordDocument stream.
           "bad/old_word.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600 + "WordDocument".encode("utf-16-le")}
    for name, data in bad.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    (folder / "街道0" / "~$form000.xlsx").write_bytes(b"lock")  # Excel's lock file: not a form
    return folder, expect, set(bad)


@pytest.fixture(scope="module")
def summary(planted):
    folder, _, _ = planted
    return summarise(collect_files(find_files([folder]), workers=2))


def test_every_planted_defect_is_found_and_nothing_else(planted, summary):
    folder, expect, _ = planted
    got: dict[str, set[str]] = {}
    for f in summary.flags:
        got.setdefault(Path(f.path).relative_to(folder).as_posix(), set()).add(f.code)
    wanted = {name: codes for name, codes in expect.items() if codes}
    assert got == wanted
    assert len(summary.records) == len(expect)


def test_every_bad_file_is_listed_with_its_reason(planted, summary):
    folder, _, bad = planted
    listed = {Path(x.path).relative_to(folder).as_posix(): x.reason for x in summary.unreadable}
    assert set(listed) == bad
    assert all(reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason) for reason in listed.values())
    assert "另存为 .docx" in listed["bad/old_word.doc"]


def test_figures_equal_checking_each_form_alone(planted, summary):
    folder, _, _ = planted
    by_path = {Path(r.path).relative_to(folder).as_posix(): r for r in summary.records}
    for name in ("planted/beaten.json", "planted/boilerplate.xlsx", "planted/money_unit.json",
                 "街道0/form000.xlsx", "街道1/form057.json", "街道4/form229.json"):
        out = subprocess.run([sys.executable, "-m", "perfgui", "check", str(folder / name)],
                             capture_output=True, text=True, encoding="utf-8")
        alone = json.loads(out.stdout)
        r = by_path[name]
        assert (f"{r.total_score:.2f}", f"{r.total_max:.2f}", r.grade) == \
               (alone["total_score"], alone["total_max"], alone["grade"]), name
        assert r.errors == sum(1 for f in alone["findings"] if f["level"] == "error")


def test_rollup_counts_and_the_riskiest_form_first(summary):
    u = summary.rollup
    assert u.forms == len(summary.records) and u.unreadable == 4 and u.duplicates == 1
    assert sum(u.grades.values()) == u.forms
    assert u.planned_yuan > 0 and u.rate is not None
    names = [name for name, *_ in u.lost_share]
    assert names[:1] == ["产出指标"]  # the planted lost points are all under 产出
    rows = summary.rows()
    assert rows[0]["risk"] >= rows[-1]["risk"] and rows[0]["risk"] > 0


def test_sampling_is_reproducible_and_weighting_prefers_large_budgets(summary):
    a = sample(summary.records, share=D("0.1"), seed=20241201)
    b = sample(summary.records, share=D("0.1"), seed=20241201)
    c = sample(summary.records, share=D("0.1"), seed=7)
    assert [r.path for r in a] == [r.path for r in b] and len(a) == round(len(summary.records) * 0.1)
    assert [r.path for r in a] != [r.path for r in c]
    heavy = sample(summary.records, count=20, seed=3, weighted=True)
    # Department forms carry 250 万 元 against a project's 150 万: weighting draws more of them.
    share_dept = sum(r.kind == "department" for r in heavy) / 20
    base = sum(r.kind == "department" for r in summary.records) / len(summary.records)
    assert share_dept > base


def test_summary_excel_and_pdf(summary, tmp_path):
    data = summary_xlsx(summary)
    wb = load_workbook(io.BytesIO(data), data_only=True)
    assert wb.sheetnames[:4] == ["汇总", "明细", "问题", "无法读取"]
    detail = wb["明细"]
    assert detail.max_row == len(summary.records) + 1
    assert detail["K2"].value == summary.rows()[0]["risk"]
    assert wb["无法读取"].max_row == 5
    pdf = summary_pdf(summary)
    path = tmp_path / "汇总.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
    assert "绩效自评表汇总" in text and "无法读取的文件" in text


def test_year_over_year_reports_exactly_the_edits(seed_form):
    from perfgui.review.records import record_of

    old = seed_form
    new = copy.deepcopy(old)
    new.header.year = 2025
    renamed = leaf(new, "电梯加装完成率")
    renamed.name = "电梯加装工作完成率"
    changed = leaf(new, "生活垃圾减量")
    changed.target = "=98.00 (%)"
    scored = leaf(new, "市容市貌提升")
    scored.score = D("4.00")
    gone = leaf(new, "援助律师聘请覆盖率")
    gone.parent.remove(gone)
    added = leaf(new, "质量指标").append(type(gone)("垃圾分类达标率", target="≥95%", actual="96%",
                                                   max_points=D("0.50"), score=D("0.50")))
    [ch] = year_over_year([record_of(old, "2024.json"), record_of(new, "2025.json")])
    assert (ch.year_from, ch.year_to) == (2024, 2025)
    assert ch.renamed == [("电梯加装完成率", "电梯加装工作完成率")]
    assert ch.targets == [("生活垃圾减量", "=100.00(%)", "=98.00 (%)")] or \
        [t[0] for t in ch.targets] == ["生活垃圾减量"]
    assert [s[0] for s in ch.scores] == ["市容市貌提升"]
    assert [p.split(" › ")[-1] for p in ch.removed] == ["援助律师聘请覆盖率"]
    assert [p.split(" › ")[-1] for p in ch.added] == [added.name]
    assert ch.stale_targets == []


def test_cli_summary_with_sample_seed(planted, tmp_path):
    folder, _, _ = planted
    out = tmp_path / "汇总.xlsx"
    cmd = [sys.executable, "-m", "perfgui", "summary", str(folder / "planted"), str(folder / "bad"),
           "--out", str(out), "--json", "--sample", "30%", "--seed", "11"]
    done = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 1  # some files could not be read
    result = json.loads(done.stdout)
    assert result["forms"] == 10 and len(result["unreadable"]) == 4
    assert "随机数种子 11" in done.stderr and out.exists()
    again = json.loads(subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8").stdout)
    assert again["sample"] == result["sample"] and len(result["sample"]["paths"]) == 3


def test_a_file_that_kills_its_worker_is_the_only_one_lost(tmp_path, monkeypatch):
    """A worker that dies (a library crashing on a file) costs that file, not the batch."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(30):
        (folder / f"f{i:02d}.json").write_bytes(json_bytes(clean_form(f"单位{i}", 2024, project=f"p{i}")))
    (folder / "crash13.json").write_bytes(b"{}")
    hostile_workers(tmp_path, monkeypatch)
    got = collect_files(find_files([folder]), workers=2)
    assert len(got.records) == 30
    assert [Path(x.path).name for x in got.unreadable] == ["crash13.json"]
    assert "意外退出（代码 3）" in got.unreadable[0].reason
