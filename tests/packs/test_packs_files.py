"""Rule pack files: the shipped ones load, a bad one is refused naming its line."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from perfgui import packs
from perfgui.model import FormKind
from perfgui.model.serialize import canonical_json, from_dict, to_dict
from perfgui.resources import resource_path

SHIPPED = sorted(resource_path("packs").glob("*.toml"))


def test_every_shipped_pack_loads_and_cites_its_source():
    assert len(packs.shipped()) == len(SHIPPED) >= 2
    for pack in packs.shipped():
        assert pack.source.strip() and pack.place.strip()
        assert (resource_path("packs") / f"{pack.name}.toml").exists()  # file named after the pack


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_a_form_made_from_each_pack_adds_up_and_survives_a_round_trip(path):
    pack = packs.read_pack_file(path)
    form = packs.new_form(pack, 2024, "测试单位")
    assert form.pack == pack.name and form.layout == pack.layout and form.kind is pack.kind
    weights = sum((s.weight for s in form.sections), D(0)) + (form.budget.points or 0)
    assert weights == 100
    assert [f.label for f in form.signoff.fields] == list(pack.layout.signoff)
    again = from_dict(to_dict(form))
    assert canonical_json(again) == canonical_json(form)
    assert again.layout == pack.layout and again.settings == pack.settings


def test_a_form_without_a_pack_keeps_its_stored_content():
    """Old files (no pack, no layout) serialise exactly as before: their fingerprints hold."""
    form = packs.new_form(packs.default_for(FormKind.DEPARTMENT), 2024)
    form.pack, form.layout = "", None
    data = to_dict(form)
    assert "pack" not in data and "layout" not in data
    assert set(data["settings"]) == {"grade_bands", "lowest_grade", "negative_mode", "over_target_ratio",
                                     "suggestion_share"}
    assert packs.layout_of(form) == packs.default_for(FormKind.DEPARTMENT).layout


GOOD = (resource_path("packs") / "national-project.toml").read_text(encoding="utf-8")


def _refused(text: str) -> str:
    with pytest.raises(packs.PackFileError) as info:
        packs.read_pack_text(text, "测试包")
    return str(info.value)


def _line(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_bad_toml_names_line_and_column():
    text = GOOD.replace('place = "全国"', 'place = "全国')
    msg = _refused(text)
    assert f"第 {_line(text, 'place = ')} 行" in msg and "TOML" in msg


def test_an_unknown_key_is_refused_with_its_line():
    text = GOOD.replace('negative = "linear"', 'negative = "linear"\nnegativ_mode = "ratio"')
    msg = _refused(text)
    assert f"测试包第 {_line(text, 'negativ_mode')} 行" in msg and "negativ_mode" in msg


def test_weights_that_do_not_add_up_are_refused():
    text = GOOD.replace("weight = 50", "weight = 55")
    msg = _refused(text)
    assert "权重合计 105" in msg and "应为 100" in msg and "第" in msg


def test_a_formula_that_does_not_exist_is_refused_with_its_line():
    text = GOOD.replace('negative = "linear"', 'negative = "quadratic"')
    msg = _refused(text)
    assert f"第 {_line(text, 'quadratic')} 行" in msg and "quadratic" in msg and "linear" in msg


def test_a_wrong_column_inside_an_inline_table_names_its_own_line():
    text = GOOD.replace('{ key = "max", label = "分值"', '{ key = "maximum", label = "分值"')
    msg = _refused(text)
    assert f"第 {_line(text, 'maximum')} 行" in msg and "maximum" in msg


def test_grade_bands_out_of_order_are_refused():
    text = GOOD.replace('{ min = 80, label = "良" }', '{ min = 95, label = "良" }')
    msg = _refused(text)
    assert f"第 {_line(text, 'min = 95')} 行" in msg


def test_a_huge_or_binary_file_is_refused(tmp_path: Path):
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (packs.MAX_PACK_BYTES + 10), encoding="utf-8")
    assert "太大" in str(pytest.raises(packs.PackFileError, packs.read_pack_file, big).value)
    gbk = tmp_path / "gbk.toml"
    gbk.write_bytes(GOOD.encode("gbk", errors="replace"))
    assert "UTF-8" in str(pytest.raises(packs.PackFileError, packs.read_pack_file, gbk).value)


def test_import_copies_a_valid_pack_and_refuses_a_shipped_name(tmp_path: Path):
    own = tmp_path / "own.toml"
    own.write_text(GOOD.replace('name = "national-project"', 'name = "city-project"'), encoding="utf-8")
    lib = tmp_path / "lib"
    done = packs.import_pack(own, lib)
    assert done.path == lib / "packs" / "city-project.toml" and not done.replaced
    assert packs.find("city-project", lib).title == done.pack.title
    assert [p.name for p in packs.available(lib)][-1] == "city-project"
    clash = tmp_path / "clash.toml"
    clash.write_text(GOOD, encoding="utf-8")
    assert "自带" in str(pytest.raises(packs.PackFileError, packs.import_pack, clash, lib).value)
    with pytest.raises(packs.PackNotFound, match="national-project"):
        packs.find("nope", lib)
