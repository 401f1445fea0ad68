"""``python -m perfgui packs``, ``packs import`` and ``--pack`` on check / export, run as a
person runs them: real processes on a real library folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from perfgui.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
FORM = ROOT / "tests" / "data" / "packs" / "project_76_5_printed_liang.txt"
SEED = ROOT / "tests" / "data" / "seed_2024.txt"
NATIONAL = resource_path("packs") / "national-project.toml"


def cli(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PERFGUI_DATA_DIR"}
    return subprocess.run([sys.executable, "-m", "perfgui", *argv], capture_output=True, cwd=ROOT,
                          env=env, encoding="utf-8", timeout=300)


def office_pack(tmp_path: Path, name: str = "my-office", edit=None) -> Path:
    """The national pack renamed as a finance office's own, changed by ``edit`` (text → text)."""
    text = NATIONAL.read_text(encoding="utf-8").replace('name = "national-project"', f'name = "{name}"')
    if edit is not None:
        text = edit(text)
    path = tmp_path / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if fragment in line)


def stored_form(lib: Path) -> str:
    p = cli("import", str(FORM), "--data-dir", str(lib))
    assert p.returncode == 0, p.stderr
    return p.stdout.strip()


def test_packs_lists_shipped_and_imported_packs_as_json(tmp_path):
    lib = tmp_path / "lib"
    p = cli("packs", "--data-dir", str(lib))
    assert p.returncode == 0, p.stderr
    listed = json.loads(p.stdout)
    names = [item["name"] for item in listed]
    for name in ("shanghai-department", "national-project", "shanghai-project", "sichuan-project",
                 "yunnan-project", "mof-department", "national-project-80-70-60"):
        assert name in names
    for item in listed:
        assert {"name", "title", "place", "kind", "years", "source"} <= set(item)
        assert item["kind"] in ("department", "project") and len(item["years"]) == 2
        assert item["shipped"] is True
    sichuan = next(i for i in listed if i["name"] == "sichuan-project")
    assert sichuan["place"] == "四川省" and "scqs.gov.cn" in sichuan["source"]

    pack = office_pack(tmp_path, edit=lambda t: t.replace('place = "全国"', 'place = "某市"'))
    p = cli("packs", "import", str(pack), "--data-dir", str(lib))
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "my-office" and "已导入规则包" in p.stderr
    assert (lib / "packs" / "my-office.toml").read_bytes() == pack.read_bytes()
    listed = json.loads(cli("packs", "--data-dir", str(lib)).stdout)
    own = next(i for i in listed if i["name"] == "my-office")
    assert own["shipped"] is False and own["place"] == "某市"
    # Importing it again replaces it, and says so.
    p = cli("packs", "--data-dir", str(lib), "import", str(pack))
    assert p.returncode == 0 and "已替换" in p.stderr


BAD_PACKS = [
    # (what is wrong, the edit, the text on the line the message must name, words of the message)
    ("bad TOML", lambda t: t.replace('kind = "project"', 'kind = "project'), 'kind = "project', "TOML"),
    ("unknown key", lambda t: t.replace('seal = "单位（盖章）"', 'seal = "单位（盖章）"\ncolour = "red"'),
     'colour = "red"', "colour"),
    ("weights not 100", lambda t: t.replace("weight = 50", "weight = 55"), None, "权重合计 105"),
    ("no such formula", lambda t: t.replace('negative = "linear"', 'negative = "quadratic"'),
     'negative = "quadratic"', "quadratic"),
]


@pytest.mark.parametrize("what, edit, on_line, words", BAD_PACKS, ids=[b[0] for b in BAD_PACKS])
def test_a_malformed_pack_is_refused_with_its_line_and_nothing_is_copied(tmp_path, what, edit, on_line, words):
    lib = tmp_path / "lib"
    pack = office_pack(tmp_path, edit=edit)
    # The weights message is about the template as a whole: it names the first section's line.
    line = line_of(pack, on_line if on_line else "[[template.sections]]")
    p = cli("packs", "import", str(pack), "--data-dir", str(lib))
    assert p.returncode == 2, p.stdout
    assert p.stdout == ""
    assert f"规则包文件“{pack.name}”第 {line} 行" in p.stderr, p.stderr
    assert words in p.stderr and "规则包未导入" in p.stderr
    assert "Traceback" not in p.stderr
    assert not (lib / "packs").exists() or not list((lib / "packs").iterdir())


def test_a_pack_named_like_a_shipped_one_is_refused(tmp_path):
    p = cli("packs", "import", str(NATIONAL), "--data-dir", str(tmp_path / "lib"))
    assert p.returncode == 2 and "与程序自带的规则包相同" in p.stderr


def check(fid: str, lib: Path, *more: str) -> dict:
    p = cli("check", fid, "--data-dir", str(lib), *more)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def test_check_one_form_under_packs_with_other_bands_and_formulas(tmp_path):
    lib = tmp_path / "lib"
    fid = stored_form(lib)
    # As read: the printed 良 for 76.50 points is what the 80/70/60 bands give.
    base = check(fid, lib)
    assert base["pack"]["name"] == "national-project-80-70-60"
    assert (base["total_score"], base["grade"]) == ("76.50", "良")

    national = check(fid, lib, "--pack", "national-project")
    assert national["pack"]["name"] == "national-project" and "财预〔2020〕10号" in national["pack"]["label"]
    assert (national["total_score"], national["grade"]) == ("76.50", "中")

    # A finance office's pack scoring 反向 as A/B × W: 服务成本 ≤100万元 at 125万元 earned 7.50
    # by the linear rule (the assistant's figure), 100/125 × 10 = 8.00 by the ratio rule.
    ratio = office_pack(tmp_path, "ratio-office", lambda t: t.replace('negative = "linear"', 'negative = "ratio"'))
    assert cli("packs", "import", str(ratio), "--data-dir", str(lib)).returncode == 0
    moved = check(fid, lib, "--pack", "ratio-office")
    assert moved["pack"] == {"name": "ratio-office", "label": "全国通用 项目支出绩效自评表（财预〔2020〕10号）（ratio-office）"}
    assert (moved["total_score"], moved["grade"]) == ("77.00", "中")
    assert moved["budget_score"] == "10.00"

    # Checking under another pack changed nothing in the library.
    again = check(fid, lib)
    assert again == base


def test_check_and_export_refuse_a_pack_of_the_other_kind_or_an_unknown_one(tmp_path):
    lib = tmp_path / "lib"
    fid = stored_form(lib)
    p = cli("check", fid, "--data-dir", str(lib), "--pack", "shanghai-department")
    assert p.returncode == 2 and p.stdout == ""
    assert "用于部门整体表，本表是项目支出表" in p.stderr and "Traceback" not in p.stderr
    p = cli("export", fid, "--data-dir", str(lib), "--pack", "no-such-pack", "--json", str(tmp_path / "x.json"))
    assert p.returncode == 2 and "没有名为“no-such-pack”的规则包" in p.stderr and "sichuan-project" in p.stderr
    assert not (tmp_path / "x.json").exists()
    # A file (not only a stored form) can be checked under a pack too.
    p = cli("check", str(SEED), "--pack", "mof-department")
    assert p.returncode in (0, 1), p.stderr
    assert json.loads(p.stdout)["pack"]["name"] == "mof-department"


def test_export_under_a_pack_writes_the_moved_form_and_keeps_the_stored_one(tmp_path):
    lib = tmp_path / "lib"
    fid = stored_form(lib)
    out = tmp_path / "moved.json"
    p = cli("export", fid, "--data-dir", str(lib), "--pack", "sichuan-project", "--json", str(out))
    assert p.returncode == 0, p.stderr
    assert "sichuan-project" in p.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["pack"] == "sichuan-project"
    assert [r["label"] for r in written["budget"]["rows"]][:5] == ["总额", "财政资金", "财政专户管理资金", "单位资金", "其他资金"]
    plain = tmp_path / "plain.json"
    assert cli("export", fid, "--data-dir", str(lib), "--json", str(plain)).returncode == 0
    assert json.loads(plain.read_text(encoding="utf-8"))["pack"] == "national-project-80-70-60"
    p = cli("export", "--all", "--pack", "sichuan-project", "--out", str(tmp_path / "all"), "--data-dir", str(lib))
    assert p.returncode == 2 and "--pack 只用于导出单份表单" in p.stderr


def test_text_piped_to_check_gets_the_pack_it_prints():
    env = {k: v for k, v in os.environ.items() if k != "PERFGUI_DATA_DIR"}
    p = subprocess.run([sys.executable, "-m", "perfgui", "check", "-"], input=FORM.read_bytes(),
                       capture_output=True, cwd=ROOT, env=env, timeout=300)
    assert p.returncode in (0, 1), p.stderr.decode("utf-8")
    out = json.loads(p.stdout.decode("utf-8"))
    assert out["pack"]["name"] == "national-project-80-70-60" and out["grade"] == "良"
    assert any(g["kind"] == "pack" for g in out["guesses"])
