"""The reader recognises the pack of a file it reads: the real published forms of each place
come out with the pack of their layout, said as a guess, with their printed scores unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from perfgui import packs
from perfgui.exchange.files import load_guarded, read_form_file, read_unpacked
from perfgui.exchange.pack_choice import choose_pack, ranked
from perfgui.readers.guesses import PACK as PACK_GUESS
from perfgui.model import compute
from perfgui.readers.guesses import PRINTED

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "data" / "real"
PACK_DATA = ROOT / "tests" / "data" / "packs"

# Each corpus form → the pack whose layout it prints.
EXPECTED = {
    "01_shanghai_department_hongqiao.txt": "shanghai-department",  # the seed
    "02_shanghai_project_putuo_sports.xlsx": "shanghai-project",  # 财政项目支出绩效自评表, 元
    "03_sichuan_project_qingshen_wages.xlsx": "sichuan-project",
    # 中江 prints the 全年预算数(A) / 全年执行数(B) 绩效目标自评表, not the Sichuan 部门预算 form.
    "04_sichuan_project_zhongjiang_gauges.xlsx": "national-project",
    "05_yunnan_project_yongde_nutrition.xlsx": "yunnan-project",  # two-row 指标性质 header
    "06_shanxi_project_jishan_medical.xlsx": "national-project",
    "08_anhui_department_jinzhai_villages.xlsx": "mof-department",
    "11_hebei_project_langfang_hvac.xlsx": "national-project",
    "12_anhui_project_tangxi_commission.xlsx": "national-project",
    "14_yunnan_project_linxiang_wildlife.xlsx": "national-project",  # Yunnan, MOF one-row header
    "15_yunnan_project_lijiang_satellite.xlsx": "yunnan-project",  # two-row 指标性质 header
}


def pack_guesses(result):
    return [g for g in result.guesses if g.kind == PACK_GUESS]


@pytest.mark.parametrize("name, pack", sorted(EXPECTED.items()))
def test_each_corpus_form_is_read_with_the_pack_of_its_layout(name, pack):
    result = read_form_file(REAL / name)
    form = result.form
    chosen = packs.find(pack)
    assert packs.pack_of(form) == chosen
    assert packs.layout_of(form) == chosen.layout
    assert form.settings == chosen.settings
    if pack in packs.DEFAULT_PACKS.values():
        # The kind's default is named as every form names it: the seed reads as it always did.
        assert form.pack == "" and form.layout is None
    else:
        assert form.pack == pack and form.layout == chosen.layout
    said = pack_guesses(result)
    assert len(said) == 1
    assert f"（{pack}）" in said[0].message and chosen.title in said[0].message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_choosing_the_pack_keeps_every_printed_figure(name):
    plain = read_unpacked(REAL / name)  # as the recogniser read it, before the pack is chosen
    chosen = read_form_file(REAL / name)
    assert [leaf.score for leaf in chosen.form.root.scored_leaves()] == [
        leaf.score for leaf in plain.form.root.scored_leaves()]
    assert [(r.key, r.label, r.planned, r.actual) for r in chosen.form.budget.rows] == [
        (r.key, r.label, r.planned, r.actual) for r in plain.form.budget.rows]
    assert chosen.form.budget.points == plain.form.budget.points
    assert [f.label for f in chosen.form.signoff.fields] == [f.label for f in plain.form.signoff.fields]
    assert compute(chosen.form).total_score == compute(plain.form).total_score


def test_the_reasons_name_what_the_sichuan_form_prints():
    message = pack_guesses(read_form_file(REAL / "03_sichuan_project_qingshen_wages.xlsx"))[0].message
    for printed in ("部门预算项目支出绩效自评表", "指标性质/指标值/度量单位", "调整后预算数", "财政专户管理资金",
                    "项目负责人"):
        assert printed in message
    order = ranked(read_unpacked(REAL / "03_sichuan_project_qingshen_wages.xlsx"))
    assert order[0].pack.name == "sichuan-project" and order[0].score > order[1].score + 3


def test_only_packs_of_the_forms_kind_are_considered():
    result = read_unpacked(REAL / "08_anhui_department_jinzhai_villages.xlsx")
    assert {m.pack.kind for m in ranked(result)} == {result.form.kind}
    # With no pack of the form's kind to choose from, nothing is set and nothing said.
    only_projects = [p for p in packs.shipped() if p.kind is not result.form.kind]
    assert choose_pack(result, only_projects) is None
    assert result.form.pack == "" and not pack_guesses(result)


def test_our_own_files_keep_the_pack_they_were_saved_with(tmp_path):
    from perfgui.model.packs import apply_pack
    from perfgui.model.serialize import to_dict
    import json

    form = apply_pack(read_form_file(REAL / "06_shanxi_project_jishan_medical.xlsx").form,
                      packs.find("sichuan-project"))
    path = tmp_path / "form.json"
    path.write_text(json.dumps(to_dict(form), ensure_ascii=False), encoding="utf-8")
    again = read_form_file(path)
    assert again.form.pack == "sichuan-project" and not pack_guesses(again)


def test_a_printed_grade_decides_between_packs_that_print_alike():
    # 76.50 points printed as 良: only the 80/70/60 bands give that.
    path = PACK_DATA / "project_76_5_printed_liang.txt"
    result = read_form_file(path)
    assert compute(result.form).total_score == 76.5
    assert result.form.pack == "national-project-80-70-60"
    assert compute(result.form).grade == "良"
    assert "表上印的等级“良”" in pack_guesses(result)[0].message
    # The reader's complaint that 良 is wrong for 76.50 (by the national bands) is gone.
    assert not [g for g in result.guesses if g.kind == PRINTED and "自评等级" in g.message]


def test_a_printed_grade_that_no_pack_gives_is_still_reported(tmp_path):
    text = (PACK_DATA / "project_76_5_printed_liang.txt").read_text(encoding="utf-8")
    path = tmp_path / "printed_you.txt"
    path.write_text(text.replace("76.5\t良", "76.5\t优"), encoding="utf-8")
    result = read_form_file(path)
    assert packs.pack_of(result.form).name == "national-project"
    mismatch = [g for g in result.guesses if g.kind == PRINTED and "自评等级" in g.message]
    assert len(mismatch) == 1 and "“优”" in mismatch[0].message and "“中”" in mismatch[0].message


def test_the_command_lines_reader_chooses_the_pack_too():
    # Plain text is read in the command's own process, other files by the import worker.
    for name, pack in (("01_shanghai_department_hongqiao.txt", "shanghai-department"),
                       ("03_sichuan_project_qingshen_wages.xlsx", "sichuan-project")):
        form, guesses = load_guarded(REAL / name)
        assert packs.pack_of(form).name == pack and packs.layout_of(form) == packs.find(pack).layout
        assert [g for g in guesses if g.kind == PACK_GUESS]


def test_the_seed_read_from_its_file_is_the_seed_form_as_before(seed_form):
    from perfgui.model.serialize import fingerprint

    read = read_form_file(ROOT / "tests" / "data" / "seed_2024.txt").form
    assert packs.pack_of(read).name == "shanghai-department"
    read.id = seed_form.id
    assert fingerprint(read) == fingerprint(seed_form)
