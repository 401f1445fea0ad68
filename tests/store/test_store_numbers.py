"""Number bounds: one place (model/numbers.py), checked where numbers enter and before saving."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from perfgui.model import to_dict
from perfgui.model.form_bounds import form_number_problems
from perfgui.model.numbers import (
    BOUNDS, OutOfRange, bound_problem, check_bounds, fmt2, fmt_money, q2,
)
from perfgui.store import StoreError, open_library

ROOT = Path(__file__).resolve().parents[2]
HUGE = "1" * 30  # 30 digits: Decimal's 28-digit context cannot quantize it


@pytest.mark.parametrize("kind,inside,outside", [
    ("money", "99999999999999.9999", "100000000000000"),
    ("money", "-12.5", "-100000000000000"),
    ("points", "100", "100.0001"),
    ("weight", "0", "-0.01"),
    ("rate", "120.5", "10000.5"),
    ("year", "2024", "2101"),
])
def test_each_kind_has_a_range(kind, inside, outside):
    assert bound_problem(kind, Decimal(inside)) == ""
    problem = bound_problem(kind, Decimal(outside), "某项")
    assert problem.startswith("某项") and "超出范围" in problem
    with pytest.raises(OutOfRange):
        check_bounds(kind, Decimal(outside))


def test_at_most_four_decimals_and_years_are_whole():
    assert bound_problem("money", Decimal("1.2345")) == ""
    assert "最多 4 位小数" in bound_problem("money", Decimal("1.23456"))
    assert bound_problem("points", Decimal("2.50000")) == ""  # trailing zeros are no decimals
    assert "不是整数" in bound_problem("year", Decimal("2024.5"))
    assert set(BOUNDS) == {"money", "points", "weight", "rate", "year"}


@pytest.mark.parametrize("digits", [27, 28, 30, 60, 400])
def test_a_very_long_number_never_raises(digits):
    value = Decimal("9" * digits)
    assert "超出范围" in bound_problem("money", value)
    assert len(bound_problem("money", value)) < 120  # the message stays readable
    assert fmt2(value).endswith(".00") and fmt_money(value).endswith(".00")
    assert q2(Decimal("1" * digits + ".005")) == Decimal("1" * digits + ".01")


def test_the_library_never_saves_a_number_out_of_range(tmp_path, seed_form):
    with open_library(tmp_path / "lib") as lib:
        fid = lib.create(copy.deepcopy(seed_form))
        form = lib.load(fid)
        before = to_dict(lib.load(fid))
        form.budget.rows[0].planned = Decimal(HUGE)
        with pytest.raises(StoreError, match="全年预算数.*超出范围.*未保存"):
            lib.save(form)
        form.budget.rows[0].planned = None
        form.scored()[0].score = Decimal("100.5")
        with pytest.raises(StoreError, match="得分 100.5 超出范围"):
            lib.save(form)
        assert to_dict(lib.load(fid)) == before
        bad = copy.deepcopy(seed_form)
        bad.id = ""
        bad.header.year = 20240
        with pytest.raises(StoreError, match="年度 20240 超出范围"):
            lib.create(bad)
        assert [p.name for p in (lib.folder / "forms").iterdir()] == [fid]  # no empty folder left
        assert form_number_problems(lib.load(fid)) == []


def _json_form_file(tmp_path: Path, seed_form, value: str) -> Path:
    data = to_dict(seed_form)
    data["budget"]["rows"][0]["planned"] = value
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _cli(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgui", *argv], capture_output=True,
                          encoding="utf-8", cwd=ROOT, input=stdin)


def test_check_and_import_of_a_file_with_a_30_digit_number_say_what_to_fix(tmp_path, seed_form):
    path = _json_form_file(tmp_path, seed_form, HUGE)
    lib = tmp_path / "lib"
    for argv in (["check", str(path)], ["import", str(path), "--data-dir", str(lib)]):
        p = _cli(*argv)
        assert p.returncode == 2, p.stderr
        assert "Traceback" not in p.stderr and "InvalidOperation" not in p.stderr
        assert p.stderr.startswith("错误：") and "超出范围" in p.stderr and "全年预算数" in p.stderr
    assert not (lib / "forms").exists() or not list((lib / "forms").iterdir())  # no trace left


def test_pasted_text_with_a_30_digit_number_says_what_to_fix(seed_text):
    # The 全年预算数 of 财政拨款 in the pasted table becomes a 30-digit number.
    text = seed_text.replace("275, 112, 698. 88", HUGE, 1)
    assert HUGE in text
    p = _cli("check", "-", stdin=text)
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr and "InvalidOperation" not in p.stderr
    assert p.stderr.startswith("错误：") and "全年预算数" in p.stderr and "超出范围" in p.stderr
