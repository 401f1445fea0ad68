"""A 汇总 applies each form's own 执行率 cap on the total (rule packs), as checking it alone does."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal as D

from perfgui import packs
from perfgui.exchange.outputs import json_bytes
from perfgui.model import FormKind
from perfgui.model.packs import apply_pack
from perfgui.resources import resource_path
from perfgui.review.collect import collect_files, find_files
from perfgui.review.summary import summarise
from review_helpers import clean_form

CAPS = "total_caps = [{ below = 80, max = 89 }, { below = 60, max = 69 }]\n\n[rules]"


def capped_pack():
    text = (resource_path("packs") / "national-project.toml").read_text(encoding="utf-8")
    text = text.replace('name = "national-project"', 'name = "capped-project"').replace("[rules]", CAPS)
    return packs.read_pack_text(text, "测试包")


def test_the_summary_caps_a_total_by_execution_rate_and_says_so(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    pack = capped_pack()
    rates = {"low.json": ("100.00", "70.00"), "high.json": ("100.00", "95.00"), "plain.json": None}
    for name, money in rates.items():
        form = clean_form(f"单位{name}", 2024, FormKind.PROJECT, project=f"项目{name}")
        if money is not None:
            form = apply_pack(form, pack)
            total = form.budget.row("total")
            fiscal = form.budget.row("fiscal")
            total.planned, total.actual = D(money[0]), D(money[1])
            fiscal.planned, fiscal.actual = D(money[0]), D(money[1])
        (folder / name).write_bytes(json_bytes(form))
    s = summarise(collect_files(find_files([folder]), workers=1))
    by_name = {r.path.rsplit("/", 1)[-1].rsplit("\\", 1)[-1]: r for r in s.records}
    low, high = by_name["low.json"], by_name["high.json"]
    assert low.total_score == D(89) and low.grade == "良"
    assert "TOTAL_CAPPED" in {code for _, code, _ in low.findings}
    assert high.total_score > D(89) and "TOTAL_CAPPED" not in {code for _, code, _ in high.findings}
    alone = json.loads(subprocess.run([sys.executable, "-m", "perfgui", "check", str(folder / "low.json")],
                                      capture_output=True, text=True, encoding="utf-8").stdout)
    assert (alone["total_score"], alone["grade"]) == ("89.00", "良")
