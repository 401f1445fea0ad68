"""The corpus of real published forms (tests/data/real/) is consistent with itself.

These tests check the data, not the program: every form listed in expected.json exists and
opens, the workbooks are exactly what make_corpus.py writes from the published values, and the
figures worked out by hand add up -- sections to totals, 执行数/预算数 to 执行率, 执行率 to the
budget points, totals to grades -- with every printed figure that disagrees recorded as a
printed mismatch. The reader tests compare what the program reads with these figures.
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest

REAL = Path(__file__).resolve().parent / "data" / "real"
EXPECTED = json.loads((REAL / "expected.json").read_text(encoding="utf-8"))
IDS = [entry["file"] for entry in EXPECTED]

KEYS = {
    "file", "source_file", "source_url", "source_title", "province", "kind", "unit", "department",
    "project_name", "year", "money_unit", "layout", "format", "n_indicators", "template_rows",
    "sections", "budget", "budget_points_max", "budget_points", "total_max", "total_score",
    "printed_total", "grade", "grade_printed", "printed_mismatches", "notes", "partial", "copy_ends",
    "blocks", "indicators",
}
INDICATOR_KEYS = {"level1", "level2", "name", "target", "actual", "max", "score"}
BUDGET_KEYS = {"label", "initial", "budget", "actual", "rate", "rate_computed", "points_max",
               "points", "points_computed"}
PARTS_KEYS = {"initial", "budget", "actual"}
NUMBER = re.compile(r"^\d+(\.\d+)?$")
NAME = re.compile(r"^(\d\d)_[a-z]+_(department|project)_[a-z0-9_]+\.(xlsx|xls|ods|docx|pdf|html|txt)$")
CENT = Decimal("0.01")


def dec(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


def at_precision(value: Decimal, printed: str) -> Decimal:
    """``value`` rounded to the number of decimals ``printed`` was printed with."""
    return value.quantize(Decimal(printed), rounding=ROUND_HALF_UP)


def band(score: Decimal) -> str:
    if score >= 90:
        return "优"
    if score >= 80:
        return "良"
    if score >= 60:
        return "中"
    return "差"


def cell_texts(path: Path) -> list[str]:
    """Every non-empty cell of every sheet as text (numbers without a trailing .0)."""
    texts = []
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            for value in row:
                if value is None:
                    continue
                if isinstance(value, float) and value.is_integer():
                    value = int(value)
                texts.append(str(value))
    return texts


def by_file(name: str) -> dict:
    return next(entry for entry in EXPECTED if entry["file"] == name)


def test_every_entry_has_every_key_and_a_unique_well_formed_name():
    numbers = []
    for entry in EXPECTED:
        assert set(entry) == KEYS, entry["file"]
        match = NAME.match(entry["file"])
        assert match, entry["file"]
        assert match.group(2) == entry["kind"], entry["file"]
        numbers.append(match.group(1))
        assert entry["kind"] in {"department", "project"}
        assert entry["money_unit"] in {"元", "万元"}
        assert entry["grade"] in {"优", "良", "中", "差", None}
        assert isinstance(entry["year"], int) and 2015 <= entry["year"] <= 2025
        assert isinstance(entry["n_indicators"], int) and entry["n_indicators"] > 0
        assert entry["unit"], entry["file"]
        if entry["kind"] == "project":
            assert entry["project_name"], entry["file"]
    assert len(numbers) == len(set(numbers))
    assert numbers == sorted(numbers)


@pytest.mark.parametrize("name", IDS)
def test_form_and_its_source_copy_exist_and_open(name):
    entry = by_file(name)
    path = REAL / name
    assert path.is_file()
    assert (REAL / entry["source_file"]).is_file()
    if path.suffix == ".xlsx":
        wb = openpyxl.load_workbook(path)
        assert wb.worksheets and wb.worksheets[0].max_row > 10
    else:
        assert path.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("name", IDS)
def test_labels_and_printed_total_are_in_the_file(name):
    entry = by_file(name)
    path = REAL / name
    texts = cell_texts(path) if path.suffix == ".xlsx" else [path.read_text(encoding="utf-8")]
    blob = re.sub(r"\s+", "", "".join(texts))  # labels wrap inside cells ("产出\n指标\n(50分)")
    assert entry["unit"] in blob
    if entry["project_name"]:
        assert entry["project_name"] in blob
    if entry["department"]:
        assert entry["department"] in blob
    assert str(entry["year"]) in blob
    assert entry["money_unit"] in blob
    for section in entry["sections"]:
        assert section["name"] in blob, section["name"]
    printed = entry["printed_total"]["score"]
    if printed is not None and path.suffix == ".xlsx":
        assert printed in texts


@pytest.mark.parametrize("name", IDS)
def test_hand_figures_add_up(name):
    entry = by_file(name)
    sections = entry["sections"]
    budget_max, budget_points = entry["budget_points_max"], entry["budget_points"]
    if any(s["max"] is None for s in sections):  # block-weight layouts print no 分值 per indicator
        assert entry["total_max"] is None
    else:
        total_max = sum(dec(s["max"]) for s in sections) + (dec(budget_max) if budget_max else 0)
        assert total_max == dec(entry["total_max"])
    if any(s["score"] is None for s in sections) or (budget_max is not None and budget_points is None):
        assert entry["total_score"] is None
        assert entry["grade"] is None
    else:
        total = sum(dec(s["score"]) for s in sections) + (dec(budget_points) if budget_max else 0)
        assert total == dec(entry["total_score"])
    for section in sections:
        if section["weight"] is not None and section["max"] is not None:
            if entry["partial"]:  # the copy may end inside a section
                assert dec(section["max"]) <= dec(section["weight"]), section["name"]
            else:
                assert dec(section["weight"]) == dec(section["max"]), section["name"]
        if section["score"] is not None and section["max"] is not None:
            assert Decimal(0) <= dec(section["score"]) <= dec(section["max"]), section["name"]


@pytest.mark.parametrize("name", IDS)
def test_partial_copies_say_where_they_end(name):
    entry = by_file(name)
    if entry["partial"]:
        assert entry["copy_ends"]
        assert entry["printed_total"] == {"max": None, "score": None}
        assert entry["grade"] is None and entry["grade_printed"] is None
    else:
        assert entry["copy_ends"] is None


@pytest.mark.parametrize("name", [e["file"] for e in EXPECTED if e["indicators"] is not None])
def test_listed_indicators_add_up_to_their_sections(name):
    entry = by_file(name)
    indicators = entry["indicators"]
    assert len(indicators) == entry["n_indicators"]
    path = REAL / name
    blob = re.sub(r"\s+", "", "".join(cell_texts(path)))
    sections = {s["name"]: s for s in entry["sections"]}
    for item in indicators:
        assert set(item) == INDICATOR_KEYS
        assert item["level1"] in sections, item["name"]
        assert re.sub(r"\s+", "", item["name"]) in blob, item["name"]
    for section_name, section in sections.items():
        items = [i for i in indicators if i["level1"] == section_name]
        assert items, section_name
        if section["max"] is not None and all(i["max"] is not None for i in items):
            assert sum(dec(i["max"]) for i in items) == dec(section["max"]), section_name
        if section["score"] is not None:
            assert sum(dec(i["score"]) for i in items) == dec(section["score"]), section_name
        else:
            assert all(i["score"] is None for i in items)


def amounts(row: dict) -> tuple[Decimal | None, Decimal | None]:
    """Budget and actual of a budget row; a total printed as 0 is computed from its parts."""
    source = row.get("from_parts") or row
    return dec(source["budget"]), dec(source["actual"])


@pytest.mark.parametrize("name", IDS)
def test_budget_rows_compute_as_recorded(name):
    entry = by_file(name)
    assert entry["budget"], name
    scored = [row for row in entry["budget"] if row["points_max"] is not None]
    if entry["budget_points_max"] is None:
        assert scored == []
    else:
        assert scored[0] is entry["budget"][0]  # the headline row; sub-rows may repeat its points
        assert scored[0]["points_max"] == entry["budget_points_max"]
        assert scored[0]["points"] == entry["budget_points"]
    for row in entry["budget"]:
        assert set(row) - {"from_parts"} == BUDGET_KEYS
        for key in ("initial", "budget", "actual", "rate", "points_max", "points"):
            assert row[key] is None or NUMBER.match(row[key]), (row["label"], key, row[key])
        if "from_parts" in row:
            assert set(row["from_parts"]) == PARTS_KEYS
            assert all(NUMBER.match(value) for value in row["from_parts"].values())
        budget, actual = amounts(row)
        if budget and actual is not None:
            rate = (actual / budget * 100).quantize(CENT, rounding=ROUND_HALF_UP)
            assert dec(row["rate_computed"]) == rate, row["label"]
        else:
            assert row["rate_computed"] is None, row["label"]
        if row["points_max"] is not None and budget and actual is not None:
            points = (min(actual / budget, Decimal(1)) * dec(row["points_max"])).quantize(
                CENT, rounding=ROUND_HALF_UP)
            assert dec(row["points_computed"]) == points, row["label"]
        else:
            assert row["points_computed"] is None, row["label"]


@pytest.mark.parametrize("name", IDS)
def test_block_weights_are_listed_with_the_budget_first(name):
    entry = by_file(name)
    blocks = entry["blocks"]
    if blocks is None:
        return
    assert blocks[0]["name"].startswith("预算执行") and blocks[0]["weight"] == entry["budget_points_max"]
    assert all(NUMBER.match(block["weight"]) for block in blocks)


def discrepancies(entry: dict) -> list[tuple[str, str]]:
    """(keyword, printed value) for every printed figure that disagrees with the computed one."""
    found = []
    for row in entry["budget"]:
        for key, value in (row.get("from_parts") or {}).items():
            if dec(row[key]) != dec(value):
                found.append((row["label"].rstrip(":："), row[key]))
        if row["rate"] is not None and row["rate_computed"] is not None:
            if at_precision(dec(row["rate_computed"]), row["rate"]) != dec(row["rate"]):
                found.append(("执行率", row["rate"]))
        if row["points"] is not None and row["points_computed"] is not None:
            if at_precision(dec(row["points_computed"]), row["points"]) != dec(row["points"]):
                found.append(("得分", row["points"]))
    weights = [s["weight"] for s in entry["sections"]]
    if entry["blocks"] and None not in weights and not entry["partial"]:
        for block in entry["blocks"][1:]:
            if dec(block["weight"]) != sum(dec(w) for w in weights):
                found.append((block["name"], block["weight"]))
    printed = entry["printed_total"]
    if printed["max"] is not None and dec(printed["max"]) != dec(entry["total_max"]):
        found.append(("总分", printed["max"]))
    if printed["score"] is not None and entry["total_score"] is not None:
        if dec(printed["score"]) != dec(entry["total_score"]):
            found.append(("总分", printed["score"]))
    return found


@pytest.mark.parametrize("name", IDS)
def test_every_disagreeing_printed_figure_is_recorded(name):
    entry = by_file(name)
    notes = entry["printed_mismatches"]
    found = discrepancies(entry)
    for keyword, printed in set(found):
        assert any(keyword in note and f"印 {printed}" in note for note in notes), (keyword, printed)
    assert len(notes) >= len(set(found))
    if not found:
        assert notes == []
    for note in notes:
        assert "印" in note and "为" in note, note


@pytest.mark.parametrize("name", IDS)
def test_grade_follows_the_total(name):
    entry = by_file(name)
    if entry["total_score"] is None or entry["partial"]:
        return
    computed = band(dec(entry["total_score"]))
    if entry["grade_printed"] is None:
        assert entry["grade"] == computed
    else:
        assert entry["grade"] == entry["grade_printed"]
        if entry["grade_printed"] != computed:
            assert any("等级" in note for note in entry["printed_mismatches"])


def test_workbooks_are_exactly_what_make_corpus_writes(tmp_path):
    script = REAL / "make_corpus.py"
    namespace = {"__name__": "make_corpus", "__file__": str(script)}
    exec(compile(script.read_text(encoding="utf-8"), str(script), "exec"), namespace)
    written = namespace["main"](tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in REAL.glob("*.xlsx"))
    for fresh in written:
        committed = openpyxl.load_workbook(REAL / fresh.name)
        rebuilt = openpyxl.load_workbook(fresh)
        for a, b in zip(committed.worksheets, rebuilt.worksheets, strict=True):
            assert a.title == b.title
            assert sorted(map(str, a.merged_cells.ranges)) == sorted(map(str, b.merged_cells.ranges))
            assert [[c.value for c in r] for r in a.iter_rows()] == [[c.value for c in r] for r in b.iter_rows()]


def test_every_corpus_file_is_listed():
    listed = {entry["file"] for entry in EXPECTED} | {entry["source_file"] for entry in EXPECTED}
    on_disk = {p.relative_to(REAL).as_posix() for p in REAL.rglob("*") if p.is_file()}
    on_disk -= {"expected.json", "README.md", "make_corpus.py"}
    assert on_disk <= listed, on_disk - listed


def test_the_corpus_covers_provinces_kinds_units_and_layouts():
    assert len(EXPECTED) >= 15
    provinces = {entry["province"] for entry in EXPECTED} - {"未知"}
    assert len(provinces) >= 6, provinces
    assert {entry["kind"] for entry in EXPECTED} == {"department", "project"}
    assert {entry["money_unit"] for entry in EXPECTED} == {"元", "万元"}
    layouts = {entry["layout"] for entry in EXPECTED}
    assert {"shanghai_department", "mof_department", "mof_project", "sichuan_project", "two_row_header",
            "ab_budget_project", "block_weight", "block_weight_numbered"} <= layouts
    complete = [entry for entry in EXPECTED if not entry["partial"]]
    assert len(complete) >= 7
