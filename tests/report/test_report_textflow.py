"""Chinese line breaking: no line starts with closing punctuation, nothing lost, words kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgui.report.fonts import BUNDLED, chain
from perfgui.report.textflow import NO_END, NO_START, Typesetter, clean

SIZE = 9.0
MUST_NOT_START = "，。、；：？！）》”"  # the issue's list


@pytest.fixture(scope="module")
def setter():
    return Typesetter(chain(BUNDLED))


def test_the_issues_marks_are_all_kept_off_line_starts():
    assert set(MUST_NOT_START) <= NO_START
    assert set("（《“") <= NO_END


text_st = st.lists(
    st.one_of(
        st.sampled_from(list("绩效自评表部门单位整体支出完成率指标")),
        st.sampled_from(list(MUST_NOT_START + "’」】…")),
        st.sampled_from(list("（《“【")),
        st.text(alphabet="abcXYZ0123456789.,%=()", min_size=1, max_size=12),
        st.just(" "),
    ),
    min_size=1, max_size=80,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(text=text_st, width=st.floats(min_value=12, max_value=220))
def test_breaking_rules_hold_for_any_text_and_width(setter, text, width):
    lines = setter.lines(text, width, SIZE)
    joined = "".join(line.text for line in lines)
    # Nothing is lost but spaces at soft breaks.
    assert joined.replace(" ", "") == clean(text).replace(" ", "")
    for i, line in enumerate(lines):
        t = line.text
        if i > 0:
            assert t[:1] not in NO_START, (text, width, [x.text for x in lines])
        single_unit = len(t) <= 1 or (t.isascii() and " " not in t)
        if i < len(lines) - 1 and not single_unit:
            assert t[-1:] not in NO_END, (text, width, [x.text for x in lines])
        # Only marks hanging at the end, or a single unbreakable unit, may pass the width.
        if line.width > width + 1e-6:
            # (an opening mark kept with the one unit after it may overflow a very narrow column)
            core = t.rstrip("".join(NO_START)).lstrip("".join(NO_END) + " ")
            assert setter.width(core, SIZE) <= width + 1e-6 or len(core) <= 1 or core.isascii()


def test_carries_a_character_down_instead_of_starting_with_a_comma(setter):
    text = "一二三四五，六七八"
    width = setter.width("一二三四五", SIZE) + 0.1  # the comma does not fit on line one
    lines = [line.text for line in setter.lines(text, width, SIZE)]
    assert lines == ["一二三四", "五，六七八"] or lines[1][0] not in NO_START
    assert lines[0] == "一二三四"


def test_consecutive_closing_marks_stay_together(setter):
    text = "他说：“完成了。”然后离开"
    for width in range(20, 120, 3):
        lines = [line.text for line in setter.lines(text, float(width), SIZE)]
        for line in lines[1:]:
            assert line[0] not in NO_START, (width, lines)


def test_numbers_and_words_stay_whole(setter):
    text = "预算数275,112,698.88元，目标=100.00(%)"
    width = setter.width("预算数275,112,698.88", SIZE) - 1
    lines = [line.text for line in setter.lines(text, width, SIZE)]
    assert any("275,112,698.88" in line for line in lines)
    assert any("=100.00(%)" in line for line in lines)


def test_a_word_wider_than_the_line_is_cut(setter):
    word = "x" * 60
    lines = setter.lines(word, 40.0, SIZE)
    assert len(lines) > 1 and "".join(line.text for line in lines) == word
    assert all(line.width <= 40.0 + 1e-6 for line in lines)


def test_newlines_are_hard_breaks_and_tabs_spaces(setter):
    lines = [line.text for line in setter.lines("第一行\r\n第二行\n\n\t第四行", 500.0, SIZE)]
    assert lines == ["第一行", "第二行", "", " 第四行"]


def test_invisible_format_characters_are_dropped():
    assert clean("a\u200bb\ufe0fc\u200dd\ufeff") == "abcd"
